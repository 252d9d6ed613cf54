import { expect, it } from 'vitest';
import { concatLists, hasUid, SizedUidList } from '../../electron/core/imap/uid-list.js';

it('keeps UIDs and sizes in typed arrays, grows, sorts and slices them', () => {
  const list = new SizedUidList(2);
  for (const [uid, size] of [[5, 50], [1, 10], [9, 90], [3, 30], [7, 70]] as const) list.push(uid, size);
  expect(list.length).toBe(5);
  list.sort();
  expect(list.slice()).toEqual([1, 3, 5, 7, 9].map((uid) => ({ uid, size: uid * 10 })));
  expect(list.slice(1, 3)).toEqual([{ uid: 3, size: 30 }, { uid: 5, size: 50 }]);
  expect(list.sublist(3, 5).slice()).toEqual([{ uid: 7, size: 70 }, { uid: 9, size: 90 }]);
  expect(list.filter((u) => u !== 5).slice().map((x) => x.uid)).toEqual([1, 3, 7, 9]);
  expect(list.bytes()).toBe(250);
  expect(list.uidAt(list.length - 1)).toBe(9);
  expect(SizedUidList.from([{ uid: 2, size: 20 }]).slice()).toEqual([{ uid: 2, size: 20 }]);
});

it('merges lists in UID order and finds UIDs by binary search', () => {
  const a = SizedUidList.from([{ uid: 8, size: 1 }, { uid: 9, size: 1 }]);
  const b = SizedUidList.from([{ uid: 2, size: 1 }, { uid: 4, size: 1 }]);
  expect(concatLists([a, b]).slice().map((x) => x.uid)).toEqual([2, 4, 8, 9]);
  const sorted = Uint32Array.from([1, 4, 6, 100000]);
  expect([1, 4, 6, 100000].every((u) => hasUid(sorted, u))).toBe(true);
  expect([0, 2, 5, 7, 99999, 100001].some((u) => hasUid(sorted, u))).toBe(false);
  expect(hasUid(new Uint32Array(0), 1)).toBe(false);
});
