// A backup stays ONE self-contained file although the live store keeps its sources in pack files beside it
// (store/source-packs.ts): after VACUUM INTO, the copy's pack references are replaced by inline blobs in
// message_raw, read from the live store's packs. Restored anywhere, that copy reads like a store of before packs.
import Database from 'better-sqlite3';
import { hasSourcePacks } from '../store/source-files.js';
import { closeSourceReaders, readRawSource } from '../store/source-read.js';

const PAGE = 256;

/** Fills message_raw in `copyFile` from the packs in `packsDir`; returns how many sources were inlined. */
export function inlinePackedSources(copyFile: string, packsDir: string): number {
  const copy = new Database(copyFile, { fileMustExist: true });
  try {
    if (!hasSourcePacks(copy)) return 0;
    const page = copy.prepare('SELECT message_id FROM message_sources WHERE message_id > ? ORDER BY message_id LIMIT ?').pluck();
    const insert = copy.prepare('INSERT INTO message_raw (message_id, raw) VALUES (?, ?)');
    let inlined = 0;
    copy.transaction(() => {
      let after = 0;
      for (;;) {
        const ids = page.all(after, PAGE) as number[];
        for (const id of ids) {
          const raw = readRawSource(copy, id, packsDir);
          if (raw) insert.run(id, raw);
          inlined++;
        }
        const last = ids[ids.length - 1];
        if (last === undefined) break;
        after = last;
      }
      copy.exec('DELETE FROM message_sources; DELETE FROM source_packs;');
    })();
    return inlined;
  } finally {
    closeSourceReaders(copy);
    copy.close();
  }
}
