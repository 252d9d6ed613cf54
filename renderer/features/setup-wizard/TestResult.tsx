// The outcome of "Test the connection": success with the message count, or the error in plain words with
// what to do — the provider's app-password steps again for AUTH, and "trust this certificate" for TLS_CERT.
import { errorHint } from '../../../shared/errors.js';
import type { ProviderPreset } from '../../../shared/providers.js';
import { describeUserError } from '../../lib/error-text.js';
import { formatCount } from '../../lib/format.js';
import type { TestState } from '../../store/wizard-store.js';
import { useT } from '../../store/services.js';
import { ErrorBox } from '../common/ErrorBox.js';
import { AppPasswordHelp } from './AppPasswordHelp.js';

export function TestResult({
  test,
  preset,
  onTrust,
  trusted,
  onCancel,
  onSwitchSsl,
}: {
  test: TestState;
  preset: ProviderPreset | null;
  onTrust: (fingerprint: string) => void;
  trusted: string | null;
  /** Every running test can be stopped (a server that never answers must not hold the user). */
  onCancel: () => void;
  /** Offered when the port expects SSL/TLS and it was unticked. */
  onSwitchSsl: () => void;
}) {
  const { t, tag, locale } = useT();
  if (test.status === 'idle') return null;
  if (test.status === 'running') {
    return (
      <p className="test-running" role="status" data-testid="wizard-test-running">
        <span className="spinner" aria-hidden="true" /> {t('wizard.test.running')}{' '}
        <button type="button" className="btn btn-small" onClick={onCancel} data-testid="test-cancel">
          {t('wizard.test.cancel')}
        </button>
      </p>
    );
  }
  if (test.status === 'ok') {
    return (
      <div className="success-box" role="status" data-testid="wizard-test-success">
        <p>
          ✓{' '}
          {test.message_count === null
            ? t('wizard.test.okNoCount')
            : t('wizard.test.ok', { count: test.message_count, n: formatCount(test.message_count, tag) })}
        </p>
        {test.secure === false ? <p className="danger-text">⚠ {t('wizard.test.unencrypted')}</p> : null}
      </div>
    );
  }
  const words = describeUserError(test.error, locale);
  // A test answers now: its hint never promises "a retry on the next cycle" (nothing is scheduled yet).
  words.hint = errorHint(words.code, locale, 'test');
  const fingerprint = test.error.cert_fingerprint;
  return (
    <ErrorBox words={words} testId="wizard-test-error">
      {test.error.code === 'TLS_CERT' && fingerprint && trusted !== fingerprint ? (
        <div className="trust-cert">
          <p>{t('wizard.test.certFingerprint')}</p>
          <code className="fingerprint" data-testid="wizard-cert-fingerprint">
            {fingerprint}
          </code>
          <button type="button" className="btn btn-warning" onClick={() => onTrust(fingerprint)} data-testid="wizard-trust-cert">
            {t('wizard.test.trustCert')}
          </button>
        </div>
      ) : null}
      {test.error.code === 'TLS_PORT_NEEDS_SSL' ? (
        <button type="button" className="btn btn-small" onClick={onSwitchSsl} data-testid="test-switch-ssl">
          {t('wizard.test.switchSsl')}
        </button>
      ) : null}
      {(test.error.code === 'AUTH' || test.error.code === 'AUTH_OAUTH_ONLY') && preset ? <AppPasswordHelp preset={preset} highlight /> : null}
    </ErrorBox>
  );
}
