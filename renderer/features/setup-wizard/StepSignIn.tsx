// Step 3 for OAuth2 providers: sign in on the provider's own page (system browser), then the connection is
// tested with that sign-in. Passwords are never asked for.
import { useStore } from 'zustand';
import { describeUserError } from '../../lib/error-text.js';
import { openExternal } from '../../lib/open-external.js';
import { oauthProviderFor } from '../../store/wizard-oauth.js';
import type { WizardStore } from '../../store/wizard-store.js';
import { useT } from '../../store/services.js';
import { ErrorBox } from '../common/ErrorBox.js';
import { TestResult } from './TestResult.js';

export function StepSignIn({ wizard }: { wizard: WizardStore }) {
  const { t, locale } = useT();
  const s = useStore(wizard);
  const provider = oauthProviderFor(s);
  const signIn = s.signIn;
  const busy = signIn.status === 'starting' || signIn.status === 'waiting';
  const canUsePassword = s.preset?.auth !== 'oauth2_only';
  const otherAccount =
    signIn.status === 'done' && signIn.completion.email && signIn.completion.email.toLowerCase() !== s.email.trim().toLowerCase()
      ? signIn.completion.email
      : null;
  return (
    <div className="wizard-step" data-testid="wizard-step-password">
      <h2>{t('wizard.oauth.signInTitle')}</h2>
      <p className="muted">{t('wizard.oauth.signInIntro', { provider: provider?.name ?? '', email: s.email })}</p>
      <div className="actions actions-start">
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void s.startSignIn(openExternal)}
          disabled={busy}
          data-testid="wizard-oauth-signin"
        >
          {signIn.status === 'done' ? t('wizard.oauth.signInAgain') : t('wizard.oauth.signInWith', { provider: provider?.name ?? '' })}
        </button>
        {canUsePassword ? (
          <button type="button" className="btn" onClick={() => s.setAuthMode('password')} data-testid="wizard-use-password">
            {t('wizard.oauth.usePassword')}
          </button>
        ) : null}
      </div>
      {signIn.status === 'waiting' ? (
        <div className="help-box" role="status" data-testid="wizard-oauth-waiting">
          <p>
            <span className="spinner" aria-hidden="true" /> {t('wizard.oauth.waiting')}
          </p>
          <p className="small">
            <a href={signIn.flow.authorization_url} target="_blank" rel="noopener noreferrer" data-testid="wizard-oauth-link">
              {t('wizard.oauth.reopen')}
            </a>
          </p>
          <button type="button" className="btn btn-small" onClick={() => void s.cancelSignIn()} data-testid="wizard-oauth-cancel">
            {t('common.cancel')}
          </button>
        </div>
      ) : null}
      {signIn.status === 'done' ? (
        <p className="muted oauth-done" data-testid="wizard-oauth-done">
          ✓ {t('wizard.oauth.signedIn', { email: signIn.completion.email ?? s.email })}
        </p>
      ) : null}
      {otherAccount ? (
        <p className="danger-text" data-testid="wizard-oauth-other-account">
          {t('wizard.oauth.otherAccount', { signedIn: otherAccount, email: s.email })}
        </p>
      ) : null}
      {signIn.status === 'failed' ? <ErrorBox words={describeUserError(signIn.error, locale)} testId="wizard-oauth-error" /> : null}
      <TestResult test={s.test} preset={null} onTrust={(fp) => void s.trustCertificate(fp)} trusted={s.server.tls_fingerprint} onCancel={s.cancelTest} onSwitchSsl={() => void s.switchToSsl()} />
      {s.createError ? <ErrorBox words={describeUserError(s.createError, locale)} testId="wizard-create-error" /> : null}
      <div className="actions">
        <button type="button" className="btn" onClick={s.back} data-testid="wizard-back">
          {t('common.back')}
        </button>
        <button type="button" className="btn btn-primary" disabled={s.test.status !== 'ok' || s.preparing} onClick={() => void s.submitPassword()} data-testid="wizard-password-next">
          {s.preparing ? t('wizard.finish.preparing') : t('common.next')}
        </button>
      </div>
    </div>
  );
}
