// The team triage scenarios (./triage-scenarios.ts) against a private Cyrus started by this file.
import { defineTriageScenarios } from './triage-scenarios.js';

defineTriageScenarios('cyrus');
