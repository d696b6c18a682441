// Legal review API shapes (zod: validation, types and OpenAPI).
import { z } from 'zod';
import { queryBoolean } from '../../platform/http.ts';
import { CATALOGUE_ACT_CATEGORIES, DECISION_KINDS, MAJOR_FLAGS } from '../../platform/policy/policy.schema.ts';
import { isRealDate } from '../../platform/calendar/calendar.dates.ts';
import { CHECKLIST_ITEMS, MATERIALS, REVIEW_OUTCOMES, REVIEW_STATES } from './review.rules.ts';

/** The facts of a draft decision (POST /api/v1/review/classify; stable). Unknown kinds or flags are a 400. */
export const classifyBody = z
  .strictObject({
    agencyId: z.uuid().optional().describe('the agency whose catalogue applies; without it, the deployment policy pack'),
    actCategory: z.enum(CATALOGUE_ACT_CATEGORIES),
    kinds: z.array(z.enum(DECISION_KINDS)).max(30).default([]).describe('measures the decision imposes or involves'),
    amountYuan: z.number().nonnegative().max(1e12).optional().describe('fine or confiscation amount (yuan)'),
    partyType: z.enum(['individual', 'organisation']).optional(),
    businessActivity: z.boolean().optional().describe('the violation arose in business activity (经营活动中)'),
    inspectorCount: z.number().int().positive().max(100_000).optional(),
    agencyOfficerCount: z.number().int().positive().max(1_000_000).optional(),
    flags: z.array(z.enum(MAJOR_FLAGS)).max(10).default([]).describe('general criteria set by the handler or the reviewer'),
  })
  .superRefine((b, ctx) => {
    const money = b.kinds.includes('fine') || b.kinds.includes('confiscation');
    if (money && b.amountYuan !== undefined && (b.partyType === undefined || b.businessActivity === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['partyType'],
        message: '罚款、没收的数额标准因当事人类型和是否发生在经营活动中而不同：请同时给出 partyType 和 businessActivity',
      });
    if (b.kinds.includes('fine') && b.amountYuan === undefined)
      ctx.addIssue({ code: 'custom', path: ['amountYuan'], message: '罚款须给出数额（元）' });
    if (b.actCategory === 'inspection' && b.agencyOfficerCount !== undefined && b.inspectorCount === undefined)
      ctx.addIssue({ code: 'custom', path: ['inspectorCount'], message: '请给出拟派出检查的执法人员人数' });
  });

export const classifyReply = z.object({
  major: z.boolean(),
  reasons: z.array(z.object({ rule: z.string(), label: z.string(), citation: z.string() })),
  policyId: z.string().describe('the policy pack whose catalogue applied'),
});

// ---- the review workflow ----

const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const day = z.string().refine(isRealDate, '应为真实存在的日期，格式 YYYY-MM-DD');

/** A submission: the texts the handler writes (000 §29; 002 §7); the case supplies the draft, evidence, hearing, officers. */
export const submitBody = z.strictObject({
  investigationReport: z.string().trim().max(20000).optional().describe('调查终结报告'),
  explanation: z
    .strictObject({
      facts: z.string().trim().max(8000).optional().describe('基本事实'),
      lawAndDiscretion: z.string().trim().max(8000).optional().describe('适用法律、法规、规章和执行裁量基准的情况'),
      investigation: z.string().trim().max(8000).optional().describe('调查取证和听证情况'),
    })
    .default({}),
  appraisal: z
    .strictObject({ summary: z.string().trim().max(4000).optional(), evidenceIds: z.array(z.uuid()).max(20).default([]) })
    .nullable()
    .optional()
    .describe('经鉴定、评估的：结论和报告文件；未经鉴定、评估的省略'),
  note: z.string().trim().max(2000).optional(),
});

export const materialCheck = z.object({
  key: z.enum(MATERIALS),
  label: z.string(),
  required: z.boolean(),
  present: z.boolean(),
  detail: z.string(),
});

export const reviewSummary = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  cause: z.string(),
  partyName: z.string(),
  round: z.number().int(),
  agencyId: z.string(),
  state: z.enum(REVIEW_STATES),
  stateLabel: z.string(),
  reviewerId: z.string().nullable(),
  reviewerName: z.string().nullable(),
  submittedBy: z.string(),
  submittedAt: z.string(),
  receivedOn: z.string(),
  outcome: z.enum(REVIEW_OUTCOMES).nullable(),
  completedAt: z.string().nullable(),
  major: z.boolean(),
  reasons: z.array(z.object({ rule: z.string(), label: z.string(), citation: z.string() })),
  draftActId: z.string().describe('the draft decision reviewed'),
  deadline: z.object({
    dueOn: z.string().nullable(),
    workingDays: z.number().int(),
    extended: z.boolean(),
    usedWorkingDays: z.number().int().nullable(),
    overdue: z.boolean(),
    paused: z.boolean().describe('补充材料期间暂停计时（000 §31）'),
    pausedSince: z.string().nullable(),
    scheduleComplete: z.boolean(),
    missingYears: z.array(z.number().int()),
  }),
});

export const REVIEW_ACTIONS = [
  'assign',
  'claim',
  'requestSupplement',
  'supply',
  'return',
  'requestExtension',
  'decideExtension',
  'opinion',
  'contest',
  'headDecision',
] as const;

export const reviewDetail = reviewSummary.extend({
  submissionActId: z.string(),
  events: z.array(
    z.object({
      seq: z.number().int(),
      kind: z.string(),
      data: z.record(z.string(), z.unknown()),
      actId: z.string().nullable(),
      actor: z.string(),
      at: z.string(),
    }),
  ),
  actions: z.array(z.enum(REVIEW_ACTIONS)).describe('what the caller may do now'),
  blockedActions: z
    .array(z.object({ action: z.enum(REVIEW_ACTIONS), reason: z.string() }))
    .describe('head approvals the caller may not give on this case, and why (审批与办案相分离)'),
});

export const listQuery = z.strictObject({
  state: z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(z.enum(REVIEW_STATES)).max(8)).optional(),
  mine: queryBoolean().optional().describe('reviewers: reviews assigned to me; handlers: reviews of my cases'),
  overdue: queryBoolean().optional(),
  q: z.string().trim().min(1).max(100).optional(),
  sort: z.enum(['dueOn', 'submittedAt', 'updatedAt']).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});

export const assignBody = z.strictObject({ reviewerId: z.uuid() });
export const supplementRequestBody = z.strictObject({ items: text(2, 2000).describe('需要补充的材料'), dueOn: day.describe('补充期限') });
export const supplyBody = z.strictObject({
  note: text(2, 4000).describe('补充材料说明'),
  evidenceIds: z.array(z.uuid()).max(20).default([]),
});
export const reasonBody = z.strictObject({ reason: text(2, 4000) });
export const extensionDecisionBody = z.strictObject({ approved: z.boolean(), comment: z.string().trim().max(1000).optional() });
export const opinionBody = z.strictObject({
  outcome: z.enum(REVIEW_OUTCOMES),
  checklist: z
    .array(
      z.strictObject({ item: z.enum(CHECKLIST_ITEMS), result: z.enum(['pass', 'problem']), note: z.string().trim().max(2000).optional() }),
    )
    .min(1)
    .max(CHECKLIST_ITEMS.length),
  opinion: text(2, 8000),
});
export const contestBody = z.strictObject({
  reason: text(2, 8000).describe('承办机构的意见和理由'),
  consultation: text(2, 4000).describe('与法制机构协商沟通的情况'),
});
export const headDecisionBody = z.strictObject({ adopt: z.enum(['review', 'handler']), reason: text(2, 4000) });
