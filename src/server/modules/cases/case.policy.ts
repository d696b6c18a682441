// Who may do what with a case (SPEC §1, §3.5). Registering a case: the agency's officers and heads. Recording an
// act: the case's handlers (officers on its team) and the agency's heads; approvals only by the role that signs
// them — the case-unit head approves opening and conclusion, the agency head signs decisions and approves AV
// exceptions. Reading: the handling team and the agency's heads; supervisors of the division read directly
// (003 记录办法 §21(三)). Anyone else needs an access request (调阅), which a later module adds.
import { AppError, notFound } from '../../platform/errors.ts';
import { hasRole, inScope, type Actor, type Role } from '../../platform/access.ts';
import { ACT_TYPES, type ActType } from './case.rules.ts';

export const HANDLER_ROLES: readonly Role[] = ['officer', 'unitHead', 'agencyHead'];
const HEADS: readonly Role[] = ['unitHead', 'agencyHead'];

/** Roles that sign approval acts. */
export const APPROVER_ROLES: Partial<Record<ActType, readonly Role[]>> = {
  opening: ['unitHead', 'agencyHead'],
  decision: ['agencyHead'],
  conclusion: ['unitHead', 'agencyHead'],
};

interface CaseRef { agencyId: string; divisionCode: string; handlerIds: string[] }

/** May the actor read the case? Others get 404 (another agency's case) — never a hint it exists. */
export function assertMayRead(actor: Actor, c: CaseRef): void {
  if (!inScope(actor, c)) throw notFound('案件');
  if (actor.agencyId === c.agencyId) {
    if (hasRole(actor, ...HEADS, 'recordsCustodian', 'reviewer') || c.handlerIds.includes(actor.userId)) return;
    throw new AppError('FORBIDDEN', '您不是本案承办人：查看或复制本案记录须经部门负责人批准调阅', { caseAgency: c.agencyId });
  }
  // in scope but not the agency's own staff: supervisors (and administrators) read directly
  if (hasRole(actor, 'supervisor', 'administrator')) return;
  throw new AppError('FORBIDDEN', '查阅本案记录须依法提出调阅申请');
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
  assertMayRead(actor, c);
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
