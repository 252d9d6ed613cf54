import type { DB } from '../db.js';

/** One schema step. `version` is the PRAGMA user_version the database has after `up` ran. */
export interface Migration {
  version: number;
  name: string;
  up(db: DB): void;
}
