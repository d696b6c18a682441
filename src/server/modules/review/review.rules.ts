// Which decisions are major (重大执法决定, SPEC §4.2): the jurisdiction's catalogue (policy pack, one cited rule per
// entry) plus the national rule for penalties (行政处罚法 §58), applied to the facts of a draft decision. Pure; every
// reason names the rule and the article it comes from, so the classification is explained, not asserted.
import type { CatalogueEntry, Sourced } from '../../platform/policy/policy.schema.ts';
import type { DECISION_KINDS, MAJOR_FLAGS, CATALOGUE_ACT_CATEGORIES } from '../../platform/policy/policy.schema.ts';
import { formatDay, parseDay } from '../../platform/calendar/calendar.dates.ts';

export type DecisionKind = (typeof DECISION_KINDS)[number];
export type MajorFlag = (typeof MAJOR_FLAGS)[number];

/** Words for the catalogue's kinds and flags (the back office's rule editor, explanations). */
export const DECISION_KIND_LABELS: Record<DecisionKind, string> = {
  fine: '罚款', confiscation: '没收违法所得、非法财物', suspendBusiness: '责令停产停业', revokeLicence: '吊销许可证件', detention: '行政拘留', warning: '警告',
  hearing: '经听证', tender: '招标、拍卖', sealPremises: '查封经营场所', seizeLicence: '扣押证照', demolition: '强制拆除', ban: '取缔、关闭',
  restrictFreedom: '限制人身自由', expropriationStateLand: '国有土地上房屋征收', expropriationCollectiveLand: '集体土地征收', socialMaintenanceFee: '社会抚养费',
  feeItemChange: '设立或取消收费项目', feeStandardChange: '提高或降低收费标准', jointInspection: '多部门联合检查',
};
export const MAJOR_FLAG_LABELS: Record<MajorFlag, string> = {
  majorPublicInterest: '涉及重大公共利益', majorSocialImpact: '可能造成重大社会影响或引发社会风险', majorRights: '直接关系当事人或第三人重大权益',
  complex: '案件情况疑难复杂、涉及多个法律关系', lawRequires: '法律、法规、规章规定应当法制审核',
};

export interface DecisionFacts {
  actCategory: (typeof CATALOGUE_ACT_CATEGORIES)[number];
  kinds: DecisionKind[];
  amountYuan?: number;
  partyType?: 'individual' | 'organisation';
  businessActivity?: boolean;
  inspectorCount?: number;
  agencyOfficerCount?: number;
  flags: MajorFlag[];
}

export interface Reason { rule: string; label: string; citation: string }

/** 行政处罚法 §58: penalties that need legal review everywhere, whatever the local catalogue says. */
export const NATIONAL_PENALTY_RULES: { id: string; label: string; citation: string; when: CatalogueEntry['when'] }[] = [
  { id: 'xzcfl-58-1', label: '涉及重大公共利益', citation: '行政处罚法 §58(一)', when: { actCategory: 'penalty', anyFlag: ['majorPublicInterest'] } },
  { id: 'xzcfl-58-2', label: '直接关系当事人或者第三人重大权益，经过听证程序', citation: '行政处罚法 §58(二)', when: { actCategory: 'penalty', anyFlag: ['majorRights'], anyKind: ['hearing'] } },
  { id: 'xzcfl-58-3', label: '案件情况疑难复杂、涉及多个法律关系', citation: '行政处罚法 §58(三)', when: { actCategory: 'penalty', anyFlag: ['complex'] } },
  { id: 'xzcfl-58-4', label: '法律、法规规定应当进行法制审核的其他情形', citation: '行政处罚法 §58(四)', when: { actCategory: 'penalty', anyFlag: ['lawRequires'] } },
];

/** Does every condition of the rule hold for these facts? (Missing facts never satisfy a condition.) */
export function matches(when: CatalogueEntry['when'], f: DecisionFacts): boolean {
  if (when.actCategory && when.actCategory !== f.actCategory) return false;
  if (when.everyDecision) return true;
  if (when.anyKind && !when.anyKind.some((k) => f.kinds.includes(k))) return false;
  if (when.anyFlag && !when.anyFlag.some((k) => f.flags.includes(k))) return false;
  if (when.partyType && when.partyType !== f.partyType) return false;
  if (when.businessActivity !== undefined && when.businessActivity !== f.businessActivity) return false;
  if (when.minAmountYuan !== undefined && !(f.amountYuan !== undefined && f.amountYuan >= when.minAmountYuan)) return false;
  if (when.minInspectors !== undefined && !(f.inspectorCount !== undefined && f.inspectorCount >= when.minInspectors)) return false;
  if (when.inspectorShareAbove) {
    const { numerator, denominator } = when.inspectorShareAbove;
    // "超出…三分之一": strictly more than the share, compared in integers (no rounding)
    if (f.inspectorCount === undefined || !f.agencyOfficerCount || f.inspectorCount * denominator <= f.agencyOfficerCount * numerator) return false;
  }
  return true;
}

const citationOf = (s: Sourced<CatalogueEntry>) => (s.source ? `${s.source.seed} ${s.source.article}` : (s.note ?? ''));

/** Classify a draft decision against a catalogue (and the national penalty rules). */
export function classify(catalogue: readonly Sourced<CatalogueEntry>[], f: DecisionFacts): { major: boolean; reasons: Reason[] } {
  const reasons: Reason[] = [];
  for (const entry of catalogue) {
    if (entry.value && matches(entry.value.when, f)) reasons.push({ rule: entry.value.id, label: entry.value.label, citation: citationOf(entry) });
  }
  for (const r of NATIONAL_PENALTY_RULES) if (matches(r.when, f)) reasons.push({ rule: r.id, label: r.label, citation: r.citation });
  return { major: reasons.length > 0, reasons };
}

// ---- the review itself (SPEC §4.3-4.4) ------------------------------------------------------------------------------

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
  agree: '同意', investigate: '继续调查或不予作出决定', change: '变更（定性、适用法律或裁量）', correctProcedure: '纠正程序', transfer: '移送（超出管辖或涉嫌犯罪）',
};

export const REVIEW_STATES = ['submitted', 'reviewing', 'supplementing', 'returned', 'opinionIssued', 'contested', 'passed', 'upheld'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
export const REVIEW_STATE_LABELS: Record<ReviewState, string> = {
  submitted: '待分配审核人', reviewing: '审核中', supplementing: '补充材料中（暂停计时）', returned: '已退回',
  opinionIssued: '审核未通过', contested: '异议待负责人决定', passed: '审核通过', upheld: '负责人维持审核意见',
};
/** States in which the review is still running (its deadline counts, the decision waits). */
export const OPEN_STATES: readonly ReviewState[] = ['submitted', 'reviewing', 'supplementing'];

/** The materials of a submission (000 §29; 002 审核办法 §6-7; 003 审核办法 §21), checked for presence. */
export const MATERIALS = ['investigationReport', 'draftDecision', 'legalBasis', 'evidence', 'hearingRecord', 'appraisalReport', 'facts', 'lawAndDiscretion', 'qualifications', 'investigation'] as const;
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

export interface MaterialCheck { key: Material; label: string; required: boolean; present: boolean; detail: string }

/** What the case and the submission hold, for the materials check. */
export interface SubmissionFacts {
  draftDecision: { basis?: unknown; discretion?: { level?: unknown; reason?: unknown } } | null;
  evidenceActs: number;
  mediaFiles: number;
  hearingRequested: boolean;
  hearingRecorded: boolean;
  /** Officers on the case's acts whose certificate check failed (names); none = all qualified. */
  officerProblems: string[];
  officerCount: number;
  investigationReport?: string;
  explanation?: { facts?: string; lawAndDiscretion?: string; investigation?: string };
  appraisal?: { summary?: string; evidenceIds?: string[] } | null;
}

const filled = (v: unknown, min = 2) => typeof v === 'string' && v.trim().length >= min;

/** Every material with whether it is required here and present. The submission goes only when none is missing. */
export function checkMaterials(f: SubmissionFacts): MaterialCheck[] {
  const row = (key: Material, required: boolean, present: boolean, detail: string): MaterialCheck => ({ key, label: MATERIAL_LABELS[key], required, present, detail });
  const d = f.draftDecision;
  return [
    row('investigationReport', true, filled(f.investigationReport, 10), filled(f.investigationReport, 10) ? '已填写' : '请填写调查终结报告（不少于 10 字）'),
    row('draftDecision', true, !!d, d ? '本案的拟处理决定' : '请先在案件中记录“拟处理决定”'),
    row('legalBasis', true, !!d && filled(d.basis), d && filled(d.basis) ? '拟处理决定载明的依据' : '拟处理决定须载明依据'),
    row('evidence', true, f.evidenceActs + f.mediaFiles > 0,
      f.evidenceActs + f.mediaFiles > 0 ? `调查取证记录 ${f.evidenceActs} 份，音像记录 ${f.mediaFiles} 个` : '本案尚无调查取证记录或音像记录'),
    row('hearingRecord', f.hearingRequested || f.hearingRecorded, f.hearingRecorded,
      f.hearingRecorded ? '本案的听证笔录' : f.hearingRequested ? '当事人要求听证：请先记录听证笔录' : '未经听证，无需提交'),
    row('appraisalReport', !!f.appraisal, !!f.appraisal && (filled(f.appraisal.summary) || !!f.appraisal.evidenceIds?.length),
      !f.appraisal ? '未经鉴定、评估，无需提交' : filled(f.appraisal.summary) || f.appraisal.evidenceIds?.length ? '已提交' : '请填写鉴定、评估结论或关联报告文件'),
    row('facts', true, filled(f.explanation?.facts), filled(f.explanation?.facts) ? '已填写' : '请说明基本事实'),
    row('lawAndDiscretion', true, filled(f.explanation?.lawAndDiscretion) && !!d && filled(d.discretion?.reason),
      !filled(f.explanation?.lawAndDiscretion) ? '请说明适用的法律、法规、规章和裁量基准' : !d || !filled(d.discretion?.reason) ? '拟处理决定须载明裁量理由' : '已填写'),
    row('qualifications', true, f.officerCount > 0 && f.officerProblems.length === 0,
      f.officerCount === 0 ? '本案记录中没有执法人员' : f.officerProblems.length ? `执法证件有问题：${f.officerProblems.join('、')}` : `本案 ${f.officerCount} 名执法人员证件均经核验有效`),
    row('investigation', true, filled(f.explanation?.investigation), filled(f.explanation?.investigation) ? '已填写' : '请说明调查取证和听证情况'),
  ];
}

export const missingMaterials = (checks: MaterialCheck[]) => checks.filter((c) => c.required && !c.present);

/** The days counting is paused for supplements: after the request day, up to and including the day they arrived. */
export interface Pause { requestedOn: string; suppliedOn: string | null }

export interface DeadlineCalendar {
  addWorkingDays(from: string, days: number, opts?: { paused?: readonly { start: string; end: string }[] }): { date: string; scheduleComplete: boolean; missingYears: number[] };
  workingDaysBetween(from: string, to: string, opts?: { paused?: readonly { start: string; end: string }[] }): { days: number };
}

const nextDay = (day: string) => formatDay(parseDay(day)! + 1);

/**
 * The review deadline (000 §31; 002 审核办法 §11; 003 审核办法 §20): the policy's working days from receipt (the day
 * of receipt not counted), plus the approved extension, with supplement time excluded when the policy says so. An
 * open pause (materials not yet supplied) runs to `today`: the deadline moves on while the clock is stopped.
 */
export function reviewDeadline(cal: DeadlineCalendar, r: {
  receivedOn: string; workingDays: number; extensionDays: number; extended: boolean; excludeSupplements: boolean; pauses: Pause[]; today: string;
}) {
  const paused = r.excludeSupplements
    ? r.pauses.map((p) => ({ start: nextDay(p.requestedOn), end: p.suppliedOn ?? r.today })).filter((p) => p.start <= p.end)
    : [];
  const total = r.workingDays + (r.extended ? r.extensionDays : 0);
  const due = cal.addWorkingDays(r.receivedOn, total, { paused });
  const used = cal.workingDaysBetween(r.receivedOn, r.today, { paused }).days;
  return { dueOn: due.date, workingDays: total, usedWorkingDays: Math.min(used, total), overdue: r.today > due.date, scheduleComplete: due.scheduleComplete, missingYears: due.missingYears, paused };
}

/** A draft decision's facts as recorded in a case (the fine in fen, a confiscated amount in yuan, the party's kind). */
export interface DraftFacts {
  actCategory: DecisionFacts['actCategory'];
  partyType: 'individual' | 'organisation';
  fineFen?: number;
  majorFacts?: { kinds?: DecisionKind[]; businessActivity?: boolean; confiscationFen?: number; inspectorCount?: number; agencyOfficerCount?: number; flags?: MajorFlag[] };
}

/**
 * Classify a recorded draft decision. A fine and a confiscation are tested each with its own amount (the catalogue
 * has thresholds for both); a fine in the draft counts as the `fine` kind; when the draft does not say whether the
 * violation arose in business activity, the stricter threshold applies.
 */
export function classifyDraft(catalogue: readonly Sourced<CatalogueEntry>[], d: DraftFacts): { major: boolean; reasons: Reason[]; summary: string } {
  const m = d.majorFacts ?? {};
  const kinds = new Set<DecisionKind>(m.kinds ?? []);
  if (d.fineFen && d.fineFen > 0) kinds.add('fine');
  const base = { actCategory: d.actCategory, partyType: d.partyType, businessActivity: m.businessActivity, inspectorCount: m.inspectorCount, agencyOfficerCount: m.agencyOfficerCount, flags: m.flags ?? [] };
  const amounts: DecisionFacts[] = [{ ...base, kinds: [...kinds].filter((k) => k !== 'confiscation'), amountYuan: d.fineFen !== undefined ? d.fineFen / 100 : undefined }];
  if (kinds.has('confiscation')) amounts.push({ ...base, kinds: ['confiscation'], amountYuan: m.confiscationFen !== undefined ? m.confiscationFen / 100 : undefined });
  // not said whether it arose in business activity: both thresholds apply, so the stricter one decides
  const runs = m.businessActivity === undefined ? amounts.flatMap((f) => [{ ...f, businessActivity: true }, { ...f, businessActivity: false }]) : amounts;
  const reasons = new Map<string, Reason>();
  for (const f of runs) for (const r of classify(catalogue, f).reasons) reasons.set(r.rule, r);
  const list = [...reasons.values()];
  return { major: list.length > 0, reasons: list, summary: list.length ? `属于重大执法决定：${list.map((r) => r.label).join('；')}` : '按重大执法决定目录，不属于重大执法决定' };
}

/** An agency's own published catalogue entry (registry majorCatalogueItem) as a rule, when it carries rule fields. */
export interface AgencyCatalogueItem {
  recordId: string;
  data: { name: string; actCategory: string; everyDecision?: 'yes'; kinds?: DecisionKind[]; flags?: MajorFlag[]; partyType?: 'individual' | 'organisation'; businessActivity?: 'business' | 'nonBusiness'; minAmountYuan?: string; minInspectors?: string };
}

export function agencyRule(item: AgencyCatalogueItem): Sourced<CatalogueEntry> | null {
  const d = item.data;
  const when: CatalogueEntry['when'] = { actCategory: d.actCategory as DecisionFacts['actCategory'] };
  if (d.everyDecision === 'yes') when.everyDecision = true;
  if (d.kinds?.length) when.anyKind = d.kinds;
  if (d.flags?.length) when.anyFlag = d.flags;
  if (d.partyType) when.partyType = d.partyType;
  if (d.businessActivity) when.businessActivity = d.businessActivity === 'business';
  if (d.minAmountYuan) when.minAmountYuan = Number(d.minAmountYuan);
  if (d.minInspectors) when.minInspectors = Number(d.minInspectors);
  if (Object.keys(when).length === 1) return null; // a description only: no rule to apply
  return { value: { id: `agency-${item.recordId.slice(0, 8)}`, label: d.name, when }, note: '本部门重大执法决定目录' };
}
