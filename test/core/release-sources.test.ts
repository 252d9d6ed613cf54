// Committed sources are freed at once instead of waiting for a full GC; anything still shared is left alone.
import { expect, it } from 'vitest';
import { releaseSources } from '../../electron/core/sync/release-sources.js';

it('detaches sources that own their memory and leaves pool slices and other views untouched', () => {
  const owned = Buffer.from(new ArrayBuffer(64 * 1024));
  owned.fill(7);
  const pooled = Buffer.from('small message from the shared pool'); // a slice of Node's 8 KiB pool
  const whole = new ArrayBuffer(1024);
  const view = new Uint8Array(whole, 16, 32); // part of a bigger buffer someone else may hold
  releaseSources([owned, pooled, view]);
  expect(owned.byteLength).toBe(0);
  expect(owned.buffer.byteLength).toBe(0);
  expect(pooled.toString()).toBe('small message from the shared pool');
  expect(whole.byteLength).toBe(1024);
  expect(() => releaseSources([])).not.toThrow();
  // Twice the same memory, or an already detached buffer, is not an error either.
  const again = Buffer.from(new ArrayBuffer(16));
  releaseSources([again, again]);
  expect(() => releaseSources([again])).not.toThrow();
});
