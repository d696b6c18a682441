// Standard enforcement documents (制式文书, SPEC §3.2; 002 记录办法 §10-31): each recorded act prints as one document,
// laid out from the act's fields (shared/act-fields.ts) under the document's title, with its number (文号) where the
// document carries one, the officers and their certificate check, the media records and the ledger reference.
// Pure: a document model that the back office prints and document.docx.ts turns into a Word file.
import { z } from 'zod';
import { ACT_CATEGORY_LABELS } from '../registry/record.kinds.ts';
import { ACT_FIELDS, tableCells, type ActField } from '../../../shared/act-fields.ts';
import { ACT_TYPES, CERTIFICATE_PROBLEM_LABELS, ORIGIN_LABELS, type ActType } from './case.rules.ts';
import type { actView, caseDetail } from './case.schema.ts';

type CaseDetail = z.infer<typeof caseDetail>;
type ActView = z.infer<typeof actView>;

export const documentBlock = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fields'), rows: z.array(z.object({ label: z.string(), value: z.string() })) }),
  z.object({ kind: z.literal('section'), title: z.string(), text: z.string() }),
  z.object({ kind: z.literal('table'), title: z.string(), columns: z.array(z.string()), rows: z.array(z.array(z.string())) }),
  z.object({ kind: z.literal('notice'), text: z.string() }),
  z.object({ kind: z.literal('signatures'), lines: z.array(z.string()) }),
]);
export type DocumentBlock = z.infer<typeof documentBlock>;

export const documentView = z.object({
  caseId: z.string(),
  actId: z.string(),
  actType: z.string(),
  title: z.string(),
  number: z.string().nullable(),
  agencyName: z.string(),
  caseNumber: z.string(),
  blocks: z.array(documentBlock),
  record: z.object({
    recordedBy: z.string(),
    recordedAt: z.string(),
    ledgerSeq: z.number().int().nullable(),
    contentHash: z.string(),
    corrects: z.string().nullable().describe('the number/title of the document this one corrects'),
    correctionReason: z.string().nullable(),
    correctedBy: z.string().nullable(),
  }),
});
export type DocumentView = z.infer<typeof documentView>;

type CaseKind = Pick<CaseDetail, 'actCategory'>;

interface DocumentKind {
  title: string | ((c: CaseKind) => string);
  /** The series word in the document number (文号), e.g. 罚决 → 奈文旅罚决〔2026〕3号; none for transcripts. */
  series?: string | ((c: CaseKind) => string);
  /** Who signs at the foot of the page. */
  signatures: readonly string[];
  /** Fixed legal text printed with the document (rights, time limits). */
  notices?: (a: ActView, c: CaseDetail) => string[];
}

const FIELD_SIGNATURES = ['执法人员（签名）：', '当事人或在场人员（签名）：', '记录人（签名）：'] as const;
const APPROVAL_SIGNATURES = ['审批人（签名）：', '日期：'] as const;
const AGENCY_SEAL = ['（行政执法部门印章）', '日期：'] as const;

export const DOCUMENT_KINDS: Record<ActType, DocumentKind> = {
  registration: { title: '案件来源登记表', signatures: ['登记人（签名）：', '日期：'] },
  opening: { title: '立案审批表', series: '立审', signatures: APPROVAL_SIGNATURES },
  inquiry: { title: '询问笔录', signatures: ['被询问人（签名）：', ...FIELD_SIGNATURES] },
  inspection: { title: '现场检查（勘验）笔录', signatures: FIELD_SIGNATURES },
  evidenceRetrieval: { title: '调取证据通知书及证据清单', series: '调证', signatures: FIELD_SIGNATURES },
  sampling: { title: '抽样取证凭证', series: '抽样', signatures: FIELD_SIGNATURES },
  seizure: {
    title: '查封（扣押）决定书及财物清单',
    series: '强制',
    signatures: [...FIELD_SIGNATURES, ...AGENCY_SEAL],
    notices: () => ['当事人对本决定不服的，可以依法申请行政复议或者提起行政诉讼（行政强制法第八条、第二十四条）。'],
  },
  rightsNotice: {
    title: (c) => (c.actCategory === 'penalty' ? '行政处罚事先告知书' : '事先告知书'),
    series: '告',
    signatures: AGENCY_SEAL,
    notices: (a) => [
      '根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）享有陈述、申辩的权利。你（单位）可在收到本告知书之日起三日内向本机关提出陈述、申辩；逾期未提出的，视为放弃上述权利。',
      ...(a.content.hearingEligible === true
        ? [
            '根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你（单位）有权要求听证。要求听证的，应当在收到本告知书之日起五日内提出。',
          ]
        : []),
    ],
  },
  statementDefence: { title: '陈述申辩笔录', signatures: ['陈述申辩人（签名）：', '记录人（签名）：'] },
  hearingNotice: {
    title: '听证通知书',
    series: '听通',
    signatures: AGENCY_SEAL,
    notices: () => [
      '当事人可以亲自参加听证，也可以委托一至二人代理；认为主持人与本案有直接利害关系的，有权申请回避（行政处罚法第六十四条）。',
    ],
  },
  hearing: { title: '听证笔录', signatures: ['主持人（签名）：', '当事人或其代理人（签名）：', '记录人（签名）：'] },
  draftDecision: { title: '案件处理审批表（拟处理决定）', signatures: ['承办人（签名）：', '审核人（签名）：', ...APPROVAL_SIGNATURES] },
  collectiveDiscussion: { title: '重大案件集体讨论记录', signatures: ['参加人员（签名）：', '记录人（签名）：'] },
  decision: {
    title: (c) => (c.actCategory === 'penalty' ? '行政处罚决定书' : '行政执法决定书'),
    series: (c) => (c.actCategory === 'penalty' ? '罚决' : '决'),
    signatures: AGENCY_SEAL,
  },
  service: { title: '送达回证', signatures: ['受送达人（签名）：', '送达人（签名）：', '见证人（签名）：'] },
  urging: {
    title: '催告书',
    series: '催告',
    signatures: AGENCY_SEAL,
    notices: () => ['当事人收到催告书后有权进行陈述和申辩（行政强制法第三十五条、第三十六条）。'],
  },
  execution: { title: '执行记录', signatures: ['执行人（签名）：', '记录人（签名）：'] },
  conclusion: { title: '结案审批表', signatures: APPROVAL_SIGNATURES },
  archive: { title: '案卷归档登记', signatures: ['立卷人（签名）：', '档案管理人员（签名）：'] },
  remedy: { title: '长期保存事由登记', signatures: ['登记人（签名）：', '日期：'] },
  remedyOutcome: { title: '行政复议、行政诉讼结果登记', signatures: ['登记人（签名）：', '日期：'] },
  reviewSubmission: { title: '重大执法决定法制审核送审表', signatures: ['承办人（签名）：', '承办机构负责人（签名）：', '日期：'] },
  reviewOpinion: {
    title: '法制审核意见书',
    series: '法审',
    signatures: ['法制审核人员（签名）：', '法制机构（印章）', '日期：'],
    notices: () => [
      '承办机构应当研究采纳审核意见；有异议的，应当与法制机构协商沟通，经沟通仍不能达成一致意见的，报请行政执法部门负责人决定（000 第三十二条）。本意见书随卷存档。',
    ],
  },
  reviewHeadDecision: { title: '法制审核意见分歧处理决定', signatures: ['行政执法部门负责人（签名）：', '日期：'] },
};

const pick = <T>(v: T | ((c: CaseKind) => T), c: CaseKind): T => (typeof v === 'function' ? (v as (c: CaseKind) => T)(c) : v);

export const documentTitle = (type: ActType, c: CaseKind) => pick(DOCUMENT_KINDS[type].title, c);
export const documentSeries = (type: ActType, c: CaseKind) => {
  const s = DOCUMENT_KINDS[type].series;
  return s === undefined ? null : pick(s, c);
};

/** 文号: 机关代字 + series word + 〔year〕 + serial + 号 (GB/T 9704 §7.3.2 style: hexagonal brackets, no leading zeros). */
export const formatDocumentNumber = (prefix: string, series: string, year: number, serial: number) =>
  `${prefix}${series}〔${year}〕${serial}号`;

// ---- formatting ------------------------------------------------------------------------------------------------------

const SHANGHAI_MS = 8 * 3600_000;
/** 2026年3月1日 9时30分 (Asia/Shanghai). */
export function formatInstant(iso: string, withTime = true): string {
  const d = new Date(Date.parse(iso) + SHANGHAI_MS);
  const date = `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
  return withTime ? `${date} ${d.getUTCHours()}时${String(d.getUTCMinutes()).padStart(2, '0')}分` : date;
}
const formatDate = (ymd: string) => {
  const [y, m, d] = ymd.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
/** Fen → 1,234.50 元. */
export const formatYuan = (fen: number) =>
  `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
const yesNo = (b: unknown) => (b === true ? '是' : b === false ? '否' : '未记录');

function partyRows(p: Record<string, unknown>): { label: string; value: string }[] {
  const rows = [{ label: '当事人', value: String(p.name ?? '') }];
  const add = (label: string, v: unknown) => {
    if (typeof v === 'string' && v) rows.push({ label, value: v });
  };
  if (p.kind === 'person') add('公民身份号码', p.idNumber);
  else {
    add('统一社会信用代码', p.creditCode);
    add('法定代表人（负责人）', p.representative);
  }
  add('住址（住所）', p.address);
  add('联系电话', p.phone);
  return rows;
}

function valueOf(field: ActField, content: Record<string, unknown>): unknown {
  let v: unknown = content;
  for (const k of field.name) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/** The blocks for the act's own fields: short values as label/value rows, long text as sections, lists as tables. */
function contentBlocks(type: ActType, a: ActView, c: CaseDetail): DocumentBlock[] {
  if (type === 'registration') {
    const k = a.content;
    return [
      {
        kind: 'fields',
        rows: [
          { label: '案件来源', value: ORIGIN_LABELS[c.origin] },
          { label: '执法行为类别', value: ACT_CATEGORY_LABELS[c.actCategory] ?? c.actCategory },
          { label: '执法类别', value: c.field },
          { label: '重大执法决定', value: yesNo(k.major) },
          { label: '承办人', value: c.handlers.map((h) => h.name).join('、') },
        ],
      },
      ...(c.summary ? [{ kind: 'section' as const, title: '案件来源及简要案情', text: c.summary }] : []),
    ];
  }
  const rows: { label: string; value: string }[] = [];
  const out: DocumentBlock[] = [];
  for (const field of ACT_FIELDS[type]) {
    const v = valueOf(field, a.content);
    if (v === undefined || v === null || v === '') continue;
    switch (field.kind) {
      case 'textarea':
        out.push({ kind: 'section', title: field.label, text: String(v) });
        break;
      case 'items':
        out.push({
          kind: 'table',
          title: field.label,
          columns: ['序号', '名称', '数量', '备注'],
          rows: (v as { name: string; quantity?: string; note?: string }[]).map((i, n) => [
            String(n + 1),
            i.name,
            i.quantity ?? '',
            i.note ?? '',
          ]),
        });
        break;
      case 'table':
        out.push({ kind: 'table', title: field.label, columns: (field.columns ?? []).map((c) => c.label), rows: tableCells(field, v) });
        break;
      case 'bool':
        rows.push({ label: field.label, value: yesNo(v) });
        break;
      case 'select':
        rows.push({ label: field.label, value: field.options?.find((o) => o.value === v)?.label ?? String(v) });
        break;
      case 'multiselect':
        if ((v as string[]).length)
          rows.push({
            label: field.label,
            value: (v as string[]).map((x) => field.options?.find((o) => o.value === x)?.label ?? x).join('、'),
          });
        break;
      case 'yuan':
        rows.push({ label: field.label.replace('（元）', ''), value: formatYuan(Number(v)) });
        break;
      case 'datetime':
        rows.push({ label: field.label, value: formatInstant(String(v)) });
        break;
      case 'date':
        rows.push({ label: field.label, value: formatDate(String(v)) });
        break;
      case 'names':
        rows.push({ label: field.label.replace(/（.*）/, ''), value: (v as string[]).join('、') });
        break;
      case 'document': {
        const doc = c.acts.find((x) => x.id === v);
        const number = doc?.content.documentNumber;
        rows.push({
          label: field.label,
          value: doc ? `${documentTitle(doc.type, c)}${typeof number === 'string' ? `（${number}）` : ''}` : String(v),
        });
        break;
      }
      default:
        rows.push({ label: field.label, value: String(v) });
    }
  }
  return rows.length ? [{ kind: 'fields', rows }, ...out] : out;
}

/** The document an act prints as. `c` is the case with all its acts (a service receipt names the document served). */
export function renderDocument(c: CaseDetail, a: ActView): DocumentView {
  const type = a.type;
  const kind = DOCUMENT_KINDS[type];
  const blocks: DocumentBlock[] = [];

  const header = [{ label: '案号', value: c.number }, { label: '案由', value: c.cause }, ...partyRows(c.party)];
  if (type !== 'registration') {
    header.push({
      label: '时间',
      value: a.endedAt ? `${formatInstant(a.occurredAt)} 至 ${formatInstant(a.endedAt)}` : formatInstant(a.occurredAt),
    });
    if (a.place) header.push({ label: '地点', value: a.place });
  }
  blocks.push({ kind: 'fields', rows: header });

  if (a.officers.length) {
    blocks.push({
      kind: 'table',
      title: '执法人员（证件核验结果为记录时的核验）',
      columns: ['姓名', '执法证号', '有效期', '核验结果'],
      rows: a.officers.map((o) => [
        o.name ?? '（未知）',
        o.certificateNumber,
        o.validFrom && o.validTo ? `${o.validFrom} 至 ${o.validTo}` : '',
        o.ok
          ? `有效（${o.checkedFor}）`
          : o.problems.map((p) => CERTIFICATE_PROBLEM_LABELS[p as keyof typeof CERTIFICATE_PROBLEM_LABELS] ?? p).join('、'),
      ]),
    });
  }
  const presence: { label: string; value: string }[] = [];
  if (a.partyPresent) presence.push({ label: '在场当事人（代理人）', value: a.partyPresent });
  if (a.certificateShown !== null) presence.push({ label: '出示执法证件', value: yesNo(a.certificateShown) });
  if (a.rightsTold !== null) presence.push({ label: '告知当事人权利义务', value: yesNo(a.rightsTold) });
  if (presence.length) blocks.push({ kind: 'fields', rows: presence });

  blocks.push(...contentBlocks(type, a, c));

  if (a.media.length)
    blocks.push({
      kind: 'table',
      title: '音像记录',
      columns: ['文件', '录制时间', 'SHA-256'],
      rows: a.media.map((m) => [
        m.fileName,
        m.recordingStart ? `${formatInstant(m.recordingStart)}${m.recordingEnd ? ` 至 ${formatInstant(m.recordingEnd)}` : ''}` : '',
        m.sha256,
      ]),
    });
  else if (a.avRequired !== 'none')
    blocks.push({
      kind: 'notice',
      text: `本项${a.avRequired === 'fullAv' ? '应全过程音像记录' : '应音像记录'}；未记录的书面说明已经部门负责人批准。`,
    });

  for (const text of kind.notices?.(a, c) ?? []) blocks.push({ kind: 'notice', text });
  blocks.push({ kind: 'signatures', lines: [...kind.signatures] });

  const original = a.corrects ? c.acts.find((x) => x.id === a.corrects) : undefined;
  const number = typeof a.content.documentNumber === 'string' ? a.content.documentNumber : null;
  return {
    caseId: c.id,
    actId: a.id,
    actType: type,
    title: documentTitle(type, c) + (a.corrects ? '（更正）' : ''),
    number,
    agencyName: c.agencyName,
    caseNumber: c.number,
    blocks,
    record: {
      recordedBy: a.recordedBy,
      recordedAt: a.recordedAt,
      ledgerSeq: a.ledgerSeq,
      contentHash: a.contentHash,
      corrects: original ? `第 ${original.seq} 项记录（${ACT_TYPES[original.type].label}，${formatInstant(original.recordedAt)}）` : null,
      correctionReason: a.correctionReason,
      correctedBy: a.correctedBy,
    },
  };
}
