// The decoded attachments of recently opened messages, so that downloading each attachment of a large message
// (or the same one many times) parses its source once, not once per request. Concurrent requests for one
// message share the parse under way. Bounded by bytes; the least recently used message goes first.
import type { ExtractedAttachment } from '../parse/parse-message.js';

const DEFAULT_BUDGET_BYTES = 64 * 1024 * 1024;

interface Entry {
  attachments: Promise<ExtractedAttachment[]>;
  bytes: number;
}

export class AttachmentCache {
  private readonly entries = new Map<number, Entry>();
  private bytes = 0;

  constructor(private readonly budgetBytes = DEFAULT_BUDGET_BYTES) {}

  /** The attachments of message `id`, from `load` at most once while cached. */
  get(id: number, load: () => Promise<ExtractedAttachment[]>): Promise<ExtractedAttachment[]> {
    const hit = this.entries.get(id);
    if (hit) {
      // Map order is the recency order.
      this.entries.delete(id);
      this.entries.set(id, hit);
      return hit.attachments;
    }
    const entry: Entry = { attachments: load(), bytes: 0 };
    this.entries.set(id, entry);
    entry.attachments.then(
      (list) => {
        if (this.entries.get(id) !== entry) return;
        entry.bytes = list.reduce((n, a) => n + a.content.byteLength, 0);
        this.bytes += entry.bytes;
        this.evict(id);
      },
      () => {
        if (this.entries.get(id) === entry) this.entries.delete(id);
      },
    );
    return entry.attachments;
  }

  /** Forget a message (deleted): its attachments must not outlive it. */
  drop(id: number): void {
    const e = this.entries.get(id);
    if (!e) return;
    this.bytes -= e.bytes;
    this.entries.delete(id);
  }

  private evict(keep: number): void {
    for (const [id, e] of this.entries) {
      if (this.bytes <= this.budgetBytes) return;
      if (id === keep) continue;
      this.bytes -= e.bytes;
      this.entries.delete(id);
    }
    // A single message larger than the whole budget is not kept.
    if (this.bytes > this.budgetBytes) this.drop(keep);
  }
}
