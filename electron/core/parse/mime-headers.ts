// Header blocks and structured header values, read exactly as postal-mime reads them (mime-node.ts:
// processHeaders, parseStructuredHeader; decode-strings.ts: decodeParameterValueContinuations), for the
// fast reader (fast-reader.ts). What postal-mime treats with machinery this module does not reproduce (RFC
// 822 comments, charsets outside mime-charset.ts) throws Unusual so the caller falls back to postal-mime.
import { hexNibble } from './mime-body.js';
import { textDecoderFor } from './mime-charset.js';
import { Unusual } from './unusual.js';

export { Unusual };

export interface HeaderField {
  key: string;
  value: string;
}

const isWsp = (c: number): boolean => c === 0x20 || c === 0x09;

/** Trimmed of SP/HTAB only (String#trim takes more), as postal-mime trims header keys and values. */
export function trimWsp(str: string): string {
  let start = 0;
  let end = str.length;
  while (start < end && isWsp(str.charCodeAt(start))) start++;
  while (end > start && isWsp(str.charCodeAt(end - 1))) end--;
  return start === 0 && end === str.length ? str : str.slice(start, end);
}

/** A line as postal-mime's readLine yields it: without its line feed and without trailing CRs. */
function stripLineEnd(line: string): string {
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) === 0x0d) end--;
  return end === line.length ? line : line.slice(0, end);
}

/**
 * Fields of a header block (`text` = the header lines, UTF-8 decoded, line feeds included). Folded lines
 * are joined without their line break, keys lowercased, values trimmed of SP/HTAB, in document order.
 */
export function parseHeaderBlock(text: string): HeaderField[] {
  const groups: string[][] = [];
  for (const raw of text.split('\n')) {
    const line = stripLineEnd(raw);
    if (line.length === 0) continue; // only the trailing piece after the last line feed
    const last = groups[groups.length - 1];
    if (last && isWsp(line.charCodeAt(0))) last.push(line);
    else groups.push([line]);
  }
  return groups.map((parts) => {
    const unfolded = parts.join('');
    const sep = unfolded.indexOf(':');
    const key = trimWsp(sep < 0 ? unfolded : unfolded.slice(0, sep));
    const value = sep < 0 ? '' : trimWsp(unfolded.slice(sep + 1).replace(/[\r\n]+/g, ' '));
    return { key: key.toLowerCase(), value };
  });
}

export interface Structured {
  value: string;
  params: Record<string, string>;
}

const SEMI = 0x3b;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * `type/subtype; name=value; name="quoted"`, first occurrence of a parameter wins, value lowercased.
 * A port of postal-mime's parseStructuredHeader for values without comments. Its state machine goes character
 * by character, building strings one character at a time; this one takes each run of characters the machine
 * treats alike (a key up to `=`/`;`, a run of ordinary characters, of SP/HTAB, of quoted text) as one slice,
 * with the same effect (test/core/header-block.test.ts compares them), and no closures.
 */
export function parseStructured(str: string): Structured {
  if (str.includes('(')) throw new Unusual('comment in a structured header');
  const response: Structured = { value: '', params: {} };
  const n = str.length;
  /** undefined while reading the main value, then the parameter being read. */
  let key: string | undefined;
  let value = '';
  let pendingSpace = '';
  let quoteClosed = false;
  let quote = false;
  /** Whether a parameter name has a `*`: only then can it be an RFC 2231 section. */
  let sections = false;
  let i = 0;
  while (i < n) {
    const c = str.charCodeAt(i);
    let j = i + 1;
    /** Characters postal-mime adds one by one (addChr): the pending space goes in before the first. */
    let run: string | null = null;
    if (quote) {
      if (c === BACKSLASH) {
        // The escaped character is added even after a closed quote; a final backslash adds nothing.
        if (j < n) run = str.charAt(j);
        j++;
      } else if (c === QUOTE) {
        quote = false;
        quoteClosed = true;
      } else {
        while (j < n && str.charCodeAt(j) !== BACKSLASH && str.charCodeAt(j) !== QUOTE) j++;
        if (!quoteClosed) run = str.slice(i, j);
      }
    } else if (c === QUOTE) {
      quote = true;
      if (value.length) value += pendingSpace;
      pendingSpace = '';
    } else if (c === SEMI) {
      if (key === undefined) response.value = value;
      else storeParam(response.params, key, value);
      value = '';
      pendingSpace = '';
      quoteClosed = false;
      // The key stage takes every character up to `=` as is; each `;` before it stores a parameter without value.
      for (;;) {
        let k = j;
        while (k < n && str.charCodeAt(k) !== EQUALS && str.charCodeAt(k) !== SEMI) k++;
        const text = str.slice(j, k);
        if (text.includes('*')) sections = true; // trimming and lowercasing neither add nor remove a `*`
        if (k === n) {
          storeEmptyKey(response.params, text);
          return finish(response, sections);
        }
        if (str.charCodeAt(k) === EQUALS) {
          key = text.trim().toLowerCase();
          j = k + 1;
          break;
        }
        storeEmptyKey(response.params, text);
        j = k + 1;
      }
    } else if (c === 0x20 || c === 0x09) {
      while (j < n && (str.charCodeAt(j) === 0x20 || str.charCodeAt(j) === 0x09)) j++;
      pendingSpace = pendingSpace ? pendingSpace + str.slice(i, j) : str.slice(i, j);
    } else {
      while (j < n) {
        const d = str.charCodeAt(j);
        if (d === QUOTE || d === SEMI || d === 0x20 || d === 0x09) break;
        j++;
      }
      if (!quoteClosed) run = str.slice(i, j);
    }
    if (run !== null) {
      if (value.length) value += pendingSpace;
      pendingSpace = '';
      value += run;
    }
    i = j;
  }
  if (key === undefined) response.value = value;
  else storeParam(response.params, key, value);
  return finish(response, sections);
}

/** First occurrence wins (`__proto__` is dropped, as the assignment ignores a string there). */
function storeParam(params: Record<string, string>, name: string, value: string): void {
  if (!Object.prototype.hasOwnProperty.call(params, name)) params[name] = value;
}

/** `; name;` — a parameter without `=`, stored empty when it has a name. */
function storeEmptyKey(params: Record<string, string>, text: string): void {
  const name = text.trim();
  if (name) storeParam(params, name.toLowerCase(), '');
}

/** The end of the string: the value lowercased, RFC 2231 sections joined. */
function finish(response: Structured, sections: boolean): Structured {
  if (response.value) response.value = response.value.toLowerCase();
  if (sections) decodeContinuations(response.params);
  return response;
}

const encoder = new TextEncoder();

/** `%XX` sequences as bytes, other characters as their UTF-8, then decoded with the section's charset. */
function decodePercent(encoded: string, charset: string | null): string {
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

/** RFC 2231: `name*0*=utf-8''r%C3%A9; name*1=sum%C3%A9.pdf` → `name` (only `*` sections are %-encoded). */
function decodeContinuations(params: Record<string, string>): void {
  let groups: Map<string, { charset: string | null; values: Array<{ nr: number; value: string; encoded: boolean }> }> | undefined;
  for (const key of Object.keys(params)) {
    const match = key.includes('*') ? key.match(/\*((\d+)\*?)?$/) : null; // most parameters have no section
    if (!match) continue;
    const name = key.slice(0, match.index).toLowerCase();
    const nr = Number(match[2]) || 0;
    groups ??= new Map();
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
  if (!groups) return;
  for (const [name, group] of groups) {
    let result = '';
    let pending = '';
    for (const part of group.values.sort((a, b) => a.nr - b.nr)) {
      if (part.encoded) {
        pending += part.value;
        continue;
      }
      if (pending) result += decodePercent(pending, group.charset);
      pending = '';
      result += part.value;
    }
    if (pending) result += decodePercent(pending, group.charset);
    params[name] = result;
  }
}

/** The transfer encoding token, as postal-mime picks its decoder from it. */
export function transferEncoding(value: string): 'base64' | 'qp' | 'plain' {
  // The usual spellings, answered as the general rule below answers them, without its strings and match arrays.
  switch (value) {
    case '7bit': case '8bit': case '7BIT': case '8BIT': case 'binary':
      return 'plain';
    case 'base64': case 'Base64': case 'BASE64':
      return 'base64';
    case 'quoted-printable': case 'Quoted-Printable': case 'QUOTED-PRINTABLE': case 'Quoted-printable':
      return 'qp';
  }
  if (value.includes('(')) throw new Unusual('comment in Content-Transfer-Encoding');
  const token = (value.toLowerCase().match(/[\w-]+/) ?? [''])[0];
  if (/base64/i.test(token)) return 'base64';
  if (/quoted-printable/i.test(token)) return 'qp';
  return 'plain';
}
