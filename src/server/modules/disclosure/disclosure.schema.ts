// Request and reply shapes of the disclosure API (back office and portal), one zod schema each.
import { z } from 'zod';
import { queryBoolean } from '../../platform/http.ts';
import { isRealDate } from '../../platform/codes.ts';
import { ACT_CATEGORIES } from '../registry/record.kinds.ts';
import { EXCLUSION_REASON_IDS } from './disclosure.rules.ts';

const isoDate = z.string().refine(isRealDate, '应为真实存在的日期，格式 YYYY-MM-DD');
const note = (max: number) => z.string().trim().min(1, '请填写').max(max, `不能超过 ${max} 字`);
export const idParams = z.strictObject({ id: z.uuid('记录编号格式不正确') });

export const STATES = ['pending', 'prepared', 'published', 'excluded', 'withdrawn'] as const;

export const listQuery = z.strictObject({
  state: z
    .preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(z.enum(STATES)).max(5))
    .optional()
    .describe('状态，多个用逗号分隔'),
  overdue: queryBoolean().optional(),
  actCategory: z.enum(ACT_CATEGORIES).optional(),
  agencyId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['dueOn', 'decidedOn', 'publishedOn']).default('dueOn'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});

export const disclosureSummary = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  agencyName: z.string(),
  actCategory: z.string(),
  partyName: z.string(),
  documentNumber: z.string().nullable(),
  caseName: z.string(),
  decidedOn: z.string(),
  workingDays: z.number().int(),
  dueOn: z.string(),
  state: z.enum(STATES),
  stateLabel: z.string(),
  overdue: z.boolean(),
  workingDaysLate: z.number().int().describe('已发布的：迟于期限的工作日数；未发布且已超期的：至今超期的工作日数'),
  publishedOn: z.string().nullable(),
  exclusionReason: z.string().nullable(),
  remedy: z.string().nullable(),
  changeDueOn: z.string().nullable(),
  changeNoticePublished: z.boolean(),
});

const range = z.strictObject({ start: z.number().int().min(0), end: z.number().int().min(1) });
const finding = z.object({ kind: z.string(), start: z.number().int(), end: z.number().int() });

const fieldMasks = z
  .strictObject({
    masks: z.array(range).max(500).describe('遮盖的范围（UTF-16 偏移，针对 proposal 中的文本）'),
    kept: z
      .array(range.extend({ reason: note(200) }))
      .max(100)
      .optional()
      .describe('识别出但保留不遮盖的（须说明理由）'),
  })
  .optional();
export const prepareBody = z.strictObject({
  fields: z.strictObject({
    caseName: fieldMasks,
    partyName: fieldMasks,
    representative: fieldMasks,
    facts: fieldMasks,
    basis: fieldMasks,
    result: fieldMasks,
  }),
});

export const excludeBody = z.strictObject({
  reason: z.enum(EXCLUSION_REASON_IDS),
  note: note(1000).describe('审查意见（注明理由，留存备查）'),
});
export const approveBody = z.strictObject({ note: note(1000).describe('批准公开的理由（如权利人同意、涉及重大公共利益）') });
export const changeNoticeBody = z.strictObject({ explanation: note(4000).describe('变更、撤销或确认违法的说明') });

export const DISCLOSURE_ACTIONS = ['prepare', 'publish', 'exclude', 'approvePublication', 'publishChangeNotice'] as const;

export const disclosureDetail = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  agencyId: z.string(),
  actCategory: z.string(),
  state: z.enum(STATES),
  stateLabel: z.string(),
  record: z.record(z.string(), z.unknown()).describe('003 §11 fields before redaction (the ID number is never sent)'),
  decidedOn: z.string(),
  workingDays: z.number().int(),
  dueOn: z.string(),
  overdue: z.boolean(),
  workingDaysLate: z.number().int(),
  proposal: z
    .record(z.string(), z.object({ text: z.string(), findings: z.array(finding) }))
    .nullable()
    .describe('待脱敏的文本及自动识别的个人信息'),
  prepared: z.record(z.string(), z.unknown()).nullable(),
  preparedByMe: z.boolean(),
  published: z.record(z.string(), z.unknown()).nullable(),
  publishedOn: z.string().nullable(),
  takeDownOn: z.string().nullable(),
  exclusion: z.record(z.string(), z.unknown()).nullable(),
  remedy: z.record(z.string(), z.unknown()).nullable(),
  changeDueOn: z.string().nullable(),
  changeNotice: z.record(z.string(), z.unknown()).nullable(),
  events: z.array(
    z.object({
      seq: z.number().int(),
      kind: z.string(),
      data: z.record(z.string(), z.unknown()),
      actorName: z.string(),
      at: z.string(),
      ledgerRef: z.number().nullable(),
    }),
  ),
  actions: z
    .array(z.enum(DISCLOSURE_ACTIONS))
    .describe('what the reader may do with the record now (redact, publish, exclude, approve publication, publish the change notice)'),
});

// ---- timeliness and exports ------------------------------------------------------------------------------------

export const timelinessQuery = z.strictObject({
  from: isoDate.optional().describe('决定日期起'),
  to: isoDate.optional().describe('决定日期止'),
  division: z
    .string()
    .regex(/^[1-9]\d{5}$/, '行政区划代码应为 6 位数字')
    .optional(),
});
const counts = z.object({
  decisions: z.number().int(),
  due: z.number().int().describe('未到期待公示'),
  overdue: z.number().int().describe('已超期未公示'),
  onTime: z.number().int(),
  late: z.number().int().describe('超期公示'),
  lateWorkingDays: z.number().int().describe('超期公示的工作日合计'),
  excluded: z.number().int(),
  withdrawn: z.number().int(),
  lateRate: z.number().describe('迟报率：(超期公示 + 已超期未公示) / 应公示'),
});
export const timelinessReply = z.object({
  asOf: z.string(),
  agencies: z.array(counts.extend({ agencyId: z.string(), agencyName: z.string(), divisionCode: z.string() })),
  divisions: z.array(counts.extend({ divisionCode: z.string(), divisionName: z.string() })).describe('按下一级行政区划汇总'),
  total: counts,
});

export const doubleExportQuery = z.strictObject({
  kind: z.enum(['penalty', 'licence']),
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

// ---- the portal --------------------------------------------------------------------------------------------------

export const portalQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .max(50, '关键词不能超过 50 字')
    .optional()
    .describe('关键词（当事人名称、文号、案件名称、违法事实、处理结果；中文至少 2 个字）'),
  agencyId: z.uuid().optional(),
  division: z
    .string()
    .regex(/^[1-9]\d{5}$/, '行政区划代码应为 6 位数字')
    .optional(),
  actCategory: z.enum(ACT_CATEGORIES).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  cursor: z.string().max(200).optional().describe('上一页返回的 nextCursor'),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  format: z.enum(['json', 'csv']).default('json'),
});

export const publicDecision = z.object({
  id: z.string(),
  agencyId: z.string(),
  divisionCode: z.string(),
  actCategory: z.string(),
  documentNumber: z.string().nullable(),
  caseName: z.string(),
  party: z.object({ kind: z.string(), name: z.string(), creditCode: z.string().nullable(), representative: z.string().nullable() }),
  facts: z.string(),
  basis: z.string(),
  result: z.string(),
  fineYuan: z.number().nullable(),
  agencyName: z.string(),
  agencyCreditCode: z.string(),
  decidedOn: z.string(),
  publishedOn: z.string().nullable(),
});

export const portalPage = z.object({ items: z.array(publicDecision), nextCursor: z.string().nullable() });

export const publicRecordReply = z.object({
  status: z.enum(['published', 'withdrawn']),
  decision: publicDecision.nullable().describe('撤下后不再提供原决定内容'),
  remedy: z.object({ label: z.string(), decidedOn: z.string(), authority: z.string() }).nullable(),
  changeNotice: z.object({ text: z.string(), publishedOn: z.string() }).nullable(),
});

export const correctionBody = z.strictObject({
  name: note(50).describe('姓名或单位名称'),
  contact: note(100).describe('联系方式（电话或电子邮箱），仅用于答复，不公开'),
  content: note(4000).describe('不准确之处及理由'),
  attachmentIds: z.array(z.uuid()).max(5, '附件最多 5 个').optional().describe('先上传附件（correction-attachments）得到的编号'),
});
export const attachmentReply = z.object({ id: z.string(), name: z.string(), contentType: z.string(), size: z.number().int() });
export const correctionCodeParams = z.strictObject({ code: z.string().regex(/^[A-Z0-9]{10}$/, '查询码应为 10 位字母或数字') });
export const correctionStatus = z.object({
  code: z.string(),
  state: z.enum(['open', 'corrected', 'rejected']),
  stateLabel: z.string(),
  receivedOn: z.string(),
  dueOn: z.string(),
  answer: z.string().nullable(),
  answeredOn: z.string().nullable(),
  documentNumber: z.string().nullable(),
});
export const correctionAnswerBody = z.strictObject({ result: z.enum(['corrected', 'rejected']), answer: note(4000) });
