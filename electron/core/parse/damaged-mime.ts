// A multipart message whose structure is broken (no boundary parameter, a boundary that never appears, or no
// closing boundary: a truncated message) parses "successfully" into nothing or into part of itself. The reader
// must then say the message is damaged and show what could be read, rather than an empty body.

/** The header block and where the body starts (CRLF or bare LF line ends). */
function splitHeader(raw: Buffer): { header: string; bodyStart: number } {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const at = crlf >= 0 && (lf < 0 || crlf < lf) ? { i: crlf, n: 4 } : lf >= 0 ? { i: lf, n: 2 } : { i: raw.length, n: 0 };
  return { header: raw.subarray(0, Math.min(at.i, 64 * 1024)).toString('latin1'), bodyStart: at.i + at.n };
}

/** Why the top-level multipart structure is broken, or null when it is not (or the message is not multipart). */
export function multipartDamage(source: Uint8Array): string | null {
  const raw = Buffer.from(source.buffer, source.byteOffset, source.byteLength);
  const { header, bodyStart } = splitHeader(raw);
  const unfolded = header.replace(/\r?\n[ \t]+/g, ' ');
  const ct = /^content-type:\s*([^\r\n]*)/im.exec(unfolded)?.[1] ?? '';
  if (!/^\s*multipart\//i.test(ct)) return null;
  const boundary = /boundary\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(ct);
  const b = boundary?.[1] ?? boundary?.[2];
  if (!b) return 'multipart without a boundary';
  const open = raw.indexOf(`--${b}`, bodyStart);
  if (open < 0) return 'multipart boundary never found';
  if (raw.indexOf(`--${b}--`, open) < 0) return 'multipart not closed (truncated message)';
  return null;
}

/** The body as text when nothing else could be read from it (capped: it is shown as plain text). */
export function rawBodyText(source: Uint8Array, cap = 2 * 1024 * 1024): string {
  const raw = Buffer.from(source.buffer, source.byteOffset, source.byteLength);
  const { bodyStart } = splitHeader(raw);
  return raw.subarray(bodyStart, bodyStart + cap).toString('utf8');
}
