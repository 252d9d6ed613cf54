// Worker-thread entry: parses raw messages off the main thread so the UI and the IMAP stream stay responsive.
// A source handed over (transferred, not copied) comes back the same way with the parsed fields.
import { parentPort } from 'node:worker_threads';
import { parseMessage } from './parse-message.js';

export interface ParseRequest {
  id: number;
  raw: Uint8Array;
  /** The sender transferred `raw` and wants it back. */
  giveBack?: boolean;
}

if (!parentPort) throw new Error('parse-worker must run in a worker thread');
const port = parentPort;
port.on('message', (req: ParseRequest) => {
  const back = req.giveBack ? [req.raw.buffer as ArrayBuffer] : [];
  parseMessage(req.raw).then(
    (fields) => port.postMessage({ id: req.id, fields, raw: req.giveBack ? req.raw : undefined }, back),
    (err: unknown) => port.postMessage({ id: req.id, error: String(err), raw: req.giveBack ? req.raw : undefined }, back),
  );
});
