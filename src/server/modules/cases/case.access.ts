// Access to case records (调阅, SPEC §3.5; 000 §24; 002 记录办法 §34-35; 003 记录办法 §21): who may view or copy
// a case's records, access requests and their approval by the agency head, and the access log that shows every
// view and download to the agency head and supervisors.
import crypto from 'node:crypto';
import { AppError, notFound } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit.ts';
import { inScope, type Actor } from '../../platform/access.ts';
import { inTransaction, type Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import * as repo from './case.repo.ts';
import {
  accessRequestActions,
  assertAccess,
  assertMayDecideAccess,
  assertMayReadAccessLog,
  directAccess,
  mayLodgeAccessRequest,
  seesAgencyAccessRequests,
  type AccessLevel,
  type CaseRef,
} from './case.policy.ts';
import type { AccessRequestInput } from './case.schema.ts';

export const caseRef = (c: repo.CaseRow): CaseRef => ({
  agencyId: c.agency_id,
  divisionCode: c.division_code,
  handlerIds: c.handler_ids,
  classification: c.classification,
});

/** The access the actor has to the case: direct (by role) or through an approved, unexpired request. */
export async function accessOf(db: Db, actor: Actor, c: repo.CaseRow): Promise<AccessLevel | null> {
  const direct = directAccess(actor, caseRef(c));
  if (direct === 'copy' || !inScope(actor, caseRef(c))) return direct;
  const granted = await repo.grantedAccess(db, c.id, actor.userId);
  return granted === 'copy' ? 'copy' : (direct ?? granted);
}

/** Throws unless the actor may `need` the case's records (404 outside scope; ACCESS_REQUEST_REQUIRED otherwise). */
export async function assertCaseAccess(db: Db, actor: Actor, c: repo.CaseRow, need: AccessLevel): Promise<void> {
  const direct = directAccess(actor, caseRef(c));
  if (direct === 'copy' || (need === 'view' && direct === 'view')) return;
  assertAccess(actor, caseRef(c), need, inScope(actor, caseRef(c)) ? await repo.grantedAccess(db, c.id, actor.userId) : null);
}

/**
 * May the actor view (metadata) or copy (download) an evidence file? A file linked to a case follows the case's
 * access rules (any one linking case suffices); a file not yet linked is seen by its uploader and by those with
 * direct copy access to the agency's cases (heads, records custodian, supervisors).
 */
export async function assertEvidenceAccess(
  db: Db,
  actor: Actor,
  e: { id: string; agency_id: string; division_code: string; uploaded_by: string },
  need: AccessLevel,
): Promise<void> {
  if (!inScope(actor, { agencyId: e.agency_id, divisionCode: e.division_code })) throw notFound('证据文件');
  if (e.uploaded_by === actor.userId) return;
  const cases = await repo.casesLinkingEvidence(db, e.agency_id, e.id);
  if (!cases.length) {
    const agencyWide: CaseRef = { agencyId: e.agency_id, divisionCode: e.division_code, handlerIds: [] };
    return assertAccess(actor, agencyWide, need, null);
  }
  let refusal: unknown;
  for (const c of cases) {
    try {
      return await assertCaseAccess(db, actor, c, need);
    } catch (err) {
      refusal = err;
    }
  }
  throw refusal;
}

// ---- requests --------------------------------------------------------------------------------------------------------

export async function requestAccess(ctx: Ctx, input: AccessRequestInput) {
  return inTransaction(ctx.db, async (db) => {
    const c = input.caseId ? await repo.findCase(db, input.caseId) : await repo.findCaseByNumber(db, ctx.actor, input.caseNumber!);
    if (!c || !inScope(ctx.actor, caseRef(c))) throw notFound('案件（请核对案号）');
    const forSelf = input.requesterKind === 'user';
    if (forSelf) {
      if (directAccess(ctx.actor, caseRef(c)) === 'copy') throw new AppError('CONFLICT', '您可以直接查阅、复制本案记录，无需调阅申请');
    } else {
      // External authorities without an account and parties apply in writing; the custodian or a head lodges it.
      if (!mayLodgeAccessRequest(ctx.actor, c.agency_id))
        throw new AppError('FORBIDDEN', '外部机关或当事人的调阅申请由本部门记录管理员或负责人登记', {
          requiredRoles: ['recordsCustodian', 'agencyHead'],
        });
      if (!input.requesterName)
        throw new AppError('VALIDATION_FAILED', '请填写申请人姓名', { issues: [{ path: 'requesterName', message: '必填' }] });
      if (input.requesterKind === 'party' && c.classification === 'secret')
        throw new AppError('FORBIDDEN', '涉密案件的记录不向当事人提供复制（000 §24）');
      if (input.requesterKind === 'external' && !input.organisation)
        throw new AppError('VALIDATION_FAILED', '请填写调阅机关（监察、审判、检察、公安、审计等）', {
          issues: [{ path: 'organisation', message: '必填' }],
        });
    }
    const id = crypto.randomUUID();
    const validUntil = new Date(Date.now() + input.days * 86_400_000);
    await repo.insertAccessRequest(db, {
      id,
      case_id: c.id,
      agency_id: c.agency_id,
      requester_kind: input.requesterKind,
      requester_id: forSelf ? ctx.actor.userId : null,
      requester_name: forSelf ? ctx.actor.displayName : input.requesterName!,
      organisation: input.organisation ?? null,
      purpose: input.purpose,
      scope: input.scope,
      valid_until: validUntil,
      lodged_by: ctx.actor.userId,
      lodged_by_name: ctx.actor.displayName,
    });
    await writeAudit(db, {
      action: 'case.access.request',
      actor: ctx.actor,
      ip: ctx.ip,
      agencyId: c.agency_id,
      subject: c.id,
      details: { requestId: id, kind: input.requesterKind, scope: input.scope, validUntil: validUntil.toISOString() },
    });
    return toView((await repo.findAccessRequest(db, id))!, ctx.actor);
  });
}

export async function decideAccess(ctx: Ctx, id: string, input: { approved: boolean; comment?: string }) {
  return inTransaction(ctx.db, async (db) => {
    const r = await repo.findAccessRequest(db, id);
    if (!r || r.agency_id !== ctx.actor.agencyId) throw notFound('调阅申请');
    assertMayDecideAccess(ctx.actor, r.agency_id);
    if (!input.approved && !input.comment?.trim())
      throw new AppError('VALIDATION_FAILED', '不予批准时请写明理由', { issues: [{ path: 'comment', message: '必填' }] });
    const done = await repo.insertAccessDecision(db, {
      request_id: id,
      agency_id: r.agency_id,
      approved: input.approved,
      comment: input.comment?.trim() || null,
      decided_by: ctx.actor.userId,
      decided_by_name: ctx.actor.displayName,
    });
    if (!done) throw new AppError('ALREADY_DECIDED', '该调阅申请已经审批');
    await writeAudit(db, {
      action: 'case.access.decide',
      actor: ctx.actor,
      ip: ctx.ip,
      agencyId: r.agency_id,
      subject: r.case_id,
      details: { requestId: id, approved: input.approved },
    });
    return toView((await repo.findAccessRequest(db, id))!, ctx.actor);
  });
}

/** The actor's own requests, and for an agency head or custodian all of the agency's (pending first when asked). */
export async function listAccessRequests(ctx: Ctx, q: { pending?: boolean; limit: number }) {
  const agencyWide = seesAgencyAccessRequests(ctx.actor);
  const rows = await repo.listAccessRequests(ctx.db, {
    ...(agencyWide ? { agencyId: ctx.actor.agencyId! } : { requesterOrLodger: ctx.actor.userId }),
    pending: q.pending,
    limit: q.limit,
  });
  return rows.map((r) => toView(r, ctx.actor));
}

export async function accessRequestsOfCase(db: Db, caseId: string, actor: Actor) {
  return (await repo.accessRequestsOfCase(db, caseId)).map((r) => toView(r, actor));
}

/** An access request as `actor` sees it, with what they may do with it. */
export function toView(r: repo.AccessRequestRow, actor: Actor) {
  const status = r.approved === null ? 'pending' : !r.approved ? 'rejected' : r.valid_until.getTime() > Date.now() ? 'approved' : 'expired';
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    agencyId: r.agency_id,
    requesterKind: r.requester_kind,
    requesterName: r.requester_name,
    organisation: r.organisation,
    purpose: r.purpose,
    scope: r.scope,
    validUntil: r.valid_until.toISOString(),
    lodgedBy: r.lodged_by_name,
    lodgedAt: r.lodged_at.toISOString(),
    status: status as 'pending' | 'rejected' | 'approved' | 'expired',
    decision:
      r.approved === null
        ? null
        : { approved: r.approved, comment: r.comment, decidedBy: r.decided_by_name!, decidedAt: r.decided_at!.toISOString() },
    actions: accessRequestActions(actor, { agencyId: r.agency_id, status }),
  };
}

// ---- the access log ----------------------------------------------------------------------------------------------------

/** Every view, document view or download, evidence download and export of the case, newest first. */
export async function caseAccessLog(ctx: Ctx, caseId: string, limit = 500) {
  const c = await repo.findCase(ctx.db, caseId);
  if (!c) throw notFound('案件');
  assertMayReadAccessLog(ctx.actor, caseRef(c));
  const acts = await repo.actsOf(ctx.db, caseId);
  const evidenceIds = acts.flatMap((a) => (a.media as { evidenceId: string }[]).map((m) => m.evidenceId));
  const rows = await repo.accessLog(ctx.db, [caseId, ...new Set(evidenceIds)], limit);
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorUsername: r.actor_username,
    action: r.action as (typeof repo.ACCESS_ACTIONS)[number],
    ip: r.ip,
    subject: r.subject,
    details: r.details,
  }));
}
