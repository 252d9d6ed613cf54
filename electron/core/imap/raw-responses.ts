// Cuts the bytes an IMAP server sends into whole responses (RFC 9051 §2.2.2, §4.3): a response is a line, or a
// line ending in a literal marker "{n}" (or "~{n}"), then n bytes, then the rest of the response, which may end
// in another literal. Used by raw-fetch.ts, which reads one FETCH off the socket without imapflow's parser.
//
// Each literal is copied once into a buffer of its own (Buffer.allocUnsafeSlow, never the shared pool): the
// sync moves that buffer to the parse worker without copying it again (parse/owns-memory.ts).
import type { ResponsePiece } from './fetch-response.js';

const LITERAL_AT_END = /~?\{(\d+)\+?\}$/;
/** A line this long with no end in sight is not IMAP (imapflow's own limit is in the same range). */
const MAX_LINE_BYTES = 1024 * 1024;
/** No mail server sends a message this big; a larger count is a broken stream, not something to allocate. */
const MAX_LITERAL_BYTES = 1024 * 1024 * 1024;

/**
 * Called with each complete response: its pieces (lines without their CRLF, literals as bytes), its first line,
 * and a way to get its bytes as received. Returns true to stop cutting (the command completed).
 */
export type OnResponse = (pieces: ResponsePiece[], head: string, bytes: () => Buffer[]) => boolean;

export class ResponseCutter {
  private partial: Buffer | null = null;
  private pieces: ResponsePiece[] = [];
  private literal: Buffer | null = null;
  private literalAt = 0;

  constructor(private readonly onResponse: OnResponse) {}

  /**
   * Takes the next bytes; returns null while the cutter wants more, or what follows the response for which
   * onResponse returned true (possibly empty), which the cutter did not read.
   */
  push(chunk: Buffer): Buffer | null {
    let pos = 0;
    while (pos < chunk.length) {
      const literal = this.literal;
      if (literal) {
        const n = Math.min(literal.length - this.literalAt, chunk.length - pos);
        chunk.copy(literal, this.literalAt, pos, pos + n);
        this.literalAt += n;
        pos += n;
        if (this.literalAt === literal.length) {
          this.pieces.push(literal);
          this.literal = null;
        }
        continue;
      }
      const lf = chunk.indexOf(10, pos);
      if (lf < 0) {
        const rest = chunk.subarray(pos);
        this.partial = this.partial ? Buffer.concat([this.partial, rest]) : Buffer.from(rest);
        if (this.partial.length > MAX_LINE_BYTES) throw new Error(`response line longer than ${MAX_LINE_BYTES} bytes`);
        return null;
      }
      const tail = chunk.subarray(pos, lf + 1);
      const lineBytes = this.partial ? Buffer.concat([this.partial, tail]) : tail;
      this.partial = null;
      // The same limit when the whole line came in one chunk (a test met it: only pieces were checked).
      if (lineBytes.length > MAX_LINE_BYTES + 2) throw new Error(`response line longer than ${MAX_LINE_BYTES} bytes`);
      pos = lf + 1;
      const end = lineBytes.length - (lineBytes.length >= 2 && lineBytes[lineBytes.length - 2] === 13 ? 2 : 1);
      const line = lineBytes.toString('latin1', 0, end);
      this.pieces.push(line);
      const marker = LITERAL_AT_END.exec(line);
      if (marker) {
        const size = Number(marker[1]);
        if (size > MAX_LITERAL_BYTES) throw new Error(`literal of ${size} bytes announced`);
        this.literal = Buffer.allocUnsafeSlow(size);
        this.literalAt = 0;
        if (this.literal.length === 0) {
          this.pieces.push(this.literal);
          this.literal = null;
        }
        continue;
      }
      const pieces = this.pieces;
      this.pieces = [];
      if (this.onResponse(pieces, pieces[0] as string, () => bytesOf(pieces))) return chunk.subarray(pos);
    }
    return null;
  }
}

/** A response's bytes as the server sent them: each line with its CRLF, each literal as is. */
function bytesOf(pieces: readonly ResponsePiece[]): Buffer[] {
  return pieces.map((p) => (typeof p === 'string' ? Buffer.from(`${p}\r\n`, 'latin1') : p));
}
