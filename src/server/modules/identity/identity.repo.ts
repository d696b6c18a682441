// SQL for users, sessions and API tokens.
import { sql } from 'kysely';
import { containsPattern, type Db } from '../../platform/db.ts';
import type { Actor, Role } from '../../platform/access.ts';
import { whereInScope } from '../../platform/access.ts';
import type { UserView } from './identity.schema.ts';

const userColumns = [
  'u.id',
  'u.username',
  'u.display_name',
  'u.roles',
  'u.agency_id',
  'u.division_code',
  'u.disabled',
  'u.created_at',
  'u.certificate_number',
  'a.name as agency_name',
  'd.name as division_name',
  'a.division_code as agency_division_code',
] as const;

function baseUserQuery(db: Db) {
  return db
    .selectFrom('users as u')
    .leftJoin('agencies as a', 'a.id', 'u.agency_id')
    .leftJoin('divisions as d', (j) => j.on(sql`d.code`, '=', sql`coalesce(u.division_code, a.division_code)`));
}

export type UserRow = {
  id: string;
  username: string;
  display_name: string;
  roles: string[];
  agency_id: string | null;
  division_code: string | null;
  disabled: boolean;
  created_at: Date;
  agency_name: string | null;
  division_name: string | null;
  agency_division_code: string | null;
  certificate_number: string | null;
};

export function toUserView(r: UserRow): UserView {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    roles: r.roles as Role[],
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    divisionCode: r.division_code ?? r.agency_division_code,
    divisionName: r.division_name,
    disabled: r.disabled,
    createdAt: r.created_at.toISOString(),
    certificateNumber: r.certificate_number,
  };
}

export function toActor(r: UserRow, via: Actor['via']): Actor {
  return {
    userId: r.id,
    username: r.username,
    displayName: r.display_name,
    roles: r.roles as Role[],
    agencyId: r.agency_id,
    divisionCode: r.division_code,
    via,
  };
}

/**
 * The division of the agency a user is bound to, undefined when there is no such agency. identity sits beside
 * registry in the layers and may not import it, so it reads the two reference tables here.
 */
export async function agencyDivision(db: Db, agencyId: string): Promise<string | undefined> {
  return (await db.selectFrom('agencies').select('division_code').where('id', '=', agencyId).executeTakeFirst())?.division_code;
}

export async function divisionExists(db: Db, code: string): Promise<boolean> {
  return !!(await db.selectFrom('divisions').select('code').where('code', '=', code).executeTakeFirst());
}

export const findUserById = (db: Db, id: string) =>
  baseUserQuery(db).select(userColumns).where('u.id', '=', id).executeTakeFirst() as Promise<UserRow | undefined>;

export const findUserForLogin = (db: Db, username: string) =>
  db.selectFrom('users').select(['id', 'password_hash', 'disabled']).where('username', '=', username).executeTakeFirst();

export const findUserIdByUsername = (db: Db, username: string) =>
  db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();

export function listUsers(db: Db, actor: Actor, f: { q?: string; role?: string; agencyId?: string }) {
  let q = whereInScope(baseUserQuery(db).select(userColumns), actor, {
    agencyId: 'u.agency_id',
    divisionCode: 'd.code',
  });
  if (f.q)
    q = q.where((eb) => eb.or([eb('u.username', 'ilike', containsPattern(f.q!)), eb('u.display_name', 'ilike', containsPattern(f.q!))]));
  if (f.role) q = q.where(sql<boolean>`${f.role} = any(u.roles)`);
  if (f.agencyId) q = q.where('u.agency_id', '=', f.agencyId);
  return q.orderBy('u.username').limit(1000).execute() as Promise<UserRow[]>;
}

export async function insertUser(
  db: Db,
  u: {
    username: string;
    displayName: string;
    passwordHash: string;
    roles: Role[];
    agencyId: string | null;
    divisionCode: string | null;
    certificateNumber?: string | null;
  },
): Promise<string> {
  const row = await db
    .insertInto('users')
    .values({
      username: u.username,
      display_name: u.displayName,
      password_hash: u.passwordHash,
      roles: u.roles,
      agency_id: u.agencyId,
      division_code: u.divisionCode,
      certificate_number: u.certificateNumber ?? null,
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? '';
}

export async function updateUser(
  db: Db,
  id: string,
  patch: { displayName?: string; roles?: Role[]; disabled?: boolean; passwordHash?: string; certificateNumber?: string | null },
): Promise<void> {
  const values: Record<string, unknown> = {};
  if (patch.displayName !== undefined) values.display_name = patch.displayName;
  if (patch.roles !== undefined) values.roles = patch.roles;
  if (patch.disabled !== undefined) values.disabled = patch.disabled;
  if (patch.passwordHash !== undefined) values.password_hash = patch.passwordHash;
  if (patch.certificateNumber !== undefined) values.certificate_number = patch.certificateNumber;
  if (Object.keys(values).length) await db.updateTable('users').set(values).where('id', '=', id).execute();
}

// Sessions ------------------------------------------------------------------------------------------

export const insertSession = (
  db: Db,
  s: { idHash: string; userId: string; csrfToken: string; expiresAt: Date; ip: string | null; userAgent: string | null },
) =>
  db
    .insertInto('sessions')
    .values({ id_hash: s.idHash, user_id: s.userId, csrf_token: s.csrfToken, expires_at: s.expiresAt, ip: s.ip, user_agent: s.userAgent })
    .execute();

export const findLiveSession = (db: Db, idHash: string) =>
  db
    .selectFrom('sessions')
    .select(['user_id', 'csrf_token'])
    .where('id_hash', '=', idHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();

export const revokeSession = (db: Db, idHash: string) =>
  db.updateTable('sessions').set({ revoked_at: new Date() }).where('id_hash', '=', idHash).where('revoked_at', 'is', null).execute();

export function revokeUserSessions(db: Db, userId: string, exceptIdHash?: string) {
  let q = db.updateTable('sessions').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (exceptIdHash) q = q.where('id_hash', '<>', exceptIdHash);
  return q.execute();
}

// API tokens ----------------------------------------------------------------------------------------

export const insertToken = (
  db: Db,
  t: { userId: string; name: string; tokenHash: string; prefix: string; createdBy: string; expiresAt: Date | null },
) =>
  db
    .insertInto('api_tokens')
    .values({
      user_id: t.userId,
      name: t.name,
      token_hash: t.tokenHash,
      prefix: t.prefix,
      created_by: t.createdBy,
      expires_at: t.expiresAt,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();

export const findLiveToken = (db: Db, tokenHash: string) =>
  db
    .selectFrom('api_tokens')
    .select(['id', 'user_id'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', new Date())]))
    .executeTakeFirst();

const tokenColumns = ['t.id', 't.user_id', 'u.username', 't.name', 't.prefix', 't.created_at', 't.expires_at', 't.revoked_at'] as const;

export const listTokens = (db: Db) =>
  db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(tokenColumns)
    .orderBy('t.created_at', 'desc')
    .execute();

export const findToken = (db: Db, id: string) =>
  db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(tokenColumns)
    .where('t.id', '=', id)
    .executeTakeFirst();

export const revokeToken = (db: Db, id: string, by: string) =>
  db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date(), revoked_by: by })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();

/** Failed logins for a username since `since` (the audit log is the record of them). */
export async function countRecentLoginFailures(db: Db, username: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', '=', 'auth.login')
    .where('outcome', '=', 'failure')
    .where('subject', '=', username)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
