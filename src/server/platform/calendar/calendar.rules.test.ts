import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkingDayCalendar, MAX_WORKING_DAYS, type PausedInterval } from './calendar.rules.ts';
import { loadShippedSchedules } from './shipped.ts';
import type { YearSchedule } from './calendar.schema.ts';

const calendar = new WorkingDayCalendar(loadShippedSchedules());

// Notices the expected rows below were transcribed from (国务院办公厅关于XXXX年部分节假日安排的通知).
const N2024 = '国办发明电〔2023〕7号';
const N2025 = '国办发明电〔2024〕12号';
const N2026 = '国办发明电〔2025〕7号';

// Every holiday day (放假) and adjusted workday (调休上班) of 2024–2026, one row per day:
// [date, working?, holiday name as in the notice, notice].
const OFFICIAL_DAYS: [string, boolean, string, string][] = [
  // N2024
  ['2024-01-01', false, '元旦', N2024], // Mon
  ['2024-02-04', true, '春节', N2024], // Sun 调休上班
  ['2024-02-10', false, '春节', N2024], // Sat
  ['2024-02-11', false, '春节', N2024], // Sun
  ['2024-02-12', false, '春节', N2024], // Mon
  ['2024-02-13', false, '春节', N2024], // Tue
  ['2024-02-14', false, '春节', N2024], // Wed
  ['2024-02-15', false, '春节', N2024], // Thu
  ['2024-02-16', false, '春节', N2024], // Fri
  ['2024-02-17', false, '春节', N2024], // Sat
  ['2024-02-18', true, '春节', N2024], // Sun 调休上班
  ['2024-04-04', false, '清明节', N2024], // Thu
  ['2024-04-05', false, '清明节', N2024], // Fri
  ['2024-04-06', false, '清明节', N2024], // Sat
  ['2024-04-07', true, '清明节', N2024], // Sun 调休上班
  ['2024-04-28', true, '劳动节', N2024], // Sun 调休上班
  ['2024-05-01', false, '劳动节', N2024], // Wed
  ['2024-05-02', false, '劳动节', N2024], // Thu
  ['2024-05-03', false, '劳动节', N2024], // Fri
  ['2024-05-04', false, '劳动节', N2024], // Sat
  ['2024-05-05', false, '劳动节', N2024], // Sun
  ['2024-05-11', true, '劳动节', N2024], // Sat 调休上班
  ['2024-06-10', false, '端午节', N2024], // Mon
  ['2024-09-14', true, '中秋节', N2024], // Sat 调休上班
  ['2024-09-15', false, '中秋节', N2024], // Sun
  ['2024-09-16', false, '中秋节', N2024], // Mon
  ['2024-09-17', false, '中秋节', N2024], // Tue
  ['2024-09-29', true, '国庆节', N2024], // Sun 调休上班
  ['2024-10-01', false, '国庆节', N2024], // Tue
  ['2024-10-02', false, '国庆节', N2024], // Wed
  ['2024-10-03', false, '国庆节', N2024], // Thu
  ['2024-10-04', false, '国庆节', N2024], // Fri
  ['2024-10-05', false, '国庆节', N2024], // Sat
  ['2024-10-06', false, '国庆节', N2024], // Sun
  ['2024-10-07', false, '国庆节', N2024], // Mon
  ['2024-10-12', true, '国庆节', N2024], // Sat 调休上班
  // N2025
  ['2025-01-01', false, '元旦', N2025], // Wed
  ['2025-01-26', true, '春节', N2025], // Sun 调休上班
  ['2025-01-28', false, '春节', N2025], // Tue
  ['2025-01-29', false, '春节', N2025], // Wed
  ['2025-01-30', false, '春节', N2025], // Thu
  ['2025-01-31', false, '春节', N2025], // Fri
  ['2025-02-01', false, '春节', N2025], // Sat
  ['2025-02-02', false, '春节', N2025], // Sun
  ['2025-02-03', false, '春节', N2025], // Mon
  ['2025-02-04', false, '春节', N2025], // Tue
  ['2025-02-08', true, '春节', N2025], // Sat 调休上班
  ['2025-04-04', false, '清明节', N2025], // Fri
  ['2025-04-05', false, '清明节', N2025], // Sat
  ['2025-04-06', false, '清明节', N2025], // Sun
  ['2025-04-27', true, '劳动节', N2025], // Sun 调休上班
  ['2025-05-01', false, '劳动节', N2025], // Thu
  ['2025-05-02', false, '劳动节', N2025], // Fri
  ['2025-05-03', false, '劳动节', N2025], // Sat
  ['2025-05-04', false, '劳动节', N2025], // Sun
  ['2025-05-05', false, '劳动节', N2025], // Mon
  ['2025-05-31', false, '端午节', N2025], // Sat
  ['2025-06-01', false, '端午节', N2025], // Sun
  ['2025-06-02', false, '端午节', N2025], // Mon
  ['2025-09-28', true, '国庆节、中秋节', N2025], // Sun 调休上班
  ['2025-10-01', false, '国庆节、中秋节', N2025], // Wed
  ['2025-10-02', false, '国庆节、中秋节', N2025], // Thu
  ['2025-10-03', false, '国庆节、中秋节', N2025], // Fri
  ['2025-10-04', false, '国庆节、中秋节', N2025], // Sat
  ['2025-10-05', false, '国庆节、中秋节', N2025], // Sun
  ['2025-10-06', false, '国庆节、中秋节', N2025], // Mon
  ['2025-10-07', false, '国庆节、中秋节', N2025], // Tue
  ['2025-10-08', false, '国庆节、中秋节', N2025], // Wed
  ['2025-10-11', true, '国庆节、中秋节', N2025], // Sat 调休上班
  // N2026
  ['2026-01-01', false, '元旦', N2026], // Thu
  ['2026-01-02', false, '元旦', N2026], // Fri
  ['2026-01-03', false, '元旦', N2026], // Sat
  ['2026-01-04', true, '元旦', N2026], // Sun 调休上班
  ['2026-02-14', true, '春节', N2026], // Sat 调休上班
  ['2026-02-15', false, '春节', N2026], // Sun
  ['2026-02-16', false, '春节', N2026], // Mon
  ['2026-02-17', false, '春节', N2026], // Tue
  ['2026-02-18', false, '春节', N2026], // Wed
  ['2026-02-19', false, '春节', N2026], // Thu
  ['2026-02-20', false, '春节', N2026], // Fri
  ['2026-02-21', false, '春节', N2026], // Sat
  ['2026-02-22', false, '春节', N2026], // Sun
  ['2026-02-23', false, '春节', N2026], // Mon
  ['2026-02-28', true, '春节', N2026], // Sat 调休上班
  ['2026-04-04', false, '清明节', N2026], // Sat
  ['2026-04-05', false, '清明节', N2026], // Sun
  ['2026-04-06', false, '清明节', N2026], // Mon
  ['2026-05-01', false, '劳动节', N2026], // Fri
  ['2026-05-02', false, '劳动节', N2026], // Sat
  ['2026-05-03', false, '劳动节', N2026], // Sun
  ['2026-05-04', false, '劳动节', N2026], // Mon
  ['2026-05-05', false, '劳动节', N2026], // Tue
  ['2026-05-09', true, '劳动节', N2026], // Sat 调休上班
  ['2026-06-19', false, '端午节', N2026], // Fri
  ['2026-06-20', false, '端午节', N2026], // Sat
  ['2026-06-21', false, '端午节', N2026], // Sun
  ['2026-09-20', true, '国庆节', N2026], // Sun 调休上班
  ['2026-09-25', false, '中秋节', N2026], // Fri
  ['2026-09-26', false, '中秋节', N2026], // Sat
  ['2026-09-27', false, '中秋节', N2026], // Sun
  ['2026-10-01', false, '国庆节', N2026], // Thu
  ['2026-10-02', false, '国庆节', N2026], // Fri
  ['2026-10-03', false, '国庆节', N2026], // Sat
  ['2026-10-04', false, '国庆节', N2026], // Sun
  ['2026-10-05', false, '国庆节', N2026], // Mon
  ['2026-10-06', false, '国庆节', N2026], // Tue
  ['2026-10-07', false, '国庆节', N2026], // Wed
  ['2026-10-10', true, '国庆节', N2026], // Sat 调休上班
];

// Ordinary days (no designation in any notice): [date, working?, note].
const ORDINARY_DAYS: [string, boolean, string][] = [
  ['2024-01-02', true, 'Tue after 元旦'],
  ['2024-02-09', true, 'Fri, 除夕: the 2024 notice only encourages rest (鼓励…安排职工在除夕休息), not a day off'],
  ['2024-02-19', true, 'Mon after 春节'],
  ['2024-06-08', false, 'Sat before 端午节 (连休 with the weekend, but an ordinary weekend)'],
  ['2024-12-31', true, 'Tue'],
  ['2025-01-25', false, 'Sat between 除夕 and the adjusted Sunday'],
  ['2025-02-05', true, 'Wed, first day back after 春节'],
  ['2025-02-09', false, 'Sun after the adjusted Saturday'],
  ['2025-03-03', true, 'Mon'],
  ['2025-03-08', false, 'Sat'],
  ['2025-05-06', true, 'Tue after 劳动节'],
  ['2025-10-09', true, 'Thu after 国庆节'],
  ['2025-10-12', false, 'Sun'],
  ['2026-01-05', true, 'Mon'],
  ['2026-02-13', true, 'Fri before 春节'],
  ['2026-02-24', true, 'Tue after 春节'],
  ['2026-03-01', false, 'Sun'],
  ['2026-10-08', true, 'Thu after 国庆节'],
  ['2026-10-11', false, 'Sun after the adjusted Saturday'],
];

function* daysOfYear(year: number): Generator<string> {
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    yield new Date(t).toISOString().slice(0, 10);
  }
}

function utcWeekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

test('every 2024–2026 holiday day and adjusted workday is classified as in its notice', () => {
  for (const [date, working, name, notice] of OFFICIAL_DAYS) {
    const info = calendar.dayInfo(date);
    assert.equal(info.working, working, date);
    assert.equal(info.kind, working ? 'adjustedWorkday' : 'holiday', date);
    assert.equal(info.name, name, date);
    assert.equal(info.notice, notice, date);
    assert.equal(info.scheduleComplete, true, date);
    assert.deepEqual(calendar.isWorkingDay(date), { working, scheduleComplete: true }, date);
    // 调休上班 days are always weekend days; days off may fall on any day.
    if (working) assert.ok([0, 6].includes(utcWeekday(date)), `${date} adjusted workday on a weekday`);
  }
});

test('2024–2026: no designated day beyond the table, every other day follows the weekday', () => {
  const table = new Map(OFFICIAL_DAYS.map((r) => [r[0], r]));
  for (const year of [2024, 2025, 2026]) {
    for (const date of daysOfYear(year)) {
      const info = calendar.dayInfo(date);
      if (table.has(date)) continue;
      const weekend = [0, 6].includes(utcWeekday(date));
      assert.equal(info.kind, weekend ? 'weekend' : 'workday', date);
      assert.equal(info.working, !weekend, date);
      assert.equal(info.name, undefined, date);
    }
  }
  // Row counts per notice (days off, adjusted workdays), so that a row dropped from the table is noticed.
  const count = (notice: string, working: boolean) => OFFICIAL_DAYS.filter((r) => r[3] === notice && r[1] === working).length;
  assert.deepEqual([count(N2024, false), count(N2024, true)], [28, 8]);
  assert.deepEqual([count(N2025, false), count(N2025, true)], [28, 5]);
  assert.deepEqual([count(N2026, false), count(N2026, true)], [33, 6]);
});

test('ordinary weekdays and weekends', () => {
  for (const [date, working, note] of ORDINARY_DAYS) {
    const info = calendar.dayInfo(date);
    assert.equal(info.working, working, `${date} ${note}`);
    assert.equal(info.kind, working ? 'workday' : 'weekend', `${date} ${note}`);
    assert.equal(info.scheduleComplete, true, date);
  }
});

test('addWorkingDays: the start day is not counted (民法典 §201)', () => {
  const add = (from: string, n: number) => calendar.addWorkingDays(from, n).date;
  assert.equal(add('2025-03-03', 1), '2025-03-04'); // Mon -> Tue, Monday itself not counted
  assert.equal(add('2025-03-07', 1), '2025-03-10'); // Fri -> Mon
  assert.equal(add('2025-03-03', 5), '2025-03-10');
  assert.equal(add('2025-10-01', 1), '2025-10-09'); // starting on a holiday
  assert.equal(add('2025-09-27', 1), '2025-09-28'); // Sat -> the adjusted Sunday
});

test('addWorkingDays across Spring Festival', () => {
  const add = (from: string, n: number) => calendar.addWorkingDays(from, n);
  // 2025: 1-26 (Sun) works, 1-28..2-4 off, 2-8 (Sat) works.
  assert.equal(add('2025-01-24', 1).date, '2025-01-26');
  assert.equal(add('2025-01-24', 2).date, '2025-01-27');
  assert.equal(add('2025-01-24', 3).date, '2025-02-05');
  assert.equal(add('2025-01-27', 1).date, '2025-02-05');
  assert.equal(add('2025-01-20', 15).date, '2025-02-14');
  assert.equal(add('2025-02-07', 1).date, '2025-02-08');
  // 2026: 2-14 (Sat) works, 2-15..2-23 off, 2-28 (Sat) works.
  assert.equal(add('2026-02-13', 1).date, '2026-02-14');
  assert.equal(add('2026-02-13', 2).date, '2026-02-24');
  assert.equal(add('2026-02-12', 7).date, '2026-02-28');
  // 2024: 2-4 (Sun) and 2-18 (Sun) work, 2-10..2-17 off; 除夕 2-9 is a working day.
  assert.equal(add('2024-02-08', 1).date, '2024-02-09');
  assert.equal(add('2024-02-09', 1).date, '2024-02-18');
  assert.deepEqual(add('2025-01-20', 15), { date: '2025-02-14', scheduleComplete: true, missingYears: [] });
});

test('addWorkingDays across National Day', () => {
  const add = (from: string, n: number) => calendar.addWorkingDays(from, n).date;
  // 2025: 9-28 (Sun) works, 10-1..10-8 off, 10-11 (Sat) works.
  assert.equal(add('2025-09-26', 1), '2025-09-28');
  assert.equal(add('2025-09-26', 3), '2025-09-30');
  assert.equal(add('2025-09-26', 4), '2025-10-09');
  assert.equal(add('2025-09-26', 6), '2025-10-11');
  assert.equal(add('2025-09-26', 7), '2025-10-13');
  // 2024: 9-29 (Sun) works, 10-1..10-7 off, 10-12 (Sat) works.
  assert.equal(add('2024-09-30', 1), '2024-10-08');
  assert.equal(add('2024-09-28', 1), '2024-09-29');
  // 2026: 9-20 (Sun) works, 9-25..9-27 中秋节 off, 10-1..10-7 off, 10-10 (Sat) works.
  assert.equal(add('2026-09-18', 1), '2026-09-20');
  assert.equal(add('2026-09-24', 1), '2026-09-28');
  assert.equal(add('2026-09-30', 1), '2026-10-08');
  assert.equal(add('2026-09-30', 3), '2026-10-10');
});

test('n = 0 returns the start date unchanged, even on a day off', () => {
  for (const from of ['2025-03-03', '2025-01-29', '2025-03-08', '2027-06-01']) {
    assert.deepEqual(calendar.addWorkingDays(from, 0), { date: from, scheduleComplete: true, missingYears: [] });
  }
  assert.equal(calendar.addWorkingDays('2025-03-03', MAX_WORKING_DAYS).scheduleComplete, false); // reaches years not loaded
});

test('workingDaysBetween counts (from, to]', () => {
  const between = (a: string, b: string, paused?: PausedInterval[]) => calendar.workingDaysBetween(a, b, { paused }).days;
  assert.equal(between('2025-03-03', '2025-03-03'), 0);
  assert.equal(between('2025-03-03', '2025-03-04'), 1);
  assert.equal(between('2025-03-04', '2025-03-03'), 0); // to before from
  assert.equal(between('2025-03-02', '2025-03-09'), 5); // Sun..Sun: Mon–Fri
  assert.equal(between('2025-01-27', '2025-02-05'), 1); // only 2-5 (1-27 not counted, 1-28..2-4 off)
  assert.equal(between('2025-09-30', '2025-10-11'), 3); // 10-9, 10-10, 10-11 (adjusted Sat)
  assert.equal(between('2024-12-31', '2025-12-31'), 248); // 2025 as a whole: 261 weekdays − 18 weekday holidays + 5 调休
  assert.deepEqual(calendar.workingDaysBetween('2025-01-01', '2025-02-01'), { days: 19, scheduleComplete: true, missingYears: [] });
});

test('paused intervals are not counted', () => {
  const add = (from: string, n: number, paused: PausedInterval[]) => calendar.addWorkingDays(from, n, { paused }).date;
  const between = (a: string, b: string, paused: PausedInterval[]) => calendar.workingDaysBetween(a, b, { paused }).days;
  assert.equal(add('2025-03-03', 5, []), '2025-03-10');
  assert.equal(add('2025-03-03', 5, [{ start: '2025-03-05', end: '2025-03-06' }]), '2025-03-12');
  // A pause that covers the start day.
  assert.equal(add('2025-03-03', 5, [{ start: '2025-03-01', end: '2025-03-04' }]), '2025-03-11');
  // Unsorted, overlapping and adjacent pauses merge.
  const messy = [
    { start: '2025-03-12', end: '2025-03-12' },
    { start: '2025-03-05', end: '2025-03-06' },
    { start: '2025-03-06', end: '2025-03-07' },
    { start: '2025-03-08', end: '2025-03-10' },
  ];
  assert.equal(add('2025-03-03', 5, messy), '2025-03-17'); // counted: 3-4, 3-11, 3-13, 3-14, 3-17
  assert.equal(between('2025-03-03', '2025-03-17', messy), 5);
  // A pause spanning a holiday changes nothing the holiday had not already excluded.
  assert.equal(add('2025-09-30', 1, [{ start: '2025-10-01', end: '2025-10-08' }]), '2025-10-09');
  // A suspension (e.g. 法制审核 paused while materials are supplemented) straddling Spring Festival.
  // Counted: 1-21, then 2-7, 2-8 (adjusted Sat), 2-10..2-14, 2-17, 2-18.
  assert.equal(add('2025-01-20', 10, [{ start: '2025-01-22', end: '2025-02-06' }]), '2025-02-18');
  assert.equal(between('2025-01-20', '2025-02-18', [{ start: '2025-01-22', end: '2025-02-06' }]), 10);
  // A pause entirely after the result has no effect.
  assert.equal(add('2025-03-03', 1, [{ start: '2025-04-01', end: '2025-04-30' }]), '2025-03-04');
});

test('property: workingDaysBetween(a, addWorkingDays(a, n).date) === n over random dates 2020–2026', () => {
  let seed = 0x5a17;
  const rand = () => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const start = Date.UTC(2020, 0, 1),
    span = Date.UTC(2026, 11, 31) - start;
  const randomDate = () => new Date(start + Math.floor(rand() * (span / 86_400_000 + 1)) * 86_400_000).toISOString().slice(0, 10);
  const plusDays = (d: string, k: number) => new Date(Date.parse(`${d}T00:00:00Z`) + k * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < 2000; i++) {
    const a = randomDate();
    const n = Math.floor(rand() * (i % 10 === 0 ? 400 : 40));
    const paused: PausedInterval[] = [];
    if (i % 3 === 0) {
      const p = plusDays(a, Math.floor(rand() * 30) - 5);
      paused.push({ start: p, end: plusDays(p, Math.floor(rand() * 20)) });
    }
    const r = calendar.addWorkingDays(a, n, { paused });
    const b = calendar.workingDaysBetween(a, r.date, { paused });
    assert.equal(b.days, n, `${a} + ${n} -> ${r.date}`);
    assert.deepEqual(b.missingYears, r.missingYears, `${a} + ${n}`);
    assert.equal(b.scheduleComplete, r.scheduleComplete);
    if (n > 0) {
      // The result is the first day reaching n: a counted working day, one more than the day before.
      assert.equal(calendar.isWorkingDay(r.date).working, true, r.date);
      assert.equal(calendar.workingDaysBetween(a, plusDays(r.date, -1), { paused }).days, n - 1);
      assert.ok(!paused.some((p) => p.start <= r.date && r.date <= p.end), `${r.date} is paused`);
    } else {
      assert.equal(r.date, a);
    }
    // Additivity of the half-open intervals.
    const c = randomDate();
    const [lo, hi] = a <= c ? [a, c] : [c, a];
    const mid = lo <= r.date && r.date <= hi ? r.date : lo;
    assert.equal(
      calendar.workingDaysBetween(lo, hi).days,
      calendar.workingDaysBetween(lo, mid).days + calendar.workingDaysBetween(mid, hi).days,
    );
  }
});

test('a year without a loaded schedule: Mon–Fri work, and the result says the schedule is incomplete', () => {
  assert.equal(calendar.hasYear(2027), false);
  assert.deepEqual(calendar.isWorkingDay('2027-03-01'), { working: true, scheduleComplete: false }); // Mon
  assert.deepEqual(calendar.isWorkingDay('2027-03-06'), { working: false, scheduleComplete: false }); // Sat
  assert.deepEqual(calendar.dayInfo('2027-01-01'), { date: '2027-01-01', working: true, kind: 'workday', scheduleComplete: false });
  assert.deepEqual(calendar.workingDaysBetween('2027-03-01', '2027-03-08'), { days: 5, scheduleComplete: false, missingYears: [2027] });
  // 2026-12-28 (Mon) + 10 crosses into 2027, whose notice is not loaded: 1-1 (Fri) is counted only by weekday.
  assert.deepEqual(calendar.addWorkingDays('2026-12-28', 10), { date: '2027-01-11', scheduleComplete: false, missingYears: [2027] });
  assert.deepEqual(calendar.addWorkingDays('2019-12-27', 3), { date: '2020-01-02', scheduleComplete: false, missingYears: [2019] });
  assert.deepEqual(calendar.workingDaysBetween('2018-06-01', '2027-06-01').missingYears, [2018, 2019, 2027]);
});

test('late December also depends on the next year’s notice, which may reach back into it', () => {
  // 国办发明电〔2022〕16号 made 2022-12-31 part of 元旦 2023.
  assert.deepEqual(calendar.dayInfo('2022-12-31'), {
    date: '2022-12-31',
    working: false,
    kind: 'holiday',
    name: '元旦',
    notice: '国办发明电〔2022〕16号',
    scheduleComplete: true,
  });
  assert.equal(calendar.isWorkingDay('2026-12-24').scheduleComplete, true);
  assert.equal(calendar.isWorkingDay('2026-12-28').scheduleComplete, false);
  assert.deepEqual(calendar.addWorkingDays('2026-12-21', 3), { date: '2026-12-24', scheduleComplete: true, missingYears: [] });
  assert.deepEqual(calendar.addWorkingDays('2026-12-21', 5), { date: '2026-12-28', scheduleComplete: false, missingYears: [2027] });
  const only2023 = new WorkingDayCalendar(loadShippedSchedules().filter((s) => s.year === 2023));
  assert.deepEqual(only2023.dayInfo('2022-12-31').scheduleComplete, false);
  assert.deepEqual(only2023.workingDaysBetween('2022-12-20', '2023-01-10').missingYears, [2022]);
});

test('loadedYears / hasYear; an empty calendar is weekday-only and always incomplete', () => {
  assert.deepEqual(calendar.loadedYears(), [2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  assert.equal(calendar.hasYear(2025), true);
  const empty = new WorkingDayCalendar([]);
  assert.deepEqual(empty.loadedYears(), []);
  assert.deepEqual(empty.isWorkingDay('2025-01-28'), { working: true, scheduleComplete: false });
  assert.deepEqual(empty.addWorkingDays('2025-01-24', 3), { date: '2025-01-29', scheduleComplete: false, missingYears: [2025] });
});

test('bad input throws RangeError', () => {
  for (const date of [
    '2025-02-30',
    '2025-1-1',
    '2025-13-01',
    '2025-00-10',
    '2023-02-29',
    '20250101',
    '2025-01-01T00:00',
    '',
    ' 2025-01-01',
  ]) {
    assert.throws(() => calendar.dayInfo(date), RangeError, date);
    assert.throws(() => calendar.isWorkingDay(date), RangeError, date);
    assert.throws(() => calendar.addWorkingDays(date, 1), RangeError, date);
    assert.throws(() => calendar.workingDaysBetween(date, '2025-03-01'), RangeError, date);
    assert.throws(() => calendar.workingDaysBetween('2025-03-01', date), RangeError, date);
    assert.throws(() => calendar.addWorkingDays('2025-03-03', 1, { paused: [{ start: date, end: '2025-03-05' }] }), RangeError, date);
  }
  assert.equal(calendar.isWorkingDay('2024-02-29').working, true); // leap day is real
  for (const days of [-1, 1.5, 100000, MAX_WORKING_DAYS + 1, Number.NaN, Infinity]) {
    assert.throws(() => calendar.addWorkingDays('2025-01-01', days), RangeError, String(days));
  }
  assert.throws(() => calendar.addWorkingDays('2025-01-01', '5' as unknown as number), RangeError);
  assert.throws(() => calendar.addWorkingDays('2025-03-03', 1, { paused: [{ start: '2025-03-06', end: '2025-03-05' }] }), RangeError);
  assert.throws(
    () => calendar.workingDaysBetween('2025-03-03', '2025-03-10', { paused: [{ start: '2025-03-06', end: '2025-03-05' }] }),
    RangeError,
  );
});

test('constructor rejects duplicate years and contradicting notices', () => {
  const [s2025] = loadShippedSchedules().filter((s) => s.year === 2025);
  assert.throws(() => new WorkingDayCalendar([s2025, s2025]), /duplicate/);
  // A (made-up) 2026 notice reaching back into 2025 is fine while 2025's notice says nothing of that day…
  const s2026: YearSchedule = {
    year: 2026,
    notice: '测试〔2025〕1号',
    title: 'test',
    holidays: [{ name: '元旦', start: '2025-12-31', end: '2026-01-01' }],
    adjustedWorkdays: [{ name: '元旦', date: '2025-12-28' }],
  };
  const both = new WorkingDayCalendar([s2025, s2026]);
  assert.equal(both.dayInfo('2025-12-31').kind, 'holiday');
  assert.equal(both.dayInfo('2025-12-28').kind, 'adjustedWorkday');
  // …but two notices must not contradict each other about a day.
  const s2025clash: YearSchedule = { ...s2025, holidays: [...s2025.holidays, { name: 'x', start: '2025-12-28', end: '2025-12-28' }] };
  assert.throws(() => new WorkingDayCalendar([s2025clash, s2026]), /2025-12-28/);
  // Schedules are validated on construction.
  assert.throws(() => new WorkingDayCalendar([{ ...s2025, adjustedWorkdays: [{ name: 'x', date: '2025-03-04' }] }]));
});
