// SQL for evidence files (append-only) and upload sessions (work table).
import { sql, type Selectable } from 'kysely';
import { grantedTo } from './case.repo.ts';
import { containsPattern, type Db } from '../../platform/db.ts';
import type { EvidenceFileTable, UploadSessionTable } from '../../platform/db.schema.ts';
import { hasRole, whereInScope, type Actor } from '../../platform/access.ts';
import type { EvidenceView, ListEvidenceQuery, UploadView } from './evidence.schema.ts';

export type EvidenceRow = Selectable<EvidenceFileTable>;
export type UploadRow = Selectable<UploadSessionTable>;
export type NewEvidence = Omit<EvidenceRow, 'uploaded_at' | 'interruptions' | 'size'> & { size: number; interruptions: unknown[] };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toEvidenceView = (r: EvidenceRow): EvidenceView => ({
  id: r.id,
  agencyId: r.agency_id,
  uploadedBy: r.uploaded_by,
  uploadedAt: r.uploaded_at.toISOString(),
  size: Number(r.size),
  sha256: r.sha256,
  sm3: r.sm3,
  contentType: r.content_type,
  fileName: r.file_name,
  deviceId: r.device_id,
  officerUserId: r.officer_user_id,
  officerName: r.officer_name,
  recordingStart: iso(r.recording_start),
  recordingEnd: iso(r.recording_end),
  place: r.place,
  interruptions: r.interruptions.map((i) => ({ start: i.start, end: i.end ?? null, reason: i.reason })),
  uploadDeadline: iso(r.upload_deadline),
  late: r.late,
  lateReason: r.late_reason,
});

export const toUploadView = (r: UploadRow): UploadView => ({
  id: r.id,
  length: Number(r.length),
  offset: Number(r.upload_offset),
  status: r.status,
  evidenceId: r.evidence_id,
  createdAt: r.created_at.toISOString(),
});

export async function insertEvidence(db: Db, e: NewEvidence): Promise<void> {
  await db
    .insertInto('evidence_files')
    .values({ ...e, interruptions: JSON.stringify(e.interruptions) })
    .execute();
}

/** An evidence row with its agency's division (for the scope check). */
export function findEvidence(db: Db, id: string) {
  return db
    .selectFrom('evidence_files as e')
    .innerJoin('agencies as a', 'a.id', 'e.agency_id')
    .selectAll('e')
    .select('a.division_code')
    .where('e.id', '=', id)
    .executeTakeFirst();
}

export async function countEvidence(db: Db): Promise<number> {
  return Number((await sql<{ n: string }>`select count(*) as n from evidence_files`.execute(db)).rows[0]!.n);
}

/** A page of every evidence file (ids after `after`, in id order) with when its bytes were destroyed, if they were. */
export function evidencePageForCheck(db: Db, after: string | null, limit: number) {
  let q = db
    .selectFrom('evidence_files as e')
    .leftJoin('evidence_destructions as x', 'x.evidence_id', 'e.id')
    .select(['e.id', 'e.sha256', 'e.sm3', 'e.size', 'x.destroyed_at']);
  if (after) q = q.where('e.id', '>', after);
  return q.orderBy('e.id').limit(limit).execute();
}

export async function listEvidence(db: Db, actor: Actor, q: ListEvidenceQuery): Promise<EvidenceRow[]> {
  let query = whereInScope(db.selectFrom('evidence_files as e').innerJoin('agencies as a', 'a.id', 'e.agency_id').selectAll('e'), actor, {
    agencyId: 'e.agency_id',
    divisionCode: 'a.division_code',
  });
  if (q.agencyId) query = query.where('e.agency_id', '=', q.agencyId);
  if (q.sha256) query = query.where('e.sha256', '=', q.sha256);
  if (q.late !== undefined) query = query.where('e.late', '=', q.late);
  if (q.q) {
    const like = containsPattern(q.q);
    query = query.where((eb) =>
      eb.or([eb('e.file_name', 'like', like), eb('e.device_id', 'like', like), eb('e.officer_name', 'like', like)]),
    );
  }
  // officers see the files they uploaded; heads, custodians and supervisors the agency's (or the division's)
  if (!hasRole(actor, 'agencyHead', 'unitHead', 'recordsCustodian', 'supervisor', 'administrator'))
    query = query.where('e.uploaded_by', '=', actor.userId);
  // the records custodian does not read a classified case (000 §24; directAccess): a file only such a case links is
  // not listed to them — unless they uploaded it or a request let them into the case (assertEvidenceAccess's rule)
  else if (!hasRole(actor, 'agencyHead', 'unitHead', 'supervisor', 'administrator')) {
    const linking = sql`select ca.case_id from case_acts ca where ca.agency_id = e.agency_id and ca.media @> jsonb_build_array(jsonb_build_object('evidenceId', e.id::text))`;
    query = query.where(sql<boolean>`(e.uploaded_by = ${actor.userId} or not exists (${linking}) or exists (
      select 1 from cases c where c.id in (${linking})
        and (c.classification = 'normal' or c.handler_ids @> array[${actor.userId}]::uuid[] or c.id in (${grantedTo(actor.userId)}))))`);
  }
  if (q.before) query = query.where('e.uploaded_at', '<', new Date(q.before));
  return query.orderBy('e.uploaded_at', 'desc').orderBy('e.id', 'desc').limit(q.limit).execute();
}

export async function insertUpload(
  db: Db,
  u: { id: string; agencyId: string; createdBy: string; length: number; metadata: Record<string, unknown> },
) {
  await db
    .insertInto('upload_sessions')
    .values({ id: u.id, agency_id: u.agencyId, created_by: u.createdBy, length: u.length, metadata: JSON.stringify(u.metadata) })
    .execute();
}

export const findUpload = (db: Db, id: string) => db.selectFrom('upload_sessions').selectAll().where('id', '=', id).executeTakeFirst();

export async function setUploadOffset(db: Db, id: string, offset: number): Promise<void> {
  await db
    .updateTable('upload_sessions')
    .set({ upload_offset: offset, updated_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .execute();
}

export async function completeUpload(db: Db, id: string, evidenceId: string, length: number): Promise<void> {
  await db
    .updateTable('upload_sessions')
    .set({ status: 'completed', evidence_id: evidenceId, upload_offset: length, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function deleteUpload(db: Db, id: string): Promise<void> {
  await db.deleteFrom('upload_sessions').where('id', '=', id).where('status', '=', 'active').execute();
}

/** A user of the agency (an officer named in media-record metadata must belong to the uploading agency). */
export const findAgencyUser = (db: Db, agencyId: string, userId: string) =>
  db.selectFrom('users').select(['id', 'display_name']).where('id', '=', userId).where('agency_id', '=', agencyId).executeTakeFirst();

export const findAgencyDivision = async (db: Db, agencyId: string) =>
  (await db.selectFrom('agencies').select('division_code').where('id', '=', agencyId).executeTakeFirstOrThrow()).division_code;
