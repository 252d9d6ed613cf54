// The message side of the FakeMailApi: newest-first storage, filters (mailbox, unread, accent-insensitive
// search), duplicate collapsing by Message-ID, and a per-query cache so paging 100 000 rows stays fast.
import type { FolderCounts, FolderRole, MessageAction, MessageDetail, MessageQuery, MessageSummary } from '../../shared/types.js';
import { FOLDER_VIEWS } from '../../shared/types.js';
import type { TriageInfo } from '../../shared/types.js';
import { TRIAGE_VIEWS, type TriageState, type TriageView } from '../../shared/triage.js';

/** Stored whole: getMessage cuts the body as the core does (body_truncated/body_length computed then). */
export type FakeMessage = Omit<MessageDetail, 'body_truncated' | 'body_length'> & {
  attachmentData?: string[];
  /** The Message-IDs its In-Reply-To / References name: getThread links conversations through them. */
  references?: string[];
};

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export class FakeMessageStore {
  /** Newest first, kept sorted. */
  messages: FakeMessage[] = [];
  /** Bumped by every change: invalidates the query cache. */
  private version = 0;
  private queryCache = new Map<string, { version: number; rows: MessageSummary[] }>();

  /** Adds messages (ids assigned), keeping newest-first order. */
  add(list: Array<Partial<FakeMessage> & { mailbox_id: number; date: string }>, nextId: () => number): FakeMessage[] {
    const added = list.map((m) => {
      const id = nextId();
      const full: FakeMessage = {
        id,
        mailbox_id: m.mailbox_id,
        mailbox_ids: [m.mailbox_id],
        folder: m.folder ?? 'INBOX',
        folder_role: m.folder_role ?? 'inbox',
        action_error: null,
        triage: m.triage ?? { state: (m.folder_role ?? 'inbox') === 'inbox' ? 'todo' : null, assignee: null, by: null, at: null, local_only: false },
        message_id: m.message_id ?? `<${id}@fake>`,
        subject: m.subject ?? `Message ${id}`,
        from: m.from ?? { name: `Sender ${id}`, address: `s${id}@example.org` },
        date: m.date,
        snippet: m.snippet ?? (m.text ?? '').slice(0, 120),
        seen: m.seen ?? false,
        flagged: false,
        has_attachments: (m.attachments ?? []).length > 0,
        size: 1000,
        to: m.to ?? [],
        cc: m.cc ?? [],
        reply_to: [],
        text: m.text ?? '',
        html: m.html ?? null,
        attachments: m.attachments ?? [],
        parse_error: null,
        attachmentData: m.attachmentData ?? [],
        references: m.references ?? [],
      };
      return full;
    });
    this.messages.push(...added);
    this.version++;
    this.messages.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || b.id - a.id);
    return added;
  }

  /** The full result of a query (before paging), cached until the messages change: paging 100 000 rows stays fast. */
  query(q: MessageQuery): MessageSummary[] {
    const key = JSON.stringify([q.mailbox_id, q.unread_only, q.search, q.collapse_duplicates, q.folder, q.triage, q.assignee]);
    const hit = this.queryCache.get(key);
    if (hit && hit.version === this.version) return hit.rows;
    let rows = this.messages;
    if (q.mailbox_id !== undefined) rows = rows.filter((m) => m.mailbox_id === q.mailbox_id);
    if (q.unread_only) rows = rows.filter((m) => !m.seen);
    if (q.folder !== undefined && q.folder !== 'all') rows = rows.filter((m) => m.folder_role === q.folder);
    if (q.triage !== undefined) rows = rows.filter((m) => inTriageView(m.triage, q.triage!, this.me));
    if (q.assignee !== undefined) rows = rows.filter((m) => m.triage.assignee?.toLowerCase() === q.assignee!.toLowerCase());
    if (q.search) {
      const words = fold(q.search).split(/\s+/).filter(Boolean);
      rows = rows.filter((m) => {
        const hay = fold(`${m.subject} ${m.from?.name ?? ''} ${m.from?.address ?? ''} ${m.text}`);
        return words.every((w) => hay.includes(w));
      });
    }
    let summaries: MessageSummary[];
    if (q.collapse_duplicates !== false) {
      const byMid = new Map<string, MessageSummary>();
      summaries = [];
      for (const m of rows) {
        const first = m.message_id ? byMid.get(m.message_id) : undefined;
        if (first) first.mailbox_ids.push(m.mailbox_id);
        else {
          const s = summaryOf(m);
          if (m.message_id) byMid.set(m.message_id, s);
          summaries.push(s);
        }
      }
    } else summaries = rows.map(summaryOf);
    this.queryCache.set(key, { version: this.version, rows: summaries });
    return summaries;
  }

  find(id: number): FakeMessage | undefined {
    return this.messages.find((m) => m.id === id);
  }

  ofMailbox(mailboxId: number): FakeMessage[] {
    return this.messages.filter((m) => m.mailbox_id === mailboxId);
  }

  removeMailbox(mailboxId: number): void {
    this.messages = this.messages.filter((m) => m.mailbox_id !== mailboxId);
    this.version++;
  }

  /** Folder actions as the core applies them locally (issue 14): fixed folder names per role. */
  act(ids: ReadonlySet<number>, action: MessageAction, folder?: string): number {
    const places: Partial<Record<MessageAction, [string, FolderRole]>> = {
      archive: ['Archive', 'archive'],
      delete: ['Trash', 'trash'],
      'not-spam': ['INBOX', 'inbox'],
    };
    let updated = 0;
    for (const m of [...this.messages]) {
      if (!ids.has(m.id)) continue;
      updated++;
      if (action === 'read' || action === 'unread') m.seen = action === 'read';
      else if (action === 'flag' || action === 'unflag') m.flagged = action === 'flag';
      else if (action === 'delete' && m.folder_role === 'trash') this.messages = this.messages.filter((x) => x.id !== m.id);
      else {
        const [path, role] = action === 'move' ? [folder ?? 'INBOX', (folder === 'INBOX' ? 'inbox' : 'other') as FolderRole] : (places[action] ?? ['INBOX', 'inbox']);
        m.folder = path;
        m.folder_role = role;
      }
    }
    this.version++;
    return updated;
  }

  /** "Who am I" of the fake install (issue 16). */
  me: string | null = null;

  /** Team triage as the core applies it locally (issue 16). */
  setTriage(ids: ReadonlySet<number>, ask: { state?: TriageState; assignee?: string | null }): number {
    let updated = 0;
    for (const m of this.messages) {
      if (!ids.has(m.id)) continue;
      m.triage = {
        ...m.triage,
        ...(ask.state !== undefined ? { state: ask.state } : {}),
        ...(ask.assignee !== undefined ? { assignee: ask.assignee } : {}),
        by: this.me,
        at: new Date().toISOString(),
      };
      updated++;
    }
    this.version++;
    return updated;
  }

  triageCounts(): Record<TriageView, number> {
    const out = {} as Record<TriageView, number>;
    for (const v of TRIAGE_VIEWS) out[v] = this.messages.filter((m) => inTriageView(m.triage, v, this.me)).length;
    return out;
  }

  counts(): FolderCounts {
    const out = {} as FolderCounts;
    for (const v of FOLDER_VIEWS) {
      const rows = v === 'all' ? this.messages : this.messages.filter((m) => m.folder_role === v);
      out[v] = { total: rows.length, unread: rows.filter((m) => !m.seen).length };
    }
    return out;
  }

  setSeen(ids: ReadonlySet<number>, seen: boolean): number {
    let updated = 0;
    for (const m of this.messages) {
      if (ids.has(m.id) && m.seen !== seen) {
        m.seen = seen;
        updated++;
      }
    }
    if (updated > 0) this.version++;
    return updated;
  }
}

function summaryOf(m: FakeMessage): MessageSummary {
  return {
    id: m.id,
    mailbox_id: m.mailbox_id,
    mailbox_ids: [m.mailbox_id],
    folder: m.folder,
    folder_role: m.folder_role,
    action_error: m.action_error,
    triage: { ...m.triage },
    message_id: m.message_id,
    subject: m.subject,
    from: m.from,
    date: m.date,
    snippet: m.snippet,
    seen: m.seen,
    flagged: m.flagged,
    has_attachments: m.has_attachments,
    size: m.size,
  };
}

/** `n` messages for one mailbox, one minute apart, newest at `newest`. */
export function manyMessages(mailbox_id: number, n: number, newest = Date.UTC(2025, 0, 31, 12)): Array<{ mailbox_id: number; date: string; subject: string; seen: boolean }> {
  return Array.from({ length: n }, (_, i) => ({
    mailbox_id,
    date: new Date(newest - i * 60_000).toISOString(),
    subject: `Sujet ${i}`,
    seen: i % 3 !== 0,
  }));
}


function inTriageView(t: TriageInfo, view: TriageView, me: string | null): boolean {
  const open = t.state === 'todo' || t.state === 'doing';
  switch (view) {
    case 'mine':
      return open && me !== null && t.assignee?.toLowerCase() === me.toLowerCase();
    case 'unassigned':
      return open && t.assignee === null;
    default:
      return t.state === view;
  }
}
