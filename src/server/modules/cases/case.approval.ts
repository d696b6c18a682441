// Who may approve a step of a case (审核、决定与办案相分离): the facts the pure rule of case.policy.ts needs — the
// agency's heads, who handled the case, the policy's fallback when the heads handled it themselves — read from the
// database, and the check itself for the services that record approvals (cases, legal review).
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import type { PolicyService } from '../../platform/policy/policy.service.ts';
import type { OfficerCheck } from './case.rules.ts';
import * as repo from './case.repo.ts';
import { approvalVerdict, type Approval, type ApprovalFacts } from './case.policy.ts';

/** Approval acts and acts the legal review writes: recording them is not handling the case. */
const NOT_HANDLING: readonly string[] = ['opening', 'decision', 'conclusion', 'reviewSubmission', 'reviewOpinion', 'reviewHeadDecision'];

/** Everything the approval rule needs about a case (its acts in `rows`). */
export async function approvalFacts(
  db: Db,
  policies: PolicyService,
  c: Pick<repo.CaseRow, 'agency_id' | 'division_code' | 'handler_ids' | 'created_by'>,
  rows: repo.ActRow[],
): Promise<ApprovalFacts> {
  const pack = await policies.forDivision(db, c.division_code);
  const heads = await repo.agencyHeads(db, c.agency_id);
  const handling = rows.filter((r) => !NOT_HANDLING.includes(r.type));
  return {
    // a pack that says nothing refers the approval to the superior department: the strict reading
    fallback: pack.approvals.singleHeadFallback.value ?? 'superior',
    heads: heads.map((h) => ({ id: h.id, name: h.display_name, roles: h.roles, certificateNumber: h.certificate_number })),
    handlers: new Set([...c.handler_ids, c.created_by, ...handling.map((r) => r.recorded_by)]),
    certificates: new Set(handling.flatMap((r) => (r.officers as OfficerCheck[]).map((o) => o.certificateNumber))),
  };
}

/** Throws unless the actor may give this approval (see approvalVerdict); says whether they sign in a head's place. */
export function assertApproval(
  actor: Actor,
  approval: Approval,
  facts: ApprovalFacts,
  authors: readonly string[] = [],
): { substitute: boolean } {
  const v = approvalVerdict(actor, approval, facts, authors);
  if (!v.ok) throw new AppError(v.code, v.message, v.details);
  return { substitute: v.substitute };
}

/** May the actor decide this AV exception, and if not because they took part, why (the case page shows it). */
export function avExceptionVerdict(actor: Actor, approvals: ApprovalFacts, requestedBy: string): { ok: boolean; message: string | null } {
  const v = approvalVerdict(actor, 'avException', approvals, [requestedBy]);
  return v.ok ? { ok: true, message: null } : { ok: false, message: v.code === 'APPROVER_NOT_SEPARATE' ? v.message : null };
}
