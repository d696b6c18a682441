// SQL for divisions and agencies.
import { containsPattern, startsWithPattern, type Db } from '../../platform/db.ts';
import { whereInScope, type Actor } from '../../platform/access.ts';
import { divisionPrefix } from '../../platform/codes.ts';
import type { AgencyView, DivisionView } from './registry.schema.ts';

const toDivision = (r: { code: string; name: string; level: number; parent_code: string | null }): DivisionView => ({
  code: r.code,
  name: r.name,
  level: r.level,
  parentCode: r.parent_code,
});

const divisionCols = ['code', 'name', 'level', 'parent_code'] as const;

export async function findDivision(db: Db, code: string): Promise<DivisionView | undefined> {
  const r = await db.selectFrom('divisions').select(divisionCols).where('code', '=', code).executeTakeFirst();
  return r && toDivision(r);
}

/** Names of these division codes. */
export const divisionNames = (db: Db, codes: string[]) =>
  db.selectFrom('divisions').select(['code', 'name']).where('code', 'in', codes).execute();

export async function listDivisions(db: Db, f: { parent?: string; q?: string; under?: string }): Promise<DivisionView[]> {
  let q = db.selectFrom('divisions').select(divisionCols);
  if (f.parent) q = q.where('parent_code', '=', f.parent);
  else if (!f.q && !f.under) q = q.where('parent_code', 'is', null);
  if (f.under) q = q.where('code', 'like', `${divisionPrefix(f.under)}%`);
  if (f.q) q = q.where((eb) => eb.or([eb('name', 'like', containsPattern(f.q!)), eb('code', 'like', startsWithPattern(f.q!))]));
  return (await q.orderBy('code').limit(5000).execute()).map(toDivision);
}

/** The division and its ancestors, nearest first. */
export async function ancestry(db: Db, code: string): Promise<DivisionView[]> {
  const out: DivisionView[] = [];
  let next: string | null = code;
  while (next && out.length < 5) {
    const d = await findDivision(db, next);
    if (!d) break;
    out.push(d);
    next = d.parentCode;
  }
  return out;
}

export const insertDivision = (db: Db, d: { code: string; name: string; level: number; parentCode: string | null }) =>
  db
    .insertInto('divisions')
    .values({ code: d.code, name: d.name, level: d.level, parent_code: d.parentCode })
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('code')
    .executeTakeFirst();

/** Insert the divisions whose codes are missing (parents before children), leave existing rows; returns how many were inserted. */
export async function insertMissingDivisions(
  db: Db,
  rows: { code: string; name: string; level: number; parentCode: string | null }[],
): Promise<number> {
  const result = await db
    .insertInto('divisions')
    .values(rows.map((d) => ({ code: d.code, name: d.name, level: d.level, parent_code: d.parentCode })))
    .onConflict((oc) => oc.column('code').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

function agencyQuery(db: Db) {
  return db
    .selectFrom('agencies as a')
    .innerJoin('divisions as d', 'd.code', 'a.division_code')
    .select(['a.id', 'a.name', 'a.credit_code', 'a.division_code', 'd.name as division_name', 'a.created_at']);
}

type AgencyRow = { id: string; name: string; credit_code: string; division_code: string; division_name: string; created_at: Date };
const toAgency = (r: AgencyRow): AgencyView => ({
  id: r.id,
  name: r.name,
  creditCode: r.credit_code,
  divisionCode: r.division_code,
  divisionName: r.division_name,
  createdAt: r.created_at.toISOString(),
});

export async function findAgency(db: Db, id: string): Promise<AgencyView | undefined> {
  const r = await agencyQuery(db).where('a.id', '=', id).executeTakeFirst();
  return r && toAgency(r);
}

export async function findAgencyByCreditCode(db: Db, creditCode: string): Promise<AgencyView | undefined> {
  const r = await agencyQuery(db).where('a.credit_code', '=', creditCode).executeTakeFirst();
  return r && toAgency(r);
}

export async function listAgencies(db: Db, actor: Actor, f: { division?: string; q?: string }): Promise<AgencyView[]> {
  let q = whereInScope(agencyQuery(db), actor, { agencyId: 'a.id', divisionCode: 'a.division_code' });
  if (f.division) q = q.where('a.division_code', 'like', `${divisionPrefix(f.division)}%`);
  if (f.q) q = q.where((eb) => eb.or([eb('a.name', 'like', containsPattern(f.q!)), eb('a.credit_code', '=', f.q!.toUpperCase())]));
  return (await q.orderBy('a.division_code').orderBy('a.name').limit(5000).execute()).map(toAgency);
}

export const insertAgency = (db: Db, a: { name: string; creditCode: string; divisionCode: string }) =>
  db
    .insertInto('agencies')
    .values({ name: a.name, credit_code: a.creditCode, division_code: a.divisionCode })
    .onConflict((oc) => oc.column('credit_code').doNothing())
    .returning('id')
    .executeTakeFirst();
