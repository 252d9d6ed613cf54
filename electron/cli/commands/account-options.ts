// The options shared by `accounts add` and `accounts edit`, and their translation into API fields.
import { getPreset, PROVIDER_PRESETS } from '../../../shared/providers.js';
import type { ProviderPreset } from '../../../shared/providers.js';
import type { Locale, MailboxPatch } from '../../../shared/types.js';
import { flag, intOption, str } from '../args.js';
import type { OptionSpec, Parsed } from '../args.js';
import { UsageError } from '../cli-error.js';
import { t } from '../text.js';

export const ACCOUNT_OPTIONS: OptionSpec = {
  preset: { type: 'string' },
  name: { type: 'string' },
  email: { type: 'string' },
  server: { type: 'string' },
  port: { type: 'string' },
  ssl: { type: 'boolean' },
  'no-ssl': { type: 'boolean' },
  username: { type: 'string' },
  interval: { type: 'string' },
  'allow-insecure': { type: 'boolean' },
  'window-days': { type: 'string' },
  'window-count': { type: 'string' },
  'trust-fingerprint': { type: 'string' },
  color: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  // sending (SMTP); absent with --preset: the provider's
  'smtp-server': { type: 'string' },
  'smtp-port': { type: 'string' },
  'smtp-ssl': { type: 'boolean' },
  'no-smtp-ssl': { type: 'boolean' },
  'smtp-username': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** The preset named by --preset, refusing unknown ones and those that cannot work with a password. */
export function presetOption(p: Parsed, locale: Locale, command: string): ProviderPreset | undefined {
  const id = str(p, 'preset');
  if (id === undefined) return undefined;
  const preset = getPreset(id.trim().toLowerCase());
  if (!preset) {
    throw new UsageError(t(locale, 'unknownPreset', { id, list: PROVIDER_PRESETS.map((x) => x.id).join(', ') }), command);
  }
  if (preset.auth === 'oauth2_only') {
    const help = preset.help[locale];
    const lines = [t(locale, 'oauthOnly', { name: preset.name }), help.summary, ...help.steps.map((s) => `  • ${s}`)];
    throw new UsageError(lines.join('\n'));
  }
  for (const opt of ['server', 'port', 'ssl', 'no-ssl'] as const) {
    if (p.values[opt] !== undefined) throw new UsageError(t(locale, 'presetConflict', { opt: `--${opt}` }), command);
  }
  return preset;
}

/** Fields given on the command line (absent options are left out), server settings from the preset if any. */
export function accountFields(p: Parsed, preset: ProviderPreset | undefined, locale: Locale, command: string): MailboxPatch {
  if (flag(p, 'ssl') && flag(p, 'no-ssl')) throw new UsageError(t(locale, 'sslConflict'), command);
  if (str(p, 'window-days') !== undefined && str(p, 'window-count') !== undefined) {
    throw new UsageError(t(locale, 'windowConflict'), command);
  }
  const out: MailboxPatch = {};
  const set = <K extends keyof MailboxPatch>(key: K, value: MailboxPatch[K] | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  set('name', str(p, 'name'));
  set('email_address', str(p, 'email'));
  set('username', str(p, 'username'));
  set('color', str(p, 'color'));
  set('tls_fingerprint', str(p, 'trust-fingerprint'));
  set('sync_interval_minutes', intOption(p, 'interval', locale, command));
  if (preset) {
    out.imap_server = preset.imap_server;
    out.imap_port = preset.imap_port;
    out.use_ssl = preset.use_ssl;
    out.preset_id = preset.id;
  } else {
    set('imap_server', str(p, 'server'));
    set('imap_port', intOption(p, 'port', locale, command));
    if (flag(p, 'ssl')) out.use_ssl = true;
    if (flag(p, 'no-ssl')) out.use_ssl = false;
  }
  if (flag(p, 'allow-insecure')) out.allow_insecure_auth = true;
  if (flag(p, 'smtp-ssl') && flag(p, 'no-smtp-ssl')) throw new UsageError(t(locale, 'smtpSslConflict'), command);
  set('smtp_server', str(p, 'smtp-server'));
  set('smtp_port', intOption(p, 'smtp-port', locale, command));
  if (flag(p, 'smtp-ssl')) out.smtp_use_ssl = true;
  if (flag(p, 'no-smtp-ssl')) out.smtp_use_ssl = false;
  set('smtp_username', str(p, 'smtp-username'));
  const days = intOption(p, 'window-days', locale, command);
  const count = intOption(p, 'window-count', locale, command);
  // One window replaces the other.
  if (days !== undefined) Object.assign(out, { sync_window_days: days, sync_window_count: null });
  if (count !== undefined) Object.assign(out, { sync_window_count: count, sync_window_days: null });
  return out;
}

/** The provider's app-password steps, printed before the password prompt. */
export function presetHelpText(preset: ProviderPreset, locale: Locale): string {
  const help = preset.help[locale];
  const lines = [`${preset.name} — ${help.summary}`, ...help.steps.map((s, i) => `  ${i + 1}. ${s}`)];
  if (help.warning) lines.push(`  ⚠ ${help.warning}`);
  if (help.url) lines.push(`  ${help.url}`);
  return lines.join('\n');
}
