// OAuth2 sign-in from a terminal: `releve accounts add --oauth microsoft --email …` and
// `releve accounts reconnect N`. The command prints the address to open, then waits on the core's one-shot
// loopback redirect (127.0.0.1, this machine only) until the browser comes back or the sign-in times out.
import { defaultIntlTag } from '../../../shared/i18n/index.js';
import { getPreset, PROVIDER_PRESETS, type ProviderPreset } from '../../../shared/providers.js';
import type { Mailbox, MailboxInput, OAuthBegin, OAuthProviderInfo } from '../../../shared/types.js';
import type { Core } from '../../core/model.js';
import { validateArg } from '../../../shared/arg-checkers.js';
import { flag, mailboxIdArg, parseCommandArgs, str, type OptionSpec, type Parsed } from '../args.js';
import { EXIT_OK, UsageError } from '../cli-error.js';
import { withCore, type CliContext } from '../context.js';
import { accountFields } from './account-options.js';

/** Human lines go to stderr when stdout carries JSON. */
const info = (ctx: CliContext, p: Parsed) => (line: string) => (flag(p, 'json') ? ctx.err(line) : ctx.out(line));

async function providerInfo(ctx: CliContext, core: Core, id: string): Promise<OAuthProviderInfo> {
  const list = await core.api.listOAuthProviders();
  const found = list.find((x) => x.id === id.trim().toLowerCase());
  if (!found) throw new UsageError(ctx.t('oauthUnknownProvider', { id, list: list.map((x) => x.id).join(', ') }));
  return found;
}

/** Prints where to sign in, then waits for the browser to come back through the loopback redirect. */
async function waitForSignIn(ctx: CliContext, p: Parsed, core: Core, provider: string, begin: OAuthBegin): Promise<string | null> {
  const print = info(ctx, p);
  print(ctx.t('oauthOpenUrl', { provider }));
  print(`  ${begin.authorization_url}`);
  print(ctx.t('oauthWaiting', { time: new Date(begin.expires_at).toLocaleTimeString(defaultIntlTag(ctx.locale)) }));
  const done = await core.api.completeOAuth({ flow_id: begin.flow_id });
  if (done.email) print(ctx.t('oauthSignedIn', { email: done.email }));
  return done.email;
}

/** The preset whose server settings serve this sign-in: --preset, the address's provider, or the first one. */
async function presetFor(ctx: CliContext, p: Parsed, core: Core, provider: OAuthProviderInfo, email: string): Promise<ProviderPreset | undefined> {
  const named = str(p, 'preset');
  if (named !== undefined) {
    const preset = getPreset(named.trim().toLowerCase());
    if (!preset) throw new UsageError(ctx.t('unknownPreset', { id: named, list: PROVIDER_PRESETS.map((x) => x.id).join(', ') }), 'accounts add');
    for (const opt of ['server', 'port', 'ssl', 'no-ssl'] as const) {
      if (p.values[opt] !== undefined) throw new UsageError(ctx.t('presetConflict', { opt: `--${opt}` }), 'accounts add');
    }
    return preset;
  }
  if (str(p, 'server') !== undefined) return undefined;
  const detected = await core.api.detectProvider({ email });
  const id = detected.preset_id && provider.preset_ids.includes(detected.preset_id) ? detected.preset_id : provider.preset_ids[0];
  return id ? getPreset(id) : undefined;
}

/** `accounts add --oauth PROVIDER`: sign in first, then save the mailbox with the tokens (no password). */
export async function accountsAddOAuth(
  ctx: CliContext,
  p: Parsed,
  finish: (core: Core, mailbox: Mailbox) => Promise<number>,
): Promise<number> {
  if (flag(p, 'password-stdin')) throw new UsageError(ctx.t('oauthNoPassword'), 'accounts add');
  const email = str(p, 'email');
  if (email === undefined) throw new UsageError(ctx.t('missingOption', { opt: '--email' }), 'accounts add');
  return withCore(ctx, async (core) => {
    const provider = await providerInfo(ctx, core, str(p, 'oauth') ?? '');
    const preset = await presetFor(ctx, p, core, provider, email);
    const fields = accountFields(p, preset, ctx.locale, 'accounts add');
    if (fields.imap_server === undefined) throw new UsageError(ctx.t('oauthNeedsServer'), 'accounts add');
    const useSsl = fields.use_ssl ?? true;
    const input: MailboxInput = {
      ...fields,
      name: fields.name ?? email,
      imap_server: fields.imap_server,
      imap_port: fields.imap_port ?? (useSsl ? 993 : 143),
      use_ssl: useSsl,
      email_address: email,
      auth_method: 'oauth2',
    };
    // Every field is checked before the browser is involved, so a typo does not cost a sign-in.
    validateArg('createMailbox', { ...input, oauth_flow_id: 'x'.repeat(32) }, ctx.locale);
    const begin = await core.api.beginOAuth({ provider: provider.id, email });
    await waitForSignIn(ctx, p, core, provider.name, begin);
    const mailbox = await core.api.createMailbox({ ...input, oauth_flow_id: begin.flow_id });
    return finish(core, mailbox);
  });
}

export const RECONNECT_OPTIONS: OptionSpec = {
  oauth: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** `accounts reconnect N [--oauth PROVIDER]`: a new sign-in for a mailbox whose sign-in expired or was revoked. */
export async function accountsReconnect(ctx: CliContext, argv: string[]): Promise<number> {
  const command = 'accounts reconnect';
  const p = parseCommandArgs(argv, RECONNECT_OPTIONS, ctx.locale, command);
  const id = mailboxIdArg(p, ctx.locale, command);
  return withCore(ctx, async (core) => {
    const before = await core.api.getMailbox({ id });
    const named = str(p, 'oauth');
    if (before.auth_method !== 'oauth2' && named === undefined) throw new UsageError(ctx.t('oauthReconnectNeedsProvider', { id }), command);
    const provider = named !== undefined ? await providerInfo(ctx, core, named) : null;
    const begin = await core.api.beginOAuth({ mailbox_id: id, ...(provider ? { provider: provider.id } : {}) });
    await waitForSignIn(ctx, p, core, provider?.name ?? before.oauth_provider ?? '', begin);
    const after = await core.api.getMailbox({ id });
    if (flag(p, 'json')) ctx.json(after);
    else ctx.out(ctx.t('oauthReconnected', { id, name: after.name }));
    return EXIT_OK;
  });
}
