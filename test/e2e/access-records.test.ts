// 调阅申请 and 音像记录 in the browser: a colleague outside the handling team is refused a case page and offered an
// access request, asks for it by case number, the agency head approves it in the list, and the colleague then reads
// the case; the media-records list shows late uploads with their reasons and filters them (desktop and 375 px).
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { describeEachEngine } from '../support/db.ts';
import { login as apiLogin } from '../support/app.ts';
import { launchBrowser, login, screenshot, selectOption, settle, startApp, tableRows, withPage, type RunningApp } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const meta = (m: Record<string, string>) =>
  Object.entries(m)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
    .join(',');

describeEachEngine('access requests and media records in the browser', (h) => {
  let server: RunningApp;
  let caseId = '';
  let number = '';
  before(async () => {
    server = await startApp(h.database);
    const officer = await apiLogin(server.app, 'officer');
    const c = await officer.request('POST', '/api/v1/cases', {
      actCategory: 'penalty',
      origin: 'exOfficio',
      cause: '未经许可经营娱乐场所',
      field: '文化市场',
      party: { kind: 'person', name: '钱某' },
    });
    caseId = c.json().id;
    number = c.json().number;
    const up = await officer.request('POST', '/api/v1/uploads', undefined, {
      'tus-resumable': '1.0.0',
      'upload-length': '4',
      'upload-metadata': meta({
        filename: '牧区执法.wav',
        recordingEnd: new Date(Date.now() - 40 * 3600_000).toISOString(),
        lateReason: '在边远牧区执法，无网络',
      }),
    });
    assert.equal(up.statusCode, 201, up.body);
    const p = await officer.request('PATCH', up.headers.location as string, Buffer.from('abcd'), {
      'tus-resumable': '1.0.0',
      'upload-offset': '0',
      'content-type': 'application/offset+octet-stream',
    });
    assert.equal(p.statusCode, 204, p.body);
  });
  after(async () => server?.close());

  it('a colleague asks for access by case number, the head approves, the colleague reads the case', async () => {
    await withPage(browser, server.baseUrl, `${h.engine}-access-officer2`, async (page) => {
      await login(page, 'officer2');
      await page.goto(`${server.baseUrl}/admin/cases/${caseId}`);
      await page.getByText('查看本案记录须提出调阅申请').waitFor();
      await page.getByRole('button', { name: '提出调阅申请' }).click();
      await page.getByTestId('access-requests').waitFor();
      await page.getByTestId('access-new').click();
      const modal = page.locator('.ant-modal').filter({ hasText: '调阅申请' });
      await modal.getByTestId('access-case-number').fill(number);
      await modal.getByTestId('access-purpose').fill('办理关联案件需查阅本案询问笔录');
      await settle(page);
      await modal.getByRole('button', { name: '提交' }).click();
      await page.getByText(/已提交调阅申请/).waitFor();
      const row = tableRows(page, 'access-table').filter({ hasText: number });
      await row.getByText('待批准').waitFor();
    });
    await withPage(browser, server.baseUrl, `${h.engine}-access-head`, async (page) => {
      await login(page, 'head');
      await page.goto(`${server.baseUrl}/admin/access-requests`);
      const row = tableRows(page, 'access-table').filter({ hasText: number });
      await row.getByTestId('access-approve').click();
      await row.getByText('已批准').waitFor();
      await screenshot(page, `${h.engine}-access-requests-head`);
    });
    await withPage(browser, server.baseUrl, `${h.engine}-access-officer2-after`, async (page) => {
      await login(page, 'officer2');
      await page.goto(`${server.baseUrl}/admin/access-requests`);
      await tableRows(page, 'access-table').filter({ hasText: number }).getByRole('link', { name: number }).click();
      await page.getByTestId('case-page').waitFor();
      assert.equal(await page.getByTestId('case-export').count(), 0, 'a view-only grant offers no export');
    });
  });

  for (const [label, viewport] of [
    ['desktop', { width: 1366, height: 900 }],
    ['phone', { width: 375, height: 812 }],
  ] as const) {
    it(`the media-records list reports late uploads with their reasons (${label})`, async () => {
      await withPage(
        browser,
        server.baseUrl,
        `${h.engine}-records-${label}`,
        async (page) => {
          await login(page, 'head');
          await page.goto(`${server.baseUrl}/admin/records`);
          await page.getByTestId('records-page').waitFor();
          await selectOption(page, page.getByTestId('records-late'), '逾期上传');
          const row = tableRows(page, 'records-table').filter({ hasText: '牧区执法.wav' });
          await row.waitFor();
          assert.match((await row.textContent()) ?? '', /逾期上传.*在边远牧区执法，无网络/);
          await screenshot(page, `${h.engine}-records-${label}`);
        },
        viewport,
      );
    });
  }
});
