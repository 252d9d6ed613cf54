// Core-process side of the secrets the host keeps: a SecretBox whose every seal/open is a request to the host
// (the desktop app's main process, the only one that may use Electron safeStorage). Plain texts cross the
// process boundary only on this private channel, never the API.
import { ReleveError } from '../../../shared/errors.js';
import type { SecretBox } from '../model.js';
import type { CoreToHost, HostToCore, SecretOp } from './protocol.js';

type Pending = { resolve: (v: string) => void; reject: (e: unknown) => void };

export class HostSecrets {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly send: (msg: CoreToHost) => void) {}

  /** Feeds the host's answers in; returns whether the message was one. */
  receive(msg: HostToCore): boolean {
    if (msg.k !== 'secret-res') return false;
    const p = this.pending.get(msg.id);
    if (!p) return true;
    this.pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.value);
    else p.reject(new ReleveError(msg.error.code, msg.error.message, msg.error.detail ? { detail: msg.error.detail } : {}));
    return true;
  }

  private ask(op: SecretOp, kind: string, data: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      this.send({ k: 'secret-req', id, op, kind, data });
    });
  }

  /** A box of this kind answered by the host; `available` is the host's verdict at start. */
  box(kind: string, available: boolean): SecretBox {
    return {
      kind,
      available: () => available,
      encrypt: async (plain) => Buffer.from(await this.ask('encrypt', kind, plain), 'base64'),
      decrypt: (cipher) => this.ask('decrypt', kind, cipher.toString('base64')),
    };
  }
}
