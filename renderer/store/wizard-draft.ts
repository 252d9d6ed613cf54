// What the wizard saves when the password step is left: the mailbox, paused, with the tested connection and the
// last step's defaults — so that step can list the server's folders and test sending through the stored
// password (see wizard-store.ts). Kept apart so the state machine stays readable.
import type { MailboxInput } from '../../shared/types.js';
import type { WizardState } from './wizard-store.js';

/** The usual outgoing server beside an IMAP one: imap.x → smtp.x, else the same host (mail.x often serves both). */
export function guessSmtpServerFor(imapServer: string): string {
  const host = imapServer.trim();
  return /^imap\./i.test(host) ? `smtp.${host.slice(5)}` : host;
}

/** The paused mailbox for this wizard state; `oauthFlow`: the finished sign-in to use instead of the password. */
export function draftInput(s: WizardState, oauthFlow: string | null): MailboxInput {
  const f = s.finish;
  const custom = s.customServer || !s.preset;
  const input: MailboxInput = {
    integration_type: 'imap',
    name: f.name.trim() || s.email.trim(),
    imap_server: s.server.imap_server.trim(),
    imap_port: Number(s.server.imap_port),
    email_address: s.email.trim(),
    ...(oauthFlow ? { auth_method: 'oauth2' as const, oauth_flow_id: oauthFlow } : { email_password: s.password }),
    use_ssl: s.server.use_ssl,
    allow_insecure_auth: s.server.allow_insecure_auth,
    // Paused until "Finish": nothing is downloaded before the folders and the first-sync window are chosen.
    active: false,
    color: f.color,
    tls_fingerprint: s.server.tls_fingerprint,
    preset_id: custom ? null : (s.preset?.id ?? null),
    // A preset's SMTP settings are filled in by the core; another server gets the usual guess, shown to check.
    ...(custom
      ? { smtp_server: guessSmtpServerFor(s.server.imap_server), smtp_port: s.server.use_ssl ? 465 : 587, smtp_use_ssl: s.server.use_ssl }
      : {}),
  };
  if (s.server.username.trim()) input.username = s.server.username.trim();
  return input;
}
