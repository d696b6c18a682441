// SQL for registry records, their versions and review decisions, and the published projection the portal reads.
import { sql } from 'kysely';
import { containsPattern, type Db } from '../../platform/db.ts';
import { whereInScope, type Actor } from '../../platform/access.ts';
import { divisionPrefix } from '../../platform/codes.ts';
import type { RecordKind } from './record.kinds.ts';

export const insertRecord = (db: Db, r: { agencyId: string; kind: RecordKind; createdBy: string }) =>
  db
    .insertInto('registry_records')
    .values({ agency_id: r.agencyId, kind: r.kind, created_by: r.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();

const recordWithAgency = (db: Db, id: string) =>
  db
    .selectFrom('registry_records as r')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .select(['r.id', 'r.kind', 'r.agency_id', 'r.created_at', 'a.name as agency_name', 'a.division_code'])
    .where('r.id', '=', id);

/** The record with its agency, locked for this transaction (versions of one record are numbered one at a time). */
export const lockRecord = (db: Db, id: string) => recordWithAgency(db, id).forUpdate('r').executeTakeFirst();

export const findRecord = (db: Db, id: string) => recordWithAgency(db, id).executeTakeFirst();

export const findProfileRecord = (db: Db, agencyId: string) =>
  db.selectFrom('registry_records').select('id').where('agency_id', '=', agencyId).where('kind', '=', 'agencyProfile').executeTakeFirst();

const versionColumns = [
  'v.id',
  'v.record_id',
  'v.agency_id',
  'v.version_no',
  'v.action',
  'v.data',
  'v.note',
  'v.created_by',
  'v.created_by_name',
  'v.created_at',
  'd.decision',
  'd.comment',
  'd.decided_by',
  'd.decided_by_name',
  'd.decided_at',
] as const;

export const versionsOf = (db: Db, recordId: string) =>
  db
    .selectFrom('registry_versions as v')
    .leftJoin('registry_decisions as d', 'd.version_id', 'v.id')
    .select(versionColumns)
    .where('v.record_id', '=', recordId)
    .orderBy('v.version_no', 'desc')
    .execute();
export type VersionRow = Awaited<ReturnType<typeof versionsOf>>[number];

export const findVersion = (db: Db, id: string) =>
  db
    .selectFrom('registry_versions as v')
    .leftJoin('registry_decisions as d', 'd.version_id', 'v.id')
    .innerJoin('registry_records as r', 'r.id', 'v.record_id')
    .innerJoin('agencies as a', 'a.id', 'v.agency_id')
    .select([...versionColumns, 'r.kind', 'a.name as agency_name', 'a.division_code'])
    .where('v.id', '=', id)
    .executeTakeFirst();

export const insertVersion = (
  db: Db,
  v: {
    recordId: string;
    agencyId: string;
    versionNo: number;
    action: 'publish' | 'retire';
    data: unknown;
    note: string | null;
    createdBy: string;
    createdByName: string;
  },
) =>
  db
    .insertInto('registry_versions')
    .values({
      record_id: v.recordId,
      agency_id: v.agencyId,
      version_no: v.versionNo,
      action: v.action,
      data: JSON.stringify(v.data),
      note: v.note,
      created_by: v.createdBy,
      created_by_name: v.createdByName,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

export const insertDecision = (
  db: Db,
  d: {
    versionId: string;
    agencyId: string;
    decision: 'approved' | 'rejected' | 'withdrawn';
    comment: string | null;
    decidedBy: string;
    decidedByName: string;
  },
) =>
  db
    .insertInto('registry_decisions')
    .values({
      version_id: d.versionId,
      agency_id: d.agencyId,
      decision: d.decision,
      comment: d.comment,
      decided_by: d.decidedBy,
      decided_by_name: d.decidedByName,
    })
    .onConflict((oc) => oc.column('version_id').doNothing())
    .returning('id')
    .executeTakeFirst();

/** Is this certificate number held by another record, published or awaiting review? */
export async function certificateHolder(db: Db, number: string, exceptRecordId: string | null): Promise<string | null> {
  const published = await db
    .selectFrom('registry_published')
    .select('record_id')
    .where('kind', '=', 'officer')
    .where('code', '=', number)
    .executeTakeFirst();
  if (published && published.record_id !== exceptRecordId) return published.record_id;
  const pending = await sql<{ record_id: string }>`
    select v.record_id from registry_versions v
    where v.data->>'certificateNumber' = ${number} and v.data ? 'certificateNumber' and v.action = 'publish'
      and not exists (select 1 from registry_decisions d where d.version_id = v.id)
      ${exceptRecordId ? sql`and v.record_id <> ${exceptRecordId}` : sql``}
    limit 1`.execute(db);
  return pending.rows[0]?.record_id ?? null;
}

export const lockCertificateNumber = (db: Db, number: string) =>
  sql`select pg_advisory_xact_lock(hashtext(${'cert:' + number}))`.execute(db);

export async function upsertPublished(
  db: Db,
  p: {
    recordId: string;
    agencyId: string;
    divisionCode: string;
    kind: RecordKind;
    versionId: string;
    versionNo: number;
    data: unknown;
    title: string;
    code: string | null;
    terms: string[];
  },
): Promise<void> {
  const values = {
    record_id: p.recordId,
    agency_id: p.agencyId,
    division_code: p.divisionCode,
    kind: p.kind,
    version_id: p.versionId,
    version_no: p.versionNo,
    data: JSON.stringify(p.data),
    title: p.title,
    code: p.code,
    terms: p.terms,
    published_at: new Date(),
  };
  await db
    .insertInto('registry_published')
    .values(values)
    .onConflict((oc) =>
      oc.column('record_id').doUpdateSet({
        version_id: values.version_id,
        version_no: values.version_no,
        data: values.data,
        title: values.title,
        code: values.code,
        terms: values.terms,
        published_at: values.published_at,
      }),
    )
    .execute();
}

export const deletePublished = (db: Db, recordId: string) =>
  db.deleteFrom('registry_published').where('record_id', '=', recordId).execute();

export interface ListFilter {
  kind: RecordKind;
  agency?: string;
  division?: string;
  q?: string;
  state?: 'published' | 'pending' | 'draftOnly' | 'retired';
  limit: number;
  offset: number;
  sort?: 'title' | 'updated';
}

/** Back office: records of a kind in the actor's scope, with their published version and pending draft. */
export async function listRecords(db: Db, actor: Actor, f: ListFilter) {
  let q = db
    .selectFrom('registry_records as r')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .leftJoin('registry_published as p', 'p.record_id', 'r.id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('registry_versions as v')
          .select(['v.id', 'v.version_no', 'v.data', 'v.action', 'v.created_at', 'v.created_by', 'v.created_by_name'])
          .whereRef('v.record_id', '=', 'r.id')
          .where((w) => w.not(w.exists(w.selectFrom('registry_decisions as d').select('d.id').whereRef('d.version_id', '=', 'v.id'))))
          .orderBy('v.version_no', 'desc')
          .limit(1)
          .as('pv'),
      (join) => join.onTrue(),
    )
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('registry_versions as lv')
          .leftJoin('registry_decisions as ld', 'ld.version_id', 'lv.id')
          .select(['lv.version_no', 'lv.data', 'lv.action', 'lv.created_at', 'ld.decision'])
          .whereRef('lv.record_id', '=', 'r.id')
          .orderBy('lv.version_no', 'desc')
          .limit(1)
          .as('lv'),
      (join) => join.onTrue(),
    )
    .where('r.kind', '=', f.kind);
  q = whereInScope(q, actor, { agencyId: 'r.agency_id', divisionCode: 'a.division_code' });
  if (f.agency) q = q.where('r.agency_id', '=', f.agency);
  if (f.division) q = q.where('a.division_code', 'like', `${divisionPrefix(f.division)}%`);
  if (f.state === 'published') q = q.where('p.record_id', 'is not', null);
  if (f.state === 'pending') q = q.where('pv.id', 'is not', null);
  if (f.state === 'draftOnly') q = q.where('p.record_id', 'is', null).where('pv.id', 'is not', null);
  if (f.state === 'retired') q = q.where('p.record_id', 'is', null).where('lv.action', '=', 'retire').where('lv.decision', '=', 'approved');
  if (f.q) {
    const like = containsPattern(f.q);
    q = q.where((eb) =>
      eb.or([
        eb(sql<string>`coalesce(p.title, lv.data->>'name', '')`, 'like', like),
        eb(sql<string>`coalesce(p.code, lv.data->>'certificateNumber', lv.data->>'code', '')`, 'like', like),
      ]),
    );
  }
  const total = Number((await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q
    .select([
      'r.id',
      'r.kind',
      'r.agency_id',
      'r.created_at',
      'a.name as agency_name',
      'p.version_no as published_version_no',
      'p.data as published_data',
      'p.title as published_title',
      'p.published_at',
      'pv.id as pending_version_id',
      'pv.version_no as pending_version_no',
      'pv.data as pending_data',
      'pv.action as pending_action',
      'pv.created_at as pending_created_at',
      'pv.created_by_name as pending_created_by_name',
      'pv.created_by as pending_created_by',
      'lv.version_no as latest_version_no',
      'lv.data as latest_data',
      'lv.action as latest_action',
      'lv.created_at as updated_at',
      'lv.decision as latest_decision',
    ])
    .orderBy(
      f.sort === 'updated' ? sql`lv.created_at` : sql`coalesce(p.title, lv.data->>'name', a.name)`,
      f.sort === 'updated' ? 'desc' : 'asc',
    )
    .orderBy('r.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { total, rows };
}

/** Versions awaiting review in the actor's scope, oldest first. */
export function pendingVersions(db: Db, actor: Actor, f: { agency?: string; kind?: RecordKind; limit: number }) {
  let q = db
    .selectFrom('registry_versions as v')
    .innerJoin('registry_records as r', 'r.id', 'v.record_id')
    .innerJoin('agencies as a', 'a.id', 'v.agency_id')
    .select([
      'v.id',
      'v.record_id',
      'v.version_no',
      'v.action',
      'v.data',
      'v.note',
      'v.created_by',
      'v.created_by_name',
      'v.created_at',
      'r.kind',
      'a.name as agency_name',
      'v.agency_id',
    ])
    .where((w) => w.not(w.exists(w.selectFrom('registry_decisions as d').select('d.id').whereRef('d.version_id', '=', 'v.id'))));
  q = whereInScope(q, actor, { agencyId: 'v.agency_id', divisionCode: 'a.division_code' });
  if (f.agency) q = q.where('v.agency_id', '=', f.agency);
  if (f.kind) q = q.where('r.kind', '=', f.kind);
  return q.orderBy('v.created_at').limit(f.limit).execute();
}

// ---- public (portal) queries: published rows only ----

export interface PublicFilter {
  kind: RecordKind;
  agency?: string;
  division?: string;
  terms?: string[];
  limit: number;
  offset: number;
}

export const PUBLIC_COUNT_CAP = 1000;

export async function publicRecords(db: Db, f: PublicFilter) {
  const conditions = [sql`p.kind = ${f.kind}`];
  if (f.agency) conditions.push(sql`p.agency_id = ${f.agency}`);
  if (f.division) conditions.push(sql`p.division_code like ${`${divisionPrefix(f.division)}%`}`);
  if (f.terms?.length) conditions.push(sql`p.terms @> ${sql.val(f.terms)}::text[]`);
  const where = sql<boolean>`${sql.join(conditions, sql` and `)}`;
  const rows = await db
    .selectFrom('registry_published as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .where(where)
    .select([
      'p.record_id',
      'p.agency_id',
      'p.version_no',
      'p.data',
      'p.title',
      'p.code',
      'p.published_at',
      'a.name as agency_name',
      'p.division_code',
    ])
    // browsing a list: by title; a search: newest first (see the index in migration 0003)
    .$call((b) =>
      f.terms?.length ? b.orderBy('p.published_at', 'desc').orderBy('p.record_id', 'desc') : b.orderBy('p.title').orderBy('p.record_id'),
    )
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  // A short first page is the whole result.
  if (f.offset === 0 && rows.length < f.limit) return { rows, total: rows.length, estimated: false };
  // A search (GIN terms) is not counted: counting the matches of a common word costs as much as reading them all
  // (40-250 ms at 200,000 items on PGlite, where the page itself takes 2 ms). The planner's estimate from the
  // column statistics says "about N", as search engines do; browsing without a query counts exactly.
  if (f.terms?.length) {
    const plan = await sql<{
      'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }];
    }>`explain (format json) select 1 from registry_published p where ${where}`.execute(db);
    const estimate = Math.round(plan.rows[0]!['QUERY PLAN'][0].Plan['Plan Rows']);
    return { rows, total: Math.max(estimate, f.offset + rows.length + (rows.length === f.limit ? 1 : 0)), estimated: true };
  }
  const total = await sql<{
    n: string;
  }>`select count(*) as n from (select 1 from registry_published p where ${where} limit ${PUBLIC_COUNT_CAP}) c`.execute(db);
  return { rows, total: Number(total.rows[0]!.n), estimated: false };
}

export const publishedByCertificate = (db: Db, number: string) =>
  db
    .selectFrom('registry_published as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .select(['p.record_id', 'p.agency_id', 'p.data', 'p.title', 'p.code', 'p.published_at', 'a.name as agency_name', 'p.division_code'])
    .where('p.kind', '=', 'officer')
    .where('p.code', '=', number)
    .executeTakeFirst();

export const publishedRecord = (db: Db, recordId: string) =>
  db
    .selectFrom('registry_published as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .select([
      'p.record_id',
      'p.kind',
      'p.agency_id',
      'p.version_no',
      'p.data',
      'p.title',
      'p.code',
      'p.published_at',
      'a.name as agency_name',
      'p.division_code',
    ])
    .where('p.record_id', '=', recordId)
    .executeTakeFirst();

/** The kind of this agency's published record, null when the agency has published no such record. */
export async function publishedKindOf(db: Db, agencyId: string, recordId: string): Promise<string | null> {
  const r = await db
    .selectFrom('registry_published')
    .select('kind')
    .where('record_id', '=', recordId)
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
  return r?.kind ?? null;
}

/** The agency's published records of one kind (current approved versions), in no particular order. */
export const publishedOfKind = (db: Db, agencyId: string, kind: RecordKind) =>
  db.selectFrom('registry_published').select(['record_id', 'data']).where('agency_id', '=', agencyId).where('kind', '=', kind).execute();

export const publishedProfile = (db: Db, agencyId: string) =>
  db
    .selectFrom('registry_published')
    .select(['data', 'version_no', 'published_at'])
    .where('agency_id', '=', agencyId)
    .where('kind', '=', 'agencyProfile')
    .executeTakeFirst();

export async function publishedCounts(db: Db, agencyId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('registry_published')
    .select(['kind', (eb) => eb.fn.countAll<string>().as('n')])
    .where('agency_id', '=', agencyId)
    .groupBy('kind')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

export async function publicAgencies(db: Db, f: { division?: string; q?: string; limit: number; offset: number }) {
  let q = db
    .selectFrom('agencies as a')
    .innerJoin('divisions as d', 'd.code', 'a.division_code')
    .leftJoin('registry_published as p', (j) => j.onRef('p.agency_id', '=', 'a.id').on('p.kind', '=', 'agencyProfile'));
  if (f.division) q = q.where('a.division_code', 'like', `${divisionPrefix(f.division)}%`);
  if (f.q) q = q.where('a.name', 'like', containsPattern(f.q));
  const [rows, total] = await Promise.all([
    q
      .select(['a.id', 'a.name', 'a.credit_code', 'a.division_code', 'd.name as division_name', 'p.data as profile'])
      .orderBy('a.division_code')
      .orderBy('a.name')
      .orderBy('a.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export const publicAgency = (db: Db, id: string) =>
  db
    .selectFrom('agencies as a')
    .innerJoin('divisions as d', 'd.code', 'a.division_code')
    .select(['a.id', 'a.name', 'a.credit_code', 'a.division_code', 'd.name as division_name'])
    .where('a.id', '=', id)
    .executeTakeFirst();

// ---- bulk (Excel import) ----

/** Every record of an agency and kind with its latest version and whether that version awaits review. */
export const latestVersions = (db: Db, agencyId: string, kind: RecordKind) =>
  db
    .selectFrom('registry_records as r')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('registry_versions as v')
          .leftJoin('registry_decisions as d', 'd.version_id', 'v.id')
          .select(['v.version_no', 'v.data', 'v.action', 'd.decision'])
          .whereRef('v.record_id', '=', 'r.id')
          .orderBy('v.version_no', 'desc')
          .limit(1)
          .as('lv'),
      (j) => j.onTrue(),
    )
    .select(['r.id', 'lv.version_no', 'lv.data', 'lv.action', 'lv.decision'])
    .where('r.agency_id', '=', agencyId)
    .where('r.kind', '=', kind)
    .execute();

/** Which of these certificate numbers are held (published, or in a pending draft) and by which record. */
export async function certificateHolders(db: Db, numbers: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < numbers.length; i += 5000) {
    const chunk = numbers.slice(i, i + 5000);
    const rows = await sql<{ number: string; record_id: string }>`
      select code as number, record_id from registry_published where kind = 'officer' and code = any(${chunk}::text[])
      union all
      select v.data->>'certificateNumber', v.record_id from registry_versions v
      where v.data ? 'certificateNumber' and v.data->>'certificateNumber' = any(${chunk}::text[]) and v.action = 'publish'
        and not exists (select 1 from registry_decisions d where d.version_id = v.id)`.execute(db);
    for (const r of rows.rows) if (!out.has(r.number)) out.set(r.number, r.record_id);
  }
  return out;
}

export async function insertRecordsBulk(
  db: Db,
  rows: { id: string; agencyId: string; kind: RecordKind; createdBy: string }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000)
    await db
      .insertInto('registry_records')
      .values(rows.slice(i, i + 2000).map((r) => ({ id: r.id, agency_id: r.agencyId, kind: r.kind, created_by: r.createdBy })))
      .execute();
}

export async function insertVersionsBulk(
  db: Db,
  rows: {
    recordId: string;
    agencyId: string;
    versionNo: number;
    data: unknown;
    note: string | null;
    createdBy: string;
    createdByName: string;
  }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto('registry_versions')
      .values(
        rows.slice(i, i + 1000).map((v) => ({
          record_id: v.recordId,
          agency_id: v.agencyId,
          version_no: v.versionNo,
          action: 'publish' as const,
          data: JSON.stringify(v.data),
          note: v.note,
          created_by: v.createdBy,
          created_by_name: v.createdByName,
        })),
      )
      .execute();
}

// ---- officer photos ----

export const insertPhoto = (db: Db, p: { sha256: string; agencyId: string; contentType: string; size: number; uploadedBy: string }) =>
  db
    .insertInto('registry_photos')
    .values({ sha256: p.sha256, agency_id: p.agencyId, content_type: p.contentType, size: p.size, uploaded_by: p.uploadedBy })
    .onConflict((oc) => oc.columns(['agency_id', 'sha256']).doNothing())
    .execute();

export const findPhoto = (db: Db, agencyId: string, sha256: string) =>
  db
    .selectFrom('registry_photos')
    .select(['content_type', 'size'])
    .where('agency_id', '=', agencyId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
