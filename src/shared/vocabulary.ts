// The shared vocabulary of the three systems: the identifiers the API sends and the words the back office, the portal
// and the printed documents show for them. Read by the server's modules and by the web alike, so a word is defined
// once. Values only — no rules that decide anything (those stay in each module's *.rules.ts). Imports nothing.

// ---- kinds of administrative act (SPEC §9) -----------------------------------------------------------------------------

export const ACT_CATEGORIES = ['licence', 'penalty', 'coercion', 'levy', 'fee', 'inspection', 'confirmation', 'benefit', 'other'] as const;
export const ACT_CATEGORY_LABELS: Record<(typeof ACT_CATEGORIES)[number], string> = {
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
export type ActCategory = (typeof ACT_CATEGORIES)[number];

// ---- the case file (记录, SPEC §3) -------------------------------------------------------------------------------------

/** 启动 → 调查取证 → 审查决定 → 送达 → 执行 → 结案 → 归档 (SPEC §3.1); notOpened = 不予立案 (002 记录办法 §9). */
export const STAGES = ['opening', 'investigation', 'decision', 'service', 'execution', 'concluded', 'archived', 'notOpened'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABELS: Record<Stage, string> = {
  opening: '启动（待立案审批）',
  investigation: '调查取证',
  decision: '审查决定',
  service: '送达',
  execution: '执行',
  concluded: '结案',
  archived: '归档',
  notOpened: '不予立案',
};

/** 000 §24: records touching state secrets (涉密) or personal privacy (个人隐私) are handled per their classification. */
export const CLASSIFICATIONS = ['normal', 'private', 'secret'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];
export const CLASSIFICATION_LABELS: Record<Classification, string> = { normal: '一般', private: '涉及个人隐私', secret: '涉密' };

/** How a case starts (002 记录办法 §7-9): by application, ex officio with approval, from a complaint, or in an emergency. */
export const ORIGINS = ['application', 'exOfficio', 'complaint', 'emergency'] as const;
export type Origin = (typeof ORIGINS)[number];
export const ORIGIN_LABELS: Record<Origin, string> = {
  application: '依申请',
  exOfficio: '依职权',
  complaint: '投诉举报',
  emergency: '紧急情况先行处置',
};

export const SERVICE_METHODS = ['direct', 'mail', 'leftAtResidence', 'entrusted', 'publicNotice'] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];
export const SERVICE_METHOD_LABELS: Record<ServiceMethod, string> = {
  direct: '直接送达',
  mail: '邮寄送达',
  leftAtResidence: '留置送达',
  entrusted: '委托送达',
  publicNotice: '公告送达',
};

export type AvLevel = 'none' | 'av' | 'fullAv';

export interface ActTypeRule {
  label: string;
  /** Stages in which the act may be recorded. */
  stages: readonly Stage[];
  /** The stage the case moves to once the act is recorded (unchanged when absent). */
  next?: Stage;
  /** An act done with the party in the field: at least two certified officers present (000 §16; 行政处罚法 §42). */
  field: boolean;
  /** Default AV requirement when the agency's AV-recording list says nothing (000 §17). */
  av: AvLevel;
  /** Only these roles record it (approvals); officers record everything else. */
  approverOnly?: boolean;
  /** Written by another workflow (legal review), never recorded directly. */
  system?: boolean;
}

/**
 * The acts of a case. Field acts need two officers with valid certificates; the AV defaults follow 000 §17:
 * AV for on-site enforcement, evidence collection, hearings, left-at-residence and public-notice service;
 * full-process AV for seizure/detention of property.
 */
export const ACT_TYPES = {
  registration: { label: '案件登记', stages: [], field: false, av: 'none' },
  opening: { label: '立案审批', stages: ['opening', 'investigation'], field: false, av: 'none', approverOnly: true },
  inquiry: { label: '询问笔录', stages: ['investigation'], field: true, av: 'none' },
  inspection: { label: '现场检查（勘验）笔录', stages: ['investigation'], field: true, av: 'av' },
  evidenceRetrieval: { label: '调取证据通知及证据清单', stages: ['investigation'], field: true, av: 'av' },
  sampling: { label: '抽样取证', stages: ['investigation'], field: true, av: 'av' },
  seizure: { label: '查封、扣押', stages: ['investigation'], field: true, av: 'fullAv' },
  rightsNotice: {
    label: '行政处罚事先告知（陈述、申辩、听证权利告知）',
    stages: ['investigation', 'decision'],
    next: 'decision',
    field: false,
    av: 'none',
  },
  statementDefence: { label: '陈述申辩记录', stages: ['decision'], field: false, av: 'none' },
  hearingNotice: { label: '听证通知', stages: ['decision'], field: false, av: 'none' },
  hearing: { label: '听证笔录', stages: ['decision'], field: true, av: 'av' },
  draftDecision: { label: '拟处理决定', stages: ['decision'], field: false, av: 'none' },
  collectiveDiscussion: { label: '集体讨论记录', stages: ['decision'], field: false, av: 'none' },
  decision: { label: '行政处罚决定', stages: ['investigation', 'decision'], next: 'service', field: false, av: 'none', approverOnly: true },
  service: { label: '送达回证', stages: ['investigation', 'decision', 'service', 'execution', 'concluded'], field: false, av: 'none' },
  urging: { label: '催告书', stages: ['execution'], field: false, av: 'none' },
  execution: { label: '执行记录', stages: ['execution'], field: false, av: 'none' },
  conclusion: {
    label: '结案',
    stages: ['investigation', 'decision', 'execution'],
    next: 'concluded',
    field: false,
    av: 'none',
    approverOnly: true,
  },
  archive: { label: '归档', stages: ['concluded'], next: 'archived', field: false, av: 'none' },
  remedy: {
    label: '复议、诉讼、投诉等长期保存事由',
    stages: ['investigation', 'decision', 'service', 'execution', 'concluded', 'archived'],
    field: false,
    av: 'none',
  },
  remedyOutcome: { label: '复议、诉讼结果', stages: ['service', 'execution', 'concluded', 'archived'], field: false, av: 'none' },
  // legal review (SPEC §4): the milestones that go into the case file, written by the review workflow
  reviewSubmission: { label: '提请法制审核', stages: [], field: false, av: 'none', system: true },
  reviewOpinion: { label: '法制审核意见', stages: [], field: false, av: 'none', system: true },
  reviewHeadDecision: { label: '审核意见分歧的负责人决定', stages: [], field: false, av: 'none', system: true },
} as const satisfies Record<string, ActTypeRule>;
export type ActType = keyof typeof ACT_TYPES;

/** Roles that sign approval acts (and correct them), SPEC §1: the case-unit head approves opening and conclusion, the
 * agency head signs decisions. Role names as in roles.ts. */
export const APPROVER_ROLES: Partial<Record<ActType, readonly ('unitHead' | 'agencyHead')[]>> = {
  opening: ['unitHead', 'agencyHead'],
  decision: ['agencyHead'],
  conclusion: ['unitHead', 'agencyHead'],
};
export const ACT_TYPE_IDS = Object.keys(ACT_TYPES) as [ActType, ...ActType[]];

/**
 * What a reader may do with a case now (GET /cases/:id `actions`, worked out by the case policy): record acts, correct
 * them (an approval act only by a holder of the role that signs it), read the access log, ask for and approve the
 * destruction of media records kept past their period.
 */
export const CASE_ACTIONS = [
  'record',
  'correct',
  'correctOpening',
  'correctDecision',
  'correctConclusion',
  'readAccessLog',
  'requestDestruction',
  'decideDestruction',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];
/** The action that lets a reader correct an act of an approval type (APPROVER_ROLES); any other act: `correct`. */
export const CORRECTION_ACTIONS: Partial<Record<ActType, CaseAction>> = {
  opening: 'correctOpening',
  decision: 'correctDecision',
  conclusion: 'correctConclusion',
};

/** Why an officer's certificate does not allow the act on its date (000 §16). */
export type CertificateProblem = 'unknown' | 'notYetValid' | 'expired' | 'suspended' | 'revoked' | 'fieldNotCovered';
export const CERTIFICATE_PROBLEM_LABELS: Record<CertificateProblem, string> = {
  unknown: '未在本部门执法人员名录中公示',
  notYetValid: '证件尚未生效',
  expired: '证件已过有效期',
  suspended: '证件已暂扣',
  revoked: '证件已吊销或注销',
  fieldNotCovered: '执法类别不含本案类别',
};

/**
 * Events that make a case's records permanent (003 记录办法 §21(一) 1-5): used as evidence, obstruction of
 * enforcement, emergencies and mass incidents, petitions, complaints, reconsideration, lawsuits, review and state
 * compensation, and the agency's own decision. Recording any of them (a `remedy` act) sets the case permanent.
 */
export const RETENTION_EVENTS = [
  'reconsideration',
  'lawsuit',
  'complaint',
  'petition',
  'stateCompensation',
  'usedAsEvidence',
  'obstruction',
  'emergencyIncident',
  'agencyDecision',
] as const;
export type RetentionEvent = (typeof RETENTION_EVENTS)[number];
export const RETENTION_EVENT_LABELS: Record<RetentionEvent, string> = {
  reconsideration: '申请行政复议',
  lawsuit: '提起行政诉讼',
  complaint: '投诉、申诉',
  petition: '信访',
  stateCompensation: '申请国家赔偿',
  usedAsEvidence: '作为行政、刑事案件证据使用',
  obstruction: '阻碍执法、妨害公务',
  emergencyIncident: '处置重大突发事件、群体性事件',
  agencyDecision: '重大、疑难、复杂或部门决定长期保存',
};

/** The outcome of a reconsideration or lawsuit against the decision (000 §13; 002 公示办法 §28; 003 公示办法 §14). */
export const REMEDY_PROCEEDINGS = { reconsideration: '行政复议', lawsuit: '行政诉讼' } as const;
export const REMEDY_OUTCOMES = {
  upheld: '维持',
  revoked: '撤销',
  confirmedIllegal: '确认违法',
  redo: '责令重新作出',
  changed: '变更',
} as const;
/** Outcomes that end the decision as it stood: its publication is withdrawn and the change published. */
export const OVERTURNING_OUTCOMES: readonly string[] = ['revoked', 'confirmedIllegal', 'redo', 'changed'];

// ---- major decisions and legal review (审核, SPEC §4) --------------------------------------------------------------------

/** The facts of a draft decision that catalogue rules test (the kinds of measure it imposes or involves). */
export const DECISION_KINDS = [
  'fine',
  'confiscation',
  'suspendBusiness',
  'revokeLicence',
  'detention',
  'warning',
  'hearing',
  'tender',
  'sealPremises',
  'seizeLicence',
  'demolition',
  'ban',
  'restrictFreedom',
  'expropriationStateLand',
  'expropriationCollectiveLand',
  'socialMaintenanceFee',
  'feeItemChange',
  'feeStandardChange',
  'jointInspection',
] as const;
/** The general criteria (000 §26; 002 审核办法 §3; 行政处罚法 §58) as flags the handler or the reviewer sets. */
export const MAJOR_FLAGS = ['majorPublicInterest', 'majorSocialImpact', 'majorRights', 'complex', 'lawRequires'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];
export type MajorFlag = (typeof MAJOR_FLAGS)[number];

/** Words for the catalogue's kinds and flags (the back office's rule editor, explanations). */
export const DECISION_KIND_LABELS: Record<DecisionKind, string> = {
  fine: '罚款',
  confiscation: '没收违法所得、非法财物',
  suspendBusiness: '责令停产停业',
  revokeLicence: '吊销许可证件',
  detention: '行政拘留',
  warning: '警告',
  hearing: '经听证',
  tender: '招标、拍卖',
  sealPremises: '查封经营场所',
  seizeLicence: '扣押证照',
  demolition: '强制拆除',
  ban: '取缔、关闭',
  restrictFreedom: '限制人身自由',
  expropriationStateLand: '国有土地上房屋征收',
  expropriationCollectiveLand: '集体土地征收',
  socialMaintenanceFee: '社会抚养费',
  feeItemChange: '设立或取消收费项目',
  feeStandardChange: '提高或降低收费标准',
  jointInspection: '多部门联合检查',
};
export const MAJOR_FLAG_LABELS: Record<MajorFlag, string> = {
  majorPublicInterest: '涉及重大公共利益',
  majorSocialImpact: '可能造成重大社会影响或引发社会风险',
  majorRights: '直接关系当事人或第三人重大权益',
  complex: '案件情况疑难复杂、涉及多个法律关系',
  lawRequires: '法律、法规、规章规定应当法制审核',
};

/** What the reviewer checks, item by item (000 §30; 002 审核办法 §8; 003 审核办法 §22). */
export const CHECKLIST_ITEMS = ['authority', 'powers', 'facts', 'law', 'discretion', 'procedure', 'documents', 'crime', 'other'] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];
export const CHECKLIST_LABELS: Record<ChecklistItem, string> = {
  authority: '执法主体是否合法，执法人员是否具备执法资格',
  powers: '是否超越本部门法定权限',
  facts: '案件事实是否清楚，证据是否合法充分',
  law: '适用法律、法规、规章是否准确',
  discretion: '适用裁量基准是否适当',
  procedure: '执法程序是否合法',
  documents: '执法文书是否完备、规范',
  crime: '违法行为是否涉嫌犯罪需要移送司法机关',
  other: '其他应当审核的内容',
};

/** The written opinion's outcomes (002 审核办法 §10; 003 审核办法 §23). Only `agree` lets the decision be made. */
export const REVIEW_OUTCOMES = ['agree', 'investigate', 'change', 'correctProcedure', 'transfer'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];
export const REVIEW_OUTCOME_LABELS: Record<ReviewOutcome, string> = {
  agree: '同意',
  investigate: '继续调查或不予作出决定',
  change: '变更（定性、适用法律或裁量）',
  correctProcedure: '纠正程序',
  transfer: '移送（超出管辖或涉嫌犯罪）',
};

export const REVIEW_STATES = [
  'submitted',
  'reviewing',
  'supplementing',
  'returned',
  'opinionIssued',
  'contested',
  'passed',
  'upheld',
] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
export const REVIEW_STATE_LABELS: Record<ReviewState, string> = {
  submitted: '待分配审核人',
  reviewing: '审核中',
  supplementing: '补充材料中（暂停计时）',
  returned: '已退回',
  opinionIssued: '审核未通过',
  contested: '异议待负责人决定',
  passed: '审核通过',
  upheld: '负责人维持审核意见',
};
/** States in which the review is still running (its deadline counts, the decision waits). */
export const OPEN_STATES: readonly ReviewState[] = ['submitted', 'reviewing', 'supplementing'];

/** The materials of a submission (000 §29; 002 审核办法 §6-7; 003 审核办法 §21), checked for presence. */
export const MATERIALS = [
  'investigationReport',
  'draftDecision',
  'legalBasis',
  'evidence',
  'hearingRecord',
  'appraisalReport',
  'facts',
  'lawAndDiscretion',
  'qualifications',
  'investigation',
] as const;
export type Material = (typeof MATERIALS)[number];
export const MATERIAL_LABELS: Record<Material, string> = {
  investigationReport: '调查终结报告',
  draftDecision: '执法决定代拟稿（拟处理决定）',
  legalBasis: '作出决定的法律依据',
  evidence: '证据材料',
  hearingRecord: '听证笔录（经听证的）',
  appraisalReport: '鉴定、评估报告（经鉴定、评估的）',
  facts: '情况说明：基本事实',
  lawAndDiscretion: '情况说明：适用法律和裁量基准',
  qualifications: '情况说明：执法人员资格',
  investigation: '情况说明：调查取证和听证情况',
};

// ---- decision publication (公示·事后, SPEC §2.3) -----------------------------------------------------------------------

/** A disclosure record's states (SPEC §2.3). */
export const DISCLOSURE_STATE_LABELS: Record<string, string> = {
  pending: '待脱敏',
  prepared: '待审查发布',
  published: '已公示',
  excluded: '不予公开',
  withdrawn: '已撤下',
};

/**
 * Grounds for not publishing, as the seeds list them (000 §11; 002 公示办法 §18; 003 公示办法 §7). `approvable`: the
 * agency head may approve publication anyway (003 §8(二)(三): commercial secrets and privacy with the right holder's
 * consent or for a major public interest; internal or deliberative information).
 */
export const EXCLUSION_REASONS = {
  minor: { label: '当事人属于未成年人', citation: '000 §11(一)；002 公示办法 §18(一)', approvable: false },
  stateSecret: { label: '涉及国家秘密', citation: '000 §11(二)；003 公示办法 §7(一)', approvable: false },
  commercialSecret: { label: '涉及商业秘密', citation: '000 §11(二)；003 公示办法 §7(二)', approvable: true },
  privacy: { label: '涉及个人隐私', citation: '000 §11(二)；003 公示办法 §7(三)', approvable: true },
  security: {
    label: '公开后可能影响国家安全、公共安全、经济安全或者社会稳定',
    citation: '000 §11(三)；002 公示办法 §18(三)',
    approvable: false,
  },
  otherCase: { label: '公开后可能影响与本案相关的其他案件调查处理', citation: '000 §11(四)；002 公示办法 §18(四)', approvable: false },
  criminalReferral: { label: '案件涉嫌犯罪需移送公安机关或正在公安机关调查处理中', citation: '000 §11(五)', approvable: false },
  internal: { label: '内部管理信息或处于讨论、研究、审查过程中的信息', citation: '003 公示办法 §7(四)', approvable: true },
  otherLaw: { label: '法律、法规、规章规定不予公开的其他情形', citation: '000 §11(六)；002 公示办法 §18(五)', approvable: false },
} as const;
export type ExclusionReason = keyof typeof EXCLUSION_REASONS;
export const EXCLUSION_REASON_IDS = Object.keys(EXCLUSION_REASONS) as [ExclusionReason, ...ExclusionReason[]];

/** The free-text fields of a disclosure record that the editor redacts. */
export const TEXT_FIELDS = ['caseName', 'partyName', 'representative', 'facts', 'basis', 'result'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export const TEXT_FIELD_LABELS: Record<TextField, string> = {
  caseName: '案件名称',
  partyName: '当事人',
  representative: '法定代表人（负责人）',
  facts: '主要违法事实',
  basis: '执法依据',
  result: '处理结果',
};

/** Kinds of personal data the redaction detectors find (000 §10). */
export const FINDING_KINDS = ['idNumber', 'phone', 'bankAccount', 'propertyCertificate', 'plate', 'email', 'address'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];
export const FINDING_LABELS: Record<FindingKind, string> = {
  idNumber: '身份证号码',
  phone: '电话号码',
  bankAccount: '银行卡号、账号',
  propertyCertificate: '不动产权证号、房产证号',
  plate: '机动车号牌',
  email: '电子邮箱',
  address: '个人住址',
};
