// The O_DIRECT path of sources written ahead (store/direct-appender.ts, used by PackWriter.writeMany): whole
// aligned blocks through a staging buffer, the partial last block padded and rewritten, the padding cut at close.
// Real files on the test machine's disk (ext4 here: the path must be taken, or the test says it was not).
import { closeSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIRECT_STAGE_BYTES, DirectAppender, StagePool } from '../../electron/core/store/direct-appender.js';
import { closeStore, openStore, type DB } from '../../electron/core/store/index.js';
import { PackWriter, type SourcePlace } from '../../electron/core/store/source-packs.js';
import { makeTmpDir, type TmpDir } from '../helpers/tmp-dir.js';

let dir: TmpDir;

beforeEach(() => {
  dir = makeTmpDir('releve-direct-');
});

afterEach(() => {
  dir.remove();
});

/** Bytes that differ at every offset, so a block written at the wrong place cannot go unnoticed. */
function pattern(length: number, seed: number): Buffer {
  const b = Buffer.allocUnsafe(length);
  let x = seed * 2654435761;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

describe.runIf(process.platform === 'linux')('DirectAppender', () => {
  it('appends sources of every size across stage refills and keeps the bytes of the file it continues', async () => {
    const file = dir.file('1.pack');
    const head = pattern(5001, 1); // an unaligned end, as a pack written by the buffered path leaves it
    writeFileSync(file, head);
    const fd = openSync(file, 'r+');
    const appender = DirectAppender.open(file, fd, head.length, new StagePool());
    // This machine's test folder is on a filesystem with O_DIRECT: the path under test must really be taken.
    expect(appender, 'O_DIRECT unavailable in the test folder').not.toBeNull();
    const a = appender as DirectAppender;
    const sources = [1, 4095, 4096, 4097, 700_000, DIRECT_STAGE_BYTES + 12_345, 3, 2 * DIRECT_STAGE_BYTES + 1].map((n, i) => pattern(n, i + 2));
    a.append(sources.slice(0, 4));
    a.drain(); // a commit in the middle: the partial block written padded …
    await a.settled();
    expect(statSync(file).size % 4096).toBe(0);
    a.append(sources.slice(4)); // … then rewritten whole with what follows
    a.drain();
    await a.settled();
    const expected = Buffer.concat([head, ...sources]);
    const onDisk = readFileSync(file);
    expect(onDisk.length).toBeGreaterThanOrEqual(expected.length);
    expect(onDisk.length - expected.length).toBeLessThan(4096);
    expect(onDisk.subarray(0, expected.length).equals(expected)).toBe(true);
    expect(onDisk.subarray(expected.length).every((byte) => byte === 0)).toBe(true);
    expect(a.onDevice).toBe(expected.length);
    a.close();
    closeSync(fd);
  });

  it('open() leaves the file as it found it (its probe write is cut off again)', () => {
    const file = dir.file('2.pack');
    const head = pattern(777, 9);
    writeFileSync(file, head);
    const fd = openSync(file, 'r+');
    DirectAppender.open(file, fd, head.length, new StagePool())?.close();
    closeSync(fd);
    expect(readFileSync(file).equals(head)).toBe(true);
  });

  it('where O_DIRECT cannot be opened (a character device), there is no direct path', () => {
    const fd = openSync('/dev/null', 'r+');
    expect(DirectAppender.open('/dev/null', fd, 0, new StagePool())).toBeNull();
    closeSync(fd);
  });
});

describe('PackWriter.writeMany through the direct path', () => {
  let db: DB;
  beforeEach(() => {
    db = openStore(dir.file('releve.db'));
  });
  afterEach(() => {
    closeStore(db);
  });

  it('sources written ahead, made durable, a pack rolled over and closed: every byte where its place says, no padding left', async () => {
    const packs = path.join(dir.path, 'sources');
    const w = new PackWriter(db, packs, 3 * 1024 * 1024);
    const sources = Array.from({ length: 40 }, (_, i) => pattern(1000 + i * 97_003, i + 20));
    const places: SourcePlace[] = [];
    for (let i = 0; i < sources.length; i += 5) {
      places.push(...w.writeMany(sources.slice(i, i + 5)));
      if (i % 10 === 0) await w.durable(sources.slice(0, i + 5));
    }
    await w.durable(sources);
    w.close();
    const ids = new Set(places.map((p) => p.packId));
    expect(ids.size).toBeGreaterThan(1);
    sources.forEach((src, i) => {
      const at = places[i] as SourcePlace;
      const file = readFileSync(path.join(packs, `${at.packId}.pack`));
      expect(file.subarray(at.offset, at.offset + src.length).equals(src)).toBe(true);
    });
    for (const id of ids) {
      const last = Math.max(...places.map((p, i) => (p.packId === id ? p.offset + (sources[i] as Buffer).length : 0)));
      expect(statSync(path.join(packs, `${id}.pack`)).size).toBe(last);
    }
  });

  it('an in-transaction append after sources written ahead lands after them, not over the padded block', async () => {
    const packs = path.join(dir.path, 'sources');
    const w = new PackWriter(db, packs);
    const ahead = pattern(10_001, 3);
    const [at] = w.writeMany([ahead]) as [SourcePlace];
    await w.durable([ahead]);
    w.begin();
    const queued = pattern(5_000, 4);
    const place = w.append(queued);
    w.flush();
    const more = pattern(9_000, 5);
    const [third] = w.writeMany([more]) as [SourcePlace];
    await w.durable([more]);
    w.close();
    const file = readFileSync(path.join(packs, `${at.packId}.pack`));
    expect(place.offset).toBe(ahead.length);
    expect(third.offset).toBe(ahead.length + queued.length);
    expect(file.subarray(0, ahead.length).equals(ahead)).toBe(true);
    expect(file.subarray(place.offset, place.offset + queued.length).equals(queued)).toBe(true);
    expect(file.subarray(third.offset, third.offset + more.length).equals(more)).toBe(true);
    expect(file.length).toBe(third.offset + more.length);
  });
});
