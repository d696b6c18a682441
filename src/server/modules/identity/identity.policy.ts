// Who may manage identities, and which bindings a set of roles needs (SPEC §1).
import { AppError } from '../../platform/errors.ts';
import { DIVISION_ROLES, hasRole, type Actor, type Role } from '../../platform/access.ts';

/** Supervisors and external authorities act for a division; administrators for the deployment (or a division); the rest for one agency. */
export function requiredBinding(roles: Role[]): 'division' | 'agency' | 'optionalDivision' {
  const divisionBound = roles.filter((r) => DIVISION_ROLES.includes(r));
  const agencyBound = roles.filter((r) => r !== 'administrator' && !DIVISION_ROLES.includes(r));
  if (divisionBound.length && agencyBound.length)
    throw new AppError(
      'INVALID_ROLE_BINDING',
      `角色 ${divisionBound.join('、')} 属于行政区划，不能与本部门角色 ${agencyBound.join('、')} 同时授予`,
    );
  if (agencyBound.length) return 'agency';
  if (divisionBound.length) return 'division';
  return 'optionalDivision';
}

export function assertBinding(roles: Role[], agencyId: string | null, divisionCode: string | null): void {
  const need = requiredBinding(roles);
  if (need === 'agency' && (!agencyId || divisionCode))
    throw new AppError('INVALID_ROLE_BINDING', '部门角色的用户必须且只能绑定一个执法部门（agencyId）');
  if (need === 'division' && (!divisionCode || agencyId))
    throw new AppError('INVALID_ROLE_BINDING', '监督人员和外部调阅机关必须且只能绑定一个行政区划（divisionCode）');
  if (need === 'optionalDivision' && agencyId)
    throw new AppError('INVALID_ROLE_BINDING', '系统管理员不绑定执法部门，可不绑定或绑定行政区划');
}

export const canManageUsers = (actor: Actor) => hasRole(actor, 'administrator');
export const canReadUsers = (actor: Actor) => hasRole(actor, 'administrator', 'supervisor', 'agencyHead');
