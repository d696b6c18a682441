// AV exceptions (未音像记录的书面说明): an act that needs AV but has none, or only part of it, is recorded with a
// written explanation that a head of the agency approves (000 §19; 003 记录办法 §20(二)) — a head who neither asked
// for it nor handled the case (000 §25-§32).
import crypto from 'node:crypto';
import { AppError, notFound } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit.ts';
import { inTransaction, type Ctx } from '../../platform/context.ts';
import type { PolicyService } from '../../platform/policy/policy.service.ts';
import * as repo from './case.repo.ts';
import { assertMayDecideAvException, assertMayHandle } from './case.policy.ts';
import { approvalFacts, assertApproval } from './case.approval.ts';
import type { ActType } from './case.rules.ts';

const refOf = (c: repo.CaseRow) => ({
  agencyId: c.agency_id,
  divisionCode: c.division_code,
  handlerIds: c.handler_ids,
  classification: c.classification,
});

export async function requestAvException(ctx: Ctx, caseId: string, input: { actType: ActType; reason: string }) {
  return inTransaction(ctx.db, async (db) => {
    const c = await repo.findCase(db, caseId);
    if (!c) throw notFound('案件');
    assertMayHandle(ctx.actor, refOf(c));
    const id = crypto.randomUUID();
    await repo.insertAvException(db, {
      id,
      case_id: caseId,
      agency_id: c.agency_id,
      act_type: input.actType,
      reason: input.reason,
      requested_by: ctx.actor.userId,
      requested_by_name: ctx.actor.displayName,
    });
    await writeAudit(db, {
      action: 'case.avException.request',
      actor: ctx.actor,
      ip: ctx.ip,
      agencyId: c.agency_id,
      subject: id,
      details: { caseId, actType: input.actType },
    });
    return { id };
  });
}

export async function decideAvException(
  ctx: Ctx,
  deps: { policies: PolicyService },
  id: string,
  input: { approved: boolean; comment?: string },
) {
  return inTransaction(ctx.db, async (db) => {
    const e = await repo.findAvException(db, id);
    if (!e || e.agency_id !== ctx.actor.agencyId) throw notFound('未音像记录说明');
    assertMayDecideAvException(ctx.actor, e.agency_id);
    // approved by a head who neither asked for it nor handled the case (003 记录办法 §20(二); 000 §25-§32)
    const c = (await repo.findCase(db, e.case_id))!;
    const { substitute } = assertApproval(
      ctx.actor,
      'avException',
      await approvalFacts(db, deps.policies, c, await repo.actsOf(db, c.id)),
      [e.requested_by],
    );
    if (!input.approved && !input.comment?.trim())
      throw new AppError('VALIDATION_FAILED', '不予批准时请写明理由', { issues: [{ path: 'comment', message: '不予批准时请写明理由' }] });
    const done = await repo.insertAvExceptionDecision(db, {
      exception_id: id,
      agency_id: e.agency_id,
      approved: input.approved,
      comment: input.comment?.trim() || null,
      decided_by: ctx.actor.userId,
      decided_by_name: ctx.actor.displayName,
    });
    if (!done) throw new AppError('ALREADY_DECIDED', '该说明已经审批');
    await writeAudit(db, {
      action: 'case.avException.decide',
      actor: ctx.actor,
      ip: ctx.ip,
      agencyId: e.agency_id,
      subject: id,
      details: { approved: input.approved, ...(substitute ? { substitute: true } : {}) },
    });
    return { id, approved: input.approved };
  });
}
