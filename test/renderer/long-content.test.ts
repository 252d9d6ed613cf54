import { describe, expect, it } from 'vitest';
import { BODY_CAP_CHARS, breakLongRuns, capText, limitNesting, LONG_RUN } from '../../renderer/lib/long-content.js';

describe('long-content', () => {
  it('long runs get an invisible break opportunity every LONG_RUN characters, short words are untouched', () => {
    expect(breakLongRuns('Bonjour à tous, voici le devis.')).toBe('Bonjour à tous, voici le devis.');
    const run = 'x'.repeat(LONG_RUN * 3 + 5);
    const broken = breakLongRuns(`a ${run} b`);
    expect(broken.replaceAll('\u200b', '')).toBe(`a ${run} b`);
    expect(broken.split('\u200b').every((piece) => piece.length <= LONG_RUN + 2)).toBe(true);
  });

  it('caps text without splitting a surrogate pair', () => {
    expect(capText('court')).toEqual({ shown: 'court', truncated: false });
    const text = `${'a'.repeat(BODY_CAP_CHARS - 1)}🙂 suite`;
    const c = capText(text);
    expect(c.truncated).toBe(true);
    expect(c.shown.endsWith('a')).toBe(true);
  });

  it('drops tags nested deeper than the limit, keeps their text, leaves ordinary HTML as it was', () => {
    const normal = '<div><p>Un <b>mot</b><br>et <img src="cid:x"></p></div>';
    expect(limitNesting(normal, 4)).toBe(normal);
    const deep = `${'<div>'.repeat(10)}fond${'</div>'.repeat(10)}`;
    const out = limitNesting(deep, 3);
    expect(out).toBe(`${'<div>'.repeat(3)}fond${'</div>'.repeat(3)}`);
  });
});
