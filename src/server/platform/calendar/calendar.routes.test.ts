import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { describeApp, login } from '../../../../test/support/app.ts';

/** A test fixture, not an official notice: 2027 with one made-up holiday and adjusted workday. */
const FIXTURE_2027 = {
  year: 2027,
  notice: '测试用通知〔2026〕1号',
  title: '测试用：2027年部分节假日安排',
  holidays: [{ name: '元旦', start: '2027-01-01', end: '2027-01-03' }],
  adjustedWorkdays: [{ name: '元旦', date: '2027-01-09' }],
};

describeApp('calendar API', (h) => {
  const add = (from: string, days: number | string) =>
    h.app.inject({ method: 'GET', url: `/api/v1/calendar/add-working-days?from=${from}&days=${days}` });

  test('add-working-days: the start day is not counted, holidays and adjusted workdays follow the notice', async () => {
    // 2025-09-30 (Tue) + 1 → National Day holiday 10-01..10-08, so 10-09.
    assert.deepEqual((await add('2025-09-30', 1)).json(), { date: '2025-10-09', scheduleComplete: true, missingYears: [] });
    // 2025-09-26 (Fri) + 1 → Sat 09-28 is an adjusted workday (国办发明电〔2024〕12号).
    assert.equal((await add('2025-09-26', 1)).json().date, '2025-09-28');
    assert.equal((await add('2025-06-03', 0)).json().date, '2025-06-03');
  });

  test('a year without a loaded schedule says so instead of guessing', async () => {
    const r = (await add('2027-03-01', 5)).json();
    assert.equal(r.scheduleComplete, false);
    assert.deepEqual(r.missingYears, [2027]);
  });

  test('bad dates and bad day counts → 400', async () => {
    for (const [from, days] of [
      ['2025-02-30', 1],
      ['2025-1-1', 1],
      ['x', 1],
      ['2025-01-02', -1],
      ['2025-01-02', 100000],
      ['2025-01-02', 1.5],
      ['2025-01-02', 'abc'],
    ] as const) {
      const r = await add(from, days);
      assert.equal(r.statusCode, 400, `${from} ${days}`);
      assert.equal(r.json().error.code, 'VALIDATION_FAILED');
    }
    assert.equal((await h.app.inject({ method: 'GET', url: '/api/v1/calendar/add-working-days?from=2025-01-02' })).statusCode, 400);
  });

  test('years list the shipped notices', async () => {
    const items = (await h.app.inject({ method: 'GET', url: '/api/v1/calendar/years' })).json().items;
    assert.deepEqual(
      items.map((y: { year: number }) => y.year),
      [2020, 2021, 2022, 2023, 2024, 2025, 2026],
    );
    assert.equal(items.find((y: { year: number }) => y.year === 2025).notice, '国办发明电〔2024〕12号');
    assert.ok(items.every((y: { source: string }) => y.source === 'shipped'));
    const day = (await h.app.inject({ method: 'GET', url: '/api/v1/calendar/days/2026-02-14' })).json();
    assert.equal(day.kind, 'adjustedWorkday');
  });

  test('an administrator loads a new year; invalid schedules and non-administrators are refused with nothing written', async () => {
    const count = async () => Number((await sql<{ n: string }>`select count(*) as n from calendar_schedules`.execute(h.db)).rows[0]!.n);
    const officer = await login(h.app, 'officer');
    assert.equal((await officer.request('POST', '/api/v1/calendar/years', FIXTURE_2027)).statusCode, 403);
    // the schedule holds for the whole deployment: an administrator of one division may not load it (issue 14)
    assert.equal(
      (
        await h.admin.request('POST', '/api/v1/users', {
          username: 'cal.div.admin',
          displayName: '区划管理员',
          password: 'Calendar-Passw0rd!',
          roles: ['administrator'],
          divisionCode: '150525',
        })
      ).statusCode,
      201,
    );
    const divisionAdmin = await login(h.app, 'cal.div.admin', 'Calendar-Passw0rd!');
    assert.equal((await divisionAdmin.request('POST', '/api/v1/calendar/years', FIXTURE_2027)).statusCode, 403);
    for (const bad of [
      { ...FIXTURE_2027, adjustedWorkdays: [{ name: '元旦', date: '2027-01-05' }] }, // a Tuesday
      { ...FIXTURE_2027, holidays: [{ name: '元旦', start: '2027-02-30', end: '2027-03-01' }] },
      { ...FIXTURE_2027, extra: 1 },
      ['not', 'an', 'object'],
    ]) {
      const r = await h.admin.request('POST', '/api/v1/calendar/years', bad);
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(r.json().error.code, 'INVALID_SCHEDULE');
    }
    assert.equal(await count(), 0);
    const ok = await h.admin.request('POST', '/api/v1/calendar/years', FIXTURE_2027);
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().source, 'loaded');
    assert.equal(ok.json().loadedBy, 'admin');
    const r = (await add('2026-12-31', 2)).json();
    assert.deepEqual(r, { date: '2027-01-05', scheduleComplete: true, missingYears: [] });
    assert.equal((await add('2027-01-08', 1)).json().date, '2027-01-09');
    // history is kept: the table refuses UPDATE/DELETE
    await assert.rejects(sql`delete from calendar_schedules`.execute(h.db), /append-only/);
    const audit = await h.db.selectFrom('audit_log').select('subject').where('action', '=', 'calendar.load').execute();
    assert.deepEqual(
      audit.map((a) => a.subject),
      ['2027'],
    );
  });
});
