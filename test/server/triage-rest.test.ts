// REST for team triage (issue 16), against the real core, SQLite and Dovecot: POST …/triage stores the
// keywords on the server (read with a separate IMAP client), GET /inbox/messages?triage=…&assignee=… lists the
// views, GET /inbox/triage counts them, and bad input is refused with a field and a French message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessagePage, TriageOverview } from '../../shared/types.js';
import { makeMessage } from '../fixtures/dovecot.js';
import { peekFolder } from '../helpers/imap-peek.js';
import { ALICE, errorOf, request, seedBody, startStack, type Stack } from './server-harness.js';

let s: Stack;
let mailbox: number;

beforeAll(async () => {
  s = await startStack();
  await s.dovecot.append(ALICE, makeMessage({ subject: 'triage-1' }));
  await s.dovecot.append(ALICE, makeMessage({ subject: 'triage-2' }));
  const created = await request(s.server, 'POST', '/inbox/integrations', { body: seedBody(s.dovecot, ALICE) });
  mailbox = (created.body as { id: number }).id;
  expect((await request(s.server, 'POST', `/inbox/integrations/${mailbox}/sync`)).body).toMatchObject({ status: 'success' });
  expect((await request(s.server, 'PATCH', '/inbox/settings', { body: { triage_name: 'Zoé' } })).status).toBe(200);
}, 60_000);
afterAll(async () => {
  await s?.stop();
});

const list = async (query: string) => ((await request(s.server, 'GET', `/inbox/messages?${query}`)).body as MessagePage).items;
const idOf = async (subject: string) => (await list('folder=all')).find((m) => m.subject === subject)!.id;
/** The server's flags once `done` holds for them (the push runs in the background, started by the call). */
async function flagsOnServer(subject: string, done: (flags: string[]) => boolean): Promise<string[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const flags = (await peekFolder(s.dovecot, ALICE, 'INBOX')).find((m) => m.subject === subject)?.flags ?? [];
    if (done(flags) || Date.now() > deadline) return flags;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('triage over REST', () => {
  it('POST /inbox/messages/{id}/triage stores state, assignee and author as keywords on the server', async () => {
    const id = await idOf('triage-1');
    const r = await request(s.server, 'POST', `/inbox/messages/${id}/triage`, { body: { state: 'doing', assignee: 'Marie' } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ updated: 1, local_only: 0 });
    // Pushed by the sync the call starts, without any sync request.
    expect(await flagsOnServer('triage-1', (f) => f.includes('$Releve_Doing'))).toEqual(expect.arrayContaining(['$Releve_Doing', '$Releve_To_Marie', '$Releve_By_Zo_C3_A9']));

    expect((await list('triage=doing')).map((m) => [m.subject, m.triage])).toEqual([
      ['triage-1', { state: 'doing', assignee: 'Marie', by: 'Zoé', at: expect.any(String), local_only: false }],
    ]);
    expect((await list('triage=todo')).map((m) => m.subject)).toEqual(['triage-2']);
    expect((await list('assignee=marie')).map((m) => m.subject)).toEqual(['triage-1']);
    expect((await list('triage=unassigned')).map((m) => m.subject)).toEqual(['triage-2']);
  });

  it('unassign and done; GET /inbox/triage counts the views and names the people', async () => {
    const id = await idOf('triage-1');
    const r = await request(s.server, 'POST', `/inbox/messages/${id}/triage`, { body: { state: 'done', assignee: null } });
    expect(r.status).toBe(200);
    const flags = await flagsOnServer('triage-1', (f) => f.includes('$Releve_Done') && !f.includes('$Releve_To_Marie'));
    expect(flags).toContain('$Releve_Done');
    expect(flags.filter((f) => f.startsWith('$Releve_To_') || f === '$Releve_Doing')).toEqual([]);
    const o = (await request(s.server, 'GET', '/inbox/triage')).body as TriageOverview;
    expect(o.me).toBe('Zoé');
    expect(o.counts).toEqual({ todo: 1, mine: 0, unassigned: 1, doing: 0, done: 1 });
    expect(o.people).toEqual(['Zoé']);
    expect(o.local_only_mailboxes).toEqual([]);
  });

  it('refuses a bad state, an empty body, a name too long for a keyword and an unknown message', async () => {
    const id = await idOf('triage-2');
    const fr = { 'accept-language': 'fr' };
    const bad = await request(s.server, 'POST', `/inbox/messages/${id}/triage`, { body: { state: 'finished' }, headers: fr });
    expect(bad.status).toBe(400);
    expect(errorOf(bad)).toMatchObject({ code: 'VALIDATION', field: 'state' });
    expect(errorOf(bad).message).toContain('L’état doit être');
    const empty = await request(s.server, 'POST', `/inbox/messages/${id}/triage`, { body: {} });
    expect(empty.status).toBe(400);
    const long = await request(s.server, 'POST', `/inbox/messages/${id}/triage`, { body: { assignee: 'Éléonore-Hélène de la Fontaine' } });
    expect(long.status).toBe(400);
    expect(errorOf(long).field).toBe('assignee');
    const badView = await request(s.server, 'GET', '/inbox/messages?triage=someday');
    expect(badView.status).toBe(400);
    const missing = await request(s.server, 'POST', '/inbox/messages/999999/triage', { body: { state: 'done' } });
    expect(missing.status).toBe(404);
  });
});
