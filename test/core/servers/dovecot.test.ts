// The shared server scenarios (./scenarios.ts) against a private Dovecot started by this file.
import { defineServerScenarios } from './scenarios.js';

defineServerScenarios('dovecot');
