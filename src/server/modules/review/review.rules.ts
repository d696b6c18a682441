// The legal review itself (SPEC §4.3-4.4): what the reviewer checks, the submission's materials, the review's
// deadline. Pure. Which decisions are major (the catalogue) is the case file's concern: cases/major.rules.ts.
import { formatDay, parseDay, shanghaiDate } from '../../platform/calendar/calendar.dates.ts';
import type { EventRow, ReviewRow } from './review.repo.ts';
import { MATERIAL_LABELS, type Material } from '../../../shared/vocabulary.ts';
export {
  type DecisionKind,
  type MajorFlag,
  DECISION_KIND_LABELS,
  MAJOR_FLAG_LABELS,
  CHECKLIST_ITEMS,
  type ChecklistItem,
  CHECKLIST_LABELS,
  REVIEW_OUTCOMES,
  type ReviewOutcome,
  REVIEW_OUTCOME_LABELS,
  REVIEW_STATES,
  type ReviewState,
  REVIEW_STATE_LABELS,
  OPEN_STATES,
  MATERIALS,
  type Material,
  MATERIAL_LABELS,
} from '../../../shared/vocabulary.ts';

// ---- the review itself (SPEC §4.3-4.4) ------------------------------------------------------------------------------

export interface MaterialCheck {
  key: Material;
  label: string;
  required: boolean;
  present: boolean;
  detail: string;
}

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
  const row = (key: Material, required: boolean, present: boolean, detail: string): MaterialCheck => ({
    key,
    label: MATERIAL_LABELS[key],
    required,
    present,
    detail,
  });
  const d = f.draftDecision;
  return [
    row(
      'investigationReport',
      true,
      filled(f.investigationReport, 10),
      filled(f.investigationReport, 10) ? '已填写' : '请填写调查终结报告（不少于 10 字）',
    ),
    row('draftDecision', true, !!d, d ? '本案的拟处理决定' : '请先在案件中记录“拟处理决定”'),
    row('legalBasis', true, !!d && filled(d.basis), d && filled(d.basis) ? '拟处理决定载明的依据' : '拟处理决定须载明依据'),
    row(
      'evidence',
      true,
      f.evidenceActs + f.mediaFiles > 0,
      f.evidenceActs + f.mediaFiles > 0
        ? `调查取证记录 ${f.evidenceActs} 份，音像记录 ${f.mediaFiles} 个`
        : '本案尚无调查取证记录或音像记录',
    ),
    row(
      'hearingRecord',
      f.hearingRequested || f.hearingRecorded,
      f.hearingRecorded,
      f.hearingRecorded ? '本案的听证笔录' : f.hearingRequested ? '当事人要求听证：请先记录听证笔录' : '未经听证，无需提交',
    ),
    row(
      'appraisalReport',
      !!f.appraisal,
      !!f.appraisal && (filled(f.appraisal.summary) || !!f.appraisal.evidenceIds?.length),
      !f.appraisal
        ? '未经鉴定、评估，无需提交'
        : filled(f.appraisal.summary) || f.appraisal.evidenceIds?.length
          ? '已提交'
          : '请填写鉴定、评估结论或关联报告文件',
    ),
    row('facts', true, filled(f.explanation?.facts), filled(f.explanation?.facts) ? '已填写' : '请说明基本事实'),
    row(
      'lawAndDiscretion',
      true,
      filled(f.explanation?.lawAndDiscretion) && !!d && filled(d.discretion?.reason),
      !filled(f.explanation?.lawAndDiscretion)
        ? '请说明适用的法律、法规、规章和裁量基准'
        : !d || !filled(d.discretion?.reason)
          ? '拟处理决定须载明裁量理由'
          : '已填写',
    ),
    row(
      'qualifications',
      true,
      f.officerCount > 0 && f.officerProblems.length === 0,
      f.officerCount === 0
        ? '本案记录中没有执法人员'
        : f.officerProblems.length
          ? `执法证件有问题：${f.officerProblems.join('、')}`
          : `本案 ${f.officerCount} 名执法人员证件均经核验有效`,
    ),
    row(
      'investigation',
      true,
      filled(f.explanation?.investigation),
      filled(f.explanation?.investigation) ? '已填写' : '请说明调查取证和听证情况',
    ),
  ];
}

export const missingMaterials = (checks: MaterialCheck[]) => checks.filter((c) => c.required && !c.present);

/** The days counting is paused for supplements: after the request day, up to and including the day they arrived. */
export interface Pause {
  requestedOn: string;
  suppliedOn: string | null;
}

export interface DeadlineCalendar {
  addWorkingDays(
    from: string,
    days: number,
    opts?: { paused?: readonly { start: string; end: string }[] },
  ): { date: string; scheduleComplete: boolean; missingYears: number[] };
  workingDaysBetween(from: string, to: string, opts?: { paused?: readonly { start: string; end: string }[] }): { days: number };
}

const nextDay = (day: string) => formatDay(parseDay(day)! + 1);

/**
 * The review deadline (000 §31; 002 审核办法 §11; 003 审核办法 §20): the policy's working days from receipt (the day
 * of receipt not counted), plus the approved extension, with supplement time excluded when the policy says so. An
 * open pause (materials not yet supplied) runs to `today`: the deadline moves on while the clock is stopped.
 */
export function reviewDeadline(
  cal: DeadlineCalendar,
  r: {
    receivedOn: string;
    workingDays: number;
    extensionDays: number;
    extended: boolean;
    excludeSupplements: boolean;
    pauses: Pause[];
    today: string;
  },
) {
  const paused = r.excludeSupplements
    ? r.pauses.map((p) => ({ start: nextDay(p.requestedOn), end: p.suppliedOn ?? r.today })).filter((p) => p.start <= p.end)
    : [];
  const total = r.workingDays + (r.extended ? r.extensionDays : 0);
  const due = cal.addWorkingDays(r.receivedOn, total, { paused });
  const used = cal.workingDaysBetween(r.receivedOn, r.today, { paused }).days;
  return {
    dueOn: due.date,
    workingDays: total,
    usedWorkingDays: Math.min(used, total),
    overdue: r.today > due.date,
    scheduleComplete: due.scheduleComplete,
    missingYears: due.missingYears,
    paused,
  };
}

/** The supplement periods (补充材料) of a review from its events: each request and when it was supplied. */
export function pausesOf(events: Pick<EventRow, 'kind' | 'data'>[]): Pause[] {
  const out: Pause[] = [];
  for (const e of events) {
    if (e.kind === 'supplementRequested') out.push({ requestedOn: String(e.data.requestedOn), suppliedOn: null });
    if (e.kind === 'supplied' && out.length) out[out.length - 1]!.suppliedOn = String(e.data.suppliedOn);
  }
  return out;
}

/** The deadline as of `today` from the review's events and the policy at submission (days, extension, supplements). */
export function deadlineOfReview(calendar: DeadlineCalendar, r: ReviewRow, events: EventRow[], today = shanghaiDate()) {
  return reviewDeadline(calendar, {
    receivedOn: r.received_on,
    workingDays: r.deadline_working_days,
    extensionDays: r.extension_working_days,
    extended: r.extended,
    excludeSupplements: r.supplements_excluded,
    pauses: pausesOf(events),
    today,
  });
}

// ---- who may review (SPEC §4.3) ----------------------------------------------------------------------------------------

export interface ReviewerProblem {
  code: 'REVIEWER_NOT_SEPARATE' | 'REVIEWER_UNQUALIFIED' | null;
  problem: string | null;
}

/**
 * Why a reviewer may not take a review, or that nothing stands in the way: 办案与审核相分离 — whoever handled,
 * submitted, recorded acts of or took part in the case (by certificate) may not review it (000 §27); a first review
 * needs the national legal qualification, read from the reviewer's own published officer record (000 §28; 003 审核办法 §16).
 */
export function reviewerProblem(o: {
  userId: string;
  certificateNumber: string | null;
  firstReview: boolean;
  needsQualification: boolean;
  qualification: { qualification?: unknown } | undefined;
  handlerIds: readonly string[];
  submittedBy: string;
  drafter: string | undefined;
  recorders: ReadonlySet<string>;
  present: ReadonlySet<string>;
}): ReviewerProblem {
  const handled = o.handlerIds.includes(o.userId) || o.userId === o.submittedBy;
  if (handled || o.recorders.has(o.userId) || (o.certificateNumber && o.present.has(o.certificateNumber)))
    return {
      code: 'REVIEWER_NOT_SEPARATE',
      problem: o.userId === o.drafter ? '是拟处理决定的起草人' : handled ? '是本案承办人员' : '参与了本案的办理',
    };
  if (o.firstReview && o.needsQualification && !o.qualification?.qualification)
    return {
      code: 'REVIEWER_UNQUALIFIED',
      problem: !o.certificateNumber
        ? '初次从事法制审核，但未关联执法人员名录中的本人记录，无法核验法律职业资格'
        : !o.qualification
          ? '初次从事法制审核，执法人员名录中没有本人的已公示记录'
          : '初次从事法制审核，须取得国家统一法律职业资格',
    };
  return { code: null, problem: null };
}
