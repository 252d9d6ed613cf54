// Where each exported message goes: <out>/<mailbox>/<folder…>/ with names safe on Windows, macOS and Linux.
// Folder hierarchies keep their structure (INBOX.Clients.2024 → INBOX/Clients/2024), whatever the server's
// separator, so an export reads like the mailbox it came from.

// Characters Windows refuses in names, control characters, and names Windows reserves for devices.
const UNSAFE = /[<>:"/\\|?*\u0000-\u001f]/g;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/** One path segment: no separator, no dots-only name, no trailing dot/space (Windows drops them), ≤ 100 chars. */
export function safeSegment(name: string): string {
  let s = name.normalize('NFC').replace(UNSAFE, '_').replace(/[. ]+$/, '').trim();
  if (s === '' || /^\.+$/.test(s)) s = '_';
  if (RESERVED.test(s)) s = `_${s}`;
  return s.slice(0, 100);
}

/** The mailbox folder: its address (unique per server login), then the id to keep two same-address boxes apart. */
export function mailboxDirName(m: { id: number; email_address: string }): string {
  return safeSegment(`${m.email_address} (${m.id})`);
}

/** Splits an IMAP folder path on its hierarchy separator into safe segments. */
export function folderSegments(path: string, delimiter: string | null): string[] {
  const parts = delimiter ? path.split(delimiter) : [path];
  return parts.filter((p) => p !== '').map(safeSegment);
}

/** Guesses the separator of stored paths when the server's is not recorded: '/' or '.', else none. */
export function guessDelimiter(path: string): string | null {
  if (path.includes('/')) return '/';
  if (/^INBOX\./i.test(path)) return '.';
  return null;
}
