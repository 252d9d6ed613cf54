// Step 2: the recognised provider (or "other server") and its settings, with the app-password steps.
// For an oauth2_only provider it says plainly that no password can work and offers the ways out.
import { useState } from 'react';
import { useStore } from 'zustand';
import { errorWords } from '../../lib/error-text.js';
import { oauthProviderFor } from '../../store/wizard-oauth.js';
import { passwordBlocked, usesOAuth } from '../../store/wizard-store.js';
import type { WizardStore } from '../../store/wizard-store.js';
import { useT } from '../../store/services.js';
import { AppPasswordHelp } from './AppPasswordHelp.js';
import { ServerFields } from './ServerFields.js';

export function StepServer({ wizard }: { wizard: WizardStore }) {
  const { t, locale } = useT();
  const s = useStore(wizard);
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const blocked = passwordBlocked(s);
  const signInProvider = oauthProviderFor(s);
  const oauth = usesOAuth(s);
  const showFieldsOpen = !s.preset || s.customServer || advancedOpen || Object.keys(s.errors).length > 0;

  if (blocked && s.preset) {
    return (
      <div className="wizard-step" data-testid="wizard-step-server">
        <h2>{t('wizard.server.title')}</h2>
        <p className="provider-line">
          {t('wizard.server.recognised')} <strong data-testid="wizard-provider-name">{s.preset.name}</strong>
        </p>
        <div className="warning-box" role="alert" data-testid="wizard-oauth-warning">
          <p className="warning-title">{s.preset.help[locale].warning ?? t('wizard.oauth.title')}</p>
          <p>{t('wizard.oauth.explain')}</p>
          {signInProvider && !signInProvider.configured ? (
            <p data-testid="wizard-oauth-not-configured">
              {errorWords('OAUTH_NOT_CONFIGURED', locale).message} {errorWords('OAUTH_NOT_CONFIGURED', locale).hint}
            </p>
          ) : null}
        </div>
        <AppPasswordHelp preset={s.preset} hideWarning />
        <div className="actions">
          <button type="button" className="btn" onClick={s.useAnotherAddress} data-testid="wizard-use-another-address">
            {t('wizard.oauth.anotherAddress')}
          </button>
          <button type="button" className="btn" onClick={s.useCustomServer} data-testid="wizard-custom-server">
            {t('wizard.oauth.customServer')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <form
      className="wizard-step"
      data-testid="wizard-step-server"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        s.submitServer();
      }}
    >
      <h2>{t('wizard.server.title')}</h2>
      {s.preset && !s.customServer ? (
        <p className="provider-line">
          {t('wizard.server.recognised')} <strong data-testid="wizard-provider-name">{s.preset.name}</strong>
          <span className="muted server-summary">
            {' '}
            — {s.server.imap_server}:{s.server.imap_port} · {s.server.use_ssl ? 'SSL/TLS' : t('wizard.server.noSsl')}
          </span>
        </p>
      ) : (
        <p className="provider-line" data-testid="wizard-provider-other">
          {t('wizard.server.otherServer')}
        </p>
      )}
      {s.preset && !s.customServer ? (
        <button
          type="button"
          className="link-button"
          aria-expanded={showFieldsOpen}
          onClick={() => setAdvancedOpen(!advancedOpen)}
          data-testid="wizard-advanced-toggle"
        >
          {showFieldsOpen ? '▾' : '▸'} {t('wizard.server.advanced')}
        </button>
      ) : null}
      {showFieldsOpen ? (
        <ServerFields value={s.server} onChange={s.setServer} errors={s.errors} emailPlaceholder={s.email} />
      ) : null}
      {oauth && signInProvider ? (
        <p className="help-box" data-testid="wizard-oauth-note">
          {t('wizard.oauth.note', { provider: signInProvider.name })}
        </p>
      ) : s.preset && !s.customServer && s.preset.auth !== 'password' ? (
        <AppPasswordHelp preset={s.preset} />
      ) : null}
      <div className="actions">
        <button type="button" className="btn" onClick={s.back} data-testid="wizard-back">
          {t('common.back')}
        </button>
        <button type="submit" className="btn btn-primary" data-testid="wizard-server-next">
          {t('common.next')}
        </button>
      </div>
    </form>
  );
}
