// What the parent asks a bench child to do, and what the child reports back (one JSON line on stdout).
export interface MailboxSpec {
  user: string;
  password: string;
}

export type ChildTask =
  /** Adds the mailboxes (fresh data dir), then one forced pass: B1/B2 and the first sync of the 200. */
  | {
      kind: 'sync';
      dataDir: string;
      port: number;
      caFile: string;
      add: MailboxSpec[];
      only?: string[];
      /** Notes how long after the start the message with this UID was in the store (newest-first latency). */
      watchUid?: number;
      /** RELEVE_MAX_CONNECTIONS for this child (1 = the single-connection sync). */
      maxConnections?: number;
    }
  /** Long-lived core with IDLE watchers: forced "nothing new" passes once every connection is open (B3 warm). */
  | { kind: 'warm'; dataDir: string; caFile: string; passes: number; maxWatched: number }
  /** Long-lived core watching one mailbox: APPEND → row in the store, `count` times (B4). */
  | { kind: 'latency'; dataDir: string; caFile: string; port: number; user: string; password: string; count: number }
  /** Reference floor: imapflow alone downloading the whole mailbox (FETCH 1:* BODY[]), nothing parsed or stored. */
  | { kind: 'raw'; port: number; caFile: string; user: string; password: string }
  /** Inbox queries on a store of `messages` synthetic rows (B6). */
  | { kind: 'query'; dataDir: string; messages: number; runs: number };

export interface Measured {
  /** Wall time of the measured section (ms). */
  ms: number;
  /** Client CPU (user + system, every thread of the child) during the measured section (s). */
  cpuS: number;
}

export interface ChildReport {
  /** One entry per measured repetition inside the child. */
  runs: Measured[];
  /** Peak RSS of the child process over its whole life (bytes). */
  maxRssBytes: number;
  /** Extra figures a scenario wants to show (e.g. new messages, first query). */
  notes: Record<string, number | string>;
}

export const REPORT_PREFIX = 'BENCH_REPORT ';
