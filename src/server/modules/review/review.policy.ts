// Who may do what in a legal review (SPEC §4.3-4.4; 000 §27-32). The agency head assigns a reviewer, or a reviewer
// of the agency takes an unassigned review; only the assigned reviewer works on it (supplements, extension, return,
// the opinion); the case's handlers supply materials and contest the opinion; a head who took no part in the case
// approves the extension and settles a contest (approvalVerdict, 审批与办案相分离). Pure functions: the workflow
// loads the rows and calls these.
import { AppError, notFound } from '../../platform/errors.ts';
import { hasRole, inScope, type Actor } from '../../platform/access.ts';
import { approvalVerdict, type ApprovalFacts, type CaseRef } from '../cases/case.policy.ts';
import type { EventRow, ReviewRow } from './review.repo.ts';
import type { REVIEW_ACTIONS } from './review.schema.ts';

export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** Is the review inside the actor's scope? Outside it the review does not exist (404). */
export const reviewInScope = (actor: Actor, r: Pick<ReviewRow, 'agency_id' | 'division_code'>) =>
  inScope(actor, { agencyId: r.agency_id, divisionCode: r.division_code });

/** The review's case as the case policy sees it (its handlers record and contest). */
export const handlerRef = (r: Pick<ReviewRow, 'agency_id' | 'division_code' | 'handler_ids'>): CaseRef => ({
  agencyId: r.agency_id,
  divisionCode: r.division_code,
  handlerIds: r.handler_ids,
});

export const isHead = (actor: Actor, agencyId: string) => actor.agencyId === agencyId && hasRole(actor, 'agencyHead');

/** Is the actor one of the agency's heads, who give its approvals (approval facts are worth loading only for them)? */
export const mayApproveIn = (actor: Actor, agencyId: string) => actor.agencyId === agencyId && hasRole(actor, 'agencyHead', 'unitHead');

/** The reviewer assigned to this review, and only they, work on it. */
export function assertAssignedReviewer(actor: Actor, r: ReviewRow): void {
  if (!reviewInScope(actor, r)) throw notFound('法制审核');
  if (r.reviewer_id !== actor.userId)
    throw new AppError(
      'FORBIDDEN',
      r.reviewer_id ? `本次审核由${r.reviewer_name}承担，只有承担审核的法制审核人员可以办理` : '本次审核尚未分配审核人员',
      { requiredRoles: ['reviewer'] },
    );
}

/** A head of the agency (who among them may approve is approvalVerdict's to say: a unit head may stand in). */
export function assertHeadOrDeputy(actor: Actor, r: ReviewRow, what: string): void {
  if (!reviewInScope(actor, r)) throw notFound('法制审核');
  if (!mayApproveIn(actor, r.agency_id))
    throw new AppError('FORBIDDEN', `${what}须由行政执法部门负责人决定`, { requiredRoles: ['agencyHead'] });
}

/**
 * The agency head assigns a reviewer; a reviewer of the agency may take the review themself (领取) unless another
 * already holds it. Returns whether the actor takes it themself.
 */
export function assertMayAssign(actor: Actor, r: ReviewRow, reviewerId: string): { self: boolean } {
  const self = reviewerId === actor.userId && hasRole(actor, 'reviewer') && actor.agencyId === r.agency_id;
  if (!self && !isHead(actor, r.agency_id))
    throw new AppError('FORBIDDEN', '法制审核人员由部门负责人指派，或由法制审核人员本人领取', {
      requiredRoles: ['agencyHead', 'reviewer'],
    });
  if (self && r.reviewer_id && r.reviewer_id !== actor.userId) throw new AppError('REVIEW_STATE', `本次审核已由${r.reviewer_name}承担`);
  return { self };
}

/**
 * Which reviews the actor's list holds: reviewers, heads and supervisors see every review in scope, officers the
 * reviews of cases they handle; a classified case (000 §24) is listed to the heads, supervisors, its team and its
 * assigned reviewer only.
 */
export function reviewListing(actor: Actor) {
  return {
    wide: hasRole(actor, 'reviewer', 'agencyHead', 'unitHead', 'supervisor', 'administrator'),
    classifiedToo: hasRole(actor, 'agencyHead', 'unitHead', 'supervisor', 'administrator'),
    reviewer: hasRole(actor, 'reviewer'),
  };
}

/**
 * What the actor may do now, and the head's approvals they may not give with the reason (审批与办案相分离; the page
 * shows them disabled). `approvals` is given for the agency's heads (mayApproveIn).
 */
export function reviewActions(actor: Actor, r: ReviewRow, events: EventRow[], approvals: ApprovalFacts | null) {
  const out: ReviewAction[] = [];
  const blocked: { action: ReviewAction; reason: string }[] = [];
  const own = actor.agencyId === r.agency_id;
  if (!own) return { actions: out, blocked };
  const head = hasRole(actor, 'agencyHead');
  // the head's approvals: an uninvolved agency head, or the unit head standing in where the policy says so
  const approve = (action: ReviewAction, approval: 'reviewExtension' | 'reviewHeadDecision', authors: (string | null)[]) => {
    if (!approvals) return;
    const v = approvalVerdict(
      actor,
      approval,
      approvals,
      authors.filter((a): a is string => !!a),
    );
    if (v.ok) out.push(action);
    else if (v.code === 'APPROVER_NOT_SEPARATE') blocked.push({ action, reason: v.message });
  };
  const assigned = r.reviewer_id === actor.userId;
  const handler = hasRole(actor, 'unitHead', 'agencyHead') || (hasRole(actor, 'officer') && r.handler_ids.includes(actor.userId));
  const open = r.state === 'submitted' || r.state === 'reviewing' || r.state === 'supplementing';
  if (open && head) out.push('assign');
  if (open && hasRole(actor, 'reviewer') && !r.reviewer_id) out.push('claim');
  if (assigned && r.state === 'reviewing') out.push('requestSupplement', 'opinion');
  if (assigned && (r.state === 'reviewing' || r.state === 'supplementing')) {
    out.push('return');
    const asked = events.some((e) => e.kind === 'extensionRequested');
    if (!r.extended && !asked && r.extension_working_days > 0) out.push('requestExtension');
  }
  const pending = events.filter((e) => e.kind === 'extensionRequested').at(-1);
  if (open && pending && !events.some((d) => d.kind === 'extensionDecided' && d.seq > pending.seq))
    approve('decideExtension', 'reviewExtension', [pending.actor_id]);
  if (handler && r.state === 'supplementing') out.push('supply');
  if (handler && r.state === 'opinionIssued') out.push('contest');
  if (r.state === 'contested')
    approve('headDecision', 'reviewHeadDecision', [events.filter((e) => e.kind === 'contested').at(-1)?.actor_id ?? null, r.submitted_by]);
  return { actions: out, blocked };
}
