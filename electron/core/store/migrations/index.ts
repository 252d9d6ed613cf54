// Versioned schema: PRAGMA user_version holds the last step applied; each step runs in its own transaction
// together with the version bump, so a crash mid-migration leaves the previous, consistent schema.
import { ReleveError } from '../../../../shared/errors.js';
import type { DB } from '../db.js';
import { migration001Initial } from './001-initial.js';
import { migration002OAuth } from './002-oauth.js';
import { migration003SelfCheck } from './003-self-check.js';
import { migration004Health } from './004-health.js';
import { migration005SecretBinding } from './005-secret-binding.js';
import { migration006Folders } from './006-folders.js';
import { migration007Send } from './007-send.js';
import { migration008Triage } from './008-triage.js';
import { migration009FtsWatermark } from './009-fts-watermark.js';
import { migration010SourcePacks } from './010-source-packs.js';
import { migration011RelinkIndex } from './011-relink-index.js';
import type { Migration } from './types.js';

export type { Migration } from './types.js';

/** Ordered: append new steps at the end, never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [
  migration001Initial,
  migration002OAuth,
  migration003SelfCheck,
  migration004Health,
  migration005SecretBinding,
  migration006Folders,
  migration007Send,
  migration008Triage,
  migration009FtsWatermark,
  migration010SourcePacks,
  migration011RelinkIndex,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export function schemaVersion(db: DB): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies the steps above the current version; returns how many ran. */
export function runMigrations(db: DB, migrations: readonly Migration[] = MIGRATIONS): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name}: version ${m.version}, expected ${i + 1}`);
  });
  const current = schemaVersion(db);
  if (current > migrations.length) {
    // Written by a newer Relève: opening it could corrupt data the newer schema relies on.
    throw new ReleveError('STORAGE', `database schema ${current} is newer than this app supports (${migrations.length})`);
  }
  const pending = migrations.filter((m) => m.version > current);
  for (const m of pending) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return pending.length;
}
