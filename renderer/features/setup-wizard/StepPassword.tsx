// Step 3: the password (write-only: never read back from anywhere) and the connection test, which must
// succeed before going on.
import { useStore } from 'zustand';
import type { LabelKey } from '../../i18n/i18n.js';
import { oauthProviderFor } from '../../store/wizard-oauth.js';
import type { WizardStore } from '../../store/wizard-store.js';
import { useT } from '../../store/services.js';
import { describeUserError } from '../../lib/error-text.js';
import { ErrorBox } from '../common/ErrorBox.js';
import { Field } from '../common/Field.js';
import { TestResult } from './TestResult.js';

export function StepPassword({ wizard }: { wizard: WizardStore }) {
  const { t, locale } = useT();
  const s = useStore(wizard);
  const auth = s.customServer ? 'password' : (s.preset?.auth ?? 'password');
  const label: LabelKey =
    auth === 'app_password' ? 'wizard.password.appLabel' : auth === 'password_or_app_password' ? 'wizard.password.eitherLabel' : 'wizard.password.label';
  const running = s.test.status === 'running';
  const signInOffer = oauthProviderFor(s);
  return (
    <form
      className="wizard-step"
      data-testid="wizard-step-password"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (s.test.status === 'ok') void s.submitPassword();
        else void s.testConnection();
      }}
    >
      <h2>{t('wizard.password.title')}</h2>
      <p className="muted">
        {t('wizard.password.intro', { email: s.email, server: `${s.server.imap_server}:${s.server.imap_port}` })}
      </p>
      <Field
        label={t(label)}
        type="password"
        value={s.password}
        onValue={s.setPassword}
        error={s.errors.email_password}
        testId="wizard-password-input"
        autoComplete="new-password"
        autoFocus
        help={t('wizard.password.storedEncrypted')}
      />
      <div className="actions actions-start">
        <button type="button" className="btn" onClick={() => void s.testConnection()} disabled={running} data-testid="wizard-test-button">
          {running ? t('wizard.test.running') : t('wizard.test.button')}
        </button>
        {signInOffer?.configured ? (
          <button type="button" className="btn" onClick={() => s.setAuthMode('oauth2')} data-testid="wizard-use-oauth">
            {t('wizard.oauth.insteadOfPassword', { provider: signInOffer.name })}
          </button>
        ) : null}
      </div>
      <TestResult test={s.test} preset={s.customServer ? null : s.preset} onTrust={(fp) => void s.trustCertificate(fp)} trusted={s.server.tls_fingerprint} onCancel={s.cancelTest} onSwitchSsl={() => void s.switchToSsl()} />
      {s.server.tls_fingerprint ? (
        <p className="muted small" data-testid="wizard-trusted-cert">
          {t('wizard.test.trusted', { fingerprint: s.server.tls_fingerprint })}
        </p>
      ) : null}
      {s.createError ? <ErrorBox words={describeUserError(s.createError, locale)} testId="wizard-create-error" /> : null}
      <div className="actions">
        <button type="button" className="btn" onClick={s.back} data-testid="wizard-back">
          {t('common.back')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={s.test.status !== 'ok' || s.preparing} data-testid="wizard-password-next">
          {s.preparing ? t('wizard.finish.preparing') : t('common.next')}
        </button>
      </div>
      {s.test.status !== 'ok' ? <p className="muted small">{t('wizard.password.testFirst')}</p> : null}
    </form>
  );
}
