// The team-triage views under the folder views (issue 16): à traiter, à moi, non assignés, en cours, traités —
// each across every mailbox and folder, with its count; and which mailboxes keep their triage local.
import { useStore } from 'zustand';
import { TRIAGE_VIEWS, type TriageView } from '../../../shared/triage.js';
import type { LabelKey } from '../../i18n/i18n.js';
import { useServices, useT } from '../../store/services.js';

export const TRIAGE_LABELS: Record<TriageView, LabelKey> = {
  todo: 'triage.view.todo',
  mine: 'triage.view.mine',
  unassigned: 'triage.view.unassigned',
  doing: 'triage.view.doing',
  done: 'triage.view.done',
};

export function TriageNav() {
  const { stores } = useServices();
  const { t, tag } = useT();
  const screen = useStore(stores.nav, (s) => s.screen);
  const current = useStore(stores.inbox, (s) => s.filter.triage);
  const overview = useStore(stores.triage, (s) => s.overview);
  const choose = (view: TriageView) => {
    stores.nav.getState().go('inbox');
    const f = stores.inbox.getState().filter;
    if (f.triage !== view || f.folder !== 'all') stores.inbox.getState().setFilter({ triage: view, folder: 'all' });
  };
  const local = overview?.local_only_mailboxes ?? [];
  return (
    <div className="triage-nav" data-testid="triage-nav">
      <p className="triage-nav-title">{t('triage.label')}</p>
      <ul className="folder-nav" aria-label={t('triage.label')}>
        {TRIAGE_VIEWS.map((view) => {
          const active = screen === 'inbox' && current === view;
          const count = overview?.counts[view] ?? 0;
          return (
            <li key={view}>
              <button
                type="button"
                className={`folder-item triage-item triage-${view}${active ? ' active' : ''}`}
                aria-current={active ? 'page' : undefined}
                onClick={() => choose(view)}
                data-testid={`triage-view-${view}`}
              >
                <span className="folder-label">{t(TRIAGE_LABELS[view])}</span>
                {count > 0 ? (
                  <span className="folder-count" aria-label={t('triage.count', { count })} data-testid={`triage-count-${view}`}>
                    {new Intl.NumberFormat(tag).format(count)}
                  </span>
                ) : null}
              </button>
            </li>
          );
        })}
      </ul>
      {local.length > 0 ? (
        <p className="triage-local-notice" role="note" data-testid="triage-local-notice">
          {t('triage.localMailboxes', { names: local.map((m) => m.name).join(', ') })}
        </p>
      ) : null}
    </div>
  );
}
