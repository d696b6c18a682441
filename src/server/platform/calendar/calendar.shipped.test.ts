import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import cd from 'chinese-days'; // CommonJS package: only the default import works under ESM
import { loadShippedSchedules, SHIPPED_DATA_DIR } from './shipped.ts';
import { yearScheduleSchema } from './calendar.schema.ts';
import { WorkingDayCalendar } from './calendar.rules.ts';

// The notice(s) each shipped year must cite.
const EXPECTED_NOTICES: Record<number, string> = {
  2020: '国办发明电〔2019〕16号；国办发明电〔2020〕1号', // + 关于延长2020年春节假期的通知
  2021: '国办发明电〔2020〕27号',
  2022: '国办发明电〔2021〕11号',
  2023: '国办发明电〔2022〕16号',
  2024: '国办发明电〔2023〕7号',
  2025: '国办发明电〔2024〕12号',
  2026: '国办发明电〔2025〕7号',
};

/**
 * Days on which `chinese-days` is known to disagree with the official notices, with the source; such days are
 * excluded from the cross-check explicitly (and the test fails if the disagreement disappears, so the list
 * cannot go stale). As of chinese-days 1.5.7 there is none for 2020–2026.
 */
const KNOWN_CHINESE_DAYS_ERRORS: Record<string, { official: boolean; source: string }> = {};

test('every shipped file validates against the schema and cites its notice', () => {
  const files = readdirSync(SHIPPED_DATA_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
  assert.deepEqual(
    files,
    Object.keys(EXPECTED_NOTICES).map((y) => `${y}.json`),
  );
  for (const file of files) {
    const json = JSON.parse(readFileSync(`${SHIPPED_DATA_DIR}/${file}`, 'utf8'));
    const r = yearScheduleSchema.safeParse(json);
    assert.ok(r.success, `${file}: ${r.error?.message}`);
    assert.equal(`${r.data.year}.json`, file);
    assert.equal(r.data.notice, EXPECTED_NOTICES[r.data.year], file);
    assert.match(r.data.title, new RegExp(`国务院办公厅关于${r.data.year}年部分节假日安排的通知`), file);
    assert.ok(r.data.publishedOn! < `${r.data.year}-01-01`, `${file}: published before the year`);
  }
  const schedules = loadShippedSchedules();
  assert.deepEqual(
    schedules.map((s) => s.year),
    [2020, 2021, 2022, 2023, 2024, 2025, 2026],
  );
});

test('2020 includes the Spring Festival extension (国办发明电〔2020〕1号: off until 2020-02-02)', () => {
  const calendar = new WorkingDayCalendar(loadShippedSchedules());
  // The original notice made 2020-02-01 (Sat) a working day; the extension superseded that.
  for (const date of ['2020-01-30', '2020-01-31', '2020-02-01', '2020-02-02']) {
    assert.equal(calendar.dayInfo(date).kind, 'holiday', date);
  }
  assert.equal(calendar.isWorkingDay('2020-02-03').working, true);
  assert.equal(calendar.isWorkingDay('2020-01-19').working, true); // adjusted Sunday still stands
});

test('cross-check against chinese-days: every day of 2020–2026, working or not', () => {
  const calendar = new WorkingDayCalendar(loadShippedSchedules());
  const disagreements: string[] = [];
  let checked = 0;
  for (let t = Date.UTC(2020, 0, 1); t <= Date.UTC(2026, 11, 31); t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    const ours = calendar.isWorkingDay(date);
    const theirs = cd.isWorkday(date);
    assert.equal(cd.isHoliday(date), !theirs, date); // the package is self-consistent
    if (date < '2026-12-25') assert.equal(ours.scheduleComplete, true, date);
    const known = KNOWN_CHINESE_DAYS_ERRORS[date];
    if (known) {
      assert.equal(ours.working, known.official, `${date}: ours differs from the documented official value`);
      assert.notEqual(theirs, known.official, `${date}: chinese-days now agrees; remove the exclusion`);
      continue;
    }
    if (ours.working !== theirs) disagreements.push(`${date}: ours ${ours.working}, chinese-days ${theirs}`);
    checked++;
  }
  assert.deepEqual(disagreements, []);
  assert.equal(checked + Object.keys(KNOWN_CHINESE_DAYS_ERRORS).length, 2557); // 7 years incl. 2020 and 2024 leap days
});

test('cross-check against chinese-days: every adjusted workday is a workday and every holiday day a holiday there', () => {
  for (const s of loadShippedSchedules()) {
    for (const w of s.adjustedWorkdays) {
      assert.equal(cd.getDayDetail(w.date).work, true, w.date);
    }
    for (const h of s.holidays) {
      for (let t = Date.parse(`${h.start}T00:00:00Z`); t <= Date.parse(`${h.end}T00:00:00Z`); t += 86_400_000) {
        const date = new Date(t).toISOString().slice(0, 10);
        assert.equal(cd.isHoliday(date), true, `${date} ${h.name}`);
      }
    }
  }
});
