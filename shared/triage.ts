// Team triage as IMAP keywords (issue 16): the one place that knows the keyword scheme documented in
// docs/triage.md, so the core, the CLI and the UI read and write the same atoms. Runs anywhere (no node:, no DOM).
//
//   $Releve_Todo / $Releve_Doing / $Releve_Done   the state (none on a message in INBOX = "à traiter")
//   $Releve_To_<name>                              who handles it
//   $Releve_By_<name>                              who changed the state or assignee last
//
// <name> keeps ASCII letters and digits and writes every other UTF-8 byte as "_" + two hex digits, so any
// name round-trips through an IMAP atom ("Marie-Hélène" → "Marie_2DH_C3_A9l_C3_A8ne"). Keywords compare
// case-insensitively (RFC 3501), so names do too: "marie" and "Marie" are the same colleague.

export type TriageState = 'todo' | 'doing' | 'done';
export const TRIAGE_STATES: readonly TriageState[] = ['todo', 'doing', 'done'];

/** The sidebar views: the three states plus "à moi" and "non assignés" (open messages only). */
export type TriageView = 'todo' | 'mine' | 'unassigned' | 'doing' | 'done';
export const TRIAGE_VIEWS: readonly TriageView[] = ['todo', 'mine', 'unassigned', 'doing', 'done'];

export const TRIAGE_PREFIX = '$Releve_';
export const STATE_KEYWORDS: Readonly<Record<TriageState, string>> = {
  todo: '$Releve_Todo',
  doing: '$Releve_Doing',
  done: '$Releve_Done',
};
export const ASSIGNEE_PREFIX = '$Releve_To_';
export const BY_PREFIX = '$Releve_By_';

/** Dovecot's default mail_max_keyword_length is 50: the encoded name must fit after the 11-character prefix. */
export const MAX_KEYWORD_LENGTH = 50;
export const MAX_ENCODED_NAME = MAX_KEYWORD_LENGTH - ASSIGNEE_PREFIX.length;

const KEEP = /^[A-Za-z0-9]$/;
const hex = (b: number) => b.toString(16).toUpperCase().padStart(2, '0');

/** A person's name as atom characters (reversible, see the header). */
export function encodeName(name: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(name.normalize('NFC'))) {
    const c = String.fromCharCode(b);
    out += b < 0x80 && KEEP.test(c) ? c : `_${hex(b)}`;
  }
  return out;
}

/** The name back from its atom form; null when it is not a valid encoding (a keyword another tool wrote). */
export function decodeName(encoded: string): string | null {
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    const c = encoded[i] as string;
    if (c === '_') {
      const h = encoded.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(h)) return null;
      bytes.push(parseInt(h, 16));
      i += 2;
    } else if (KEEP.test(c)) bytes.push(c.charCodeAt(0));
    else return null;
  }
  if (bytes.length === 0) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return null;
  }
}

/** Why a "who am I" / assignee name cannot be used, or null when it can. */
export function nameProblem(name: string): 'empty' | 'too_long' | null {
  const n = name.trim();
  if (n === '') return 'empty';
  return encodeName(n).length > MAX_ENCODED_NAME ? 'too_long' : null;
}

export const assigneeKeyword = (name: string): string => ASSIGNEE_PREFIX + encodeName(name.trim());
export const byKeyword = (name: string): string => BY_PREFIX + encodeName(name.trim());

const startsWithCi = (s: string, prefix: string) => s.slice(0, prefix.length).toLowerCase() === prefix.toLowerCase();

export function isTriageKeyword(flag: string): boolean {
  return startsWithCi(flag, TRIAGE_PREFIX);
}

export const isAssigneeKeyword = (flag: string): boolean => startsWithCi(flag, ASSIGNEE_PREFIX);
export const isByKeyword = (flag: string): boolean => startsWithCi(flag, BY_PREFIX);

export interface TriageKeywords {
  /** The explicit state; when several are present (two installs raced), done > doing > todo. */
  state: TriageState | null;
  assignee: string | null;
  by: string | null;
}

/** What a message's flags say. Several assignees (a race): the first in sorted order, the same on every install. */
export function readTriageKeywords(flags: readonly string[]): TriageKeywords {
  const lower = new Set(flags.map((f) => f.toLowerCase()));
  const state = (['done', 'doing', 'todo'] as const).find((s) => lower.has(STATE_KEYWORDS[s].toLowerCase())) ?? null;
  const pick = (prefix: string) => {
    const names = flags
      .filter((f) => startsWithCi(f, prefix))
      .sort()
      .map((f) => decodeName(f.slice(prefix.length)))
      .filter((n): n is string => n !== null);
    return names[0] ?? null;
  };
  return { state, assignee: pick(ASSIGNEE_PREFIX), by: pick(BY_PREFIX) };
}

/** One flag to add or remove on the server. */
export interface KeywordChange {
  flag: string;
  add: boolean;
}

/**
 * The keyword changes that take a message from `current` flags to the asked state/assignee, made by `me`.
 * Removals come first: two installs racing then end with both states (resolved by precedence), never none.
 */
export function triageChanges(
  current: readonly string[],
  ask: { state?: TriageState; assignee?: string | null },
  me: string | null,
): KeywordChange[] {
  const has = (flag: string) => current.some((f) => f.toLowerCase() === flag.toLowerCase());
  const removes: KeywordChange[] = [];
  const adds: KeywordChange[] = [];
  if (ask.state !== undefined) {
    for (const s of TRIAGE_STATES) if (s !== ask.state && has(STATE_KEYWORDS[s])) removes.push({ flag: STATE_KEYWORDS[s], add: false });
    if (!has(STATE_KEYWORDS[ask.state])) adds.push({ flag: STATE_KEYWORDS[ask.state], add: true });
  }
  if (ask.assignee !== undefined) {
    const want = ask.assignee === null ? null : assigneeKeyword(ask.assignee).toLowerCase();
    for (const f of current) if (isAssigneeKeyword(f) && f.toLowerCase() !== want) removes.push({ flag: f, add: false });
    if (ask.assignee !== null && !has(assigneeKeyword(ask.assignee))) adds.push({ flag: assigneeKeyword(ask.assignee), add: true });
  }
  if (removes.length + adds.length > 0) {
    // Who changed it: only this install's name, never a stale one from an earlier change.
    const mine = me === null || nameProblem(me) !== null ? null : byKeyword(me).toLowerCase();
    for (const f of current) if (isByKeyword(f) && f.toLowerCase() !== mine) removes.push({ flag: f, add: false });
    if (me !== null && mine !== null && !has(byKeyword(me))) adds.push({ flag: byKeyword(me), add: true });
  }
  return [...removes, ...adds];
}
