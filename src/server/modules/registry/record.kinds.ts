// What the registry holds (SPEC §2.1): the agency profile, officers, the four lists and the service texts, each
// kind with its data schema (zod: validation, types and OpenAPI), its title and code for lists and search, and the
// fields the public may see. Pure: no I/O.
import { z } from 'zod';
import { isRealDate } from '../../platform/codes.ts';
import { httpUrl } from '../../platform/http.ts';
import { ACT_CATEGORIES, ACT_TYPE_IDS, DECISION_KINDS, MAJOR_FLAGS } from '../../../shared/vocabulary.ts';
export { ACT_CATEGORIES, ACT_CATEGORY_LABELS } from '../../../shared/vocabulary.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).optional();
const isoDate = z.string().refine(isRealDate, { message: '应为真实存在的日期，格式 YYYY-MM-DD' });
const actCategory = z.enum(ACT_CATEGORIES);

/** Certificate numbers as issued by provincial governments: digits and capital letters, optionally with hyphens. */
export const CERTIFICATE_NUMBER = /^[0-9A-Z][0-9A-Z-]{5,23}$/;
export const certificateNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(CERTIFICATE_NUMBER, '执法证号应为 6-24 位数字或大写字母（可含连字符）');

export const officerData = z
  .strictObject({
    name: text(50),
    gender: z.enum(['男', '女']),
    post: text(100).describe('岗位/职务'),
    photo: z
      .string()
      .regex(/^sha256:[0-9a-f]{64}$/)
      .nullable()
      .optional()
      .describe('photo blob in the evidence store'),
    certificateNumber: certificateNumberSchema,
    categories: z.array(text(50)).min(1).max(20).describe('执法类别'),
    area: text(200).describe('执法区域'),
    validFrom: isoDate,
    validTo: isoDate,
    status: z.enum(['valid', 'suspended', 'revoked']).default('valid').describe('证件状态：有效、暂扣、吊销/注销'),
    legalQualification: z
      .strictObject({ certificateNumber: text(40), obtainedOn: isoDate })
      .nullable()
      .optional()
      .describe('国家统一法律职业资格（法制审核人员，000 §28）'),
  })
  .refine((o) => o.validTo >= o.validFrom, { path: ['validTo'], message: '证件有效期截止日期不能早于起始日期' });

export const agencyProfileData = z.strictObject({
  legalBasis: text(4000).describe('执法主体资格的法律依据'),
  duties: text(8000).describe('法定职责'),
  internalUnits: z.array(text(100)).max(100).default([]).describe('内设执法机构'),
  jurisdiction: text(500).describe('管辖范围'),
  officeAddress: text(300),
  mailingAddress: optText(300),
  consultationPhone: text(50),
  complaintPhone: text(50).describe('监督投诉电话'),
  website: httpUrl().optional(),
});

export const enforcementItemData = z.strictObject({
  code: optText(50).describe('事项编码'),
  name: text(300),
  actCategory,
  basis: text(8000).describe('实施依据'),
  implementingBody: text(200).describe('实施主体'),
  responsibleBody: text(200).describe('承办机构'),
});

export const inspectionItemData = z.strictObject({
  name: text(300),
  body: text(200).describe('检查主体'),
  basis: text(8000),
  targets: text(1000).describe('检查对象'),
  content: text(4000).describe('检查内容'),
  ratio: text(100).describe('抽查比例'),
  method: text(500).describe('检查方式'),
  frequency: text(100).describe('抽查频次'),
});

export const AV_LEVELS = ['none', 'av', 'fullAv'] as const;
export const avItemData = z.strictObject({
  name: text(300).describe('执法环节，如现场检查、查封扣押'),
  actCategory,
  level: z.enum(AV_LEVELS).describe('none 文字记录即可；av 音像记录；fullAv 全过程音像记录'),
  actTypes: z.array(z.enum(ACT_TYPE_IDS)).max(20).optional().describe('适用的办案环节（执法行为记录类型）；案件记录据此判断是否须音像记录'),
  basis: optText(4000),
});

const digits = (max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,12}$/, '请填写整数')
    .refine((v) => Number(v) > 0 && Number(v) <= max, `应为 1 到 ${max} 之间的整数`);

/** A catalogue entry; the optional rule fields make it machine-usable (the case's draft decision is classified by them). */
export const majorCatalogueItemData = z.strictObject({
  name: text(300),
  actCategory,
  criteria: text(4000).describe('重大执法决定的认定标准'),
  basis: optText(4000),
  everyDecision: z.enum(['yes']).optional().describe('本类别的全部决定均须法制审核（简易程序除外，004 二）'),
  kinds: z.array(z.enum(DECISION_KINDS)).max(30).optional().describe('决定涉及这些措施之一'),
  flags: z.array(z.enum(MAJOR_FLAGS)).max(10).optional().describe('具有这些一般情形之一'),
  partyType: z.enum(['individual', 'organisation']).optional(),
  businessActivity: z.enum(['business', 'nonBusiness']).optional().describe('违法行为是否发生在经营活动中'),
  minAmountYuan: digits(1e12).optional().describe('罚款或没收数额达到（元，含本数）'),
  minInspectors: digits(100_000).optional().describe('派出检查的执法人员达到（人，含本数）'),
});

export const serviceGuideData = z.strictObject({
  name: text(300).describe('事项名称'),
  basis: text(8000).describe('设定依据'),
  conditions: text(8000).describe('申请条件'),
  materials: z.array(text(500)).min(1).max(200).describe('申请材料'),
  procedure: text(8000).describe('办理程序'),
  timeLimit: text(200).describe('办理时限'),
  fees: text(1000).describe('收费依据及标准'),
  place: optText(300).describe('办理地点'),
  contact: text(200).describe('咨询电话'),
});

export const FLOW_STEP_KINDS = ['start', 'step', 'decision', 'end'] as const;
export const flowchartData = z
  .strictObject({
    name: text(300),
    actCategory,
    steps: z
      .array(
        z.strictObject({
          id: z.string().regex(/^[a-zA-Z0-9_-]{1,40}$/),
          kind: z.enum(FLOW_STEP_KINDS),
          label: text(100),
          timeLimit: optText(100),
          next: z
            .array(z.strictObject({ to: z.string(), label: optText(50) }))
            .max(10)
            .default([]),
        }),
      )
      .min(2)
      .max(100),
  })
  .superRefine((f, ctx) => {
    const ids = new Set<string>();
    f.steps.forEach((s, i) => {
      if (ids.has(s.id)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `步骤编号 ${s.id} 重复` });
      ids.add(s.id);
    });
    f.steps.forEach((s, i) =>
      s.next.forEach((n, j) => {
        if (!ids.has(n.to)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'next', j, 'to'], message: `指向不存在的步骤 ${n.to}` });
      }),
    );
    if (!f.steps.some((s) => s.kind === 'start')) ctx.addIssue({ code: 'custom', path: ['steps'], message: '流程图须有开始步骤' });
    if (!f.steps.some((s) => s.kind === 'end')) ctx.addIssue({ code: 'custom', path: ['steps'], message: '流程图须有结束步骤' });
  });

export const discretionBenchmarkData = z.strictObject({
  name: text(300).describe('违法行为'),
  basis: text(8000).describe('处罚依据'),
  levels: z
    .array(z.strictObject({ circumstance: text(1000), range: text(500) }))
    .min(1)
    .max(20)
    .describe('情节与裁量幅度'),
});

export const feeItemData = z.strictObject({
  name: text(300),
  basis: text(4000),
  standard: text(2000).describe('收费标准'),
  payer: optText(300).describe('缴费对象'),
});

export const remedyChannelData = z.strictObject({
  kind: z.enum(['reconsideration', 'litigation', 'complaint', 'supervision']).describe('行政复议、行政诉讼、投诉举报、监督'),
  body: text(200),
  address: optText(300),
  phone: optText(50),
  deadline: optText(200).describe('申请期限'),
  note: optText(2000),
});

export const RECORD_KINDS = {
  agencyProfile: { label: '执法主体信息', data: agencyProfileData },
  officer: { label: '执法人员', data: officerData },
  enforcementItem: { label: '行政执法事项清单', data: enforcementItemData },
  inspectionItem: { label: '随机抽查事项清单', data: inspectionItemData },
  avItem: { label: '音像记录事项清单', data: avItemData },
  majorCatalogueItem: { label: '重大执法决定法制审核目录清单', data: majorCatalogueItemData },
  serviceGuide: { label: '服务指南', data: serviceGuideData },
  flowchart: { label: '执法流程图', data: flowchartData },
  discretionBenchmark: { label: '裁量基准', data: discretionBenchmarkData },
  feeItem: { label: '收费目录', data: feeItemData },
  remedyChannel: { label: '监督方式和救济渠道', data: remedyChannelData },
} as const;
export type RecordKind = keyof typeof RECORD_KINDS;
export const RECORD_KIND_IDS = Object.keys(RECORD_KINDS) as [RecordKind, ...RecordKind[]];
export const recordKindSchema = z.enum(RECORD_KIND_IDS);
/** The lists the public reads per agency (everything but the profile and officers). */
export const LIST_KINDS = RECORD_KIND_IDS.filter((k) => k !== 'agencyProfile' && k !== 'officer');

export type RecordData = Record<string, unknown>;

/** Validate data for a kind; returns the parsed value or the zod error. */
export const parseData = (kind: RecordKind, data: unknown) => RECORD_KINDS[kind].data.safeParse(data);

const REMEDY_LABELS = { reconsideration: '行政复议', litigation: '行政诉讼', complaint: '投诉举报', supervision: '执法监督' } as const;

/** The record's display title and code (certificate number, item code). */
export function titleOf(kind: RecordKind, data: RecordData, agencyName: string): { title: string; code: string | null } {
  switch (kind) {
    case 'agencyProfile':
      return { title: agencyName, code: null };
    case 'officer':
      return { title: String(data.name), code: String(data.certificateNumber) };
    case 'remedyChannel':
      return { title: `${REMEDY_LABELS[data.kind as keyof typeof REMEDY_LABELS]}：${String(data.body)}`, code: null };
    case 'enforcementItem':
      return { title: String(data.name), code: data.code ? String(data.code) : null };
    default:
      return { title: String(data.name), code: null };
  }
}

/** Text the portal search looks in. */
function searchableText(kind: RecordKind, data: RecordData, title: string): string[] {
  switch (kind) {
    case 'officer':
      return [title, String(data.certificateNumber), ...(data.categories as string[]), String(data.area), String(data.post)];
    case 'agencyProfile':
      return [title, String(data.duties), String(data.jurisdiction)];
    default:
      return [title, String(data.basis ?? ''), String(data.code ?? '')];
  }
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]+/g;
const WORD = /[0-9a-z]+/g;

/**
 * Search terms: every Chinese character bigram, and every whole ASCII word (lower case). A query matches when the
 * record's terms contain all of the query's terms, so any 2+-character Chinese substring and whole numbers match.
 */
export function searchTerms(texts: string[]): string[] {
  const terms = new Set<string>();
  for (const t of texts) {
    const s = t.toLowerCase();
    for (const run of s.match(CJK) ?? []) {
      const chars = [...run];
      if (chars.length === 1) terms.add(chars[0]!);
      for (let i = 0; i + 1 < chars.length; i++) terms.add(chars[i]! + chars[i + 1]!);
    }
    for (const w of s.match(WORD) ?? []) terms.add(w);
  }
  return [...terms];
}

export const recordTerms = (kind: RecordKind, data: RecordData, title: string) => searchTerms(searchableText(kind, data, title));

/** What the public sees of a record's data (SPEC §2.1): officers lose the legal-qualification certificate number. */
export function publicData(kind: RecordKind, data: RecordData): RecordData {
  if (kind !== 'officer') return data;
  const { legalQualification, ...rest } = data;
  return { ...rest, hasLegalQualification: !!legalQualification };
}

export type CertificateStatus = 'valid' | 'expired' | 'notYetValid' | 'suspended' | 'revoked';

/** Whether a certificate is valid on `day` (YYYY-MM-DD, Asia/Shanghai), and if not, why. 000 §9; 002 §14. */
export function certificateStatus(o: { validFrom: string; validTo: string; status: string }, day: string): CertificateStatus {
  if (o.status === 'revoked') return 'revoked';
  if (o.status === 'suspended') return 'suspended';
  if (day < o.validFrom) return 'notYetValid';
  if (day > o.validTo) return 'expired';
  return 'valid';
}

export const CERTIFICATE_STATUS_LABELS: Record<CertificateStatus, string> = {
  valid: '有效',
  expired: '已过期',
  notYetValid: '尚未生效',
  suspended: '已暂扣',
  revoked: '已吊销或注销',
};
