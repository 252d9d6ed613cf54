// The server side of verification and of the incremental scenarios, through a plain imapflow client:
// what the server holds (Message-IDs, sizes), APPEND of marked messages, and removal of those marks.
import { ImapFlow } from 'imapflow';
import type { Fixture } from './fixture.js';
import { PASSWORD } from './fixture.js';

/** Header put on every message the bench appends, so leftovers of an interrupted run can be removed. */
export const BENCH_MARK = 'X-Releve-Bench';

export async function openClient(fx: Fixture, user: string): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: fx.imapsPort,
    secure: true,
    auth: { user, pass: PASSWORD },
    tls: { ca: [fx.caPem] },
    logger: false,
    disableAutoIdle: true,
  });
  await client.connect();
  return client;
}

export interface ServerInbox {
  count: number;
  bytes: number;
  /** Message-ID header of each message, sorted ('' when missing). */
  messageIds: string[];
}

export async function serverInbox(fx: Fixture, user: string): Promise<ServerInbox> {
  const client = await openClient(fx, user);
  try {
    const box = await client.mailboxOpen('INBOX', { readOnly: true });
    const ids: string[] = [];
    let bytes = 0;
    if (box.exists > 0) {
      for await (const m of client.fetch('1:*', { uid: true, size: true, envelope: true })) {
        ids.push(m.envelope?.messageId?.trim() ?? '');
        bytes += m.size ?? 0;
      }
    }
    return { count: ids.length, bytes, messageIds: ids.sort() };
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** APPENDs `raws` (each gets the bench mark header) to the user's INBOX; returns the new UIDs. */
export async function appendMarked(fx: Fixture, user: string, raws: Buffer[]): Promise<number[]> {
  const client = await openClient(fx, user);
  try {
    const uids: number[] = [];
    for (const raw of raws) {
      const r = await client.append('INBOX', Buffer.concat([Buffer.from(`${BENCH_MARK}: 1\r\n`), raw]), ['\\Seen']);
      if (r && typeof r === 'object' && r.uid) uids.push(r.uid);
    }
    return uids;
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Expunges every message carrying the bench mark (this run's or an interrupted run's). */
export async function removeMarked(fx: Fixture, user: string): Promise<number> {
  const client = await openClient(fx, user);
  try {
    await client.mailboxOpen('INBOX');
    const uids = (await client.search({ header: { [BENCH_MARK]: '1' } }, { uid: true })) || [];
    if (uids.length > 0) await client.messageDelete(uids, { uid: true });
    return uids.length;
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Raw sources of the first `n` messages of a mailbox (content for APPENDs that look like real mail). */
export async function sampleRaws(fx: Fixture, user: string, n: number): Promise<Buffer[]> {
  const client = await openClient(fx, user);
  try {
    await client.mailboxOpen('INBOX', { readOnly: true });
    const out: Buffer[] = [];
    for await (const m of client.fetch(`1:${n}`, { uid: true, source: true })) if (m.source) out.push(m.source);
    return out;
  } finally {
    await client.logout().catch(() => client.close());
  }
}
