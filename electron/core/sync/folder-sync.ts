// Syncs one IMAP folder into the store. Crash-safe by construction: each batch of messages and the folder's
// new watermark commit in one transaction, and the (folder, UIDVALIDITY, UID) unique key makes replays no-ops.
import type { FetchMessageObject, ImapFlow, MailboxObject } from 'imapflow';
import type { Logger } from '../model.js';
import { toSequenceSet } from '../imap/uid-set.js';
import { fetchForSync } from '../imap/raw-fetch.js';
import { hasUid, SizedUidList } from '../imap/uid-list.js';
import type { ParsePool } from '../parse/parse-pool.js';
import * as store from '../store/index.js';
import { countStaleMessages } from '../store/stale.js';
import type { DB } from '../store/index.js';
import type { BatchWriter } from './batch-writer.js';
import { downloadInBatches, type DownloadDeps } from './download-stream.js';
import { pushPendingFlags } from './flag-push.js';
import type { ExtraConnections } from './extra-connections.js';
import { downloadNewestFirst, type Helpers } from './newest-first.js';
import { countStored, selfCheck } from './self-check.js';
import { folderKeywordsOk, learnKeywordsOk, withoutLocalTriage } from './triage-keywords.js';
import { resolveWindowStart } from './sync-window.js';

export interface FolderSyncDeps {
  db: DB;
  client: ImapFlow;
  pool: ParsePool;
  log: Logger;
  mailbox: { id: number; sync_window_days: number | null; sync_window_count: number | null };
  now: () => number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Messages per transaction. */
  batchCount?: number;
  /** Approximate bytes of raw source per transaction (bounds memory). */
  batchBytes?: number;
  /** More connections to the same mailbox, for a large first sync (newest-first.ts). */
  extra?: ExtraConnections;
}

export interface FolderSyncResult {
  inserted: number;
  relinked: number;
  flagsUpdated: number;
  expunged: number;
  /** Messages that arrived with a parse error (stored raw with best-effort fields). */
  malformed: number;
  /** Server messages within the sync window still not in the store after this pass (self-check.ts). */
  missing: number;
  /** True when nothing had changed on the server (cheap pass). */
  unchanged: boolean;
}

const HEADER_FIELDS = ['message-id', 'date', 'subject', 'from', 'to'];

// Bytes of raw source per transaction. With the writer in the parse worker, the download is no longer slowed
// by the commits, so this (× IN_FLIGHT_BATCHES in flight, download-stream.ts) is what bounds the sources held in memory:
// 2 MiB batches keep a 10 000-message first sync near 145 MiB for ~+4 % time against 8 MiB (bench B1/B2).
const DEFAULT_BATCH_BYTES = 2 * 1024 * 1024;

function flagsOf(m: FetchMessageObject): string[] {
  return [...(m.flags ?? [])].sort();
}

export async function syncFolder(deps: FolderSyncDeps, path: string): Promise<FolderSyncResult> {
  const { db, client, mailbox, signal } = deps;
  const result: FolderSyncResult = {
    inserted: 0,
    relinked: 0,
    flagsUpdated: 0,
    expunged: 0,
    malformed: 0,
    missing: 0,
    unchanged: false,
  };

  let folder = store.getOrCreateFolder(db, mailbox.id, path);
  // Triage keywords (issue 16) stay queued, unpushed, where the server refuses custom keywords: local there.
  const keywordsOk = folderKeywordsOk(db, folder.id);
  let pending = withoutLocalTriage(store.takePendingFlagOps(db, mailbox.id).filter((op) => op.folder_path === path), keywordsOk);
  // PERMANENTFLAGS is only meaningful on a read-write SELECT: one is made while the folder's answer is unknown.
  const readOnly = pending.length === 0 && keywordsOk !== null;
  const box: MailboxObject = await client.mailboxOpen(path, { readOnly });
  if (!readOnly) pending = withoutLocalTriage(pending, learnKeywordsOk(db, folder.id, box));
  // Every SELECT field is optional in practice: UIDVALIDITY falls back to STATUS, then to what we knew.
  const uidvalidity = (await uidValidityOf(client, path, box)) ?? folder.uidvalidity ?? '0';

  let reset = false;
  if (folder.uidvalidity === null) {
    folder = store.updateFolderState(db, folder.id, { uidvalidity });
  } else if (folder.uidvalidity !== uidvalidity) {
    deps.log.log('warn', 'UIDVALIDITY changed: re-linking stored messages', { mailbox: mailbox.id, folder: path });
    store.resetFolderForUidValidity(db, folder.id, uidvalidity);
    folder = store.updateFolderState(db, folder.id, { min_uid: null });
    reset = true;
  }
  const staleCount = countStaleMessages(db, folder.id);
  // A store holding less than the server did at the last self-check has holes below last_uid (a message that
  // failed, a row lost): this pass lists the folder's UIDs instead of trusting the watermark.
  // A first sync stopped midway (newest-first.ts) left messages but no watermark: same listing.
  const storedNow = countStored(db, folder.id, folder.min_uid);
  const holes = (folder.server_count !== null && storedNow < folder.server_count) || (folder.last_uid === 0 && storedNow > 0);

  if (pending.length > 0) await pushPendingFlags(db, client, uidvalidity, pending, folder.id);

  const modseqNow = box.highestModseq !== undefined ? box.highestModseq.toString() : null;
  const sameModseq = modseqNow !== null && folder.highest_modseq === modseqNow;
  if (
    staleCount === 0 &&
    !holes &&
    pending.length === 0 &&
    box.uidNext !== undefined &&
    folder.uidnext === box.uidNext &&
    folder.exists_count === box.exists &&
    sameModseq
  ) {
    result.unchanged = true;
    await flushSearch(deps);
    deps.onProgress?.(0, 0);
    return result;
  }

  const minUid = await resolveWindowStart(deps, folder, box);
  if (minUid !== folder.min_uid) folder = store.updateFolderState(db, folder.id, { min_uid: minUid });
  const oldLast = folder.last_uid;

  // 1. Which UIDs are new (with sizes, to cut batches by bytes and report an exact total).
  // Without UIDNEXT (optional in SELECT) there is no telling whether anything is new: list `n:*` and see.
  // Both lists are typed arrays (uid-list.ts), not a Set and an object per message: at 100 000 messages
  // those were ~6-10 MiB of live heap for the whole sync.
  const known = staleCount > 0 || reset || holes ? Uint32Array.from(store.listUids(db, folder.id)) : null;
  const startUid = known ? (minUid ?? 1) : Math.max(oldLast + 1, minUid ?? 1);
  let toFetch = new SizedUidList();
  let horizon = Math.max(oldLast, (box.uidNext ?? 1) - 1);
  if (box.exists !== 0 && (box.uidNext === undefined || box.uidNext > startUid)) {
    for await (const m of fetchForSync(client, `${startUid}:*`, 'sizes')) {
      horizon = Math.max(horizon, m.uid);
      if (m.uid >= startUid && !(known && hasUid(known, m.uid))) toFetch.push(m.uid, m.size ?? 0);
    }
    toFetch.sort();
  }

  // 2. After a UIDVALIDITY reset: re-link stored copies by content key instead of downloading them again.
  if (staleCount > 0 && toFetch.length > 0) {
    const relinked = await relinkPrepass(deps, folder.id, toFetch);
    result.relinked += relinked.size;
    toFetch = toFetch.filter((uid) => !relinked.has(uid));
  }

  // 3. Download (streamed FETCH), parse (worker pool) and commit in batches, each with its watermark (a first
  // sync: newest first, the watermark at the end).
  const total = toFetch.length;
  let done = 0;
  deps.onProgress?.(0, total);
  const download: DownloadDeps = {
    client,
    writer: await deps.pool.writerFor(db),
    folderId: folder.id,
    lastUid: folder.last_uid,
    signal,
    batchCount: deps.batchCount ?? 250,
    batchBytes: deps.batchBytes ?? DEFAULT_BATCH_BYTES,
    onCommitted: (r, messages, malformed) => {
      result.inserted += r.inserted;
      result.relinked += r.relinked;
      result.malformed += malformed;
      done += messages;
      deps.onProgress?.(Math.min(done, total), total);
    },
  };
  let lastUid: number;
  if (oldLast === 0 && toFetch.length > 0) {
    // First sync: newest first; the watermark moves once all of it is committed.
    const helpers = helpersFor(deps.extra, path, uidvalidity);
    if (helpers) {
      helpers.onProbe = (p) =>
        deps.log.log('info', 'first sync: extra connections', {
          mailbox: mailbox.id,
          folder: path,
          writerShare: Math.round(p.writerShare * 100) / 100,
          mainBusy: Math.round(p.mainBusy * 100) / 100,
          mbPerS: Math.round(p.bytesPerS / 1e5) / 10,
          parallel: p.parallel,
        });
    }
    await downloadNewestFirst(download, toFetch, helpers);
    // Everything listed is now stored (or missing, which the self-check reports): a resumed first sync had
    // stored the top of the folder already, hence the listing's horizon rather than the last UID fetched.
    lastUid = Math.max(folder.last_uid, horizon, toFetch.uidAt(toFetch.length - 1));
    store.updateFolderState(db, folder.id, { last_uid: lastUid });
  } else {
    lastUid = await downloadInBatches(download, toFetch.slice());
  }
  await flushSearch(deps, download.writer);
  folder = { ...folder, last_uid: lastUid };

  // 4. Flags changed on the server (CONDSTORE: only what changed since our HIGHESTMODSEQ).
  if (!reset && oldLast > 0 && !sameModseq) {
    const useCondstore = modseqNow !== null && folder.highest_modseq !== null;
    const changes: Array<{ uid: number; flags: string[] }> = [];
    const opts = useCondstore ? { uid: true, changedSince: BigInt(folder.highest_modseq as string) } : { uid: true };
    for await (const m of client.fetch(`${minUid ?? 1}:${oldLast}`, { uid: true, flags: true }, opts)) {
      if (m.uid <= oldLast) changes.push({ uid: m.uid, flags: flagsOf(m) });
    }
    if (changes.length > 0) result.flagsUpdated = store.applyFlags(db, folder.id, changes);
  }

  // 5. Self-check against the server, which also finds the messages expunged there.
  const check = await selfCheck({ db, client, folderId: folder.id, path, exists: box.exists, minUid, horizon });
  result.expunged = check.expunged;
  result.missing = check.missing;
  if (staleCount > 0 || reset) store.deleteStaleMessages(db, folder.id);
  if (check.missing > 0) {
    deps.log.log('warn', 'self-check: messages on the server are missing from the store', {
      mailbox: mailbox.id,
      folder: path,
      missing: check.missing,
    });
  }

  store.updateFolderState(db, folder.id, {
    uidnext: box.uidNext ?? null,
    highest_modseq: modseqNow,
    exists_count: box.exists ?? null,
    server_count: check.serverCount,
  });
  return result;
}

/**
 * The writer indexes text for search every few MiB (store/fts-deferred.ts): the rest now, so a pass that succeeds
 * leaves every stored message searchable. Also when nothing was downloaded: text a writer lost (its worker died
 * after a commit, and this folder's last pass failed at its flush) is re-parsed from the sources. One read when
 * there is nothing to index.
 */
async function flushSearch(deps: FolderSyncDeps, writer?: BatchWriter): Promise<void> {
  if (!store.ftsBehind(deps.db)) return;
  await (writer ?? (await deps.pool.writerFor(deps.db))).flush();
}

/** Extra connections open the folder read-only and must see the same UIDVALIDITY, or they do not help. */
function helpersFor(extra: ExtraConnections | undefined, path: string, uidvalidity: string): Helpers | undefined {
  if (!extra || extra.max === 0) return undefined;
  return {
    connections: extra,
    prepare: async (client) => {
      const box = await client.mailboxOpen(path, { readOnly: true });
      if (box.uidValidity !== undefined && box.uidValidity.toString() !== uidvalidity) {
        throw new Error('UIDVALIDITY changed on an extra connection');
      }
    },
  };
}

async function relinkPrepass(deps: FolderSyncDeps, folderId: number, items: SizedUidList): Promise<Set<number>> {
  const relinked = new Set<number>();
  for (let i = 0; i < items.length; i += 500) {
    const slice = items.slice(i, i + 500).map((s) => s.uid);
    const keyed: Array<{ uid: number; content_key: string; flags: string[] }> = [];
    const query = { uid: true, flags: true, headers: HEADER_FIELDS } as const;
    for await (const m of deps.client.fetch(toSequenceSet(slice), query, { uid: true })) {
      if (!m.headers) continue;
      const fields = await deps.pool.parse(Buffer.concat([m.headers, Buffer.from('\r\n')]));
      keyed.push({ uid: m.uid, content_key: fields.content_key, flags: flagsOf(m) });
    }
    for (const uid of store.relinkByContentKey(deps.db, folderId, keyed)) relinked.add(uid);
  }
  return relinked;
}

/** UIDVALIDITY from SELECT, else from STATUS; undefined when the server gives neither. */
async function uidValidityOf(client: ImapFlow, path: string, box: MailboxObject): Promise<string | undefined> {
  if (box.uidValidity !== undefined) return box.uidValidity.toString();
  try {
    const st = await client.status(path, { uidValidity: true });
    return st && st.uidValidity !== undefined ? st.uidValidity.toString() : undefined;
  } catch {
    return undefined;
  }
}
