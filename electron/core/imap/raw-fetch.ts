// The two bulk FETCHes of a sync (the new UIDs with their sizes, then the messages themselves) read straight
// off the connection's socket (issue #13).
//
// Why not imapflow's fetch(): imapflow parses every response into a token tree, then into an object, in
// general-purpose JavaScript. Measured on the 10 000-message first sync (bench B1, loopback): the same UID FETCH
// costs 1.3 s of CPU through imapflow and 0.7 s through this reader, TLS included, and the optimizing compiler
// no longer spends a background core on imapflow's hot functions; on a 2-core machine that CPU goes to parsing
// and storing instead (B1 4.40 → 4.15 s with the reader alone).
//
// How: imapflow stays the owner of the connection (login, SELECT, every other command). Between two of its
// commands, with nothing in flight, this module unplugs imapflow's response parser from the socket, sends one
// command with its own tag, cuts the stream into responses itself (raw-responses.ts), and plugs the parser back
// once the tagged completion arrived. Untagged responses that are not the FETCHes asked for (EXISTS, EXPUNGE,
// a flag change, OK [HIGHESTMODSEQ …]) are handed to imapflow afterwards, bytes as received, so its view of
// the mailbox stays right. When the connection compresses (COMPRESS=DEFLATE), imapflow is busy, or a server
// once answered something this reader could not read, the same FETCH goes through imapflow's fetch().
//
// Backpressure: past MAX_QUEUED_BYTES not yet taken by the consumer the socket is paused, so TCP stops the
// server. A consumer that stops early (a stop, an error in its loop) makes the rest of the response be read
// and dropped, so the connection stays usable, as imapflow does.
import type { ImapFlow } from 'imapflow';
import { readFetchResponse, type FetchedMessage } from './fetch-response.js';
import { ResponseCutter } from './raw-responses.js';

export type { FetchedMessage };

/** 'sizes': UID and RFC822.SIZE (what is new, and how big); 'sources': everything a download stores. */
export type FetchKind = 'sizes' | 'sources';

interface Socketish {
  write(data: string): boolean;
  pause(): void;
  resume(): void;
  on(event: 'data', l: (chunk: Buffer) => void): void;
  on(event: 'close' | 'end', l: () => void): void;
  on(event: 'error', l: (err: Error) => void): void;
  removeListener(event: 'data', l: (chunk: Buffer) => void): void;
  removeListener(event: 'close' | 'end', l: () => void): void;
  removeListener(event: 'error', l: (err: Error) => void): void;
  pipe(dest: Streamerish): unknown;
  destroy(): void;
  unpipe(dest: Streamerish): unknown;
  destroyed?: boolean;
}

interface Streamerish {
  write(chunk: Buffer): boolean;
  destroyed?: boolean;
  readableLength?: number;
}

/** The parts of imapflow this module touches (not in its typings: checked at run time by canReadRaw). */
interface ImapFlowInternals {
  socket?: Socketish | null;
  writeSocket?: unknown;
  streamer?: Streamerish | null;
  _inflate?: unknown;
  _deflate?: unknown;
  enabled?: Set<string>;
  mailbox?: false | { noModseq?: boolean };
  usable?: boolean;
  idling?: boolean;
  currentRequest?: unknown;
  requestQueue?: unknown[];
  host?: string;
  /** imapflow's count of open download streams: while non-zero it starts no auto-IDLE (connectionBusy()). */
  _openDownloads?: number;
  /** Set by imapflow while a consumer holds a response: its socket timeout then re-arms instead of failing. */
  _processingResponse?: boolean;
  autoidle?: () => void;
}

const MAX_QUEUED_BYTES = 4 * 1024 * 1024;

/** Servers whose answers this reader could not read once: imapflow reads theirs from then on (this process). */
const unreadableHosts = new Set<string>();

let tagCounter = 0;

/**
 * Clients whose socket a raw read still holds (a consumer that stopped early leaves it reading the rest of
 * the response): imapflow has no request in flight then, so without this a second raw read would take the
 * socket too and read the first one's remaining messages as its own (a test met it).
 */
const reading = new WeakSet<object>();

function internals(client: ImapFlow): ImapFlowInternals {
  return client;
}

/** The socket can be read directly: no compression layer, imapflow's parser plugged in and idle. */
export function canReadRaw(client: ImapFlow): boolean {
  const c = internals(client);
  return (
    process.env.RELEVE_RAW_FETCH !== '0' &&
    !reading.has(client) &&
    !unreadableHosts.has(c.host ?? '') &&
    c.usable === true &&
    !c.idling &&
    !c.currentRequest &&
    (c.requestQueue?.length ?? 0) === 0 &&
    !c._inflate &&
    !c._deflate &&
    !!c.socket &&
    !c.socket.destroyed &&
    c.writeSocket === c.socket &&
    !!c.streamer &&
    !c.streamer.destroyed &&
    (c.streamer.readableLength ?? 0) === 0
  );
}

/** An error shaped like imapflow's, so classify-error.ts reads it the same way. */
function commandError(status: string, text: string): Error {
  const code = /^\[([^\] ]+)/.exec(text)?.[1];
  return Object.assign(new Error(`Command failed: ${status} ${text}`.trim()), {
    responseStatus: status,
    responseText: text.replace(/^\[[^\]]*\]\s*/, ''),
    ...(code ? { serverResponseCode: code.toUpperCase() } : {}),
  });
}

/** The attributes asked for; MODSEQ whenever imapflow would ask for it too (CONDSTORE enabled). */
function itemsOf(client: ImapFlow, kind: FetchKind): string {
  if (kind === 'sizes') return '(UID RFC822.SIZE)';
  const c = internals(client);
  const modseq = c.enabled?.has('CONDSTORE') === true && !(c.mailbox && c.mailbox.noModseq);
  return `(UID FLAGS INTERNALDATE RFC822.SIZE${modseq ? ' MODSEQ' : ''} BODY.PEEK[])`;
}

/** A listing takes every UID (a size the server left out counts as 0, as before); a download needs the bytes. */
function complete(m: FetchedMessage, kind: FetchKind): boolean {
  return kind === 'sizes' ? m.uid > 0 : m.source !== undefined;
}

/**
 * UID FETCH `uidSet` of `kind` on `client`'s socket; yields each message as its response completes. Call only
 * when canReadRaw(client). Rejects as imapflow would: the tagged NO / BAD, a BYE, the connection closing.
 */
export async function* fetchRaw(client: ImapFlow, uidSet: string, kind: FetchKind): AsyncGenerator<FetchedMessage> {
  const c = internals(client);
  const socket = c.socket as Socketish;
  const streamer = c.streamer as Streamerish;
  const tag = `R${++tagCounter}`;
  const queue: FetchedMessage[] = [];
  let queuedBytes = 0;
  let paused = false;
  let done = false;
  const failed: { err: Error | null } = { err: null };
  let dropping = false;
  let wake: (() => void) | null = null;
  const replay: Buffer[] = [];

  // imapflow has no command in flight during the read, so it must be told the connection is busy, as for a
  // download of its own: else its auto-IDLE (the sync's connection has it on) wrote IDLE in the middle of a
  // read longer than 15 s, then closed the connection when no "+" came within the socket timeout (a test
  // met it). While the reader has paused the socket for a consumer at work, imapflow's socket timeout takes
  // the quiet as this side's, as for its own fetch.
  c._openDownloads = (c._openDownloads ?? 0) + 1;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    c._openDownloads = Math.max(0, (c._openDownloads ?? 1) - 1);
    if (paused) c._processingResponse = false;
  };

  /** Backpressure on: the socket stops, and imapflow's socket timeout knows the quiet is this side's. */
  const pause = () => {
    if (paused) return;
    paused = true;
    c._processingResponse = true;
    socket.pause();
  };
  const unpause = () => {
    if (!paused) return;
    paused = false;
    c._processingResponse = false;
    socket.resume();
  };

  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const detach = () => {
    reading.delete(client);
    release();
    socket.removeListener('data', onData);
    socket.removeListener('close', onClose);
    socket.removeListener('end', onClose);
    socket.removeListener('error', onError);
  };
  const fail = (err: Error) => {
    if (done) return;
    failed.err = err;
    done = true;
    detach();
    notify();
  };
  /**
   * A response this reader cannot read: where the stream goes on is unknown, so the connection is closed
   * (imapflow sees it close and fails whatever waits on it) instead of being left with no one reading it,
   * where imapflow's next command would wait for the 5-minute socket timeout (a test met it).
   */
  const failUnreadable = (err: Error) => {
    unreadableHosts.add(c.host ?? '');
    fail(Object.assign(err, { code: 'InvalidResponse' }));
    socket.destroy();
  };
  /** The command is over (tagged OK, NO, BAD, or a BYE): imapflow reads the socket again, first what arrived for it meanwhile. */
  const finish = (leftover: Buffer) => {
    done = true;
    detach();
    paused = false; // pipe() resumes the socket; it is imapflow's again
    c.autoidle?.(); // what imapflow does when a download of its own ends: IDLE may start again later
    if (!streamer.destroyed && !socket.destroyed) {
      socket.pipe(streamer);
      const back = leftover.length > 0 ? [...replay, leftover] : replay;
      if (back.length > 0) streamer.write(Buffer.concat(back));
    }
    notify();
  };

  const cutter = new ResponseCutter((pieces, head, bytes) => {
    if (done) return true; // failed: what else this chunk holds is no one's to read
    if (head.startsWith(`${tag} `)) {
      const m = /^\S+ (OK|NO|BAD)\s?(.*)$/i.exec(head);
      const status = (m?.[1] ?? 'BAD').toUpperCase();
      // A NO or BAD ends the command as an OK does: imapflow gets the connection back either way (usable, as
      // after a failed FETCH of its own), then the read rejects. Unplugged, imapflow's next command hung.
      if (status !== 'OK') failed.err = commandError(status, m?.[2] ?? head);
      return true;
    }
    if (/^\* BYE\b/i.test(head)) {
      // The server is closing. imapflow is handed the BYE too, so it closes the connection itself even if the
      // FIN never comes, as it does for a BYE it reads, instead of waiting on a socket no one reads.
      failed.err = Object.assign(commandError('BYE', head.replace(/^\* BYE\s?/i, '')), { code: 'NoConnection' });
      replay.push(...bytes());
      return true;
    }
    const msg = readFetchResponse(pieces);
    if (msg && complete(msg, kind)) {
      if (msg.uid <= 0) {
        // A message without its UID cannot be placed: never skip it silently (it would count as expunged).
        failUnreadable(new Error(`FETCH response without a UID: ${head.slice(0, 80)}`));
        return false;
      }
      if (dropping) return false;
      queue.push(msg);
      queuedBytes += msg.source?.length ?? 0;
      if (queuedBytes > MAX_QUEUED_BYTES) pause();
      notify();
      return false;
    }
    // An answer to this command without its body (BODY[] NIL) is skipped, as the sync skips it through
    // imapflow. Replayed, imapflow's next FETCH yielded it as one of its own (a test met it). Only answers
    // carry RFC822.SIZE: an unsolicited flag change never does, and still goes to imapflow below.
    if (msg && msg.uid > 0 && msg.size !== undefined) return false;
    // Anything else is imapflow's to know about (a flag change, EXISTS…), once it reads the socket again.
    replay.push(...bytes());
    return false;
  });

  const onData = (chunk: Buffer) => {
    try {
      const rest = cutter.push(chunk);
      if (rest !== null && !done) finish(rest);
    } catch (err) {
      failUnreadable(err instanceof Error ? err : new Error(String(err)));
    }
  };
  const onClose = () => fail(Object.assign(new Error('Connection closed during FETCH'), { code: 'NoConnection' }));
  const onError = (err: Error) => fail(err);

  reading.add(client);
  socket.unpipe(streamer);
  socket.on('data', onData);
  socket.on('close', onClose);
  socket.on('end', onClose);
  socket.on('error', onError);
  socket.resume(); // unpipe() paused it
  socket.write(`${tag} UID FETCH ${uidSet} ${itemsOf(client, kind)}\r\n`);

  try {
    for (;;) {
      const next = queue.shift();
      if (next) {
        queuedBytes -= next.source?.length ?? 0;
        if (queuedBytes <= MAX_QUEUED_BYTES / 2) unpause();
        yield next;
        continue;
      }
      if (failed.err) throw failed.err;
      if (done) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    if (!done) {
      // Stopped early: the rest of the response is read and dropped, then imapflow gets the socket back.
      dropping = true;
      queue.length = 0;
      unpause();
    }
  }
}

/** The same FETCH through imapflow (compression, a busy connection, a server this reader could not read). */
async function* fetchWithImapflow(client: ImapFlow, uidSet: string, kind: FetchKind): AsyncGenerator<FetchedMessage> {
  const query =
    kind === 'sizes'
      ? ({ uid: true, size: true } as const)
      : ({ uid: true, flags: true, size: true, internalDate: true, source: true } as const);
  for await (const m of client.fetch(uidSet, query, { uid: true })) {
    const out: FetchedMessage = { seq: m.seq, uid: m.uid };
    if (m.flags) out.flags = m.flags;
    if (m.size !== undefined) out.size = m.size;
    if (m.internalDate !== undefined) out.internalDate = m.internalDate;
    if (m.modseq !== undefined) out.modseq = m.modseq;
    if (m.source) out.source = m.source;
    if (complete(out, kind)) yield out;
  }
}

/** UID FETCH `uidSet` for a sync: read raw when the connection allows it, else through imapflow. */
export function fetchForSync(client: ImapFlow, uidSet: string, kind: FetchKind): AsyncGenerator<FetchedMessage> {
  return canReadRaw(client) ? fetchRaw(client, uidSet, kind) : fetchWithImapflow(client, uidSet, kind);
}
