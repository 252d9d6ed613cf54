// Everything about messages, grouped by job: writes from the sync engine, flag changes, reads for the inbox.
export {
  commitBatch,
  deleteByUids,
  deleteStaleMessages,
  listUids,
  relinkByContentKey,
  type BatchResult,
} from './messages-write.js';
export { applyFlags, setSeen, type SeenChange } from './message-flags.js';
export { clearPendingFlagOps, takePendingFlagOps, type PendingFlagOp } from './pending-ops.js';
export { getMessageRow, listMessages, mailboxCounts, mailboxCountsOf, type MailboxCounts, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type MessageRow } from './message-query.js';
export { toFtsQuery } from './fts-query.js';
export { catchUpFts, ftsBehind, FtsBacklog, FTS_IMMEDIATE } from './fts-deferred.js';
