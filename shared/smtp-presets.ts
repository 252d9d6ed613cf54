// Outgoing (SMTP) settings per provider preset, kept apart from the IMAP table (provider-presets.ts) so each
// stays readable. `files_sent_itself`: the provider puts a copy of every message sent through its SMTP server
// in the Sent folder (Gmail, Microsoft): appending one ourselves would show it twice.
import { PROVIDER_PRESETS } from './provider-presets.js';

export interface SmtpPreset {
  smtp_server: string;
  smtp_port: number;
  /** true: TLS from the start (465); false: STARTTLS (587). */
  smtp_use_ssl: boolean;
  files_sent_itself: boolean;
}

const tls = (host: string, filesSent = false): SmtpPreset => ({
  smtp_server: host,
  smtp_port: 465,
  smtp_use_ssl: true,
  files_sent_itself: filesSent,
});
const starttls = (host: string, filesSent = false): SmtpPreset => ({
  smtp_server: host,
  smtp_port: 587,
  smtp_use_ssl: false,
  files_sent_itself: filesSent,
});

export const SMTP_PRESETS: Readonly<Record<string, SmtpPreset>> = {
  gmail: tls('smtp.gmail.com', true),
  google_workspace: tls('smtp.gmail.com', true),
  orange: tls('smtp.orange.fr'),
  outlook: starttls('smtp-mail.outlook.com', true),
  microsoft365: starttls('smtp.office365.com', true),
  yahoo: tls('smtp.mail.yahoo.com'),
  ovh: tls('ssl0.ovh.net'),
  ionos: tls('smtp.ionos.fr'),
  free: tls('smtp.free.fr'),
  sfr: tls('smtp.sfr.fr'),
  laposte: tls('smtp.laposte.net'),
  icloud: starttls('smtp.mail.me.com'),
  gmx: tls('mail.gmx.net'),
  zoho: tls('smtp.zoho.eu'),
  zoho_com: tls('smtp.zoho.com'),
};

export function smtpPreset(presetId: string | null | undefined): SmtpPreset | undefined {
  return presetId ? SMTP_PRESETS[presetId] : undefined;
}

/** Every IMAP preset has its SMTP counterpart (checked by the tests; a new preset must add one here). */
export function presetsWithoutSmtp(): string[] {
  return PROVIDER_PRESETS.map((p) => p.id).filter((id) => !SMTP_PRESETS[id]);
}
