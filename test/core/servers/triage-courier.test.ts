// The team triage scenarios (./triage-scenarios.ts) against a private Courier started by this file.
import { defineTriageScenarios } from './triage-scenarios.js';

defineTriageScenarios('courier');
