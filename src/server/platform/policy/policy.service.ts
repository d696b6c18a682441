// Which policy pack is in force where: the deployment default (SANXIANG_POLICY) unless an administrator assigned
// another pack to the division or one of its ancestors. Assignments are append-only; the newest per division wins.
import { sql } from 'kysely';
import { AppError } from '../errors.ts';
import { writeAudit } from '../audit.ts';
import { requireRole, divisionInScope } from '../access.ts';
import type { Ctx } from '../context.ts';
import type { Db } from '../db.ts';
import type { PolicyPack } from './policy.schema.ts';
import { getPolicyPack, getPolicyPacks } from './policy.packs.ts';
import { resolvePolicyForDivision } from './policy.rules.ts';

export class PolicyService {
  constructor(readonly defaultId: string) {
    getPolicyPack(defaultId); // fail at start on an unknown SANXIANG_POLICY
  }

  list(): PolicyPack[] {
    return [...getPolicyPacks().values()];
  }

  get(id: string): PolicyPack {
    return getPolicyPack(id);
  }

  /** Current overrides (divisionCode → packId) along the division's parent chain. */
  private async overrides(db: Db, divisionCode: string): Promise<{ ancestry: string[]; overrides: Map<string, string> }> {
    const chain = await sql<{ code: string; parent_code: string | null; policy_id: string | null; has_assignment: boolean }>`
      with recursive up(code, parent_code, depth) as (
        select code, parent_code, 0 from divisions where code = ${divisionCode}
        union all
        select d.code, d.parent_code, up.depth + 1 from divisions d join up on d.code = up.parent_code where up.depth < 5
      )
      select up.code, up.parent_code, pa.policy_id, pa.id is not null as has_assignment
      from up left join lateral (
        select id, policy_id from policy_assignments where division_code = up.code order by id desc limit 1
      ) pa on true
      order by up.depth`.execute(db);
    const overrides = new Map<string, string>();
    for (const r of chain.rows) if (r.policy_id) overrides.set(r.code.trim(), r.policy_id);
    return { ancestry: chain.rows.map((r) => r.code.trim()), overrides };
  }

  async resolveId(db: Db, divisionCode: string): Promise<string> {
    return (await this.resolve(db, divisionCode)).policyId;
  }

  /** The pack in force and where it comes from: the division whose assignment applies, or null for the default. */
  async resolve(db: Db, divisionCode: string): Promise<{ policyId: string; assignedAt: string | null }> {
    const { ancestry, overrides } = await this.overrides(db, divisionCode);
    const policyId = resolvePolicyForDivision(divisionCode, ancestry, overrides, this.defaultId);
    return { policyId, assignedAt: ancestry.find((code) => overrides.has(code)) ?? null };
  }

  /** The policy pack in force for a division: every deadline and threshold is read from here. */
  async forDivision(db: Db, divisionCode: string): Promise<PolicyPack> {
    return this.get(await this.resolveId(db, divisionCode));
  }

  async assign(ctx: Ctx, divisionCode: string, policyId: string | null): Promise<string> {
    requireRole(ctx.actor, 'administrator');
    if (policyId !== null) this.get(policyId);
    const d = await ctx.db.selectFrom('divisions').select('code').where('code', '=', divisionCode).executeTakeFirst();
    if (!d || !divisionInScope(ctx.actor, divisionCode)) throw new AppError('DIVISION_NOT_FOUND', `行政区划 ${divisionCode} 不存在或不在您的管理范围内`);
    await ctx.db.insertInto('policy_assignments').values({ division_code: divisionCode, policy_id: policyId, set_by: ctx.actor.userId }).execute();
    await writeAudit(ctx.db, { action: 'policy.assign', actor: ctx.actor, ip: ctx.ip, divisionCode, subject: divisionCode, details: { policyId } });
    return this.resolveId(ctx.db, divisionCode);
  }
}
