import { describe, expect, it, vi } from 'vitest';
import { guessSmtpServerFor } from '../../renderer/store/wizard-draft.js';
import { createWizardStore, passwordBlocked } from '../../renderer/store/wizard-store.js';
import type { MailboxInput } from '../../shared/types.js';
import { FakeMailApi } from './fake-api.js';
import type { FakeServer } from './fake-api.js';

const GMAIL: FakeServer = { host: 'imap.gmail.com', accounts: { 'contact@gmail.com': 'abcdefghijklmnop' }, messageCount: 1234 };
const OWN: FakeServer = {
  host: 'mail.entreprise.fr',
  accounts: { 'compta@entreprise.fr': 's3cret' },
  messageCount: 7,
  selfSignedFingerprint: 'AB:'.repeat(31) + 'AB',
};
const OUTLOOK: FakeServer = { host: 'outlook.office365.com', accounts: {}, messageCount: 0, oauthOnly: true };

function setup(locale: 'fr' | 'en' = 'fr') {
  const api = new FakeMailApi({ servers: [GMAIL, OWN, OUTLOOK], locale });
  const wizard = createWizardStore(api, { locale: () => locale, defaultColor: '#16a34a' });
  return { api, wizard };
}

describe('wizard: email step', () => {
  it('refuses an invalid address inline, in the UI language, without calling the API', async () => {
    for (const locale of ['fr', 'en'] as const) {
      const { api, wizard } = setup(locale);
      wizard.getState().setEmail('contact@');
      await wizard.getState().submitEmail();
      expect(wizard.getState().step).toBe('email');
      expect(wizard.getState().errors.email_address).toBe(
        locale === 'fr' ? 'L’adresse e-mail n’est pas valide (exemple : contact@entreprise.fr).' : 'The e-mail address is not valid (example: contact@company.com).',
      );
      expect(api.callsOf('detectProvider')).toEqual([]);
    }
  });

  it('recognises the provider and prefills its server settings', async () => {
    const { api, wizard } = setup();
    wizard.getState().setEmail(' contact@gmail.com ');
    await wizard.getState().submitEmail();
    const s = wizard.getState();
    expect(api.callsOf('detectProvider')).toEqual([{ email: 'contact@gmail.com' }]);
    expect(s.step).toBe('server');
    expect(s.preset?.id).toBe('gmail');
    expect(s.server).toMatchObject({ imap_server: 'imap.gmail.com', imap_port: '993', use_ssl: true, username: 'contact@gmail.com' });
    expect(s.finish.name).toBe('Gmail – contact@gmail.com');
    expect(passwordBlocked(s)).toBe(false);
  });

  it('an unknown domain becomes "other server" with a guessed host', async () => {
    const { wizard } = setup();
    wizard.getState().setEmail('compta@entreprise.fr');
    await wizard.getState().submitEmail();
    const s = wizard.getState();
    expect(s.preset).toBeNull();
    expect(s.server.imap_server).toBe('imap.entreprise.fr');
    expect(s.finish.name).toBe('compta@entreprise.fr');
  });

  it('falls back to the local domain table when detection fails', async () => {
    const { api, wizard } = setup();
    api.detectProvider = async () => {
      throw Object.assign(new Error('offline'), { code: 'NETWORK' });
    };
    wizard.getState().setEmail('someone@orange.fr');
    await wizard.getState().submitEmail();
    expect(wizard.getState().preset?.id).toBe('orange');
    expect(wizard.getState().detectedVia).toBe('local');
  });
});

describe('wizard: server step', () => {
  it('validates host and port with the API rules', async () => {
    const { wizard } = setup('en');
    wizard.getState().setEmail('compta@entreprise.fr');
    await wizard.getState().submitEmail();
    wizard.getState().setServer({ imap_server: 'imaps://mail.entreprise.fr', imap_port: '99999' });
    wizard.getState().submitServer();
    const s = wizard.getState();
    expect(s.step).toBe('server');
    expect(s.errors.imap_server).toMatch(/must not start with a protocol/);
    expect(s.errors.imap_port).toBe('The IMAP port must be a number between 1 and 65535.');
    wizard.getState().setServer({ imap_server: 'mail.entreprise.fr', imap_port: '993' });
    expect(wizard.getState().errors).toEqual({});
    wizard.getState().submitServer();
    expect(wizard.getState().step).toBe('password');
  });

  it('an oauth2_only provider blocks the password step until another way is chosen', async () => {
    const { wizard } = setup();
    wizard.getState().setEmail('patron@hotmail.fr');
    await wizard.getState().submitEmail();
    expect(wizard.getState().preset?.auth).toBe('oauth2_only');
    expect(passwordBlocked(wizard.getState())).toBe(true);
    wizard.getState().submitServer();
    expect(wizard.getState().step).toBe('server');

    wizard.getState().useCustomServer();
    expect(passwordBlocked(wizard.getState())).toBe(false);
    expect(wizard.getState().server.imap_server).toBe('');
    wizard.getState().setServer({ imap_server: 'mail.entreprise.fr' });
    wizard.getState().submitServer();
    expect(wizard.getState().step).toBe('password');
  });

  it('"use another address" goes back to the first step', async () => {
    const { wizard } = setup();
    wizard.getState().setEmail('patron@outlook.com');
    await wizard.getState().submitEmail();
    wizard.getState().useAnotherAddress();
    expect(wizard.getState().step).toBe('email');
    expect(wizard.getState().preset).toBeNull();
  });
});

async function toPasswordStep(wizard: ReturnType<typeof setup>['wizard'], email: string, host?: string) {
  wizard.getState().setEmail(email);
  await wizard.getState().submitEmail();
  if (host) wizard.getState().setServer({ imap_server: host });
  wizard.getState().submitServer();
  expect(wizard.getState().step).toBe('password');
}

describe('wizard: password and connection test', () => {
  it('asks for the password before testing', async () => {
    const { api, wizard } = setup();
    await toPasswordStep(wizard, 'contact@gmail.com');
    await wizard.getState().testConnection();
    expect(wizard.getState().errors.email_password).toBe('Saisissez le mot de passe (ou le mot de passe d’application).');
    expect(api.callsOf('testConnection')).toEqual([]);
  });

  it('a refused login fails with AUTH and does not let the user continue', async () => {
    const { api, wizard } = setup();
    await toPasswordStep(wizard, 'contact@gmail.com');
    wizard.getState().setPassword('my-google-password');
    await wizard.getState().testConnection();
    const s = wizard.getState();
    expect(s.test.status).toBe('failed');
    expect(s.test.status === 'failed' && s.test.error.code).toBe('AUTH');
    await s.submitPassword();
    expect(wizard.getState().step).toBe('password');
    expect(api.callsOf('createMailbox')).toEqual([]);
  });

  it('success shows the message count; editing the password requires a new test', async () => {
    const { wizard } = setup();
    await toPasswordStep(wizard, 'contact@gmail.com');
    wizard.getState().setPassword('abcdefghijklmnop');
    await wizard.getState().testConnection();
    expect(wizard.getState().test).toEqual({ status: 'ok', message_count: 1234, secure: true });
    wizard.getState().setPassword('abcdefghijklmnopX');
    expect(wizard.getState().test.status).toBe('idle');
    wizard.getState().setPassword('abcdefghijklmnop');
    await wizard.getState().testConnection();
    await wizard.getState().submitPassword();
    expect(wizard.getState().step).toBe('finish');
  });

  it('an untrusted certificate can be trusted, which sets the fingerprint and re-tests', async () => {
    const { api, wizard } = setup();
    await toPasswordStep(wizard, 'compta@entreprise.fr', 'mail.entreprise.fr');
    wizard.getState().setPassword('s3cret');
    await wizard.getState().testConnection();
    const failed = wizard.getState().test;
    expect(failed.status === 'failed' && failed.error.code).toBe('TLS_CERT');
    const fp = failed.status === 'failed' ? failed.error.cert_fingerprint : undefined;
    expect(fp).toBe(OWN.selfSignedFingerprint);
    await wizard.getState().trustCertificate(fp!);
    expect(wizard.getState().server.tls_fingerprint).toBe(fp);
    expect(wizard.getState().test).toMatchObject({ status: 'ok', message_count: 7 });
    expect(api.callsOf('testConnection').at(-1)).toMatchObject({ tls_fingerprint: fp });
  });
});

describe('wizard: finish', () => {
  async function ready() {
    const ctx = setup();
    await toPasswordStep(ctx.wizard, 'contact@gmail.com');
    ctx.wizard.getState().setPassword('abcdefghijklmnop');
    await ctx.wizard.getState().testConnection();
    await ctx.wizard.getState().submitPassword();
    return ctx;
  }

  it('saves a paused draft on leaving the password step, then turns it on with the chosen settings', async () => {
    const { api, wizard } = await ready();
    // The draft holds the password (sent once) and syncs nothing before "Finish".
    const draft = wizard.getState().draft;
    expect(draft).toMatchObject({ active: false, has_password: true, preset_id: 'gmail', smtp_server: 'smtp.gmail.com', smtp_port: 465 });
    expect(wizard.getState().password).toBe('');
    wizard.getState().setFinish({ window: 'days', window_days: '90', sync_interval_minutes: '10' });
    const created = await wizard.getState().create();
    expect(created).toMatchObject({
      name: 'Gmail – contact@gmail.com',
      email_address: 'contact@gmail.com',
      imap_server: 'imap.gmail.com',
      sync_interval_minutes: 10,
      sync_window_days: 90,
      sync_window_count: null,
      color: '#16a34a',
      preset_id: 'gmail',
      has_password: true,
      active: true,
    });
    expect(created!.id).toBe(draft!.id);
    expect(created).not.toHaveProperty('email_password');
    const sent = api.callsOf('createMailbox') as MailboxInput[];
    expect(sent).toHaveLength(1);
    expect(sent[0]!.email_password).toBe('<redacted>');
    // "Finish" never sends the password again.
    expect(JSON.stringify(api.callsOf('updateMailbox'))).not.toContain('email_password');
    expect(wizard.getState().step).toBe('done');
    expect(wizard.getState().password).toBe('');
    // The stored password works: the created mailbox syncs.
    expect((await api.syncMailbox({ id: created!.id })).status).toBe('success');
  });

  it('validates name, interval and window inline', async () => {
    const { api, wizard } = await ready();
    wizard.getState().setFinish({ name: ' ', sync_interval_minutes: '0', window: 'count', window_count: '' });
    expect(await wizard.getState().create()).toBeNull();
    const e = wizard.getState().errors;
    expect(e.name).toBe('Le nom de la boîte mail doit contenir de 1 à 100 caractères.');
    expect(e.sync_interval_minutes).toMatch(/entre 1 et 1440/);
    expect(e.sync_window_count).toMatch(/première synchronisation/);
    expect(api.callsOf('updateMailbox')).toEqual([]);
  });

  it('back goes to the previous step; leaving the last one deletes the draft and asks for a new test', async () => {
    const { api, wizard } = await ready();
    const draft = wizard.getState().draft!;
    wizard.getState().back();
    expect(wizard.getState().step).toBe('password');
    expect(wizard.getState().test.status).toBe('idle');
    await vi.waitFor(async () => expect(await api.listMailboxes()).toEqual([]));
    expect(api.callsOf('deleteMailbox')).toEqual([{ id: draft.id, keep_messages: false }]);
    wizard.getState().back();
    expect(wizard.getState().step).toBe('server');
  });

  it('a custom server gets a guessed outgoing server; discarding the draft removes it', async () => {
    const { api, wizard } = setup();
    await toPasswordStep(wizard, 'compta@entreprise.fr', 'imap.entreprise.fr');
    api.addServer({ host: 'imap.entreprise.fr', accounts: { 'compta@entreprise.fr': 's3cret' }, messageCount: 3 });
    wizard.getState().setPassword('s3cret');
    await wizard.getState().testConnection();
    await wizard.getState().submitPassword();
    expect(wizard.getState().draft).toMatchObject({ preset_id: null, smtp_server: 'smtp.entreprise.fr', smtp_port: 465, smtp_use_ssl: true, active: false });
    await wizard.getState().discardDraft();
    expect(await api.listMailboxes()).toEqual([]);
    expect(wizard.getState().draft).toBeNull();
  });
});

describe('wizard: outgoing server guess', () => {
  it('imap.x becomes smtp.x; any other host is kept (mail.x often serves both)', () => {
    expect(guessSmtpServerFor('imap.entreprise.fr')).toBe('smtp.entreprise.fr');
    expect(guessSmtpServerFor(' IMAP.Example.test ')).toBe('smtp.Example.test');
    expect(guessSmtpServerFor('mail.entreprise.fr')).toBe('mail.entreprise.fr');
    expect(guessSmtpServerFor('127.0.0.1')).toBe('127.0.0.1');
  });
});
