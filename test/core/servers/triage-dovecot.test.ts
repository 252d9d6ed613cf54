// The team triage scenarios (./triage-scenarios.ts) against a private Dovecot started by this file.
import { defineTriageScenarios } from './triage-scenarios.js';

defineTriageScenarios('dovecot');
