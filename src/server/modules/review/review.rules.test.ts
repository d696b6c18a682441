// The major-decision catalogues (SPEC §4.2) table by table: the yinchuan-2018 pack's 003 审核办法 §8-13 at and around
// every threshold ("以上" includes the amount itself), every penalty kind, inspections with 4/5 officers and at
// exactly one third of the agency ("超出" is strictly more), the general flags of 000 §26 / 002 §3, and 行政处罚法 §58.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getPolicyPack } from '../../platform/policy/policy.packs.ts';
import { CATALOGUE_ACT_CATEGORIES } from '../../platform/policy/policy.schema.ts';
import { ACT_CATEGORIES } from '../registry/record.kinds.ts';
import { checkMaterials, missingMaterials, reviewDeadline, reviewerProblem } from './review.rules.ts';
import { classify, classifyDraft, type DecisionFacts } from '../cases/major.rules.ts';

const yinchuan = getPolicyPack('yinchuan-2018').review.majorCatalogue;
const nmg = getPolicyPack('nmg-244').review.majorCatalogue;
const songyuan = getPolicyPack('songyuan-2019').review.majorCatalogue;
const facts = (f: Partial<DecisionFacts>): DecisionFacts => ({ actCategory: 'penalty', kinds: [], flags: [], ...f });
const rules = (cat: typeof yinchuan, f: Partial<DecisionFacts>) => classify(cat, facts(f)).reasons.map((r) => r.rule);

test('the catalogue uses the registry act categories', () => {
  assert.deepEqual([...CATALOGUE_ACT_CATEGORIES], [...ACT_CATEGORIES]);
});

test('yinchuan-2018: fines at and around the four thresholds of 003 审核办法 §8', () => {
  const fine = (partyType: 'individual' | 'organisation', businessActivity: boolean, amountYuan: number) =>
    classify(yinchuan, facts({ kinds: ['fine'], partyType, businessActivity, amountYuan })).major;
  const table: [string, 'individual' | 'organisation', boolean, number][] = [
    ['non-business individual', 'individual', false, 1000],
    ['non-business organisation', 'organisation', false, 10000],
    ['business individual', 'individual', true, 5000],
    ['business organisation', 'organisation', true, 20000],
  ];
  for (const [what, party, business, threshold] of table) {
    assert.equal(fine(party, business, threshold - 0.01), false, `${what}: below ${threshold}`);
    assert.equal(fine(party, business, threshold), true, `${what}: exactly ${threshold} (以上 includes it)`);
    assert.equal(fine(party, business, threshold + 1), true, `${what}: above ${threshold}`);
  }
  // the same amount is major for one party and not another
  assert.equal(fine('individual', false, 5000), true);
  assert.equal(fine('organisation', false, 5000), false);
  assert.equal(fine('individual', true, 4999), false);
  assert.deepEqual(rules(yinchuan, { kinds: ['fine'], partyType: 'organisation', businessActivity: true, amountYuan: 20000 }), [
    '003-8-3d',
  ]);
  // confiscation follows the same amounts
  assert.deepEqual(rules(yinchuan, { kinds: ['confiscation'], partyType: 'individual', businessActivity: true, amountYuan: 5000 }), [
    '003-8-4c',
  ]);
  assert.equal(
    classify(yinchuan, facts({ kinds: ['confiscation'], partyType: 'individual', businessActivity: true, amountYuan: 4999 })).major,
    false,
  );
});

test('yinchuan-2018: every penalty kind; other categories by their own article', () => {
  const table: [Partial<DecisionFacts>, string[]][] = [
    [{ kinds: ['suspendBusiness'] }, ['003-8-1']],
    [{ kinds: ['revokeLicence'] }, ['003-8-2']],
    [{ kinds: ['detention'] }, ['003-8-5']],
    [{ kinds: ['warning'] }, []],
    [{ kinds: ['warning', 'revokeLicence'] }, ['003-8-2']],
    [{ flags: ['lawRequires'] }, ['003-8-6', 'xzcfl-58-4']],
    [{ actCategory: 'licence', kinds: ['hearing'] }, ['003-9-1']],
    [{ actCategory: 'licence', kinds: ['tender'] }, ['003-9-2']],
    [{ actCategory: 'coercion', kinds: ['sealPremises'], partyType: 'organisation' }, ['003-10-1']],
    [{ actCategory: 'coercion', kinds: ['sealPremises'], partyType: 'individual' }, []],
    [{ actCategory: 'coercion', kinds: ['seizeLicence'], partyType: 'organisation' }, ['003-10-2']],
    [{ actCategory: 'coercion', kinds: ['demolition'] }, ['003-10-3']],
    [{ actCategory: 'coercion', kinds: ['ban'], partyType: 'organisation' }, ['003-10-4']],
    [{ actCategory: 'coercion', kinds: ['restrictFreedom'] }, ['003-10-5']],
    [{ actCategory: 'levy', kinds: ['expropriationStateLand'] }, ['003-11-1']],
    [{ actCategory: 'levy', kinds: ['expropriationCollectiveLand'] }, ['003-11-2']],
    [{ actCategory: 'levy', kinds: ['socialMaintenanceFee'] }, ['003-11-3']],
    [{ actCategory: 'fee', kinds: ['feeItemChange'] }, ['003-13-1']],
    [{ actCategory: 'fee', kinds: ['feeStandardChange'] }, ['003-13-2']],
    [{ actCategory: 'licence', kinds: ['suspendBusiness'] }, []],
    [{ actCategory: 'inspection', kinds: ['jointInspection'] }, ['003-12-2']],
  ];
  for (const [f, want] of table) assert.deepEqual(rules(yinchuan, f), want, JSON.stringify(f));
});

test('yinchuan-2018 inspections: five officers or more, or more than one third of the agency', () => {
  const insp = (inspectorCount: number, agencyOfficerCount?: number) =>
    rules(yinchuan, { actCategory: 'inspection', inspectorCount, agencyOfficerCount });
  assert.deepEqual(insp(4), []);
  assert.deepEqual(insp(5), ['003-12-1a']);
  assert.deepEqual(insp(4, 12), [], 'exactly one third is not "超出"');
  assert.deepEqual(insp(4, 11), ['003-12-1b'], 'more than one third');
  assert.deepEqual(insp(3, 9), []);
  assert.deepEqual(insp(2, 5), ['003-12-1b']);
  assert.deepEqual(insp(5, 12), ['003-12-1a', '003-12-1b']);
});

test('general criteria: 000 §26 (nmg-244), 002 审核办法 §3 (songyuan-2019) and 行政处罚法 §58 for penalties', () => {
  assert.deepEqual(rules(nmg, { actCategory: 'licence', flags: ['majorPublicInterest'] }), ['000-26-1']);
  assert.deepEqual(rules(nmg, { actCategory: 'coercion', flags: ['majorSocialImpact'] }), ['000-26-2']);
  assert.deepEqual(rules(nmg, { actCategory: 'levy', flags: ['majorRights'] }), ['000-26-3']);
  assert.deepEqual(rules(nmg, { actCategory: 'licence', kinds: ['hearing'] }), ['000-26-4']);
  assert.deepEqual(rules(nmg, { actCategory: 'inspection', flags: ['complex'] }), ['000-26-5']);
  assert.deepEqual(rules(nmg, { actCategory: 'fee', flags: ['lawRequires'] }), ['000-26-6']);
  assert.deepEqual(
    rules(nmg, { kinds: ['fine'], amountYuan: 1_000_000, partyType: 'organisation', businessActivity: true }),
    [],
    '000 sets no amounts',
  );
  assert.deepEqual(rules(nmg, { flags: ['complex'] }), ['000-26-5', 'xzcfl-58-3']);
  assert.deepEqual(rules(songyuan, { actCategory: 'licence', flags: ['majorPublicInterest'] }), [], '002 §3 does not list public interest');
  assert.deepEqual(rules(songyuan, { flags: ['majorPublicInterest'] }), ['xzcfl-58-1'], 'but 行政处罚法 §58(一) does for penalties');
  assert.deepEqual(rules(songyuan, { kinds: ['hearing'] }), ['002-3-3']);
  assert.deepEqual(rules(yinchuan, { kinds: ['hearing'] }), [], '003 §8 lists no hearing for penalties; §58(二) needs major rights too');
  assert.deepEqual(rules(yinchuan, { kinds: ['hearing'], flags: ['majorRights'] }), ['xzcfl-58-2']);
  const r = classify(yinchuan, facts({ kinds: ['fine'], partyType: 'individual', businessActivity: false, amountYuan: 1000 }));
  assert.deepEqual(r.reasons[0], { rule: '003-8-3a', label: '较大数额罚款：非经营活动中公民 1000 元以上', citation: '003 审核办法 §8' });
});

// ---- the review deadline (000 §31; 002 审核办法 §11): working days from receipt, supplement time excluded, one extension

test('review deadline across the 2025 Spring Festival, with a supplement pause and an extension', async () => {
  const { WorkingDayCalendar } = await import('../../platform/calendar/calendar.rules.ts');
  const { loadShippedSchedules } = await import('../../platform/calendar/shipped.ts');
  const cal = new WorkingDayCalendar(loadShippedSchedules());
  const base = {
    receivedOn: '2025-01-24',
    workingDays: 5,
    extensionDays: 5,
    extended: false,
    excludeSupplements: true,
    pauses: [],
    today: '2025-01-24',
  };
  // Sun 26 Jan is an adjusted working day; 28 Jan – 4 Feb is the holiday
  assert.equal(reviewDeadline(cal, base).dueOn, '2025-02-07');
  // materials asked for on 26 Jan, supplied on 5 Feb: 27 Jan – 5 Feb do not count; Sat 8 Feb is a working day
  const paused = { ...base, pauses: [{ requestedOn: '2025-01-26', suppliedOn: '2025-02-05' }], today: '2025-02-06' };
  assert.equal(reviewDeadline(cal, paused).dueOn, '2025-02-10');
  assert.equal(reviewDeadline(cal, paused).usedWorkingDays, 2);
  assert.equal(reviewDeadline(cal, { ...paused, extended: true }).dueOn, '2025-02-17');
  // a policy that does not exclude supplement time counts straight through
  assert.equal(reviewDeadline(cal, { ...paused, excludeSupplements: false }).dueOn, '2025-02-07');
});

test('review deadline across the 2026 National Day: nmg-244 (5 WD) and songyuan-2019 (7 WD), open and closed pauses', async () => {
  const { WorkingDayCalendar } = await import('../../platform/calendar/calendar.rules.ts');
  const { loadShippedSchedules } = await import('../../platform/calendar/shipped.ts');
  const cal = new WorkingDayCalendar(loadShippedSchedules());
  const base = {
    receivedOn: '2026-09-28',
    workingDays: 5,
    extensionDays: 5,
    extended: false,
    excludeSupplements: true,
    pauses: [],
    today: '2026-09-28',
  };
  // 1–7 Oct holiday, Sat 10 Oct an adjusted working day
  assert.equal(reviewDeadline(cal, base).dueOn, '2026-10-10');
  assert.equal(reviewDeadline(cal, { ...base, workingDays: 7 }).dueOn, '2026-10-13');
  const closed = { ...base, pauses: [{ requestedOn: '2026-09-29', suppliedOn: '2026-10-08' }], today: '2026-10-09' };
  assert.equal(reviewDeadline(cal, closed).dueOn, '2026-10-13');
  assert.equal(reviewDeadline(cal, { ...closed, extended: true }).dueOn, '2026-10-20');
  // still waiting for the materials on 9 Oct: the clock stays stopped through today, so the deadline moves on
  const open = { ...base, pauses: [{ requestedOn: '2026-09-29', suppliedOn: null }], today: '2026-10-09' };
  assert.equal(reviewDeadline(cal, open).dueOn, '2026-10-14');
  assert.equal(reviewDeadline(cal, { ...base, today: '2026-10-12' }).overdue, true);
  assert.equal(reviewDeadline(cal, { ...base, today: '2026-10-10' }).overdue, false);
});

test('materials: every required item named; hearing and appraisal only when they happened', () => {
  const complete = {
    draftDecision: { basis: '《互联网上网服务营业场所管理条例》第二十七条', discretion: { level: '一般', reason: '首次违法' } },
    evidenceActs: 2,
    mediaFiles: 1,
    hearingRequested: false,
    hearingRecorded: false,
    officerProblems: [],
    officerCount: 2,
    investigationReport: '经调查，当事人未取得许可擅自经营。',
    explanation: { facts: '基本事实', lawAndDiscretion: '适用第二十七条', investigation: '询问两次' },
  };
  assert.deepEqual(missingMaterials(checkMaterials(complete)), []);
  const missing = (patch: Record<string, unknown>) => missingMaterials(checkMaterials({ ...complete, ...patch })).map((m) => m.key);
  assert.deepEqual(missing({ draftDecision: null }), ['draftDecision', 'legalBasis', 'lawAndDiscretion']);
  assert.deepEqual(missing({ evidenceActs: 0, mediaFiles: 0 }), ['evidence']);
  assert.deepEqual(missing({ hearingRequested: true }), ['hearingRecord']);
  assert.deepEqual(missing({ hearingRequested: true, hearingRecorded: true }), []);
  assert.deepEqual(missing({ appraisal: {} }), ['appraisalReport']);
  assert.deepEqual(missing({ officerProblems: ['钱过期'] }), ['qualifications']);
  assert.deepEqual(missing({ investigationReport: '太短', explanation: {} }), [
    'investigationReport',
    'facts',
    'lawAndDiscretion',
    'investigation',
  ]);
});

test('a draft decision: the fine and a confiscation tested each with its own amount', () => {
  const d = (fineFen: number | undefined, majorFacts: Record<string, unknown> = {}) =>
    classifyDraft(yinchuan, {
      actCategory: 'penalty',
      partyType: 'organisation',
      fineFen,
      majorFacts: { businessActivity: true, ...majorFacts },
    });
  assert.equal(d(1_999_999).major, false);
  assert.deepEqual(
    d(2_000_000).reasons.map((r) => r.rule),
    ['003-8-3d'],
  );
  assert.equal(d(100_000, { kinds: ['confiscation'], confiscationFen: 1_999_900 }).major, false);
  assert.equal(d(100_000, { kinds: ['confiscation'], confiscationFen: 2_000_000 }).major, true);
  assert.match(d(undefined).summary, /不属于重大执法决定/);
  // business activity not stated: the stricter (non-business) threshold decides
  const unsaid = (fineFen: number) =>
    classifyDraft(yinchuan, { actCategory: 'penalty', partyType: 'organisation', fineFen }).reasons.map((r) => r.rule);
  assert.deepEqual(unsaid(999_999), []);
  assert.deepEqual(unsaid(1_000_000), ['003-8-3b']);
  assert.deepEqual(unsaid(2_000_000).sort(), ['003-8-3b', '003-8-3d']);
});

test('000 §27-§28: who may not review a case — its handlers, submitter, recorders and officers present; a first review needs the legal qualification', () => {
  const base = {
    userId: 'r1',
    certificateNumber: 'NM-001' as string | null,
    firstReview: false,
    needsQualification: true,
    qualification: undefined as { qualification?: unknown } | undefined,
    handlerIds: ['h1'],
    submittedBy: 'h2',
    drafter: 'h1',
    recorders: new Set(['h1', 'x1']),
    present: new Set(['NM-009']),
  };
  const table: [string, Partial<typeof base>, string | null, string | null][] = [
    ['an unrelated experienced reviewer', {}, null, null],
    ["the draft decision's author (a handler)", { userId: 'h1' }, 'REVIEWER_NOT_SEPARATE', '是拟处理决定的起草人'],
    ['the submitter', { userId: 'h2' }, 'REVIEWER_NOT_SEPARATE', '是本案承办人员'],
    ['someone who recorded an act', { userId: 'x1' }, 'REVIEWER_NOT_SEPARATE', '参与了本案的办理'],
    ['an officer present at an act (by certificate)', { certificateNumber: 'NM-009' }, 'REVIEWER_NOT_SEPARATE', '参与了本案的办理'],
    [
      'a first review without a linked officer record',
      { firstReview: true, certificateNumber: null },
      'REVIEWER_UNQUALIFIED',
      '初次从事法制审核，但未关联执法人员名录中的本人记录，无法核验法律职业资格',
    ],
    [
      'a first review with no published record',
      { firstReview: true },
      'REVIEWER_UNQUALIFIED',
      '初次从事法制审核，执法人员名录中没有本人的已公示记录',
    ],
    [
      'a first review without the qualification',
      { firstReview: true, qualification: {} },
      'REVIEWER_UNQUALIFIED',
      '初次从事法制审核，须取得国家统一法律职业资格',
    ],
    ['a first review with the qualification', { firstReview: true, qualification: { qualification: 'A2015' } }, null, null],
    ['a first review where the policy does not ask for it', { firstReview: true, needsQualification: false }, null, null],
  ];
  for (const [what, o, code, problem] of table) assert.deepEqual(reviewerProblem({ ...base, ...o }), { code, problem }, what);
});
