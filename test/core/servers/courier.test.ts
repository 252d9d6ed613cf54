// The shared server scenarios (./scenarios.ts) against a private Courier started by this file.
import { defineServerScenarios } from './scenarios.js';

defineServerScenarios('courier');
