// Case handling SQL: cases (header + projection), their append-only acts, AV exceptions, serial numbers, and the
// registry and evidence rows the rules check acts against.
import { sql, type Insertable, type Selectable } from 'kysely';
import { containsPattern, type Db } from '../../platform/db.ts';
import type {
  CaseAccessDecisionTable,
  CaseAccessRequestTable,
  CaseActTable,
  CaseDestructionDecisionTable,
  CaseDestructionTable,
  CaseTable,
  EvidenceDestructionTable,
} from '../../platform/db.schema.ts';
import { whereInScope, type Actor } from '../../platform/access.ts';
import { divisionPrefix } from '../../platform/codes.ts';
import type { OfficerRecord } from './case.rules.ts';

export type CaseRow = Selectable<CaseTable> & { agency_name: string };
export type ActRow = Selectable<CaseActTable>;

/** The next serial number of a series (案号, 文号) for an agency and year; the counter row locks until commit. */
export async function nextNumber(db: Db, agencyId: string, series: string, year: number): Promise<number> {
  const r = await db
    .insertInto('case_counters')
    .values({ agency_id: agencyId, series, year, last: 1 })
    .onConflict((oc) => oc.columns(['agency_id', 'series', 'year']).doUpdateSet({ last: sql`case_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return r.last;
}

export async function insertCase(db: Db, row: Insertable<CaseTable>): Promise<void> {
  await db.insertInto('cases').values(row).execute();
}

const caseColumns = (db: Db) =>
  db.selectFrom('cases as c').innerJoin('agencies as a', 'a.id', 'c.agency_id').selectAll('c').select('a.name as agency_name');

export async function findCase(db: Db, id: string, forUpdate = false): Promise<CaseRow | undefined> {
  let q = caseColumns(db).where('c.id', '=', id);
  if (forUpdate) q = q.forUpdate('c');
  return q.executeTakeFirst();
}

export interface CaseFilter {
  stage?: string;
  actCategory?: string;
  q?: string;
  handler?: string;
  /** Show classified cases only when this user handles them or was let in by a request. */
  classifiedFor?: string;
  agency?: string;
  division?: string;
  sort: 'updatedAt' | 'createdAt' | 'number' | 'decisionDue';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** Cases an approved, unexpired access request opened to the user. */
/** The cases an approved, unexpired access request lets the user into (a subquery). */
export const grantedTo = (
  userId: string,
) => sql`select r.case_id from case_access_requests r join case_access_decisions d on d.request_id = r.id
  where r.requester_id = ${userId} and d.approved and r.valid_until > now()`;

export async function listCases(db: Db, actor: Actor, f: CaseFilter): Promise<{ rows: CaseRow[]; total: number }> {
  let q = whereInScope(caseColumns(db), actor, { agencyId: 'c.agency_id', divisionCode: 'c.division_code' });
  if (f.stage) q = q.where('c.stage', '=', f.stage);
  if (f.actCategory) q = q.where('c.act_category', '=', f.actCategory);
  if (f.agency) q = q.where('c.agency_id', '=', f.agency);
  if (f.division) q = q.where('c.division_code', 'like', `${divisionPrefix(f.division)}%`);
  // a handler's own cases, and those an approved, unexpired access request opened to them
  if (f.handler) q = q.where(sql<boolean>`(c.handler_ids @> array[${f.handler}]::uuid[] or c.id = any(array(${grantedTo(f.handler)})))`);
  // classified cases only for their team and whoever a request let in
  if (f.classifiedFor)
    q = q.where(
      sql<boolean>`(c.classification = 'normal' or c.handler_ids @> array[${f.classifiedFor}]::uuid[] or c.id = any(array(${grantedTo(f.classifiedFor)})))`,
    );
  if (f.q) {
    const like = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('c.number', 'like', like), eb('c.cause', 'like', like), eb(sql`c.party->>'name'`, 'like', like)]));
  }
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const column = { updatedAt: 'c.updated_at', createdAt: 'c.created_at', number: 'c.number', decisionDue: 'c.decision_due' } as const;
  const rows = await q.orderBy(column[f.sort], f.order).orderBy('c.id').limit(f.limit).offset(f.offset).execute();
  return { rows, total: Number(total.n) };
}

export async function updateProjection(
  db: Db,
  id: string,
  patch: {
    stage: string;
    act_count: number;
    opened_at?: Date | null;
    decided_at?: Date | null;
    concluded_at?: Date | null;
    archive_due?: string | null;
    archived_at?: Date | null;
    decision_due?: string | null;
    retention_until?: string | null;
    retention_permanent?: string | null;
    destroyed_at?: Date | null;
    opening_decided_at?: Date | null;
    major?: boolean;
  },
): Promise<void> {
  await db
    .updateTable('cases')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function insertAct(
  db: Db,
  row: Omit<ActRow, 'officers' | 'content' | 'media' | 'ledger_ref'> & {
    officers: string;
    content: string;
    media: string;
    ledger_ref: number;
  },
): Promise<void> {
  await db.insertInto('case_acts').values(row).execute();
}

export const actsOf = (db: Db, caseId: string): Promise<ActRow[]> =>
  db.selectFrom('case_acts').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();

/** Of these cases, the ones whose opening approval has been recorded. */
/** Cases in a stage with a to-do — the predicate of the partial indexes cases_todo / cases_todo_handlers (0008). */
const TODO_STAGES = sql<boolean>`(c.stage in ('opening', 'investigation', 'decision', 'concluded') or (c.opening_due_at is not null and c.opening_decided_at is null))`;

/**
 * The cases with something due for the actor (SPEC §3.1): opening approvals (heads), emergency openings awaiting
 * their approval, the decision limit while investigating or deciding, the archive limit once concluded — the most
 * urgent first, at most `limit`, and how many there are in all.
 */
export async function todoCases(db: Db, actor: Actor, f: { handler?: string; approvals: boolean; limit: number }) {
  let q = whereInScope(db.selectFrom('cases as c'), actor, { agencyId: 'c.agency_id', divisionCode: 'c.division_code' })
    .where(TODO_STAGES)
    .where((eb) =>
      eb.or([
        ...(f.approvals ? [eb('c.stage', '=', 'opening')] : []),
        eb.and([eb('c.opening_due_at', 'is not', null), eb('c.opening_decided_at', 'is', null), eb('c.stage', '<>', 'notOpened')]),
        eb.and([eb('c.decision_due', 'is not', null), eb('c.stage', 'in', ['investigation', 'decision'])]),
        eb.and([eb('c.archive_due', 'is not', null), eb('c.stage', '=', 'concluded')]),
      ]),
    );
  if (f.handler) q = q.where(sql<boolean>`c.handler_ids @> array[${f.handler}]::uuid[]`);
  const due = sql`least((c.opening_due_at at time zone 'Asia/Shanghai')::date,
    case when c.stage in ('investigation', 'decision') then c.decision_due end, case when c.stage = 'concluded' then c.archive_due end)`;
  const rows = await q
    .select(['c.id', 'c.number', 'c.cause', 'c.stage', 'c.opening_due_at', 'c.opening_decided_at', 'c.decision_due', 'c.archive_due'])
    .orderBy(due, sql`asc nulls last`)
    .orderBy('c.id')
    .limit(f.limit)
    .execute();
  const total =
    rows.length < f.limit ? rows.length : Number((await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  return { rows, total };
}

/** The agency's published officer records with these certificate numbers (current approved versions). */
export async function publishedOfficers(db: Db, agencyId: string, numbers: string[]): Promise<Map<string, OfficerRecord>> {
  if (!numbers.length) return new Map();
  const rows = await db
    .selectFrom('registry_published')
    .select(['record_id', 'code', 'data'])
    .where('agency_id', '=', agencyId)
    .where('kind', '=', 'officer')
    .where('code', 'in', numbers)
    .execute();
  return new Map(
    rows.map((r) => {
      const d = r.data as Record<string, unknown>;
      return [
        r.code!,
        {
          recordId: r.record_id,
          name: String(d.name),
          certificateNumber: r.code!,
          validFrom: String(d.validFrom),
          validTo: String(d.validTo),
          status: d.status as OfficerRecord['status'],
          categories: d.categories as string[],
        },
      ];
    }),
  );
}

/** The agency's published AV-recording list entries. */
export async function avItems(db: Db, agencyId: string) {
  const rows = await db
    .selectFrom('registry_published')
    .select('data')
    .where('agency_id', '=', agencyId)
    .where('kind', '=', 'avItem')
    .execute();
  return rows.map((r) => r.data as { actTypes?: string[]; actCategory: string; level: 'none' | 'av' | 'fullAv' });
}

export const evidenceOf = (db: Db, agencyId: string, ids: string[]) =>
  ids.length
    ? db
        .selectFrom('evidence_files')
        .select(['id', 'sha256', 'sm3', 'size', 'file_name', 'recording_start', 'recording_end', 'late', 'uploaded_by'])
        .where('agency_id', '=', agencyId)
        .where('id', 'in', ids)
        .execute()
    : Promise.resolve([]);

export const handlersOf = (db: Db, agencyId: string, ids: string[]) =>
  ids.length
    ? db
        .selectFrom('users')
        .select(['id', 'display_name', 'roles', 'disabled'])
        .where('agency_id', '=', agencyId)
        .where('id', 'in', ids)
        .execute()
    : Promise.resolve([]);

/** The agency's active heads (unit and agency heads), who approve its cases' steps. */
export const agencyHeads = (db: Db, agencyId: string) =>
  db
    .selectFrom('users')
    .select(['id', 'display_name', 'roles', 'certificate_number'])
    .where('agency_id', '=', agencyId)
    .where('disabled', '=', false)
    .where(sql<boolean>`roles && array['unitHead', 'agencyHead']::text[]`)
    .orderBy('display_name')
    .execute();

export async function insertAvException(
  db: Db,
  row: {
    id: string;
    case_id: string;
    agency_id: string;
    act_type: string;
    reason: string;
    requested_by: string;
    requested_by_name: string;
  },
) {
  await db.insertInto('case_av_exceptions').values(row).execute();
}

export async function insertAvExceptionDecision(
  db: Db,
  row: { exception_id: string; agency_id: string; approved: boolean; comment: string | null; decided_by: string; decided_by_name: string },
) {
  return db
    .insertInto('case_av_exception_decisions')
    .values(row)
    .onConflict((oc) => oc.column('exception_id').doNothing())
    .returning('exception_id')
    .executeTakeFirst();
}

export const avExceptionsOf = (db: Db, caseId: string) =>
  db
    .selectFrom('case_av_exceptions as e')
    .leftJoin('case_av_exception_decisions as d', 'd.exception_id', 'e.id')
    .leftJoin('case_acts as a', (j) => j.onRef('a.av_exception_id', '=', 'e.id').on('a.corrects', 'is', null))
    .selectAll('e')
    .select(['d.approved', 'd.comment', 'd.decided_by_name', 'd.decided_at', 'a.id as used_by'])
    .where('e.case_id', '=', caseId)
    .orderBy('e.requested_at')
    .execute();

/** AV exceptions of the agency awaiting the head's decision (the head's to-do). */
export const pendingAvExceptions = (db: Db, agencyId: string) =>
  db
    .selectFrom('case_av_exceptions as e')
    .innerJoin('cases as c', 'c.id', 'e.case_id')
    .leftJoin('case_av_exception_decisions as d', 'd.exception_id', 'e.id')
    .select(['e.id', 'c.id as case_id', 'c.number', 'c.cause'])
    .where('e.agency_id', '=', agencyId)
    .where('d.exception_id', 'is', null)
    .execute();

export const findAvException = (db: Db, id: string) =>
  db
    .selectFrom('case_av_exceptions as e')
    .leftJoin('case_av_exception_decisions as d', 'd.exception_id', 'e.id')
    .innerJoin('cases as c', 'c.id', 'e.case_id')
    .selectAll('e')
    .select(['d.approved', 'c.division_code'])
    .where('e.id', '=', id)
    .executeTakeFirst();

// ---- numbering (文号) ------------------------------------------------------------------------------------------------

/** The agency's 机关代字 (its name when none is set). */
export async function numberingPrefix(db: Db, agencyId: string): Promise<string> {
  const r = await db
    .selectFrom('agencies as a')
    .leftJoin('agency_numbering as n', 'n.agency_id', 'a.id')
    .select(['a.name', 'n.prefix'])
    .where('a.id', '=', agencyId)
    .executeTakeFirstOrThrow();
  return r.prefix ?? r.name;
}

export async function setNumberingPrefix(db: Db, agencyId: string, prefix: string, userId: string): Promise<void> {
  await db
    .insertInto('agency_numbering')
    .values({ agency_id: agencyId, prefix, updated_by: userId })
    .onConflict((oc) => oc.column('agency_id').doUpdateSet({ prefix, updated_by: userId, updated_at: new Date() }))
    .execute();
}

// ---- access requests (调阅) ------------------------------------------------------------------------------------------

export type AccessRequestRow = Selectable<CaseAccessRequestTable> & {
  case_number: string;
  approved: boolean | null;
  comment: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
};

const accessRequests = (db: Db) =>
  db
    .selectFrom('case_access_requests as r')
    .innerJoin('cases as c', 'c.id', 'r.case_id')
    .leftJoin('case_access_decisions as d', 'd.request_id', 'r.id')
    .selectAll('r')
    .select(['c.number as case_number', 'd.approved', 'd.comment', 'd.decided_by_name', 'd.decided_at']);

export async function insertAccessRequest(db: Db, row: Insertable<CaseAccessRequestTable>): Promise<void> {
  await db.insertInto('case_access_requests').values(row).execute();
}

export async function insertAccessDecision(db: Db, row: Insertable<CaseAccessDecisionTable>): Promise<boolean> {
  const r = await db
    .insertInto('case_access_decisions')
    .values(row)
    .onConflict((oc) => oc.column('request_id').doNothing())
    .returning('request_id')
    .executeTakeFirst();
  return r !== undefined;
}

export const findAccessRequest = (db: Db, id: string): Promise<AccessRequestRow | undefined> =>
  accessRequests(db).where('r.id', '=', id).executeTakeFirst();

export const accessRequestsOfCase = (db: Db, caseId: string): Promise<AccessRequestRow[]> =>
  accessRequests(db).where('r.case_id', '=', caseId).orderBy('r.lodged_at', 'desc').execute();

/** Requests the user made or lodged, or (for an agency) all of the agency's; newest first. */
export function listAccessRequests(
  db: Db,
  f: { requesterOrLodger?: string; agencyId?: string; pending?: boolean; limit: number },
): Promise<AccessRequestRow[]> {
  let q = accessRequests(db);
  if (f.requesterOrLodger)
    q = q.where((eb) => eb.or([eb('r.requester_id', '=', f.requesterOrLodger!), eb('r.lodged_by', '=', f.requesterOrLodger!)]));
  if (f.agencyId) q = q.where('r.agency_id', '=', f.agencyId);
  if (f.pending) q = q.where('d.request_id', 'is', null);
  return q.orderBy('r.lodged_at', 'desc').limit(f.limit).execute();
}

/** The widest access an approved, unexpired request gives the user to the case. */
export async function grantedAccess(db: Db, caseId: string, userId: string, now = new Date()): Promise<'view' | 'copy' | null> {
  const rows = await db
    .selectFrom('case_access_requests as r')
    .innerJoin('case_access_decisions as d', 'd.request_id', 'r.id')
    .select('r.scope')
    .where('r.case_id', '=', caseId)
    .where('r.requester_id', '=', userId)
    .where('d.approved', '=', true)
    .where('r.valid_until', '>', now)
    .execute();
  if (rows.some((r) => r.scope === 'copy')) return 'copy';
  if (rows.length) return 'view';
  // the legal reviewer assigned to one of the case's reviews reads it (a classified case too: 000 §30 needs the file)
  const reviewer = await db
    .selectFrom('reviews')
    .select('id')
    .where('case_id', '=', caseId)
    .where('reviewer_id', '=', userId)
    .executeTakeFirst();
  return reviewer ? 'view' : null;
}

/** A case by its number inside the actor's scope (an access request names the case by the number on its papers). */
export async function findCaseByNumber(db: Db, actor: Actor, number: string): Promise<CaseRow | undefined> {
  return whereInScope(caseColumns(db), actor, { agencyId: 'c.agency_id', divisionCode: 'c.division_code' })
    .where('c.number', '=', number)
    .executeTakeFirst();
}

/** The cases whose acts link an evidence file. */
export async function casesLinkingEvidence(db: Db, agencyId: string, evidenceId: string): Promise<CaseRow[]> {
  const ids = await db
    .selectFrom('case_acts')
    .select('case_id')
    .distinct()
    .where('agency_id', '=', agencyId)
    .where(sql<boolean>`media @> ${JSON.stringify([{ evidenceId }])}::jsonb`)
    .execute();
  if (!ids.length) return [];
  return caseColumns(db)
    .where(
      'c.id',
      'in',
      ids.map((r) => r.case_id),
    )
    .execute();
}

/** The case's access log: every view, document view or download, evidence download and export (SPEC §3.5). */
export async function accessLog(db: Db, subjects: string[], limit: number) {
  return db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_username', 'action', 'ip', 'subject', 'details'])
    .where('subject', 'in', subjects)
    .where('action', 'in', [...ACCESS_ACTIONS])
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export const ACCESS_ACTIONS = ['case.view', 'case.document.view', 'case.document.download', 'case.export', 'evidence.download'] as const;

// ---- retention and destruction ---------------------------------------------------------------------------------------

export const latestDestruction = (db: Db, caseId: string) =>
  db
    .selectFrom('case_destructions as r')
    .leftJoin('case_destruction_decisions as d', 'd.request_id', 'r.id')
    .selectAll('r')
    .select(['d.approved', 'd.comment', 'd.decided_by_name', 'd.decided_at'])
    .where('r.case_id', '=', caseId)
    .orderBy('r.requested_at', 'desc')
    .limit(1)
    .executeTakeFirst();

export const findDestruction = (db: Db, id: string) =>
  db
    .selectFrom('case_destructions as r')
    .leftJoin('case_destruction_decisions as d', 'd.request_id', 'r.id')
    .selectAll('r')
    .select(['d.approved'])
    .where('r.id', '=', id)
    .executeTakeFirst();

export async function insertDestruction(db: Db, row: Insertable<CaseDestructionTable>): Promise<void> {
  await db.insertInto('case_destructions').values(row).execute();
}

export async function insertDestructionDecision(db: Db, row: Insertable<CaseDestructionDecisionTable>): Promise<boolean> {
  const r = await db
    .insertInto('case_destruction_decisions')
    .values(row)
    .onConflict((oc) => oc.column('request_id').doNothing())
    .returning('request_id')
    .executeTakeFirst();
  return r !== undefined;
}

export async function markDestroyed(db: Db, caseId: string): Promise<void> {
  await db.updateTable('cases').set({ destroyed_at: new Date(), updated_at: new Date() }).where('id', '=', caseId).execute();
}

export async function insertEvidenceDestructions(db: Db, rows: Insertable<EvidenceDestructionTable>[]): Promise<void> {
  if (rows.length)
    await db
      .insertInto('evidence_destructions')
      .values(rows)
      .onConflict((oc) => oc.column('evidence_id').doNothing())
      .execute();
}

/** Which of these evidence files have been destroyed. */
export async function destroyedEvidence(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('evidence_destructions')
    .select('evidence_id')
    .where('evidence_id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.evidence_id));
}

/** Of these blob hashes, those still held by an evidence file that is not destroyed (same bytes, another file). */
export async function blobsStillHeld(db: Db, sha256s: readonly string[]): Promise<Set<string>> {
  if (!sha256s.length) return new Set();
  const rows = await db
    .selectFrom('evidence_files as e')
    .leftJoin('evidence_destructions as x', 'x.evidence_id', 'e.id')
    .select('e.sha256')
    .distinct()
    .where('e.sha256', 'in', [...sha256s])
    .where('x.evidence_id', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.sha256));
}

/** A pending destruction request of the agency (the head's to-do). */
export const pendingDestructions = (db: Db, agencyId: string) =>
  db
    .selectFrom('case_destructions as r')
    .innerJoin('cases as c', 'c.id', 'r.case_id')
    .leftJoin('case_destruction_decisions as d', 'd.request_id', 'r.id')
    .select(['r.id', 'r.case_id', 'r.reason', 'c.number', 'c.cause'])
    .where('r.agency_id', '=', agencyId)
    .where('d.request_id', 'is', null)
    .execute();

/** Unfinished uploads of media records with an upload deadline (000 §20): the uploader's, or the whole agency's. */
export async function pendingUploads(db: Db, f: { createdBy?: string; agencyId?: string }) {
  let q = db
    .selectFrom('upload_sessions')
    .select(['id', 'length', 'upload_offset', 'metadata', 'created_at'])
    .where('status', '=', 'active')
    .where(sql<boolean>`metadata->>'uploadDeadline' is not null`);
  if (f.createdBy) q = q.where('created_by', '=', f.createdBy);
  if (f.agencyId) q = q.where('agency_id', '=', f.agencyId);
  const rows = await q
    .orderBy(sql`metadata->>'uploadDeadline'`)
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    fileName: String(r.metadata.fileName ?? ''),
    deadline: String(r.metadata.uploadDeadline),
    percent: Number(r.length) ? Math.floor((Number(r.upload_offset) / Number(r.length)) * 100) : 0,
  }));
}

/** The case's latest legal review (review module), for the decision gate. */
export const latestReview = (db: Db, caseId: string) =>
  db
    .selectFrom('reviews')
    .select(['id', 'state', 'draft_act_id', 'round'])
    .where('case_id', '=', caseId)
    .orderBy('round', 'desc')
    .limit(1)
    .executeTakeFirst();
