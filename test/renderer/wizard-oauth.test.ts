import { describe, expect, it } from 'vitest';
import { createWizardStore, passwordBlocked, usesOAuth } from '../../renderer/store/wizard-store.js';
import type { MailboxInput, OAuthProviderInfo } from '../../shared/types.js';
import { FakeMailApi } from './fake-api.js';

const MICROSOFT: OAuthProviderInfo = { id: 'microsoft', name: 'Microsoft', configured: true, preset_ids: ['outlook', 'microsoft365'] };
const GOOGLE: OAuthProviderInfo = { id: 'google', name: 'Google', configured: true, preset_ids: ['gmail', 'google_workspace'] };
const OUTLOOK_SERVER = { host: 'outlook.office365.com', accounts: {}, messageCount: 42, oauthOnly: true, oauthAccounts: ['patron@hotmail.fr'] };
const GMAIL_SERVER = { host: 'imap.gmail.com', accounts: {}, messageCount: 9, oauthAccounts: ['contact@gmail.com'] };

function setup(providers: OAuthProviderInfo[]) {
  const api = new FakeMailApi({ servers: [OUTLOOK_SERVER, GMAIL_SERVER], oauthProviders: providers });
  const wizard = createWizardStore(api, { locale: () => 'fr', defaultColor: '#2563eb' });
  const opened: string[] = [];
  return { api, wizard, opened, open: (url: string) => opened.push(url) };
}

async function toSignIn(ctx: ReturnType<typeof setup>, email: string) {
  ctx.wizard.getState().setEmail(email);
  await ctx.wizard.getState().submitEmail();
  ctx.wizard.getState().submitServer();
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('wizard with an OAuth2 sign-in', () => {
  it('Outlook with Microsoft sign-in set up: sign in in the browser, test, create an OAuth2 mailbox without password', async () => {
    const ctx = setup([MICROSOFT]);
    await toSignIn(ctx, 'patron@hotmail.fr');
    const w = ctx.wizard;
    expect(passwordBlocked(w.getState())).toBe(false);
    expect(usesOAuth(w.getState())).toBe(true);
    expect(w.getState().step).toBe('password');

    const signingIn = w.getState().startSignIn(ctx.open);
    await tick();
    expect(w.getState().signIn.status).toBe('waiting');
    expect(ctx.opened).toHaveLength(1);
    expect(ctx.opened[0]).toContain('login_hint=patron%40hotmail.fr');
    expect(ctx.api.callsOf('beginOAuth')).toEqual([{ provider: 'microsoft', email: 'patron@hotmail.fr' }]);

    ctx.api.oauth.approve(ctx.api.oauth.lastFlowId!, 'patron@hotmail.fr');
    await signingIn;
    expect(w.getState().signIn.status).toBe('done');
    expect(w.getState().test).toMatchObject({ status: 'ok', message_count: 42 });
    const tested = ctx.api.callsOf('testConnection')[0] as Record<string, unknown>;
    expect(tested.oauth_flow_id).toBe(ctx.api.oauth.lastFlowId);
    expect(tested.email_password).toBeUndefined();

    await w.getState().submitPassword();
    const created = await w.getState().create();
    expect(created).toMatchObject({ auth_method: 'oauth2', oauth_provider: 'microsoft', has_password: false, preset_id: 'outlook' });
    const sent = ctx.api.callsOf('createMailbox')[0] as MailboxInput;
    expect(sent.auth_method).toBe('oauth2');
    expect(sent.email_password).toBeUndefined();
    expect((await ctx.api.syncMailbox({ id: created!.id })).status).toBe('success');
  });

  it('Outlook without a configured sign-in stays blocked', async () => {
    const ctx = setup([{ ...MICROSOFT, configured: false }]);
    await toSignIn(ctx, 'patron@hotmail.fr');
    expect(passwordBlocked(ctx.wizard.getState())).toBe(true);
    expect(ctx.wizard.getState().step).toBe('server');
  });

  it('a refused sign-in shows OAUTH_DENIED and can be retried', async () => {
    const ctx = setup([MICROSOFT]);
    await toSignIn(ctx, 'patron@hotmail.fr');
    const p = ctx.wizard.getState().startSignIn(ctx.open);
    await tick();
    ctx.api.oauth.deny(ctx.api.oauth.lastFlowId!);
    await p;
    const s = ctx.wizard.getState().signIn;
    expect(s.status === 'failed' && s.error.code).toBe('OAUTH_DENIED');
    expect(ctx.wizard.getState().test.status).toBe('idle');
  });

  it('cancelling stops the flow on the core and leaves no error behind', async () => {
    const ctx = setup([MICROSOFT]);
    await toSignIn(ctx, 'patron@hotmail.fr');
    const p = ctx.wizard.getState().startSignIn(ctx.open);
    await tick();
    const flow = ctx.api.oauth.lastFlowId;
    await ctx.wizard.getState().cancelSignIn();
    await p;
    expect(ctx.api.callsOf('cancelOAuth')).toEqual([{ flow_id: flow }]);
    expect(ctx.wizard.getState().signIn.status).toBe('idle');
  });

  it('Gmail keeps the app password by default and offers the Google sign-in instead', async () => {
    const ctx = setup([GOOGLE]);
    await toSignIn(ctx, 'contact@gmail.com');
    expect(usesOAuth(ctx.wizard.getState())).toBe(false);
    ctx.wizard.getState().setAuthMode('oauth2');
    expect(usesOAuth(ctx.wizard.getState())).toBe(true);
    ctx.api.oauth.autoApproveAs = 'contact@gmail.com';
    await ctx.wizard.getState().startSignIn(ctx.open);
    expect(ctx.wizard.getState().test).toMatchObject({ status: 'ok', message_count: 9 });
  });

  it('a custom server for an Outlook address goes back to passwords', async () => {
    const ctx = setup([MICROSOFT]);
    ctx.wizard.getState().setEmail('patron@hotmail.fr');
    await ctx.wizard.getState().submitEmail();
    ctx.wizard.getState().useCustomServer();
    expect(usesOAuth(ctx.wizard.getState())).toBe(false);
  });
});
