// Which policy pack is in force where: the deployment default (SANXIANG_POLICY) unless an administrator assigned
// another pack to the division or one of its ancestors. Assignments are append-only; the newest per division wins.
import { AppError } from '../errors.ts';
import { writeAudit } from '../audit.ts';
import { requireRole, divisionInScope } from '../access.ts';
import type { Ctx } from '../context.ts';
import type { Db } from '../db.ts';
import type { PolicyPack } from './policy.schema.ts';
import { getPolicyPack, getPolicyPacks } from './policy.packs.ts';
import { resolvePolicyForDivision } from './policy.rules.ts';
import * as repo from './policy.repo.ts';

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
    const rows = await repo.assignmentChain(db, divisionCode);
    const overrides = new Map<string, string>();
    for (const r of rows) if (r.policy_id) overrides.set(r.code.trim(), r.policy_id);
    return { ancestry: rows.map((r) => r.code.trim()), overrides };
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
    if (!(await repo.divisionExists(ctx.db, divisionCode)) || !divisionInScope(ctx.actor, divisionCode))
      throw new AppError('DIVISION_NOT_FOUND', `行政区划 ${divisionCode} 不存在或不在您的管理范围内`);
    await repo.insertAssignment(ctx.db, { divisionCode, policyId, setBy: ctx.actor.userId });
    await writeAudit(ctx.db, {
      action: 'policy.assign',
      actor: ctx.actor,
      ip: ctx.ip,
      divisionCode,
      subject: divisionCode,
      details: { policyId },
    });
    return this.resolveId(ctx.db, divisionCode);
  }
}
