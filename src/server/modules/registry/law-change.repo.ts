// SQL for law/duty changes and the registry items they require updating.
import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { whereInScope, type Actor } from '../../platform/access.ts';
import { divisionPrefix } from '../../platform/codes.ts';

/** Published records of an agency (not officers) whose data mentions `text`. */
export const citingRecords = (db: Db, agencyId: string, text: string) =>
  db
    .selectFrom('registry_published')
    .select(['record_id', 'version_no', 'kind', 'title'])
    .where('agency_id', '=', agencyId)
    .where('kind', '<>', 'officer')
    .where(sql<boolean>`strpos(data::text, ${JSON.stringify(text).slice(1, -1)}) > 0`)
    .orderBy('kind')
    .orderBy('title')
    .limit(5000)
    .execute();

export const insertChange = (
  db: Db,
  c: {
    agencyId: string;
    divisionCode: string;
    kind: 'law' | 'duties';
    title: string;
    matchText: string;
    effectiveDate: string;
    note: string | null;
    deadline: string | null;
    scheduleComplete: boolean;
    policyId: string;
    recordedBy: string;
    recordedByName: string;
  },
) =>
  db
    .insertInto('law_changes')
    .values({
      agency_id: c.agencyId,
      division_code: c.divisionCode,
      kind: c.kind,
      title: c.title,
      match_text: c.matchText,
      effective_date: c.effectiveDate,
      note: c.note,
      deadline: c.deadline,
      schedule_complete: c.scheduleComplete,
      policy_id: c.policyId,
      recorded_by: c.recordedBy,
      recorded_by_name: c.recordedByName,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

export async function insertItems(
  db: Db,
  changeId: string,
  agencyId: string,
  items: { record_id: string; version_no: number }[],
): Promise<void> {
  for (let i = 0; i < items.length; i += 1000)
    await db
      .insertInto('law_change_items')
      .values(
        items
          .slice(i, i + 1000)
          .map((r) => ({ change_id: changeId, record_id: r.record_id, agency_id: agencyId, version_no: r.version_no })),
      )
      .execute();
}

/** An item counts as updated once a later version of it was approved (a revision or its retirement). */
const updatedAt = sql<Date | null>`(select min(d.decided_at) from registry_versions v
  join registry_decisions d on d.version_id = v.id and d.decision = 'approved'
  where v.record_id = i.record_id and v.version_no > i.version_no)`;

export function listChanges(db: Db, actor: Actor, f: { agency?: string; division?: string; limit: number }) {
  let q = db
    .selectFrom('law_changes as c')
    .innerJoin('agencies as a', 'a.id', 'c.agency_id')
    .select([
      'c.id',
      'c.agency_id',
      'a.name as agency_name',
      'c.division_code',
      'c.kind',
      'c.title',
      'c.match_text',
      'c.effective_date',
      'c.note',
      'c.deadline',
      'c.schedule_complete',
      'c.policy_id',
      'c.recorded_by_name',
      'c.recorded_at',
      sql<string>`(select count(*) from law_change_items i where i.change_id = c.id)`.as('affected'),
      sql<string>`(select count(*) from law_change_items i where i.change_id = c.id and ${updatedAt} is not null)`.as('updated'),
    ]);
  q = whereInScope(q, actor, { agencyId: 'c.agency_id', divisionCode: 'c.division_code' });
  if (f.agency) q = q.where('c.agency_id', '=', f.agency);
  if (f.division) q = q.where('c.division_code', 'like', `${divisionPrefix(f.division)}%`);
  return q.orderBy('c.recorded_at', 'desc').limit(f.limit).execute();
}

export const findChange = (db: Db, id: string) => db.selectFrom('law_changes').selectAll().where('id', '=', id).executeTakeFirst();

export const changeItems = (db: Db, changeId: string) =>
  db
    .selectFrom('law_change_items as i')
    .innerJoin('registry_records as r', 'r.id', 'i.record_id')
    .innerJoin('registry_versions as sv', (j) => j.onRef('sv.record_id', '=', 'i.record_id').onRef('sv.version_no', '=', 'i.version_no'))
    .select([
      'i.record_id',
      'i.version_no',
      'r.kind',
      'sv.data',
      updatedAt.as('updated_at'),
      sql<number | null>`(select max(v.version_no) from registry_versions v
      where v.record_id = i.record_id and v.version_no > i.version_no
        and not exists (select 1 from registry_decisions d where d.version_id = v.id))`.as('pending_version_no'),
    ])
    .where('i.change_id', '=', changeId)
    .orderBy('r.kind')
    .execute();
