import { createHash } from 'node:crypto';

/**
 * Mailspring-style content key: the same message keeps the same key across a UIDVALIDITY reset or a move,
 * so stored rows are re-linked instead of duplicated. Inputs are normalised because header-only and full
 * parses must agree.
 */
export function contentKey(fields: {
  message_id: string | null;
  date: string | null;
  subject: string;
  from: string | null;
  to: string[];
}): string {
  const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  const parts = [
    norm(fields.message_id ?? ''),
    fields.date ?? '',
    norm(fields.subject),
    norm(fields.from ?? ''),
    fields.to.map(norm).sort().join(','),
  ];
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 32);
}
