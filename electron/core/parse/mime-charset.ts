// Charset decoders for the fast reader, chosen as postal-mime chooses them for the labels it passes
// straight to TextDecoder.
import { Unusual } from './unusual.js';

// The labels postal-mime hands straight to TextDecoder (they are in the WHATWG list it checks first);
// anything else goes through its alias tables, which the fast reader does not reproduce.
const DECODERS = new Map<string, InstanceType<typeof globalThis.TextDecoder>>();
const KNOWN = new Set(
  [
    'utf-8 utf8 unicode-1-1-utf-8 us-ascii ascii iso-8859-1 latin1 l1 iso8859-1 iso_8859-1 iso-8859-15',
    'iso8859-15 windows-1252 cp1252 x-cp1252 iso-8859-2 latin2 windows-1250 cp1250 windows-1251',
    'cp1251 koi8-r koi8-u iso-8859-5 iso-8859-7 iso-8859-9 latin5 windows-1254 shift_jis sjis',
    'iso-2022-jp euc-jp euc-kr gb2312 gbk gb18030 big5 utf-16le utf-16be utf-16 windows-1256 windows-1255',
  ]
    .join(' ')
    .split(' '),
);

/** The global TextDecoder: parse-message.ts installs the windows-1252 fix on it (text-decoder-fix.ts). */
export function textDecoderFor(charset: string | undefined): InstanceType<typeof globalThis.TextDecoder> {
  const label = (charset || 'utf8').trim().toLowerCase();
  if (!KNOWN.has(label)) throw new Unusual(`charset ${label}`);
  let d = DECODERS.get(label);
  if (!d) {
    d = new globalThis.TextDecoder(label);
    DECODERS.set(label, d);
  }
  return d;
}
