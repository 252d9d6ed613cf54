// One argument check per MailApi method, applied at dispatch by every transport (REST, WebSocket RPC, Electron
// IPC relay, CLI) in the caller's language. The core validates again in its own language: these checks only
// decide how a refusal is worded for the caller, never what the core accepts. The map is complete by type, so a
// new MailApi method does not compile until it says how its argument is checked.
import type { MethodName } from './api.js';
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

/**
 * Throws ReleveError VALIDATION (code, field, message in `locale`) when the core would refuse `arg`. A checker
 * returns nothing: the core parses the argument itself, and its parsers' results are not all ArgOf<M>.
 */
type ArgChecker = (arg: Record<string, unknown>, locale: Locale) => void;

/** Methods that take no argument (or ignore it), and those whose argument the core takes as it comes. */
const none: ArgChecker = () => undefined;
const byId: ArgChecker = (arg, locale) => void parseId(arg.id, 'id', locale);

const ARG_CHECKERS = {
  listMailboxes: none,
  getMailbox: byId,
  createMailbox: (arg, locale) => void parseMailboxInput(arg, locale),
  updateMailbox: (arg, locale) => {
    parseId(arg.id, 'id', locale);
    parseMailboxPatch(arg.patch, locale);
  },
  deleteMailbox: byId,
  testConnection: (arg, locale) => void parseConnectionTestInput(arg, locale),
  cancelConnectionTest: (arg, locale) => void parseTestId(arg.test_id, locale),
  detectProvider: none, // any text: an unknown address simply detects nothing
  listOAuthProviders: none,
  beginOAuth: (arg, locale) => void parseOAuthBeginInput(arg, locale),
  completeOAuth: (arg, locale) => void parseOAuthFlowId(arg, locale),
  cancelOAuth: (arg, locale) => void parseOAuthFlowId(arg, locale),
  syncMailbox: byId,
  syncAll: none,
  getStatus: none,
  listMessages: (arg, locale) => void parseMessageQuery(arg, locale),
  getMessage: byId,
  getMessageBody: byId,
  setSeen: (arg, locale) => {
    parseIdList(arg.ids, 'ids', locale);
    if (arg.seen !== undefined) checkBool('seen', arg.seen, locale);
  },
  getAttachment: (arg, locale) => void parseId(arg.message_id, 'message_id', locale),
  getAbout: none,
  exportMessages: none, // checked by the core (paths are the core's computer's, data-api.ts)
  backupStore: none, // idem
  listFolders: byId,
  getFolderCounts: none,
  messageAction: (arg, locale) => void parseMessageActionInput(arg, parseIdList(arg.ids, 'ids', locale), locale),
  testSmtp: (arg, locale) => void parseSmtpTestInput(arg, locale),
  sendMessage: (arg, locale) => void parseNewMessageInput(arg, locale),
  replyToMessage: (arg, locale) => void parseReplyInput(arg, locale),
  forwardMessage: (arg, locale) => void parseForwardInput(arg, locale),
  listOutbox: (arg, locale) => void (arg.mailbox_id !== undefined && parseId(arg.mailbox_id, 'mailbox_id', locale)),
  cancelOutbox: byId,
  retryOutbox: byId,
  getThread: byId,
  setTriage: (arg, locale) => void parseTriageInput(arg, parseIdList(arg.ids, 'ids', locale), locale),
  getTriageOverview: none,
  getSettings: none,
  updateSettings: (arg, locale) => void parseSettingsPatch(arg, locale),
} satisfies { [M in MethodName]: ArgChecker };

/** Throws ReleveError VALIDATION, worded in `locale`, when `arg` would be refused by the core. */
export function validateArg(method: MethodName, arg: unknown, locale: Locale): void {
  const checker: ArgChecker = ARG_CHECKERS[method];
  checker(arg !== null && typeof arg === 'object' && !Array.isArray(arg) ? (arg as Record<string, unknown>) : {}, locale);
}
