// Server certificate trust: system CAs + extra CAs, or one exact certificate the user chose to trust
// (pinned by its SHA-256 fingerprint). Implemented as an imapflow transport so the check runs after the TLS
// handshake and before a single IMAP byte (let alone the password) crosses the link, for implicit TLS and
// STARTTLS alike, and so a refused certificate's fingerprint is known without a second connection.
import net from 'node:net';
import tls from 'node:tls';
import type { ImapTransport, ImapTransportOptions } from 'imapflow';
import { ReleveError } from '../../../shared/errors.js';

/** "ab:cd…", "ABCD…" or "sha256/AB:CD…" → "AB:CD:…" (Node's fingerprint256 format); null when not a SHA-256. */
export function normalizeFingerprint(fp: string): string | null {
  const hex = fp.trim().replace(/^sha-?256[:/ =]*/i, '').replace(/[:\s-]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return null;
  return (hex.match(/../g) as string[]).join(':');
}

export function fingerprintsEqual(a: string, b: string): boolean {
  const na = normalizeFingerprint(a);
  return na !== null && na === normalizeFingerprint(b);
}

export interface CertPolicy {
  /** Extra CA certificates (PEM), trusted besides the system ones. */
  extraCa?: string[];
  /** SHA-256 fingerprint of the one untrusted certificate to accept anyway. */
  pin?: string | null;
}

function caList(extra: string[] | undefined): string[] | undefined {
  // Node's `ca` replaces the system store: keep the system roots and add ours.
  return extra && extra.length > 0 ? [...tls.rootCertificates, ...extra] : undefined;
}

function certRefused(reason: string, fingerprint: string | undefined, pinned: boolean): ReleveError {
  const detail = pinned
    ? `certificate does not match the trusted fingerprint (${reason})`
    : `untrusted certificate (${reason})`;
  // A valid certificate for another name is the one case where the server name is what to check.
  const wrongName = !pinned && /ALTNAME|HOSTNAME_MISMATCH/i.test(reason);
  return new ReleveError(wrongName ? 'TLS_CERT_NAME' : 'TLS_CERT', "The server's security certificate is not trusted.", {
    detail,
    ...(fingerprint ? { certFingerprint: fingerprint } : {}),
  });
}

/** Accepts the handshake when the chain and host name check out, or when the leaf matches the pin. */
function verifyPeer(socket: tls.TLSSocket, policy: CertPolicy): ReleveError | null {
  if (socket.authorized) return null;
  const cert = socket.getPeerCertificate();
  const fp = cert && typeof cert.fingerprint256 === 'string' ? cert.fingerprint256 : undefined;
  const reason = String(socket.authorizationError ?? 'CERT_UNTRUSTED');
  if (policy.pin && fp && fingerprintsEqual(fp, policy.pin)) return null;
  return certRefused(reason, fp, Boolean(policy.pin));
}

// Parsing the ~140 system roots plus the extra CAs costs ~20 ms of CPU: build that context once per CA
// set, not once per connection (200 mailboxes = 4 s otherwise).
const contexts = new Map<string, tls.SecureContext>();

function secureContextFor(extra: string[] | undefined): tls.SecureContext | undefined {
  const ca = caList(extra);
  if (!ca) return undefined;
  const key = (extra ?? []).join('\n');
  let ctx = contexts.get(key);
  if (!ctx) {
    ctx = tls.createSecureContext({ ca, minVersion: 'TLSv1.2' });
    if (contexts.size > 16) contexts.clear();
    contexts.set(key, ctx);
  }
  return ctx;
}

function tlsOptions(o: ImapTransportOptions, policy: CertPolicy): tls.ConnectionOptions {
  const secureContext = secureContextFor(policy.extraCa);
  return {
    host: o.host,
    port: o.port,
    ...(o.servername ? { servername: o.servername } : {}),
    ...(secureContext ? { secureContext } : {}),
    // We decide in verifyPeer(); Node still computes `authorized` and `authorizationError` for us.
    rejectUnauthorized: false,
    minVersion: 'TLSv1.2',
  };
}

export function createVerifyingTransport(policy: CertPolicy): ImapTransport {
  const secureThen = (socket: tls.TLSSocket, next: () => void) => () => {
    const refused = verifyPeer(socket, policy);
    if (refused) socket.destroy(refused);
    else next();
  };
  return {
    connect(o, onConnect) {
      if (!o.secure) return net.connect({ host: o.host, port: o.port }, onConnect);
      const socket: tls.TLSSocket = tls.connect(tlsOptions(o, policy), () => secureThen(socket, onConnect)());
      return socket;
    },
    upgrade(plain, o, onSecure) {
      const socket: tls.TLSSocket = tls.connect({ ...tlsOptions(o, policy), socket: plain }, () =>
        secureThen(socket, onSecure)(),
      );
      return socket;
    },
  };
}
