// A first sync fetches the newest mail first, so this morning's messages are in the inbox within seconds and
// years of old mail fill in behind (issue #13). The server answers a FETCH in its own (ascending) order, so the
// wanted UIDs are cut into groups from the top down, one FETCH each: the first group is one batch, then the
// groups double (fewer round trips and pauses once the newest are in).
//
// Crash safety: the folder's watermark (last_uid) says "everything up to here is stored", which only holds
// once every group is committed, so it moves only then (folder-sync.ts). A run stopped midway leaves last_uid
// as it was with some messages stored: the next pass sees that and lists the folder's UIDs, fetching only what
// is missing (newest first again); the unique keys make any replay a no-op.
import { chunkBySize, type SizedUid } from '../imap/uid-set.js';
import { downloadInBatches, type DownloadDeps } from './download-stream.js';

/**
 * Batches per FETCH at most, once the first groups are in. Each group waits for its last commit before the next
 * FETCH starts (one parse + commit of idle link per group), so big groups keep that to a few percent of a large
 * first sync: 10 000 messages of ~25 KB take 7 groups (1, 2, 4, 8, 16, 32, the rest).
 */
const MAX_GROUP = 32;

/** Downloads `wanted` (ascending) from the highest UID down; resolves once all of it is committed. */
export async function downloadNewestFirst(deps: DownloadDeps, wanted: readonly SizedUid[]): Promise<void> {
  const batches = chunkBySize([...wanted].reverse(), deps.batchCount, deps.batchBytes);
  let group = 1;
  for (let i = 0; i < batches.length; i += group, group = Math.min(group * 2, MAX_GROUP)) {
    deps.signal?.throwIfAborted();
    const slice = batches.slice(i, i + group).flat().sort((a, b) => a.uid - b.uid);
    await downloadInBatches({ ...deps, advanceWatermark: false }, slice);
  }
}
