// Legal review operations (SPEC §4). Classification: the catalogue of the policy pack in force for the agency's
// division (or the deployment default), applied by review.rules.ts.
import type { z } from 'zod';
import { notFound } from '../../platform/errors.ts';
import { inScope } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { PolicyService } from '../../platform/policy/policy.service.ts';
import { getPolicyPack } from '../../platform/policy/policy.packs.ts';
import * as registryRepo from '../registry/registry.repo.ts';
import { classify } from '../cases/major.rules.ts';
import { catalogueFor } from '../cases/major.catalogue.ts';
import type { classifyBody } from './review.schema.ts';

export async function classifyDecision(ctx: Ctx, policies: PolicyService, input: z.infer<typeof classifyBody>) {
  const pack = getPolicyPack(policies.defaultId);
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
