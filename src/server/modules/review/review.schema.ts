// Legal review API shapes (zod: validation, types and OpenAPI).
import { z } from 'zod';
import { CATALOGUE_ACT_CATEGORIES, DECISION_KINDS, MAJOR_FLAGS } from '../../platform/policy/policy.schema.ts';

/** The facts of a draft decision (POST /api/v1/review/classify; stable). Unknown kinds or flags are a 400. */
export const classifyBody = z.strictObject({
  agencyId: z.uuid().optional().describe('the agency whose catalogue applies; without it, the deployment policy pack'),
  actCategory: z.enum(CATALOGUE_ACT_CATEGORIES),
  kinds: z.array(z.enum(DECISION_KINDS)).max(30).default([]).describe('measures the decision imposes or involves'),
  amountYuan: z.number().nonnegative().max(1e12).optional().describe('fine or confiscation amount (yuan)'),
  partyType: z.enum(['individual', 'organisation']).optional(),
  businessActivity: z.boolean().optional().describe('the violation arose in business activity (经营活动中)'),
  inspectorCount: z.number().int().positive().max(100_000).optional(),
  agencyOfficerCount: z.number().int().positive().max(1_000_000).optional(),
  flags: z.array(z.enum(MAJOR_FLAGS)).max(10).default([]).describe('general criteria set by the handler or the reviewer'),
}).superRefine((b, ctx) => {
  const money = b.kinds.includes('fine') || b.kinds.includes('confiscation');
  if (money && b.amountYuan !== undefined && (b.partyType === undefined || b.businessActivity === undefined))
    ctx.addIssue({ code: 'custom', path: ['partyType'], message: '罚款、没收的数额标准因当事人类型和是否发生在经营活动中而不同：请同时给出 partyType 和 businessActivity' });
  if (b.kinds.includes('fine') && b.amountYuan === undefined) ctx.addIssue({ code: 'custom', path: ['amountYuan'], message: '罚款须给出数额（元）' });
  if (b.actCategory === 'inspection' && b.agencyOfficerCount !== undefined && b.inspectorCount === undefined)
    ctx.addIssue({ code: 'custom', path: ['inspectorCount'], message: '请给出拟派出检查的执法人员人数' });
});

export const classifyReply = z.object({
  major: z.boolean(),
  reasons: z.array(z.object({ rule: z.string(), label: z.string(), citation: z.string() })),
  policyId: z.string().describe('the policy pack whose catalogue applied'),
});
