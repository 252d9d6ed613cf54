// Removes secrets from text bound for logs, including the forms a secret takes on the way to a server or a
// log line: JSON-escaped, IMAP quoted-string escaped, URL-encoded.
export const REDACTED = '[redacted]';

function forms(secret: string): string[] {
  return [
    secret,
    JSON.stringify(secret).slice(1, -1),
    secret.replace(/[\\"]/g, (c) => '\\' + c),
    encodeURIComponent(secret),
  ];
}

export function redact(text: string, secrets: readonly string[]): string {
  const all = new Set<string>();
  for (const s of secrets) if (s) for (const f of forms(s)) all.add(f);
  if (all.size === 0) return text;
  // One pass, longest alternative first: a secret containing another is removed whole, and text already
  // replaced is never matched again.
  const pattern = [...all]
    .sort((a, b) => b.length - a.length)
    .map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
  return text.replace(new RegExp(pattern, 'g'), REDACTED);
}
