// IMAP server, port, SSL, login and the "allow unencrypted" escape hatch, shared by the wizard and the
// mailbox edit form. Turning SSL on/off moves the port between 993 and 143 when it was the usual one.
import type { ServerFields as ServerValues } from '../../store/wizard-store.js';
import { useT } from '../../store/services.js';
import { Checkbox, Field } from '../common/Field.js';

type Errors = Partial<Record<'imap_server' | 'imap_port' | 'username', string>>;

export function ServerFields({
  value,
  onChange,
  errors,
  emailPlaceholder,
}: {
  value: ServerValues;
  onChange: (patch: Partial<ServerValues>) => void;
  errors: Errors;
  emailPlaceholder: string;
}) {
  const { t } = useT();
  const toggleSsl = (on: boolean) => {
    const patch: Partial<ServerValues> = { use_ssl: on };
    if (on && value.imap_port.trim() === '143') patch.imap_port = '993';
    if (!on && value.imap_port.trim() === '993') patch.imap_port = '143';
    onChange(patch);
  };
  const unencrypted = !value.use_ssl;
  return (
    <div className="server-fields">
      <div className="field-row">
        <Field
          label={t('wizard.server.host')}
          value={value.imap_server}
          onValue={(v) => onChange({ imap_server: v })}
          error={errors.imap_server}
          testId="wizard-server-input"
          placeholder="imap.exemple.fr"
          autoComplete="off"
          spellCheck={false}
          className="grow"
        />
        <Field
          label={t('wizard.server.port')}
          value={value.imap_port}
          onValue={(v) => onChange({ imap_port: v })}
          error={errors.imap_port}
          testId="wizard-port-input"
          inputMode="numeric"
          className="narrow"
        />
      </div>
      <Checkbox
        label={t('wizard.server.ssl')}
        checked={value.use_ssl}
        onChange={toggleSsl}
        testId="wizard-ssl-checkbox"
        help={unencrypted ? t('wizard.server.starttlsNote') : undefined}
      />
      <Field
        label={t('wizard.server.username')}
        value={value.username}
        onValue={(v) => onChange({ username: v })}
        error={errors.username}
        testId="wizard-username-input"
        placeholder={emailPlaceholder}
        autoComplete="off"
        spellCheck={false}
        help={t('wizard.server.usernameHelp')}
      />
      {unencrypted ? (
        <div className={`insecure-box${value.allow_insecure_auth ? ' insecure-box-on' : ''}`}>
          <Checkbox
            label={t('wizard.server.allowInsecure')}
            checked={value.allow_insecure_auth}
            onChange={(v) => onChange({ allow_insecure_auth: v })}
            testId="wizard-insecure-checkbox"
          />
          {value.allow_insecure_auth ? (
            <p className="danger-text" role="alert" data-testid="wizard-insecure-warning">
              ⚠ {t('wizard.server.insecureWarning')}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
