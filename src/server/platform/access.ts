// Who is acting, and what they may see. The scope rule lives here and nowhere else:
// an administrator sees the whole deployment, a supervisor (and an external authority) its division subtree,
// everyone else their own agency. Objects outside the scope are reported as not found (404), never 403,
// so that ids of other agencies' objects cannot be probed.
import { sql, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { AppError, notFound } from './errors.ts';
import { divisionPrefix } from './codes.ts';

export { ROLES, ROLE_LABELS, DIVISION_ROLES, type Role } from '../../shared/roles.ts';
import type { Role } from '../../shared/roles.ts';

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  agencyId: string | null;
  divisionCode: string | null;
  /** How the request authenticated. */
  via: 'session' | 'token' | 'cli';
}

/** The operator at the command line: the built-in, login-less `system` administrator. */
export const SYSTEM_USER_ID = '00000000-0000-4000-8000-000000000001';
export const cliActor = (): Actor => ({
  userId: SYSTEM_USER_ID,
  username: 'system',
  displayName: '系统（命令行）',
  roles: ['administrator'],
  agencyId: null,
  divisionCode: null,
  via: 'cli',
});

export type Scope =
  { kind: 'all' } | { kind: 'division'; divisionCode: string; prefix: string } | { kind: 'agency'; agencyId: string } | { kind: 'none' };

export function scopeOf(actor: Actor): Scope {
  if (actor.roles.includes('administrator') && !actor.agencyId && !actor.divisionCode) return { kind: 'all' };
  if (actor.divisionCode) return { kind: 'division', divisionCode: actor.divisionCode, prefix: divisionPrefix(actor.divisionCode) };
  if (actor.agencyId) return { kind: 'agency', agencyId: actor.agencyId };
  return { kind: 'none' };
}

export const hasRole = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.includes(r));

export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!hasRole(actor, ...roles)) throw new AppError('FORBIDDEN', '当前角色无权执行此操作', { requiredRoles: roles });
}

/** Is an object of `agency` (with its division code) inside the actor's scope? */
export function inScope(actor: Actor, agency: { agencyId: string; divisionCode: string }): boolean {
  const scope = scopeOf(actor);
  switch (scope.kind) {
    case 'all':
      return true;
    case 'division':
      return agency.divisionCode.startsWith(scope.prefix);
    case 'agency':
      return agency.agencyId === scope.agencyId;
    case 'none':
      return false;
  }
}

export function assertInScope(actor: Actor, agency: { agencyId: string; divisionCode: string }, what = '对象'): void {
  if (!inScope(actor, agency)) throw notFound(what);
}

/** Is a division (and so its subtree) visible to the actor? Agency-bound actors see only their agency's division. */
export function divisionInScope(actor: Actor, divisionCode: string, agencyDivision?: string | null): boolean {
  const scope = scopeOf(actor);
  if (scope.kind === 'all') return true;
  if (scope.kind === 'division') return divisionCode.startsWith(scope.prefix);
  if (scope.kind === 'agency') return divisionCode === agencyDivision;
  return false;
}

/**
 * Restrict a query to the actor's scope, given the query's agency-id and division-code columns.
 * Every list endpoint goes through this.
 */
export function whereInScope<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  actor: Actor,
  columns: { agencyId: string; divisionCode: string },
): SelectQueryBuilder<DB, TB, O> {
  const scope = scopeOf(actor);
  switch (scope.kind) {
    case 'all':
      return qb;
    case 'division':
      return qb.where(sql<SqlBool>`${sql.ref(columns.divisionCode)} like ${`${scope.prefix}%`}`);
    case 'agency':
      return qb.where(sql<SqlBool>`${sql.ref(columns.agencyId)} = ${scope.agencyId}`);
    case 'none':
      return qb.where(sql<SqlBool>`${false}`);
  }
}
