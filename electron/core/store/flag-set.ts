// IMAP flags as stored: a sorted, de-duplicated JSON array; system flags compared case-insensitively (RFC 3501).
export const SEEN = '\\Seen';
export const FLAGGED = '\\Flagged';

const SYSTEM_FLAGS = ['\\Answered', '\\Deleted', '\\Draft', '\\Flagged', '\\Recent', '\\Seen'];

function sameFlag(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** System flags in their RFC spelling, so that `\seen` from one server and `\Seen` from another compare equal. */
function canonical(flag: string): string {
  return SYSTEM_FLAGS.find((s) => sameFlag(s, flag)) ?? flag;
}

/**
 * \Recent is not kept: it only tells the session that saw a message first (RFC 3501 §2.3.2; IMAP4rev2 dropped it),
 * so the first sync stored it and every later one, in another session, saw the flags "change".
 */
const RECENT = '\\Recent';

export function normalizeFlags(flags: readonly string[]): string[] {
  const out: string[] = [];
  for (const f of flags) {
    if (f !== '' && !sameFlag(f, RECENT) && !out.some((o) => sameFlag(o, f))) out.push(canonical(f));
  }
  return out.sort();
}

export function hasFlag(flags: readonly string[], flag: string): boolean {
  return flags.some((f) => sameFlag(f, flag));
}

export function withFlag(flags: readonly string[], flag: string, present: boolean): string[] {
  const rest = flags.filter((f) => !sameFlag(f, flag));
  return normalizeFlags(present ? [...rest, flag] : rest);
}

export function parseFlags(json: string): string[] {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.filter((f): f is string => typeof f === 'string') : [];
}

/** Column values derived from a flag list. */
export function flagColumns(flags: readonly string[]): { flags_json: string; seen: 0 | 1; flagged: 0 | 1 } {
  const norm = normalizeFlags(flags);
  return {
    flags_json: JSON.stringify(norm),
    seen: hasFlag(norm, SEEN) ? 1 : 0,
    flagged: hasFlag(norm, FLAGGED) ? 1 : 0,
  };
}
