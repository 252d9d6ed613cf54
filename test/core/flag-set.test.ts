// Flags as stored (store/flag-set.ts): one spelling per system flag, sorted, no duplicates, and never \Recent,
// which only says which IMAP session saw the message first.
import { expect, it } from 'vitest';
import { flagColumns, normalizeFlags } from '../../electron/core/store/flag-set.js';

it('system flags get their RFC spelling once, keywords stay as they are, sorted', () => {
  expect(normalizeFlags(['\\seen', '$Label1', '\\SEEN', '\\flagged', ''])).toEqual(['$Label1', '\\Flagged', '\\Seen']);
});

it('\\Recent is never stored, in any case, so a later session sees no change', () => {
  expect(normalizeFlags(['\\Recent', '\\Seen'])).toEqual(['\\Seen']);
  expect(normalizeFlags(['\\recent'])).toEqual([]);
  expect(flagColumns(['\\Recent', '\\Seen', '\\Flagged'])).toEqual({ flags_json: JSON.stringify(['\\Flagged', '\\Seen']), seen: 1, flagged: 1 });
});
