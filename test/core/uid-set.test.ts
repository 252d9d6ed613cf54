import { expect, it } from 'vitest';
import { chunkBySize, toSequenceSet } from '../../electron/core/imap/uid-set.js';

it('compresses ascending UIDs into IMAP sequence sets', () => {
  expect(toSequenceSet([])).toBe('');
  expect(toSequenceSet([7])).toBe('7');
  expect(toSequenceSet([1, 2, 3, 5, 7, 8])).toBe('1:3,5,7:8');
});

it('cuts batches by count and bytes, a big message alone', () => {
  const items = [10, 10, 10, 500, 10].map((size, i) => ({ uid: i + 1, size }));
  expect(chunkBySize(items, 2, 1000).map((b) => b.map((x) => x.uid))).toEqual([[1, 2], [3, 4], [5]]);
  expect(chunkBySize(items, 10, 100).map((b) => b.map((x) => x.uid))).toEqual([[1, 2, 3], [4], [5]]);
});
