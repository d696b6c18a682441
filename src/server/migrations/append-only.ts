// Shared by migrations: make tables append-only in the database itself (000 §23 不得修改、删除; SPEC §3.4). The
// sx_refuse_change() function is created by 0001_foundation. Migrations that have shipped depend on this exact
// behaviour: never change it; add a new helper instead.
import { sql, type Kysely } from 'kysely';

/** Triggers refusing UPDATE and DELETE (per row) and TRUNCATE (per statement) on each table. */
export async function refuseChanges(db: Kysely<unknown>, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    await sql`create trigger ${sql.raw(table + '_append_only')} before update or delete on ${sql.table(table)}
      for each row execute function sx_refuse_change()`.execute(db);
    await sql`create trigger ${sql.raw(table + '_no_truncate')} before truncate on ${sql.table(table)}
      for each statement execute function sx_refuse_change()`.execute(db);
  }
}
