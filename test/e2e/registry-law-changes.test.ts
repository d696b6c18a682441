// Dynamic update of the registry in the browser (002 公示办法 §25): under songyuan-2019 (20 working days) the editor
// records a change of law that a published item cites, with an effective date long past: it is 已逾期 at once, on
// the page, in the menu and on the dashboard; the Tongliao supervisor sees it in its jurisdiction, read-only; the
// editor revises the item from the change's drawer, the head approves, and the change shows 已完成.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { describeEachEngine } from '../support/db.ts';
import { login as apiLogin } from '../support/app.ts';
import {
  downloadOf,
  launchBrowser,
  login,
  openMenu,
  screenshot,
  setDate,
  startApp,
  tableRows,
  withPage,
  type RunningApp,
} from './browser.ts';

const ITEM = '对擅自从事营业性演出经营活动的行政处罚';
const CHANGE = '《营业性演出管理条例》修订';
const OTHER = '对旅行社未经许可经营旅行社业务的处罚';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Wait until no drawer is sliding in or out (for screenshots). */
const drawersSettled = (page: Page) =>
  page.waitForFunction(
    () =>
      ![...document.querySelectorAll('.ant-drawer-content-wrapper, .ant-drawer-mask')].some((e) =>
        /motion|-appear|-enter|-leave/.test(e.className),
      ),
    undefined,
    { polling: 50 },
  );

const changeRow = (page: Page) => tableRows(page, 'law-change-table').filter({ hasText: CHANGE });
const drawer = (page: Page) => page.getByTestId('law-change-drawer');
const itemRow = (page: Page, title: string) =>
  drawer(page).getByTestId('law-change-items').locator('tr.ant-table-row').filter({ hasText: title });

describeEachEngine('registry: law changes and their update deadline', (h) => {
  let server: RunningApp;
  before(async () => {
    server = await startApp(h.database);
    const admin = await apiLogin(server.app, 'admin');
    const policy = await admin.request('PUT', '/api/v1/divisions/150525/policy', { policyId: 'songyuan-2019' });
    assert.equal(policy.statusCode, 200, policy.body);
    // two published items: one cites the regulation, one does not
    const editor = await apiLogin(server.app, 'editor');
    const head = await apiLogin(server.app, 'head');
    for (const [name, basis] of [
      [ITEM, '《营业性演出管理条例》第四十三条'],
      [OTHER, '《旅行社条例》第四十六条'],
    ]) {
      const data = { name, actCategory: 'penalty', basis, implementingBody: '奈曼旗文化和旅游局', responsibleBody: '文化市场综合执法大队' };
      const d = await editor.request('POST', '/api/v1/registry/enforcementItem', { data });
      assert.equal(d.statusCode, 201, d.body);
      const ok = await head.request('POST', `/api/v1/registry/versions/${d.json().versionId}/decision`, { decision: 'approved' });
      assert.equal(ok.statusCode, 200, ok.body);
    }
  });
  after(async () => server?.close());

  it('the editor records the change: the citing item is listed and the change is 已逾期', async () => {
    await withPage(browser, server.baseUrl, `${h.engine}-law-changes-1`, async (page) => {
      await login(page, 'editor');
      await openMenu(page, 'registryLawChanges');
      await page.getByTestId('law-change-empty').filter({ hasText: '登记变更' }).waitFor();
      await page.getByTestId('law-change-create').click();
      const form = page.getByTestId('law-change-form');
      await form.getByTestId('law-change-submit').click();
      await form.getByText('请填写变更事项').waitFor();
      await form.getByTestId('law-change-title').fill(CHANGE);
      await form.getByText('按“营业性演出管理条例”查找').waitFor();
      await setDate(page, 'law-change-date', '2025-03-03');
      await form.getByTestId('law-change-note').fill('国务院令第 xxx 号');
      await screenshot(page, `${h.engine}-law-change-form`);
      await form.getByTestId('law-change-submit').click();

      // the drawer opens on the new change: one item cites it, past its 20-working-day deadline
      const d = drawer(page);
      await d.getByTestId('law-change-status').filter({ hasText: '已逾期' }).waitFor();
      assert.equal(await d.getByTestId('law-change-items').locator('tr.ant-table-row').count(), 1);
      await itemRow(page, ITEM).getByText('待更新').waitFor();
      assert.match((await d.getByTestId('law-change-deadline').textContent()) ?? '', /^2025-03-31 前已逾期 \d+ 天$/);
      await drawersSettled(page);
      await screenshot(page, `${h.engine}-law-change-drawer`);
      await page.keyboard.press('Escape');
      await d.waitFor({ state: 'hidden' });

      const row = changeRow(page);
      assert.match(
        (await row.textContent()) ?? '',
        /法律法规变更 · 查找“营业性演出管理条例”.*2025-03-03.*2025-03-31 前.*已更新 0 \/ 1 项.*已逾期.*陈公示/,
      );
      await page.getByTestId('law-change-overdue').getByText('有 1 项变更已超过更新期限').waitFor();
      await page.getByTestId('menu-badge-registryLawChanges').getByText('1').waitFor();
      await screenshot(page, `${h.engine}-law-changes-overdue`);
      const csv = await downloadOf(page, page.getByTestId('law-change-csv'));
      assert.match(csv.suggestedFilename(), /^法律法规变更_\d{8}\.csv$/);
    });
  });

  it('the Tongliao supervisor sees the overdue change on its dashboard and list, read-only', async () => {
    await withPage(browser, server.baseUrl, `${h.engine}-law-changes-2`, async (page) => {
      await login(page, 'tongliao.supervisor');
      await page.getByTestId('todo-overdue').getByText('1').waitFor();
      assert.equal(await page.getByTestId('todo-reviews').count(), 0, 'supervisors review nothing');
      await page.getByTestId('todo-overdue').click();
      await page.waitForURL(/\/admin\/registry\/law-changes\?state=overdue$/);
      const row = changeRow(page);
      assert.match((await row.textContent()) ?? '', /奈曼旗文化和旅游局.*已逾期/);
      assert.equal(await page.getByTestId('law-change-create').count(), 0);
      await page.getByText('管理范围内有 1 项变更已超过更新期限').waitFor();
      await screenshot(page, `${h.engine}-law-changes-supervisor`);
      await row.getByTestId('law-change-open').click();
      await itemRow(page, ITEM).getByText('待更新').waitFor();
      assert.equal(await drawer(page).getByTestId('law-change-revise').count(), 0);
    });
  });

  it('the editor revises the item from the drawer; once the head approves, the change is 已完成', async () => {
    await withPage(browser, server.baseUrl, `${h.engine}-law-changes-3`, async (page) => {
      await login(page, 'editor');
      await openMenu(page, 'registryLawChanges');
      await changeRow(page).getByTestId('law-change-open').click();
      await itemRow(page, ITEM).getByTestId('law-change-revise').click();
      const form = page.getByTestId('record-form');
      const basis = form.getByLabel('实施依据');
      await assert.doesNotReject(async () => {
        for (let i = 0; i < 50 && (await basis.inputValue()) === ''; i++) await page.waitForTimeout(100);
        assert.equal(await basis.inputValue(), '《营业性演出管理条例》第四十三条');
      });
      assert.equal(await form.getByTestId('field-note').inputValue(), `依据${CHANGE}更新`);
      await basis.fill('《营业性演出管理条例》（2025 年修订）第四十三条');
      await form.getByTestId('record-submit').click();
      await form.waitFor({ state: 'hidden' });
      await itemRow(page, ITEM).getByText('修改待审核 · 第 2 版').waitFor();
      assert.equal(await itemRow(page, ITEM).getByTestId('law-change-revise').isDisabled(), true);
      await drawersSettled(page);
      await screenshot(page, `${h.engine}-law-change-revised`);
    });

    await withPage(browser, server.baseUrl, `${h.engine}-law-changes-4`, async (page) => {
      await login(page, 'head');
      await page.getByTestId('todo-reviews').getByText('1').waitFor();
      await openMenu(page, 'registryReviews');
      const row = tableRows(page, 'review-table').filter({ hasText: ITEM });
      await row.getByTestId('review-open').click();
      const review = page.getByTestId('review-drawer');
      await review.getByTestId('diff-changed').filter({ hasText: '2025 年修订' }).waitFor();
      await review.getByTestId('review-approve').click();
      await row.waitFor({ state: 'detached' });

      await openMenu(page, 'registryLawChanges');
      await changeRow(page).getByTestId('law-change-status').filter({ hasText: '已完成' }).waitFor();
      assert.match((await changeRow(page).textContent()) ?? '', /已更新 1 \/ 1 项/);
      assert.equal(await page.getByTestId('law-change-overdue').count(), 0);
      await page.getByTestId('menu-badge-registryLawChanges').waitFor({ state: 'detached' });
      await changeRow(page).getByTestId('law-change-open').click();
      await itemRow(page, ITEM)
        .getByText(/^已更新 · \d{4}-\d{2}-\d{2}$/)
        .waitFor();
      await drawersSettled(page);
      await screenshot(page, `${h.engine}-law-change-done`);

      // on a phone the page fits the screen (the table scrolls inside it)
      await page.keyboard.press('Escape');
      await drawer(page).waitFor({ state: 'hidden' });
      await page.setViewportSize({ width: 375, height: 812 });
      await changeRow(page).waitFor();
      // the layout follows the new width over a few frames (the side menu collapses): wait for it, then measure
      await page
        .waitForFunction(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth, undefined, { timeout: 5000 })
        .catch(() => {});
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
      await screenshot(page, `${h.engine}-law-changes-375`);
    });
  });
});
