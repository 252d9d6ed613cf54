// Triage controls (issue 16) for the message in the reader or the ticked ones: the state (à traiter, en cours,
// traité), who handles it (colleagues learnt from the server, or a new name), who changed it last, and a
// notice when the server keeps no keywords (the triage then stays on this computer).
import { useId, useState } from 'react';
import { useStore } from 'zustand';
import { TRIAGE_STATES, type TriageState } from '../../../shared/triage.js';
import type { MessageSummary } from '../../../shared/types.js';
import type { LabelKey, MessageKey } from '../../i18n/i18n.js';
import { useServices, useT } from '../../store/services.js';

const STATE_LABELS: Record<TriageState, LabelKey> = { todo: 'triage.state.todo', doing: 'triage.state.doing', done: 'triage.state.done' };
const BY_LABELS = { todo: 'triage.by.todo', doing: 'triage.by.doing', done: 'triage.by.done' } as const satisfies Record<TriageState, MessageKey>;
const OTHER = '\u0000other';

/** "10:42" today, "3 déc. 10:42" another day. */
function whenText(iso: string, tag: string): string {
  const d = new Date(iso);
  const sameDay = d.toDateString() === new Date().toDateString();
  const opts: Intl.DateTimeFormatOptions = sameDay ? { hour: '2-digit', minute: '2-digit' } : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
  return new Intl.DateTimeFormat(tag, opts).format(d);
}

/** Runs a triage change on ids, signed with this install's name. Shared by the controls and the shortcuts. */
export function useSetTriage() {
  const { stores } = useServices();
  return (ids: number[], ask: { state?: TriageState; assignee?: string | null }) => {
    const me = stores.triage.getState().overview?.me ?? null;
    void stores.inbox.getState().setTriage(ids, ask, me);
  };
}

export function TriageControls({ rows, testId }: { rows: MessageSummary[]; testId: string }) {
  const { stores } = useServices();
  const { t, tag } = useT();
  const overview = useStore(stores.triage, (s) => s.overview);
  const setTriage = useSetTriage();
  const [other, setOther] = useState<string | null>(null);
  const selectId = useId();
  if (rows.length === 0) return null;
  const ids = rows.map((m) => m.id);
  const first = rows[0] as MessageSummary;
  const sameState = rows.every((m) => m.triage.state === first.triage.state) ? first.triage.state : null;
  const sameAssignee = rows.every((m) => m.triage.assignee === first.triage.assignee) ? first.triage.assignee : undefined;
  const me = overview?.me ?? null;
  const people = [...(overview?.people ?? [])];
  if (sameAssignee && !people.some((p) => p.toLowerCase() === sameAssignee.toLowerCase())) people.push(sameAssignee);
  const who = rows.length === 1 && first.triage.by && first.triage.state ? t(BY_LABELS[first.triage.state], { name: first.triage.by }) : null;
  const byLine = who && first.triage.at ? t('triage.when', { who, time: whenText(first.triage.at, tag) }) : who;
  return (
    <div className="triage-controls" data-testid={testId}>
      <div className="triage-states" role="group" aria-label={t('triage.stateLabel')}>
        {TRIAGE_STATES.map((s) => (
          <button
            key={s}
            type="button"
            className={`btn btn-small triage-state triage-state-${s}${sameState === s ? ' active' : ''}`}
            aria-pressed={sameState === s}
            onClick={() => setTriage(ids, { state: s })}
            data-testid={`triage-set-${s}`}
          >
            {t(STATE_LABELS[s])}
          </button>
        ))}
      </div>
      <label className="triage-assignee" htmlFor={selectId}>
        <span>{t('triage.assignee')}</span>
        <select
          id={selectId}
          value={other !== null ? OTHER : (sameAssignee ?? '')}
          onChange={(e) => {
            const v = e.target.value;
            if (v === OTHER) return setOther('');
            setOther(null);
            setTriage(ids, { assignee: v === '' ? null : v });
          }}
          data-testid="triage-assignee"
        >
          {sameAssignee === undefined ? <option value="" disabled>{t('triage.assignTo')}</option> : null}
          <option value="">{t('triage.nobody')}</option>
          {people.map((p) => (
            <option key={p} value={p}>
              {me !== null && p.toLowerCase() === me.toLowerCase() ? t('triage.me', { name: p }) : p}
            </option>
          ))}
          <option value={OTHER}>{t('triage.someoneElse')}</option>
        </select>
      </label>
      {other !== null ? (
        <form
          className="triage-other"
          onSubmit={(e) => {
            e.preventDefault();
            if (other.trim() === '') return;
            setTriage(ids, { assignee: other.trim() });
            setOther(null);
          }}
        >
          <input
            autoFocus
            value={other}
            aria-label={t('triage.otherPrompt')}
            placeholder={t('triage.otherPrompt')}
            onChange={(e) => setOther(e.target.value)}
            data-testid="triage-other-name"
          />
          <button type="submit" className="btn btn-small" data-testid="triage-other-ok">
            OK
          </button>
        </form>
      ) : null}
      {byLine ? (
        <span className="triage-by muted" data-testid="triage-by">
          {byLine}
        </span>
      ) : null}
      {rows.some((m) => m.triage.local_only) ? (
        <p className="banner banner-warning small" data-testid="triage-local-only">
          {t('triage.localOnly')}
        </p>
      ) : null}
    </div>
  );
}

/** The state and assignee on a list row. */
export function TriageBadge({ message }: { message: MessageSummary }) {
  const { t } = useT();
  const { state, assignee } = message.triage;
  // New mail is "à traiter" by default: only what someone did is worth a badge on every row.
  if ((state === null || state === 'todo') && assignee === null) return null;
  return (
    <span className={`triage-badge triage-badge-${state ?? 'none'}`} data-testid="msg-triage">
      {state ? t(STATE_LABELS[state]) : ''}
      {assignee ? ` ${t('triage.assignedTo', { name: assignee })}` : ''}
    </span>
  );
}
