// Users, sessions and API tokens: login/logout, who is calling, and the administrator's user and token management.
import crypto from 'node:crypto';
import { AppError, notFound } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit.ts';
import { inTransaction, type Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { inScope, divisionInScope, requireRole, scopeOf, SYSTEM_USER_ID, type Actor, type Role } from '../../platform/access.ts';
import * as repo from './identity.repo.ts';
import { assertStrongPassword, hashPassword, verifyPassword } from './password.ts';
import { assertBinding, canManageUsers, canReadUsers } from './identity.policy.ts';
import type { CreateUserInput, SessionUser, UserView } from './identity.schema.ts';
import { capabilitiesOf } from '../../platform/capabilities.ts';

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const randomToken = () => crypto.randomBytes(32).toString('base64url');
export const TOKEN_PREFIX = 'sx_';

export interface LoginOptions {
  ip: string | null;
  userAgent: string | null;
  sessionTtlHours: number;
  /** Failed attempts on one username within 15 minutes before further attempts are refused. */
  maxFailuresPerUser?: number;
}

export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  user: SessionUser;
}

/** The signed-in user as the back office sees them: their view and what they may open and do. */
const sessionUserOf = (u: repo.UserRow): SessionUser => ({
  ...repo.toUserView(u),
  capabilities: capabilitiesOf(repo.toActor(u, 'session')),
});

export async function login(db: Db, username: string, password: string, o: LoginOptions): Promise<LoginResult> {
  const fail = async (reason: string, userId: string | null = null) => {
    await writeAudit(db, {
      action: 'auth.login',
      outcome: 'failure',
      actor: userId ? { userId, username } : null,
      username,
      subject: username,
      ip: o.ip,
      details: { reason },
    });
  };
  const since = new Date(Date.now() - 15 * 60_000);
  if ((await repo.countRecentLoginFailures(db, username, since)) >= (o.maxFailuresPerUser ?? 10)) {
    await fail('locked');
    throw new AppError('RATE_LIMITED', '该账号登录失败次数过多，请 15 分钟后再试或联系管理员');
  }
  const found = await repo.findUserForLogin(db, username);
  const ok = await verifyPassword(found?.password_hash ?? null, password);
  if (!found || !ok || found.disabled) {
    await fail(!found ? 'unknownUser' : !ok ? 'wrongPassword' : 'disabled', found?.id ?? null);
    throw new AppError('INVALID_CREDENTIALS', '用户名或密码错误');
  }
  const sessionToken = randomToken();
  const csrfToken = randomToken();
  await repo.insertSession(db, {
    idHash: sha256(sessionToken),
    userId: found.id,
    csrfToken,
    expiresAt: new Date(Date.now() + o.sessionTtlHours * 3600_000),
    ip: o.ip,
    userAgent: o.userAgent,
  });
  const row = (await repo.findUserById(db, found.id))!;
  await writeAudit(db, {
    action: 'auth.login',
    actor: { userId: found.id, username },
    subject: username,
    ip: o.ip,
    agencyId: row.agency_id,
  });
  return { sessionToken, csrfToken, user: sessionUserOf(row) };
}

export async function logout(db: Db, sessionToken: string, actor: Actor, ip: string | null): Promise<void> {
  await repo.revokeSession(db, sha256(sessionToken));
  await writeAudit(db, { action: 'auth.logout', actor, subject: actor.username, ip });
}

export async function authenticateSession(db: Db, sessionToken: string): Promise<{ actor: Actor; csrfToken: string } | null> {
  const s = await repo.findLiveSession(db, sha256(sessionToken));
  if (!s) return null;
  const u = await repo.findUserById(db, s.user_id);
  if (!u || u.disabled) return null;
  return { actor: repo.toActor(u, 'session'), csrfToken: s.csrf_token };
}

export async function authenticateBearer(db: Db, token: string): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const t = await repo.findLiveToken(db, sha256(token));
  if (!t) return null;
  const u = await repo.findUserById(db, t.user_id);
  if (!u || u.disabled) return null;
  return repo.toActor(u, 'token');
}

export async function getSessionUser(db: Db, id: string): Promise<SessionUser> {
  const u = await repo.findUserById(db, id);
  if (!u) throw notFound('用户');
  return sessionUserOf(u);
}

export async function getUserView(db: Db, id: string): Promise<UserView> {
  const u = await repo.findUserById(db, id);
  if (!u) throw notFound('用户');
  return repo.toUserView(u);
}

// User management -------------------------------------------------------------------------------------

async function userInScope(ctx: Ctx, id: string) {
  const u = await repo.findUserById(ctx.db, id);
  const division = u?.division_code ?? u?.agency_division_code ?? null;
  const visible =
    u &&
    (u.agency_id
      ? inScope(ctx.actor, { agencyId: u.agency_id, divisionCode: u.agency_division_code! })
      : division
        ? divisionInScope(ctx.actor, division)
        : inScope(ctx.actor, { agencyId: '', divisionCode: '' })); /* deployment-wide admin: only 'all' sees it */
  if (!u || !visible) throw notFound('用户');
  return u;
}

export async function listUsers(ctx: Ctx, f: { q?: string; role?: Role; agencyId?: string }): Promise<UserView[]> {
  if (!canReadUsers(ctx.actor)) throw new AppError('FORBIDDEN', '当前角色无权查看用户');
  return (await repo.listUsers(ctx.db, ctx.actor, f)).map(repo.toUserView);
}

export async function createUser(ctx: Ctx, input: CreateUserInput): Promise<UserView> {
  if (!canManageUsers(ctx.actor)) throw new AppError('FORBIDDEN', '只有系统管理员可以创建用户');
  const agencyId = input.agencyId ?? null;
  const divisionCode = input.divisionCode ?? null;
  const roles = [...new Set(input.roles)];
  assertBinding(roles, agencyId, divisionCode);
  // A division-scoped administrator manages users inside its division only: every user it creates is bound to an
  // agency or division there. An unbound account is deployment-wide, and only a deployment-wide administrator makes one.
  if (!agencyId && !divisionCode && scopeOf(ctx.actor).kind !== 'all')
    throw new AppError(
      'SCOPE_REQUIRED',
      '您的管理范围限于本行政区划：新用户须绑定您管理范围内的执法部门或行政区划；全系统管理员只能由全系统管理员创建',
      { divisionCode: ctx.actor.divisionCode },
    );
  assertStrongPassword(input.password);
  return inTransaction(ctx.db, async (db) => {
    if (agencyId) {
      const agencyDivision = await repo.agencyDivision(db, agencyId);
      if (agencyDivision === undefined || !inScope(ctx.actor, { agencyId, divisionCode: agencyDivision }))
        throw new AppError('AGENCY_NOT_FOUND', '执法部门不存在或不在您的管理范围内');
    }
    if (divisionCode) {
      if (!(await repo.divisionExists(db, divisionCode)) || !divisionInScope(ctx.actor, divisionCode))
        throw new AppError('DIVISION_NOT_FOUND', '行政区划不存在或不在您的管理范围内');
    }
    const id = await repo.insertUser(db, {
      username: input.username,
      displayName: input.displayName,
      passwordHash: await hashPassword(input.password),
      roles,
      agencyId,
      divisionCode,
      certificateNumber: input.certificateNumber ?? null,
    });
    if (!id) throw new AppError('USERNAME_TAKEN', `用户名 ${input.username} 已被使用`);
    await writeAudit(db, {
      action: 'user.create',
      actor: ctx.actor,
      ip: ctx.ip,
      subject: id,
      agencyId,
      divisionCode,
      details: { username: input.username, roles },
    });
    return getUserView(db, id);
  });
}

export async function updateUser(
  ctx: Ctx,
  id: string,
  patch: { displayName?: string; roles?: Role[]; disabled?: boolean; password?: string; certificateNumber?: string | null },
): Promise<UserView> {
  if (!canManageUsers(ctx.actor)) throw new AppError('FORBIDDEN', '只有系统管理员可以修改用户');
  if (id === SYSTEM_USER_ID) throw new AppError('CONFLICT', '内置的“系统（命令行）”账号不可修改，也不能登录');
  return inTransaction(ctx.db, async (db) => {
    const u = await userInScope({ ...ctx, db }, id);
    const roles = patch.roles ? [...new Set(patch.roles)] : undefined;
    if (roles) assertBinding(roles, u.agency_id, u.division_code);
    if (patch.password !== undefined) assertStrongPassword(patch.password);
    if (id === ctx.actor.userId && (patch.disabled || (roles && !roles.includes('administrator'))))
      throw new AppError('CONFLICT', '不能停用自己或取消自己的管理员角色');
    await repo.updateUser(db, id, {
      displayName: patch.displayName,
      roles,
      disabled: patch.disabled,
      passwordHash: patch.password !== undefined ? await hashPassword(patch.password) : undefined,
      certificateNumber: patch.certificateNumber,
    });
    if (patch.disabled || patch.password !== undefined) await repo.revokeUserSessions(db, id);
    await writeAudit(db, {
      action: 'user.update',
      actor: ctx.actor,
      ip: ctx.ip,
      subject: id,
      agencyId: u.agency_id,
      details: {
        username: u.username,
        displayName: patch.displayName,
        roles,
        disabled: patch.disabled,
        passwordReset: patch.password !== undefined,
        certificateNumber: patch.certificateNumber,
      },
    });
    return getUserView(db, id);
  });
}

export async function changeOwnPassword(ctx: Ctx, current: string, next: string, keepSessionToken?: string | null): Promise<void> {
  const found = await repo.findUserForLogin(ctx.db, ctx.actor.username);
  if (!found || !(await verifyPassword(found.password_hash, current))) throw new AppError('INVALID_CREDENTIALS', '当前密码不正确');
  assertStrongPassword(next);
  await repo.updateUser(ctx.db, ctx.actor.userId, { passwordHash: await hashPassword(next) });
  // Whoever else holds a session of this account (a stolen cookie, another device) is logged out.
  await repo.revokeUserSessions(ctx.db, ctx.actor.userId, keepSessionToken ? sha256(keepSessionToken) : undefined);
  await writeAudit(ctx.db, { action: 'user.changePassword', actor: ctx.actor, ip: ctx.ip, subject: ctx.actor.userId });
}

// API tokens ----------------------------------------------------------------------------------------

const tokenView = (t: Awaited<ReturnType<typeof repo.listTokens>>[number]) => ({
  id: t.id,
  userId: t.user_id,
  username: t.username,
  name: t.name,
  prefix: t.prefix,
  createdAt: t.created_at.toISOString(),
  expiresAt: t.expires_at ? new Date(t.expires_at).toISOString() : null,
  revokedAt: t.revoked_at ? new Date(t.revoked_at).toISOString() : null,
});

export async function createToken(ctx: Ctx, input: { userId: string; name: string; expiresAt?: string | null }) {
  requireRole(ctx.actor, 'administrator');
  return inTransaction(ctx.db, async (db) => {
    if (input.userId === SYSTEM_USER_ID) throw new AppError('CONFLICT', '不能为内置的“系统（命令行）”账号签发令牌');
    const u = await userInScope({ ...ctx, db }, input.userId);
    const token = TOKEN_PREFIX + randomToken();
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) throw new AppError('VALIDATION_FAILED', '过期时间必须晚于当前时间');
    const row = await repo.insertToken(db, {
      userId: u.id,
      name: input.name,
      tokenHash: sha256(token),
      prefix: token.slice(0, 10),
      createdBy: ctx.actor.userId,
      expiresAt,
    });
    await writeAudit(db, {
      action: 'token.create',
      actor: ctx.actor,
      ip: ctx.ip,
      subject: row.id,
      agencyId: u.agency_id,
      details: { forUser: u.username, name: input.name },
    });
    return { ...tokenView((await repo.findToken(db, row.id))!), token };
  });
}

export async function listTokens(ctx: Ctx) {
  requireRole(ctx.actor, 'administrator');
  const rows = await repo.listTokens(ctx.db);
  const visible = [];
  for (const t of rows) {
    try {
      await userInScope(ctx, t.user_id);
      visible.push(tokenView(t));
    } catch {
      /* another division's token */
    }
  }
  return visible;
}

export async function revokeToken(ctx: Ctx, id: string) {
  requireRole(ctx.actor, 'administrator');
  return inTransaction(ctx.db, async (db) => {
    const t = await repo.findToken(db, id);
    if (!t) throw notFound('令牌');
    await userInScope({ ...ctx, db }, t.user_id);
    await repo.revokeToken(db, id, ctx.actor.userId);
    await writeAudit(db, {
      action: 'token.revoke',
      actor: ctx.actor,
      ip: ctx.ip,
      subject: id,
      details: { forUser: t.username, name: t.name },
    });
    return tokenView((await repo.findToken(db, id))!);
  });
}
