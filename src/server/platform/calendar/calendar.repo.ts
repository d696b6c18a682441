// SQL for the years an administrator loaded (calendar_schedules, append-only: the newest load of a year wins).
import { sql } from 'kysely';
import type { Db } from '../db.ts';

/** Changes whenever a schedule is loaded: the newest load's id ('0' when none). */
export async function schedulesVersion(db: Db): Promise<string> {
  const v = await sql<{ v: string | null }>`select max(id)::text as v from calendar_schedules`.execute(db);
  return v.rows[0]?.v ?? '0';
}

/** The newest load of each year, with who loaded it. */
export const latestSchedules = (db: Db) =>
  db
    .selectFrom('calendar_schedules as c')
    .leftJoin('users as u', 'u.id', 'c.loaded_by')
    .select(['c.year', 'c.schedule', 'c.loaded_at', 'u.username'])
    .where('c.id', 'in', (eb) =>
      eb
        .selectFrom('calendar_schedules')
        .select((e) => e.fn.max('id').as('id'))
        .groupBy('year'),
    )
    .execute();

export const insertSchedule = (db: Db, s: { year: number; schedule: unknown; loadedBy: string }) =>
  db
    .insertInto('calendar_schedules')
    .values({ year: s.year, schedule: JSON.stringify(s.schedule), loaded_by: s.loadedBy })
    .execute();
