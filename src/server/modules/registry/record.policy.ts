// Who may draft and who may approve registry versions (002 公示办法 §30: reviewed before publication).
// Drafting: the agency's disclosure editors and its head. Approving: the same roles, but never the draft's author.
import { AppError, notFound } from '../../platform/errors.ts';
import { hasRole, type Actor } from '../../platform/access.ts';

export const DRAFT_ROLES = ['disclosureEditor', 'agencyHead'] as const;
export const REVIEW_ROLES = ['disclosureEditor', 'agencyHead'] as const;

export function assertMayDraft(actor: Actor, agencyId: string): void {
  if (actor.agencyId !== agencyId) {
    // another agency's record is not found; a supervisor in scope may read but not write
    if (!actor.agencyId) throw new AppError('FORBIDDEN', '只有本部门的公示审核员或负责人可以登记和修改公示信息');
    throw notFound('执法部门');
  }
  if (!hasRole(actor, ...DRAFT_ROLES)) throw new AppError('FORBIDDEN', '只有公示审核员或部门负责人可以登记和修改公示信息', { requiredRoles: DRAFT_ROLES });
}

export function assertMayReview(actor: Actor, agencyId: string, authorId: string): void {
  if (actor.agencyId !== agencyId) {
    if (!actor.agencyId) throw new AppError('FORBIDDEN', '只有本部门的公示审核员或负责人可以审核公示信息');
    throw notFound('版本');
  }
  if (!hasRole(actor, ...REVIEW_ROLES)) throw new AppError('FORBIDDEN', '只有公示审核员或部门负责人可以审核公示信息', { requiredRoles: REVIEW_ROLES });
  if (actor.userId === authorId) throw new AppError('SELF_REVIEW_FORBIDDEN', '公示信息须由起草人以外的另一人审核（未经审查不得发布）');
}
