// Reads the attributes of one untagged FETCH response (RFC 3501 §7.4.2, RFC 9051 §7.5.2) from the pieces the
// raw reader (raw-fetch.ts) cut it into: text between literals (latin1 strings, each literal's "{n}" marker
// still at its end) and the literals' bytes. Only what a bulk download asks for is read into fields: UID,
// FLAGS, INTERNALDATE, RFC822.SIZE, MODSEQ and BODY[]; any other attribute is skipped, whatever its shape.

/** What the sync engine uses of a fetched message: the subset of imapflow's FetchMessageObject it reads. */
export interface FetchedMessage {
  seq: number;
  uid: number;
  flags?: Set<string>;
  size?: number;
  /** INTERNALDATE (imapflow gives a Date, this reader an ISO string). */
  internalDate?: Date | string;
  modseq?: bigint;
  source?: Buffer;
}

export type ResponsePiece = string | Buffer;

type Value = string | Buffer | null | Value[];
/** The end of the list being read. */
const CLOSE = Symbol('close');

const LITERAL_MARK = /~?\{(\d+)\+?\}\r?\n?$/;

/** Tokenizes the pieces into nested values; a literal piece is a value of its own. */
class Tokens {
  private piece = 0;
  private i = 0;

  constructor(private readonly pieces: readonly ResponsePiece[]) {}

  /** The next value, or undefined at the end of the response, or CLOSE at a `)`. */
  next(): Value | typeof CLOSE | undefined {
    for (;;) {
      const text = this.pieces[this.piece];
      if (text === undefined) return undefined;
      if (typeof text !== 'string') {
        this.piece++;
        this.i = 0;
        return text;
      }
      const c = text.charCodeAt(this.i);
      if (Number.isNaN(c)) {
        this.piece++;
        this.i = 0;
        continue;
      }
      if (c === 32 || c === 13 || c === 10) {
        this.i++;
        continue;
      }
      if (c === 40 /* ( */) {
        this.i++;
        return this.list();
      }
      if (c === 41 /* ) */) {
        this.i++;
        return CLOSE;
      }
      if (c === 34 /* " */) return this.quoted(text);
      if (c === 123 /* { */ || (c === 126 /* ~ */ && text.charCodeAt(this.i + 1) === 123)) {
        // The literal marker at the end of this piece: the value is the next piece (the literal's bytes).
        if (LITERAL_MARK.test(text.slice(this.i))) {
          this.piece++;
          this.i = 0;
          continue;
        }
      }
      return this.atom(text);
    }
  }

  private list(): Value[] {
    const out: Value[] = [];
    for (;;) {
      const v = this.next();
      if (v === undefined || v === CLOSE) return out;
      out.push(v);
    }
  }

  private quoted(text: string): string {
    let out = '';
    let j = this.i + 1;
    for (; j < text.length; j++) {
      const ch = text[j];
      if (ch === '\\') {
        out += text[++j] ?? '';
        continue;
      }
      if (ch === '"') break;
      out += ch;
    }
    this.i = j + 1;
    return out;
  }

  /** An atom; brackets (BODY[HEADER.FIELDS (A B)]) and a partial (<0>) belong to it, spaces inside included. */
  private atom(text: string): string | null {
    let j = this.i;
    let depth = 0;
    for (; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === 91 /* [ */) depth++;
      else if (c === 93 /* ] */) depth--;
      else if (depth === 0 && (c === 32 || c === 40 || c === 41 || c === 13 || c === 10)) break;
    }
    const atom = text.slice(this.i, j);
    this.i = j;
    return atom.toUpperCase() === 'NIL' ? null : atom;
  }
}

function asString(v: Value | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (Buffer.isBuffer(v)) return v.toString('latin1');
  return undefined;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** date-time of RFC 3501 ("17-Jul-1996 02:44:25 -0700") → ISO; undefined when it is not one. */
export function internalDateIso(s: string): string | undefined {
  const m = /^\s*(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)$/.exec(s);
  if (!m) return undefined;
  const month = MONTHS.indexOf((m[2] as string).toUpperCase());
  if (month < 0) return undefined;
  const offsetMin = (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9]));
  const utc = Date.UTC(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6])) - offsetMin * 60_000;
  return Number.isFinite(utc) ? new Date(utc).toISOString() : undefined;
}

function asNumber(v: Value | undefined): number | undefined {
  const s = asString(v);
  const n = s === undefined ? NaN : Number(s);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/**
 * The message of `* <seq> FETCH (…)`, or null when the pieces are not a FETCH response. Attribute names are
 * case-insensitive; a BODY[] given as a quoted string (allowed, rare) is taken as its bytes.
 */
export function readFetchResponse(pieces: readonly ResponsePiece[]): FetchedMessage | null {
  const head = pieces[0];
  if (typeof head !== 'string') return null;
  const m = /^\* (\d+) FETCH \(/i.exec(head);
  if (!m) return null;
  const rest: ResponsePiece[] = [head.slice(m[0].length - 1), ...pieces.slice(1)];
  const top = new Tokens(rest).next();
  if (!Array.isArray(top)) return null;
  const out: FetchedMessage = { seq: Number(m[1]), uid: 0 };
  for (let k = 0; k + 1 < top.length; k += 2) {
    const key = asString(top[k])?.toUpperCase();
    const v = top[k + 1];
    switch (key) {
      case 'UID':
        out.uid = asNumber(v) ?? 0;
        break;
      case 'FLAGS':
        if (Array.isArray(v)) out.flags = new Set(v.map(asString).filter((f): f is string => f !== undefined));
        break;
      case 'RFC822.SIZE': {
        const n = asNumber(v);
        if (n !== undefined) out.size = n;
        break;
      }
      case 'INTERNALDATE': {
        const s = asString(v);
        const iso = s === undefined ? undefined : internalDateIso(s);
        if (iso !== undefined) out.internalDate = iso;
        break;
      }
      case 'MODSEQ': {
        const s = Array.isArray(v) ? asString(v[0]) : undefined;
        if (s !== undefined && /^\d+$/.test(s)) out.modseq = BigInt(s);
        break;
      }
      case 'BODY[]':
      case 'BINARY[]':
        if (Buffer.isBuffer(v)) out.source = v;
        else if (typeof v === 'string') out.source = Buffer.from(v, 'latin1');
        break;
      default:
        break;
    }
  }
  return out;
}
