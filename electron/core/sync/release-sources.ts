// Once a batch is committed its raw sources are garbage, but V8 frees an ArrayBuffer's memory only when a
// GC finds its wrapper dead, and a source that survived one scavenge waits for a full GC (~every 300 ms
// during a first sync): tens of MiB of mail held for nothing. Transferring the buffers to a port nobody
// listens to detaches them and frees their memory at once. Only for buffers that are alone on their memory
// (a slice of a shared pool cannot be transferred) and that nothing reads any more (better-sqlite3 copies a
// blob when it binds it).
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { ownsItsMemory } from '../parse/owns-memory.js';

let sink: MessagePort | null = null;

export function releaseSources(sources: readonly Uint8Array[]): void {
  const buffers = [...new Set(sources.filter(ownsItsMemory).map((b) => b.buffer as ArrayBuffer))];
  if (buffers.length === 0) return;
  if (!sink) {
    const channel = new MessageChannel();
    channel.port2.close();
    sink = channel.port1;
    sink.unref();
  }
  sink.postMessage(null, buffers);
}
