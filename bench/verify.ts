// A fast wrong run must not pass: after each measured sync, the store is compared with the server —
// same number of messages, the same Message-IDs (as a multiset), the same raw bytes, every row indexed
// for full-text search.
import path from 'node:path';
import Database from 'better-sqlite3';
import { closeSourceReaders, readRawSource } from '../electron/core/store/source-read.js';
import type { Fixture } from './fixture.js';
import { serverInbox, type ServerInbox } from './server.js';

export interface Verdict {
  ok: boolean;
  detail: string;
}

interface StoreInbox {
  count: number;
  bytes: number;
  messageIds: string[];
  indexed: number;
}

export function storeInbox(dataDir: string, username: string): StoreInbox {
  const db = new Database(path.join(dataDir, 'releve.db'), { readonly: true, fileMustExist: true });
  try {
    // Each source is read back (pack or inline blob) and its bytes counted: a row whose bytes are missing fails.
    const rows = (
      db
        .prepare(`SELECT m.id, m.message_id AS mid FROM messages m JOIN mailboxes b ON b.id = m.mailbox_id WHERE b.username = ?`)
        .all(username) as Array<{ id: number; mid: string | null }>
    ).flatMap((r) => {
      const raw = readRawSource(db, r.id);
      return raw ? [{ mid: r.mid, bytes: raw.length }] : [];
    });
    const indexed = (
      db
        .prepare(
          `SELECT count(*) AS n FROM messages_fts_docsize d JOIN messages m ON m.id = d.id
           JOIN mailboxes b ON b.id = m.mailbox_id WHERE b.username = ?`,
        )
        .get(username) as { n: number }
    ).n;
    return {
      count: rows.length,
      bytes: rows.reduce((n, r) => n + r.bytes, 0),
      messageIds: rows.map((r) => r.mid?.trim() ?? '').sort(),
      indexed,
    };
  } finally {
    closeSourceReaders(db);
    db.close();
  }
}

export function compare(server: ServerInbox, stored: StoreInbox): Verdict {
  const problems: string[] = [];
  if (stored.count !== server.count) problems.push(`${stored.count} stored vs ${server.count} on the server`);
  if (stored.bytes !== server.bytes) problems.push(`${stored.bytes} raw bytes stored vs ${server.bytes} on the server`);
  if (stored.indexed !== stored.count) problems.push(`${stored.indexed}/${stored.count} rows in the full-text index`);
  const a = server.messageIds;
  const b = stored.messageIds;
  let diff = 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) diff++;
  if (diff > 0) problems.push(`${diff} Message-IDs differ`);
  return problems.length === 0
    ? { ok: true, detail: `${stored.count} msgs, ids and bytes = server` }
    : { ok: false, detail: problems.join('; ') };
}

/** Server truth is read once per mailbox and reused while the mailbox does not change. */
export class ServerTruth {
  private readonly cache = new Map<string, ServerInbox>();
  constructor(private readonly fx: Fixture) {}

  async get(user: string, fresh = false): Promise<ServerInbox> {
    const hit = this.cache.get(user);
    if (hit && !fresh) return hit;
    const s = await serverInbox(this.fx, user);
    this.cache.set(user, s);
    return s;
  }

  async verify(dataDir: string, user: string, fresh = false): Promise<Verdict> {
    return compare(await this.get(user, fresh), storeInbox(dataDir, user));
  }
}
