// Registry records: an agency's disclosure editor drafts a version (new record, revision or retirement); a second
// person with the reviewing role approves or rejects it; only approved versions reach the portal (002 §30
// "未经审查不得发布"). Versions and decisions are never changed: the history shows who changed what and when, and
// who approved it.
import { AppError, notFound } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit.ts';
import { inTransaction, type Ctx } from '../../platform/context.ts';
import { assertInScope } from '../../platform/access.ts';
import { shanghaiDate } from '../../platform/calendar/calendar.dates.ts';
import * as repo from './record.repo.ts';
import {
  CERTIFICATE_STATUS_LABELS,
  RECORD_KINDS,
  certificateStatus,
  parseData,
  publicData,
  recordTerms,
  searchTerms,
  titleOf,
  type RecordData,
  type RecordKind,
} from './record.kinds.ts';
import { assertMayDraft, assertMayReview, recordActions, versionActions } from './record.policy.ts';
import type { Db } from '../../platform/db.ts';

function validData(kind: RecordKind, data: unknown): RecordData {
  const r = parseData(kind, data);
  if (r.success) return r.data as RecordData;
  const issues = r.error.issues.map((i) => ({ path: ['data', ...i.path].join('.'), message: i.message, code: i.code }));
  throw new AppError(
    'VALIDATION_FAILED',
    `${RECORD_KINDS[kind].label}内容有误：${issues.map((i) => `${i.path} ${i.message}`).join('；')}`,
    { issues },
  );
}

/** An officer's photo must be one uploaded for the same agency. */
async function assertPhotoOfAgency(db: Db, data: RecordData, agencyId: string) {
  const ref = data.photo;
  if (typeof ref !== 'string') return;
  if (!(await repo.findPhoto(db, agencyId, ref.slice(7))))
    throw new AppError('VALIDATION_FAILED', '照片不存在：请先上传照片再引用', {
      issues: [{ path: 'data.photo', message: '照片不存在，请先上传' }],
    });
}

async function assertCertificateFree(db: Db, data: RecordData, recordId: string | null) {
  const number = String(data.certificateNumber);
  await repo.lockCertificateNumber(db, number);
  const holder = await repo.certificateHolder(db, number, recordId);
  if (holder)
    throw new AppError('CERTIFICATE_TAKEN', `执法证号 ${number} 已登记给另一名执法人员`, { certificateNumber: number, recordId: holder });
}

export interface DraftInput {
  agencyId?: string;
  data: unknown;
  note?: string;
}

/** Draft a new record: version 1, awaiting review. */
export async function createRecord(ctx: Ctx, kind: RecordKind, input: DraftInput) {
  const agencyId = input.agencyId ?? ctx.actor.agencyId;
  if (!agencyId) throw new AppError('BAD_REQUEST', '请指定所属执法部门（agencyId）');
  assertMayDraft(ctx.actor, agencyId);
  const data = validData(kind, input.data);
  return inTransaction(ctx.db, async (db) => {
    if (kind === 'officer') {
      await assertCertificateFree(db, data, null);
      await assertPhotoOfAgency(db, data, agencyId);
    }
    if (kind === 'agencyProfile') {
      const existing = await repo.findProfileRecord(db, agencyId);
      if (existing) throw new AppError('CONFLICT', '本部门的执法主体信息已登记，请在原记录上修改', { recordId: existing.id });
    }
    const record = await repo.insertRecord(db, { agencyId, kind, createdBy: ctx.actor.userId });
    const version = await repo.insertVersion(db, {
      recordId: record.id,
      agencyId,
      versionNo: 1,
      action: 'publish',
      data,
      note: input.note ?? null,
      createdBy: ctx.actor.userId,
      createdByName: ctx.actor.displayName,
    });
    await writeAudit(db, {
      action: 'registry.draft',
      actor: ctx.actor,
      ip: ctx.ip,
      agencyId,
      subject: record.id,
      details: { kind, versionNo: 1 },
    });
    return { recordId: record.id, versionId: version.id, versionNo: 1 };
  });
}

async function nextVersion(ctx: Ctx, recordId: string, action: 'publish' | 'retire', input: { data?: unknown; note?: string }) {
  return inTransaction(ctx.db, async (db) => {
    const record = await repo.lockRecord(db, recordId);
    if (!record) throw notFound('登记记录');
    assertInScope(ctx.actor, { agencyId: record.agency_id, divisionCode: record.division_code }, '登记记录');
    assertMayDraft(ctx.actor, record.agency_id);
    const kind = record.kind as RecordKind;
    const versions = await repo.versionsOf(db, recordId);
    const pending = versions.find((v) => !v.decision);
    if (pending)
      throw new AppError('PENDING_VERSION_EXISTS', `该记录的第 ${pending.version_no} 版尚在审核中，请等审核完成或撤回后再修改`, {
        versionId: pending.id,
      });
    const current = versions.find((v) => v.decision === 'approved');
    if (action === 'retire' && (!current || current.action === 'retire'))
      throw new AppError('RECORD_RETIRED', '该记录尚未发布或已撤下，无需撤下');
    if (kind === 'agencyProfile' && action === 'retire') throw new AppError('BAD_REQUEST', '执法主体信息不能撤下，只能修改');
    const data = action === 'retire' ? (current!.data as RecordData) : validData(kind, input.data);
    if (kind === 'officer' && action === 'publish') {
      await assertCertificateFree(db, data, recordId);
      await assertPhotoOfAgency(db, data, record.agency_id);
    }
    const versionNo = versions[0]!.version_no + 1;
    const version = await repo.insertVersion(db, {
      recordId,
      agencyId: record.agency_id,
      versionNo,
      action,
      data,
      note: input.note ?? null,
      createdBy: ctx.actor.userId,
      createdByName: ctx.actor.displayName,
    });
    await writeAudit(db, {
      action: action === 'retire' ? 'registry.draftRetire' : 'registry.draft',
      actor: ctx.actor,
      ip: ctx.ip,
      agencyId: record.agency_id,
      subject: recordId,
      details: { kind, versionNo },
    });
    return { recordId, versionId: version.id, versionNo };
  });
}

/** Draft a revision of a record (a new version, awaiting review; the portal keeps the approved one meanwhile). */
export const reviseRecord = (ctx: Ctx, recordId: string, input: { data: unknown; note?: string }) =>
  nextVersion(ctx, recordId, 'publish', input);

/** Draft taking a published record off the portal (e.g. an officer who left, an abolished item). */
export const retireRecord = (ctx: Ctx, recordId: string, input: { note?: string }) => nextVersion(ctx, recordId, 'retire', input);

/** Approve or reject a pending version (a second person), or withdraw one's own draft. */
export async function decide(ctx: Ctx, versionId: string, input: { decision: 'approved' | 'rejected' | 'withdrawn'; comment?: string }) {
  return inTransaction(ctx.db, async (db) => {
    const found = await repo.findVersion(db, versionId);
    if (!found) throw notFound('版本');
    assertInScope(ctx.actor, { agencyId: found.agency_id, divisionCode: found.division_code }, '版本');
    const record = (await repo.lockRecord(db, found.record_id))!;
    const v = (await repo.findVersion(db, versionId))!; // re-read under the record lock
    if (v.decision)
      throw new AppError('ALREADY_DECIDED', `该版本已${DECISION_LABELS[v.decision]}（${v.decided_by_name}）`, { decision: v.decision });
    if (input.decision === 'withdrawn') {
      if (v.created_by !== ctx.actor.userId) throw new AppError('FORBIDDEN', '只有起草人可以撤回自己的草稿');
    } else {
      assertMayReview(ctx.actor, v.agency_id, v.created_by);
      if (input.decision === 'rejected' && !input.comment?.trim())
        throw new AppError('VALIDATION_FAILED', '退回时请写明理由，便于起草人修改', { issues: [{ path: 'comment', message: '必填' }] });
    }
    const kind = v.kind as RecordKind;
    if (input.decision === 'approved') {
      const data = v.data as RecordData;
      if (v.action === 'retire') await repo.deletePublished(db, v.record_id);
      else {
        if (kind === 'officer') await assertCertificateFree(db, data, v.record_id);
        const { title, code } = titleOf(kind, data, record.agency_name);
        await repo.upsertPublished(db, {
          recordId: v.record_id,
          agencyId: v.agency_id,
          divisionCode: record.division_code,
          kind,
          versionId: v.id,
          versionNo: v.version_no,
          data,
          title,
          code,
          terms: recordTerms(kind, data, title),
        });
      }
    }
    await repo.insertDecision(db, {
      versionId,
      agencyId: v.agency_id,
      decision: input.decision,
      comment: input.comment?.trim() || null,
      decidedBy: ctx.actor.userId,
      decidedByName: ctx.actor.displayName,
    });
    await writeAudit(db, {
      action: `registry.${input.decision}`,
      actor: ctx.actor,
      ip: ctx.ip,
      agencyId: v.agency_id,
      subject: v.record_id,
      details: { kind, versionNo: v.version_no, action: v.action },
    });
    return { recordId: v.record_id, versionId, decision: input.decision };
  });
}

const DECISION_LABELS = { approved: '审核通过', rejected: '退回', withdrawn: '撤回' } as const;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

const toVersion = (v: repo.VersionRow) => ({
  id: v.id,
  versionNo: v.version_no,
  action: v.action,
  data: v.data as RecordData,
  note: v.note,
  createdBy: v.created_by_name,
  createdAt: v.created_at.toISOString(),
  status: (v.decision ?? 'pending') as 'pending' | 'approved' | 'rejected' | 'withdrawn',
  decidedBy: v.decided_by_name ?? null,
  decidedAt: iso(v.decided_at),
  comment: v.comment ?? null,
});

/** A record with its whole history, newest version first. */
export async function getRecord(ctx: Ctx, recordId: string) {
  const record = await repo.findRecord(ctx.db, recordId);
  if (!record) throw notFound('登记记录');
  assertInScope(ctx.actor, { agencyId: record.agency_id, divisionCode: record.division_code }, '登记记录');
  const versions = (await repo.versionsOf(ctx.db, recordId)).map(toVersion);
  const published = await repo.publishedRecord(ctx.db, recordId);
  return {
    id: record.id,
    kind: record.kind as RecordKind,
    agencyId: record.agency_id,
    agencyName: record.agency_name,
    createdAt: record.created_at.toISOString(),
    publishedVersionNo: published?.version_no ?? null,
    versions,
  };
}

export async function listRecords(ctx: Ctx, f: Omit<repo.ListFilter, 'limit' | 'offset'> & { page: number; pageSize: number }) {
  const { total, rows } = await repo.listRecords(ctx.db, ctx.actor, { ...f, limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
  const today = shanghaiDate();
  return {
    total,
    items: rows.map((r) => {
      const data = (r.published_data ?? r.latest_data) as RecordData;
      const { title, code } = titleOf(r.kind as RecordKind, data, r.agency_name);
      return {
        id: r.id,
        kind: r.kind as RecordKind,
        agencyId: r.agency_id,
        agencyName: r.agency_name,
        title,
        code,
        data,
        publishedVersionNo: r.published_version_no ?? null,
        publishedAt: iso(r.published_at),
        latestVersionNo: r.latest_version_no!,
        latestStatus: (r.latest_decision ?? 'pending') as 'pending' | 'approved' | 'rejected' | 'withdrawn',
        retired: !r.published_version_no && r.latest_action === 'retire' && r.latest_decision === 'approved',
        updatedAt: iso(r.updated_at)!,
        pending: r.pending_version_id
          ? {
              versionId: r.pending_version_id,
              versionNo: r.pending_version_no!,
              action: r.pending_action!,
              createdBy: r.pending_created_by_name!,
              createdAt: iso(r.pending_created_at)!,
              mine: r.pending_created_by === ctx.actor.userId,
            }
          : null,
        certificateStatus:
          r.kind === 'officer' ? certificateStatus(data as { validFrom: string; validTo: string; status: string }, today) : null,
        actions: recordActions(ctx.actor, { agencyId: r.agency_id, kind: r.kind, published: !!r.published_version_no }),
      };
    }),
  };
}

export async function pendingReviews(ctx: Ctx, f: { agency?: string; kind?: RecordKind }) {
  const rows = await repo.pendingVersions(ctx.db, ctx.actor, { ...f, limit: 500 });
  return rows.map((v) => {
    const { title, code } = titleOf(v.kind as RecordKind, v.data as RecordData, v.agency_name);
    return {
      versionId: v.id,
      recordId: v.record_id,
      kind: v.kind as RecordKind,
      agencyId: v.agency_id,
      agencyName: v.agency_name,
      title,
      code,
      versionNo: v.version_no,
      action: v.action,
      note: v.note,
      createdBy: v.created_by_name,
      createdAt: v.created_at.toISOString(),
      mine: v.created_by === ctx.actor.userId,
      actions: versionActions(ctx.actor, { agencyId: v.agency_id, authorId: v.created_by }),
    };
  });
}

// ---- public ----

const MAX_QUERY_TERMS = 20;

/** Terms of a portal search query; a query with no term of 2+ characters (or a whole number/word) is refused. */
export function queryTerms(q: string | undefined): string[] | undefined {
  if (q === undefined || q.trim() === '') return undefined;
  const terms = searchTerms([q]).filter((t) => [...t].length >= 2 || /^[0-9a-z]$/.test(t));
  if (!terms.length) throw new AppError('BAD_REQUEST', '请至少输入 2 个字进行搜索');
  return terms.slice(0, MAX_QUERY_TERMS);
}

export const publicItem = (
  kind: RecordKind,
  r: {
    record_id: string;
    agency_id: string;
    agency_name: string;
    data: unknown;
    title: string;
    code: string | null;
    published_at: Date;
    division_code: string;
  },
) => ({
  id: r.record_id,
  kind,
  agencyId: r.agency_id,
  agencyName: r.agency_name,
  divisionCode: r.division_code,
  title: r.title,
  code: r.code,
  data: publicData(kind, r.data as RecordData),
  publishedAt: r.published_at.toISOString(),
});

export async function checkCertificate(db: Db, number: string, day = shanghaiDate()) {
  const r = await repo.publishedByCertificate(db, number);
  if (!r)
    throw new AppError(
      'CERTIFICATE_NOT_FOUND',
      `未查到执法证号 ${number}：该证件未在执法人员名录中公示，请核实证号或向执法部门、司法行政部门举报`,
      { certificateNumber: number },
    );
  const d = r.data as { validFrom: string; validTo: string; status: string };
  const status = certificateStatus(d, day);
  return {
    certificateNumber: number,
    status,
    statusLabel: CERTIFICATE_STATUS_LABELS[status],
    checkedOn: day,
    officer: publicItem('officer', r),
  };
}

export type PublicItem = ReturnType<typeof publicItem>;
