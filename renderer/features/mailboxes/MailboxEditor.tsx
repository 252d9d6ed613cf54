// Editing a mailbox: the wizard's fields on one page. The password field starts empty and stays
// write-only: left empty, the stored password is kept (and the connection test uses it) — but only for the
// settings it was given for: once server, port, security or login change, the core wants it again
// (SECRET_REQUIRED), so the editor asks for it before testing or saving.
import { useRef, useState } from 'react';
import { newTestId } from '../../lib/connection-test.js';
import type { Mailbox, MailboxPatch, UserError } from '../../../shared/types.js';
import { describeUserError, toUserError } from '../../lib/error-text.js';
import { fieldErrors } from '../../lib/validate.js';
import type { CheckedField } from '../../lib/validate.js';
import type { ServerFields as ServerValues, TestState } from '../../store/wizard-store.js';
import { getPreset } from '../../../shared/providers.js';
import { useServices, useT } from '../../store/services.js';
import { ErrorBox } from '../common/ErrorBox.js';
import { ReconnectButton } from '../common/ReconnectButton.js';
import { Checkbox, Field } from '../common/Field.js';
import { ColorPicker } from '../setup-wizard/ColorPicker.js';
import { ServerFields } from '../setup-wizard/ServerFields.js';
import { TestResult } from '../setup-wizard/TestResult.js';
import { FolderChoice } from './FolderChoice.js';
import { SendingSettings, sendingPatch, sendingValues } from '../compose/SendingSettings.js';

export function MailboxEditor({ mailbox, onDone }: { mailbox: Mailbox; onDone: () => void }) {
  const { client, stores } = useServices();
  const { t, locale } = useT();
  const [name, setName] = useState(mailbox.name);
  const [email, setEmail] = useState(mailbox.email_address);
  const [server, setServer] = useState<ServerValues>({
    imap_server: mailbox.imap_server,
    imap_port: String(mailbox.imap_port),
    use_ssl: mailbox.use_ssl,
    username: mailbox.username === mailbox.email_address ? '' : mailbox.username,
    allow_insecure_auth: mailbox.allow_insecure_auth,
    tls_fingerprint: mailbox.tls_fingerprint,
  });
  const [password, setPassword] = useState('');
  const [interval, setIntervalText] = useState(String(mailbox.sync_interval_minutes));
  const [color, setColor] = useState(mailbox.color);
  const [active, setActive] = useState(mailbox.active);
  const [sending, setSending] = useState(() => sendingValues(mailbox));
  const [errors, setErrors] = useState<Partial<Record<CheckedField, string>>>({});
  const [test, setTest] = useState<TestState>({ status: 'idle' });
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<UserError | null>(null);
  const [passwordError, setPasswordError] = useState<string | undefined>(undefined);
  const preset = mailbox.preset_id ? (getPreset(mailbox.preset_id) ?? null) : null;
  const hasSecret = mailbox.has_password || mailbox.auth_method === 'oauth2';
  const needsSecret = hasSecret && secretTargetChanged(mailbox, server, email);

  /** False (and says why) when the changed connection would need the stored secret, which is never reused. */
  const secretGiven = (fingerprint = server.tls_fingerprint) => {
    if (password || !hasSecret || !secretTargetChanged(mailbox, { ...server, tls_fingerprint: fingerprint }, email)) return true;
    setPasswordError(t(mailbox.auth_method === 'oauth2' ? 'mailboxes.edit.signInRequired' : 'mailboxes.edit.passwordRequired'));
    return false;
  };

  const validate = () => {
    const e = fieldErrors(
      {
        name: name.trim(),
        email_address: email.trim(),
        imap_server: server.imap_server.trim(),
        imap_port: server.imap_port.trim(),
        sync_interval_minutes: interval.trim(),
        color,
        ...(server.username.trim() ? { username: server.username.trim() } : {}),
      },
      locale,
    );
    setErrors(e);
    return Object.keys(e).length === 0;
  };

  /** The test in flight (Cancel, or a newer test, makes its late answer irrelevant). */
  const testId = useRef<string | null>(null);

  /** Did the user change what the connection logs in with? Then it is tested before saving, as in the wizard. */
  const connectionChanged = () =>
    mailbox.auth_method === 'password' &&
    (password !== '' ||
      server.imap_server.trim().toLowerCase() !== mailbox.imap_server.toLowerCase() ||
      Number(server.imap_port) !== mailbox.imap_port ||
      server.use_ssl !== mailbox.use_ssl ||
      server.allow_insecure_auth !== mailbox.allow_insecure_auth ||
      server.tls_fingerprint !== mailbox.tls_fingerprint ||
      (server.username.trim() || email.trim()) !== mailbox.username);

  const cancelTest = () => {
    const id = testId.current;
    if (!id) return;
    testId.current = null;
    setTest({ status: 'idle' });
    setSaving(false);
    void client.api.cancelConnectionTest({ test_id: id }).catch(() => undefined);
  };

  const runTest = async (fingerprint = server.tls_fingerprint, useSsl = server.use_ssl): Promise<boolean> => {
    if (!validate()) return false;
    if (!secretGiven(fingerprint)) return false;
    const id = newTestId('editor');
    testId.current = id;
    setTest({ status: 'running' });
    try {
      const r = await client.api.testConnection({
        test_id: id,
        imap_server: server.imap_server.trim(),
        imap_port: Number(server.imap_port),
        use_ssl: useSsl,
        email_address: email.trim(),
        ...(server.username.trim() ? { username: server.username.trim() } : {}),
        ...(password ? { email_password: password } : { mailbox_id: mailbox.id }),
        allow_insecure_auth: server.allow_insecure_auth,
        tls_fingerprint: fingerprint,
      });
      if (testId.current !== id) return false;
      setTest(r.ok ? { status: 'ok', message_count: r.message_count ?? null, secure: r.secure ?? null } : { status: 'failed', error: r.error ?? { code: 'UNKNOWN', message: '', hint: '' } });
      return r.ok;
    } catch (err) {
      if (testId.current === id) setTest({ status: 'failed', error: toUserError(err, locale) });
      return false;
    } finally {
      if (testId.current === id) testId.current = null;
    }
  };

  const save = async () => {
    if (!validate() || !secretGiven()) return;
    const patch: MailboxPatch = {
      name: name.trim(),
      email_address: email.trim(),
      imap_server: server.imap_server.trim(),
      imap_port: Number(server.imap_port),
      use_ssl: server.use_ssl,
      username: server.username.trim(),
      allow_insecure_auth: server.allow_insecure_auth,
      tls_fingerprint: server.tls_fingerprint,
      sync_interval_minutes: Number(interval),
      color,
      active,
      ...sendingPatch(sending),
    };
    if (password) patch.email_password = password;
    setSaving(true);
    setSaveError(null);
    // A changed server, port, login or password is tested first (the core refuses it too if it fails): a wrong
    // password is never saved silently.
    if (connectionChanged() && test.status !== 'ok') {
      const ok = await runTest();
      if (!ok) {
        setSaving(false);
        return;
      }
    }
    try {
      await stores.mailboxes.getState().update(mailbox.id, patch);
      void stores.status.getState().load();
      onDone();
    } catch (err) {
      setSaveError(toUserError(err, locale));
      setSaving(false);
    }
  };

  const changeServer = (p: Partial<ServerValues>) => {
    setServer({ ...server, ...p });
    setTest({ status: 'idle' });
  };

  return (
    <form
      className="card editor"
      data-testid={`mailbox-editor-${mailbox.id}`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>{t('mailboxes.edit.title', { name: mailbox.name })}</h2>
      <Field label={t('wizard.finish.name')} value={name} onValue={setName} error={errors.name} testId="edit-name-input" maxLength={100} />
      <Field label={t('wizard.email.label')} type="email" value={email} onValue={setEmail} error={errors.email_address} testId="edit-email-input" spellCheck={false} />
      <ServerFields value={server} onChange={changeServer} errors={errors} emailPlaceholder={email} />
      {mailbox.auth_method === 'oauth2' ? (
        <div className="help-box" data-testid="edit-oauth-account">
          <p>{t('mailboxes.edit.oauthAccount', { provider: oauthName(mailbox.oauth_provider) })}</p>
          <ReconnectButton mailboxId={mailbox.id} />
        </div>
      ) : (
        <Field
          label={t('mailboxes.edit.password')}
          type="password"
          value={password}
          onValue={(v) => {
            setPassword(v);
            setPasswordError(undefined);
            setTest({ status: 'idle' });
          }}
          error={passwordError}
          testId="edit-password-input"
          autoComplete="new-password"
          placeholder={mailbox.has_password ? '••••••••' : ''}
          help={t(needsSecret ? 'mailboxes.edit.passwordAgainHelp' : 'mailboxes.edit.passwordHelp')}
        />
      )}
      {needsSecret && mailbox.auth_method === 'oauth2' ? (
        <p className="field-error" role="alert" data-testid="edit-signin-required">{passwordError ?? t('mailboxes.edit.signInRequired')}</p>
      ) : null}
      <Field
        label={t('wizard.finish.interval')}
        value={interval}
        onValue={setIntervalText}
        error={errors.sync_interval_minutes}
        testId="edit-interval-input"
        inputMode="numeric"
        className="narrow"
      />
      <ColorPicker value={color} onChange={setColor} testId="edit-color" />
      <Checkbox label={t('mailboxes.edit.active')} checked={active} onChange={setActive} testId="edit-active-checkbox" />
      <FolderChoice mailboxId={mailbox.id} />
      <div className="actions actions-start">
        <button type="button" className="btn" onClick={() => void runTest()} disabled={test.status === 'running'} data-testid="edit-test-button">
          {t('wizard.test.button')}
        </button>
      </div>
      <TestResult
        test={test}
        preset={preset}
        trusted={server.tls_fingerprint}
        onTrust={(fp) => {
          setServer({ ...server, tls_fingerprint: fp });
          void runTest(fp);
        }}
        onCancel={cancelTest}
        onSwitchSsl={() => {
          setServer({ ...server, use_ssl: true });
          void runTest(server.tls_fingerprint, true);
        }}
      />
      {connectionChanged() && test.status === 'idle' ? (
        <p className="muted small" data-testid="edit-test-first">
          {t('mailboxes.edit.testFirst')}
        </p>
      ) : null}
      <SendingSettings mailboxId={mailbox.id} value={sending} onChange={setSending} />
      {saveError ? <ErrorBox words={describeUserError(saveError, locale)} testId="edit-save-error" /> : null}
      <div className="actions">
        <button type="button" className="btn" onClick={onDone} data-testid="edit-cancel">
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={saving} data-testid="edit-save">
          {saving ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}

/** Did the fields that decide where the stored secret goes (server, port, security, login) change? */
function secretTargetChanged(mailbox: Mailbox, server: ServerValues, email: string): boolean {
  const login = server.username.trim() || email.trim();
  return (
    server.imap_server.trim().toLowerCase() !== mailbox.imap_server.toLowerCase() ||
    Number(server.imap_port) !== mailbox.imap_port ||
    server.use_ssl !== mailbox.use_ssl ||
    server.allow_insecure_auth !== mailbox.allow_insecure_auth ||
    (server.tls_fingerprint ?? null) !== (mailbox.tls_fingerprint ?? null) ||
    login !== (mailbox.username || mailbox.email_address)
  );
}

function oauthName(provider: string | null): string {
  if (provider === 'microsoft') return 'Microsoft';
  if (provider === 'google') return 'Google';
  return provider ?? 'OAuth2';
}
