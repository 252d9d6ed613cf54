// Composing and the outbox as the UI sees them: one draft at a time (new, reply, reply-all, forward), saved in
// localStorage at every change so closing the window or a crash loses nothing, then handed to the core's
// durable outbox; the outbox list follows the core's outboxChanged events.
import { createStore } from 'zustand/vanilla';
import type { MailApi } from '../../shared/api.js';
import type { Locale, MessageDetail, OutboxItem, OutgoingAttachment, UserError } from '../../shared/types.js';
import { toUserError } from '../lib/error-text.js';

export type DraftKind = 'new' | 'reply' | 'reply_all' | 'forward';

export interface Draft {
  kind: DraftKind;
  /** The message answered or forwarded. */
  source_id: number | null;
  source_subject: string;
  mailbox_id: number | null;
  /** '' = the mailbox's own address (or the alias the original was sent to). */
  from: string;
  to: string;
  cc: string;
  subject: string;
  text: string;
  attachments: OutgoingAttachment[];
  saved_at: number;
}

export interface ComposeState {
  draft: Draft | null;
  sending: boolean;
  error: UserError | null;
  outbox: OutboxItem[];
  openNew(mailboxId: number | null): void;
  openReply(detail: MessageDetail, all: boolean): void;
  openForward(detail: MessageDetail): void;
  /** The draft left by a closed window or a crash, if any. */
  restore(): void;
  update(patch: Partial<Omit<Draft, 'kind' | 'source_id' | 'saved_at'>>): void;
  discard(): void;
  send(): Promise<OutboxItem | null>;
  loadOutbox(): Promise<void>;
  applyOutbox(item: OutboxItem): void;
  cancel(id: number): Promise<void>;
  retry(id: number): Promise<void>;
}

export const DRAFT_KEY = 'releve.compose.draft';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function save(draft: Draft | null): void {
  const s = storage();
  if (!s) return;
  if (!draft) return s.removeItem(DRAFT_KEY);
  try {
    s.setItem(DRAFT_KEY, JSON.stringify(draft));
  } catch {
    // Quota exceeded (large attachments): keep at least the text.
    try {
      s.setItem(DRAFT_KEY, JSON.stringify({ ...draft, attachments: [] }));
    } catch {
      /* nothing more can be done */
    }
  }
}

function load(): Draft | null {
  const raw = storage()?.getItem(DRAFT_KEY);
  if (!raw) return null;
  try {
    const d = JSON.parse(raw) as Draft;
    return d && typeof d.kind === 'string' && typeof d.text === 'string' ? d : null;
  } catch {
    return null;
  }
}

const list = (s: string): string[] => s.split(/[,;]/).map((x) => x.trim()).filter(Boolean);
const withPrefix = (subject: string, prefix: string, re: RegExp) => (re.test(subject) ? subject : `${prefix}: ${subject}`);

export function createComposeStore(api: MailApi, locale: () => Locale, now: () => number = Date.now) {
  return createStore<ComposeState>()((set, get) => {
    const open = (d: Omit<Draft, 'saved_at'>) => {
      const draft = { ...d, saved_at: now() };
      save(draft);
      set({ draft, error: null });
    };
    return {
      draft: null,
      sending: false,
      error: null,
      outbox: [],
      openNew(mailboxId) {
        open({ kind: 'new', source_id: null, source_subject: '', mailbox_id: mailboxId, from: '', to: '', cc: '', subject: '', text: '', attachments: [] });
      },
      openReply(detail, all) {
        open({
          kind: all ? 'reply_all' : 'reply', source_id: detail.id, source_subject: detail.subject, mailbox_id: detail.mailbox_id,
          from: '', to: '', cc: '', subject: withPrefix(detail.subject, 'Re', /^\s*(re|aw|réf)\s*:/i), text: '', attachments: [],
        });
      },
      openForward(detail) {
        open({
          kind: 'forward', source_id: detail.id, source_subject: detail.subject, mailbox_id: detail.mailbox_id,
          from: '', to: '', cc: '', subject: withPrefix(detail.subject, 'Fwd', /^\s*(fwd?|tr)\s*:/i), text: '', attachments: [],
        });
      },
      restore() {
        if (!get().draft) set({ draft: load() });
      },
      update(patch) {
        const d = get().draft;
        if (!d) return;
        const draft = { ...d, ...patch, saved_at: now() };
        save(draft);
        set({ draft });
      },
      discard() {
        save(null);
        set({ draft: null, error: null });
      },
      async send() {
        const d = get().draft;
        if (!d) return null;
        set({ sending: true, error: null });
        const common = {
          text: d.text,
          ...(d.from ? { from: d.from } : {}),
          ...(list(d.cc).length > 0 ? { cc: list(d.cc) } : {}),
          ...(d.attachments.length > 0 ? { attachments: d.attachments } : {}),
        };
        try {
          let item: OutboxItem;
          if ((d.kind === 'reply' || d.kind === 'reply_all') && d.source_id !== null) {
            item = await api.replyToMessage({ ...common, message_id: d.source_id, all: d.kind === 'reply_all' });
          } else if (d.kind === 'forward' && d.source_id !== null) {
            item = await api.forwardMessage({ ...common, message_id: d.source_id, to: list(d.to), subject: d.subject });
          } else {
            item = await api.sendMessage({ ...common, mailbox_id: d.mailbox_id ?? 0, to: list(d.to), subject: d.subject });
          }
          // Only now is the message safe in the outbox: the local draft can go.
          save(null);
          set({ draft: null, sending: false });
          get().applyOutbox(item);
          return item;
        } catch (err) {
          set({ sending: false, error: toUserError(err, locale()) });
          return null;
        }
      },
      async loadOutbox() {
        try {
          set({ outbox: await api.listOutbox() });
        } catch (err) {
          set({ error: toUserError(err, locale()) });
        }
      },
      applyOutbox(item) {
        const rest = get().outbox.filter((o) => o.id !== item.id);
        const cancelled = item.state === 'failed' && item.error?.code === 'CANCELLED';
        set({ outbox: cancelled ? rest : [item, ...rest].sort((a, b) => b.id - a.id).slice(0, 50) });
      },
      async cancel(id) {
        try {
          await api.cancelOutbox({ id });
          set({ outbox: get().outbox.filter((o) => o.id !== id) });
        } catch (err) {
          set({ error: toUserError(err, locale()) });
        }
      },
      async retry(id) {
        try {
          get().applyOutbox(await api.retryOutbox({ id }));
        } catch (err) {
          set({ error: toUserError(err, locale()) });
        }
      },
    };
  });
}
