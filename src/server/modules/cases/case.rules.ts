// Case handling rules (SPEC §3.1-3.3): stages, the acts that move a case between them, what each act needs, the
// officer certificate check and the AV requirement. Pure: no I/O; the service feeds it facts and records its verdicts.
import { formatDay, parseDay, shanghaiDate } from '../../platform/calendar/calendar.dates.ts';
import type { ErrorCode } from '../../platform/errors.ts';
import {
  ACT_TYPES,
  CERTIFICATE_PROBLEM_LABELS,
  RETENTION_EVENT_LABELS,
  type CertificateProblem,
  STAGE_LABELS,
  type ActCategory,
  type ActType,
  type AvLevel,
  type Origin,
  type RetentionEvent,
  type ServiceMethod,
  type Stage,
} from '../../../shared/vocabulary.ts';
export {
  type ActCategory,
  STAGES,
  type Stage,
  STAGE_LABELS,
  CLASSIFICATIONS,
  type Classification,
  CLASSIFICATION_LABELS,
  ORIGINS,
  type Origin,
  ORIGIN_LABELS,
  SERVICE_METHODS,
  type ServiceMethod,
  SERVICE_METHOD_LABELS,
  type AvLevel,
  ACT_TYPES,
  type ActType,
  APPROVER_ROLES,
  type CertificateProblem,
  CERTIFICATE_PROBLEM_LABELS,
  ACT_TYPE_IDS,
  RETENTION_EVENTS,
  type RetentionEvent,
  RETENTION_EVENT_LABELS,
  REMEDY_PROCEEDINGS,
  REMEDY_OUTCOMES,
  OVERTURNING_OUTCOMES,
} from '../../../shared/vocabulary.ts';

const AV_RANK: Record<AvLevel, number> = { none: 0, av: 1, fullAv: 2 };

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
export function avRequirement(
  type: ActType,
  content: Record<string, unknown>,
  category: ActCategory,
  list: { actTypes?: string[]; actCategory: string; level: AvLevel }[],
): AvLevel {
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
  if (!record)
    return {
      certificateNumber,
      name: null,
      recordId: null,
      checkedFor: date,
      validFrom: null,
      validTo: null,
      ok: false,
      problems: ['unknown'],
    };
  const problems: CertificateProblem[] = [];
  if (record.status === 'revoked') problems.push('revoked');
  if (record.status === 'suspended') problems.push('suspended');
  if (date < record.validFrom) problems.push('notYetValid');
  if (date > record.validTo) problems.push('expired');
  if (!record.categories.includes(field)) problems.push('fieldNotCovered');
  return {
    certificateNumber,
    name: record.name,
    recordId: record.recordId,
    checkedFor: date,
    validFrom: record.validFrom,
    validTo: record.validTo,
    ok: problems.length === 0,
    problems,
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
  code:
    | 'STAGE_FORBIDS'
    | 'RIGHTS_NOT_NOTIFIED'
    | 'HEARING_REQUIRED'
    | 'REVIEW_REQUIRED'
    | 'REVIEW_PENDING'
    | 'REVIEW_NOT_PASSED'
    | 'REVIEW_OUTDATED'
    | 'UNSERVED_DOCUMENTS'
    | 'OPENING_DECIDED'
    | 'NOT_EXECUTED';
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
      if (facts.acts.some((a) => a.type === 'opening')) return { code: 'OPENING_DECIDED', message: '本案已作出立案审批，不能重复审批' };
      return null;
    case 'decision': {
      if (facts.actCategory === 'penalty' && !has('rightsNotice'))
        return {
          code: 'RIGHTS_NOT_NOTIFIED',
          message:
            '作出行政处罚决定前，应告知当事人拟作出的处罚内容及事实、理由、依据，并告知其陈述、申辩、要求听证的权利（行政处罚法第四十四条）',
        };
      const requested = facts.acts.some((a) => a.type === 'statementDefence' && a.content.hearingRequested === true);
      if (requested && !has('hearing'))
        return { code: 'HEARING_REQUIRED', message: '当事人已要求听证，听证结束前不得作出决定（行政处罚法第六十三至六十五条）' };
      if (facts.major) return reviewGate(facts.review);
      return null;
    }
    case 'conclusion':
      if (facts.stage === 'execution') {
        if (content.outcome !== 'executed') return { code: 'STAGE_FORBIDS', message: '已作出决定的案件，应在执行完毕后以“执行完毕”结案' };
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
    return {
      code: 'REVIEW_NOT_PASSED',
      message: `法制审核未通过：请按审核意见办理后重新提请审核，或对审核意见提出异议由负责人决定${cite}`,
    };
  if (!review.draftCurrent)
    return { code: 'REVIEW_OUTDATED', message: `拟处理决定在法制审核后已修改，须就修改后的拟处理决定重新提请审核${cite}` };
  return null;
}

/** The stage after recording `type` (the opening approval decides between investigation and notOpened). */
export function stageAfter(stage: Stage, type: ActType, content: Record<string, unknown>): Stage {
  if (type === 'opening') return stage === 'opening' ? (content.approved === false ? 'notOpened' : 'investigation') : stage;
  // Serving the decision (not the rights notice) moves the case on to execution.
  if (type === 'service') return stage === 'service' && content.documentType === 'decision' ? 'execution' : stage;
  return (ACT_TYPES[type] as { next?: Stage }).next ?? stage;
}

// ---- checks on a new act (recordAct runs them in this order; each names the article it enforces) ---------------------

/** Why an act cannot be recorded: a code and message; `field` when one submitted value is wrong (VALIDATION_FAILED). */
export interface ActProblem {
  code: ErrorCode;
  message: string;
  field?: string;
  details?: Record<string, unknown>;
}

const fieldProblem = (field: string, message: string): ActProblem => ({ code: 'VALIDATION_FAILED', message, field });

/** The registration and the review workflow's acts are written by the system, never through the act form. */
export function checkRecordable(type: ActType): ActProblem | null {
  if (type === 'registration') return { code: 'STAGE_FORBIDS', message: '案件登记在登记案件时自动记录，不能另行记录' };
  if ((ACT_TYPES[type] as { system?: boolean }).system)
    return { code: 'STAGE_FORBIDS', message: `“${ACT_TYPES[type].label}”由法制审核流程生成，不能另行记录或更正` };
  return null;
}

/** A decision served on the party is corrected only as to where and when it was recorded (see checkCorrection). */
export function sameDecision(
  prev: { content: Record<string, unknown>; occurred_at: Date },
  content: Record<string, unknown>,
  occurredAt: string,
): boolean {
  const keys = ['decision', 'basis', 'fineFen', 'remedy'];
  return (
    keys.every((k) => (prev.content[k] ?? null) === (content[k] ?? null)) &&
    shanghaiDate(prev.occurred_at) === shanghaiDate(new Date(occurredAt))
  );
}

/**
 * A correction: of the latest version of an act of the same type, with a reason; an archive is never corrected; a
 * served decision is not corrected in the record but revoked or changed (行政处罚法 §48 ¶2, 000 §13).
 */
export function checkCorrection(o: {
  type: ActType;
  target: { type: string; content: Record<string, unknown>; occurred_at: Date } | null;
  alreadyCorrected: boolean;
  reason: string | undefined;
  served: boolean;
  content: Record<string, unknown>;
  occurredAt: string;
}): ActProblem | null {
  const { type, target } = o;
  if (!target) return { code: 'NOT_FOUND', message: '被更正的记录不存在或无权访问' };
  if (target.type !== type) return fieldProblem('type', `更正记录的类型须与原记录相同（${ACT_TYPES[target.type as ActType].label}）`);
  if (o.alreadyCorrected) return { code: 'CONFLICT', message: '该记录已被更正，请更正最新的一条' };
  if (!o.reason) return fieldProblem('correctionReason', '更正须写明理由');
  if (type === 'archive') return { code: 'STAGE_FORBIDS', message: `“${ACT_TYPES[type].label}”不能更正` };
  if (type === 'decision' && o.served && !sameDecision(target, o.content, o.occurredAt))
    return {
      code: 'DECISION_SERVED',
      message:
        '决定书已送达当事人，不能再更正其内容：决定确有错误的，应依法撤销或变更，并记录“复议、诉讼结果”（撤销、变更等），原公示信息随即撤下并公示变更说明（000 第十三条；行政处罚法第四十八条）',
    };
  return null;
}

/** A new (not correcting) act: no correction reason; a refused complaint is answered (000 §9); the stage allows it. */
export function checkNewAct(
  facts: CaseFacts,
  o: { type: ActType; content: Record<string, unknown>; correctionReason: string | undefined },
): ActProblem | null {
  if (o.correctionReason) return fieldProblem('correctionReason', '只有更正记录才填写更正理由');
  if (
    o.type === 'opening' &&
    facts.stage === 'opening' &&
    o.content.approved === false &&
    facts.origin === 'complaint' &&
    !o.content.replyToComplainant
  )
    return fieldProblem('content.replyToComplainant', '投诉举报不予立案的，应告知投诉举报人不予立案的理由');
  return checkTransition(facts, o.type, o.content);
}

/** A major decision carries the fine of the draft decision that passed review (000 §25). */
export function checkReviewedFine(o: { fineFen: unknown; draftFineFen: unknown }): ActProblem | null {
  if ((o.fineFen ?? null) !== (o.draftFineFen ?? null))
    return {
      code: 'REVIEW_OUTDATED',
      message:
        '决定的罚款数额与经法制审核的拟处理决定不一致：请按审核通过的拟处理决定作出，或修改拟处理决定后重新提请审核（000 第二十五条）',
    };
  return null;
}

/** The act's times: the end not before the start, nothing in the future (5 minutes' clock tolerance). */
export function checkActTimes(occurredAt: Date, endedAt: Date | null, now = Date.now()): ActProblem | null {
  if (endedAt && endedAt < occurredAt) return fieldProblem('endedAt', '结束时间不能早于开始时间');
  if (occurredAt.getTime() > now + 5 * 60_000) return fieldProblem('occurredAt', '不能记录尚未发生的执法行为（开始时间晚于当前时间）');
  return null;
}

/** Officers present: no one twice; two or more for an act with the party, who were shown the certificate or not (000 §9, §16). */
export function checkOfficersPresent(
  type: ActType,
  content: Record<string, unknown>,
  officers: string[],
  certificateShown: boolean | undefined,
): ActProblem | null {
  const numbers = [...new Set(officers)];
  if (numbers.length !== officers.length) return fieldProblem('officers', '执法人员重复');
  const field = isFieldAct(type, content);
  if (field && numbers.length < 2)
    return {
      code: 'OFFICERS_REQUIRED',
      message: `“${ACT_TYPES[type].label}”须有两名以上持有效执法证件的执法人员在场（000 §16）`,
      details: { officers: numbers },
    };
  if (field && certificateShown === undefined) return fieldProblem('certificateShown', '请记录是否出示了执法证件（000 §9）');
  return null;
}

/** Each officer's certificate valid on the act's day and covering the case's field (000 §16). */
export function checkCertificates(checks: OfficerCheck[]): ActProblem | null {
  const failed = checks.filter((k) => !k.ok);
  return failed.length
    ? { code: 'CERTIFICATE_INVALID', message: `执法证件不符合要求：${failed.map(describeCheck).join('；')}`, details: { checks } }
    : null;
}

/**
 * The AV requirement met: a linked recording (covering the act from start to end for full-process AV), or an approved
 * written explanation (000 §17, §19; 003 记录办法 §20(二)).
 */
export function checkAvRecording(
  type: ActType,
  avRequired: AvLevel,
  o: {
    excepted: boolean;
    media: { recording_start: Date | null; recording_end: Date | null }[];
    occurredAt: Date;
    endedAt: Date | null;
  },
): ActProblem | null {
  if (avRequired === 'none' || o.excepted) return null;
  if (!o.media.length)
    return {
      code: 'AV_REQUIRED',
      message: `“${ACT_TYPES[type].label}”须进行${avRequired === 'fullAv' ? '全过程' : ''}音像记录：请关联音像记录，或提交经部门负责人批准的书面说明（000 §17、§19）`,
      details: { avRequired },
    };
  if (avRequired === 'fullAv') {
    const end = o.endedAt ?? o.occurredAt;
    const covered = o.media.some(
      (m) => m.recording_start && m.recording_end && m.recording_start <= o.occurredAt && m.recording_end >= end,
    );
    if (!covered)
      return {
        code: 'AV_INCOMPLETE',
        message: '全过程音像记录须覆盖执法行为的开始至结束；记录不完整的，须提交经部门负责人批准的书面说明（003 记录办法 §20(二)）',
        details: { avRequired },
      };
  }
  return null;
}

// ---- time limits ---------------------------------------------------------------------------------------------------

/** Days from opening to decision for penalties (行政处罚法 §60). */
export const PENALTY_DECISION_DAYS = 90;
/** An emergency opening's approval is filed within 24 hours (002 记录办法 §8). */
export const EMERGENCY_APPROVAL_HOURS = 24;

/** Calendar days (not working days) after a YYYY-MM-DD date. */
export const addDays = (date: string, days: number): string => formatDay(parseDay(date)! + days);

// ---- retention (SPEC §3.5; 003 记录办法 §21) --------------------------------------------------------------------------

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
export function checkDestruction(
  c: { stage: Stage; retentionPermanent: string | null; retentionUntil: string | null; destroyed: boolean },
  today: string,
): DestructionRefusal | null {
  if (c.destroyed) return { code: 'STAGE_FORBIDS', message: '本案音像记录已销毁' };
  if (c.stage !== 'archived') return { code: 'STAGE_FORBIDS', message: '只有已归档案件的音像记录可以在保存期满后销毁' };
  if (c.retentionPermanent)
    return {
      code: 'RETENTION_PERMANENT',
      message: `本案记录应长期保存（${RETENTION_EVENT_LABELS[c.retentionPermanent as RetentionEvent] ?? c.retentionPermanent}），不得销毁（003 记录办法第二十一条）`,
    };
  if (!c.retentionUntil)
    return { code: 'RETENTION_NOT_EXPIRED', message: '本地政策未规定音像记录保存年限（按法定保存期限或档案法），不能销毁' };
  if (today < c.retentionUntil)
    return { code: 'RETENTION_NOT_EXPIRED', message: `保存期限至 ${c.retentionUntil}，期满前不得销毁（000 第二十三条）` };
  return null;
}
