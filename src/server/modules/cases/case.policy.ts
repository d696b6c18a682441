// Who may do what with a case (SPEC §1, §3.5). Registering a case: the agency's officers and heads. Recording an
// act: the case's handlers (officers on its team) and the agency's heads; approvals only by the role that signs
// them — the case-unit head approves opening and conclusion, the agency head signs decisions and approves AV
// exceptions. Reading: see directAccess; anyone else needs an approved access request (调阅).
import { AppError, notFound } from '../../platform/errors.ts';
import { hasRole, inScope, type Actor, type Role } from '../../platform/access.ts';
import { ACT_TYPES, APPROVER_ROLES, type ActType } from './case.rules.ts';

export { APPROVER_ROLES };

export const HANDLER_ROLES: readonly Role[] = ['officer', 'unitHead', 'agencyHead'];
const HEADS: readonly Role[] = ['unitHead', 'agencyHead'];


export interface CaseRef { agencyId: string; divisionCode: string; handlerIds: string[]; classification?: 'normal' | 'private' | 'secret' }

export type AccessLevel = 'view' | 'copy';

/**
 * What the actor may do with a case's records without an access request (调阅): the handling team, the agency's
 * heads and its records custodian view and copy; the agency's legal reviewers view; supervisors of the division
 * (and deployment administrators) read and copy directly (003 记录办法 §21(三)). Everyone else needs an approved
 * request. A classified case (涉密、涉及个人隐私) narrows this to the handling team and the heads; supervisors read.
 */
export function directAccess(actor: Actor, c: CaseRef): AccessLevel | null {
  if (!inScope(actor, c)) return null;
  const classified = c.classification === 'private' || c.classification === 'secret';
  if (actor.agencyId === c.agencyId) {
    if (c.handlerIds.includes(actor.userId) || hasRole(actor, ...HEADS)) return 'copy';
    // a classified case (000 §24) is read directly only by its handling team and the heads who approve its steps
    if (classified) return null;
    if (hasRole(actor, 'recordsCustodian')) return 'copy';
    return hasRole(actor, 'reviewer') ? 'view' : null;
  }
  if (!hasRole(actor, 'supervisor', 'administrator')) return null;
  // supervisors read every case of their division; copying a classified one needs an approved request
  return classified ? 'view' : 'copy';
}

/**
 * Throws unless the actor may `need` (view, or copy = download/export) the case's records, directly or through an
 * approved, unexpired access request (`granted`). Outside the actor's scope the case does not exist (404).
 */
export function assertAccess(actor: Actor, c: CaseRef, need: AccessLevel, granted: AccessLevel | null): void {
  if (!inScope(actor, c)) throw notFound('案件');
  const have = [directAccess(actor, c), granted];
  if (have.includes('copy') || (need === 'view' && have.includes('view'))) return;
  throw new AppError('ACCESS_REQUEST_REQUIRED', need === 'view'
    ? '您不是本案承办人员：查看本案记录须提出调阅申请，经部门负责人批准后方可查看（003 记录办法 §21）'
    : '下载、复制本案记录须提出调阅（复制）申请，经部门负责人批准后方可进行（000 §24；003 记录办法 §21）', { need, granted });
}

/** May the actor read the case (directly or by an approved request)? */
export const assertMayRead = (actor: Actor, c: CaseRef, granted: AccessLevel | null = null) => assertAccess(actor, c, 'view', granted);

/** Access requests are decided by the agency head (003 记录办法 §21(二)); the records custodian lodges them for others. */
export function assertMayDecideAccess(actor: Actor, agencyId: string): void {
  if (actor.agencyId !== agencyId || !hasRole(actor, 'agencyHead'))
    throw new AppError('FORBIDDEN', '调阅申请须由部门负责人批准（003 记录办法 §21(二)）', { requiredRoles: ['agencyHead'] });
}

/** Who may read a case's access log: the agency's heads and records custodian, and supervisors (SPEC §3.5). */
export function assertMayReadAccessLog(actor: Actor, c: CaseRef): void {
  if (!inScope(actor, c)) throw notFound('案件');
  const own = actor.agencyId === c.agencyId && hasRole(actor, ...HEADS, 'recordsCustodian');
  if (!own && !hasRole(actor, 'supervisor', 'administrator'))
    throw new AppError('FORBIDDEN', '访问日志仅部门负责人、记录管理员和监督人员可以查看', { requiredRoles: [...HEADS, 'recordsCustodian', 'supervisor'] });
}

export function assertMayRegister(actor: Actor, agencyId: string): void {
  if (actor.agencyId !== agencyId) {
    if (!actor.agencyId) throw new AppError('FORBIDDEN', '只有执法部门的执法人员可以登记案件');
    throw notFound('执法部门');
  }
  if (!hasRole(actor, ...HANDLER_ROLES)) throw new AppError('FORBIDDEN', '只有执法人员或承办机构、部门负责人可以登记案件', { requiredRoles: HANDLER_ROLES });
}

export function assertMayRecord(actor: Actor, c: CaseRef, type: ActType): void {
  const approvers = APPROVER_ROLES[type];
  if (!approvers) return assertMayHandle(actor, c);
  assertOwnAgency(actor, c);
  if (!hasRole(actor, ...approvers))
    throw new AppError('FORBIDDEN', `“${ACT_TYPES[type].label}”须由${approvers.includes('unitHead') ? '承办机构负责人或部门负责人' : '部门负责人'}记录`, { requiredRoles: approvers });
}

/** Readers from outside the agency (supervisors) never write to its cases. */
function assertOwnAgency(actor: Actor, c: CaseRef): void {
  if (!inScope(actor, c)) throw notFound('案件');
  if (actor.agencyId !== c.agencyId) throw new AppError('FORBIDDEN', '监督人员只能查阅案件，不能记录执法行为');
}

/** The case's handlers (officers on its team) and the agency's heads record its acts and ask for AV exceptions. */
export function assertMayHandle(actor: Actor, c: CaseRef): void {
  assertOwnAgency(actor, c);
  if (hasRole(actor, ...HEADS)) return;
  if (!hasRole(actor, 'officer') || !c.handlerIds.includes(actor.userId))
    throw new AppError('FORBIDDEN', '只有本案承办人可以记录执法行为', { requiredRoles: HANDLER_ROLES });
}

export function assertMayDecideAvException(actor: Actor, agencyId: string): void {
  if (actor.agencyId !== agencyId || !hasRole(actor, 'agencyHead'))
    throw new AppError('FORBIDDEN', '未音像记录的书面说明须由部门负责人批准（003 记录办法 §20(二)）', { requiredRoles: ['agencyHead'] });
}
