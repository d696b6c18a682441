import type { Kysely } from 'kysely';
import type { DB } from './db.schema.ts';
import type { Db } from './db.ts';
import type { Actor } from './access.ts';

/** What every service operation receives: who acts, and the database handle (possibly a transaction). */
export interface Ctx {
  actor: Actor;
  db: Db;
  ip?: string | null;
}

/** Run `fn` in a transaction unless `db` already is one (pass the handle down; never reach for a global). */
export async function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return (db as Kysely<DB>).transaction().execute(fn);
}
