// Who may draft and who may approve registry versions (002 公示办法 §30: reviewed before publication).
// Drafting: the agency's disclosure editors and its head. Approving: the same roles, but never the draft's author;
// the author withdraws their own draft. Law changes are drafted by the same people as the records they affect.
import { AppError, notFound } from '../../platform/errors.ts';
import { hasRole, type Actor } from '../../platform/access.ts';
import type { LAW_CHANGE_ACTIONS, RECORD_ACTIONS, VERSION_ACTIONS } from './record.schema.ts';

export const DRAFT_ROLES = ['disclosureEditor', 'agencyHead'] as const;
export const REVIEW_ROLES = ['disclosureEditor', 'agencyHead'] as const;

export type RecordAction = (typeof RECORD_ACTIONS)[number];
export type VersionAction = (typeof VERSION_ACTIONS)[number];
export type LawChangeAction = (typeof LAW_CHANGE_ACTIONS)[number];

/** May the actor draft the agency's records (new, revised, retired) and record its law changes? */
export const mayDraft = (actor: Actor, agencyId: string) => actor.agencyId === agencyId && hasRole(actor, ...DRAFT_ROLES);

/** May the actor approve or send back a draft of the agency's (a second person: never its author)? */
export const mayReview = (actor: Actor, agencyId: string, authorId: string) =>
  actor.agencyId === agencyId && hasRole(actor, ...REVIEW_ROLES) && actor.userId !== authorId;

export function assertMayDraft(actor: Actor, agencyId: string): void {
  if (actor.agencyId !== agencyId) {
    // another agency's record is not found; a supervisor in scope may read but not write
    if (!actor.agencyId) throw new AppError('FORBIDDEN', '只有本部门的公示审核员或负责人可以登记和修改公示信息');
    throw notFound('执法部门');
  }
  if (!mayDraft(actor, agencyId))
    throw new AppError('FORBIDDEN', '只有公示审核员或部门负责人可以登记和修改公示信息', { requiredRoles: DRAFT_ROLES });
}

export function assertMayReview(actor: Actor, agencyId: string, authorId: string): void {
  if (actor.agencyId !== agencyId) {
    if (!actor.agencyId) throw new AppError('FORBIDDEN', '只有本部门的公示审核员或负责人可以审核公示信息');
    throw notFound('版本');
  }
  if (!hasRole(actor, ...REVIEW_ROLES))
    throw new AppError('FORBIDDEN', '只有公示审核员或部门负责人可以审核公示信息', { requiredRoles: REVIEW_ROLES });
  if (!mayReview(actor, agencyId, authorId))
    throw new AppError('SELF_REVIEW_FORBIDDEN', '公示信息须由起草人以外的另一人审核（未经审查不得发布）');
}

/**
 * What the actor may do with a listed record: revise it (a new version; re-publish a retired one) and retire a
 * published one (not the agency profile, which is only revised). A pending version blocks both until it is decided.
 */
export function recordActions(actor: Actor, r: { agencyId: string; kind: string; published: boolean }): RecordAction[] {
  if (!mayDraft(actor, r.agencyId)) return [];
  return r.kind !== 'agencyProfile' && r.published ? ['revise', 'retire'] : ['revise'];
}

/** What the actor may do with a draft awaiting review: approve or send it back (another person), withdraw it (its author). */
export function versionActions(actor: Actor, v: { agencyId: string; authorId: string }): VersionAction[] {
  const out: VersionAction[] = mayReview(actor, v.agencyId, v.authorId) ? ['approve', 'reject'] : [];
  if (v.authorId === actor.userId) out.push('withdraw');
  return out;
}

/** What the actor may do with a law change: revise the records it affects (the agency's drafters). */
export const lawChangeActions = (actor: Actor, c: { agencyId: string }): LawChangeAction[] =>
  mayDraft(actor, c.agencyId) ? ['reviseItems'] : [];
