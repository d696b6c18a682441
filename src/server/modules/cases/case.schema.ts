// Case handling API shapes (zod: validation, types and OpenAPI). The content of each act type is its own schema:
// what the standard enforcement documents of 002 记录办法 §10-31 ask to be written down.
import { z } from 'zod';
import { ACT_CATEGORIES } from '../registry/record.kinds.ts';
import { creditCodeProblem, isValidIdNumber, isRealDate } from '../../platform/codes.ts';
import { ACT_TYPE_IDS, CLASSIFICATIONS, ORIGINS, RETENTION_EVENTS, SERVICE_METHODS, STAGES } from './case.rules.ts';
import { DECISION_KINDS, MAJOR_FLAGS } from '../../platform/policy/policy.schema.ts';
import { CASE_ACTIONS, CHECKLIST_ITEMS, MATERIALS, REVIEW_OUTCOMES } from '../../../shared/vocabulary.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).optional();
const fen = z.number().int().nonnegative().max(1e13).describe('金额（分）');
const isoDate = z.string().refine(isRealDate, '应为真实存在的日期，格式 YYYY-MM-DD');

export const partySchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('person'),
      name: text(50),
      idNumber: z.string().trim().toUpperCase().refine(isValidIdNumber, '公民身份号码无效：应为 18 位且校验码正确（GB 11643）').optional(),
      birthDate: isoDate.optional().describe('出生日期（无身份证号码时登记；未成年当事人的决定不予公开）'),
      address: optText(300),
      phone: optText(50),
    }),
    z.strictObject({
      kind: z.literal('organisation'),
      name: text(200),
      creditCode: z
        .string()
        .trim()
        .toUpperCase()
        .refine((c) => creditCodeProblem(c) === null, '统一社会信用代码无效：应为 18 位且校验位正确（GB 32100）')
        .optional(),
      representative: optText(50).describe('法定代表人或负责人'),
      address: optText(300),
      phone: optText(50),
    }),
  ])
  .describe('当事人');

export const openCaseBody = z.strictObject({
  agencyId: z.uuid().optional(),
  actCategory: z.enum(ACT_CATEGORIES),
  origin: z.enum(ORIGINS),
  cause: z.string().trim().min(2).max(300).describe('案由'),
  field: text(50).describe('执法类别：执法人员的证件须覆盖此类别'),
  itemRecordId: z.uuid().optional().describe('行政执法事项清单中的事项'),
  party: partySchema,
  summary: optText(4000).describe('案件来源及简要案情'),
  major: z.boolean().default(false).describe('重大执法决定（须经法制审核）'),
  classification: z
    .enum(CLASSIFICATIONS)
    .default('normal')
    .describe('normal 一般；private 涉及个人隐私；secret 涉密（000 §24）：涉密、涉隐私案件仅承办人员和部门负责人可直接查阅'),
  handlerIds: z.array(z.uuid()).max(10).default([]).describe('承办人（用户），默认为登记人'),
});

/** The facts of a draft decision that the major-decision catalogue tests, beyond the fine and the party (SPEC §4.2). */
export const majorFactsSchema = z.strictObject({
  kinds: z.array(z.enum(DECISION_KINDS)).max(30).default([]).describe('决定涉及的措施'),
  businessActivity: z.boolean().optional().describe('违法行为发生在经营活动中'),
  confiscationFen: fen.optional().describe('没收违法所得、非法财物的数额（分）'),
  inspectorCount: z.number().int().positive().max(100_000).optional(),
  agencyOfficerCount: z.number().int().positive().max(1_000_000).optional(),
  flags: z.array(z.enum(MAJOR_FLAGS)).max(10).default([]).describe('000 §26 的一般情形'),
});

const listItem = z.strictObject({ name: text(200), quantity: optText(100), note: optText(500) });

export const ACT_CONTENT = {
  opening: z.strictObject({
    approved: z.boolean(),
    opinion: text(2000).describe('审批意见'),
    replyToComplainant: optText(2000).describe('不予立案时告知投诉举报人的理由（002 记录办法 §9）'),
  }),
  inquiry: z.strictObject({ person: text(50).describe('被询问人'), relation: optText(100), transcript: text(50000) }),
  inspection: z.strictObject({ findings: text(50000).describe('检查（勘验）情况') }),
  evidenceRetrieval: z.strictObject({ items: z.array(listItem).min(1).max(200).describe('证据清单'), note: optText(2000) }),
  sampling: z.strictObject({ samples: z.array(listItem).min(1).max(200), note: optText(2000) }),
  seizure: z.strictObject({
    measure: z.enum(['seal', 'detain']).describe('seal 查封；detain 扣押'),
    items: z.array(listItem).min(1).max(200),
    durationDays: z.number().int().min(1).max(60).describe('期限（日），一般不超过 30 日（行政强制法 §25）'),
  }),
  rightsNotice: z.strictObject({
    facts: text(8000),
    basis: text(4000),
    proposed: text(2000).describe('拟作出的处罚内容'),
    hearingEligible: z.boolean().describe('当事人有权要求听证（行政处罚法 §63）'),
  }),
  statementDefence: z.strictObject({
    waived: z.boolean().describe('当事人放弃陈述、申辩'),
    statement: optText(20000),
    hearingRequested: z.boolean().default(false),
    adopted: optText(2000).describe('复核意见：是否采纳及理由'),
  }),
  hearingNotice: z.strictObject({ hearingAt: z.iso.datetime({ offset: true }), place: text(300), presider: text(50) }),
  hearing: z.strictObject({ presider: text(50), transcript: text(50000) }),
  draftDecision: z.strictObject({
    proposal: text(4000),
    basis: text(4000),
    fineFen: fen.optional(),
    discretion: z.strictObject({
      benchmarkRecordId: z.uuid().optional().describe('适用的裁量基准（名录）'),
      level: text(500).describe('适用的情节与幅度'),
      reason: text(2000).describe('裁量理由（001 二(二)2）'),
    }),
    majorFacts: majorFactsSchema
      .optional()
      .describe('据以判断是否属于重大执法决定的情形（罚款数额取自 fineFen，当事人类型取自案件）；服务器据此记录 classification'),
  }),
  collectiveDiscussion: z.strictObject({
    participants: z.array(text(50)).min(3).max(50),
    conclusion: text(8000),
    reviewerAttended: z.boolean().optional().describe('法制审核人员列席（003 审核办法 §24）'),
    reviewerStatement: optText(4000).describe('法制审核人员就审核情况所作的说明'),
  }),
  decision: z.strictObject({
    decision: text(8000),
    basis: text(4000),
    fineFen: fen.optional(),
    remedy: text(1000).describe('救济途径和期限'),
  }),
  service: z
    .strictObject({
      documentActId: z.uuid().describe('送达的文书（事先告知书或决定书）'),
      method: z.enum(SERVICE_METHODS),
      recipient: text(100),
      witness: optText(100).describe('留置送达的见证人'),
      agent: optText(100).describe('委托送达的受托人'),
      channel: optText(300).describe('公告送达的公告载体'),
    })
    .superRefine((s, ctx) => {
      if (s.method === 'leftAtResidence' && !s.witness)
        ctx.addIssue({ code: 'custom', path: ['witness'], message: '留置送达须记录见证人' });
      if (s.method === 'entrusted' && !s.agent) ctx.addIssue({ code: 'custom', path: ['agent'], message: '委托送达须记录受托人' });
      if (s.method === 'publicNotice' && !s.channel) ctx.addIssue({ code: 'custom', path: ['channel'], message: '公告送达须记录公告载体' });
    }),
  urging: z.strictObject({ deadline: isoDate, content: text(4000) }),
  execution: z.strictObject({
    method: z.enum(['voluntary', 'enforced', 'court']).describe('voluntary 自觉履行；enforced 强制执行；court 申请法院强制执行'),
    detail: text(4000),
    amountFen: fen.optional(),
    completed: z.boolean(),
  }),
  conclusion: z.strictObject({ outcome: z.enum(['executed', 'noPenalty', 'withdrawn', 'transferred']), summary: text(4000) }),
  archive: z.strictObject({ location: optText(200).describe('档案存放位置'), note: optText(1000) }),
  remedy: z.strictObject({
    event: z.enum(RETENTION_EVENTS).describe('长期保存事由（003 记录办法 §21(一)）'),
    filedOn: isoDate.optional().describe('提出或发生日期'),
    detail: text(4000).describe('情况说明（受理机关、案号等）'),
  }),
  remedyOutcome: z.strictObject({
    proceeding: z.enum(['reconsideration', 'lawsuit']).describe('reconsideration 行政复议；lawsuit 行政诉讼'),
    outcome: z
      .enum(['upheld', 'revoked', 'confirmedIllegal', 'redo', 'changed'])
      .describe('upheld 维持；revoked 撤销；confirmedIllegal 确认违法；redo 责令重新作出；changed 变更'),
    decidedOn: isoDate.describe('复议决定或裁判作出日期'),
    authority: text(200).describe('复议机关或人民法院'),
    documentNumber: optText(100).describe('复议决定书或裁判文书文号'),
    explanation: text(4000).describe('结果说明（撤销、变更的，将作为公示变更说明的底稿）'),
  }),
  // written by the legal review workflow (review.service.ts), never through POST /acts
  reviewSubmission: z.strictObject({
    reviewId: z.uuid(),
    round: z.number().int().positive(),
    draftActId: z.uuid(),
    classification: z.strictObject({
      major: z.boolean(),
      reasons: z.array(z.strictObject({ rule: z.string(), label: z.string(), citation: z.string() })),
      policyId: z.string(),
    }),
    materials: z.array(
      z.strictObject({ key: z.enum(MATERIALS), label: z.string(), required: z.boolean(), present: z.boolean(), detail: z.string() }),
    ),
    investigationReport: text(20000),
    explanation: z.strictObject({ facts: text(8000), lawAndDiscretion: text(8000), qualifications: text(2000), investigation: text(8000) }),
    appraisal: z.strictObject({ summary: optText(4000), evidenceIds: z.array(z.uuid()).max(20) }).nullable(),
    note: optText(2000),
  }),
  reviewOpinion: z.strictObject({
    reviewId: z.uuid(),
    round: z.number().int().positive(),
    outcome: z.enum(REVIEW_OUTCOMES),
    checklist: z.array(
      z.strictObject({ item: z.enum(CHECKLIST_ITEMS), label: z.string(), result: z.enum(['pass', 'problem']), note: optText(2000) }),
    ),
    opinion: text(8000),
    receivedOn: isoDate,
    dueOn: isoDate,
  }),
  reviewHeadDecision: z.strictObject({
    reviewId: z.uuid(),
    round: z.number().int().positive(),
    adopt: z.enum(['review', 'handler']).describe('review 维持审核意见；handler 采纳承办机构意见'),
    handlerView: text(8000),
    consultation: text(4000),
    reviewerOpinion: text(8000),
    reason: text(4000),
  }),
} as const;

export const recordActBody = z.strictObject({
  type: z.enum(ACT_TYPE_IDS),
  occurredAt: z.iso.datetime({ offset: true }).describe('开始时间'),
  endedAt: z.iso.datetime({ offset: true }).optional(),
  place: optText(300),
  officers: z.array(z.string().trim().toUpperCase().min(1).max(24)).max(10).default([]).describe('在场执法人员的执法证号'),
  partyPresent: optText(100).describe('在场的当事人或其代理人'),
  certificateShown: z.boolean().optional().describe('是否出示执法证件（000 §9）'),
  rightsTold: z.boolean().optional().describe('是否告知当事人权利义务'),
  content: z.record(z.string(), z.unknown()),
  media: z.array(z.uuid()).max(50).default([]).describe('音像记录（证据文件）'),
  avExceptionId: z.uuid().optional().describe('经负责人批准的未音像记录说明'),
  corrects: z.uuid().optional().describe('更正的原记录'),
  correctionReason: optText(1000),
});
export type RecordActInput = z.infer<typeof recordActBody>;

export const avExceptionBody = z.strictObject({
  actType: z.enum(ACT_TYPE_IDS),
  reason: z.string().trim().min(5).max(2000).describe('未能音像记录或记录不完整的原因（000 §19）'),
});

export const caseSummary = z.object({
  id: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  divisionCode: z.string(),
  number: z.string(),
  actCategory: z.enum(ACT_CATEGORIES),
  origin: z.enum(ORIGINS),
  cause: z.string(),
  field: z.string(),
  partyName: z.string(),
  major: z.boolean(),
  classification: z.enum(CLASSIFICATIONS),
  stage: z.enum(STAGES),
  actCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  openedAt: z.string().nullable(),
  decisionDue: z.string().nullable(),
  archiveDue: z.string().nullable(),
  openingDueAt: z.string().nullable(),
});

const officerCheck = z.object({
  certificateNumber: z.string(),
  name: z.string().nullable(),
  recordId: z.string().nullable(),
  checkedFor: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  ok: z.boolean(),
  problems: z.array(z.string()),
});

export const actView = z.object({
  id: z.string(),
  seq: z.number().int(),
  type: z.enum(ACT_TYPE_IDS),
  occurredAt: z.string(),
  endedAt: z.string().nullable(),
  place: z.string().nullable(),
  officers: z.array(officerCheck),
  partyPresent: z.string().nullable(),
  certificateShown: z.boolean().nullable(),
  rightsTold: z.boolean().nullable(),
  content: z.record(z.string(), z.unknown()),
  media: z.array(
    z.object({
      evidenceId: z.string(),
      fileName: z.string(),
      sha256: z.string(),
      size: z.number(),
      recordingStart: z.string().nullable(),
      recordingEnd: z.string().nullable(),
      late: z.boolean(),
      destroyed: z.boolean().default(false),
    }),
  ),
  avRequired: z.enum(['none', 'av', 'fullAv']),
  avExceptionId: z.string().nullable(),
  corrects: z.string().nullable(),
  correctionReason: z.string().nullable(),
  correctedBy: z.string().nullable().describe('a later act correcting this one'),
  recordedBy: z.string(),
  recordedAt: z.string(),
  contentHash: z.string(),
  ledgerSeq: z.number().int().nullable().describe('leaf index once integrated'),
});

export const caseDetail = caseSummary.extend({
  party: z.record(z.string(), z.unknown()),
  summary: z.string().nullable(),
  itemRecordId: z.string().nullable(),
  handlers: z.array(z.object({ id: z.string(), name: z.string() })),
  decidedAt: z.string().nullable(),
  concludedAt: z.string().nullable(),
  archivedAt: z.string().nullable(),
  acts: z.array(actView),
  avExceptions: z.array(
    z.object({
      id: z.string(),
      actType: z.enum(ACT_TYPE_IDS),
      reason: z.string(),
      requestedBy: z.string(),
      requestedAt: z.string(),
      decision: z
        .object({ approved: z.boolean(), comment: z.string().nullable(), decidedBy: z.string(), decidedAt: z.string() })
        .nullable(),
      usedBy: z.string().nullable(),
      mayDecide: z.boolean().describe('the reader may approve or refuse it now'),
      decideBlocked: z.string().nullable().describe('why the reader, a head, may not decide it (审批与办案相分离)'),
    }),
  ),
  next: z.array(z.enum(ACT_TYPE_IDS)).describe('act types that may be recorded now'),
  blockedActs: z
    .array(z.object({ type: z.enum(ACT_TYPE_IDS), reason: z.string() }))
    .describe('approvals the stage allows but the reader may not give, and why (审批与办案相分离)'),
  access: z.enum(['view', 'copy']).describe('view: read only; copy: may also download documents, media and the case file'),
  actions: z
    .array(z.enum(CASE_ACTIONS))
    .describe('what the reader may do with the case now (record, correct, read the access log, ask for or approve destruction)'),
  retention: z.object({
    until: z.string().nullable().describe('media records may be destroyed from this day (null: no period / not archived)'),
    permanent: z.string().nullable().describe('the event that made the records permanent'),
    destroyedAt: z.string().nullable(),
    destruction: z
      .object({
        id: z.string(),
        reason: z.string(),
        requestedBy: z.string(),
        requestedAt: z.string(),
        decision: z
          .object({ approved: z.boolean(), comment: z.string().nullable(), decidedBy: z.string(), decidedAt: z.string() })
          .nullable(),
      })
      .nullable()
      .describe('the latest destruction request'),
  }),
});

export const accessRequestBody = z
  .strictObject({
    caseId: z.uuid().optional(),
    caseNumber: z.string().trim().min(3).max(100).optional().describe('案号（申请人不能查看案件时按案卷上的案号申请）'),
    requesterKind: z
      .enum(['user', 'external', 'party'])
      .default('user')
      .describe('user 本人申请；external 外部机关（由记录管理员登记）；party 当事人申请复制本人记录'),
    requesterName: optText(100),
    organisation: optText(200).describe('调阅机关（监察、审判、检察、公安、审计等）'),
    purpose: z.string().trim().min(2).max(2000).describe('调阅事由及依据'),
    scope: z.enum(['view', 'copy']).describe('view 查阅；copy 复制（下载、导出）'),
    days: z.number().int().min(1).max(90).default(30).describe('有效期（日）'),
  })
  .refine((b) => b.caseId || b.caseNumber, { message: '请指定案件（caseId 或案号）', path: ['caseNumber'] });
export type AccessRequestInput = z.infer<typeof accessRequestBody>;

export const ACCESS_REQUEST_ACTIONS = ['decide', 'openCase'] as const;

export const accessRequestView = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  agencyId: z.string(),
  requesterKind: z.enum(['user', 'external', 'party']),
  requesterName: z.string(),
  organisation: z.string().nullable(),
  purpose: z.string(),
  scope: z.enum(['view', 'copy']),
  validUntil: z.string(),
  lodgedBy: z.string(),
  lodgedAt: z.string(),
  status: z.enum(['pending', 'rejected', 'approved', 'expired']),
  decision: z.object({ approved: z.boolean(), comment: z.string().nullable(), decidedBy: z.string(), decidedAt: z.string() }).nullable(),
  actions: z
    .array(z.enum(ACCESS_REQUEST_ACTIONS))
    .describe('what the reader may do: decide it (the agency head, while pending), open its case'),
});

export const accessLogEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorUsername: z.string().nullable(),
  action: z.enum(['case.view', 'case.document.view', 'case.document.download', 'case.export', 'evidence.download']),
  ip: z.string().nullable(),
  subject: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

/** The to-do kinds: the case file's own, and `review` contributed by legal review through the to-do board. */
export const TODO_KINDS = [
  'openingApproval',
  'emergencyApproval',
  'decisionDue',
  'archiveDue',
  'avException',
  'accessRequest',
  'destruction',
  'avUpload',
  'review',
] as const;
export type TodoKind = (typeof TODO_KINDS)[number];
export const todoItem = z.object({
  kind: z.enum(TODO_KINDS),
  caseId: z.string(),
  number: z.string(),
  cause: z.string(),
  due: z.string().nullable(),
  overdue: z.boolean(),
  daysLeft: z.number().int().nullable(),
  id: z.string().optional(),
});
export const todoReply = z.object({
  items: z.array(todoItem),
  casesWithTodos: z.number().int().describe('cases with a case to-do in all'),
  truncated: z.boolean().describe('only the most urgent cases are listed'),
});
