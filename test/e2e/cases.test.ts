// Case handling in the browser, on a phone (375 px) and on a desktop: an officer registers a case, the unit head
// approves the opening, the officer records an inquiry with two certified officers (a single officer is refused
// with the reason on the form), and the head sees the recorded acts with their certificate checks and ledger tags.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { describeEachEngine } from '../support/db.ts';
import { login as apiLogin } from '../support/app.ts';
import { chooseOfficer, launchBrowser, login, screenshot, settle, startApp, tableRows, withPage, type RunningApp } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const officerData = (name: string, certificateNumber: string) => ({
  name,
  gender: '女',
  post: '文化市场综合执法大队队员',
  certificateNumber,
  categories: ['文化市场'],
  area: '奈曼旗',
  validFrom: '2020-01-01',
  validTo: '2099-12-31',
  status: 'valid',
});

describeEachEngine('cases in the browser', (h) => {
  let server: RunningApp;
  before(async () => {
    server = await startApp(h.database);
    const editor = await apiLogin(server.app, 'editor');
    const head = await apiLogin(server.app, 'head');
    for (const d of [officerData('孙执法', 'NMUI0001'), officerData('周执法', 'NMUI0002')]) {
      const r = await editor.request('POST', '/api/v1/registry/officer', { data: d });
      assert.equal(r.statusCode, 201, r.body);
      assert.equal(
        (await head.request('POST', `/api/v1/registry/versions/${r.json().versionId}/decision`, { decision: 'approved' })).statusCode,
        200,
      );
    }
  });
  after(async () => server?.close());

  for (const [label, viewport] of [['desktop', { width: 1366, height: 900 }]] as const) {
    it(`an officer registers a case and records an inquiry (${label})`, async () => {
      let caseUrl = '';
      await withPage(
        browser,
        server.baseUrl,
        `${h.engine}-cases-${label}`,
        async (page) => {
          await login(page, 'officer');
          await page.goto(`${server.baseUrl}/admin/cases`);
          await page.getByTestId('case-create').click();
          const modal = page.locator('.ant-modal').filter({ hasText: '登记案件' });
          await modal.getByTestId('case-cause').fill(`擅自从事互联网上网服务经营活动（${label}）`);
          await modal.getByTestId('case-field').fill('文化市场');
          await modal.getByTestId('case-party-name').fill('奈曼旗某网吧');
          await settle(page);
          await modal.getByRole('button', { name: '登记' }).click();
          await page.getByTestId('case-page').waitFor();
          await page.getByText('启动（待立案审批）').first().waitFor();
          caseUrl = page.url();
          const caseId = caseUrl.split('/').pop()!;
          // the unit head approves the opening (through the API: the head's own page is tested below)
          const unithead = await apiLogin(server.app, 'unithead');
          const approved = await unithead.request('POST', `/api/v1/cases/${caseId}/acts`, {
            type: 'opening',
            occurredAt: new Date().toISOString(),
            content: { approved: true, opinion: '同意立案' },
          });
          assert.equal(approved.statusCode, 201, approved.body);
          await page.reload();
          await page.getByText('调查取证').first().waitFor();

          await page.getByTestId('act-record').click();
          const drawer = page.getByTestId('act-drawer');
          await drawer.waitFor();
          await settle(page);
          await chooseOfficer(page, 'NMUI0001');
          await drawer.getByTestId('act-certificate-shown').getByText('已出示').click();
          await drawer.getByLabel('被询问人').fill('王某');
          await drawer.getByLabel('询问笔录').fill('问：是否取得网络文化经营许可证？答：没有。');
          if (label === 'desktop') {
            // one officer is not enough (000 §16): the server's reason is shown on the form
            await drawer.getByTestId('act-submit').click();
            const error = drawer.getByTestId('act-error');
            await error.waitFor();
            assert.match((await error.textContent()) ?? '', /两名以上/);
            await screenshot(page, `${h.engine}-case-act-refused-${label}`);
          }
          await chooseOfficer(page, 'NMUI0002');
          await drawer.getByTestId('act-submit').click();
          await page.getByText('已记录：询问笔录（已写入账本）').waitFor();
          const act = page.getByTestId('act-3');
          await act.waitFor();
          assert.match((await act.textContent()) ?? '', /孙执法（NMUI0001）证件有效.*周执法（NMUI0002）证件有效/);
          await screenshot(page, `${h.engine}-case-page-${label}`, true);
        },
        viewport,
      );

      // the same case on a phone in the field (375 px): readable, no sideways scrolling, the record button at hand
      await withPage(
        browser,
        server.baseUrl,
        `${h.engine}-cases-phone`,
        async (page) => {
          await login(page, 'officer');
          await page.goto(caseUrl);
          await page.getByTestId('act-3').waitFor();
          await page.getByTestId('act-record').waitFor();
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          assert.ok(overflow <= 1, `the case page fits 375 px (overflow ${overflow} px)`);
          await screenshot(page, `${h.engine}-case-page-phone`, true);
        },
        { width: 375, height: 812 },
      );

      await withPage(
        browser,
        server.baseUrl,
        `${h.engine}-cases-head-${label}`,
        async (page) => {
          await login(page, 'head');
          await page.goto(`${server.baseUrl}/admin/cases`);
          const row = tableRows(page, 'case-table').filter({ hasText: `（${label}）` });
          await row.waitFor();
          assert.match((await row.textContent()) ?? '', /调查取证/);
          await row.getByRole('link').click();
          await page.getByTestId('act-3').waitFor();
          assert.match((await page.getByTestId('act-1').textContent()) ?? '', /案件登记/);
          assert.match((await page.getByTestId('act-2').textContent()) ?? '', /立案审批/);
        },
        viewport,
      );
    });
  }
});
