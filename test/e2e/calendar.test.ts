// 工作日历 in the browser: an administrator loads a year's holiday schedule by uploading a JSON file; a bad file is
// refused with the server's issues listed; after loading, the calculator counts the new holidays and stops warning.
// The 2027 schedule below is a TEST FIXTURE (notice "测试用通知…"), not the State Council's real arrangement.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { describeEachEngine } from '../support/db.ts';
import { clickUntil, launchBrowser, login, withPage, screenshot, setDate, startApp, tableRows, type RunningApp } from './browser.ts';

const FIXTURE_2027 = {
  year: 2027,
  notice: '测试用通知〔2026〕99号',
  title: '测试用：2027年部分节假日安排（端到端测试数据，非官方通知）',
  publishedOn: '2026-11-01',
  holidays: [
    { name: '元旦', start: '2027-01-01', end: '2027-01-03' },
    { name: '春节', start: '2027-02-05', end: '2027-02-12' },
    { name: '国庆节', start: '2027-10-01', end: '2027-10-07' },
  ],
  adjustedWorkdays: [
    { name: '春节', date: '2027-02-20' },
    { name: '国庆节', date: '2027-10-09' },
  ],
};

/** Wrong on purpose: an adjusted workday on a Wednesday and a holiday that ends before it starts. */
const INVALID_2027 = {
  ...FIXTURE_2027,
  holidays: [{ name: '春节', start: '2027-02-12', end: '2027-02-05' }],
  adjustedWorkdays: [{ name: '春节', date: '2027-03-03' }],
};

let browser: Browser;
let dir: string;
before(async () => {
  browser = await launchBrowser();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-e2e-calendar-'));
  fs.writeFileSync(path.join(dir, 'schedule-2027-test-fixture.json'), JSON.stringify(FIXTURE_2027, null, 2));
  fs.writeFileSync(path.join(dir, 'schedule-2027-invalid.json'), JSON.stringify(INVALID_2027, null, 2));
  fs.writeFileSync(path.join(dir, 'not-json.json'), '{ "year": 2027, ');
});
after(async () => {
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function calculate(page: Page, from: string, days: number) {
  await setDate(page, 'calc-from', from);
  await page.getByTestId('calc-days').fill(String(days));
  // the reply to this very request (Enter in the date field may already have asked with the previous day count)
  const done = page.waitForResponse((r) => {
    const u = new URL(r.url());
    return (
      u.pathname === '/api/v1/calendar/add-working-days' &&
      u.searchParams.get('days') === String(days) &&
      u.searchParams.get('from') === from
    );
  });
  await page.getByTestId('calc-submit').click();
  await done;
  // and the page shows it (React renders after the reply arrives; until then the previous answer is on screen)
  const result = page.locator(`[data-testid=calc-result][data-from="${from}"][data-days="${days}"]`);
  await result.waitFor();
  return result;
}

describeEachEngine('working-day calendar in the back office', (h) => {
  let server: RunningApp;
  before(async () => {
    server = await startApp(h.database);
  });
  after(async () => server?.close());

  it('administrator loads 2027 from a JSON file; the calculator then uses it', async () => {
    await withPage(browser, server.baseUrl, `${h.engine}-calendar-1`, async (page) => {
      await login(page, 'admin');
      await page.getByTestId('menu-calendar').click();
      await tableRows(page, 'year-table').first().waitFor();
      assert.equal(await tableRows(page, 'year-table').filter({ hasText: /^2027/ }).count(), 0);

      // Before: 2027 not loaded → weekends only, with the warning.
      await calculate(page, '2027-02-04', 3);
      assert.match((await page.getByTestId('calc-date').textContent()) ?? '', /2027年2月9日/);
      assert.match(
        (await page.getByTestId('calc-warning').textContent()) ?? '',
        /该期间涉及尚未加载节假日安排的年份 2027 年，结果仅按周末推算/,
      );

      const modal = page.locator('.ant-modal').filter({ hasText: '加载年度节假日安排' });
      await clickUntil(
        page,
        () => page.getByTestId('load-schedule'),
        () => modal.isVisible(),
        'open the loading dialog',
      );
      const fileInput = modal.locator('input[type=file]');

      // Not JSON at all: refused in the browser.
      await fileInput.setInputFiles(path.join(dir, 'not-json.json'));
      await modal.getByTestId('schedule-parse-error').waitFor();
      assert.match((await modal.getByTestId('schedule-parse-error').textContent()) ?? '', /不是合法的 JSON/);

      // Invalid schedule: previewed, then refused by the server with each issue listed.
      await fileInput.setInputFiles(path.join(dir, 'schedule-2027-invalid.json'));
      await modal.getByTestId('schedule-preview-panel').waitFor();
      await modal.getByTestId('schedule-submit').click();
      const error = modal.getByTestId('schedule-error');
      await error.waitFor();
      const errorText = (await error.textContent()) ?? '';
      assert.match(errorText, /未能加载/);
      assert.match(errorText, /假期第 1 项 · 结束日期：结束日期不能早于开始日期/);
      assert.match(errorText, /调休上班日第 1 项 · 日期：调休上班日必须是星期六或星期日/);
      await screenshot(page, `${h.engine}-calendar-invalid-upload`);

      // The test fixture: preview shows the holidays, then it loads.
      await modal.getByRole('button', { name: '重新选择' }).click();
      await fileInput.setInputFiles(path.join(dir, 'schedule-2027-test-fixture.json'));
      const preview = modal.getByTestId('schedule-preview-panel');
      await preview.waitFor();
      const previewText = (await preview.textContent()) ?? '';
      assert.match(previewText, /测试用通知〔2026〕99号/);
      assert.match(previewText, /放假（3 个）/);
      assert.match(previewText, /2027-02-05/);
      await screenshot(page, `${h.engine}-calendar-preview`);
      await modal.getByTestId('schedule-submit').click();
      await page.getByText('已加载 2027 年节假日安排').waitFor();
      await modal.waitFor({ state: 'hidden' });

      const row = tableRows(page, 'year-table').filter({ hasText: '测试用通知〔2026〕99号' });
      await row.waitFor();
      const rowText = (await row.textContent()) ?? '';
      assert.match(rowText, /^2027/);
      assert.match(rowText, /管理员加载/);
      assert.match(rowText, /admin/);
      assert.match(rowText, /3 \/ 2/);
      await page.getByTestId('year-view').filter({ hasText: '2027 年节假日安排' }).waitFor();
      assert.equal(await page.locator('[data-date="2027-02-08"]').getAttribute('class'), 'sx-day sx-day-holiday');
      assert.equal(await page.locator('[data-date="2027-02-20"]').getAttribute('class'), 'sx-day sx-day-adjusted');

      // After: the Spring Festival counts, and no warning.
      const result = await calculate(page, '2027-02-04', 3);
      await page.getByTestId('calc-date').filter({ hasText: '2027年2月17日' }).waitFor();
      assert.equal(await result.getByTestId('calc-warning').count(), 0);
      await screenshot(page, `${h.engine}-calendar-loaded`, true);
    });
  });

  it('a non-administrator sees the loaded years and the list view, without loading controls', async () => {
    await withPage(browser, server.baseUrl, `${h.engine}-calendar-2`, async (page) => {
      await login(page, 'reviewer');
      await page.goto('/admin/calendar');
      await tableRows(page, 'year-table').first().waitFor();
      assert.equal(await page.getByTestId('load-schedule').count(), 0);
      await tableRows(page, 'year-table').filter({ hasText: /^2025/ }).click();
      const view = page.getByTestId('year-view').filter({ hasText: '2025 年节假日安排' });
      await view.waitFor();
      await view.getByText('列表').click();
      await view.getByText('调休上班').first().waitFor();
      assert.match((await view.textContent()) ?? '', /国办发明电〔2024〕12号/);
    });
  });
});
