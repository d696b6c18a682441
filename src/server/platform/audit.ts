// The audit log: logins, failures and every administrative change, append-only (the table refuses UPDATE/DELETE).
import type { Db } from './db.ts';
import type { Actor } from './access.ts';

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

export async function listAudit(db: Db, f: { action?: string; outcome?: 'success' | 'failure'; username?: string; before?: number; limit: number }) {
  let q = db.selectFrom('audit_log').select(['id', 'at', 'actor_username', 'action', 'outcome', 'ip', 'subject', 'details']);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  if (f.username) q = q.where((eb) => eb.or([eb('actor_username', '=', f.username!), eb('subject', '=', f.username!)]));
  if (f.before) q = q.where('id', '<', String(f.before));
  const rows = await q.orderBy('id', 'desc').limit(f.limit + 1).execute();
  const page = rows.slice(0, f.limit);
  return {
    items: page.map((r) => ({ id: r.id, at: r.at.toISOString(), actorUsername: r.actor_username, action: r.action, outcome: r.outcome, ip: r.ip, subject: r.subject, details: r.details })),
    nextBefore: rows.length > f.limit ? page[page.length - 1]!.id : null,
  };
}
