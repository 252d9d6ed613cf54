// "Who am I" for team triage (issue 16): the name this install writes on the server as author, offered to
// colleagues as an assignee. Saved on blur or Enter; a name too long for an IMAP keyword is refused.
import { useEffect, useId, useState } from 'react';
import { useStore } from 'zustand';
import { describeUserError } from '../../lib/error-text.js';
import { useServices, useT } from '../../store/services.js';
import { ErrorBox } from '../common/ErrorBox.js';

export function TriageSettings() {
  const { stores } = useServices();
  const { t, locale } = useT();
  const me = useStore(stores.triage, (s) => s.overview?.me ?? null);
  const error = useStore(stores.triage, (s) => s.nameError);
  const [value, setValue] = useState(me ?? '');
  const [saved, setSaved] = useState(false);
  const id = useId();
  useEffect(() => setValue(me ?? ''), [me]);
  const save = async () => {
    if (value.trim() === (me ?? '')) return;
    setSaved(await stores.triage.getState().setMe(value));
  };
  return (
    <div className="card settings-card" data-testid="settings-triage">
      <h2>{t('triage.settingsTitle')}</h2>
      <form
        className="field"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label htmlFor={id}>{t('triage.settingsName')}</label>
        <input
          id={id}
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            setSaved(false);
          }}
          onBlur={() => void save()}
          autoComplete="name"
          data-testid="settings-triage-name"
        />
        <div className="field-help">{t('triage.settingsHelp')}</div>
        {saved ? (
          <p className="muted small" role="status" data-testid="settings-triage-saved">
            {t('triage.settingsSaved')}
          </p>
        ) : null}
      </form>
      {error ? <ErrorBox words={describeUserError(error, locale)} testId="settings-triage-error" /> : null}
    </div>
  );
}
