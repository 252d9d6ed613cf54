// Schema step "send": an existing store keeps its mailboxes, which get sending defaults (TLS, the IMAP login
// and password), and the outbox refuses what would break the never-twice rule (a second row per Message-ID).
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, runMigrations, schemaVersion, LATEST_SCHEMA_VERSION } from '../../electron/core/store/index.js';
import { getMailbox } from '../../electron/core/store/index.js';
import * as outbox from '../../electron/core/store/outbox.js';

const sendStep = MIGRATIONS.findIndex((m) => m.name === 'send');

describe('migration: send', () => {
  it('adds SMTP columns with safe defaults to existing mailboxes and an outbox table', () => {
    const db = new Database(':memory:');
    runMigrations(db, MIGRATIONS.slice(0, sendStep));
    db.prepare(
      `INSERT INTO mailboxes (name, imap_server, imap_port, email_address, username, use_ssl, sync_interval_minutes, active, color, created_at, updated_at)
       VALUES ('Contact', 'imap.orange.fr', 993, 'contact@orange.fr', 'contact@orange.fr', 1, 5, 1, '#2563eb', 'x', 'x')`,
    ).run();
    runMigrations(db);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(getMailbox(db, 1)).toMatchObject({
      smtp_server: null, smtp_port: null, smtp_use_ssl: true, smtp_username: null, smtp_password_enc: null, aliases_json: '[]',
    });
    const row = {
      mailbox_id: 1, kind: 'new' as const, source_message_id: null, message_id: '<a@orange.fr>', from_address: 'contact@orange.fr',
      recipients: ['x@example.fr'], subject: 's', raw: Buffer.from('raw'), not_before: 0, sent_copy: 0 as const, answered: 2 as const,
    };
    const first = outbox.insertOutbox(db, row, 'now');
    expect(first).toMatchObject({ state: 'queued', attempts: 0, phase: null });
    expect(() => outbox.insertOutbox(db, row, 'now')).toThrow(/UNIQUE/);
    expect(() => db.prepare(`UPDATE outbox SET state = 'lost' WHERE id = ?`).run(first.id)).toThrow(/CHECK/);
    // Claiming is atomic and counts the attempt; a message being sent is not claimed again.
    expect(outbox.claimDue(db, 1, 'now')).toMatchObject({ id: first.id, state: 'sending', phase: 'connect', attempts: 1 });
    expect(outbox.claimDue(db, 1, 'now')).toBeUndefined();
    // A mailbox deleted but kept as an archive: its waiting messages fail with a reason instead of waiting forever.
    const second = outbox.insertOutbox(db, { ...row, message_id: '<b@orange.fr>' }, 'now');
    db.prepare(`UPDATE mailboxes SET deleted_at = 'x' WHERE id = 1`).run();
    expect(outbox.claimDue(db, 1, 'now')).toBeUndefined();
    expect(outbox.getOutbox(db, second.id)).toMatchObject({ state: 'failed', error_code: 'NOT_FOUND' });
    db.close();
  });
});
