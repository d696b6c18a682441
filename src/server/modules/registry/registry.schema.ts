import { z } from 'zod';

export const divisionCodeSchema = z.string().regex(/^[1-9]\d{5}$/, '行政区划代码应为 6 位数字（GB/T 2260）');
export const creditCodeSchema = z.string().trim().toUpperCase().length(18, '统一社会信用代码应为 18 位');

export const divisionView = z.object({
  code: z.string(),
  name: z.string(),
  level: z.number().int(),
  parentCode: z.string().nullable(),
});
export type DivisionView = z.infer<typeof divisionView>;

export const divisionDetail = divisionView.extend({
  ancestors: z.array(divisionView),
  children: z.array(divisionView),
  policyId: z.string().describe('the policy pack in force for this division'),
  policyAssignedAt: z.string().nullable().describe('division whose assignment applies (itself or an ancestor); null = deployment default'),
});

export const listDivisionsQuery = z.strictObject({
  parent: divisionCodeSchema.optional().describe('children of this division; omit for the provinces'),
  q: z.string().min(1).max(50).optional(),
  under: divisionCodeSchema.optional().describe('every division in this subtree'),
});

export const createDivisionBody = z.strictObject({
  code: divisionCodeSchema,
  name: z.string().trim().min(1).max(100),
  parentCode: divisionCodeSchema.nullable().optional(),
});

export const codeParams = z.strictObject({ code: divisionCodeSchema });

export const agencyView = z.object({
  id: z.string(),
  name: z.string(),
  creditCode: z.string(),
  divisionCode: z.string(),
  divisionName: z.string(),
  createdAt: z.string(),
});
export type AgencyView = z.infer<typeof agencyView>;

export const listAgenciesQuery = z.strictObject({
  division: divisionCodeSchema.optional().describe('agencies in this division subtree'),
  q: z.string().min(1).max(50).optional(),
});

export const createAgencyBody = z.strictObject({
  name: z.string().trim().min(2).max(200),
  creditCode: creditCodeSchema,
  divisionCode: divisionCodeSchema,
});
export type CreateAgencyInput = z.infer<typeof createAgencyBody>;

export const agencyParams = z.strictObject({ id: z.uuid() });
