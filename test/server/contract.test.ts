// One contract for every transport (issue 12, point 3): every MailApi method is reachable from REST or the
// WebSocket RPC, and a WebSocket call is refused in the language of its socket, as REST and IPC do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore } from '../../electron/core/create-core.js';
import type { Core } from '../../electron/core/model.js';
import { REST_ROUTES } from '../../electron/server/rest-routes.js';
import { startServer } from '../../electron/server/start-server.js';
import type { RunningServer } from '../../electron/server/start-server.js';
import { METHOD_NAMES } from '../../shared/api.js';
import type { RpcErrorBody, RpcMessage } from '../../shared/rpc.js';
import { makeTmpDir } from '../helpers/tmp-dir.js';
import type { TmpDir } from '../helpers/tmp-dir.js';
import { TOKEN } from './server-harness.js';

let dir: TmpDir;
let core: Core;
let server: RunningServer;
beforeAll(async () => {
  dir = makeTmpDir('releve-contract-');
  core = createCore({ dataDir: dir.path, locale: 'en' });
  server = await startServer({ core, port: 0, token: TOKEN, locale: 'en' });
});
afterAll(async () => {
  await server?.close();
  await core?.close();
  dir?.remove();
});

/** A raw socket (no client library): what any script in any language would send. */
async function socket(headers: Record<string, string> = {}) {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc?token=${TOKEN}`, { headers });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, (m: RpcMessage) => void>();
  ws.on('message', (data) => {
    const msg = JSON.parse((data as Buffer).toString()) as RpcMessage;
    if (msg.t === 'res') pending.get(msg.id)?.(msg);
  });
  return {
    call(method: string, arg: unknown): Promise<RpcMessage> {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ t: 'req', id, method, arg }));
      });
    },
    close: () => ws.close(),
  };
}

const errorOf = (m: RpcMessage): RpcErrorBody | null => (m.t === 'res' && !m.ok ? m.error : null);
const isUnknownMethod = (m: RpcMessage) => errorOf(m)?.code === 'NOT_FOUND' && /^Unknown method/.test(errorOf(m)?.message ?? '');

describe('one contract for every transport', () => {
  it('every MailApi method is reachable from REST or the WebSocket RPC', async () => {
    const ws = await socket();
    try {
      // The control: a name outside the contract is what "unreachable" looks like.
      expect(isUnknownMethod(await ws.call('closeDatabase', null))).toBe(true);
      const byRpc = new Set<string>();
      // Null arguments: each call is answered (a result or a refusal) without reaching any network.
      for (const method of METHOD_NAMES) if (!isUnknownMethod(await ws.call(method, null))) byRpc.add(method);
      const byRest = new Set(REST_ROUTES.flatMap((r) => r.calls));
      expect(METHOD_NAMES.filter((m) => !byRpc.has(m) && !byRest.has(m))).toEqual([]);
      // Every REST route but the two that answer without the core names the method(s) it reaches.
      expect(REST_ROUTES.filter((r) => r.calls.length === 0).map((r) => r.pattern).sort()).toEqual(['/inbox/login-link', '/inbox/providers']);
    } finally {
      ws.close();
    }
  });

  it('a WebSocket call with a bad argument is refused in the language of the socket (Accept-Language), same code and field', async () => {
    const fr = await socket({ 'Accept-Language': 'fr-FR,fr;q=0.9,en;q=0.5' });
    const en = await socket(); // no header: the server's own language (English here)
    try {
      const bad = { ids: [0], seen: true };
      const inFrench = errorOf(await fr.call('setSeen', bad));
      const inEnglish = errorOf(await en.call('setSeen', bad));
      expect(inFrench).toEqual({
        code: 'VALIDATION',
        field: 'ids',
        message: '« ids » doit être une liste non vide d’identifiants (entiers positifs, 10000 au plus).',
      });
      expect(inEnglish).toMatchObject({ code: 'VALIDATION', field: 'ids', message: expect.stringMatching(/^“ids” must be a non-empty list/) });
      // The same refusal over REST, for the same language, reads the same.
      const rest = await fetch(`http://127.0.0.1:${server.port}/inbox/integrations/1`, {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${TOKEN}`, 'Accept-Language': 'fr', 'Content-Type': 'application/json' },
        body: JSON.stringify({ imap_port: 70000 }),
      });
      const viaRpc = errorOf(await fr.call('updateMailbox', { id: 1, patch: { imap_port: 70000 } }));
      expect(rest.status).toBe(400);
      expect(((await rest.json()) as { error: RpcErrorBody }).error).toMatchObject({ code: 'VALIDATION', field: 'imap_port', message: viaRpc?.message });
      expect(viaRpc?.message).toMatch(/port/i);
      expect(viaRpc?.message).not.toBe(errorOf(await en.call('updateMailbox', { id: 1, patch: { imap_port: 70000 } }))?.message);
    } finally {
      fr.close();
      en.close();
    }
  });

  it('setSeen takes only a boolean `seen`: refused at the transport in its language, and by the core itself', async () => {
    const fr = await socket({ 'Accept-Language': 'fr' });
    try {
      expect(errorOf(await fr.call('setSeen', { ids: [1], seen: 'peut-être' }))).toEqual({
        code: 'VALIDATION',
        field: 'seen',
        message: 'Le champ « seen » doit valoir true ou false.',
      });
    } finally {
      fr.close();
    }
    // In-process callers (CLI, tray) reach the core directly: it refuses too, in its own language.
    await expect(core.api.setSeen({ ids: [1], seen: 'maybe' as unknown as boolean })).rejects.toMatchObject({ code: 'VALIDATION', field: 'seen' });
  });
});
