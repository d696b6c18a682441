// Which decisions are major (重大执法决定, SPEC §4.2): the jurisdiction's catalogue (policy pack, one cited rule per
// entry) plus the national rule for penalties (行政处罚法 §58), applied to the facts of a draft decision. Pure; every
// reason names the rule and the article it comes from, so the classification is explained, not asserted.
import type { CatalogueEntry, Sourced } from '../../platform/policy/policy.schema.ts';
import type { DECISION_KINDS, MAJOR_FLAGS, CATALOGUE_ACT_CATEGORIES } from '../../platform/policy/policy.schema.ts';

export type DecisionKind = (typeof DECISION_KINDS)[number];
export type MajorFlag = (typeof MAJOR_FLAGS)[number];

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

const citationOf = (s: Sourced<CatalogueEntry>) => (s.source ? `${s.source.seed} ${s.source.article}` : '');

/** Classify a draft decision against a catalogue (and the national penalty rules). */
export function classify(catalogue: readonly Sourced<CatalogueEntry>[], f: DecisionFacts): { major: boolean; reasons: Reason[] } {
  const reasons: Reason[] = [];
  for (const entry of catalogue) {
    if (entry.value && matches(entry.value.when, f)) reasons.push({ rule: entry.value.id, label: entry.value.label, citation: citationOf(entry) });
  }
  for (const r of NATIONAL_PENALTY_RULES) if (matches(r.when, f)) reasons.push({ rule: r.id, label: r.label, citation: r.citation });
  return { major: reasons.length > 0, reasons };
}
