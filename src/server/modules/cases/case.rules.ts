// Case handling rules (SPEC §3.1-3.3): stages, the acts that move a case between them, what each act needs, the
// officer certificate check and the AV requirement. Pure: no I/O; the service feeds it facts and records its verdicts.
import type { ACT_CATEGORIES } from '../registry/record.kinds.ts';
import { formatDay, parseDay } from '../../platform/calendar/calendar.dates.ts';

type ActCategory = (typeof ACT_CATEGORIES)[number];

/** 启动 → 调查取证 → 审查决定 → 送达 → 执行 → 结案 → 归档 (SPEC §3.1); notOpened = 不予立案 (002 记录办法 §9). */
export const STAGES = ['opening', 'investigation', 'decision', 'service', 'execution', 'concluded', 'archived', 'notOpened'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABELS: Record<Stage, string> = {
  opening: '启动（待立案审批）', investigation: '调查取证', decision: '审查决定', service: '送达', execution: '执行',
  concluded: '结案', archived: '归档', notOpened: '不予立案',
};

/** 000 §24: records touching state secrets (涉密) or personal privacy (个人隐私) are handled per their classification. */
export const CLASSIFICATIONS = ['normal', 'private', 'secret'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];
export const CLASSIFICATION_LABELS: Record<Classification, string> = { normal: '一般', private: '涉及个人隐私', secret: '涉密' };

/** How a case starts (002 记录办法 §7-9): by application, ex officio with approval, from a complaint, or in an emergency. */
export const ORIGINS = ['application', 'exOfficio', 'complaint', 'emergency'] as const;
export type Origin = (typeof ORIGINS)[number];
export const ORIGIN_LABELS: Record<Origin, string> = {
  application: '依申请', exOfficio: '依职权', complaint: '投诉举报', emergency: '紧急情况先行处置',
};

export const SERVICE_METHODS = ['direct', 'mail', 'leftAtResidence', 'entrusted', 'publicNotice'] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];
export const SERVICE_METHOD_LABELS: Record<ServiceMethod, string> = {
  direct: '直接送达', mail: '邮寄送达', leftAtResidence: '留置送达', entrusted: '委托送达', publicNotice: '公告送达',
};

export type AvLevel = 'none' | 'av' | 'fullAv';
const AV_RANK: Record<AvLevel, number> = { none: 0, av: 1, fullAv: 2 };

interface ActTypeRule {
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
  rightsNotice: { label: '行政处罚事先告知（陈述、申辩、听证权利告知）', stages: ['investigation', 'decision'], next: 'decision', field: false, av: 'none' },
  statementDefence: { label: '陈述申辩记录', stages: ['decision'], field: false, av: 'none' },
  hearingNotice: { label: '听证通知', stages: ['decision'], field: false, av: 'none' },
  hearing: { label: '听证笔录', stages: ['decision'], field: true, av: 'av' },
  draftDecision: { label: '拟处理决定', stages: ['decision'], field: false, av: 'none' },
  collectiveDiscussion: { label: '集体讨论记录', stages: ['decision'], field: false, av: 'none' },
  decision: { label: '行政处罚决定', stages: ['investigation', 'decision'], next: 'service', field: false, av: 'none', approverOnly: true },
  service: { label: '送达回证', stages: ['investigation', 'decision', 'service', 'execution', 'concluded'], field: false, av: 'none' },
  urging: { label: '催告书', stages: ['execution'], field: false, av: 'none' },
  execution: { label: '执行记录', stages: ['execution'], field: false, av: 'none' },
  conclusion: { label: '结案', stages: ['investigation', 'decision', 'execution'], next: 'concluded', field: false, av: 'none', approverOnly: true },
  archive: { label: '归档', stages: ['concluded'], next: 'archived', field: false, av: 'none' },
  remedy: { label: '复议、诉讼、投诉等长期保存事由', stages: ['investigation', 'decision', 'service', 'execution', 'concluded', 'archived'], field: false, av: 'none' },
  remedyOutcome: { label: '复议、诉讼结果', stages: ['service', 'execution', 'concluded', 'archived'], field: false, av: 'none' },
  // legal review (SPEC §4): the milestones that go into the case file, written by the review workflow
  reviewSubmission: { label: '提请法制审核', stages: [], field: false, av: 'none', system: true },
  reviewOpinion: { label: '法制审核意见', stages: [], field: false, av: 'none', system: true },
  reviewHeadDecision: { label: '审核意见分歧的负责人决定', stages: [], field: false, av: 'none', system: true },
} as const satisfies Record<string, ActTypeRule>;
export type ActType = keyof typeof ACT_TYPES;

/** Roles that sign approval acts (and correct them), SPEC §1: the case-unit head approves opening and conclusion, the
 * agency head signs decisions. Role names as in platform/roles.ts. */
export const APPROVER_ROLES: Partial<Record<ActType, readonly ('unitHead' | 'agencyHead')[]>> = {
  opening: ['unitHead', 'agencyHead'],
  decision: ['agencyHead'],
  conclusion: ['unitHead', 'agencyHead'],
};
export const ACT_TYPE_IDS = Object.keys(ACT_TYPES) as [ActType, ...ActType[]];

/** Service methods done in person, with the party: two officers present; left-at-residence and public notice on AV (000 §17). */
const SERVICE_IN_PERSON: readonly ServiceMethod[] = ['direct', 'leftAtResidence'];
const SERVICE_ON_AV: readonly ServiceMethod[] = ['leftAtResidence', 'publicNotice'];

export function isFieldAct(type: ActType, content: Record<string, unknown>): boolean {
  if (type === 'service') return SERVICE_IN_PERSON.includes(content.method as ServiceMethod);
  if (type === 'execution') return content.method === 'enforced';
  return ACT_TYPES[type].field;
}

export function defaultAvLevel(type: ActType, content: Record<string, unknown>): AvLevel {
  if (type === 'service') return SERVICE_ON_AV.includes(content.method as ServiceMethod) ? 'av' : 'none';
  return ACT_TYPES[type].av;
}

/** The stronger of two AV requirements. */
export const maxAv = (a: AvLevel, b: AvLevel): AvLevel => (AV_RANK[a] >= AV_RANK[b] ? a : b);

/**
 * The AV requirement of an act: the agency's AV-recording list (items naming this act type, for the case's act
 * category or any) overrides the default when it names the act; otherwise the default of 000 §17 applies.
 */
export function avRequirement(type: ActType, content: Record<string, unknown>, category: ActCategory, list: { actTypes?: string[]; actCategory: string; level: AvLevel }[]): AvLevel {
  const named = list.filter((i) => i.actTypes?.includes(type) && (i.actCategory === category || i.actCategory === 'other'));
  if (!named.length) return defaultAvLevel(type, content);
  return named.map((i) => i.level).reduce(maxAv, 'none');
}

// ---- officers -------------------------------------------------------------------------------------------------------

export interface OfficerRecord {
  recordId: string;
  name: string;
  certificateNumber: string;
  validFrom: string;
  validTo: string;
  status: 'valid' | 'suspended' | 'revoked';
  categories: string[];
}

export type CertificateProblem = 'unknown' | 'notYetValid' | 'expired' | 'suspended' | 'revoked' | 'fieldNotCovered';
export const CERTIFICATE_PROBLEM_LABELS: Record<CertificateProblem, string> = {
  unknown: '未在本部门执法人员名录中公示', notYetValid: '证件尚未生效', expired: '证件已过有效期', suspended: '证件已暂扣',
  revoked: '证件已吊销或注销', fieldNotCovered: '执法类别不含本案类别',
};

export interface OfficerCheck {
  certificateNumber: string;
  name: string | null;
  recordId: string | null;
  /** The date the check was made for (the act's date, Asia/Shanghai). */
  checkedFor: string;
  validFrom: string | null;
  validTo: string | null;
  ok: boolean;
  problems: CertificateProblem[];
}

/** Check one officer's certificate for an act on `date` in a case of `field` (000 §9, §16; 002 §14). */
export function checkOfficer(certificateNumber: string, record: OfficerRecord | undefined, date: string, field: string): OfficerCheck {
  if (!record) return { certificateNumber, name: null, recordId: null, checkedFor: date, validFrom: null, validTo: null, ok: false, problems: ['unknown'] };
  const problems: CertificateProblem[] = [];
  if (record.status === 'revoked') problems.push('revoked');
  if (record.status === 'suspended') problems.push('suspended');
  if (date < record.validFrom) problems.push('notYetValid');
  if (date > record.validTo) problems.push('expired');
  if (!record.categories.includes(field)) problems.push('fieldNotCovered');
  return {
    certificateNumber, name: record.name, recordId: record.recordId, checkedFor: date, validFrom: record.validFrom, validTo: record.validTo,
    ok: problems.length === 0, problems,
  };
}

export const describeCheck = (c: OfficerCheck) =>
  `${c.name ?? '（未知）'}（执法证号 ${c.certificateNumber}）：${c.problems.map((p) => CERTIFICATE_PROBLEM_LABELS[p]).join('、')}`;

// ---- stage rules ---------------------------------------------------------------------------------------------------

/** What the service knows about a case's recorded acts when checking a new one (the effective, corrected versions). */
export interface CaseFacts {
  stage: Stage;
  actCategory: ActCategory;
  origin: Origin;
  major: boolean;
  /** The case's latest legal review (review module): its state and whether it reviewed the draft decision in force. */
  review: { state: string; draftCurrent: boolean } | null;
  acts: { id: string; type: ActType; content: Record<string, unknown> }[];
}

export interface Refusal {
  code: 'STAGE_FORBIDS' | 'RIGHTS_NOT_NOTIFIED' | 'HEARING_REQUIRED' | 'REVIEW_REQUIRED' | 'REVIEW_PENDING' | 'REVIEW_NOT_PASSED' | 'REVIEW_OUTDATED'
    | 'UNSERVED_DOCUMENTS' | 'OPENING_DECIDED' | 'NOT_EXECUTED';
  message: string;
}

/** Documents that must be served before the case can be archived (002 记录办法 §32): the rights notice and the decision. */
export const SERVED_TYPES: readonly ActType[] = ['decision', 'rightsNotice'];

export function unservedDocuments(facts: CaseFacts): { id: string; type: ActType }[] {
  const served = new Set(facts.acts.filter((a) => a.type === 'service').map((a) => String(a.content.documentActId)));
  return facts.acts.filter((a) => SERVED_TYPES.includes(a.type) && !served.has(a.id)).map(({ id, type }) => ({ id, type }));
}

/**
 * May `type` be recorded now? Refuses what the law forbids: a decision before the party was told of the rights of
 * statement, defence and hearing (行政处罚法 §44-45, §63-64), before a requested hearing was held, a major decision
 * without a passed legal review (000 §25), archiving with unserved documents (002 §32).
 */
export function checkTransition(facts: CaseFacts, type: ActType, content: Record<string, unknown>): Refusal | null {
  const rule = ACT_TYPES[type];
  if (!(rule.stages as readonly Stage[]).includes(facts.stage))
    return { code: 'STAGE_FORBIDS', message: `案件处于“${STAGE_LABELS[facts.stage]}”阶段，不能记录“${rule.label}”` };
  const has = (t: ActType) => facts.acts.some((a) => a.type === t);
  switch (type) {
    case 'opening':
      if (facts.acts.some((a) => a.type === 'opening'))
        return { code: 'OPENING_DECIDED', message: '本案已作出立案审批，不能重复审批' };
      return null;
    case 'decision': {
      if (facts.actCategory === 'penalty' && !has('rightsNotice'))
        return { code: 'RIGHTS_NOT_NOTIFIED', message: '作出行政处罚决定前，应告知当事人拟作出的处罚内容及事实、理由、依据，并告知其陈述、申辩、要求听证的权利（行政处罚法第四十四条）' };
      const requested = facts.acts.some((a) => a.type === 'statementDefence' && a.content.hearingRequested === true);
      if (requested && !has('hearing'))
        return { code: 'HEARING_REQUIRED', message: '当事人已要求听证，听证结束前不得作出决定（行政处罚法第六十三至六十五条）' };
      if (facts.major) return reviewGate(facts.review);
      return null;
    }
    case 'conclusion':
      if (facts.stage === 'execution') {
        if (content.outcome !== 'executed')
          return { code: 'STAGE_FORBIDS', message: '已作出决定的案件，应在执行完毕后以“执行完毕”结案' };
        if (!facts.acts.some((a) => a.type === 'execution' && a.content.completed === true))
          return { code: 'NOT_EXECUTED', message: '尚无执行完毕的执行记录，不能以“执行完毕”结案' };
      } else if (content.outcome === 'executed') {
        return { code: 'STAGE_FORBIDS', message: '尚未作出决定，不能以“执行完毕”结案；请选择不予处罚、撤销案件或移送' };
      }
      return null;
    case 'archive': {
      const open = unservedDocuments(facts);
      if (open.length)
        return { code: 'UNSERVED_DOCUMENTS', message: `尚有文书未送达，不能归档：${open.map((d) => ACT_TYPES[d.type].label).join('、')}` };
      return null;
    }
    default:
      return null;
  }
}

/** 000 §25: 未经审核或审核未通过的，不得作出重大执法决定 — each way of not having passed has its own code. */
export function reviewGate(review: CaseFacts['review']): Refusal | null {
  const cite = '（000 第二十五条）';
  if (!review || review.state === 'returned')
    return { code: 'REVIEW_REQUIRED', message: `本案属于重大执法决定，须先提请法制审核，审核通过后方可作出决定${cite}` };
  if (['submitted', 'reviewing', 'supplementing', 'contested'].includes(review.state))
    return { code: 'REVIEW_PENDING', message: `法制审核尚未完成，审核通过（或负责人对分歧作出决定）前不得作出决定${cite}` };
  if (review.state !== 'passed')
    return { code: 'REVIEW_NOT_PASSED', message: `法制审核未通过：请按审核意见办理后重新提请审核，或对审核意见提出异议由负责人决定${cite}` };
  if (!review.draftCurrent)
    return { code: 'REVIEW_OUTDATED', message: `拟处理决定在法制审核后已修改，须就修改后的拟处理决定重新提请审核${cite}` };
  return null;
}

/** The stage after recording `type` (the opening approval decides between investigation and notOpened). */
export function stageAfter(stage: Stage, type: ActType, content: Record<string, unknown>): Stage {
  if (type === 'opening') return stage === 'opening' ? (content.approved === false ? 'notOpened' : 'investigation') : stage;
  // Serving the decision (not the rights notice) moves the case on to execution.
  if (type === 'service') return stage === 'service' && content.documentType === 'decision' ? 'execution' : stage;
  return (ACT_TYPES[type] as ActTypeRule).next ?? stage;
}

// ---- time limits ---------------------------------------------------------------------------------------------------

/** Days from opening to decision for penalties (行政处罚法 §60). */
export const PENALTY_DECISION_DAYS = 90;
/** An emergency opening's approval is filed within 24 hours (002 记录办法 §8). */
export const EMERGENCY_APPROVAL_HOURS = 24;

/** Calendar days (not working days) after a YYYY-MM-DD date. */
export const addDays = (date: string, days: number): string => formatDay(parseDay(date)! + days);

// ---- retention (SPEC §3.5; 003 记录办法 §21) --------------------------------------------------------------------------

/**
 * Events that make a case's records permanent (003 记录办法 §21(一) 1-5): used as evidence, obstruction of
 * enforcement, emergencies and mass incidents, petitions, complaints, reconsideration, lawsuits, review and state
 * compensation, and the agency's own decision. Recording any of them (a `remedy` act) sets the case permanent.
 */
export const RETENTION_EVENTS = [
  'reconsideration', 'lawsuit', 'complaint', 'petition', 'stateCompensation', 'usedAsEvidence', 'obstruction', 'emergencyIncident', 'agencyDecision',
] as const;
export type RetentionEvent = (typeof RETENTION_EVENTS)[number];
export const RETENTION_EVENT_LABELS: Record<RetentionEvent, string> = {
  reconsideration: '申请行政复议', lawsuit: '提起行政诉讼', complaint: '投诉、申诉', petition: '信访', stateCompensation: '申请国家赔偿',
  usedAsEvidence: '作为行政、刑事案件证据使用', obstruction: '阻碍执法、妨害公务', emergencyIncident: '处置重大突发事件、群体性事件',
  agencyDecision: '重大、疑难、复杂或部门决定长期保存',
};

/** The outcome of a reconsideration or lawsuit against the decision (000 §13; 002 公示办法 §28; 003 公示办法 §14). */
export const REMEDY_PROCEEDINGS = { reconsideration: '行政复议', lawsuit: '行政诉讼' } as const;
export const REMEDY_OUTCOMES = { upheld: '维持', revoked: '撤销', confirmedIllegal: '确认违法', redo: '责令重新作出', changed: '变更' } as const;
/** Outcomes that end the decision as it stood: its publication is withdrawn and the change published. */
export const OVERTURNING_OUTCOMES: readonly string[] = ['revoked', 'confirmedIllegal', 'redo', 'changed'];

/** The day the media records of a case archived on `archivedOn` may first be destroyed; null when no period is set. */
export function retentionUntil(archivedOn: string, minYears: number | null | undefined): string | null {
  if (typeof minYears !== 'number' || minYears <= 0) return null;
  const [y, m, d] = archivedOn.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + minYears, m - 1, d));
  // 29 February plus whole years falls on 1 March in a common year — the later day, never an earlier one
  return target.toISOString().slice(0, 10);
}

export type DestructionRefusal = { code: 'RETENTION_PERMANENT' | 'RETENTION_NOT_EXPIRED' | 'STAGE_FORBIDS'; message: string };

/** May the media records of this case be destroyed on `today`? (Destruction inside the period is impossible.) */
export function checkDestruction(c: { stage: Stage; retentionPermanent: string | null; retentionUntil: string | null; destroyed: boolean }, today: string): DestructionRefusal | null {
  if (c.destroyed) return { code: 'STAGE_FORBIDS', message: '本案音像记录已销毁' };
  if (c.stage !== 'archived') return { code: 'STAGE_FORBIDS', message: '只有已归档案件的音像记录可以在保存期满后销毁' };
  if (c.retentionPermanent)
    return { code: 'RETENTION_PERMANENT', message: `本案记录应长期保存（${RETENTION_EVENT_LABELS[c.retentionPermanent as RetentionEvent] ?? c.retentionPermanent}），不得销毁（003 记录办法第二十一条）` };
  if (!c.retentionUntil) return { code: 'RETENTION_NOT_EXPIRED', message: '本地政策未规定音像记录保存年限（按法定保存期限或档案法），不能销毁' };
  if (today < c.retentionUntil) return { code: 'RETENTION_NOT_EXPIRED', message: `保存期限至 ${c.retentionUntil}，期满前不得销毁（000 第二十三条）` };
  return null;
}
