// The core validates every argument too, but in the core's language. Running the same shared parsers here,
// in the request's language, first means a REST client reading French gets the field named in French.
import type { MethodName } from '../../shared/api.js';
import {
  parseConnectionTestInput,
  parseId,
  parseIdList,
  parseMailboxInput,
  parseMailboxPatch,
  parseMessageQuery,
  parseSettingsPatch,
} from '../../shared/schemas.js';
import type { Locale } from '../../shared/types.js';
import { parseMessageActionInput } from '../../shared/folder-schemas.js';
import { parseForwardInput, parseNewMessageInput, parseReplyInput, parseSmtpTestInput } from '../../shared/send-schemas.js';
import { parseTriageInput } from '../../shared/triage-schemas.js';

type Checker = (arg: Record<string, unknown>, locale: Locale) => void;

const byId: Checker = (arg, locale) => void parseId(arg.id, 'id', locale);

const CHECKERS: Partial<Record<MethodName, Checker>> = {
  createMailbox: (arg, locale) => void parseMailboxInput(arg, locale),
  updateMailbox: (arg, locale) => {
    parseId(arg.id, 'id', locale);
    parseMailboxPatch(arg.patch, locale);
  },
  getMailbox: byId,
  deleteMailbox: byId,
  syncMailbox: byId,
  getMessage: byId,
  getMessageBody: byId,
  testConnection: (arg, locale) => void parseConnectionTestInput(arg, locale),
  listMessages: (arg, locale) => void parseMessageQuery(arg, locale),
  setSeen: (arg, locale) => void parseIdList(arg.ids, 'ids', locale),
  getAttachment: (arg, locale) => void parseId(arg.message_id, 'message_id', locale),
  updateSettings: (arg, locale) => void parseSettingsPatch(arg, locale),
  listFolders: byId,
  messageAction: (arg, locale) => void parseMessageActionInput(arg, parseIdList(arg.ids, 'ids', locale), locale),
  testSmtp: (arg, locale) => void parseSmtpTestInput(arg, locale),
  sendMessage: (arg, locale) => void parseNewMessageInput(arg, locale),
  replyToMessage: (arg, locale) => void parseReplyInput(arg, locale),
  forwardMessage: (arg, locale) => void parseForwardInput(arg, locale),
  cancelOutbox: byId,
  retryOutbox: byId,
  getThread: byId,
  setTriage: (arg, locale) => void parseTriageInput(arg, parseIdList(arg.ids, 'ids', locale), locale),
};

/** Throws ReleveError VALIDATION, worded in `locale`, when `arg` would be refused by the core. */
export function validateInLocale(method: MethodName, arg: unknown, locale: Locale): void {
  const checker = CHECKERS[method];
  if (!checker) return;
  checker(arg !== null && typeof arg === 'object' && !Array.isArray(arg) ? (arg as Record<string, unknown>) : {}, locale);
}
