// Language, notifications, and — in the desktop app only — start at login and the secrets warning; then the
// data (version, folder, export, backup) and the administrator's Microsoft / Google sign-in clients.
import { useEffect, useId, useState } from 'react';
import { useStore } from 'zustand';
import type { Locale } from '../../../shared/types.js';
import { describeUserError } from '../../lib/error-text.js';
import { useServices, useT } from '../../store/services.js';
import { ErrorBox } from '../common/ErrorBox.js';
import { Checkbox } from '../common/Field.js';
import { DataSection } from './DataSection.js';
import { OAuthClientsSection } from './OAuthClientsSection.js';
import { TriageSettings } from './TriageSettings.js';

function DesktopSettings() {
  const { shell } = useServices();
  const { t } = useT();
  const [startAtLogin, setStartAtLogin] = useState<boolean | null>(null);
  const [warning, setWarning] = useState<string | null>(null);
  useEffect(() => {
    if (!shell) return;
    void shell.getStartAtLogin().then(setStartAtLogin, () => setStartAtLogin(null));
    void shell.getSecretsWarning().then(setWarning, () => setWarning(null));
  }, [shell]);
  if (!shell) return null;
  return (
    <>
      {startAtLogin !== null ? (
        <Checkbox
          label={t('settings.startAtLogin')}
          checked={startAtLogin}
          onChange={(on) => {
            setStartAtLogin(on);
            void shell.setStartAtLogin(on).catch(() => setStartAtLogin(!on));
          }}
          testId="settings-start-at-login"
          help={t('settings.startAtLoginHelp')}
        />
      ) : null}
      {warning ? (
        <div className="warning-box" role="alert" data-testid="settings-secrets-warning">
          <p className="warning-title">{t('settings.secretsWarningTitle')}</p>
          <p>{warning}</p>
        </div>
      ) : null}
    </>
  );
}

export function SettingsScreen() {
  const { stores } = useServices();
  const { t, locale } = useT();
  const notifications = useStore(stores.settings, (s) => s.notifications);
  const error = useStore(stores.settings, (s) => s.error);
  const setLocale = useStore(stores.settings, (s) => s.setLocale);
  const setNotifications = useStore(stores.settings, (s) => s.setNotifications);
  const langId = useId();
  return (
    <section className="screen settings" aria-labelledby="settings-title">
      <header className="screen-header">
        <h1 id="settings-title">{t('settings.title')}</h1>
      </header>
      <div className="card settings-card">
        <div className="field">
          <label htmlFor={langId}>{t('settings.language')}</label>
          <select id={langId} value={locale} onChange={(e) => void setLocale(e.target.value as Locale)} data-testid="settings-language">
            <option value="fr">Français</option>
            <option value="en">English</option>
          </select>
        </div>
        <Checkbox
          label={t('settings.notifications')}
          checked={notifications}
          onChange={(on) => void setNotifications(on)}
          testId="settings-notifications"
          help={t('settings.notificationsHelp')}
        />
        <DesktopSettings />
        {error ? <ErrorBox words={describeUserError(error, locale)} testId="settings-error" /> : null}
      </div>
      <DataSection />
      <TriageSettings />
      <OAuthClientsSection />
    </section>
  );
}
