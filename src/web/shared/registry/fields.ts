// The fields of each registry kind, mirroring the server's zod data schemas (record.kinds.ts): labels, input types,
// required/optional and length limits. The back-office form, the tables, the diff and the portal's detail views are
// all driven by these. `tsc` fails if a schema gains a field that is not described here.
import type { RecordKind } from './types.ts';
import type { KindData } from './types.ts';
import { ACT_CATEGORY_LABELS, AV_LEVEL_LABELS, OFFICER_STATUS_LABELS, REMEDY_LABELS, options } from './labels.ts';
import { ACT_TYPES, ACT_TYPE_IDS, DECISION_KIND_LABELS, MAJOR_FLAG_LABELS } from '../../../shared/vocabulary.ts';

const ACT_TYPE_OPTIONS = ACT_TYPE_IDS.filter((t) => t !== 'registration').map((t) => ({ value: t, label: ACT_TYPES[t].label }));

export type FieldType =
  | 'text' // one line
  | 'textarea' // paragraphs
  | 'select' // one of `options`
  | 'multiselect' // several of `options`
  | 'tags' // short strings (tag input)
  | 'list' // longer strings, one per line item
  | 'date' // YYYY-MM-DD
  | 'url'
  | 'steps' // flowchart steps with next-links
  | 'levels' // discretion levels: circumstance + range
  | 'qualification' // legal-professional qualification (certificate number + date) or none
  | 'photo'; // an uploaded image, referenced as "sha256:<hex>"

export interface FieldDef<N extends string = string> {
  readonly name: N;
  readonly label: string;
  readonly type: FieldType;
  readonly required?: boolean;
  readonly max?: number;
  readonly options?: readonly { readonly value: string; readonly label: string }[];
  readonly placeholder?: string;
  readonly help?: string;
  /** Shown as a column of the back-office table. */
  readonly column?: boolean;
  /** Not published: the portal shows no value for it. */
  readonly internal?: boolean;
  /** Upper-case the input (certificate numbers, codes). */
  readonly upper?: boolean;
}

const ACT = options(ACT_CATEGORY_LABELS);

export const FIELDS = {
  agencyProfile: [
    {
      name: 'legalBasis',
      label: '执法主体资格的法律依据',
      type: 'textarea',
      required: true,
      max: 4000,
      placeholder: '例如：《中华人民共和国行政处罚法》；本级人民政府机构设置文件',
    },
    { name: 'duties', label: '法定职责', type: 'textarea', required: true, max: 8000 },
    { name: 'internalUnits', label: '内设执法机构', type: 'tags', max: 100, placeholder: '输入机构名称后按回车，可添加多个' },
    { name: 'jurisdiction', label: '管辖范围', type: 'textarea', required: true, max: 500 },
    { name: 'officeAddress', label: '办公地址', type: 'text', required: true, max: 300 },
    { name: 'mailingAddress', label: '通信地址', type: 'text', max: 300 },
    { name: 'consultationPhone', label: '咨询电话', type: 'text', required: true, max: 50, column: true },
    { name: 'complaintPhone', label: '监督投诉电话', type: 'text', required: true, max: 50, column: true },
    { name: 'website', label: '门户网站', type: 'url', placeholder: 'https://' },
  ],
  officer: [
    { name: 'name', label: '姓名', type: 'text', required: true, max: 50 },
    { name: 'photo', label: '照片', type: 'photo', help: '近期免冠证件照，JPEG、PNG 或 WebP，不超过 2 MB；公示在岗位信息公示牌上' },
    {
      name: 'gender',
      label: '性别',
      type: 'select',
      required: true,
      options: [
        { value: '男', label: '男' },
        { value: '女', label: '女' },
      ],
    },
    {
      name: 'post',
      label: '岗位/职务',
      type: 'text',
      required: true,
      max: 100,
      column: true,
      placeholder: '例如：文化市场综合执法大队队员',
    },
    {
      name: 'certificateNumber',
      label: '执法证号',
      type: 'text',
      required: true,
      max: 24,
      upper: true,
      column: true,
      help: '6-24 位数字或大写字母，可含连字符',
    },
    { name: 'categories', label: '执法类别', type: 'tags', required: true, max: 50, placeholder: '输入类别后按回车，例如：文化市场' },
    { name: 'area', label: '执法区域', type: 'text', required: true, max: 200 },
    { name: 'validFrom', label: '证件有效期起', type: 'date', required: true },
    { name: 'validTo', label: '证件有效期至', type: 'date', required: true, column: true },
    { name: 'status', label: '证件状态', type: 'select', required: true, options: options(OFFICER_STATUS_LABELS) },
    {
      name: 'legalQualification',
      label: '法律职业资格',
      type: 'qualification',
      internal: true,
      help: '法制审核人员须具有国家统一法律职业资格；门户只显示“具有”，不公开证书编号',
    },
  ],
  enforcementItem: [
    { name: 'code', label: '事项编码', type: 'text', max: 50, upper: true, column: true },
    { name: 'name', label: '事项名称', type: 'text', required: true, max: 300 },
    { name: 'actCategory', label: '执法行为类别', type: 'select', required: true, options: ACT, column: true },
    { name: 'basis', label: '实施依据', type: 'textarea', required: true, max: 8000 },
    { name: 'implementingBody', label: '实施主体', type: 'text', required: true, max: 200 },
    { name: 'responsibleBody', label: '承办机构', type: 'text', required: true, max: 200, column: true },
  ],
  inspectionItem: [
    { name: 'name', label: '抽查事项名称', type: 'text', required: true, max: 300 },
    { name: 'body', label: '检查主体', type: 'text', required: true, max: 200, column: true },
    { name: 'basis', label: '检查依据', type: 'textarea', required: true, max: 8000 },
    { name: 'targets', label: '检查对象', type: 'textarea', required: true, max: 1000 },
    { name: 'content', label: '检查内容', type: 'textarea', required: true, max: 4000 },
    { name: 'ratio', label: '抽查比例', type: 'text', required: true, max: 100, column: true },
    { name: 'method', label: '检查方式', type: 'text', required: true, max: 500 },
    { name: 'frequency', label: '抽查频次', type: 'text', required: true, max: 100, column: true },
  ],
  avItem: [
    { name: 'name', label: '执法环节', type: 'text', required: true, max: 300, placeholder: '例如：现场检查、查封扣押' },
    { name: 'actCategory', label: '执法行为类别', type: 'select', required: true, options: ACT, column: true },
    { name: 'level', label: '记录方式', type: 'select', required: true, options: options(AV_LEVEL_LABELS), column: true },
    {
      name: 'actTypes',
      label: '适用的办案环节',
      type: 'multiselect',
      options: ACT_TYPE_OPTIONS,
      help: '案件中记录这些环节时按本条的记录方式要求音像记录；不选则按 000 第十七条的默认要求',
    },
    { name: 'basis', label: '依据', type: 'textarea', max: 4000 },
  ],
  majorCatalogueItem: [
    { name: 'name', label: '事项名称', type: 'text', required: true, max: 300 },
    { name: 'actCategory', label: '执法行为类别', type: 'select', required: true, options: ACT, column: true },
    { name: 'criteria', label: '重大执法决定认定标准', type: 'textarea', required: true, max: 4000 },
    { name: 'basis', label: '依据', type: 'textarea', max: 4000 },
    // the rule the system applies to a case's draft decision (all conditions given must hold); none = description only
    {
      name: 'everyDecision',
      label: '本类别全部决定',
      type: 'select',
      options: [{ value: 'yes', label: '是：本类别的决定均须法制审核（简易程序除外）' }],
      help: '扩大审核范围（004 二）；选择后下列条件不再需要',
    },
    { name: 'kinds', label: '涉及的措施（任一）', type: 'multiselect', options: options(DECISION_KIND_LABELS) },
    { name: 'flags', label: '一般情形（任一）', type: 'multiselect', options: options(MAJOR_FLAG_LABELS) },
    {
      name: 'partyType',
      label: '当事人类型',
      type: 'select',
      options: [
        { value: 'individual', label: '个人' },
        { value: 'organisation', label: '单位' },
      ],
    },
    {
      name: 'businessActivity',
      label: '是否经营活动中',
      type: 'select',
      options: [
        { value: 'business', label: '发生在经营活动中' },
        { value: 'nonBusiness', label: '非经营活动' },
      ],
    },
    { name: 'minAmountYuan', label: '罚没数额达到（元）', type: 'text', max: 12, placeholder: '例如 10000（含本数）' },
    { name: 'minInspectors', label: '检查人数达到（人）', type: 'text', max: 6, placeholder: '例如 5（含本数）' },
  ],
  serviceGuide: [
    { name: 'name', label: '事项名称', type: 'text', required: true, max: 300 },
    { name: 'basis', label: '设定依据', type: 'textarea', required: true, max: 8000 },
    { name: 'conditions', label: '申请条件', type: 'textarea', required: true, max: 8000 },
    { name: 'materials', label: '申请材料', type: 'list', required: true, max: 500 },
    { name: 'procedure', label: '办理程序', type: 'textarea', required: true, max: 8000 },
    { name: 'timeLimit', label: '办理时限', type: 'text', required: true, max: 200, column: true },
    { name: 'fees', label: '收费依据及标准', type: 'textarea', required: true, max: 1000 },
    { name: 'place', label: '办理地点', type: 'text', max: 300 },
    { name: 'contact', label: '咨询电话', type: 'text', required: true, max: 200, column: true },
  ],
  flowchart: [
    { name: 'name', label: '流程名称', type: 'text', required: true, max: 300 },
    { name: 'actCategory', label: '执法行为类别', type: 'select', required: true, options: ACT, column: true },
    { name: 'steps', label: '流程步骤', type: 'steps', required: true },
  ],
  discretionBenchmark: [
    { name: 'name', label: '违法行为', type: 'text', required: true, max: 300 },
    { name: 'basis', label: '处罚依据', type: 'textarea', required: true, max: 8000 },
    { name: 'levels', label: '情节与裁量幅度', type: 'levels', required: true },
  ],
  feeItem: [
    { name: 'name', label: '收费项目', type: 'text', required: true, max: 300 },
    { name: 'basis', label: '收费依据', type: 'textarea', required: true, max: 4000 },
    { name: 'standard', label: '收费标准', type: 'textarea', required: true, max: 2000, column: true },
    { name: 'payer', label: '缴费对象', type: 'text', max: 300 },
  ],
  remedyChannel: [
    { name: 'kind', label: '渠道类别', type: 'select', required: true, options: options(REMEDY_LABELS), column: true },
    { name: 'body', label: '受理机关', type: 'text', required: true, max: 200 },
    { name: 'address', label: '地址', type: 'text', max: 300 },
    { name: 'phone', label: '电话', type: 'text', max: 50, column: true },
    { name: 'deadline', label: '申请期限', type: 'text', max: 200, placeholder: '例如：自知道该行政行为之日起六十日内' },
    { name: 'note', label: '说明', type: 'textarea', max: 2000 },
  ],
} as const satisfies { [K in RecordKind]: readonly FieldDef<Extract<keyof KindData<K>, string>>[] };

/** Schema fields deliberately without an input (none at present). */
type NotEdited = Record<never, never>;

// Compile-time check: every field of every schema is described above (or listed in NotEdited).
type Missing = {
  [K in RecordKind]: Exclude<
    Extract<keyof KindData<K>, string>,
    (typeof FIELDS)[K][number]['name'] | (K extends keyof NotEdited ? NotEdited[K] : never)
  >;
};
const everyFieldDescribed: Record<RecordKind, never> = {} as Missing;
void everyFieldDescribed;

export const fieldsOf = (kind: RecordKind): readonly FieldDef[] => FIELDS[kind];
