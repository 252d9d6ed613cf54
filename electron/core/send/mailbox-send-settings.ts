// A mailbox's sending settings: what the API shows, the columns an input or patch writes, and the effective
// SMTP target (NULL login/password fall back to the IMAP ones; a missing server to the provider preset).
import type { SendFields } from '../../../shared/send-schemas.js';
import { smtpPreset } from '../../../shared/smtp-presets.js';
import type { Address, Mailbox } from '../../../shared/types.js';
import type { SecretBox } from '../model.js';
import { sealSecret } from '../secrets/index.js';
import type { MailboxRow, NewMailbox } from '../store/index.js';

export function parseAliases(json: string): Address[] {
  try {
    const v: unknown = JSON.parse(json);
    if (!Array.isArray(v)) return [];
    return v.flatMap((a: unknown) => {
      const o = a as { name?: unknown; address?: unknown } | null;
      return o && typeof o.address === 'string' ? [{ name: typeof o.name === 'string' ? o.name : '', address: o.address }] : [];
    });
  } catch {
    return [];
  }
}

type SendDto = Pick<
  Mailbox,
  'smtp_server' | 'smtp_port' | 'smtp_use_ssl' | 'smtp_username' | 'has_smtp_password' | 'sender_name' | 'signature' | 'aliases'
>;

export function sendSettingsDto(row: MailboxRow): SendDto {
  return {
    smtp_server: row.smtp_server,
    smtp_port: row.smtp_port,
    smtp_use_ssl: row.smtp_use_ssl,
    smtp_username: row.smtp_username || row.username || row.email_address,
    has_smtp_password: row.smtp_password_enc !== null,
    sender_name: row.sender_name ?? '',
    signature: row.signature ?? '',
    aliases: parseAliases(row.aliases_json),
  };
}

/**
 * Columns for the sending fields given. On creation (`presetId` set and no server given) the provider's SMTP
 * settings fill in, so a mailbox added with a preset can send at once.
 */
export async function sendColumns(
  f: SendFields,
  secrets: SecretBox,
  opts: { presetId?: string | null; creating?: boolean } = {},
): Promise<Partial<NewMailbox>> {
  const out: Partial<NewMailbox> = {};
  const preset = smtpPreset(opts.presetId);
  if (opts.creating && f.smtp_server === undefined && preset) {
    Object.assign(out, { smtp_server: preset.smtp_server, smtp_port: preset.smtp_port, smtp_use_ssl: preset.smtp_use_ssl });
  }
  if (f.smtp_server !== undefined) out.smtp_server = f.smtp_server;
  if (f.smtp_port !== undefined) out.smtp_port = f.smtp_port;
  if (f.smtp_use_ssl !== undefined) out.smtp_use_ssl = f.smtp_use_ssl;
  // A server given without a port: the usual one for the chosen security.
  if (f.smtp_server && f.smtp_port === undefined && out.smtp_port === undefined) {
    out.smtp_port = (f.smtp_use_ssl ?? true) ? 465 : 587;
  }
  if (f.smtp_username !== undefined) out.smtp_username = f.smtp_username;
  if (f.smtp_password === null) Object.assign(out, { smtp_password_enc: null, smtp_secret_kind: null });
  else if (f.smtp_password !== undefined) {
    // Awaited: sealing may be a round trip to the desktop app's main process (safeStorage).
    const sealed = await sealSecret(secrets, f.smtp_password);
    Object.assign(out, { smtp_password_enc: sealed.enc, smtp_secret_kind: sealed.kind });
  }
  if (f.sender_name !== undefined) out.sender_name = f.sender_name;
  if (f.signature !== undefined) out.signature = f.signature;
  if (f.aliases !== undefined) out.aliases_json = JSON.stringify(f.aliases);
  return out;
}

/** SMTP hosts that file what they send in the Sent folder themselves, whatever preset the mailbox has. */
const FILES_SENT_HOSTS = /(^|\.)(smtp\.gmail\.com|smtp\.office365\.com|smtp-mail\.outlook\.com)$/i;

/** Whether the provider files what its SMTP server sends in Sent itself (no APPEND then). */
export function providerFilesSent(row: MailboxRow): boolean {
  return (smtpPreset(row.preset_id)?.files_sent_itself ?? false) || FILES_SENT_HOSTS.test(row.smtp_server ?? '');
}
