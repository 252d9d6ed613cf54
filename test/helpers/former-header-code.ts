// The fast reader's header code as it was before it read fields from the bytes (main at 619e883:
// fast-reader.ts openPart's header loop, mime-headers.ts parseHeaderBlock, parseStructured, transferEncoding),
// kept as the reference test/core/header-block.test.ts compares the new code with.
import { READER_KEYS } from '../../electron/core/parse/header-fields.js';
import { hexNibble } from '../../electron/core/parse/mime-body.js';
import { textDecoderFor } from '../../electron/core/parse/mime-charset.js';
import { Unusual, type HeaderField, type Structured } from '../../electron/core/parse/mime-headers.js';

const isWsp = (c: number): boolean => c === 0x20 || c === 0x09;

function refTrimWsp(str: string): string {
  let start = 0;
  let end = str.length;
  while (start < end && isWsp(str.charCodeAt(start))) start++;
  while (end > start && isWsp(str.charCodeAt(end - 1))) end--;
  return str.slice(start, end);
}

function refStripLineEnd(line: string): string {
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) === 0x0d) end--;
  return end === line.length ? line : line.slice(0, end);
}

function refParseHeaderBlock(text: string): HeaderField[] {
  const groups: string[][] = [];
  for (const raw of text.split('\n')) {
    const line = refStripLineEnd(raw);
    if (line.length === 0) continue;
    const last = groups[groups.length - 1];
    if (last && isWsp(line.charCodeAt(0))) last.push(line);
    else groups.push([line]);
  }
  return groups.map((parts) => {
    const unfolded = parts.join('');
    const sep = unfolded.indexOf(':');
    const key = refTrimWsp(sep < 0 ? unfolded : unfolded.slice(0, sep));
    const value = sep < 0 ? '' : refTrimWsp(unfolded.slice(sep + 1).replace(/[\r\n]+/g, ' '));
    return { key: key.toLowerCase(), value };
  });
}

function refLineEnd(buf: Buffer, p: number): { end: number; next: number } {
  const nl = buf.indexOf(0x0a, p);
  let end = nl < 0 ? buf.length : nl;
  while (end > p && buf[end - 1] === 0x0d) end--;
  return { end, next: nl < 0 ? buf.length : nl + 1 };
}

/** openPart's loop, then the whole block decoded and parsed, then only the keys the reader reads. */
export function refReadHeaderBlock(buf: Buffer, start: number, isDelimiter: ((s: number, e: number) => boolean) | null) {
  let pos = start;
  let headerEnd = buf.length;
  let bodyStart = -1;
  while (pos < buf.length) {
    const { end, next } = refLineEnd(buf, pos);
    if (end === pos) {
      headerEnd = pos;
      bodyStart = next;
      break;
    }
    if (isDelimiter && isDelimiter(pos, end)) {
      headerEnd = pos;
      break;
    }
    pos = next;
  }
  const fields = refParseHeaderBlock(buf.toString('utf8', start, headerEnd)).filter((f) => READER_KEYS.includes(f.key));
  return { fields, end: headerEnd, bodyStart };
}

export function refParseStructured(str: string): Structured {
  if (str.includes('(')) throw new Unusual('comment in a structured header');
  const response: Structured = { value: '', params: {} };
  let key: string | false = false;
  let value = '';
  let stage: 'key' | 'value' = 'value';
  let pendingSpace = '';
  let quoteClosed = false;
  let quote = false;
  let escaped = false;
  const addChr = (c: string) => {
    if (value.length) value += pendingSpace;
    pendingSpace = '';
    value += c;
  };
  const takeValue = () => {
    const result = value;
    value = '';
    pendingSpace = '';
    quoteClosed = false;
    return result;
  };
  const storeParam = (name: string, result: string) => {
    if (!Object.prototype.hasOwnProperty.call(response.params, name)) response.params[name] = result;
  };
  const storeValue = () => {
    const result = takeValue();
    if (key === false) response.value = result;
    else storeParam(key, result);
  };
  const storeEmptyKey = () => {
    const name = takeValue().trim();
    if (name) storeParam(name.toLowerCase(), '');
  };
  for (let i = 0; i < str.length; i++) {
    const chr = str.charAt(i);
    if (stage === 'key') {
      if (chr === '=') {
        key = takeValue().trim().toLowerCase();
        stage = 'value';
      } else if (chr === ';') storeEmptyKey();
      else value += chr;
      continue;
    }
    if (escaped) addChr(chr);
    else if (quote && chr === '\\') {
      escaped = true;
      continue;
    } else if (quote && chr === '"') {
      quote = false;
      quoteClosed = true;
    } else if (!quote && chr === '"') {
      quote = true;
      if (value.length) value += pendingSpace;
      pendingSpace = '';
    } else if (!quote && chr === ';') {
      storeValue();
      stage = 'key';
    } else if (!quote && (chr === ' ' || chr === '\t')) pendingSpace += chr;
    else if (!quoteClosed) addChr(chr);
    escaped = false;
  }
  if (stage === 'value') storeValue();
  else storeEmptyKey();
  if (response.value) response.value = response.value.toLowerCase();
  refDecodeContinuations(response.params);
  return response;
}

const encoder = new TextEncoder();

function refDecodePercent(encoded: string, charset: string | null): string {
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    const c = encoded.charAt(i);
    const high = c === '%' ? hexNibble(encoded.charCodeAt(i + 1)) : -1;
    const low = high >= 0 ? hexNibble(encoded.charCodeAt(i + 2)) : -1;
    if (low >= 0) {
      bytes.push((high << 4) | low);
      i += 2;
    } else if (c.charCodeAt(0) > 126) bytes.push(...encoder.encode(c));
    else bytes.push(c.charCodeAt(0));
  }
  return textDecoderFor(charset || 'utf-8').decode(Uint8Array.from(bytes));
}

function refDecodeContinuations(params: Record<string, string>): void {
  const groups = new Map<string, { charset: string | null; values: Array<{ nr: number; value: string; encoded: boolean }> }>();
  for (const key of Object.keys(params)) {
    const match = key.match(/\*((\d+)\*?)?$/);
    if (!match) continue;
    const name = key.slice(0, match.index).toLowerCase();
    const nr = Number(match[2]) || 0;
    const group = groups.get(name) ?? { charset: null, values: [] };
    groups.set(name, group);
    let value = params[key] as string;
    const encoded = match[0].endsWith('*');
    const lang = nr === 0 && encoded ? value.match(/^([^']*)'[^']*'(.*)$/) : null;
    if (lang) {
      group.charset = lang[1] || 'utf-8';
      value = lang[2] as string;
    }
    group.values.push({ nr, value, encoded });
    delete params[key];
  }
  for (const [name, group] of groups) {
    let result = '';
    let pending = '';
    for (const part of group.values.sort((a, b) => a.nr - b.nr)) {
      if (part.encoded) {
        pending += part.value;
        continue;
      }
      if (pending) result += refDecodePercent(pending, group.charset);
      pending = '';
      result += part.value;
    }
    if (pending) result += refDecodePercent(pending, group.charset);
    params[name] = result;
  }
}

export function refTransferEncoding(value: string): 'base64' | 'qp' | 'plain' {
  if (value.includes('(')) throw new Unusual('comment in Content-Transfer-Encoding');
  const token = (value.toLowerCase().match(/[\w-]+/) ?? [''])[0];
  if (/base64/i.test(token)) return 'base64';
  if (/quoted-printable/i.test(token)) return 'qp';
  return 'plain';
}
