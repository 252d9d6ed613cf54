// A stored secret (password or OAuth2 tokens) is bound to the connection it was given for: server, port, TLS
// mode (use_ssl / STARTTLS, allow_insecure_auth, pinned certificate), login and way of logging in. The binding
// is sealed *inside* the secret, so the only way to move a secret to other settings is to know it: whoever
// changes where a password would go (an API client, a future code path) must give the password again.
// Opening checks the binding against the target the secret is about to be sent to (see openBoundSecret).
import { createHash } from 'node:crypto';
import { ReleveError, userError } from '../../../shared/errors.js';
import type { Locale } from '../../../shared/types.js';
import type { SecretBox } from '../model.js';
import { openSecret, sealSecret, type SealedSecret } from './seal.js';

/** Where and how a secret is sent. `auth` is 'password' or 'oauth2:<provider id>'. */
export interface SecretTarget {
  imap_server: string;
  imap_port: number;
  use_ssl: boolean;
  allow_insecure_auth: boolean;
  tls_fingerprint: string | null;
  username: string;
  auth: string;
}

// Starts with NUL: no password typed by a person starts with it, so a legacy (unbound) secret is never misread.
const PREFIX = '\u0000releve-bound:v1:';
const BINDING_HEX = 64;

/** Host names compare without case or a trailing dot; everything else exactly. */
export function secretBinding(t: SecretTarget): string {
  const canonical = JSON.stringify([
    'v1',
    t.imap_server.trim().toLowerCase().replace(/\.$/, ''),
    t.imap_port,
    t.use_ssl,
    t.allow_insecure_auth,
    t.tls_fingerprint ? t.tls_fingerprint.replace(/[^0-9a-f]/gi, '').toLowerCase() : null,
    t.username,
    t.auth,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export function sealBoundSecret(box: SecretBox, plain: string, target: SecretTarget): Promise<SealedSecret> {
  return sealSecret(box, `${PREFIX}${secretBinding(target)}\n${plain}`);
}

export function secretRequired(locale: Locale, detail: string): ReleveError {
  return new ReleveError('SECRET_REQUIRED', userError('SECRET_REQUIRED', locale).message, { detail, field: 'email_password' });
}

/**
 * The secret, only if it was stored for `target`. `legacyBinding`: for secrets sealed before bindings existed,
 * the binding the schema migration recorded for them (the settings they had then), or null.
 */
export async function openBoundSecret(
  boxes: readonly SecretBox[],
  sealed: { enc: Buffer; kind: string },
  target: SecretTarget,
  legacyBinding: string | null,
  locale: Locale,
): Promise<string> {
  const plain = await openSecret(boxes, sealed.enc, sealed.kind);
  const want = secretBinding(target);
  let bound: string | null = legacyBinding;
  let secret = plain;
  if (plain.startsWith(PREFIX)) {
    bound = plain.slice(PREFIX.length, PREFIX.length + BINDING_HEX);
    secret = plain.slice(PREFIX.length + BINDING_HEX + 1);
  }
  if (bound !== want) {
    throw secretRequired(locale, `the stored ${target.auth === 'password' ? 'password' : 'sign-in'} was given for other connection settings than ${target.imap_server}:${target.imap_port}`);
  }
  return secret;
}
