// The Dovecot fixture's own promises: other tests trust them, so each is checked here against what an
// independent IMAP client sees on the server.
import { existsSync } from 'node:fs';
import net from 'node:net';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, makeMessage, makeFrenchMessage, type DovecotHandle, type DovecotUser } from '../fixtures/dovecot.js';

const ALICE = 'alice@example.test';
const BOB = 'bob@example.test';

async function login(d: DovecotHandle, user: DovecotUser | { user: string; password: string }): Promise<ImapFlow> {
  const c = new ImapFlow({
    host: '127.0.0.1',
    port: d.imapsPort ?? d.imapPort,
    secure: d.imapsPort !== null,
    doSTARTTLS: d.imapsPort === null ? false : undefined,
    tls: { ca: [d.caPem] },
    auth: { user: user.user, pass: user.password },
    logger: false,
  });
  c.on('error', () => undefined);
  await c.connect();
  return c;
}

async function withClient<T>(d: DovecotHandle, user: string, fn: (c: ImapFlow) => Promise<T>): Promise<T> {
  const u = d.users.find((x) => x.user === user);
  if (!u) throw new Error('no such user');
  const c = await login(d, u);
  try {
    return await fn(c);
  } finally {
    await c.logout().catch(() => undefined);
    c.close();
  }
}

function portRefuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(true));
  });
}

let d: DovecotHandle;
beforeAll(async () => {
  d = await startDovecot();
});
afterAll(async () => {
  await d?.stop();
});

describe('startDovecot', () => {
  it('serves IMAPS with the throw-away certificate and STARTTLS on the plain port', async () => {
    expect(d.host).toBe('127.0.0.1');
    expect(d.imapsPort).not.toBeNull();
    expect(d.caPem).toMatch(/BEGIN CERTIFICATE/);
    expect(d.certFingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const caps = await withClient(d, ALICE, async (c) => [...c.capabilities.keys()]);
    expect(caps).toContain('IDLE');
    const plain = new ImapFlow({ host: '127.0.0.1', port: d.imapPort, secure: false, doSTARTTLS: true, tls: { ca: [d.caPem] }, auth: { user: ALICE, pass: 'alice-Secret-1' }, logger: false });
    await plain.connect();
    expect(plain.secureConnection).toBe(true);
    await plain.logout();
  });

  it('runs several instances side by side, each with its own ports and mailboxes', async () => {
    const [a, b] = await Promise.all([startDovecot(), startDovecot({ ssl: false, idle: false })]);
    try {
      expect(new Set([d.imapPort, a.imapPort, b.imapPort]).size).toBe(3);
      await a.append(ALICE, makeMessage({ subject: 'only in a' }));
      expect(await a.count(ALICE)).toBe(1);
      expect(await b.count(ALICE)).toBe(0);
      // ssl: false has no IMAPS and no STARTTLS; idle: false hides IDLE.
      expect(b.imapsPort).toBeNull();
      const caps = await withClient(b, ALICE, async (c) => [...c.capabilities.keys()]);
      expect(caps).not.toContain('IDLE');
      expect(caps).not.toContain('STARTTLS');
      expect(caps).toContain('CONDSTORE');
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(existsSync(a.dir)).toBe(false);
    expect(await portRefuses(a.imapPort)).toBe(true);
  });

  it('fails loudly when Dovecot is not installed', async () => {
    process.env.RELEVE_DOVECOT_BIN = '/nonexistent/dovecot';
    try {
      await expect(startDovecot()).rejects.toThrow(/Dovecot is not installed/);
    } finally {
      delete process.env.RELEVE_DOVECOT_BIN;
    }
  });
});

describe('mail operations', () => {
  it('append returns the UID the server gave, with flags and internal date', async () => {
    const date = new Date('2024-03-05T10:00:00Z');
    const uid1 = await d.append(BOB, makeMessage({ subject: 'first', messageId: '<first@x>' }));
    const uid2 = await d.append(BOB, makeMessage({ subject: 'second', messageId: '<second@x>' }), { flags: ['\\Seen'], internalDate: date });
    expect(uid2).toBeGreaterThan(uid1);
    const msg = await withClient(d, BOB, async (c) => {
      await c.mailboxOpen('INBOX', { readOnly: true });
      return c.fetchOne(String(uid2), { uid: true, flags: true, envelope: true, internalDate: true }, { uid: true });
    });
    expect(msg && msg.envelope?.subject).toBe('second');
    expect(msg && [...(msg.flags ?? [])]).toContain('\\Seen');
    expect(msg && new Date(msg.internalDate as Date).toISOString()).toBe(date.toISOString());
    expect(await d.messageIds(BOB)).toEqual(['<first@x>', '<second@x>']);
  });

  it('appends into other folders, creating them', async () => {
    await d.append(BOB, makeMessage({ subject: 'archived' }), { folder: 'Archive' });
    await d.appendMany(BOB, [makeMessage({ subject: 'bulk archived' })], { folder: 'Archive' });
    expect(await d.count(BOB, 'Archive')).toBe(2);
    const list = await withClient(d, BOB, async (c) => (await c.list()).map((m) => m.path));
    expect(list).toContain('Archive');
    await d.deleteFolder(BOB, 'Archive');
    const after = await withClient(d, BOB, async (c) => (await c.list()).map((m) => m.path));
    expect(after).not.toContain('Archive');
  });

  it('setFlags replaces flags and expunge removes exactly that message', async () => {
    const uid = await d.append(BOB, makeMessage({ subject: 'flag me', messageId: '<flag-me@x>' }));
    await d.setFlags(BOB, uid, ['\\Flagged', '$Label1']);
    const flags = await withClient(d, BOB, async (c) => {
      await c.mailboxOpen('INBOX', { readOnly: true });
      const m = await c.fetchOne(String(uid), { flags: true }, { uid: true });
      return m ? [...(m.flags ?? [])] : [];
    });
    expect(flags.sort()).toEqual(['$Label1', '\\Flagged']);
    const before = await d.count(BOB);
    await d.expunge(BOB, uid);
    expect(await d.count(BOB)).toBe(before - 1);
    expect(await d.messageIds(BOB)).not.toContain('<flag-me@x>');
    expect(await d.uids(BOB)).not.toContain(uid);
  });

  it('appendMany puts 5 000 messages on the server in seconds, UIDs in the given order', async () => {
    const user = { user: 'bulk@example.test', password: 'bulk-pw' };
    const big = await startDovecot({ users: [user] });
    try {
      const raws = Array.from({ length: 5000 }, (_, i) => makeMessage({ subject: `bulk ${i}`, messageId: `<bulk-${i}@x>` }));
      const t0 = Date.now();
      await big.appendMany(user.user, raws);
      const elapsed = Date.now() - t0;
      expect(await big.count(user.user)).toBe(5000);
      expect(elapsed).toBeLessThan(10_000);
      const ids = await big.messageIds(user.user);
      expect(ids).toEqual(raws.map((_, i) => `<bulk-${i}@x>`));
      // A later APPEND lands after them.
      const uid = await big.append(user.user, makeMessage({ subject: 'after' }));
      expect(uid).toBe(5001);
    } finally {
      await big.stop();
    }
  });

  it('resetUidValidity gives the folder a new UIDVALIDITY with the same messages', async () => {
    await d.append(ALICE, makeMessage({ subject: 'survivor', messageId: '<survivor@x>' }));
    const idsBefore = await d.messageIds(ALICE);
    const seen = async () =>
      withClient(d, ALICE, async (c) => {
        const box = await c.mailboxOpen('INBOX', { readOnly: true });
        return { uidValidity: Number(box.uidValidity), exists: box.exists };
      });
    const before = await seen();
    const returned = await d.resetUidValidity(ALICE);
    const after = await seen();
    expect(after.uidValidity).not.toBe(before.uidValidity);
    expect(after.uidValidity).toBe(returned);
    expect(after.exists).toBe(before.exists);
    expect(await d.messageIds(ALICE)).toEqual(idsBefore);
    // Appends keep working after the reset.
    await d.append(ALICE, makeMessage({ subject: 'post-reset' }));
    expect(await d.count(ALICE)).toBe(before.exists + 1);
  });

  it('setPassword: the old password is refused, the new one accepted', async () => {
    const user = { user: 'carol@example.test', password: 'old-pw-123' };
    const own = await startDovecot({ users: [user] });
    try {
      (await login(own, user)).close();
      await own.setPassword(user.user, 'new-pw-456');
      await expect(login(own, { user: user.user, password: 'old-pw-123' })).rejects.toMatchObject({ authenticationFailed: true });
      const c = await login(own, { user: user.user, password: 'new-pw-456' });
      c.close();
      // Same length as before, changed within the same second: still picked up.
      await own.setPassword(user.user, 'new-pw-789');
      const c2 = await login(own, { user: user.user, password: 'new-pw-789' });
      c2.close();
      expect(own.users[0]?.password).toBe('new-pw-789');
    } finally {
      await own.stop();
    }
  });
});

describe('message builders', () => {
  it('French messages in UTF-8 and ISO-8859-1 are read back with their accents by Dovecot', async () => {
    const user = { user: 'fr@example.test', password: 'fr-pw' };
    const fr = await startDovecot({ users: [user] });
    try {
      await fr.append(user.user, makeFrenchMessage({ messageId: '<fr-utf8@x>' }));
      await fr.append(user.user, makeFrenchMessage({ messageId: '<fr-latin1@x>', charset: 'iso-8859-1' }));
      const found = await withClient(fr, user.user, async (c) => {
        await c.mailboxOpen('INBOX', { readOnly: true });
        const subjects = (await c.fetchAll('1:*', { envelope: true })).map((m) => m.envelope?.subject);
        const bySubject = await c.search({ subject: 'réunion' });
        const byBody = await c.search({ body: 'prévisions budgétaires' });
        return { subjects, bySubject, byBody };
      });
      expect(found.subjects).toEqual([
        "Réunion de début d'année : ordre du jour détaillé",
        "Réunion de début d'année : ordre du jour détaillé",
      ]);
      expect(found.bySubject).toHaveLength(2);
      expect(found.byBody).toHaveLength(2);
    } finally {
      await fr.stop();
    }
  });

  it('makeMessage builds multipart messages with HTML and an attachment, CRLF only', () => {
    const raw = makeMessage({
      subject: 'Facture',
      html: '<p>Bonjour <b>vous</b></p>',
      attachment: { filename: 'facture.pdf', content: Buffer.from('%PDF-1.4 test'), type: 'application/pdf' },
    });
    expect(raw).toMatch(/multipart\/mixed/);
    expect(raw).toMatch(/multipart\/alternative/);
    expect(raw).toContain('filename="facture.pdf"');
    expect(raw).toContain(Buffer.from('%PDF-1.4 test').toString('base64'));
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });
});
