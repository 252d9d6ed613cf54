// scan() (fast-reader.ts) jumps from one "--" line to the next with nextDashLine, which searches for "--" and
// skips to the next line when it is inside one. It must find exactly the line the former "\n--" search found.
import { expect, it } from 'vitest';
import { nextDashLine } from '../../electron/core/parse/fast-reader.js';

const NL_DASHES = Buffer.from('\n--', 'latin1');

/** The former search: the line at `pos` when it starts with "--", else the line after the next "\n--". */
function reference(buf: Buffer, pos: number): number {
  if (buf[pos] === 0x2d && buf[pos + 1] === 0x2d) return pos;
  const k = buf.indexOf(NL_DASHES, pos);
  return k < 0 ? -1 : k + 1;
}

function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

it('finds the same next "--" line as the "\\n--" search, on dashes in and out of every place', () => {
  const rnd = prng(3);
  const bits = ['-', '--', '---', '\n', '\r\n', 'a', 'QUJD', ' ', '\n--', '--\n', 'x-y', '-\n-', '----=_Part'];
  let found = 0;
  for (let n = 0; n < 5000; n++) {
    let text = '';
    const count = Math.floor(rnd() * 30);
    for (let i = 0; i < count; i++) text += bits[Math.floor(rnd() * bits.length)];
    const buf = Buffer.from(text, 'latin1');
    // Every line start, as scan() calls it, and the end of the buffer.
    const starts = [0];
    for (let i = 0; i < buf.length; i++) if (buf[i] === 0x0a) starts.push(i + 1);
    for (const pos of starts) {
      const want = reference(buf, pos);
      expect(nextDashLine(buf, pos), JSON.stringify({ text, pos })).toBe(want);
      if (want >= 0) found++;
    }
  }
  expect(found).toBeGreaterThan(10000);
});
