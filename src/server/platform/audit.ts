// The audit log: logins, failures and every administrative change, append-only (the table refuses UPDATE/DELETE).
import { sql } from 'kysely';
import type { Db } from './db.ts';
import { scopeOf, type Actor } from './access.ts';
import { startsWithPattern } from './db.ts';

export interface AuditEntry {
  action: string;
  outcome?: 'success' | 'failure';
  actor?: Pick<Actor, 'userId' | 'username'> | null;
  /** Username claimed by an unauthenticated request (e.g. a failed login). */
  username?: string | null;
  ip?: string | null;
  agencyId?: string | null;
  divisionCode?: string | null;
  subject?: string | null;
  details?: Record<string, unknown>;
}

export async function writeAudit(db: Db, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_user_id: e.actor?.userId ?? null,
      actor_username: e.actor?.username ?? e.username ?? null,
      action: e.action,
      outcome: e.outcome ?? 'success',
      ip: e.ip ?? null,
      agency_id: e.agencyId ?? null,
      division_code: e.divisionCode ?? null,
      subject: e.subject ?? null,
      details: JSON.stringify(e.details ?? {}),
    })
    .execute();
}

/**
 * The audit log as the actor may see it (issue 14: it was read in full by any administrator). An entry belongs to
 * its agency (and so to the agency's division) or, when it names no agency, to its division; an entry naming
 * neither (failed logins, calendar loads, deployment settings) only a deployment-wide administrator sees.
 */
export async function listAudit(
  db: Db,
  actor: Actor,
  f: { action?: string; outcome?: 'success' | 'failure'; username?: string; before?: number; limit: number },
) {
  let q = db
    .selectFrom('audit_log as l')
    .leftJoin('agencies as a', 'a.id', 'l.agency_id')
    .select(['l.id', 'l.at', 'l.actor_username', 'l.action', 'l.outcome', 'l.ip', 'l.subject', 'l.details']);
  const scope = scopeOf(actor);
  if (scope.kind === 'division')
    q = q.where(sql<string>`coalesce(a.division_code, l.division_code)`, 'like', startsWithPattern(scope.prefix));
  else if (scope.kind === 'agency') q = q.where('l.agency_id', '=', scope.agencyId);
  else if (scope.kind === 'none') q = q.where(sql<boolean>`false`);
  if (f.action) q = q.where('l.action', '=', f.action);
  if (f.outcome) q = q.where('l.outcome', '=', f.outcome);
  if (f.username) q = q.where((eb) => eb.or([eb('l.actor_username', '=', f.username!), eb('l.subject', '=', f.username!)]));
  if (f.before) q = q.where('l.id', '<', String(f.before));
  const rows = await q
    .orderBy('l.id', 'desc')
    .limit(f.limit + 1)
    .execute();
  const page = rows.slice(0, f.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorUsername: r.actor_username,
      action: r.action,
      outcome: r.outcome,
      ip: r.ip,
      subject: r.subject,
      details: r.details,
    })),
    nextBefore: rows.length > f.limit ? page[page.length - 1]!.id : null,
  };
}
