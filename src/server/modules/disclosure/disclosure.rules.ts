// Pure rules of decision publication (SPEC §2.3): exclusion grounds, the minor-party check, the fields an editor
// redacts, the take-down day, and the 双公示 (double publicity) field layout.
import { idNumberCheckChar, isRealDate } from '../../platform/codes.ts';
import { findPersonalData, type Finding } from './redaction.rules.ts';
import { EXCLUSION_REASONS, TEXT_FIELDS, type ExclusionReason, type TextField } from '../../../shared/vocabulary.ts';
export {
  DISCLOSURE_STATE_LABELS as STATE_LABELS,
  EXCLUSION_REASONS,
  EXCLUSION_REASON_IDS,
  type ExclusionReason,
  TEXT_FIELDS,
  TEXT_FIELD_LABELS,
  type TextField,
} from '../../../shared/vocabulary.ts';

// ---- exclusion (不予公开) ----------------------------------------------------------------------------------------

/** The recorded exclusion: the ground with its citation, the note, who decided (null: the system, e.g. a minor). */
export function exclusionOf(reason: ExclusionReason, note: string, by: string | null) {
  const rule = EXCLUSION_REASONS[reason];
  return {
    reason,
    label: rule.label,
    citation: rule.citation,
    note,
    by: by ?? '系统',
    at: new Date().toISOString(),
    automatic: by === null,
  };
}

/** The birth date an ID number carries (18 digits: positions 7-14; 15 digits: 19YYMMDD at 7-12), if valid. */
export function birthDateOf(idNumber: string): string | null {
  const id = idNumber.trim().toUpperCase();
  let ymd: string;
  if (/^\d{17}[\dX]$/.test(id)) {
    if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) return null;
    ymd = id.slice(6, 14);
  } else if (/^\d{15}$/.test(id)) {
    ymd = '19' + id.slice(6, 12);
  } else return null;
  const date = `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;
  return isRealDate(date) ? date : null;
}

/** Under 18 on `onDate` (both YYYY-MM-DD): the 18th birthday has not yet come (29 February → 1 March). */
export function isMinorOn(birthDate: string, onDate: string): boolean {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const adult = new Date(Date.UTC(y + 18, m - 1, d)).toISOString().slice(0, 10);
  return onDate < adult;
}

/** Is the party a natural person under 18 on the decision date (from the ID number, or a recorded birth date)? */
export function minorParty(
  party: { kind?: unknown; idNumber?: unknown; birthDate?: unknown },
  decidedOn: string,
): { birthDate: string; source: 'idNumber' | 'birthDate' } | null {
  if (party.kind === 'organisation') return null;
  const fromId = typeof party.idNumber === 'string' ? birthDateOf(party.idNumber) : null;
  const recorded = typeof party.birthDate === 'string' && isRealDate(party.birthDate) ? party.birthDate : null;
  const birthDate = fromId ?? recorded;
  if (!birthDate || !isMinorOn(birthDate, decidedOn)) return null;
  return { birthDate, source: fromId ? 'idNumber' : 'birthDate' };
}

// ---- the editor's redaction ------------------------------------------------------------------------------------

/**
 * The free-text fields of the record the editor redacts before publishing: every text a person typed that reaches
 * the portal, the open data (JSON, CSV), the Atom feed or the 双公示 export (issue 14: the legal representative went
 * out unredacted). The others are public by nature or not typed: the document number (formatted by the system from
 * the agency's 机关代字, letters and digits only), the party's kind and credit code (checked against GB 32100), the
 * category, the fine, the dates, and the agency's registered name and code.
 */

/**
 * A natural person's name as published: the surname and 某 for each other character (张三 → 张某). SPEC §2.3 masks
 * natural persons "as the policy says"; no pack says how, so the common practice of published judgments is used.
 */
export function maskPersonName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  // two-character compound surnames are rare; the first character is enough to tell people apart in a list
  return chars[0] + '某'.repeat(chars.length - 1);
}

export interface RecordForRedaction {
  caseName: string;
  facts: string;
  basis: string;
  result: string;
  party: { kind: string; name: string; representative?: string | null };
}

/**
 * The texts an editor starts from: a natural person's name replaced by its masked form wherever it occurs (the name
 * field and the texts), then personal data found by the detectors.
 */
export function proposal(r: RecordForRedaction): Record<TextField, { text: string; findings: Finding[] }> {
  const person = r.party.kind !== 'organisation' && r.party.name.trim().length > 1;
  const swap = (t: string) => (person ? t.split(r.party.name.trim()).join(maskPersonName(r.party.name)) : t);
  const texts: Record<TextField, string> = {
    caseName: swap(r.caseName),
    partyName: person ? maskPersonName(r.party.name) : r.party.name,
    // an organisation's legal representative is published by name (双公示 法定代表人); a person has none
    representative: r.party.kind === 'organisation' ? (r.party.representative ?? '') : '',
    facts: swap(r.facts),
    basis: r.basis,
    result: swap(r.result),
  };
  return Object.fromEntries(TEXT_FIELDS.map((f) => [f, { text: texts[f], findings: findPersonalData(texts[f]) }])) as Record<
    TextField,
    { text: string; findings: Finding[] }
  >;
}

/** Detector findings not covered by any of the editor's masks (and not explicitly kept): what would leak. */
export function uncovered(
  findings: readonly Finding[],
  masks: readonly { start: number; end: number }[],
  kept: readonly { start: number; end: number }[],
): Finding[] {
  const covered = (f: Finding) => {
    // the union of masks must cover every character of the finding
    for (let i = f.start; i < f.end; i++) if (!masks.some((m) => m.start <= i && i < m.end)) return false;
    return true;
  };
  return findings.filter((f) => !covered(f) && !kept.some((k) => k.start === f.start && k.end === f.end));
}

// ---- deadlines ---------------------------------------------------------------------------------------------------

/** 002 公示办法 §28: the day a published decision may come off the portal (null when the pack sets no period). */
export function takeDownOn(
  publishedOn: string,
  rule: { afterYears: number; naturalPersonAfterYears: number } | null | undefined,
  partyKind: string,
): string | null {
  if (!rule) return null;
  const years = partyKind === 'organisation' ? rule.afterYears : rule.naturalPersonAfterYears;
  const [y, m, d] = publishedOn.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

/** Licence and penalty decisions have their own limit (000 §12: 7 working days); every other decision the other. */
const LICENCE_PENALTY = ['licence', 'penalty'];

interface PublicationRules {
  licencePenaltyDecisionWorkingDays: { value: unknown };
  otherDecisionWorkingDays: { value: unknown };
}

/** The publication limit in working days for a decision of `actCategory` under a pack (SPEC §6). */
export function publicationWorkingDays(rules: PublicationRules, actCategory: string): number {
  const rule = LICENCE_PENALTY.includes(actCategory) ? rules.licencePenaltyDecisionWorkingDays : rules.otherDecisionWorkingDays;
  // every shipped pack sets both; a pack without one falls back to the longest limit of the seeds (000 §12: 20)
  return typeof rule.value === 'number' ? rule.value : 20;
}

/** Working days late: published on `publishedOn` against `dueOn` (0 when on time). */
export function workingDaysLate(
  dueOn: string,
  publishedOn: string,
  calendar: { workingDaysBetween(from: string, to: string): { days: number } },
): number {
  return publishedOn > dueOn ? calendar.workingDaysBetween(dueOn, publishedOn).days : 0;
}

// ---- double publicity (双公示) -------------------------------------------------------------------------------------

/** The published record as the portal and open data carry it. */
export interface PublishedRecord {
  documentNumber: string | null;
  caseName: string;
  party: { kind: string; name: string; creditCode: string | null; representative: string | null };
  facts: string;
  basis: string;
  result: string;
  actCategory: string;
  fineYuan: number | null;
  agencyName: string;
  agencyCreditCode: string;
  decidedOn: string;
}

/** 行政处罚 双公示 columns (国家信用信息共享平台 行政处罚信息 数据标准, the fields the issue lists). */
export const PENALTY_COLUMNS = [
  '行政相对人名称',
  '行政相对人类别',
  '统一社会信用代码',
  '法定代表人',
  '行政处罚决定书文号',
  '违法行为类型',
  '违法事实',
  '处罚依据',
  '处罚类别',
  '处罚内容',
  '罚款金额（万元）',
  '没收违法所得、没收非法财物的金额（万元）',
  '处罚决定日期',
  '处罚机关',
  '处罚机关统一社会信用代码',
  '数据来源单位',
] as const;
/** 行政许可 双公示 columns. */
export const LICENCE_COLUMNS = [
  '行政相对人名称',
  '行政相对人类别',
  '统一社会信用代码',
  '法定代表人',
  '行政许可决定文书号',
  '许可内容',
  '许可决定日期',
  '许可机关',
  '许可机关统一社会信用代码',
  '数据来源单位',
] as const;

const partyClass = (kind: string) => (kind === 'organisation' ? '法人及非法人组织' : '自然人');
const wan = (yuan: number | null | undefined) => (yuan == null ? '' : (yuan / 10_000).toFixed(6).replace(/\.?0+$/, ''));

export function penaltyRow(r: PublishedRecord, confiscatedYuan: number | null): Record<(typeof PENALTY_COLUMNS)[number], string> {
  return {
    行政相对人名称: r.party.name,
    行政相对人类别: partyClass(r.party.kind),
    统一社会信用代码: r.party.creditCode ?? '',
    法定代表人: r.party.representative ?? '',
    行政处罚决定书文号: r.documentNumber ?? '',
    违法行为类型: r.caseName,
    违法事实: r.facts,
    处罚依据: r.basis,
    处罚类别: [r.fineYuan ? '罚款' : '', confiscatedYuan ? '没收违法所得、没收非法财物' : ''].filter(Boolean).join('；') || '其他',
    处罚内容: r.result,
    '罚款金额（万元）': wan(r.fineYuan),
    '没收违法所得、没收非法财物的金额（万元）': wan(confiscatedYuan),
    处罚决定日期: r.decidedOn,
    处罚机关: r.agencyName,
    处罚机关统一社会信用代码: r.agencyCreditCode,
    数据来源单位: r.agencyName,
  };
}

export function licenceRow(r: PublishedRecord): Record<(typeof LICENCE_COLUMNS)[number], string> {
  return {
    行政相对人名称: r.party.name,
    行政相对人类别: partyClass(r.party.kind),
    统一社会信用代码: r.party.creditCode ?? '',
    法定代表人: r.party.representative ?? '',
    行政许可决定文书号: r.documentNumber ?? '',
    许可内容: r.result,
    许可决定日期: r.decidedOn,
    许可机关: r.agencyName,
    许可机关统一社会信用代码: r.agencyCreditCode,
    数据来源单位: r.agencyName,
  };
}
