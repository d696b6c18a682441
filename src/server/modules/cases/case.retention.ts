// Retention and destruction of a case's media records (SPEC §3.5; 000 §23 不得在法定保存期限内销毁; 003 记录办法 §21):
// nothing can be destroyed inside its retention period or when the records are permanent; after the period the
// records custodian asks, the agency head (not the same person) approves, and the approval is a ledger entry that
// names every destroyed file and its hash. The evidence metadata stays; the bytes go from the store.
import crypto from 'node:crypto';
import canonicalize from 'canonicalize';
import { AppError, notFound } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit.ts';
import { hasRole, inScope } from '../../platform/access.ts';
import { inTransaction, type Ctx } from '../../platform/context.ts';
import { shanghaiDate } from '../../platform/calendar/calendar.dates.ts';
import type { BlobStore } from '../../platform/blob-store/index.ts';
import type { LedgerService } from '../ledger/ledger.service.ts';
import * as repo from './case.repo.ts';
import { checkDestruction, type Stage } from './case.rules.ts';
import { caseRef } from './case.access.ts';
import { mayRequestDestruction, type CaseActionFacts } from './case.policy.ts';

/** What the case policy needs to know of a case's retention to say who may ask for or approve destruction now. */
export const retentionFacts = (c: repo.CaseRow, latest: { approved: boolean | null } | undefined): CaseActionFacts => ({
  stage: c.stage,
  retentionUntil: c.retention_until,
  retentionPermanent: c.retention_permanent,
  destroyed: c.destroyed_at !== null,
  destructionPending: !!latest && latest.approved === null,
});

const refusalOf = (c: repo.CaseRow) =>
  checkDestruction(
    {
      stage: c.stage as Stage,
      retentionPermanent: c.retention_permanent,
      retentionUntil: c.retention_until,
      destroyed: c.destroyed_at !== null,
    },
    shanghaiDate(),
  );

export async function requestDestruction(ctx: Ctx, caseId: string, input: { reason: string }) {
  return inTransaction(ctx.db, async (db) => {
    const c = await repo.findCase(db, caseId, true);
    if (!c || !inScope(ctx.actor, caseRef(c))) throw notFound('案件');
    if (!mayRequestDestruction(ctx.actor, c.agency_id))
      throw new AppError('FORBIDDEN', '销毁申请由本部门记录管理员或负责人提出', { requiredRoles: ['recordsCustodian', 'agencyHead'] });
    const refusal = refusalOf(c);
    if (refusal) throw new AppError(refusal.code, refusal.message, { retentionUntil: c.retention_until, permanent: c.retention_permanent });
    const last = await repo.latestDestruction(db, caseId);
    if (last && last.approved === null) throw new AppError('CONFLICT', '已有待批准的销毁申请');
    const id = crypto.randomUUID();
    await repo.insertDestruction(db, {
      id,
      case_id: caseId,
      agency_id: c.agency_id,
      reason: input.reason,
      requested_by: ctx.actor.userId,
      requested_by_name: ctx.actor.displayName,
    });
    await writeAudit(db, {
      action: 'case.destruction.request',
      actor: ctx.actor,
      ip: ctx.ip,
      agencyId: c.agency_id,
      subject: caseId,
      details: { requestId: id },
    });
    return { id };
  });
}

export async function decideDestruction(
  ctx: Ctx,
  deps: { ledger: LedgerService; blobs: BlobStore },
  id: string,
  input: { approved: boolean; comment?: string },
) {
  const done = await inTransaction(ctx.db, async (db) => {
    const r = await repo.findDestruction(db, id);
    if (!r || r.agency_id !== ctx.actor.agencyId) throw notFound('销毁申请');
    if (!hasRole(ctx.actor, 'agencyHead')) throw new AppError('FORBIDDEN', '销毁须经部门负责人批准', { requiredRoles: ['agencyHead'] });
    if (r.approved !== null) throw new AppError('ALREADY_DECIDED', '该销毁申请已经审批');
    if (r.requested_by === ctx.actor.userId) throw new AppError('SELF_REVIEW_FORBIDDEN', '不能批准本人提出的销毁申请');
    if (!input.approved && !input.comment?.trim())
      throw new AppError('VALIDATION_FAILED', '不予批准时请写明理由', { issues: [{ path: 'comment', message: '必填' }] });
    const c = (await repo.findCase(db, r.case_id, true))!;
    let files: { evidenceId: string; sha256: string }[] = [];
    let ledgerRef: number | null = null;
    if (input.approved) {
      // the case may have become permanent (a lawsuit recorded) since the request
      const refusal = refusalOf(c);
      if (refusal) throw new AppError(refusal.code, refusal.message);
      const acts = await repo.actsOf(db, c.id);
      const ids = [...new Set(acts.flatMap((a) => (a.media as { evidenceId: string }[]).map((m) => m.evidenceId)))];
      files = (await repo.evidenceOf(db, c.agency_id, ids)).map((e) => ({ evidenceId: e.id, sha256: e.sha256 }));
      const record = canonicalize({
        v: 1,
        kind: 'case.destroy',
        caseId: c.id,
        destructionId: id,
        reason: r.reason,
        requestedBy: r.requested_by_name,
        approvedBy: ctx.actor.username,
        files,
      })!;
      const [entry] = await deps.ledger.append(db, [
        {
          kind: 'case.destroy',
          subject: c.id,
          contentHash: deps.ledger.contentHash(record),
          agencyId: c.agency_id,
          actor: ctx.actor.username,
        },
      ]);
      ledgerRef = entry!.ref;
      await repo.insertEvidenceDestructions(
        db,
        files.map((f) => ({ evidence_id: f.evidenceId, agency_id: c.agency_id, destruction_id: id })),
      );
      await repo.markDestroyed(db, c.id);
    }
    const decided = await repo.insertDestructionDecision(db, {
      request_id: id,
      agency_id: r.agency_id,
      approved: input.approved,
      comment: input.comment?.trim() || null,
      decided_by: ctx.actor.userId,
      decided_by_name: ctx.actor.displayName,
      ledger_ref: ledgerRef,
    });
    if (!decided) throw new AppError('ALREADY_DECIDED', '该销毁申请已经审批');
    await writeAudit(db, {
      action: 'case.destruction.decide',
      actor: ctx.actor,
      ip: ctx.ip,
      agencyId: r.agency_id,
      subject: r.case_id,
      details: { requestId: id, approved: input.approved, files: files.length },
    });
    return files;
  });
  // After commit: remove the bytes no other (undestroyed) evidence file holds. A crash here leaves bytes that a
  // later sweep may remove; the destruction itself is already recorded and the files are no longer served.
  const held = await repo.blobsStillHeld(
    ctx.db,
    done.map((f) => f.sha256),
  );
  for (const sha of new Set(done.map((f) => f.sha256))) if (!held.has(sha)) await deps.blobs.delete(sha);
  return { id, approved: input.approved, destroyed: done.length };
}
