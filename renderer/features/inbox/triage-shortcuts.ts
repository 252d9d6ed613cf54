// Keyboard shortcuts for team triage (issue 16), on the ticked messages or the one open: 1 à traiter,
// 2 en cours, 3 traité, m me le confier. Listed in the help overlay (Shortcuts.tsx SHORTCUTS).
import { useEffect } from 'react';
import type { TriageState } from '../../../shared/triage.js';
import { useServices } from '../../store/services.js';
import { useSetTriage } from './TriageControls.js';

const STATE_KEYS: Record<string, TriageState> = { '1': 'todo', '2': 'doing', '3': 'done' };

/** Typing in a field; a row's checkbox just ticked still has the focus but takes no text. */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

export function useTriageShortcuts(): void {
  const { stores } = useServices();
  const setTriage = useSetTriage();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target) || document.querySelector('dialog[open]')) return;
      const inbox = stores.inbox.getState();
      const ids = inbox.checked.length > 0 ? inbox.checked : inbox.selectedId !== null ? [inbox.selectedId] : [];
      if (ids.length === 0) return;
      const state = STATE_KEYS[e.key];
      if (state) {
        e.preventDefault();
        setTriage(ids, { state });
        return;
      }
      const me = stores.triage.getState().overview?.me ?? null;
      if (e.key === 'm' && me !== null) {
        e.preventDefault();
        setTriage(ids, { assignee: me });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [stores, setTriage]);
}
