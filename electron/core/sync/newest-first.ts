// A first sync fetches the newest mail first, so this morning's messages are in the inbox within seconds and
// years of old mail fill in behind (issue #13). The server answers a FETCH in its own (ascending) order, so the
// wanted UIDs are cut into groups from the top down, one FETCH each: the first group is one batch, then the
// groups double (fewer round trips and pauses once the newest are in).
//
// Parallel connections (issue #13 point 2): when extra connections are offered (extra-connections.ts), the
// groups are a queue that every connection takes from, top first. The folder's own connection fetches the
// newest groups alone (8 MiB), timing them and how long it waited for the writer: only when the link, not this
// machine, is the bottleneck (a few MB/s per connection, the writer mostly idle) do the others log in and help. On a fast link they would only add memory
// (each connection buffers its own stream: +36 MiB for 4 at 10 000 messages on loopback) for no speed, since
// parsing and storing then bound the sync. Groups stay small (2 batches), so no connection is left with a long
// tail. Every group commits through the same writer, so the guarantees below are unchanged.
//
// Crash safety: the folder's watermark (last_uid) says "everything up to here is stored", which only holds
// once every group is committed, so it moves only then (folder-sync.ts). A run stopped midway leaves last_uid
// as it was with some messages stored: the next pass sees that and lists the folder's UIDs, fetching only what
// is missing (newest first again); the unique keys make any replay a no-op.
import type { ImapFlow } from 'imapflow';
import { performance } from 'node:perf_hooks';
import { concatLists, type SizedUidList } from '../imap/uid-list.js';
import { isProviderLimit } from '../imap/classify-error.js';
import { downloadInBatches, newInFlight, settleInFlight, type DownloadDeps, type InFlight } from './download-stream.js';
import type { ExtraConnections } from './extra-connections.js';

/**
 * Batches per FETCH at most, once the first groups are in. Each group waits for its last commit before the next
 * FETCH starts (one parse + commit of idle link per group), so big groups keep that to a few percent of a large
 * first sync: 10 000 messages of ~25 KB take 7 groups (1, 2, 4, 8, 16, 32, the rest). With several connections
 * the groups stay at MAX_GROUP_PARALLEL, so no connection is left with a long tail.
 */
const MAX_GROUP = 32;
const MAX_GROUP_PARALLEL = 2;
/**
 * The link bounds the sync when one connection brings less than 12 MB/s (a provider's link: 4-6 MB/s measured
 * through provider-link.py, burst included; loopback here: 23-25 MB/s) while the download waited for the writer
 * (parse + store) less than half of the time (link: 0.1; loopback: 0.27-0.42, more on a loaded machine).
 */
const LINK_BOUND_BYTES_PER_S = 12 * 1024 * 1024;
const WRITER_BOUND = 0.5;
/**
 * ... and while this thread (TLS, IMAP parsing) was idle more than half the time: on a machine too busy to keep
 * up (loopback under load measured 7 MB/s with the writer waiting little), more connections would not help.
 */
const MAIN_BOUND = 0.5;
/** What the folder's own connection downloads alone before that is decided. */
const PROBE_BYTES = 8 * 1024 * 1024;

export interface Helpers {
  connections: ExtraConnections;
  /** Opens the folder on a freshly acquired connection (read-only). */
  prepare(client: ImapFlow): Promise<void>;
  /** What the probe found, and the decision. */
  onProbe?(probe: { writerShare: number; bytesPerS: number; mainBusy: number; parallel: boolean }): void;
}

/**
 * Cuts `list` (ascending) from the top down into batches (chunkBySize's rules: at most batchCount messages and
 * about batchBytes, a big message alone), and the batches into groups: `first` batches, then twice as many
 * each time up to `max`. Each group is a compact list of its own (uid-list.ts): no object per message until
 * the group is downloaded.
 */
function groupsOf(deps: DownloadDeps, list: SizedUidList, first: number, max: number): SizedUidList[] {
  const groups: SizedUidList[] = [];
  let hi = list.length;
  let i = list.length - 1;
  for (let group = first; i >= 0; group = Math.min(group * 2, max)) {
    for (let b = 0; b < group && i >= 0; b++) {
      let count = 0;
      let bytes = 0;
      while (i >= 0) {
        const size = list.sizeAt(i);
        if (count > 0 && (count >= deps.batchCount || bytes + size > deps.batchBytes)) break;
        count++;
        bytes += size;
        i--;
      }
    }
    groups.push(list.sublist(i + 1, hi));
    hi = i + 1;
  }
  return groups;
}

/** Cuts what is left in `queue` again, top down, into groups of `maxGroup` batches. */
function regroup(queue: SizedUidList[], deps: DownloadDeps, maxGroup: number): void {
  queue.push(...groupsOf(deps, concatLists(queue.splice(0)), maxGroup, maxGroup));
}

/**
 * Downloads `wanted` (ascending) from the highest UID down; resolves once all of it is committed, rejects after
 * committing what arrived.
 */
export async function downloadNewestFirst(deps: DownloadDeps, wanted: SizedUidList, helpers?: Helpers): Promise<void> {
  // The folder's own connection starts each group's FETCH as soon as the previous one's stream ended, its last
  // batches still committing: waiting for them left the writer idle at every group's start and this thread at
  // every group's end (measured: 0.1-0.15 s of a 10 000-message first sync, 2.2 s of a 100 000-message one).
  const inFlight = newInFlight();
  try {
    await downloadGroups(deps, wanted, inFlight, helpers);
  } catch (err) {
    await settleInFlight(inFlight).catch(() => undefined);
    throw err;
  }
  await settleInFlight(inFlight);
}

async function downloadGroups(deps: DownloadDeps, wanted: SizedUidList, inFlight: InFlight, helpers?: Helpers): Promise<void> {
  const parallel = helpers !== undefined && helpers.connections.max > 0;
  const queue = groupsOf(deps, wanted, 1, parallel ? MAX_GROUP_PARALLEL : MAX_GROUP);
  const own = { ...deps, advanceWatermark: false };
  let fatal: { err: unknown } | null = null;

  const drainOne = async (client: ImapFlow, waited?: { ms: number }): Promise<void> => {
    deps.signal?.throwIfAborted();
    const group = queue.shift() as SizedUidList;
    try {
      // Extra connections wait for their own batches: a connection that leaves mid-way must not leave any behind.
      const shared = client === deps.client ? { inFlight } : {};
      await downloadInBatches({ ...own, client, ...(waited ? { waited } : {}), ...shared }, group.slice());
    } catch (err) {
      queue.unshift(group); // what it committed is kept; the rest is fetched again (replays are no-ops)
      throw err;
    }
  };
  const drainWith = async (client: ImapFlow): Promise<void> => {
    while (queue.length > 0 && fatal === null) await drainOne(client);
  };

  if (!parallel || queue.length < 3) {
    await drainWith(deps.client);
    return;
  }
  // The newest groups alone, timed: is one connection enough? Over PROBE_BYTES, so a link's initial burst
  // (a token bucket starting full, as provider-link.py's: 1 s of its rate) does not pass for a fast link.
  let probed = 0;
  const waited = { ms: 0 };
  const t0 = performance.now();
  const elu0 = performance.eventLoopUtilization();
  while (probed < PROBE_BYTES && queue.length > 2) {
    probed += (queue[0] as SizedUidList).bytes();
    await drainOne(deps.client, waited);
  }
  const ms = Math.max(1, performance.now() - t0);
  const share = waited.ms / ms;
  const rate = (probed * 1000) / ms;
  const busy = performance.eventLoopUtilization(elu0).utilization;
  const linkBound = rate < LINK_BOUND_BYTES_PER_S && share < WRITER_BOUND && busy < MAIN_BOUND;
  helpers.onProbe?.({ writerShare: share, bytesPerS: rate, mainBusy: busy, parallel: linkBound });
  if (!linkBound) {
    // One connection after all: back to large groups (fewer FETCH round trips, each a pause in the stream).
    regroup(queue, deps, MAX_GROUP);
    await drainWith(deps.client);
    return;
  }

  const { connections, prepare } = helpers;
  const extras: ImapFlow[] = [];
  // An extra connection that fails mid-way leaves: its group goes back on the queue for the others. A
  // provider limit (quota) or a stop ends the whole download like a failure of the folder's own connection.
  const helper = async (): Promise<void> => {
    const client = await connections.acquire();
    if (client === null) return;
    extras.push(client);
    let healthy = true;
    try {
      await prepare(client);
      await drainWith(client);
    } catch (err) {
      healthy = false;
      if (isProviderLimit(err) || deps.signal?.aborted) fail(err);
    } finally {
      connections.release(client, healthy && fatal === null);
    }
  };
  const fail = (err: unknown) => {
    if (fatal !== null) return;
    fatal = { err };
    connections.stop();
    for (const c of extras) c.close(); // their FETCH ends now; what they committed stays
  };

  const helping = Array.from({ length: Math.min(connections.max, queue.length - 1) }, () => helper());
  try {
    await drainWith(deps.client);
  } catch (err) {
    fail(err);
  }
  await Promise.allSettled(helping);
  if (fatal !== null) throw (fatal as { err: unknown }).err;
  // Helpers that all left early (refused, dropped) may have put groups back: the folder's connection ends them.
  await drainWith(deps.client);
}
