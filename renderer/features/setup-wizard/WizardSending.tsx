// The last step's outgoing server: one line saying what the provider's preset (or, for another server, the
// usual guess) filled in, opening onto the mailbox editor's own sending settings and their "Test sending"
// (which logs in with the password the draft mailbox already holds: the wizard never sends it again).
import type { SendingValues } from '../compose/SendingSettings.js';
import { SendingSettings } from '../compose/SendingSettings.js';
import { useT } from '../../store/services.js';

export function WizardSending({
  mailboxId,
  value,
  onChange,
  guessed,
}: {
  mailboxId: number;
  value: SendingValues;
  onChange: (v: SendingValues) => void;
  /** Not from a preset: shown open, to be checked. */
  guessed: boolean;
}) {
  const { t } = useT();
  const server = value.smtp_server.trim();
  const summary = server
    ? t('wizard.sending.summary', {
        server,
        port: value.smtp_port.trim(),
        security: t(value.smtp_use_ssl ? 'wizard.sending.ssl' : 'wizard.sending.starttls'),
      })
    : t('wizard.sending.none');
  return (
    <details className="wizard-sending" open={guessed} data-testid="wizard-sending">
      <summary data-testid="wizard-sending-summary">
        {summary} <span className="muted small">{t('wizard.sending.change')}</span>
      </summary>
      {guessed ? (
        <p className="muted small" data-testid="wizard-sending-guessed">
          {t('wizard.sending.guessed')}
        </p>
      ) : null}
      <SendingSettings mailboxId={mailboxId} value={value} onChange={onChange} />
    </details>
  );
}
