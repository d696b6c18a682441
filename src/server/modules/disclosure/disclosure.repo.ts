// SQL of the disclosure module (the only place with it): records with their projection, the append-only events, the
// to-do counts, correction requests and attachments, the reports, the portal's queries.
import crypto from 'node:crypto';
import { sql, type Insertable } from 'kysely';
import { whereInScope, type Actor } from '../../platform/access.ts';
import { containsPattern, type Db } from '../../platform/db.ts';
import type { DB, DisclosureState } from '../../platform/db.schema.ts';

export type DisclosureRow = Awaited<ReturnType<typeof findDisclosure>> & {};

export const insertDisclosure = (db: Db, row: Insertable<DB['disclosures']>) => db.insertInto('disclosures').values(row).execute();

/** Not yet published or decided otherwise: what the publication deadline applies to. */
export const OPEN_STATES = ['pending', 'prepared'] as const;

export interface DisclosureListFilter {
  state?: string[];
  overdueOn?: string;
  notOverdueOn?: string;
  actCategory?: string;
  q?: string;
  agencyId?: string;
  sort: 'dueOn' | 'decidedOn' | 'publishedOn';
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/** Records in the actor's scope with their case number and agency name, and how many match. */
export async function listDisclosures(db: Db, actor: Actor, f: DisclosureListFilter) {
  let q = whereInScope(
    db.selectFrom('disclosures as d').innerJoin('cases as c', 'c.id', 'd.case_id').innerJoin('agencies as a', 'a.id', 'd.agency_id'),
    actor,
    { agencyId: 'd.agency_id', divisionCode: 'd.division_code' },
  );
  if (f.state?.length) q = q.where('d.state', 'in', f.state as DisclosureState[]);
  if (f.overdueOn) q = q.where('d.state', 'in', OPEN_STATES).where('d.due_on', '<', f.overdueOn);
  if (f.notOverdueOn) {
    const on = f.notOverdueOn;
    q = q.where((eb) => eb.or([eb('d.state', 'not in', OPEN_STATES), eb('d.due_on', '>=', on)]));
  }
  if (f.actCategory) q = q.where('d.act_category', '=', f.actCategory);
  if (f.agencyId) q = q.where('d.agency_id', '=', f.agencyId);
  if (f.q) {
    const like = containsPattern(f.q);
    q = q.where((eb) =>
      eb.or([
        eb(sql`d.record->'party'->>'name'`, 'ilike', like),
        eb(sql`d.record->>'documentNumber'`, 'ilike', like),
        eb('c.number', 'ilike', like),
        eb(sql`d.record->>'caseName'`, 'ilike', like),
      ]),
    );
  }
  const total = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst();
  const column = { dueOn: 'd.due_on', decidedOn: 'd.decided_on', publishedOn: 'd.published_on' } as const;
  const rows = await q
    .select([
      'd.id',
      'd.case_id',
      'c.number',
      'a.name as agency_name',
      'd.act_category',
      'd.record',
      'd.decided_on',
      'd.working_days',
      'd.due_on',
      'd.state',
      'd.published_on',
      'd.working_days_late',
      'd.exclusion',
      'd.remedy',
      'd.change_due_on',
      'd.change_notice',
    ])
    .orderBy(column[f.sort], f.order)
    .orderBy('d.id')
    .offset(f.offset)
    .limit(f.limit)
    .execute();
  return { total: Number(total?.n ?? 0), rows };
}

/** The to-do counts of the actor's scope (records and open correction requests). */
export async function todoCounts(db: Db, actor: Actor, today: string) {
  const counts = await whereInScope(db.selectFrom('disclosures'), actor, { agencyId: 'agency_id', divisionCode: 'division_code' })
    .select([
      sql<string>`count(*) filter (where state = 'pending' or (state = 'published' and record ? 'pendingCorrection' and prepared is null))`.as(
        'pending',
      ),
      sql<string>`count(*) filter (where state in ('pending', 'prepared') and due_on < ${today})`.as('overdue'),
      sql<string>`count(*) filter (where prepared is not null and (state = 'prepared' or (state = 'published' and (prepared->>'revision')::boolean)) and prepared_by <> ${actor.userId})`.as(
        'to_publish',
      ),
      sql<string>`count(*) filter (where remedy is not null and published_on is not null and change_notice is null)`.as('change_notices'),
    ])
    .executeTakeFirstOrThrow();
  const corrections = await whereInScope(db.selectFrom('disclosure_corrections'), actor, {
    agencyId: 'agency_id',
    divisionCode: 'division_code',
  })
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('state', '=', 'open')
    .executeTakeFirstOrThrow();
  return {
    pending: Number(counts.pending),
    overdue: Number(counts.overdue),
    toPublish: Number(counts.to_publish),
    changeNotices: Number(counts.change_notices),
    corrections: Number(corrections.n),
  };
}

export async function findDisclosure(db: Db, id: string, lock = false) {
  let q = db.selectFrom('disclosures').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function disclosuresOfCase(db: Db, caseId: string, lock = false) {
  let q = db.selectFrom('disclosures').selectAll().where('case_id', '=', caseId).orderBy('created_at');
  if (lock) q = q.forUpdate();
  return q.execute();
}

export async function insertEvent(
  db: Db,
  e: {
    disclosure_id: string;
    agency_id: string;
    kind: string;
    data: Record<string, unknown>;
    ledger_ref?: number | null;
    actor_id: string | null;
    actor_name: string;
    at: Date;
  },
) {
  const last = await db
    .selectFrom('disclosure_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('disclosure_id', '=', e.disclosure_id)
    .executeTakeFirst();
  await db
    .insertInto('disclosure_events')
    .values({
      id: crypto.randomUUID(),
      disclosure_id: e.disclosure_id,
      agency_id: e.agency_id,
      seq: Number(last?.seq ?? 0) + 1,
      kind: e.kind,
      data: JSON.stringify(e.data),
      ledger_ref: e.ledger_ref ?? null,
      actor_id: e.actor_id,
      actor_name: e.actor_name,
      at: e.at,
    })
    .execute();
}

export const eventsOf = (db: Db, disclosureId: string) =>
  db.selectFrom('disclosure_events').selectAll().where('disclosure_id', '=', disclosureId).orderBy('seq').execute();

export interface Projection {
  state?: DisclosureState;
  /** The 003 §11 fields as the decision in force holds them (a correction before service replaces them). */
  record?: Record<string, unknown>;
  decision_act_id?: string;
  prepared?: Record<string, unknown> | null;
  prepared_by?: string | null;
  published?: Record<string, unknown> | null;
  published_by?: string | null;
  published_at?: Date | null;
  published_on?: string | null;
  working_days_late?: number | null;
  exclusion?: Record<string, unknown> | null;
  remedy?: Record<string, unknown> | null;
  withdrawn_at?: Date | null;
  change_due_on?: string | null;
  change_notice?: Record<string, unknown> | null;
  take_down_on?: string | null;
  terms?: string[] | null;
}

export async function updateProjection(db: Db, id: string, p: Projection) {
  const json = (v: Record<string, unknown> | null | undefined) => (v === undefined ? undefined : v === null ? null : JSON.stringify(v));
  await db
    .updateTable('disclosures')
    .set({
      ...p,
      record: p.record === undefined ? undefined : JSON.stringify(p.record),
      prepared: json(p.prepared),
      published: json(p.published),
      exclusion: json(p.exclusion),
      remedy: json(p.remedy),
      change_notice: json(p.change_notice),
      terms: p.terms === undefined ? undefined : p.terms,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

// ---- reports ------------------------------------------------------------------------------------------------------

/** The timeliness counts per agency of decisions made in [from, to] (in a division when given). */
export async function timelinessByAgency(db: Db, actor: Actor, f: { divisionPrefix?: string; from?: string; to?: string; today: string }) {
  let q = whereInScope(db.selectFrom('disclosures as d').innerJoin('agencies as a', 'a.id', 'd.agency_id'), actor, {
    agencyId: 'd.agency_id',
    divisionCode: 'd.division_code',
  });
  if (f.divisionPrefix) q = q.where('d.division_code', 'like', `${f.divisionPrefix}%`);
  if (f.from) q = q.where('d.decided_on', '>=', f.from);
  if (f.to) q = q.where('d.decided_on', '<=', f.to);
  return q
    .select([
      'd.agency_id',
      'a.name as agency_name',
      'd.division_code',
      sql<string>`count(*)`.as('decisions'),
      sql<string>`count(*) filter (where d.state in ('pending','prepared') and d.due_on >= ${f.today})`.as('due'),
      sql<string>`count(*) filter (where d.state in ('pending','prepared') and d.due_on < ${f.today})`.as('overdue'),
      sql<string>`count(*) filter (where d.published_on is not null and coalesce(d.working_days_late, 0) = 0)`.as('on_time'),
      sql<string>`count(*) filter (where d.working_days_late > 0)`.as('late'),
      sql<string>`coalesce(sum(d.working_days_late), 0)`.as('late_days'),
      sql<string>`count(*) filter (where d.state = 'excluded')`.as('excluded'),
      sql<string>`count(*) filter (where d.state = 'withdrawn')`.as('withdrawn'),
    ])
    .groupBy(['d.agency_id', 'a.name', 'd.division_code'])
    .execute();
}

/** Published records of one category in scope, oldest decision first (the 双公示 export; at most 100,000). */
export function publishedOfCategory(db: Db, actor: Actor, category: string, f: { from?: string; to?: string }) {
  let q = whereInScope(db.selectFrom('disclosures as d'), actor, { agencyId: 'd.agency_id', divisionCode: 'd.division_code' })
    .where('d.state', '=', 'published')
    .where('d.act_category', '=', category);
  if (f.from) q = q.where('d.decided_on', '>=', f.from);
  if (f.to) q = q.where('d.decided_on', '<=', f.to);
  return q.select(['d.published']).orderBy('d.decided_on').orderBy('d.id').limit(100_000).execute();
}

// ---- the portal ----------------------------------------------------------------------------------------------------

export interface PortalFilter {
  terms?: string[];
  agencyId?: string;
  divisionPrefix?: string;
  actCategory?: string;
  from?: string;
  to?: string;
  /** Keyset cursor: the last row of the previous page. */
  after?: { decidedOn: string; id: string };
  limit: number;
  today: string;
}

/** Published records on the portal (not taken down), newest decision first, keyset-paged. */
export async function portalSearch(db: Db, f: PortalFilter) {
  let q = db
    .selectFrom('disclosures as d')
    .select([
      'd.id',
      'd.agency_id',
      'd.division_code',
      'd.act_category',
      'd.published',
      'd.decided_on',
      'd.published_on',
      'd.change_notice',
    ])
    .where('d.state', '=', 'published')
    .where((eb) => eb.or([eb('d.take_down_on', 'is', null), eb('d.take_down_on', '>', f.today)]));
  if (f.terms?.length) q = q.where(sql<boolean>`d.terms @> ${sql.val(f.terms)}::text[]`);
  if (f.agencyId) q = q.where('d.agency_id', '=', f.agencyId);
  // a county is one code: equality lets the division index return the newest first; a city or province is a prefix
  if (f.divisionPrefix)
    q =
      f.divisionPrefix.length === 6
        ? q.where('d.division_code', '=', f.divisionPrefix)
        : q.where('d.division_code', 'like', `${f.divisionPrefix}%`);
  if (f.actCategory) q = q.where('d.act_category', '=', f.actCategory);
  if (f.from) q = q.where('d.decided_on', '>=', f.from);
  if (f.to) q = q.where('d.decided_on', '<=', f.to);
  if (f.after) {
    const { decidedOn, id } = f.after;
    q = q.where((eb) => eb.or([eb('d.decided_on', '<', decidedOn), eb.and([eb('d.decided_on', '=', decidedOn), eb('d.id', '<', id)])]));
  }
  return q.orderBy('d.decided_on', 'desc').orderBy('d.id', 'desc').limit(f.limit).execute();
}

/** Published change notices of an agency, newest first (for its feed). */
export const changeNotices = (db: Db, agencyId: string, limit: number) =>
  db
    .selectFrom('disclosures')
    .select(['id', 'remedy', 'change_notice'])
    .where('agency_id', '=', agencyId)
    .where('change_notice', 'is not', null)
    .orderBy(sql`change_notice->>'publishedOn'`, 'desc')
    .limit(limit)
    .execute();

// ---- correction requests and their attachments --------------------------------------------------------------------

export const insertAttachment = (db: Db, row: Insertable<DB['disclosure_attachments']>) =>
  db.insertInto('disclosure_attachments').values(row).execute();

export const attachmentsOf = (db: Db, disclosureId: string, ids: string[]) =>
  ids.length
    ? db.selectFrom('disclosure_attachments').selectAll().where('id', 'in', ids).where('disclosure_id', '=', disclosureId).execute()
    : Promise.resolve([]);

export const insertCorrection = (db: Db, row: Insertable<DB['disclosure_corrections']>) =>
  db.insertInto('disclosure_corrections').values(row).execute();

export const correctionByCode = (db: Db, code: string) =>
  db
    .selectFrom('disclosure_corrections as k')
    .innerJoin('disclosures as d', 'd.id', 'k.disclosure_id')
    .select(['k.code', 'k.state', 'k.received_on', 'k.due_on', 'k.answer', 'k.answered_at', 'd.record'])
    .where('k.code', '=', code)
    .executeTakeFirst();

/** Correction requests in the actor's scope, open ones by deadline first. */
export async function listCorrections(db: Db, actor: Actor, state?: 'open' | 'corrected' | 'rejected') {
  let q = whereInScope(db.selectFrom('disclosure_corrections as k').innerJoin('disclosures as d', 'd.id', 'k.disclosure_id'), actor, {
    agencyId: 'k.agency_id',
    divisionCode: 'k.division_code',
  });
  if (state) q = q.where('k.state', '=', state);
  return q
    .select([
      'k.id',
      'k.code',
      'k.disclosure_id',
      'k.requester',
      'k.content',
      'k.attachments',
      'k.received_on',
      'k.due_on',
      'k.state',
      'k.answer',
      'k.answered_at',
      'd.record',
    ])
    .orderBy('k.state')
    .orderBy('k.due_on')
    .limit(500)
    .execute();
}

/** A correction request in the actor's scope (undefined outside it), locked when asked. */
export function findCorrection(db: Db, actor: Actor, id: string, lock = false) {
  let q = whereInScope(db.selectFrom('disclosure_corrections as k'), actor, { agencyId: 'k.agency_id', divisionCode: 'k.division_code' })
    .selectAll()
    .where('k.id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export const answerCorrection = (db: Db, id: string, a: { state: 'corrected' | 'rejected'; answer: string; answeredBy: string }) =>
  db
    .updateTable('disclosure_corrections')
    .set({ state: a.state, answer: a.answer, answered_by: a.answeredBy, answered_at: new Date() })
    .where('id', '=', id)
    .execute();
