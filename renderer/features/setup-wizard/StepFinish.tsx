// Step 4: name, sync interval, how much old mail the first sync fetches, colour, the folders to sync (listed
// on the server through the paused draft mailbox) and the outgoing server — each with a default, so "Add the
// mailbox" is one click — then the draft is saved with them and turned on.
import { useState } from 'react';
import { useStore } from 'zustand';
import { describeUserError } from '../../lib/error-text.js';
import type { SyncWindowKind, WizardStore } from '../../store/wizard-store.js';
import { useT } from '../../store/services.js';
import { ErrorBox } from '../common/ErrorBox.js';
import { Field } from '../common/Field.js';
import { sendingPatch, sendingValues } from '../compose/SendingSettings.js';
import { FolderChoice } from '../mailboxes/FolderChoice.js';
import { ColorPicker } from './ColorPicker.js';
import { WizardSending } from './WizardSending.js';

export function StepFinish({ wizard }: { wizard: WizardStore }) {
  const { t, locale } = useT();
  const s = useStore(wizard);
  const f = s.finish;
  const draft = s.draft;
  const [sending, setSending] = useState(() => (draft ? sendingValues(draft) : null));
  const windowOption = (kind: SyncWindowKind, label: string) => (
    <label className="radio">
      <input
        type="radio"
        name="sync-window"
        checked={f.window === kind}
        onChange={() => s.setFinish({ window: kind })}
        data-testid={`wizard-window-${kind}`}
      />
      {label}
    </label>
  );
  return (
    <form
      className="wizard-step"
      data-testid="wizard-step-finish"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void s.create(sending ? sendingPatch(sending) : {});
      }}
    >
      <h2>{t('wizard.finish.title')}</h2>
      <Field
        label={t('wizard.finish.name')}
        value={f.name}
        onValue={(v) => s.setFinish({ name: v })}
        error={s.errors.name}
        testId="wizard-name-input"
        maxLength={100}
      />
      <Field
        label={t('wizard.finish.interval')}
        value={f.sync_interval_minutes}
        onValue={(v) => s.setFinish({ sync_interval_minutes: v })}
        error={s.errors.sync_interval_minutes}
        testId="wizard-interval-input"
        inputMode="numeric"
        className="narrow"
        help={t('wizard.finish.intervalHelp')}
      />
      <fieldset className="field">
        <legend>{t('wizard.finish.window')}</legend>
        {windowOption('all', t('wizard.finish.windowAll'))}
        <div className="radio-with-input">
          {windowOption('days', t('wizard.finish.windowDays'))}
          {f.window === 'days' ? (
            <Field
              label={t('wizard.finish.days')}
              value={f.window_days}
              onValue={(v) => s.setFinish({ window_days: v })}
              error={s.errors.sync_window_days}
              testId="wizard-window-days-input"
              inputMode="numeric"
              className="narrow"
            />
          ) : null}
        </div>
        <div className="radio-with-input">
          {windowOption('count', t('wizard.finish.windowCount'))}
          {f.window === 'count' ? (
            <Field
              label={t('wizard.finish.count')}
              value={f.window_count}
              onValue={(v) => s.setFinish({ window_count: v })}
              error={s.errors.sync_window_count}
              testId="wizard-window-count-input"
              inputMode="numeric"
              className="narrow"
            />
          ) : null}
        </div>
      </fieldset>
      <ColorPicker value={f.color} onChange={(c) => s.setFinish({ color: c })} testId="wizard-color" />
      {s.errors.color ? <p className="field-error">{s.errors.color}</p> : null}
      {draft ? <FolderChoice mailboxId={draft.id} /> : null}
      {draft && sending ? <WizardSending mailboxId={draft.id} value={sending} onChange={setSending} guessed={draft.preset_id === null} /> : null}
      {draft ? <p className="muted small">{t('wizard.finish.later')}</p> : null}
      {s.createError ? <ErrorBox words={describeUserError(s.createError, locale)} testId="wizard-create-error" /> : null}
      <div className="actions">
        <button type="button" className="btn" onClick={s.back} data-testid="wizard-back">
          {t('common.back')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={s.creating} data-testid="wizard-create">
          {s.creating ? t('wizard.finish.creating') : t('wizard.finish.create')}
        </button>
      </div>
    </form>
  );
}
