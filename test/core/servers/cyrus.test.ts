// The shared server scenarios (./scenarios.ts) against a private Cyrus started by this file.
import { defineServerScenarios } from './scenarios.js';

defineServerScenarios('cyrus');
