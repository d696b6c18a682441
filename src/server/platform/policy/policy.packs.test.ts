import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../errors.ts';
import { DEFAULT_POLICY_PACK_ID, POLICIES_DIR, getPolicyPack, loadPolicyPacks, parsePolicyPack } from './policy.packs.ts';
import type { PolicyPack, RuleSource } from './policy.schema.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** The seeds live next to the repository: <repo>/../shared/seeds. */
const SEEDS_DIR = path.resolve(REPO_ROOT, '../shared/seeds');

const packs = loadPolicyPacks();
const pack = (id: string): PolicyPack => {
  const p = packs.get(id);
  assert.ok(p, `pack ${id} missing`);
  return p;
};

// ---------------------------------------------------------------------------------------------------------------------
// Validation

test('every pack in policies/ validates and is named after its file', () => {
  assert.deepEqual([...packs.keys()].sort(), ['nmg-244', 'songyuan-2019', 'yinchuan-2018']);
  for (const file of readdirSync(POLICIES_DIR).filter((f) => f.endsWith('.json'))) {
    const data = JSON.parse(readFileSync(path.join(POLICIES_DIR, file), 'utf8'));
    assert.equal(parsePolicyPack(data, file).id, file.replace(/\.json$/, ''));
  }
  assert.ok(packs.has(DEFAULT_POLICY_PACK_ID), 'the default pack exists');
});

test('divisionCodes: the divisions each pack was written for', () => {
  assert.deepEqual(pack('nmg-244').divisionCodes, ['150000']);
  assert.deepEqual(pack('songyuan-2019').divisionCodes, ['220700']);
  assert.deepEqual(pack('yinchuan-2018').divisionCodes, ['640100']);
});

test('getPolicyPack: known id returns the pack, unknown id is POLICY_NOT_FOUND', () => {
  assert.equal(getPolicyPack('songyuan-2019').review.deadlineWorkingDays.value, 7);
  assert.throws(
    () => getPolicyPack('nowhere-1999'),
    (e: unknown) => e instanceof AppError && e.code === 'POLICY_NOT_FOUND' && e.status === 404,
  );
});

// ---------------------------------------------------------------------------------------------------------------------
// SPEC §6, table-driven: [pack, rule path, expected value]

const SPEC_6: [string, string, unknown][] = [
  // publish licence & penalty decisions: 7 / 7 / 7 WD
  ['nmg-244', 'publication.licencePenaltyDecisionWorkingDays', 7], // 000 §12
  ['songyuan-2019', 'publication.licencePenaltyDecisionWorkingDays', 7], // 002 公示办法 §27
  ['yinchuan-2018', 'publication.licencePenaltyDecisionWorkingDays', 7], // 003 公示办法 §13(二)
  // publish other decisions: 20 / 7 (公示办法 §27 binds; the work plan's 20 is noted) / 7
  ['nmg-244', 'publication.otherDecisionWorkingDays', 20],
  ['songyuan-2019', 'publication.otherDecisionWorkingDays', 7],
  ['yinchuan-2018', 'publication.otherDecisionWorkingDays', 7],
  // normal random-inspection results: promptly (004 3.(1)) / 20 WD / 20 WD
  ['nmg-244', 'publication.randomInspectionNormalResult', { workingDays: null, promptly: true }],
  ['songyuan-2019', 'publication.randomInspectionNormalResult', { workingDays: 20, promptly: false }],
  ['yinchuan-2018', 'publication.randomInspectionNormalResult', { workingDays: 20, promptly: false }],
  // change / revocation: at once (000 §13) / promptly with explanation (002 §28) / 7 WD (003 §14)
  [
    'nmg-244',
    'publication.changeOrRevocation',
    { workingDays: null, immediately: true, promptly: false, requiresWithdrawal: true, requiresChangeNotice: false },
  ],
  [
    'songyuan-2019',
    'publication.changeOrRevocation',
    { workingDays: null, immediately: false, promptly: true, requiresWithdrawal: true, requiresChangeNotice: true },
  ],
  [
    'yinchuan-2018',
    'publication.changeOrRevocation',
    { workingDays: 7, immediately: false, promptly: false, requiresWithdrawal: false, requiresChangeNotice: true },
  ],
  // update pre-publication info after a law change: promptly (no number) / 20 / 20
  ['nmg-244', 'publication.preDisclosureUpdateWorkingDays', null],
  ['songyuan-2019', 'publication.preDisclosureUpdateWorkingDays', 20],
  ['yinchuan-2018', 'publication.preDisclosureUpdateWorkingDays', 20],
  // take down: — / 5 years, 2 if natural person / —
  ['nmg-244', 'publication.takeDown', null],
  ['songyuan-2019', 'publication.takeDown', { afterYears: 5, naturalPersonAfterYears: 2 }],
  ['yinchuan-2018', 'publication.takeDown', null],
  // AV upload: 24 h / 24 h / 1 working day
  ['nmg-244', 'recording.avUploadDeadline', { unit: 'hours', amount: 24 }],
  ['songyuan-2019', 'recording.avUploadDeadline', { unit: 'hours', amount: 24 }],
  ['yinchuan-2018', 'recording.avUploadDeadline', { unit: 'workingDays', amount: 1 }],
  // archive: — / 30 days / —
  ['nmg-244', 'recording.archiveDaysAfterConclusion', null],
  ['songyuan-2019', 'recording.archiveDaysAfterConclusion', 30],
  ['yinchuan-2018', 'recording.archiveDaysAfterConclusion', null],
  // AV retention: legal period / archive law / ≥ 3 years with the long-term cases
  ['nmg-244', 'recording.avRetention', { basis: 'legalPeriod', minYears: null, permanentWhen: [] }],
  ['songyuan-2019', 'recording.avRetention', { basis: 'archiveLaw', minYears: null, permanentWhen: [] }],
  [
    'yinchuan-2018',
    'recording.avRetention',
    {
      basis: 'minimumYears',
      minYears: 3,
      permanentWhen: ['usedAsEvidence', 'obstruction', 'emergency', 'complaintOrLitigation', 'majorOrComplex', 'agencyDecision'],
    },
  ],
  // legal review: 5 + 5 / 7 + 5 / 5 (no extension)
  ['nmg-244', 'review.deadlineWorkingDays', 5],
  ['nmg-244', 'review.extensionWorkingDays', 5],
  ['songyuan-2019', 'review.deadlineWorkingDays', 7],
  ['songyuan-2019', 'review.extensionWorkingDays', 5],
  ['yinchuan-2018', 'review.deadlineWorkingDays', 5],
  ['yinchuan-2018', 'review.extensionWorkingDays', null],
  ['nmg-244', 'review.supplementTimeExcluded', true], // 000 §31
  // first-time reviewer needs legal qualification: yes / — / yes
  ['nmg-244', 'review.firstReviewerNeedsLegalQualification', true],
  ['songyuan-2019', 'review.firstReviewerNeedsLegalQualification', null],
  ['yinchuan-2018', 'review.firstReviewerNeedsLegalQualification', true],
  // reviewer staffing: — / ≥ 5% / ≥ 2
  ['nmg-244', 'review.staffing', null],
  ['songyuan-2019', 'review.staffing', { minRatioOfOfficers: 0.05, minCount: null }],
  ['yinchuan-2018', 'review.staffing', { minRatioOfOfficers: null, minCount: 2 }],
  // annual statistics: to justice bureau by Jan 31 / — / published (and reported) by Jan 20
  ['nmg-244', 'statistics.annualReport', { reportToJusticeBureauBy: '01-31', publishBy: null }],
  ['songyuan-2019', 'statistics.annualReport', null],
  ['yinchuan-2018', 'statistics.annualReport', { reportToJusticeBureauBy: '01-20', publishBy: '01-20' }],
  // who approves when the agency's heads handled the case (SPEC §4.4, 办案与审核、决定相分离)
  ['nmg-244', 'approvals.singleHeadFallback', 'deputy'], // 000 §31: 主管法制工作的负责人
  ['songyuan-2019', 'approvals.singleHeadFallback', 'deputy'], // 002 审核办法 §13: 负责人集体讨论决定
  ['yinchuan-2018', 'approvals.singleHeadFallback', null],
  // AV device ratio (003 §19)
  ['nmg-244', 'avDeviceRatio', null],
  ['songyuan-2019', 'avDeviceRatio', null],
  ['yinchuan-2018', 'avDeviceRatio', { officersPerDevice: { A: 2, B: 3, C: 5 } }],
];

function ruleAt(p: PolicyPack, dotted: string): { value: unknown; source?: RuleSource; note?: string } {
  let node: unknown = p;
  for (const key of dotted.split('.')) node = (node as Record<string, unknown>)[key];
  assert.ok(node && typeof node === 'object' && 'value' in node, `${p.id}: ${dotted} is not a rule`);
  return node as { value: unknown; source?: RuleSource; note?: string };
}

for (const [id, rulePath, expected] of SPEC_6) {
  test(`SPEC §6: ${id} ${rulePath} = ${JSON.stringify(expected)}`, () => {
    const r = ruleAt(pack(id), rulePath);
    assert.deepEqual(r.value, expected);
    if (expected === null) assert.ok(r.note, 'an unset rule says so in a note');
    else assert.ok(r.source, 'a set rule cites its source');
  });
}

test('SPEC §6: Hohhot civil affairs (001) report by Jan 10 and publish by Jan 25, as an agency variant of nmg-244', () => {
  const variants = pack('nmg-244').statistics.agencyVariants ?? [];
  assert.equal(variants.length, 1);
  const [v] = variants;
  assert.equal(v!.agencyName, '呼和浩特市民政局');
  assert.equal(v!.divisionCode, '150100');
  assert.deepEqual(v!.annualReport.value, { reportToJusticeBureauBy: '01-10', publishBy: '01-25' });
  assert.equal(v!.annualReport.source?.seed, '001');
});

test('SPEC §6 footnote: Songyuan "other decisions" binds 公示办法 §27 and notes the work plan\'s 20 WD', () => {
  const r = pack('songyuan-2019').publication.otherDecisionWorkingDays;
  assert.equal(r.source?.article, '公示办法 §27');
  assert.match(r.note ?? '', /20个工作日/);
});

// ---------------------------------------------------------------------------------------------------------------------
// Citations: every quote is verbatim in the cited seed, inside the cited article

/** Whitespace (ASCII, U+3000 ideographic space, U+00A0, BOM, line breaks) is ignored when matching. */
const normalise = (s: string) => s.replace(/[\s\u3000\u00a0\ufeff]+/g, '');

const CN_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 31 → 三十一 (article numbers in the seeds). */
function chineseNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${CN_DIGITS[n % 10]}`;
}

test('chineseNumber', () => {
  assert.deepEqual([1, 10, 12, 20, 28, 31, 39].map(chineseNumber), ['一', '十', '十二', '二十', '二十八', '三十一', '三十九']);
});

/** Heading line of each cited part of a seed (seeds 002 and 003 bundle a work plan with three measures). */
const PART_HEADINGS: Record<string, Record<string, string>> = {
  '002': {
    公示办法: '松原市行政执法公示办法',
    记录办法: '松原市行政执法全过程记录实施办法',
    审核办法: '松原市重大行政执法决定法制审核办法',
  },
  '003': { 公示办法: '银川市行政执法公示办法', 记录办法: '银川市行政执法全过程记录办法', 审核办法: '银川市重大行政执法决定法制审核办法' },
  '004': { 公示制度: '行政执法公示制度', 记录制度: '行政执法过程记录制度', 审核制度: '重大执法决定法制审核制度' },
};

function readSeed(seed: string): string {
  if (!existsSync(SEEDS_DIR)) {
    assert.fail(`seed directory not found at ${SEEDS_DIR} (expected <repo>/../shared/seeds): cannot verify policy citations`);
  }
  const file = readdirSync(SEEDS_DIR).find((f) => f.startsWith(`${seed}_`) && f.endsWith('.txt'));
  if (!file) assert.fail(`seed ${seed} not found in ${SEEDS_DIR}`);
  return readFileSync(path.join(SEEDS_DIR, file), 'utf8');
}

/** The text of the part an article cites ("公示办法 §27" → the 公示办法 attachment; "§12" / "一(三)1" → the main document). */
function partText(seed: string, prefix: string | null): string {
  const text = readSeed(seed);
  const lines = text.split('\n');
  const headings = PART_HEADINGS[seed] ?? {};
  const starts = Object.entries(headings)
    .map(([p, title]) => ({ p, at: lines.findIndex((l) => l.trim() === title) }))
    .filter((h) => h.at >= 0)
    .sort((a, b) => a.at - b.at);
  if (prefix === null) {
    const end = starts.length ? starts[0]!.at : lines.length;
    return lines.slice(0, end).join('\n');
  }
  const i = starts.findIndex((h) => h.p === prefix);
  if (i < 0) assert.fail(`seed ${seed} has no part "${prefix}" (known: ${Object.keys(headings).join(', ') || 'none'})`);
  const end = i + 1 < starts.length ? starts[i + 1]!.at : lines.length;
  return lines.slice(starts[i]!.at, end).join('\n');
}

/** The text an article locator names: "§12" / "§13(二)" → 第十二条 up to 第十三条; other locators → the whole part. */
function articleText(part: string, locator: string): string {
  const m = /^§(\d+)/.exec(locator);
  if (!m) return part;
  const n = Number(m[1]);
  const heading = (k: number) => new RegExp(`(^|\\n)[\\s\\u3000]*第${chineseNumber(k)}条`);
  const start = heading(n).exec(part);
  if (!start) assert.fail(`article 第${chineseNumber(n)}条 not found`);
  const rest = part.slice(start.index + start[0].length);
  const next = heading(n + 1).exec(rest);
  return part.slice(start.index, start.index + start[0].length + (next ? next.index : rest.length));
}

function splitArticle(article: string): { prefix: string | null; locator: string } {
  const space = article.indexOf(' ');
  return space < 0 ? { prefix: null, locator: article } : { prefix: article.slice(0, space), locator: article.slice(space + 1) };
}

/** Every rule in a pack with its path. */
function rulesOf(p: PolicyPack): { path: string; rule: { value: unknown; source?: RuleSource; note?: string } }[] {
  const out: { path: string; rule: { value: unknown; source?: RuleSource; note?: string } }[] = [];
  const visit = (node: unknown, at: string) => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((v, i) => visit(v, `${at}[${i}]`));
    if ('value' in node) out.push({ path: at, rule: node as { value: unknown; source?: RuleSource } });
    for (const [k, v] of Object.entries(node)) if (k !== 'source' && k !== 'value') visit(v, at ? `${at}.${k}` : k);
  };
  visit(p, '');
  return out;
}

test('the seed directory is present (citations cannot be checked without it)', () => {
  assert.ok(existsSync(SEEDS_DIR), `seed directory not found at ${SEEDS_DIR} (expected <repo>/../shared/seeds)`);
  for (const seed of ['000', '001', '002', '003', '004']) assert.ok(readSeed(seed).length > 1000, `seed ${seed} is empty`);
});

for (const p of packs.values()) {
  test(`${p.id}: every source.quote is verbatim in the cited seed article`, () => {
    const rules = rulesOf(p);
    assert.ok(rules.length >= 16, `${p.id} has only ${rules.length} rules`);
    const problems: string[] = [];
    for (const { path: at, rule } of rules) {
      if (!rule.source) continue;
      const { seed, article, quote } = rule.source;
      const { prefix, locator } = splitArticle(article);
      let haystack: string;
      try {
        haystack = normalise(articleText(partText(seed, prefix), locator));
      } catch (e) {
        problems.push(`${at}: seed ${seed} ${article}: ${(e as Error).message}`);
        continue;
      }
      let from = 0;
      for (const fragment of quote.split(/…+/).map(normalise).filter(Boolean)) {
        const i = haystack.indexOf(fragment, from);
        if (i < 0) {
          problems.push(`${at}: quote "${fragment}" not found in seed ${seed} ${article}`);
          break;
        }
        from = i + fragment.length;
      }
    }
    assert.deepEqual(problems, [], `${p.id}:\n  ${problems.join('\n  ')}`);
  });

  test(`${p.id}: every numeric rule value is stated in its quote`, () => {
    const arabicOrChinese = (n: number) => [String(n), chineseNumber(n)];
    for (const { path: at, rule } of rulesOf(p)) {
      if (typeof rule.value !== 'number' || !rule.source) continue;
      const quote = normalise(rule.source.quote);
      assert.ok(
        arabicOrChinese(rule.value).some((s) => quote.includes(s)),
        `${p.id} ${at}: ${rule.value} not in "${quote}"`,
      );
    }
  });
}

test('structured values are stated in their quotes too', () => {
  const q = (p: string, rulePath: string) => normalise(ruleAt(pack(p), rulePath).source!.quote);
  assert.match(q('songyuan-2019', 'publication.takeDown'), /满5年.*满2年/);
  assert.match(q('songyuan-2019', 'review.staffing'), /5%/);
  assert.match(q('yinchuan-2018', 'review.staffing'), /二名/);
  assert.match(q('yinchuan-2018', 'recording.avRetention'), /三年/);
  assert.match(q('yinchuan-2018', 'avDeviceRatio'), /每二名.*每三名.*每五名/);
  assert.match(q('nmg-244', 'recording.avUploadDeadline'), /二十四小时/);
  assert.match(q('yinchuan-2018', 'recording.avUploadDeadline'), /一个工作日/);
  assert.match(q('nmg-244', 'statistics.annualReport'), /一月三十一日/);
  assert.match(q('yinchuan-2018', 'statistics.annualReport'), /1月20日/);
});

// ---------------------------------------------------------------------------------------------------------------------
// Invalid packs are rejected

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a pack as loose JSON, to be broken on purpose below
const validPack = (): Record<string, any> => JSON.parse(readFileSync(path.join(POLICIES_DIR, 'songyuan-2019.json'), 'utf8'));

test('invalid packs: unknown keys, negative or fractional days, missing citations are rejected', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see validPack
  const cases: [string, (p: Record<string, any>) => void, RegExp][] = [
    [
      'unknown top-level key',
      (p) => {
        p.publicaton = {};
      },
      /publicaton/,
    ],
    [
      'unknown rule key (typo)',
      (p) => {
        p.publication.licencePenaltyDecisionWorkingDay = p.publication.licencePenaltyDecisionWorkingDays;
      },
      /licencePenaltyDecisionWorkingDay/,
    ],
    [
      'unknown key inside a value',
      (p) => {
        p.recording.avUploadDeadline.value.hours = 24;
      },
      /recording\.avUploadDeadline\.value/,
    ],
    [
      'unknown key inside a source',
      (p) => {
        p.review.deadlineWorkingDays.source.page = 3;
      },
      /review\.deadlineWorkingDays\.source/,
    ],
    [
      'negative days',
      (p) => {
        p.review.deadlineWorkingDays.value = -7;
      },
      /review\.deadlineWorkingDays\.value/,
    ],
    [
      'zero days',
      (p) => {
        p.recording.archiveDaysAfterConclusion.value = 0;
      },
      /archiveDaysAfterConclusion\.value/,
    ],
    [
      'fractional days',
      (p) => {
        p.publication.otherDecisionWorkingDays.value = 7.5;
      },
      /otherDecisionWorkingDays\.value/,
    ],
    [
      'days as a string',
      (p) => {
        p.publication.otherDecisionWorkingDays.value = '7';
      },
      /otherDecisionWorkingDays\.value/,
    ],
    [
      'value without source',
      (p) => {
        delete p.review.extensionWorkingDays.source;
      },
      /review\.extensionWorkingDays\.source/,
    ],
    [
      'null without note',
      (p) => {
        p.avDeviceRatio = { value: null };
      },
      /avDeviceRatio\.note/,
    ],
    [
      'unknown seed',
      (p) => {
        p.review.deadlineWorkingDays.source.seed = '005';
      },
      /source\.seed/,
    ],
    [
      'article naming no listed document',
      (p) => {
        p.review.deadlineWorkingDays.source.article = '审查办法 §11';
      },
      /review\.deadlineWorkingDays\.source\.article/,
    ],
    [
      'ratio above 1',
      (p) => {
        p.review.staffing.value.minRatioOfOfficers = 5;
      },
      /staffing\.value\.minRatioOfOfficers/,
    ],
    [
      'bad month-day',
      (p) => {
        p.statistics.annualReport = {
          value: { reportToJusticeBureauBy: '02-30', publishBy: null },
          source: p.review.deadlineWorkingDays.source,
        };
      },
      /reportToJusticeBureauBy/,
    ],
    [
      'unknown permanent-retention case',
      (p) => {
        p.recording.avRetention.value.permanentWhen = ['forever'];
      },
      /permanentWhen/,
    ],
    [
      'natural-person take-down after the general one',
      (p) => {
        p.publication.takeDown.value.naturalPersonAfterYears = 6;
      },
      /takeDown/,
    ],
    [
      'timing with neither days nor promptly',
      (p) => {
        p.publication.randomInspectionNormalResult.value = { workingDays: null, promptly: false };
      },
      /randomInspectionNormalResult/,
    ],
    [
      'bad division code',
      (p) => {
        p.divisionCodes = ['22070'];
      },
      /divisionCodes/,
    ],
    [
      'missing section',
      (p) => {
        delete p.review;
      },
      /review/,
    ],
  ];
  assert.doesNotThrow(() => parsePolicyPack(validPack(), 'songyuan-2019.json'));
  for (const [name, mutate, expected] of cases) {
    const p = validPack();
    mutate(p);
    assert.throws(
      () => parsePolicyPack(p, 'x.json'),
      (e: unknown) => {
        assert.ok(e instanceof Error);
        assert.match(e.message, /^Invalid policy pack x\.json: /, name);
        assert.match(e.message, expected, `${name}: ${e.message}`);
        return true;
      },
      name,
    );
  }
});

test('loadPolicyPacks: names the file and the issue; rejects id/file-name mismatch and non-JSON', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sanxiang-policy-'));
  try {
    const good = validPack();
    writeFileSync(path.join(dir, 'songyuan-2019.json'), JSON.stringify(good));
    assert.deepEqual([...loadPolicyPacks(dir).keys()], ['songyuan-2019']);

    const bad = validPack();
    bad.id = 'bad-pack';
    bad.review.deadlineWorkingDays.value = -1;
    writeFileSync(path.join(dir, 'bad-pack.json'), JSON.stringify(bad));
    assert.throws(() => loadPolicyPacks(dir), /Invalid policy pack .*bad-pack\.json: review\.deadlineWorkingDays\.value: /);
    rmSync(path.join(dir, 'bad-pack.json'));

    writeFileSync(path.join(dir, 'other-name.json'), JSON.stringify(good));
    assert.throws(() => loadPolicyPacks(dir), /other-name\.json: id "songyuan-2019" must match the file name "other-name"/);
    rmSync(path.join(dir, 'other-name.json'));

    writeFileSync(path.join(dir, 'broken.json'), '{ "id": ');
    assert.throws(() => loadPolicyPacks(dir), /Invalid policy pack .*broken\.json: not valid JSON/);
    rmSync(path.join(dir, 'broken.json'));

    rmSync(path.join(dir, 'songyuan-2019.json'));
    assert.throws(() => loadPolicyPacks(dir), /No policy packs/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.throws(() => loadPolicyPacks(path.join(tmpdir(), 'sanxiang-no-such-dir-x')), /Cannot read policy pack directory/);
});
