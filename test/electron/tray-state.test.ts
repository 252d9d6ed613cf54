import { describe, expect, it } from 'vitest';
import { applyStatusUpdate, summarizeTray } from '../../electron/main/tray-state.js';
import type { StatusBoard } from '../../electron/main/tray-state.js';
import { mailboxStatus } from './helpers.js';

const status = mailboxStatus;

describe('tray summary', () => {
  it('says everything is up to date only when every active mailbox is healthy', () => {
    expect(summarizeTray([status(1), status(2)], 'fr')).toEqual({ icon: 'ok', label: 'Tout est à jour', syncing: 0, errors: 0, warnings: 0 });
    expect(summarizeTray([status(1)], 'en').label).toBe('Everything is up to date');
    // A partial run is not "up to date".
    expect(summarizeTray([status(1), status(2, { last: 'partial' })], 'fr')).toMatchObject({ icon: 'warning', warnings: 1 });
  });

  it('follows live health, not the last run: a lost connection is a warning, a failed retry an error', () => {
    const lost = [status(1), status(2, { last: 'success', health: 'warning' })];
    expect(summarizeTray(lost, 'fr')).toMatchObject({ icon: 'warning', label: expect.stringContaining('1 boîte à surveiller'), warnings: 1 });
    expect(summarizeTray(lost, 'en').label).toContain('1 mailbox needs attention');
    expect(summarizeTray([status(1, { last: 'success', health: 'error' })], 'en')).toMatchObject({ icon: 'error', errors: 1 });
  });

  it('counts mailboxes in error, in both languages', () => {
    const s = [status(1, { last: 'error' }), status(2, { last: 'error' }), status(3)];
    expect(summarizeTray(s, 'fr')).toMatchObject({ icon: 'error', label: '2 boîtes en erreur', errors: 2 });
    expect(summarizeTray(s, 'en')).toMatchObject({ icon: 'error', label: '2 mailboxes have errors' });
    expect(summarizeTray([status(1, { last: 'error' })], 'fr').label).toBe('1 boîte en erreur');
  });

  it('shows syncing while any run is going, even if another mailbox is in error', () => {
    const s = [status(1, { running: true }), status(2, { last: 'error' })];
    expect(summarizeTray(s, 'fr')).toMatchObject({ icon: 'syncing', label: 'Synchronisation en cours…', syncing: 1, errors: 1 });
    expect(summarizeTray([status(1, { running: true }), status(2, { running: true })], 'en').label).toBe('Syncing 2 mailboxes…');
  });

  it('does not alarm about a paused mailbox’s old error', () => {
    expect(summarizeTray([status(1, { active: false, last: 'error' })], 'fr')).toMatchObject({ icon: 'ok', label: 'Toutes les boîtes sont en pause' });
  });

  it('handles the first launch with no mailbox', () => {
    expect(summarizeTray([], 'fr')).toMatchObject({ icon: 'ok', label: 'Aucune boîte configurée' });
  });
});

describe('status board', () => {
  it('replaces everything on a snapshot, one mailbox on statusChanged', () => {
    let board: StatusBoard = new Map();
    board = applyStatusUpdate(board, { type: 'snapshot', statuses: [status(1), status(2)] });
    expect([...board.keys()]).toEqual([1, 2]);
    board = applyStatusUpdate(board, { type: 'statusChanged', status: status(2, { last: 'error' }) });
    expect(summarizeTray(board.values(), 'fr').errors).toBe(1);
    board = applyStatusUpdate(board, { type: 'snapshot', statuses: [status(1)] });
    expect([...board.keys()]).toEqual([1]);
  });

  it('marks a mailbox running on syncStarted until its status arrives', () => {
    const before: StatusBoard = new Map([[1, status(1)]]);
    const during = applyStatusUpdate(before, { type: 'syncStarted', mailbox_id: 1 });
    expect(during.get(1)?.running).toBe(true);
    expect(before.get(1)?.running).toBe(false); // not mutated
    const after = applyStatusUpdate(during, { type: 'statusChanged', status: status(1) });
    expect(summarizeTray(after.values(), 'fr').icon).toBe('ok');
    // An unknown id (mailbox created a moment ago) waits for the next snapshot.
    expect(applyStatusUpdate(before, { type: 'syncStarted', mailbox_id: 9 })).toBe(before);
  });
});
