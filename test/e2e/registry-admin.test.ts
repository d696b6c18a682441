// Back-office registry pages beyond the main loop: the flowchart editor's live preview (one shape per step as steps
// are added), the agency profile (one per agency: no second "登记" once it exists), filters and their empty states,
// rejection with a reason reaching the author, and a supervisor's read-only view of its subtree.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { describeEachEngine } from '../support/db.ts';
import { login as apiLogin } from '../support/app.ts';
import {
  eventually,
  launchBrowser,
  login,
  openMenu,
  screenshot,
  selectOption,
  startApp,
  tableRows,
  withPage,
  type RunningApp,
} from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const previewNodes = (page: Page) => page.getByTestId('flow-preview').locator('.sx-flow-node').count();

describeEachEngine('registry back office', (h) => {
  let server: RunningApp;
  before(async () => {
    server = await startApp(h.database);
  });
  after(async () => server?.close());

  it('the flowchart editor previews the chart as it is edited', async () => {
    await withPage(browser, server.baseUrl, `${h.engine}-registry-admin-1`, async (page) => {
      await login(page, 'editor');
      await openMenu(page, 'registryTexts');
      await page.getByTestId('kind-tab-flowchart').click();
      await page.waitForURL(/\/admin\/registry\/texts\/flowchart$/);
      await page.getByTestId('record-empty').filter({ hasText: '新增流程图' }).waitFor();
      await page.getByTestId('record-create').click();
      const form = page.getByTestId('record-form');
      await form.getByLabel('流程名称').fill('行政许可一般程序');
      await selectOption(page, form.getByTestId('field-actCategory'), '行政许可');
      // the form starts from 立案 → 调查取证 → 结案
      await eventually(() => previewNodes(page), 3);
      await form.getByTestId('flow-add-step').click();
      // a new step goes before 结束, in the path to it
      await form.getByTestId('flow-step-label').nth(2).fill('送达');
      await eventually(() => previewNodes(page), 4);
      const text = await page.getByTestId('flow-preview').locator('text').allTextContents();
      assert.ok(text.includes('送达'), 'the new step is drawn');
      assert.equal(await page.getByTestId('flow-preview').locator('.sx-flow-edge').count(), 3, '立案 → 调查取证 → 送达 → 结案');
      await screenshot(page, `${h.engine}-registry-flowchart-editor`);
      await form.getByTestId('record-submit').click();
      await form.waitFor({ state: 'hidden' });
      await tableRows(page, 'record-table').filter({ hasText: '行政许可一般程序' }).getByText('待审核 · 第 1 版（新登记）').waitFor();

      // filters: nothing published yet; the pending one is found by state and keyword
      await selectOption(page, page.getByTestId('record-state-filter'), '已发布');
      await page.getByTestId('record-empty').filter({ hasText: '没有符合条件的记录' }).waitFor();
      await selectOption(page, page.getByTestId('record-state-filter'), '待审核');
      await tableRows(page, 'record-table').filter({ hasText: '行政许可一般程序' }).waitFor();
    });
  });

  it('the agency profile is registered once; a rejection reaches the author with its reason', async () => {
    const head = await apiLogin(server.app, 'head');
    await withPage(browser, server.baseUrl, `${h.engine}-registry-admin-2`, async (page) => {
      await login(page, 'editor');
      await openMenu(page, 'registryProfile');
      await page.getByTestId('record-empty').filter({ hasText: '尚未登记本部门的执法主体信息' }).waitFor();
      await page.getByTestId('record-create').click();
      const form = page.getByTestId('record-form');
      await form.getByLabel('执法主体资格的法律依据').fill('《中华人民共和国行政处罚法》');
      await form.getByLabel('法定职责').fill('负责全旗文化、旅游市场的行政执法工作');
      await form.getByLabel('管辖范围').fill('奈曼旗行政区域');
      await form.getByLabel('办公地址').fill('奈曼旗大沁他拉镇');
      await form.getByLabel('咨询电话').fill('0475-4212345');
      await form.getByLabel('监督投诉电话').fill('12345');
      await form.getByLabel('门户网站').fill('not a url');
      await form.getByTestId('record-submit').click();
      await form.getByText('请填写完整的网址').waitFor();
      // http and https only (issue 14): a javascript: link is refused before it is sent
      await form.getByLabel('门户网站').fill('javascript://www.gov.cn/%0aalert(1)');
      await form.getByTestId('record-submit').click();
      await form.getByText('网址应以 http:// 或 https:// 开头').waitFor();
      await form.getByLabel('门户网站').fill('');
      await form.getByTestId('record-submit').click();
      await form.waitFor({ state: 'hidden' });
      const row = tableRows(page, 'record-table').filter({ hasText: '奈曼旗文化和旅游局' });
      await row.waitFor();
      assert.equal(await page.getByTestId('record-create').count(), 0, 'one profile per agency');

      const pending = (await head.request('GET', '/api/v1/registry/reviews?kind=agencyProfile')).json().items[0];
      const r = await head.request('POST', `/api/v1/registry/versions/${pending.versionId}/decision`, {
        decision: 'rejected',
        comment: '请补充内设执法机构',
      });
      assert.equal(r.statusCode, 200, r.body);
      await page.reload();
      await row.getByText('第 1 版已退回').waitFor();
      await row.getByTestId('record-revise').click();
      await form.getByText('退回理由：请补充内设执法机构').waitFor();
      assert.equal(await form.getByLabel('咨询电话').inputValue(), '0475-4212345', 'the returned draft is loaded for fixing');
      await screenshot(page, `${h.engine}-registry-profile-returned`);
    });
  });

  it('a supervisor reads the registry of its subtree, without drafting', async () => {
    await withPage(browser, server.baseUrl, `${h.engine}-registry-admin-3`, async (page) => {
      await login(page, 'tongliao.supervisor');
      await openMenu(page, 'registryTexts');
      await page.getByTestId('kind-tab-flowchart').click();
      const row = tableRows(page, 'record-table').filter({ hasText: '行政许可一般程序' });
      await row.waitFor();
      assert.match((await row.textContent()) ?? '', /奈曼旗文化和旅游局/);
      assert.equal(await page.getByTestId('record-create').count(), 0);
      assert.equal(await row.getByTestId('record-revise').count(), 0);
      await selectOption(page, page.getByTestId('record-agency-filter'), '奈曼旗司法局');
      await page.getByTestId('record-empty').waitFor();
      await row.waitFor({ state: 'detached' });
      await screenshot(page, `${h.engine}-registry-supervisor`);
    });
  });
});
