// Legal review operations (SPEC §4). Classification: the catalogue of the policy pack in force for the agency's
// division (or the deployment default), applied by review.rules.ts.
import type { z } from 'zod';
import { notFound } from '../../platform/errors.ts';
import { inScope } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { PolicyService } from '../../platform/policy/policy.service.ts';
import { getPolicyPack } from '../../platform/policy/policy.packs.ts';
import * as registryRepo from '../registry/registry.repo.ts';
import * as recordRepo from '../registry/record.repo.ts';
import { agencyRule, classify, type AgencyCatalogueItem } from './review.rules.ts';
import type { Db } from '../../platform/db.ts';
import type { classifyBody } from './review.schema.ts';

/**
 * The catalogue that applies to an agency: the policy pack's for its division, plus the agency's own published
 * catalogue entries that carry rule fields (an agency may widen the scope, 003 审核办法 §14; 004 2.).
 */
export async function catalogueFor(db: Db, policies: PolicyService, agency: { id: string; divisionCode: string }) {
  const pack = await policies.forDivision(db, agency.divisionCode);
  const own = await recordRepo.publishedOfKind(db, agency.id, 'majorCatalogueItem');
  const extra = own.map((r) => agencyRule({ recordId: r.record_id, data: r.data as AgencyCatalogueItem['data'] })).filter((e) => e !== null);
  return { policyId: pack.id, catalogue: [...pack.review.majorCatalogue, ...extra] };
}

export async function classifyDecision(ctx: Ctx, policies: PolicyService, input: z.infer<typeof classifyBody>) {
  let pack = getPolicyPack(policies.defaultId);
  if (input.agencyId) {
    const agency = await registryRepo.findAgency(ctx.db, input.agencyId);
    if (!agency || !inScope(ctx.actor, { agencyId: agency.id, divisionCode: agency.divisionCode })) throw notFound('执法部门');
    const { policyId, catalogue } = await catalogueFor(ctx.db, policies, agency);
    const { agencyId: _agency, ...facts } = input;
    return { ...classify(catalogue, facts), policyId };
  }
  const { agencyId: _agency, ...facts } = input;
  return { ...classify(pack.review.majorCatalogue, facts), policyId: pack.id };
}
