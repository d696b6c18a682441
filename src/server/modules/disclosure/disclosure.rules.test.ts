// Publication rules table by table: the deadline of every pack across the 2025 Spring Festival and the 2026 National
// Day (000 §12; 002 公示办法 §27; 003 公示办法 §13), lateness in working days, take-down after 5/2 years (002 §28),
// the minor party from the ID number or a recorded birth date (000 §11(一)), the editor's starting texts, and the
// 双公示 layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { idNumberCheckChar } from '../../platform/codes.ts';
import { getPolicyPack } from '../../platform/policy/policy.packs.ts';
import { WorkingDayCalendar } from '../../platform/calendar/calendar.rules.ts';
import { loadShippedSchedules } from '../../platform/calendar/shipped.ts';
import {
  birthDateOf,
  EXCLUSION_REASONS,
  isMinorOn,
  maskPersonName,
  minorParty,
  penaltyRow,
  proposal,
  publicationWorkingDays,
  takeDownOn,
  uncovered,
  workingDaysLate,
} from './disclosure.rules.ts';

const calendar = new WorkingDayCalendar(loadShippedSchedules());
const due = (pack: string, category: string, decidedOn: string) =>
  calendar.addWorkingDays(decidedOn, publicationWorkingDays(getPolicyPack(pack).publication, category)).date;

test('publication deadlines per pack across holidays and adjusted working days', () => {
  const table: [pack: string, category: string, decidedOn: string, dueOn: string][] = [
    // Fri 2025-01-24; Sun 26 Jan is a working day, 28 Jan-4 Feb the Spring Festival, Sat 8 Feb a working day
    ['nmg-244', 'penalty', '2025-01-24', '2025-02-10'], // 000 §12: 7 WD
    ['nmg-244', 'licence', '2025-01-24', '2025-02-10'],
    ['nmg-244', 'coercion', '2025-01-24', '2025-02-27'], // 000 §12: other decisions 20 WD
    ['songyuan-2019', 'penalty', '2025-01-24', '2025-02-10'], // 002 公示办法 §27: every decision 7 WD
    ['songyuan-2019', 'coercion', '2025-01-24', '2025-02-10'],
    ['yinchuan-2018', 'penalty', '2025-01-24', '2025-02-10'], // 003 公示办法 §13: 7 WD
    ['yinchuan-2018', 'inspection', '2025-01-24', '2025-02-10'],
    // Mon 2026-09-28; 1-7 Oct National Day, Sat 10 Oct a working day
    ['nmg-244', 'penalty', '2026-09-28', '2026-10-13'],
    ['songyuan-2019', 'levy', '2026-09-28', '2026-10-13'],
    ['yinchuan-2018', 'licence', '2026-09-28', '2026-10-13'],
    ['nmg-244', 'benefit', '2026-09-28', '2026-10-30'], // 20 WD
  ];
  for (const [pack, category, decidedOn, dueOn] of table)
    assert.equal(due(pack, category, decidedOn), dueOn, `${pack} ${category} decided ${decidedOn}`);
});

test('published late by N working days', () => {
  const table: [dueOn: string, publishedOn: string, late: number][] = [
    ['2025-02-10', '2025-02-10', 0],
    ['2025-02-10', '2025-02-09', 0],
    ['2025-02-10', '2025-02-11', 1],
    ['2025-02-10', '2025-02-14', 4],
    ['2025-02-10', '2025-02-16', 4], // Sat 15 and Sun 16 Feb not counted
    ['2025-02-10', '2025-02-17', 5],
    ['2025-09-30', '2025-10-09', 1], // the whole holiday is one working day late
    ['2025-09-30', '2025-10-11', 3], // Sat 11 Oct 2025 is an adjusted working day
  ];
  for (const [dueOn, publishedOn, late] of table)
    assert.equal(workingDaysLate(dueOn, publishedOn, calendar), late, `due ${dueOn}, published ${publishedOn}`);
});

test('take-down after 5 years, 2 for a natural person, under songyuan-2019 only (002 公示办法 §28)', () => {
  const rule = getPolicyPack('songyuan-2019').publication.takeDown.value as { afterYears: number; naturalPersonAfterYears: number };
  assert.equal(takeDownOn('2025-03-01', rule, 'organisation'), '2030-03-01');
  assert.equal(takeDownOn('2025-03-01', rule, 'person'), '2027-03-01');
  assert.equal(takeDownOn('2024-02-29', rule, 'person'), '2026-03-01', '29 February: the later day');
  assert.equal(takeDownOn('2025-03-01', getPolicyPack('nmg-244').publication.takeDown.value as null, 'person'), null);
  assert.equal(takeDownOn('2025-03-01', getPolicyPack('yinchuan-2018').publication.takeDown.value as null, 'organisation'), null);
});

const idFor = (birth: string, seq = '123') => {
  const first17 = `150525${birth.replaceAll('-', '')}${seq}`;
  return first17 + idNumberCheckChar(first17);
};

test('a minor party: from the ID number (check character verified) or a recorded birth date', () => {
  assert.equal(birthDateOf(idFor('2008-06-15')), '2008-06-15');
  assert.equal(
    birthDateOf(idFor('2008-06-15').slice(0, 17) + (idFor('2008-06-15').endsWith('0') ? '1' : '0')),
    null,
    'wrong check character',
  );
  assert.equal(birthDateOf('150525080615123'), '1908-06-15', '15-digit numbers are 19YYMMDD');
  assert.equal(birthDateOf('150525200802301234'), null, 'no 30 February');
  assert.equal(isMinorOn('2008-06-15', '2026-06-14'), true);
  assert.equal(isMinorOn('2008-06-15', '2026-06-15'), false, 'adult on the 18th birthday');
  assert.equal(isMinorOn('2008-02-29', '2026-02-28'), true);
  assert.equal(isMinorOn('2008-02-29', '2026-03-01'), false);
  assert.deepEqual(minorParty({ kind: 'person', idNumber: idFor('2010-01-01') }, '2026-12-01'), {
    birthDate: '2010-01-01',
    source: 'idNumber',
  });
  assert.deepEqual(minorParty({ kind: 'person', birthDate: '2009-05-05' }, '2026-12-01'), { birthDate: '2009-05-05', source: 'birthDate' });
  assert.equal(minorParty({ kind: 'person', idNumber: idFor('1990-01-01') }, '2026-12-01'), null);
  assert.equal(minorParty({ kind: 'person' }, '2026-12-01'), null, 'nothing recorded: not known to be a minor');
  assert.equal(minorParty({ kind: 'organisation', idNumber: idFor('2010-01-01') }, '2026-12-01'), null);
  assert.equal(EXCLUSION_REASONS.minor.approvable, false, 'no head can approve publishing a minor');
});

test('the editor starts from texts with the person named as 张某 and personal data found', () => {
  assert.equal(maskPersonName('张三'), '张某');
  assert.equal(maskPersonName('欧阳娜娜'), '欧某某某');
  const p = proposal({
    caseName: '张三未取得许可擅自经营案',
    facts: '张三（电话13812345678）于2026年5月在家中经营。',
    basis: '条例第十四条',
    result: '对张三罚款二千元',
    party: { kind: 'person', name: '张三' },
  });
  assert.equal(p.partyName.text, '张某');
  assert.equal(p.caseName.text, '张某未取得许可擅自经营案');
  assert.equal(p.result.text, '对张某罚款二千元');
  assert.deepEqual(
    p.facts.findings.map((f) => p.facts.text.slice(f.start, f.end)),
    ['13812345678'],
  );
  const org = proposal({
    caseName: '飞翔网吧案',
    facts: '事实',
    basis: '依据',
    result: '罚款',
    party: { kind: 'organisation', name: '奈曼旗飞翔网吧' },
  });
  assert.equal(org.partyName.text, '奈曼旗飞翔网吧', 'an organisation is named');

  const finding = { kind: 'phone' as const, start: 3, end: 14 };
  assert.deepEqual(uncovered([finding], [], []), [finding]);
  assert.deepEqual(uncovered([finding], [{ start: 3, end: 14 }], []), []);
  assert.deepEqual(
    uncovered(
      [finding],
      [
        { start: 0, end: 8 },
        { start: 8, end: 20 },
      ],
      [],
    ),
    [],
    'two masks together cover it',
  );
  assert.deepEqual(uncovered([finding], [{ start: 4, end: 14 }], []), [finding], 'one digit left is a leak');
  assert.deepEqual(uncovered([finding], [], [{ start: 3, end: 14 }]), [], 'kept with a reason');
});

test('双公示: the penalty row in 万元 with the party class', () => {
  const row = penaltyRow(
    {
      documentNumber: '奈文旅罚决〔2026〕3号',
      caseName: '未核对身份证件',
      party: { kind: 'organisation', name: '飞翔网吧', creditCode: '91150525MA0000000X', representative: '刘某' },
      facts: '事实',
      basis: '条例第三十一条',
      result: '警告，罚款五千元',
      actCategory: 'penalty',
      fineYuan: 5000,
      agencyName: '奈曼旗文化和旅游局',
      agencyCreditCode: '11150525MB1234567X',
      decidedOn: '2026-11-02',
    },
    null,
  );
  assert.equal(row['罚款金额（万元）'], '0.5');
  assert.equal(row['行政相对人类别'], '法人及非法人组织');
  assert.equal(row['处罚类别'], '罚款');
  assert.equal(row['没收违法所得、没收非法财物的金额（万元）'], '');
  assert.equal(row['行政处罚决定书文号'], '奈文旅罚决〔2026〕3号');
});
