// SQL of the disclosure module: records with their projection, the append-only events, the portal's queries.
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import type { DisclosureState } from '../../platform/db.schema.ts';

export type DisclosureRow = Awaited<ReturnType<typeof findDisclosure>> & {};

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

export async function insertEvent(db: Db, e: { disclosure_id: string; agency_id: string; kind: string; data: Record<string, unknown>; ledger_ref?: number | null; actor_id: string | null; actor_name: string; at: Date }) {
  const last = await db.selectFrom('disclosure_events').select((eb) => eb.fn.max('seq').as('seq')).where('disclosure_id', '=', e.disclosure_id).executeTakeFirst();
  await db.insertInto('disclosure_events').values({
    id: crypto.randomUUID(), disclosure_id: e.disclosure_id, agency_id: e.agency_id, seq: Number(last?.seq ?? 0) + 1, kind: e.kind,
    data: JSON.stringify(e.data), ledger_ref: e.ledger_ref ?? null, actor_id: e.actor_id, actor_name: e.actor_name, at: e.at,
  }).execute();
}

export const eventsOf = (db: Db, disclosureId: string) =>
  db.selectFrom('disclosure_events').selectAll().where('disclosure_id', '=', disclosureId).orderBy('seq').execute();

export interface Projection {
  state?: DisclosureState;
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
  await db.updateTable('disclosures').set({
    ...p, prepared: json(p.prepared), published: json(p.published), exclusion: json(p.exclusion), remedy: json(p.remedy),
    change_notice: json(p.change_notice), terms: p.terms === undefined ? undefined : p.terms, updated_at: new Date(),
  }).where('id', '=', id).execute();
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
  let q = db.selectFrom('disclosures as d')
    .select(['d.id', 'd.agency_id', 'd.division_code', 'd.act_category', 'd.published', 'd.decided_on', 'd.published_on', 'd.change_notice'])
    .where('d.state', '=', 'published')
    .where((eb) => eb.or([eb('d.take_down_on', 'is', null), eb('d.take_down_on', '>', f.today)]));
  if (f.terms?.length) q = q.where(sql<boolean>`d.terms @> ${sql.val(f.terms)}::text[]`);
  if (f.agencyId) q = q.where('d.agency_id', '=', f.agencyId);
  // a county is one code: equality lets the division index return the newest first; a city or province is a prefix
  if (f.divisionPrefix) q = f.divisionPrefix.length === 6 ? q.where('d.division_code', '=', f.divisionPrefix) : q.where('d.division_code', 'like', `${f.divisionPrefix}%`);
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
  db.selectFrom('disclosures').select(['id', 'remedy', 'change_notice']).where('agency_id', '=', agencyId).where('change_notice', 'is not', null)
    .orderBy(sql`change_notice->>'publishedOn'`, 'desc').limit(limit).execute();
