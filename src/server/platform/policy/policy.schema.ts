// Policy packs: the numbers that differ by jurisdiction (SPEC §6), as validated data.
//
// Every rule carries the seed article it comes from: { value, source: { seed, article, quote }, note? }.
//   - `quote` is a short phrase copied verbatim from the seed file (policy.packs.test.ts checks it, whitespace-insensitive;
//     "……" joins verbatim fragments of one article).
//   - `article` is "<part> §<n>[(<item>)]" for measures ("公示办法 §27", "记录办法 §20(三)"), "§<n>" for the main
//     regulation of a seed (000 "§12"), or the outline number of a work plan ("一(三)1", "二(一)4(3)").
//     <part> must be the `citePrefix` of one of the pack's `documents` for that seed.
//   - A rule the jurisdiction does not set has value `null` and a `note` saying so; its source, if any, points to the
//     nearest article.
// Nothing in this file knows a number: the packs in policies/*.json do.
import { z } from 'zod';
import { DECISION_KINDS, MAJOR_FLAGS } from '../../../shared/vocabulary.ts';
export { DECISION_KINDS, MAJOR_FLAGS } from '../../../shared/vocabulary.ts';

export const SEED_IDS = ['000', '001', '002', '003', '004'] as const;
export const seedIdSchema = z.enum(SEED_IDS);
export type SeedId = z.infer<typeof seedIdSchema>;

export const ruleSourceSchema = z
  .object({
    seed: seedIdSchema,
    /** e.g. "§12", "公示办法 §27", "审核办法 §11", "一(三)1", "二(一)4(3)". */
    article: z.string().trim().min(1),
    /**
     * Verbatim phrase from the seed that states the rule (short; whitespace may differ). When the rule is spread over
     * several sentences, verbatim fragments joined by "……" (they must appear in this order within the article).
     */
    quote: z.string().trim().min(2).max(120),
  })
  .strict();
export type RuleSource = z.infer<typeof ruleSourceSchema>;

/**
 * A rule value with its citation. `null` value = the jurisdiction does not set this rule (a note must say so);
 * a non-null value must cite its source.
 */
function rule<T extends z.ZodType>(value: T) {
  return z
    .object({
      value: value.nullable(),
      source: ruleSourceSchema.optional(),
      note: z.string().trim().min(1).optional(),
    })
    .strict()
    .superRefine((parsed, ctx) => {
      // (the generic T hides the object's keys from the compiler here)
      const r = parsed as unknown as { value: unknown; source?: RuleSource; note?: string };
      if (r.value === null && r.note === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['note'],
          message: 'a rule with value null needs a note saying the jurisdiction does not set it',
        });
      }
      if (r.value !== null && r.source === undefined) {
        ctx.addIssue({ code: 'custom', path: ['source'], message: 'a rule with a value must cite its source (seed, article, quote)' });
      }
    });
}

/** The wrapper type of a rule: `Sourced<number>` is `{ value: number | null, source?, note? }`. */
export interface Sourced<T> {
  value: T | null;
  source?: RuleSource;
  note?: string;
}

const days = z.number().int().positive().max(366);
const years = z.number().int().positive().max(100);
/** Month-day of a yearly deadline, "MM-DD" (the year is the one after the reported year). */
export const monthDaySchema = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected MM-DD')
  .refine((s) => {
    const [m, d] = s.split('-').map(Number) as [number, number];
    return d <= [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  }, 'no such day in that month');
const divisionCode = z.string().regex(/^[1-9]\d{5}$/, 'expected a GB/T 2260 six-digit division code');

// ---- rule values ----

/** Publication of normal random-inspection (双随机) results: a number of working days after the inspection ends, or "promptly" (及时). */
export const randomInspectionTimingSchema = z
  .object({ workingDays: days.nullable(), promptly: z.boolean() })
  .strict()
  .refine((v) => v.workingDays !== null || v.promptly, 'set workingDays or promptly');

/**
 * What happens to a published decision that is revoked, confirmed illegal or ordered to be redone:
 * a deadline in working days, or "at once" (立即), or "promptly" (及时); whether the original must be withdrawn (撤下)
 * and whether the change must be published / explained.
 */
export const changeOrRevocationSchema = z
  .object({
    workingDays: days.nullable(),
    immediately: z.boolean(),
    promptly: z.boolean(),
    requiresWithdrawal: z.boolean(),
    requiresChangeNotice: z.boolean(),
  })
  .strict()
  .refine((v) => v.workingDays !== null || v.immediately || v.promptly, 'set workingDays, immediately or promptly')
  .refine((v) => !(v.immediately && v.promptly), 'immediately (立即) and promptly (及时) are exclusive');

/** Published decisions may (可以) be taken down after this many years; sooner when the party is a natural person. */
export const takeDownSchema = z
  .object({ afterYears: years, naturalPersonAfterYears: years })
  .strict()
  .refine((v) => v.naturalPersonAfterYears <= v.afterYears, 'naturalPersonAfterYears must not exceed afterYears');

export const avUploadDeadlineSchema = z
  .object({ unit: z.enum(['hours', 'workingDays']), amount: z.number().int().positive().max(720) })
  .strict();

/**
 * Cases in which AV records are kept permanently / long-term:
 * usedAsEvidence (作为证据使用), obstruction (阻碍执法、妨害公务), emergency (突发事件、群体性事件),
 * complaintOrLitigation (信访、申诉、复议、诉讼、复核、国家赔偿), majorOrComplex (重大、疑难、复杂),
 * agencyDecision (行政执法部门认为应当长期保存).
 */
export const PERMANENT_RETENTION_CASES = [
  'usedAsEvidence',
  'obstruction',
  'emergency',
  'complaintOrLitigation',
  'majorOrComplex',
  'agencyDecision',
] as const;
export type PermanentRetentionCase = (typeof PERMANENT_RETENTION_CASES)[number];

export const avRetentionSchema = z
  .object({
    /** legalPeriod: "the statutory period" without a number; archiveLaw: per the Archives Law; minimumYears: see minYears. */
    basis: z.enum(['legalPeriod', 'archiveLaw', 'minimumYears']),
    minYears: years.nullable(),
    permanentWhen: z.array(z.enum(PERMANENT_RETENTION_CASES)),
  })
  .strict()
  .refine((v) => (v.basis === 'minimumYears') === (v.minYears !== null), 'minYears is set exactly when basis is minimumYears')
  .refine((v) => new Set(v.permanentWhen).size === v.permanentWhen.length, 'permanentWhen has duplicates');

export const reviewerStaffingSchema = z
  .object({
    /** Reviewers as a share of the agency's enforcement officers, e.g. 0.05 for 5%. */
    minRatioOfOfficers: z.number().gt(0).lte(1).nullable(),
    /** Minimum reviewers per agency. */
    minCount: z.number().int().positive().max(100).nullable(),
  })
  .strict()
  .refine((v) => v.minRatioOfOfficers !== null || v.minCount !== null, 'set minRatioOfOfficers or minCount');

/**
 * Who approves in place of the heads when every head who could approve an act took part in the case (审核、决定与办案相分离):
 *   - deputy: a head of the agency who took no part approves — a deputy head holds the agency-head role like the
 *     principal; where the agency has no such agency head, its unit head (承办机构负责人) who took no part signs
 *     in the agency head's place (as the deputy in charge);
 *   - superior: nobody inside the agency approves in their place; the approval is referred to the superior
 *     enforcement department (上级行政执法部门) and the system refuses it until an uninvolved head can give it.
 */
export const SINGLE_HEAD_FALLBACKS = ['deputy', 'superior'] as const;
export type SingleHeadFallback = (typeof SINGLE_HEAD_FALLBACKS)[number];

// ---- the major-decision catalogue (重大执法决定目录, SPEC §4.2) ----

/** Same identifiers as the registry's ACT_CATEGORIES (SPEC §9; checked by a test). */
export const CATALOGUE_ACT_CATEGORIES = [
  'licence',
  'penalty',
  'coercion',
  'levy',
  'fee',
  'inspection',
  'confirmation',
  'benefit',
  'other',
] as const;

/** When a decision is major: every condition given must hold (kinds and flags: any one of those listed). */
export const catalogueConditionSchema = z
  .object({
    actCategory: z.enum(CATALOGUE_ACT_CATEGORIES).optional(),
    anyKind: z.array(z.enum(DECISION_KINDS)).min(1).optional(),
    anyFlag: z.array(z.enum(MAJOR_FLAGS)).min(1).optional(),
    partyType: z.enum(['individual', 'organisation']).optional(),
    businessActivity: z.boolean().optional(),
    /** The fine or confiscated amount is at least this ("以上" includes the amount itself). */
    minAmountYuan: z.number().positive().optional(),
    minInspectors: z.number().int().positive().optional(),
    /** More inspectors than this share of the agency's officers ("超出…三分之一": strictly more). */
    inspectorShareAbove: z.object({ numerator: z.number().int().positive(), denominator: z.number().int().positive() }).strict().optional(),
    /** Every decision of the category (an agency widening its scope to all decisions outside the simple procedure, 004 2.). */
    everyDecision: z.literal(true).optional(),
  })
  .strict()
  .refine((c) => Object.keys(c).some((k) => k !== 'actCategory'), 'a catalogue rule needs a condition besides the category');

export const catalogueEntrySchema = z
  .object({ id: z.string().regex(/^[a-z0-9-]+$/), label: z.string().trim().min(2).max(100), when: catalogueConditionSchema })
  .strict();
export type CatalogueEntry = z.infer<typeof catalogueEntrySchema>;

/** Yearly deadlines for the previous year's statistics report (MM-DD of the following year). */
export const annualReportSchema = z
  .object({ reportToJusticeBureauBy: monthDaySchema.nullable(), publishBy: monthDaySchema.nullable() })
  .strict()
  .refine((v) => v.reportToJusticeBureauBy !== null || v.publishBy !== null, 'set reportToJusticeBureauBy or publishBy');

/** Officers per body camera / handheld terminal, by agency class (at least one device per N officers). */
export const avDeviceRatioSchema = z
  .object({
    officersPerDevice: z
      .object({ A: z.number().int().positive(), B: z.number().int().positive(), C: z.number().int().positive() })
      .strict(),
  })
  .strict();

// ---- pack ----

export const policyDocumentSchema = z
  .object({
    seed: seedIdSchema,
    /** Prefix used in `article` for this document ("公示办法"), null for a seed's main document (cited "§12" or "一(三)1"). */
    citePrefix: z.string().trim().min(1).nullable(),
    title: z.string().trim().min(1),
    /** 文号, null when the seed shows none. */
    docNumber: z.string().trim().min(1).nullable(),
    /** binding: the jurisdiction's regulation/measures; informative: a work plan or an agency's own rules. */
    standing: z.enum(['binding', 'informative']),
  })
  .strict();

export const agencyAnnualReportVariantSchema = z
  .object({
    /** Agency the variant was written for (no agency ids exist at pack level: matched by division + name). */
    agencyName: z.string().trim().min(1),
    divisionCode,
    annualReport: rule(annualReportSchema),
  })
  .strict();

export const policyPackSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lower-case kebab-case id'),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'expected a semantic version'),
    name: z.string().trim().min(1),
    jurisdiction: z.string().trim().min(1),
    /** GB/T 2260 codes the pack was written for. */
    divisionCodes: z.array(divisionCode).min(1),
    documents: z.array(policyDocumentSchema).min(1),
    notes: z.array(z.string().trim().min(1)).optional(),

    publication: z
      .object({
        /** Licence and penalty decisions: working days from the decision date (or from when the information is formed). */
        licencePenaltyDecisionWorkingDays: rule(days),
        /** Every other enforcement decision. */
        otherDecisionWorkingDays: rule(days),
        randomInspectionNormalResult: rule(randomInspectionTimingSchema),
        changeOrRevocation: rule(changeOrRevocationSchema),
        /** Pre-publication (事前公开) items after a law / duty change: working days from the change taking effect. */
        preDisclosureUpdateWorkingDays: rule(days),
        takeDown: rule(takeDownSchema),
      })
      .strict(),

    recording: z
      .object({
        avUploadDeadline: rule(avUploadDeadlineSchema),
        /** Case file archived within this many (calendar) days after the case concludes. */
        archiveDaysAfterConclusion: rule(days),
        avRetention: rule(avRetentionSchema),
      })
      .strict(),

    review: z
      .object({
        deadlineWorkingDays: rule(days),
        /** One extension, with approval. */
        extensionWorkingDays: rule(days),
        /** Time the handler spends supplementing materials does not count towards the deadline. */
        supplementTimeExcluded: rule(z.boolean()),
        firstReviewerNeedsLegalQualification: rule(z.boolean()),
        staffing: rule(reviewerStaffingSchema),
        /** The jurisdiction's major-decision catalogue, one cited rule per entry (an agency may widen it, 003 审核办法 §14). */
        majorCatalogue: z.array(rule(catalogueEntrySchema)).min(1),
      })
      .strict(),

    approvals: z
      .object({
        /** Who approves when the agency's heads handled the case themselves (null: the pack is silent, `superior` applies). */
        singleHeadFallback: rule(z.enum(SINGLE_HEAD_FALLBACKS)),
      })
      .strict(),

    statistics: z
      .object({
        annualReport: rule(annualReportSchema),
        /** Stricter dates set by an individual agency's own work plan inside the jurisdiction (informative). */
        agencyVariants: z.array(agencyAnnualReportVariantSchema).optional(),
      })
      .strict(),

    avDeviceRatio: rule(avDeviceRatioSchema),
  })
  .strict()
  .superRefine((pack, ctx) => {
    const seen = new Set<string>();
    pack.documents.forEach((d, i) => {
      const key = `${d.seed}/${d.citePrefix ?? ''}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['documents', i], message: `duplicate document ${key}` });
      seen.add(key);
    });
    // Every citation must name a listed document: "<citePrefix> <locator>" or a bare locator for the seed's main document.
    const visit = (node: unknown, path: (string | number)[]) => {
      if (node === null || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach((v, i) => visit(v, [...path, i]));
      const rec = node as Record<string, unknown>;
      const src = rec.source as RuleSource | undefined;
      if ('value' in rec && src) {
        const space = src.article.indexOf(' ');
        const prefix = space < 0 ? null : src.article.slice(0, space);
        const locator = space < 0 ? src.article : src.article.slice(space + 1);
        const ok = !/\s/.test(locator) && pack.documents.some((d) => d.seed === src.seed && d.citePrefix === prefix);
        if (!ok) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'source', 'article'],
            message: `article "${src.article}" does not name a document of seed ${src.seed} listed in documents`,
          });
        }
      }
      for (const [k, v] of Object.entries(rec)) if (k !== 'source') visit(v, [...path, k]);
    };
    visit(pack, []);
  });

export type PolicyPack = z.infer<typeof policyPackSchema>;
export type PolicyDocument = z.infer<typeof policyDocumentSchema>;
export type RandomInspectionTiming = z.infer<typeof randomInspectionTimingSchema>;
export type ChangeOrRevocation = z.infer<typeof changeOrRevocationSchema>;
export type TakeDown = z.infer<typeof takeDownSchema>;
export type AvUploadDeadline = z.infer<typeof avUploadDeadlineSchema>;
export type AvRetention = z.infer<typeof avRetentionSchema>;
export type ReviewerStaffing = z.infer<typeof reviewerStaffingSchema>;
export type AnnualReport = z.infer<typeof annualReportSchema>;
export type AvDeviceRatio = z.infer<typeof avDeviceRatioSchema>;
