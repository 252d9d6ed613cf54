// Messages staged between their download and their commit (batch-writer.ts, parse/worker-store.ts).
// Free of store imports: the parse worker loads SQLite only once it is asked to write.
import type { ParsedMessage } from '../model.js';
import type { ParsedFields } from '../parse/parse-message.js';
import type { BatchResult } from '../store/messages-write.js';
import { releaseSources } from './release-sources.js';

/** Everything about a message that comes from the FETCH response, not from its MIME content. */
export type MessageMeta = Omit<ParsedMessage, keyof ParsedFields | 'raw'>;

export interface Staged {
  /** Handle for commit / discard. */
  id: number;
  uid: number;
}

/** What a committed batch did, and how many of its messages could not be parsed (stored raw anyway). */
export type CommittedBatch = BatchResult & { malformed: number };

function malformedIn(batch: readonly ParsedMessage[]): number {
  return batch.filter((m) => m.parse_error !== null).length;
}

/** Staged messages → the batch commitBatch expects: in UID order, the messages forgotten. */
function takeStaged(staged: Map<number, ParsedMessage>, ids: readonly number[]): ParsedMessage[] {
  const batch: ParsedMessage[] = [];
  for (const id of ids) {
    const m = staged.get(id);
    if (!m) throw new Error(`staged message ${id} is missing`);
    staged.delete(id);
    batch.push(m);
  }
  return batch.sort((a, b) => a.uid - b.uid);
}

/**
 * What both writers do at commit time: the staged messages of `ids`, in UID order, go to `commit` (one
 * transaction); their sources are freed at once after; the result counts the messages that did not parse.
 */
export function commitStaged(
  staged: Map<number, ParsedMessage>,
  ids: readonly number[],
  commit: (batch: ParsedMessage[]) => BatchResult,
): CommittedBatch {
  const batch = takeStaged(staged, ids);
  const r = commit(batch);
  releaseSources(batch.map((m) => m.raw));
  return { ...r, malformed: malformedIn(batch) };
}
