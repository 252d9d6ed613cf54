// Conversations: the messages linked to one message through Message-ID / In-Reply-To / References (the links
// of JWZ threading), across mailboxes, plus the replies Relève sent (the outbox) — with a subject fallback for
// mail whose client dropped the headers ("Re: X" joins "X" when neither carries links to elsewhere).
// Computed on demand from the stored raw headers, so it needs no schema of its own.
import type { MessageSummary, OutboxItem } from '../../../shared/types.js';
import * as store from '../store/index.js';
import type { DB } from '../store/index.js';
import { threadCandidateIds } from '../store/thread-candidates.js';

const PREFIX = /^\s*((re|aw|sv|réf|ref|fwd?|tr|wg)\s*(\[\d+\])?\s*:\s*)+/i;

export function baseSubject(subject: string): string {
  return subject.replace(PREFIX, '').trim();
}

/** Message-IDs named by In-Reply-To and References in a raw header block. */
export function headerLinks(raw: Buffer): string[] {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, end < 0 ? Math.min(raw.length, 64 * 1024) : end).toString('latin1').replace(/\r?\n[ \t]+/g, ' ');
  const out: string[] = [];
  for (const line of head.split(/\r?\n/)) {
    const m = /^(references|in-reply-to)\s*:(.*)$/i.exec(line);
    if (m) out.push(...(m[2]!.match(/<[^<>\s]+>/g) ?? []));
  }
  return [...new Set(out)];
}

interface Node {
  summary: MessageSummary;
  links: string[];
}

export interface Thread {
  messages: MessageSummary[];
  /** Sent by Relève and not (yet) synced back as a stored message. */
  outbox: OutboxItem[];
}

export function findThread(db: DB, id: number, outboxItem: (row: store.outbox.OutboxRow) => OutboxItem): Thread | null {
  const start = store.getMessageRow(db, id);
  if (!start) return null;
  const base = baseSubject(start.subject);
  const startLinks = headerLinks(start.raw);
  const nodes = new Map<number, Node>();
  const load = (mid: number): Node | undefined => {
    let n = nodes.get(mid);
    if (n) return n;
    const row = store.getMessageRow(db, mid);
    if (!row) return undefined;
    const { raw, to: _to, cc: _cc, reply_to: _r, attachments: _a, parse_error: _p, mailbox_email: _e, folder_id: _f, uid: _u, uidvalidity: _v, ...summary } = row;
    n = { summary, links: headerLinks(raw) };
    nodes.set(mid, n);
    return n;
  };
  // Our own sent messages link in through what they answered.
  const sent = store.outbox.listOutbox(db, { limit: 1000 }).filter((o) => o.state !== 'failed');
  const candidates = threadCandidateIds(db, [...startLinks, ...(start.message_id ? [start.message_id] : [])], base);
  for (const cid of [id, ...candidates]) load(cid);

  // Union of everything reachable through shared Message-IDs.
  const inThread = new Set<string>([...(start.message_id ? [start.message_id] : []), ...startLinks]);
  const members = new Set<number>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [nid, n] of nodes) {
      if (members.has(nid)) continue;
      const mine = [n.summary.message_id, ...n.links].filter((x): x is string => Boolean(x));
      if (mine.some((x) => inThread.has(x))) {
        members.add(nid);
        for (const x of mine) inThread.add(x);
        grew = true;
      }
    }
    for (const o of sent) {
      const source = o.source_message_id !== null && members.has(o.source_message_id);
      if ((source || inThread.has(o.message_id)) && !inThread.has(o.message_id)) {
        inThread.add(o.message_id);
        grew = true;
      }
    }
  }
  // Subject fallback: same base subject, and no threading headers pointing elsewhere.
  for (const [nid, n] of nodes) {
    if (members.has(nid) || baseSubject(n.summary.subject) !== base || base === '') continue;
    if (n.links.length === 0 || n.links.every((l) => inThread.has(l))) members.add(nid);
  }
  const messages = [...members]
    .map((m) => nodes.get(m)!.summary)
    .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.id - b.id);
  const stored = new Set(messages.map((m) => m.message_id));
  const outbox = sent
    .filter((o) => inThread.has(o.message_id) && !stored.has(o.message_id))
    .map(outboxItem)
    .sort((a, b) => (a.sent_at ?? a.created_at).localeCompare(b.sent_at ?? b.created_at));
  return { messages, outbox };
}
