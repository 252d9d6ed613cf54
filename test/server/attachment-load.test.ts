// Many downloads of the attachments of a multi-megabyte message do not stall the server: the message is
// parsed in a parse worker, once (its attachments are cached), and /health answers while they are in flight.
// Asserted by order of completion, not by timings.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttachmentCache } from '../../electron/core/api/attachment-cache.js';
import type { ExtractedAttachment } from '../../electron/core/parse/parse-message.js';
import type { MessagePage, SyncResult } from '../../shared/types.js';
import { ALICE, request, seedBody, startStack, TOKEN, type Stack } from './server-harness.js';

const PARTS = Array.from({ length: 4 }, (_, i) => ({ name: `plan-${i}.bin`, data: randomBytes(2_500_000) }));

function bigMessage(): string {
  const b = 'big-boundary-1';
  const wrap = (s: string) => s.replace(/.{1,76}/g, '$&\r\n');
  return [
    'From: Alice <alice@example.test>',
    `To: ${ALICE}`,
    'Subject: Plans du chantier',
    `Date: ${new Date().toUTCString()}`,
    'Message-ID: <big-1@example.test>',
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${b}"`,
    '',
    `--${b}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Les plans en pièces jointes.',
    ...PARTS.flatMap((p) => [
      `--${b}`,
      `Content-Type: application/octet-stream; name="${p.name}"`,
      `Content-Disposition: attachment; filename="${p.name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      wrap(p.data.toString('base64')),
    ]),
    `--${b}--`,
    '',
  ].join('\r\n');
}

let s: Stack;
let messageId: number;
beforeAll(async () => {
  s = await startStack();
  await s.dovecot.append(ALICE, bigMessage());
  const created = await request(s.server, 'POST', '/inbox/integrations', { body: seedBody(s.dovecot, ALICE) });
  const sync = await request(s.server, 'POST', `/inbox/integrations/${(created.body as { id: number }).id}/sync`);
  expect((sync.body as SyncResult).status).toBe('success');
  const page = (await request(s.server, 'GET', '/inbox/messages?q=chantier')).body as MessagePage;
  messageId = page.items[0]!.id;
}, 60_000);
afterAll(async () => {
  await s?.stop();
});

describe('attachment downloads under load', () => {
  it('/health answers while 40 downloads of a 13 MB message are in flight; every download is exact', async () => {
    const order: string[] = [];
    const downloads = Array.from({ length: 40 }, (_, i) =>
      request(s.server, 'GET', `/inbox/messages/${messageId}/attachments/${i % PARTS.length}`).then((r) => {
        order.push(`download${i}`);
        return r;
      }),
    );
    const health: Promise<unknown>[] = [];
    for (let i = 0; i < 5; i++) {
      health.push(request(s.server, 'GET', '/health', { token: null }).then((r) => order.push(`health${i}:${r.status}`)));
    }
    const replies = await Promise.all(downloads);
    await Promise.all(health);
    const firstDownload = order.findIndex((o) => o.startsWith('download'));
    const healthAt = order.map((o, i) => (o.startsWith('health') ? i : -1)).filter((i) => i >= 0);
    expect(order.filter((o) => o.startsWith('health'))).toEqual(['health0:200', 'health1:200', 'health2:200', 'health3:200', 'health4:200']);
    // Served while the message was still being parsed: before any download could finish.
    for (const at of healthAt) expect(at).toBeLessThan(firstDownload);
    replies.forEach((r, i) => {
      expect(r.status).toBe(200);
      const want = PARTS[i % PARTS.length]!.data;
      expect(r.headers['content-length']).toBe(String(want.length));
    });
  });

  it('the bytes of each attachment are exactly those sent', async () => {
    for (let i = 0; i < PARTS.length; i++) {
      const bytes = await new Promise<Buffer>((resolve, reject) => {
        http
          // agent: false, a fresh connection: an idle keep-alive socket of the test above may be closing just now.
          .get({ host: '127.0.0.1', port: s.server.port, path: `/inbox/messages/${messageId}/attachments/${i}`, headers: { authorization: `Bearer ${TOKEN}` }, agent: false }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve(Buffer.concat(chunks)));
          })
          .on('error', reject);
      });
      expect(bytes.equals(PARTS[i]!.data)).toBe(true);
    }
  });
});

describe('AttachmentCache', () => {
  it('concurrent requests for one message share one parse; a later one is served from memory', async () => {
    const cache = new AttachmentCache(1_000);
    let loads = 0;
    const load = async (): Promise<ExtractedAttachment[]> => {
      loads++;
      await new Promise((r) => setTimeout(r, 5));
      return [{ filename: 'a', content_type: 'x/y', content: new Uint8Array(100) }];
    };
    const all = await Promise.all([cache.get(1, load), cache.get(1, load), cache.get(1, load)]);
    expect(all[0]).toBe(all[2]);
    await cache.get(1, load);
    expect(loads).toBe(1);
    // Over the byte budget, the least recently used goes; a dropped message is parsed again.
    const big = async (): Promise<ExtractedAttachment[]> => [{ filename: 'b', content_type: 'x/y', content: new Uint8Array(950) }];
    await cache.get(2, big);
    await cache.get(1, load);
    expect(loads).toBe(2);
    cache.drop(1);
    await cache.get(1, load);
    expect(loads).toBe(3);
  });
});
