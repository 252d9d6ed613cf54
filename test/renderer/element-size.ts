// jsdom does no layout: give elements a size for the whole test file, so the virtualizer has a viewport to fill.
import { afterAll, beforeAll } from 'vitest';

const SIZE_PROPS = ['clientHeight', 'clientWidth'] as const;

export function giveElementsASize(px = 800): void {
  const saved = SIZE_PROPS.map((p) => Object.getOwnPropertyDescriptor(Element.prototype, p));
  beforeAll(() => {
    for (const p of SIZE_PROPS) Object.defineProperty(Element.prototype, p, { configurable: true, get: () => px });
  });
  afterAll(() => {
    SIZE_PROPS.forEach((p, i) => {
      const d = saved[i];
      if (d) Object.defineProperty(Element.prototype, p, d);
    });
  });
}
