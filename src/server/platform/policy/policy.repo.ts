// SQL for policy-pack assignments: append-only, the newest per division wins.
import { sql } from 'kysely';
import type { Db } from '../db.ts';

/** The division and its ancestors, nearest first, each with its newest assignment (policy_id null = back to the default). */
export async function assignmentChain(db: Db, divisionCode: string) {
  const chain = await sql<{ code: string; parent_code: string | null; policy_id: string | null; has_assignment: boolean }>`
    with recursive up(code, parent_code, depth) as (
      select code, parent_code, 0 from divisions where code = ${divisionCode}
      union all
      select d.code, d.parent_code, up.depth + 1 from divisions d join up on d.code = up.parent_code where up.depth < 5
    )
    select up.code, up.parent_code, pa.policy_id, pa.id is not null as has_assignment
    from up left join lateral (
      select id, policy_id from policy_assignments where division_code = up.code order by id desc limit 1
    ) pa on true
    order by up.depth`.execute(db);
  return chain.rows;
}

export async function divisionExists(db: Db, code: string): Promise<boolean> {
  return !!(await db.selectFrom('divisions').select('code').where('code', '=', code).executeTakeFirst());
}

export const insertAssignment = (db: Db, a: { divisionCode: string; policyId: string | null; setBy: string }) =>
  db.insertInto('policy_assignments').values({ division_code: a.divisionCode, policy_id: a.policyId, set_by: a.setBy }).execute();
