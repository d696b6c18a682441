// The registry's whole loop in the browser (SPEC §2.1, 002 §30 "未经审查不得发布"): the disclosure editor registers
// an officer and an enforcement item in the back office (a server validation error lands on its field); the agency
// head approves both on the review page; the portal shows them and the certificate check answers 有效; the editor
// changes the officer, the portal keeps the old version until the head approves; the history lists both versions.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { describeEachEngine } from '../support/db.ts';
import {
  addTags,
  downloadOf,
  eventually,
  launchBrowser,
  login,
  openMenu,
  screenshot,
  selectOption,
  setDate,
  settle,
  startApp,
  tableRows,
  withPage,
  type RunningApp,
} from './browser.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const CERT = 'NM15052500188';
const ITEM = '对擅自从事营业性演出经营活动的行政处罚';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** The form drawer (新增 / 修改). */
const form = (page: Page) => page.getByTestId('record-form');

async function submitForm(page: Page) {
  await form(page).getByTestId('record-submit').click();
}

/** Approve every pending draft whose title is given, on the review page. */
async function approve(page: Page, titles: string[], shot?: string) {
  await openMenu(page, 'registryReviews');
  for (const title of titles) {
    const row = tableRows(page, 'review-table').filter({ hasText: title });
    await row.getByTestId('review-open').click();
    const drawer = page.getByTestId('review-drawer');
    await drawer.getByTestId('data-diff').waitFor();
    if (shot) await screenshot(page, shot);
    await drawer.getByTestId('review-comment').fill('核对无误');
    await drawer.getByTestId('review-approve').click();
    await row.waitFor({ state: 'detached' });
  }
}

describeEachEngine('registry: draft, review, publish, revise', (h) => {
  let server: RunningApp;
  before(async () => {
    server = await startApp(h.database);
  });
  after(async () => server?.close());

  it('the editor registers an officer and an enforcement item; the author cannot approve them', async () => {
    await withPage(browser, server.baseUrl, `${h.engine}-registry-loop-1`, async (page) => {
      await login(page, 'editor');
      await openMenu(page, 'registryOfficers');
      await page.getByTestId('record-empty').filter({ hasText: '新增执法人员' }).waitFor();
      await screenshot(page, `${h.engine}-registry-officers-empty`);

      await page.getByTestId('record-create').click();
      const f = form(page);
      await f.getByLabel('姓名').fill('包文明');
      // a photo: a file that is not an image is refused in the browser; a PNG uploads and previews
      const photoInput = f.getByTestId('field-photo').locator('input[type=file]');
      await photoInput.setInputFiles({ name: 'x.png', mimeType: 'text/plain', buffer: Buffer.from('not an image') });
      await f.getByTestId('field-photo').getByText('请选择 JPEG、PNG 或 WebP 格式的照片').waitFor();
      await photoInput.setInputFiles({ name: '包文明.png', mimeType: 'image/png', buffer: PNG });
      await f.getByTestId('field-photo').getByRole('img', { name: '执法人员照片' }).waitFor();
      await selectOption(page, f.getByTestId('field-gender'), '男');
      await f.getByLabel('岗位/职务').fill('文化市场综合执法大队队员');
      await f.getByLabel('执法证号').fill(CERT.toLowerCase());
      await addTags(page, 'field-categories', ['文化市场', '旅游市场']);
      await f.getByLabel('执法区域').fill('奈曼旗');
      await setDate(page, 'field-validFrom', '2024-01-01');
      await setDate(page, 'field-validTo', '2023-12-31');
      await f.getByTestId('field-note').fill('新入职');
      await submitForm(page);
      // the server refuses a validity that ends before it starts; the message appears under 有效期至
      const validTo = f.locator('.ant-form-item').filter({ has: page.getByTestId('field-validTo') });
      await validTo.getByText('证件有效期截止日期不能早于起始日期').waitFor();
      await f.getByTestId('record-form-error').waitFor();
      await screenshot(page, `${h.engine}-registry-officer-form-error`);

      await setDate(page, 'field-validTo', '2099-12-31');
      await submitForm(page);
      await f.waitFor({ state: 'hidden' });
      const row = tableRows(page, 'record-table').filter({ hasText: '包文明' });
      await row.waitFor();
      assert.match((await row.textContent()) ?? '', new RegExp(`${CERT}.*待审核 · 第 1 版（新登记）`));

      // an enforcement item, in the four lists
      await openMenu(page, 'registryLists');
      await page.getByTestId('kind-tab-enforcementItem').waitFor();
      await page.getByTestId('record-create').click();
      await f.getByLabel('事项编码').fill('nmwl-cf-001');
      await f.getByLabel('事项名称').fill(ITEM);
      await selectOption(page, f.getByTestId('field-actCategory'), '行政处罚');
      await f.getByLabel('实施依据').fill('《营业性演出管理条例》第四十三条');
      await f.getByLabel('实施主体').fill('奈曼旗文化和旅游局');
      await f.getByLabel('承办机构').fill('文化市场综合执法大队');
      await submitForm(page);
      await f.waitFor({ state: 'hidden' });
      await tableRows(page, 'record-table').filter({ hasText: 'NMWL-CF-001' }).waitFor();

      // the author sees both on the review page but may only withdraw
      await openMenu(page, 'registryReviews');
      const mine = tableRows(page, 'review-table').filter({ hasText: '包文明' });
      await mine.getByTestId('review-open').click();
      const drawer = page.getByTestId('review-drawer');
      await drawer.getByTestId('review-withdraw').waitFor();
      assert.equal(await drawer.getByTestId('review-approve').isDisabled(), true);
      assert.equal(await drawer.getByTestId('review-reject').count(), 0);
    });
  });

  it('the head approves both; the portal shows them and the certificate is 有效', async () => {
    await withPage(browser, server.baseUrl, `${h.engine}-registry-loop-2`, async (page) => {
      await login(page, 'head');
      await approve(page, ['包文明', ITEM], `${h.engine}-registry-review-new`);
      await page.getByText('没有待审核的公示信息').waitFor();
    });
    await withPage(browser, server.baseUrl, `${h.engine}-registry-loop-3`, async (page) => {
      await page.goto(`/certificates/${CERT}`);
      await page.getByTestId('certificate-status').filter({ hasText: '有效' }).waitFor();
      await page.getByText('文化市场综合执法大队队员').waitFor();

      await page.goto(`/officers?q=${encodeURIComponent('文明')}`);
      await page.getByTestId('officer-card').filter({ hasText: '包文明' }).click();
      await page.getByTestId('officer-board').getByText('文化市场综合执法大队队员').waitFor();
      await page.getByTestId('officer-status').getByText('证件有效').waitFor();
      const photo = page.getByTestId('officer-photo');
      await page.waitForFunction(
        (el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0,
        await photo.elementHandle(),
      );

      await page.goto('/agencies?division=150525');
      await page.getByTestId('agency-card').filter({ hasText: '奈曼旗文化和旅游局' }).click();
      await page.getByTestId('agency-tab-enforcementItem').click();
      await page.getByTestId('item-title').filter({ hasText: ITEM }).click();
      await page.getByText('《营业性演出管理条例》第四十三条').waitFor();
    });
  });

  it('a revision stays off the portal until approved; the history lists both versions', async () => {
    await withPage(browser, server.baseUrl, `${h.engine}-registry-loop-4`, async (page) => {
      await login(page, 'editor');
      await openMenu(page, 'registryOfficers');
      const row = tableRows(page, 'record-table').filter({ hasText: '包文明' });
      await row.getByText('已发布 · 第 1 版').waitFor();
      await row.getByTestId('record-revise').click();
      const f = form(page);
      await assert.doesNotReject(async () => assert.equal(await f.getByLabel('岗位/职务').inputValue(), '文化市场综合执法大队队员'));
      await f.getByLabel('岗位/职务').fill('文化市场综合执法大队副队长');
      await f.getByTestId('field-note').fill('职务调整');
      await submitForm(page);
      await f.waitFor({ state: 'hidden' });
      await row.getByText('待审核 · 第 2 版（修改）').waitFor();
      assert.equal(await row.getByTestId('record-revise').isDisabled(), true, 'no second draft while one is pending');
    });

    const portalPost = async () => {
      const r = await fetch(`${server.baseUrl}/api/v1/public/certificates/${CERT}`);
      return ((await r.json()) as { officer: { data: { post: string } } }).officer.data.post;
    };
    await withPage(browser, server.baseUrl, `${h.engine}-registry-loop-5`, async (page) => {
      await page.goto(`/certificates/${CERT}`);
      await page.getByText('文化市场综合执法大队队员').waitFor();
      assert.equal(await page.getByText('副队长').count(), 0, 'the draft is not public');
    });

    await withPage(browser, server.baseUrl, `${h.engine}-registry-loop-6`, async (page) => {
      await login(page, 'head');
      await openMenu(page, 'registryReviews');
      await tableRows(page, 'review-table').filter({ hasText: '包文明' }).getByTestId('review-open').click();
      const drawer = page.getByTestId('review-drawer');
      const changed = drawer.getByTestId('diff-changed');
      await changed.first().waitFor();
      assert.deepEqual(await changed.locator('td').allTextContents(), [
        '岗位/职务',
        '文化市场综合执法大队队员',
        '文化市场综合执法大队副队长',
      ]);
      await screenshot(page, `${h.engine}-registry-review-diff`);
      // sending back needs a reason
      await drawer.getByTestId('review-reject').click();
      await drawer.getByText('退回时请写明理由').waitFor();
      await drawer.getByTestId('review-approve').click();
      await tableRows(page, 'review-table').filter({ hasText: '包文明' }).waitFor({ state: 'detached' });
    });
    await eventually(portalPost, '文化市场综合执法大队副队长');

    await withPage(browser, server.baseUrl, `${h.engine}-registry-loop-7`, async (page) => {
      await login(page, 'editor');
      await openMenu(page, 'registryOfficers');
      await tableRows(page, 'record-table').filter({ hasText: '包文明' }).getByTestId('record-history').click();
      const history = page.getByTestId('history-drawer');
      const versions = history.getByTestId('history-version');
      await eventually(() => versions.count(), 2);
      const texts = await versions.allTextContents();
      assert.match(texts[0]!, /第 2 版 · 修改.*已通过.*当前公示版本.*起草：陈公示.*职务调整.*审核：王局长/);
      assert.match(texts[1]!, /第 1 版 · 新登记.*已通过.*起草：陈公示.*新入职.*审核：王局长.*核对无误/);
      await versions.first().getByText('查看变更（与第 1 版相比）').click();
      await settle(page);
      await history.getByTestId('diff-changed').filter({ hasText: '副队长' }).waitFor();
      await screenshot(page, `${h.engine}-registry-history`);

      // CSV export of the list
      await page.keyboard.press('Escape');
      await history.waitFor({ state: 'hidden' });
      const download = await downloadOf(page, page.getByTestId('export-csv'));
      assert.match(download.suggestedFilename(), /^执法人员_\d{8}\.csv$/);
    });
  });
});
