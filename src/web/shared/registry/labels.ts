// Names the back office and the portal show for registry kinds, categories and states (SPEC §2.1, §9). Kept here,
// not imported from the server module (which would pull zod into the bundle); typed against the server's enums so
// a new value fails `tsc` until it has a label.
import type {
  ACT_CATEGORIES,
  AV_LEVELS,
  FLOW_STEP_KINDS,
  CertificateStatus,
  RecordKind,
} from '../../../server/modules/registry/record.kinds.ts';
import type { ListKind } from './types.ts';

export type ActCategory = (typeof ACT_CATEGORIES)[number];
export type AvLevel = (typeof AV_LEVELS)[number];
export type FlowStepKind = (typeof FLOW_STEP_KINDS)[number];
export type RemedyKind = 'reconsideration' | 'litigation' | 'complaint' | 'supervision';

export const KIND_LABELS: Record<RecordKind, string> = {
  agencyProfile: '执法主体信息',
  officer: '执法人员',
  enforcementItem: '行政执法事项清单',
  inspectionItem: '随机抽查事项清单',
  avItem: '音像记录事项清单',
  majorCatalogueItem: '重大执法决定法制审核目录清单',
  serviceGuide: '服务指南',
  flowchart: '执法流程图',
  discretionBenchmark: '裁量基准',
  feeItem: '收费目录',
  remedyChannel: '监督方式和救济渠道',
};

/** Short names for tabs. */
export const KIND_SHORT: Record<RecordKind, string> = {
  agencyProfile: '主体信息',
  officer: '执法人员',
  enforcementItem: '执法事项',
  inspectionItem: '随机抽查事项',
  avItem: '音像记录事项',
  majorCatalogueItem: '重大决定目录',
  serviceGuide: '服务指南',
  flowchart: '流程图',
  discretionBenchmark: '裁量基准',
  feeItem: '收费目录',
  remedyChannel: '监督救济',
};

/** What one record of the kind is called ("新增执法人员", "新增事项"). */
export const KIND_NOUN: Record<RecordKind, string> = {
  agencyProfile: '主体信息',
  officer: '执法人员',
  enforcementItem: '执法事项',
  inspectionItem: '抽查事项',
  avItem: '音像记录事项',
  majorCatalogueItem: '目录事项',
  serviceGuide: '服务指南',
  flowchart: '流程图',
  discretionBenchmark: '裁量基准',
  feeItem: '收费项目',
  remedyChannel: '救济渠道',
};

/** The four lists of 002 二(三), then the texts (SPEC §2.1), in the order the portal shows them. */
export const LIST_KIND_ORDER: ListKind[] = [
  'enforcementItem',
  'inspectionItem',
  'avItem',
  'majorCatalogueItem',
  'serviceGuide',
  'flowchart',
  'discretionBenchmark',
  'feeItem',
  'remedyChannel',
];
export const FOUR_LISTS: ListKind[] = ['enforcementItem', 'inspectionItem', 'avItem', 'majorCatalogueItem'];
export const TEXT_KINDS: ListKind[] = ['serviceGuide', 'flowchart', 'discretionBenchmark', 'feeItem', 'remedyChannel'];

export const ACT_CATEGORY_LABELS: Record<ActCategory, string> = {
  licence: '行政许可',
  penalty: '行政处罚',
  coercion: '行政强制',
  levy: '行政征收',
  fee: '行政收费',
  inspection: '行政检查',
  confirmation: '行政确认',
  benefit: '行政给付',
  other: '其他行政行为',
};

export const AV_LEVEL_LABELS: Record<AvLevel, string> = { none: '文字记录', av: '音像记录', fullAv: '全过程音像记录' };

export const FLOW_STEP_LABELS: Record<FlowStepKind, string> = { start: '开始', step: '办理步骤', decision: '判断', end: '结束' };

export const REMEDY_LABELS: Record<RemedyKind, string> = {
  reconsideration: '行政复议',
  litigation: '行政诉讼',
  complaint: '投诉举报',
  supervision: '执法监督',
};

export const CERTIFICATE_STATUS_LABELS: Record<CertificateStatus, string> = {
  valid: '有效',
  expired: '已过期',
  notYetValid: '尚未生效',
  suspended: '已暂扣',
  revoked: '已吊销或注销',
};
export const CERTIFICATE_STATUS_COLORS: Record<CertificateStatus, string> = {
  valid: 'success',
  expired: 'default',
  notYetValid: 'warning',
  suspended: 'error',
  revoked: 'error',
};

/** The certificate's own state as recorded (not the validity on a day). */
export const OFFICER_STATUS_LABELS: Record<'valid' | 'suspended' | 'revoked', string> = {
  valid: '正常',
  suspended: '暂扣',
  revoked: '吊销/注销',
};

export const VERSION_STATUS_LABELS = { pending: '待审核', approved: '已通过', rejected: '已退回', withdrawn: '已撤回' } as const;
export const VERSION_STATUS_COLORS = { pending: 'processing', approved: 'success', rejected: 'error', withdrawn: 'default' } as const;
export const ACTION_LABELS = { publish: '发布', retire: '撤下' } as const;

export const options = <T extends string>(labels: Record<T, string>) =>
  (Object.entries(labels) as [T, string][]).map(([value, label]) => ({ value, label }));

/** Kinds agencies keep in Excel: import template, import and export (the server's IMPORT_COLUMNS, record.columns.ts). */
export const EXCEL_KINDS: readonly RecordKind[] = [
  'officer',
  'enforcementItem',
  'inspectionItem',
  'avItem',
  'majorCatalogueItem',
  'feeItem',
  'remedyChannel',
];

export const LAW_CHANGE_KIND_LABELS = { law: '法律法规变更', duties: '职责调整' } as const;
export const LAW_CHANGE_STATUS_LABELS = { open: '待更新', overdue: '已逾期', done: '已完成' } as const;
export const LAW_CHANGE_STATUS_COLORS = { open: 'processing', overdue: 'error', done: 'success' } as const;
