// The mailbox editor's "Sending" section: SMTP server, port, security, login (default: the IMAP one),
// sender name, signature, aliases, and "Test sending" (connects and logs in; nothing is sent).
import { useId, useState } from 'react';
import type { Address, Mailbox, MailboxPatch, SmtpTestResult } from '../../../shared/types.js';
import { describeUserError, toUserError } from '../../lib/error-text.js';
import { useServices, useT } from '../../store/services.js';
import { ErrorBox } from '../common/ErrorBox.js';
import { Field } from '../common/Field.js';

export interface SendingValues {
  smtp_server: string;
  smtp_port: string;
  smtp_use_ssl: boolean;
  smtp_username: string;
  sender_name: string;
  signature: string;
  aliases: string;
}

export function sendingValues(m: Mailbox): SendingValues {
  return {
    smtp_server: m.smtp_server ?? '',
    smtp_port: m.smtp_port ? String(m.smtp_port) : '',
    smtp_use_ssl: m.smtp_use_ssl,
    smtp_username: m.smtp_username === m.username ? '' : m.smtp_username,
    sender_name: m.sender_name,
    signature: m.signature,
    aliases: m.aliases.map((a) => (a.name ? `${a.name} <${a.address}>` : a.address)).join(', '),
  };
}

function parseAliases(text: string): Address[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const m = /^(.*?)\s*<([^>]+)>$/.exec(s);
      return m ? { name: m[1]!.replace(/^"|"$/g, '').trim(), address: m[2]!.trim() } : { name: '', address: s };
    });
}

/** The patch fields for these values (an empty server clears sending). */
export function sendingPatch(v: SendingValues): MailboxPatch {
  return {
    smtp_server: v.smtp_server.trim() || null,
    smtp_port: v.smtp_port.trim() ? Number(v.smtp_port) : null,
    smtp_use_ssl: v.smtp_use_ssl,
    smtp_username: v.smtp_username.trim() || null,
    sender_name: v.sender_name.trim(),
    signature: v.signature,
    aliases: parseAliases(v.aliases),
  };
}

export function SendingSettings({ mailboxId, value, onChange }: { mailboxId: number; value: SendingValues; onChange: (v: SendingValues) => void }) {
  const { client } = useServices();
  const { t, locale } = useT();
  const sigId = useId();
  const [result, setResult] = useState<SmtpTestResult | 'running' | null>(null);
  const set = (p: Partial<SendingValues>) => {
    onChange({ ...value, ...p });
    setResult(null);
  };
  const runTest = async () => {
    setResult('running');
    try {
      setResult(
        await client.api.testSmtp({
          mailbox_id: mailboxId,
          ...(value.smtp_server.trim() ? { smtp_server: value.smtp_server.trim() } : {}),
          ...(value.smtp_port.trim() ? { smtp_port: Number(value.smtp_port) } : {}),
          smtp_use_ssl: value.smtp_use_ssl,
          ...(value.smtp_username.trim() ? { smtp_username: value.smtp_username.trim() } : {}),
        }),
      );
    } catch (err) {
      setResult({ ok: false, error: toUserError(err, locale) });
    }
  };
  return (
    <fieldset className="sending-settings" data-testid="sending-settings">
      <legend>{t('sending.title')}</legend>
      <Field label={t('sending.server')} value={value.smtp_server} onValue={(v) => set({ smtp_server: v })} testId="edit-smtp-server" spellCheck={false} placeholder="smtp.orange.fr" />
      <Field label={t('sending.port')} value={value.smtp_port} onValue={(v) => set({ smtp_port: v })} testId="edit-smtp-port" inputMode="numeric" className="narrow" />
      <label className="checkbox">
        <input type="checkbox" checked={value.smtp_use_ssl} onChange={(e) => set({ smtp_use_ssl: e.target.checked })} data-testid="edit-smtp-ssl" />{' '}
        {t('sending.ssl')}
      </label>
      <Field label={t('sending.username')} value={value.smtp_username} onValue={(v) => set({ smtp_username: v })} testId="edit-smtp-username" help={t('sending.usernameHelp')} />
      <Field label={t('sending.senderName')} value={value.sender_name} onValue={(v) => set({ sender_name: v })} testId="edit-sender-name" />
      <div className="field">
        <label htmlFor={sigId}>{t('sending.signature')}</label>
        <textarea id={sigId} rows={3} value={value.signature} onChange={(e) => set({ signature: e.target.value })} data-testid="edit-signature" />
      </div>
      <Field label={t('sending.aliases')} value={value.aliases} onValue={(v) => set({ aliases: v })} testId="edit-aliases" help={t('sending.aliasesHelp')} />
      <div className="actions actions-start">
        <button type="button" className="btn" onClick={() => void runTest()} disabled={result === 'running'} data-testid="edit-smtp-test">
          {t('sending.test')}
        </button>
      </div>
      {result === 'running' ? <p role="status">{t('sending.testing')}</p> : null}
      {result && result !== 'running' && result.ok ? (
        <p className="banner banner-success" role="status" data-testid="edit-smtp-ok">
          {t(result.secure ? 'sending.okSecure' : 'sending.okInsecure')}
        </p>
      ) : null}
      {result && result !== 'running' && !result.ok && result.error ? <ErrorBox words={describeUserError(result.error, locale)} testId="edit-smtp-error" /> : null}
    </fieldset>
  );
}
