// The small pieces of sending against real parts: the Sent folder found on a real Dovecot (name fallbacks,
// created when missing), and nodemailer's errors read as our codes.
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifySmtpError, isTransient } from '../../electron/core/send/smtp-errors.js';
import { findSentFolder, folderHasMessageId, sentFolderOrCreate } from '../../electron/core/send/sent-folder.js';
import { baseSubject, headerLinks } from '../../electron/core/send/thread.js';
import { prefixed, replyRecipients } from '../../electron/core/send/compose-content.js';
import { makeMessage, startDovecot, type DovecotHandle } from '../fixtures/dovecot.js';

const FR = { user: 'fr@example.test', password: 'fr-Pw-1a' };
const NONE = { user: 'none@example.test', password: 'none-Pw-2b' };
let dovecot: DovecotHandle;

beforeAll(async () => {
  dovecot = await startDovecot({ users: [FR, NONE] });
});
afterAll(async () => {
  await dovecot?.stop();
});

async function withClient<T>(u: { user: string; password: string }, fn: (c: ImapFlow) => Promise<T>): Promise<T> {
  const c = new ImapFlow({ host: '127.0.0.1', port: dovecot.imapsPort!, secure: true, auth: { user: u.user, pass: u.password }, tls: { ca: [dovecot.caPem] }, logger: false });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.logout();
  }
}

describe('Sent folder', () => {
  it('finds a French « Envoyés » folder and looks a Message-ID up in it', async () => {
    await dovecot.createFolder(FR.user, 'Envoyés');
    await dovecot.append(FR.user, makeMessage({ messageId: '<envoye-1@example.test>' }), { folder: 'Envoyés' });
    await withClient(FR, async (c) => {
      expect(await findSentFolder(c)).toBe('Envoyés');
      expect(await folderHasMessageId(c, 'Envoyés', '<envoye-1@example.test>')).toBe(true);
      expect(await folderHasMessageId(c, 'Envoyés', '<autre@example.test>')).toBe(false);
    });
  });

  it('creates "Sent" when the account has none', async () => {
    await withClient(NONE, async (c) => {
      expect(await findSentFolder(c)).toBe(null);
      expect(await sentFolderOrCreate(c)).toBe('Sent');
      expect(await findSentFolder(c)).toBe('Sent');
    });
  });
});

describe('SMTP errors', () => {
  const err = (o: Record<string, unknown>) => Object.assign(new Error(typeof o.message === 'string' ? o.message : 'x'), o);
  it('reads nodemailer codes and server replies as plain codes, transient or not', () => {
    expect(classifySmtpError(err({ code: 'EAUTH', responseCode: 535, message: 'Invalid login: 535 5.7.8 bad' })).code).toBe('AUTH');
    expect(classifySmtpError(err({ code: 'EAUTH', responseCode: 535 }), { host: 'smtp-mail.outlook.com' }).code).toBe('AUTH_OAUTH_ONLY');
    expect(classifySmtpError(err({ code: 'EAUTH' }), { oauth: true }).code).toBe('AUTH_RECONNECT');
    expect(classifySmtpError(err({ code: 'ETLS', command: 'STARTTLS', response: '502 5.5.1 not implemented' })).code).toBe('INSECURE_AUTH_REFUSED');
    expect(classifySmtpError(err({ code: 'ESOCKET', originalCode: 'ECONNREFUSED' })).code).toBe('NETWORK');
    expect(classifySmtpError(err({ code: 'ESOCKET', originalCode: 'ENOTFOUND' })).code).toBe('DNS');
    expect(classifySmtpError(err({ code: 'ESOCKET', originalCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' })).code).toBe('TLS_CERT');
    expect(classifySmtpError(err({ code: 'EENVELOPE', responseCode: 550 })).code).toBe('SMTP_REJECTED');
    expect(classifySmtpError(err({ code: 'EMESSAGE', responseCode: 451 })).code).toBe('PROTOCOL');
    expect(isTransient('NETWORK')).toBe(true);
    expect(isTransient('PROTOCOL')).toBe(true);
    expect(isTransient('SMTP_REJECTED')).toBe(false);
    expect(isTransient('AUTH')).toBe(false);
    const secret = classifySmtpError(err({ code: 'EAUTH', message: 'AUTH PLAIN c2VjcmV0LXB3 failed for secret-pw' }), { secrets: ['secret-pw'] });
    expect(secret.detail).not.toContain('secret-pw');
  });
});

describe('compose helpers', () => {
  it('prefixes subjects once and finds the thread links of a header block', () => {
    expect(prefixed('Devis', 'Re')).toBe('Re: Devis');
    expect(prefixed('RE: Devis', 'Re')).toBe('RE: Devis');
    expect(prefixed('TR: Devis', 'Fwd')).toBe('TR: Devis');
    expect(baseSubject('Re: RE: Fwd: Devis')).toBe('Devis');
    const raw = Buffer.from('Subject: x\r\nReferences: <a@x>\r\n <b@x>\r\nIn-Reply-To: <b@x>\r\n\r\nReferences: <not@body>\r\n');
    expect(headerLinks(raw)).toEqual(['<a@x>', '<b@x>']);
  });

  it('reply-all leaves ourselves (and our aliases) out and puts the sender in To', () => {
    const me = [{ name: '', address: 'contact@ex.fr' }, { name: '', address: 'ventes@ex.fr' }];
    const o = {
      mailbox_id: 1, message_id: '<m@x>', subject: 's', date: null, raw: Buffer.alloc(0), reply_to: [],
      from: { name: 'Client', address: 'client@c.fr' },
      to: [{ name: '', address: 'Ventes@ex.fr' }, { name: '', address: 'autre@c.fr' }],
      cc: [{ name: '', address: 'client@c.fr' }, { name: '', address: 'compta@c.fr' }],
    };
    expect(replyRecipients(o, me, false)).toEqual({ to: [o.from], cc: [] });
    expect(replyRecipients(o, me, true)).toEqual({ to: [o.from], cc: [{ name: '', address: 'autre@c.fr' }, { name: '', address: 'compta@c.fr' }] });
    // Our own sent message: the reply goes to its recipients.
    expect(replyRecipients({ ...o, from: me[0]! }, me, false).to).toEqual([{ name: '', address: 'autre@c.fr' }]);
  });
});
