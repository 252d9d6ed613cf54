// The SQLite store of the sync core: `fn(db, …)` functions, one small module per concern.
export { openStore, openSecondaryConnection, closeStore, closeSourceFiles, NEW_STORE_PAGE_SIZE, type DB } from './db.js';
export { readRawSource } from './source-read.js';
export { packWriterFor } from './source-packs.js';
export { MIGRATIONS, LATEST_SCHEMA_VERSION, runMigrations, schemaVersion, type Migration } from './migrations/index.js';
export {
  insertMailbox,
  updateMailbox,
  getMailbox,
  listMailboxes,
  deleteMailbox,
  recordSyncOutcome,
  saveOAuthTokens,
  type MailboxRow,
  type NewMailbox,
  type SyncOutcome,
} from './mailboxes.js';
export {
  getOrCreateFolder,
  getFolder,
  updateFolderState,
  resetFolderForUidValidity,
  type FolderStatePatch,
} from './folders.js';
export * from './messages.js';
export { startRun, finishRun, lastRun, listRuns, markInterruptedRuns, lastSuccessAt, lastNewMessages, type RunOutcome } from './runs.js';
export { deleteSetting, getSetting, setSetting } from './settings.js';
export * as outbox from './outbox.js';
