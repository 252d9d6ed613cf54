// OAuth2 sign-in from a terminal: `releve accounts add --oauth microsoft --email …` and
// `releve accounts reconnect N`. The command prints the address to open, then waits on the core's one-shot
// loopback redirect (127.0.0.1, this machine only) until the browser comes back or the sign-in times out.
import { getPreset, PROVIDER_PRESETS, type ProviderPreset } from '../../../shared/providers.js';
import type { Locale, Mailbox, MailboxInput, OAuthBegin, OAuthProviderInfo } from '../../../shared/types.js';
import type { Core } from '../../core/model.js';
import { validateArg } from '../../../shared/arg-checkers.js';
import { flag, mailboxIdArg, parseCommandArgs, str, type OptionSpec, type Parsed } from '../args.js';
import { EXIT_OK, UsageError } from '../cli-error.js';
import { withCore, type CliContext } from '../context.js';
import { t } from '../text.js';
import { accountFields } from './account-options.js';

const TEXT = {
  openUrl: {
    fr: 'Ouvrez cette adresse dans un navigateur de cet ordinateur pour vous connecter avec {provider} :',
    en: 'Open this address in a browser on this computer to sign in with {provider}:',
  },
  waiting: {
    fr: 'En attente de la connexion (jusqu’à {time}) — Ctrl+C pour abandonner…',
    en: 'Waiting for the sign-in (until {time}) — Ctrl+C to give up…',
  },
  signedIn: { fr: 'Connecté : {email}.', en: 'Signed in: {email}.' },
  reconnected: {
    fr: 'Boîte mail n° {id} « {name} » reconnectée. Prochaine synchronisation : dès que possible (ou releve sync --id {id}).',
    en: 'Mailbox #{id} “{name}” reconnected. Next sync: as soon as possible (or releve sync --id {id}).',
  },
  unknownProvider: {
    fr: 'Connexion OAuth2 inconnue : {id}. Connexions possibles : {list}.',
    en: 'Unknown OAuth2 sign-in: {id}. Available: {list}.',
  },
  noPasswordWithOAuth: {
    fr: '--password-stdin est inutile avec --oauth : aucun mot de passe n’est demandé.',
    en: '--password-stdin makes no sense with --oauth: no password is asked for.',
  },
  needsServer: {
    fr: 'Cette connexion ne correspond à aucun fournisseur connu : indiquez --server (et --port si besoin).',
    en: 'This sign-in matches no known provider: give --server (and --port if needed).',
  },
  reconnectNeedsProvider: {
    fr: 'La boîte n° {id} se connecte par mot de passe : pour passer à OAuth2, indiquez --oauth FOURNISSEUR.',
    en: 'Mailbox #{id} logs in with a password: to switch it to OAuth2, give --oauth PROVIDER.',
  },
} satisfies Record<string, Record<Locale, string>>;

function say(locale: Locale, key: keyof typeof TEXT, vars: Record<string, string | number> = {}): string {
  return TEXT[key][locale].replace(/\{(\w+)\}/g, (all, name: string) => (name in vars ? String(vars[name]) : all));
}

/** Human lines go to stderr when stdout carries JSON. */
const info = (ctx: CliContext, p: Parsed) => (line: string) => (flag(p, 'json') ? ctx.err(line) : ctx.out(line));

async function providerInfo(ctx: CliContext, core: Core, id: string): Promise<OAuthProviderInfo> {
  const list = await core.api.listOAuthProviders();
  const found = list.find((x) => x.id === id.trim().toLowerCase());
  if (!found) throw new UsageError(say(ctx.locale, 'unknownProvider', { id, list: list.map((x) => x.id).join(', ') }));
  return found;
}

/** Prints where to sign in, then waits for the browser to come back through the loopback redirect. */
async function waitForSignIn(ctx: CliContext, p: Parsed, core: Core, provider: string, begin: OAuthBegin): Promise<string | null> {
  const print = info(ctx, p);
  print(say(ctx.locale, 'openUrl', { provider }));
  print(`  ${begin.authorization_url}`);
  print(say(ctx.locale, 'waiting', { time: new Date(begin.expires_at).toLocaleTimeString(ctx.locale) }));
  const done = await core.api.completeOAuth({ flow_id: begin.flow_id });
  if (done.email) print(say(ctx.locale, 'signedIn', { email: done.email }));
  return done.email;
}

/** The preset whose server settings serve this sign-in: --preset, the address's provider, or the first one. */
async function presetFor(ctx: CliContext, p: Parsed, core: Core, provider: OAuthProviderInfo, email: string): Promise<ProviderPreset | undefined> {
  const named = str(p, 'preset');
  if (named !== undefined) {
    const preset = getPreset(named.trim().toLowerCase());
    if (!preset) throw new UsageError(t(ctx.locale, 'unknownPreset', { id: named, list: PROVIDER_PRESETS.map((x) => x.id).join(', ') }), 'accounts add');
    for (const opt of ['server', 'port', 'ssl', 'no-ssl'] as const) {
      if (p.values[opt] !== undefined) throw new UsageError(t(ctx.locale, 'presetConflict', { opt: `--${opt}` }), 'accounts add');
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
  if (flag(p, 'password-stdin')) throw new UsageError(say(ctx.locale, 'noPasswordWithOAuth'), 'accounts add');
  const email = str(p, 'email');
  if (email === undefined) throw new UsageError(t(ctx.locale, 'missingOption', { opt: '--email' }), 'accounts add');
  return withCore(ctx, async (core) => {
    const provider = await providerInfo(ctx, core, str(p, 'oauth') ?? '');
    const preset = await presetFor(ctx, p, core, provider, email);
    const fields = accountFields(p, preset, ctx.locale, 'accounts add');
    if (fields.imap_server === undefined) throw new UsageError(say(ctx.locale, 'needsServer'), 'accounts add');
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
    if (before.auth_method !== 'oauth2' && named === undefined) throw new UsageError(say(ctx.locale, 'reconnectNeedsProvider', { id }), command);
    const provider = named !== undefined ? await providerInfo(ctx, core, named) : null;
    const begin = await core.api.beginOAuth({ mailbox_id: id, ...(provider ? { provider: provider.id } : {}) });
    await waitForSignIn(ctx, p, core, provider?.name ?? before.oauth_provider ?? '', begin);
    const after = await core.api.getMailbox({ id });
    if (flag(p, 'json')) ctx.json(after);
    else ctx.out(say(ctx.locale, 'reconnected', { id, name: after.name }));
    return EXIT_OK;
  });
}
