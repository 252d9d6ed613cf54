// Folder views and actions (issue 14) and team triage (issue 16) as OpenAPI component schemas.
import { TRIAGE_VIEWS } from '../../../shared/triage.js';
import { FOLDER_VIEWS } from '../../../shared/types.js';
import type { MailboxFolder, MessageActionResult, TriageInfo, TriageOverview, TriageResult } from '../../../shared/types.js';
import { arrayOf, bool, dateTime, int, nullable, objectSchema, oneOfEnum, str, type JsonSchema } from './json-schema.js';

export const folderRole = oneOfEnum(['inbox', 'sent', 'drafts', 'junk', 'archive', 'trash', 'all', 'other']);

const mailboxFolder = objectSchema<MailboxFolder>({ path: str(), role: folderRole, chosen: bool(), message_count: int() }, []);
const viewCount: JsonSchema = { type: 'object', properties: { total: int(), unread: int() }, required: ['total', 'unread'] };
const folderCounts: JsonSchema = {
  type: 'object',
  properties: Object.fromEntries(FOLDER_VIEWS.map((v) => [v, viewCount])),
  required: [...FOLDER_VIEWS],
};
const messageActionResult = objectSchema<MessageActionResult>(
  { updated: int(), skipped: arrayOf({ type: 'object', properties: { id: int(), reason: str() }, required: ['id', 'reason'] }) },
  [],
);

const triageState = oneOfEnum(['todo', 'doing', 'done']);
const triageInfo = objectSchema<TriageInfo>(
  {
    state: nullable(triageState),
    assignee: nullable(str()),
    by: nullable(str('Who changed it last, when known.')),
    at: nullable(dateTime('When this install saw that change (IMAP keeps no time for keywords).')),
    local_only: bool('The folder refuses custom keywords: this triage stays in this install.'),
  },
  [],
  'Team triage, read from the message’s IMAP keywords (docs/triage.md).',
);
const triageResult = objectSchema<TriageResult>({ updated: int(), local_only: int() }, []);
const triageOverview = objectSchema<TriageOverview>(
  {
    me: nullable(str()),
    people: arrayOf(str()),
    counts: { type: 'object', properties: Object.fromEntries(TRIAGE_VIEWS.map((v) => [v, int()])), required: [...TRIAGE_VIEWS] },
    local_only_mailboxes: arrayOf({ type: 'object', properties: { id: int(), name: str() }, required: ['id', 'name'] }),
  },
  [],
);

export const VIEW_SCHEMAS: Record<string, JsonSchema> = {
  MailboxFolder: mailboxFolder,
  FolderCounts: folderCounts,
  MessageActionResult: messageActionResult,
  TriageInfo: triageInfo,
  TriageResult: triageResult,
  TriageOverview: triageOverview,
};
