// Worker-thread entry: parses raw messages off the main thread so the UI and the IMAP stream stay responsive.
import { parentPort } from 'node:worker_threads';
import { parseMessage } from './parse-message.js';

export interface ParseRequest {
  id: number;
  raw: Uint8Array;
}

if (!parentPort) throw new Error('parse-worker must run in a worker thread');
const port = parentPort;
port.on('message', (req: ParseRequest) => {
  parseMessage(req.raw).then(
    (fields) => port.postMessage({ id: req.id, fields }),
    (err: unknown) => port.postMessage({ id: req.id, error: String(err) }),
  );
});
