// Which decisions are major (重大执法决定, SPEC §4.2): the jurisdiction's catalogue (policy pack, one cited rule per
// entry) plus the national rule for penalties (行政处罚法 §58), applied to the facts of a draft decision. Pure; every
// reason names the rule and the article it comes from, so the classification is explained, not asserted.
// The case file decides with it whether a decision must wait for legal review (000 §25); review reads it too.
import type { CatalogueEntry, Sourced } from '../../platform/policy/policy.schema.ts';
import type { CATALOGUE_ACT_CATEGORIES } from '../../platform/policy/policy.schema.ts';
import type { DecisionKind, MajorFlag } from '../../../shared/vocabulary.ts';

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

export interface Reason {
  rule: string;
  label: string;
  citation: string;
}

/** 行政处罚法 §58: penalties that need legal review everywhere, whatever the local catalogue says. */
export const NATIONAL_PENALTY_RULES: { id: string; label: string; citation: string; when: CatalogueEntry['when'] }[] = [
  {
    id: 'xzcfl-58-1',
    label: '涉及重大公共利益',
    citation: '行政处罚法 §58(一)',
    when: { actCategory: 'penalty', anyFlag: ['majorPublicInterest'] },
  },
  {
    id: 'xzcfl-58-2',
    label: '直接关系当事人或者第三人重大权益，经过听证程序',
    citation: '行政处罚法 §58(二)',
    when: { actCategory: 'penalty', anyFlag: ['majorRights'], anyKind: ['hearing'] },
  },
  {
    id: 'xzcfl-58-3',
    label: '案件情况疑难复杂、涉及多个法律关系',
    citation: '行政处罚法 §58(三)',
    when: { actCategory: 'penalty', anyFlag: ['complex'] },
  },
  {
    id: 'xzcfl-58-4',
    label: '法律、法规规定应当进行法制审核的其他情形',
    citation: '行政处罚法 §58(四)',
    when: { actCategory: 'penalty', anyFlag: ['lawRequires'] },
  },
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
    if (f.inspectorCount === undefined || !f.agencyOfficerCount || f.inspectorCount * denominator <= f.agencyOfficerCount * numerator)
      return false;
  }
  return true;
}

const citationOf = (s: Sourced<CatalogueEntry>) => (s.source ? `${s.source.seed} ${s.source.article}` : (s.note ?? ''));

/** Classify a draft decision against a catalogue (and the national penalty rules). */
export function classify(catalogue: readonly Sourced<CatalogueEntry>[], f: DecisionFacts): { major: boolean; reasons: Reason[] } {
  const reasons: Reason[] = [];
  for (const entry of catalogue) {
    if (entry.value && matches(entry.value.when, f))
      reasons.push({ rule: entry.value.id, label: entry.value.label, citation: citationOf(entry) });
  }
  for (const r of NATIONAL_PENALTY_RULES) if (matches(r.when, f)) reasons.push({ rule: r.id, label: r.label, citation: r.citation });
  return { major: reasons.length > 0, reasons };
}

/** A draft decision's facts as recorded in a case (the fine in fen, a confiscated amount in yuan, the party's kind). */
export interface DraftFacts {
  actCategory: DecisionFacts['actCategory'];
  partyType: 'individual' | 'organisation';
  fineFen?: number;
  majorFacts?: {
    kinds?: DecisionKind[];
    businessActivity?: boolean;
    confiscationFen?: number;
    inspectorCount?: number;
    agencyOfficerCount?: number;
    flags?: MajorFlag[];
  };
}

/**
 * Classify a recorded draft decision. A fine and a confiscation are tested each with its own amount (the catalogue
 * has thresholds for both); a fine in the draft counts as the `fine` kind; when the draft does not say whether the
 * violation arose in business activity, the stricter threshold applies.
 */
export function classifyDraft(
  catalogue: readonly Sourced<CatalogueEntry>[],
  d: DraftFacts,
): { major: boolean; reasons: Reason[]; summary: string } {
  const m = d.majorFacts ?? {};
  const kinds = new Set<DecisionKind>(m.kinds ?? []);
  if (d.fineFen && d.fineFen > 0) kinds.add('fine');
  const base = {
    actCategory: d.actCategory,
    partyType: d.partyType,
    businessActivity: m.businessActivity,
    inspectorCount: m.inspectorCount,
    agencyOfficerCount: m.agencyOfficerCount,
    flags: m.flags ?? [],
  };
  const amounts: DecisionFacts[] = [
    { ...base, kinds: [...kinds].filter((k) => k !== 'confiscation'), amountYuan: d.fineFen !== undefined ? d.fineFen / 100 : undefined },
  ];
  if (kinds.has('confiscation'))
    amounts.push({ ...base, kinds: ['confiscation'], amountYuan: m.confiscationFen !== undefined ? m.confiscationFen / 100 : undefined });
  // not said whether it arose in business activity: both thresholds apply, so the stricter one decides
  const runs =
    m.businessActivity === undefined
      ? amounts.flatMap((f) => [
          { ...f, businessActivity: true },
          { ...f, businessActivity: false },
        ])
      : amounts;
  const reasons = new Map<string, Reason>();
  for (const f of runs) for (const r of classify(catalogue, f).reasons) reasons.set(r.rule, r);
  const list = [...reasons.values()];
  return {
    major: list.length > 0,
    reasons: list,
    summary: list.length ? `属于重大执法决定：${list.map((r) => r.label).join('；')}` : '按重大执法决定目录，不属于重大执法决定',
  };
}

/** An agency's own published catalogue entry (registry majorCatalogueItem) as a rule, when it carries rule fields. */
export interface AgencyCatalogueItem {
  recordId: string;
  data: {
    name: string;
    actCategory: string;
    everyDecision?: 'yes';
    kinds?: DecisionKind[];
    flags?: MajorFlag[];
    partyType?: 'individual' | 'organisation';
    businessActivity?: 'business' | 'nonBusiness';
    minAmountYuan?: string;
    minInspectors?: string;
  };
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
