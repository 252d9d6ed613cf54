// One argument check per MailApi method, applied at dispatch by every transport (REST, WebSocket RPC, Electron
// IPC relay, CLI) in the caller's language. The core validates again in its own language: these checks only
// decide how a refusal is worded for the caller, never what the core accepts. The map is complete by type, so a
// new MailApi method does not compile until it says how its argument is checked.
import type { ArgOf, MethodName } from './api.js';
import { parseBackupInput, parseExportInput } from './data-arg-checks.js';
import { parseMessageActionInput } from './folder-schemas.js';
import { checkBool } from './schema-rules.js';
import {
  parseConnectionTestInput,
  parseId,
  parseIdList,
  parseMailboxInput,
  parseMailboxPatch,
  parseMessageQuery,
  parseOAuthBeginInput,
  parseOAuthFlowId,
  parseSettingsPatch,
  parseTestId,
} from './schemas.js';
import { parseForwardInput, parseNewMessageInput, parseReplyInput, parseSmtpTestInput } from './send-schemas.js';
import { parseTriageInput } from './triage-schemas.js';
import type { Locale } from './types.js';

/** The object a method takes (never for the methods that take none). */
type ArgObject<M extends MethodName> = Exclude<ArgOf<M>, void | undefined>;

/**
 * What a checker gives back: the fields it validated, parsed (`{}` when it lets the argument through as it
 * comes). Only the types matter to callers: they prove which fields the check covers (`CheckedField`), so the
 * REST layer may pass those straight from the request. The core still parses the argument itself.
 */
type CheckedPart<M extends MethodName> = [ArgObject<M>] extends [never] ? undefined : Partial<ArgObject<M>>;
type ArgChecker<M extends MethodName> = (arg: Record<string, unknown>, locale: Locale) => CheckedPart<M>;

/** Methods that take no argument (or ignore it), and those whose argument the core takes as it comes. */
const none = (): undefined => undefined;
const nothing = (): Record<never, never> => ({});
const byId = (arg: Record<string, unknown>, locale: Locale): { id: number } => ({ id: parseId(arg.id, 'id', locale) });

const ARG_CHECKERS = {
  listMailboxes: none,
  getMailbox: byId,
  createMailbox: (arg, locale) => parseMailboxInput(arg, locale),
  updateMailbox: (arg, locale) => ({ id: parseId(arg.id, 'id', locale), patch: parseMailboxPatch(arg.patch, locale) }),
  deleteMailbox: byId,
  testConnection: (arg, locale) => parseConnectionTestInput(arg, locale),
  cancelConnectionTest: (arg, locale) => ({ test_id: parseTestId(arg.test_id, locale) }),
  detectProvider: nothing, // any text: an unknown address simply detects nothing
  listOAuthProviders: none,
  beginOAuth: (arg, locale) => parseOAuthBeginInput(arg, locale),
  completeOAuth: (arg, locale) => ({ flow_id: parseOAuthFlowId(arg, locale) }),
  cancelOAuth: (arg, locale) => ({ flow_id: parseOAuthFlowId(arg, locale) }),
  syncMailbox: byId,
  syncAll: none,
  getStatus: none,
  listMessages: (arg, locale) => parseMessageQuery(arg, locale),
  getMessage: byId,
  getMessageBody: byId,
  setSeen: (arg, locale) => ({
    ids: parseIdList(arg.ids, 'ids', locale),
    ...(arg.seen !== undefined ? { seen: checkBool('seen', arg.seen, locale) } : {}),
  }),
  getAttachment: (arg, locale) => ({ message_id: parseId(arg.message_id, 'message_id', locale) }),
  getAbout: none,
  // The shapes here; whether a path is absolute on the core's own computer, the core says (data-api.ts).
  exportMessages: (arg, locale) => parseExportInput(arg, locale),
  backupStore: (arg, locale) => parseBackupInput(arg, locale),
  listFolders: byId,
  getFolderCounts: none,
  messageAction: (arg, locale) => parseMessageActionInput(arg, parseIdList(arg.ids, 'ids', locale), locale),
  testSmtp: (arg, locale) => parseSmtpTestInput(arg, locale),
  sendMessage: (arg, locale) => parseNewMessageInput(arg, locale),
  replyToMessage: (arg, locale) => parseReplyInput(arg, locale),
  forwardMessage: (arg, locale) => parseForwardInput(arg, locale),
  listOutbox: (arg, locale) => (arg.mailbox_id !== undefined ? { mailbox_id: parseId(arg.mailbox_id, 'mailbox_id', locale) } : {}),
  cancelOutbox: byId,
  retryOutbox: byId,
  getThread: byId,
  setTriage: (arg, locale) => parseTriageInput(arg, parseIdList(arg.ids, 'ids', locale), locale),
  getTriageOverview: none,
  getSettings: none,
  updateSettings: (arg, locale) => parseSettingsPatch(arg, locale),
} satisfies { [M in MethodName]: ArgChecker<M> };

/** Throws ReleveError VALIDATION, worded in `locale`, when `arg` would be refused by the core. */
export function validateArg(method: MethodName, arg: unknown, locale: Locale): void {
  const checker: (arg: Record<string, unknown>, locale: Locale) => unknown = ARG_CHECKERS[method];
  checker(arg !== null && typeof arg === 'object' && !Array.isArray(arg) ? (arg as Record<string, unknown>) : {}, locale);
}

type KeysOf<T> = T extends unknown ? keyof T : never;

/** The fields of M's argument its checker validates: a caller may hand these over unread, of unknown type. */
export type CheckedField<M extends MethodName> = KeysOf<ReturnType<(typeof ARG_CHECKERS)[M]>> & KeysOf<ArgObject<M>>;

/** Methods whose checker validates every field of their argument. */
export type FullyCheckedMethod = {
  [M in MethodName]: [ArgObject<M>] extends [never] ? never : [Exclude<KeysOf<ArgObject<M>>, CheckedField<M>>] extends [never] ? M : never;
}[MethodName];
