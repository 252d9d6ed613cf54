// Keyboard shortcuts of the inbox (Gmail-like, so people who know one know the other) and the help that
// lists them (« ? »). Ignored while typing in a field.
import { useEffect, useState } from 'react';
import type { MessageAction, MessageSummary } from '../../../shared/types.js';
import type { LabelKey } from '../../i18n/i18n.js';
import { rowAt } from '../../store/inbox-store.js';
import { useServices, useT } from '../../store/services.js';
import { Dialog } from '../common/ConfirmDialog.js';
import type { ActionTarget } from './MessageActions.js';

export const SHORTCUTS: Array<{ keys: string[]; label: LabelKey }> = [
  { keys: ['j', 'k'], label: 'shortcuts.next' },
  { keys: ['e'], label: 'shortcuts.archive' },
  { keys: ['#'], label: 'shortcuts.delete' },
  { keys: ['s'], label: 'shortcuts.star' },
  { keys: ['u'], label: 'shortcuts.unread' },
  { keys: ['!'], label: 'shortcuts.notSpam' },
  { keys: ['x'], label: 'shortcuts.select' },
  // Team triage (issue 16): triage-shortcuts.ts.
  { keys: ['1'], label: 'triage.shortcut.todo' },
  { keys: ['2'], label: 'triage.shortcut.doing' },
  { keys: ['3'], label: 'triage.shortcut.done' },
  { keys: ['m'], label: 'triage.shortcut.mine' },
  { keys: ['/'], label: 'shortcuts.search' },
  { keys: ['Esc'], label: 'shortcuts.escape' },
  { keys: ['?'], label: 'shortcuts.help' },
];

export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const { t } = useT();
  return (
    <Dialog title={t('shortcuts.title')} onClose={onClose} testId="shortcuts-help">
      <dl className="shortcut-list">
        {SHORTCUTS.map((s) => (
          <div key={s.label} className="shortcut">
            <dt>
              {s.keys.map((k) => (
                <kbd key={k}>{k}</kbd>
              ))}
            </dt>
            <dd>{t(s.label)}</dd>
          </div>
        ))}
      </dl>
      <div className="actions">
        <button type="button" className="btn" onClick={onClose} data-testid="shortcuts-close">
          {t('shortcuts.close')}
        </button>
      </div>
    </Dialog>
  );
}

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

function targetOf(rows: MessageSummary[]): ActionTarget {
  const boxes = new Set(rows.map((m) => m.mailbox_id));
  return {
    ids: rows.map((m) => m.id),
    roles: rows.map((m) => m.folder_role),
    allSeen: rows.every((m) => m.seen),
    allFlagged: rows.every((m) => m.flagged),
    mailboxId: boxes.size === 1 ? ([...boxes][0] ?? null) : null,
  };
}

/** Installs the shortcuts; `run` performs an action (with the Trash confirmation). Returns the help toggle. */
export function useInboxShortcuts(run: (action: MessageAction, target: ActionTarget) => void) {
  const { stores } = useServices();
  const [help, setHelp] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target) || document.querySelector('dialog[open]')) return;
      const inbox = stores.inbox.getState();
      const rows = Object.values(inbox.pages).flat();
      const checked = rows.filter((m) => inbox.checked.includes(m.id));
      const current = rows.find((m) => m.id === inbox.selectedId);
      const targets = checked.length > 0 ? checked : current ? [current] : [];
      const act = (action: MessageAction) => {
        if (targets.length === 0) return;
        e.preventDefault();
        run(action, targetOf(targets));
      };
      const step = (delta: number) => {
        e.preventDefault();
        const total = inbox.total ?? 0;
        let index = -1;
        for (let i = 0; i < Math.min(total, 5000); i++) {
          if (rowAt(inbox, i)?.id === inbox.selectedId) {
            index = i;
            break;
          }
        }
        const next = rowAt(inbox, Math.max(0, Math.min(total - 1, index + delta)));
        if (next) void inbox.open(next.id);
      };
      switch (e.key) {
        case 'e':
          return act('archive');
        case '#':
          return act('delete');
        case 's':
          return act(targets.every((m) => m.flagged) ? 'unflag' : 'flag');
        case 'u':
          return act(targets.every((m) => m.seen) ? 'unread' : 'read');
        case '!':
          return act('not-spam');
        case 'x':
          if (current) {
            e.preventDefault();
            inbox.toggleChecked(current.id);
          }
          return;
        case 'j':
          return step(1);
        case 'k':
          return step(-1);
        case '/': {
          e.preventDefault();
          document.querySelector<HTMLInputElement>('[data-testid="search-box"]')?.focus();
          return;
        }
        case '?':
          e.preventDefault();
          setHelp(true);
          return;
        case 'Escape':
          if (inbox.checked.length > 0) inbox.clearChecked();
          else inbox.closeReader();
          return;
        default:
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [stores, run]);
  return { help, setHelp };
}
