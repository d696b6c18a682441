// The fields of each act type: what the standard documents ask to be written down (mirrors ACT_CONTENT in
// cases/case.schema.ts, which validates). The back office builds its forms from them and the document templates
// (cases/document.templates.ts) print them, so a field is labelled the same on screen and on paper. No I/O: the web uses it.
import {
  DECISION_KIND_LABELS,
  MAJOR_FLAG_LABELS,
  REMEDY_OUTCOMES,
  REMEDY_PROCEEDINGS,
  RETENTION_EVENT_LABELS,
  REVIEW_OUTCOME_LABELS,
  SERVICE_METHOD_LABELS,
  type ActType,
} from './vocabulary.ts';

export type ActFieldKind =
  | 'text'
  | 'textarea'
  | 'bool'
  | 'select'
  | 'multiselect'
  | 'items'
  | 'yuan'
  | 'datetime'
  | 'date'
  | 'document'
  | 'names'
  | 'number'
  | 'table';

export interface ActField {
  /** Path in `content` (nested for discretion). */
  name: string[];
  label: string;
  kind: ActFieldKind;
  required?: boolean;
  options?: { value: string; label: string }[];
  help?: string;
  /** For 'table': the columns of each row object (`labels` turns stored values into words). */
  columns?: { key: string; label: string; labels?: Record<string, string> }[];
  /** Written by the server (a classification, the review workflow), shown and printed but never in a form. */
  readOnly?: boolean;
}

export const SEIZURE_MEASURE_LABELS = { seal: '查封', detain: '扣押' };
export const EXECUTION_METHOD_LABELS = { voluntary: '自觉履行', enforced: '强制执行', court: '申请法院强制执行' };
export const CONCLUSION_OUTCOME_LABELS = { executed: '执行完毕', noPenalty: '不予处罚', withdrawn: '撤销案件', transferred: '移送' };

const f = (name: string | string[], label: string, kind: ActFieldKind, required = true, extra: Partial<ActField> = {}): ActField => ({
  name: Array.isArray(name) ? name : [name],
  label,
  kind,
  required,
  ...extra,
});
const opts = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

export const ACT_FIELDS: Record<Exclude<ActType, 'registration'>, ActField[]> = {
  opening: [
    f('approved', '同意立案', 'bool'),
    f('opinion', '审批意见', 'textarea'),
    f('replyToComplainant', '不予立案时告知投诉举报人的理由', 'textarea', false),
  ],
  inquiry: [f('person', '被询问人', 'text'), f('relation', '与当事人关系', 'text', false), f('transcript', '询问笔录', 'textarea')],
  inspection: [f('findings', '检查（勘验）情况', 'textarea')],
  evidenceRetrieval: [f('items', '证据清单', 'items'), f('note', '备注', 'textarea', false)],
  sampling: [f('samples', '样品清单', 'items'), f('note', '备注', 'textarea', false)],
  seizure: [
    f('measure', '措施', 'select', true, { options: opts(SEIZURE_MEASURE_LABELS) }),
    f('items', '查封、扣押物品清单', 'items'),
    f('durationDays', '期限（日）', 'number', true, { help: '一般不超过 30 日（行政强制法第二十五条）' }),
  ],
  rightsNotice: [
    f('facts', '违法事实', 'textarea'),
    f('basis', '处罚依据', 'textarea'),
    f('proposed', '拟作出的处罚', 'textarea'),
    f('hearingEligible', '当事人有权要求听证', 'bool', true, {
      help: '较大数额罚款、没收较大数额违法所得、降低资质等级、吊销许可证件、责令停产停业等（行政处罚法第六十三条）',
    }),
  ],
  statementDefence: [
    f('waived', '当事人放弃陈述、申辩', 'bool'),
    f('statement', '陈述、申辩内容', 'textarea', false),
    f('hearingRequested', '当事人要求听证', 'bool'),
    f('adopted', '复核意见（是否采纳及理由）', 'textarea', false),
  ],
  hearingNotice: [f('hearingAt', '听证时间', 'datetime'), f('place', '听证地点', 'text'), f('presider', '主持人', 'text')],
  hearing: [f('presider', '主持人', 'text'), f('transcript', '听证笔录', 'textarea')],
  draftDecision: [
    f('proposal', '拟处理意见', 'textarea'),
    f('basis', '依据', 'textarea'),
    f('fineFen', '罚款金额（元）', 'yuan', false),
    f(['discretion', 'level'], '适用的裁量情节与幅度', 'text'),
    f(['discretion', 'reason'], '裁量理由', 'textarea', true, { help: '001 二(二)2：载明适用的裁量基准及理由' }),
    // the facts the major-decision catalogue tests (SPEC §4.2); the fine above and the party's kind count too
    f(['majorFacts', 'kinds'], '决定涉及的措施', 'multiselect', false, {
      options: opts(DECISION_KIND_LABELS),
      help: '用于判断是否属于重大执法决定（重大执法决定目录）',
    }),
    f(['majorFacts', 'confiscationFen'], '没收数额（元）', 'yuan', false),
    f(['majorFacts', 'businessActivity'], '违法行为发生在经营活动中', 'bool', false),
    f(['majorFacts', 'flags'], '一般情形', 'multiselect', false, {
      options: opts(MAJOR_FLAG_LABELS),
      help: '000 第二十六条：涉及重大公共利益、重大社会影响、重大权益、疑难复杂等',
    }),
    f(['classification', 'summary'], '重大执法决定认定', 'text', false, { readOnly: true }),
    f(['classification', 'reasons'], '认定依据', 'table', false, {
      readOnly: true,
      columns: [
        { key: 'label', label: '情形' },
        { key: 'citation', label: '依据' },
      ],
    }),
  ],
  collectiveDiscussion: [
    f('participants', '参加人员（至少 3 人）', 'names'),
    f('conclusion', '讨论结论', 'textarea'),
    f('reviewerAttended', '法制审核人员列席', 'bool', false, {
      help: '003 审核办法第二十四条：集体讨论重大执法决定时，法制审核人员列席并说明审核情况',
    }),
    f('reviewerStatement', '法制审核人员的说明', 'textarea', false),
  ],
  decision: [
    f('decision', '决定内容', 'textarea'),
    f('basis', '依据', 'textarea'),
    f('fineFen', '罚款金额（元）', 'yuan', false),
    f('remedy', '救济途径和期限', 'textarea'),
  ],
  service: [
    f('documentActId', '送达的文书', 'document'),
    f('method', '送达方式', 'select', true, { options: opts(SERVICE_METHOD_LABELS) }),
    f('recipient', '受送达人', 'text'),
    f('witness', '见证人（留置送达）', 'text', false),
    f('agent', '受托人（委托送达）', 'text', false),
    f('channel', '公告载体（公告送达）', 'text', false),
  ],
  urging: [f('deadline', '履行期限', 'date'), f('content', '催告内容', 'textarea')],
  execution: [
    f('method', '执行方式', 'select', true, { options: opts(EXECUTION_METHOD_LABELS) }),
    f('detail', '执行情况', 'textarea'),
    f('amountFen', '执行金额（元）', 'yuan', false),
    f('completed', '已执行完毕', 'bool'),
  ],
  conclusion: [
    f('outcome', '结案方式', 'select', true, { options: opts(CONCLUSION_OUTCOME_LABELS) }),
    f('summary', '结案说明', 'textarea'),
  ],
  archive: [f('location', '档案存放位置', 'text', false), f('note', '备注', 'textarea', false)],
  remedy: [
    f('event', '事由', 'select', true, {
      options: opts(RETENTION_EVENT_LABELS),
      help: '记录后本案记录转为长期保存，不得销毁（003 记录办法第二十一条）',
    }),
    f('filedOn', '提出或发生日期', 'date', false),
    f('detail', '情况说明', 'textarea', true, { help: '受理机关、案号、结果等' }),
  ],
  remedyOutcome: [
    f('proceeding', '程序', 'select', true, { options: opts(REMEDY_PROCEEDINGS) }),
    f('outcome', '结果', 'select', true, {
      options: opts(REMEDY_OUTCOMES),
      help: '撤销、确认违法、责令重新作出或变更的，已公示的决定信息立即撤下，并须公示变更说明',
    }),
    f('decidedOn', '作出日期', 'date'),
    f('authority', '复议机关或人民法院', 'text'),
    f('documentNumber', '文书文号', 'text', false),
    f('explanation', '结果说明', 'textarea'),
  ],
  reviewSubmission: [
    f(['classification', 'summary'], '重大执法决定认定', 'text', false, { readOnly: true }),
    f(['classification', 'reasons'], '认定依据', 'table', false, {
      readOnly: true,
      columns: [
        { key: 'label', label: '情形' },
        { key: 'citation', label: '依据' },
      ],
    }),
    f('materials', '送审材料', 'table', true, {
      readOnly: true,
      columns: [
        { key: 'label', label: '材料' },
        { key: 'present', label: '提交情况', labels: { true: '已提交', false: '无需提交' } },
        { key: 'detail', label: '说明' },
      ],
    }),
    f('investigationReport', '调查终结报告', 'textarea', true, { readOnly: true }),
    f(['explanation', 'facts'], '基本事实', 'textarea', true, { readOnly: true }),
    f(['explanation', 'lawAndDiscretion'], '适用法律和裁量基准的情况', 'textarea', true, { readOnly: true }),
    f(['explanation', 'qualifications'], '执法人员资格情况', 'textarea', true, { readOnly: true }),
    f(['explanation', 'investigation'], '调查取证和听证情况', 'textarea', true, { readOnly: true }),
    f(['appraisal', 'summary'], '鉴定、评估结论', 'textarea', false, { readOnly: true }),
    f('note', '其他说明', 'textarea', false, { readOnly: true }),
  ],
  reviewOpinion: [
    f('outcome', '审核结论', 'select', true, { readOnly: true, options: opts(REVIEW_OUTCOME_LABELS) }),
    f('checklist', '审核事项', 'table', true, {
      readOnly: true,
      columns: [
        { key: 'label', label: '事项' },
        { key: 'result', label: '审核结果', labels: { pass: '无问题', problem: '有问题' } },
        { key: 'note', label: '意见' },
      ],
    }),
    f('opinion', '审核意见', 'textarea', true, { readOnly: true }),
    f('receivedOn', '收到送审材料日期', 'date', true, { readOnly: true }),
    f('dueOn', '审核期限', 'date', true, { readOnly: true }),
  ],
  reviewHeadDecision: [
    f('adopt', '负责人决定', 'select', true, {
      readOnly: true,
      options: opts({ review: '维持法制审核意见', handler: '采纳承办机构意见' }),
    }),
    f('reviewerOpinion', '法制审核意见', 'textarea', true, { readOnly: true }),
    f('handlerView', '承办机构的意见', 'textarea', true, { readOnly: true }),
    f('consultation', '协商沟通情况', 'textarea', true, { readOnly: true }),
    f('reason', '决定理由', 'textarea', true, { readOnly: true }),
  ],
};

/** The fields an officer fills in (the rest are written by the server). */
export const formFields = (type: Exclude<ActType, 'registration'>) => ACT_FIELDS[type].filter((x) => !x.readOnly);

/** A 'table' field's rows as cell text. */
export function tableCells(field: ActField, value: unknown): string[][] {
  if (!Array.isArray(value)) return [];
  return value.map((row) =>
    (field.columns ?? []).map((c) => {
      const v = (row as Record<string, unknown>)[c.key];
      return v === undefined || v === null ? '' : (c.labels?.[String(v)] ?? String(v));
    }),
  );
}
