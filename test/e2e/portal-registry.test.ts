// The portal's registry pages with published data (made through the API as an editor and approved by the head):
// the officer's post information board with its QR code and the certificate check on a 375 px phone (valid, expired,
// unknown), the agency directory and page, item search, and a flowchart drawn as SVG with one shape per step.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { describeEachEngine } from '../support/db.ts';
import { login as apiLogin, type Session } from '../support/app.ts';
import { launchBrowser, screenshot, startApp, withPage, type RunningApp } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const PHONE = { width: 375, height: 812 };

const officer = (over: Record<string, unknown>) => ({
  name: '包文明',
  gender: '男',
  post: '文化市场综合执法大队队员',
  certificateNumber: 'NM15052500101',
  categories: ['文化市场', '旅游市场'],
  area: '奈曼旗行政区域',
  validFrom: '2024-01-01',
  validTo: '2099-12-31',
  status: 'valid',
  legalQualification: { certificateNumber: 'A20191500000123', obtainedOn: '2019-12-01' },
  ...over,
});

const FLOW = {
  name: '行政处罚一般程序',
  actCategory: 'penalty',
  steps: [
    { id: 'a', kind: 'start', label: '立案', timeLimit: '发现线索之日起 15 日内', next: [{ to: 'b' }] },
    { id: 'b', kind: 'step', label: '调查取证', next: [{ to: 'c' }] },
    {
      id: 'c',
      kind: 'decision',
      label: '是否属于重大执法决定',
      next: [
        { to: 'd', label: '是' },
        { to: 'e', label: '否' },
      ],
    },
    { id: 'd', kind: 'step', label: '法制审核', timeLimit: '5 个工作日', next: [{ to: 'e' }] },
    { id: 'e', kind: 'step', label: '作出决定并送达', next: [{ to: 'f' }] },
    { id: 'f', kind: 'end', label: '结案归档' },
  ],
};

/** Draft as the editor and approve as the head; returns the record id. */
async function publish(editor: Session, head: Session, kind: string, data: unknown): Promise<string> {
  const r = await editor.request('POST', `/api/v1/registry/${kind}`, { data });
  assert.equal(r.statusCode, 201, r.body);
  const { recordId, versionId } = r.json();
  const d = await head.request('POST', `/api/v1/registry/versions/${versionId}/decision`, { decision: 'approved' });
  assert.equal(d.statusCode, 200, d.body);
  return recordId;
}

async function noOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
}

describeEachEngine('portal: registry pages', (h) => {
  let server: RunningApp;
  let officerId: string;
  let flowId: string;
  before(async () => {
    server = await startApp(h.database);
    const editor = await apiLogin(server.app, 'editor');
    const head = await apiLogin(server.app, 'head');
    officerId = await publish(editor, head, 'officer', officer({}));
    await publish(
      editor,
      head,
      'officer',
      officer({
        name: '乌云其木格',
        gender: '女',
        certificateNumber: 'NM15052500102',
        validFrom: '2018-01-01',
        validTo: '2023-12-31',
        legalQualification: null,
      }),
    );
    flowId = await publish(editor, head, 'flowchart', FLOW);
    await publish(editor, head, 'enforcementItem', {
      code: 'NMWL-CF-001',
      name: '对擅自从事营业性演出经营活动的行政处罚',
      actCategory: 'penalty',
      basis: '《营业性演出管理条例》第四十三条',
      implementingBody: '奈曼旗文化和旅游局',
      responsibleBody: '文化市场综合执法大队',
    });
    await publish(editor, head, 'agencyProfile', {
      legalBasis: '《中华人民共和国行政处罚法》',
      duties: '负责全旗文化、旅游市场的行政执法工作',
      internalUnits: ['文化市场综合执法大队'],
      jurisdiction: '奈曼旗行政区域',
      officeAddress: '奈曼旗大沁他拉镇',
      consultationPhone: '0475-4212345',
      complaintPhone: '12345',
    });
  });
  after(async () => server?.close());

  it('the officer board shows the post information and a QR code for the certificate check, on a phone', async () => {
    await withPage(
      browser,
      server.baseUrl,
      `${h.engine}-portal-registry-1`,
      async (page) => {
        await page.goto(`/officers/${officerId}`);
        const board = page.getByTestId('officer-board');
        await board.getByTestId('officer-status').getByText('证件有效').waitFor();
        const text = (await board.textContent()) ?? '';
        for (const s of [
          '行政执法人员岗位信息公示牌',
          '包文明',
          '男',
          '奈曼旗文化和旅游局',
          '文化市场综合执法大队队员',
          'NM15052500101',
          '文化市场、旅游市场',
          '奈曼旗行政区域',
          '2024-01-01 至 2099-12-31',
          '具有国家统一法律职业资格',
        ])
          assert.ok(text.includes(s), `missing ${s}`);
        assert.ok(!text.includes('A20191500000123'), 'the qualification certificate number is not public');
        await board.getByTestId('officer-qr').locator('canvas').waitFor();
        assert.match(text, new RegExp(`${server.baseUrl.replace(/[.:/]/g, '\\$&')}/certificates/NM15052500101`));
        await noOverflow(page);
        await screenshot(page, `${h.engine}-portal-officer-375`, true);
      },
      PHONE,
    );
  });

  it('the certificate check answers 有效, 已过期 or 未查到, with the date checked, on a phone', async () => {
    await withPage(
      browser,
      server.baseUrl,
      `${h.engine}-portal-registry-2`,
      async (page) => {
        await page.goto('/');
        await page.getByTestId('certificate-input').locator('input').fill('nm15052500101');
        await page.getByTestId('certificate-input').locator('input').press('Enter');
        await page.waitForURL(/\/certificates\/NM15052500101$/);
        const result = page.getByTestId('certificate-result');
        await result
          .getByTestId('certificate-status')
          .filter({ hasText: /^有效$/ })
          .waitFor();
        assert.match((await result.textContent()) ?? '', /核验日期：\d{4}年\d{1,2}月\d{1,2}日/);
        await noOverflow(page);
        await screenshot(page, `${h.engine}-portal-certificate-valid-375`, true);

        await page.goto('/certificates/NM15052500102');
        await result.getByTestId('certificate-status').filter({ hasText: '已过期' }).waitFor();
        assert.equal(await result.getAttribute('data-status'), 'expired');
        await screenshot(page, `${h.engine}-portal-certificate-expired-375`, true);

        await page.goto('/certificates/NM99999999');
        await result.getByTestId('certificate-status').filter({ hasText: '未查到该证件' }).waitFor();

        await page.goto('/certificates');
        await page.getByTestId('certificate-input').locator('input').fill('12');
        await page.getByTestId('certificate-input').locator('input').press('Enter');
        await page.getByText('执法证号应为 6-24 位数字或大写字母').waitFor();
      },
      PHONE,
    );
  });

  it('officer search: by 2+ characters of a name or the certificate number, across the region', async () => {
    await withPage(browser, server.baseUrl, `${h.engine}-portal-registry-3`, async (page) => {
      await page.goto('/officers');
      const search = page.getByTestId('officer-search').locator('input');
      await search.fill('包');
      await search.press('Enter');
      await page.getByText('请至少输入 2 个字进行搜索').waitFor();
      await search.fill('其木格');
      await search.press('Enter');
      const cards = page.getByTestId('officer-card');
      await cards.filter({ hasText: '乌云其木格' }).getByText('已过期').waitFor();
      assert.equal(await cards.count(), 1);
      await search.fill('NM15052500101');
      await search.press('Enter');
      await cards.filter({ hasText: '包文明' }).getByText('有效').waitFor();
    });
  });

  it('the directory lists a division’s agencies; the agency page has its profile and lists', async () => {
    await withPage(browser, server.baseUrl, `${h.engine}-portal-registry-4`, async (page) => {
      await page.goto('/agencies?division=150525');
      const cards = page.getByTestId('agency-card');
      await cards.filter({ hasText: '奈曼旗司法局' }).waitFor();
      await cards.filter({ hasText: '奈曼旗文化和旅游局' }).getByText('咨询电话 0475-4212345').click();
      await page.getByTestId('agency-head').getByText('奈曼旗文化和旅游局').waitFor();
      await page.getByText('负责全旗文化、旅游市场的行政执法工作').waitFor();
      assert.match((await page.getByTestId('agency-tab-officer').textContent()) ?? '', /执法人员 2/);
      await page.getByTestId('agency-tab-officer').click();
      await page.getByTestId('tab-officer').getByTestId('officer-card').nth(1).waitFor();
      await screenshot(page, `${h.engine}-portal-agency`);

      // search by name from the directory
      await page.goto('/agencies?q=' + encodeURIComponent('文化和旅游'));
      await cards.filter({ hasText: '奈曼旗文化和旅游局' }).waitFor();
    });
  });

  it('item search across agencies, and a flowchart drawn with one shape per step', async () => {
    await withPage(browser, server.baseUrl, `${h.engine}-portal-registry-5`, async (page) => {
      await page.goto('/items?kind=enforcementItem&q=' + encodeURIComponent('演出'));
      await page.getByTestId('item-title').filter({ hasText: '对擅自从事营业性演出经营活动的行政处罚' }).waitFor();
      await page.goto('/items?kind=enforcementItem&q=' + encodeURIComponent('演唱会'));
      await page.getByTestId('public-empty').waitFor();

      await page.goto(`/records/${flowId}`);
      const svg = page.getByTestId('record-page').getByTestId('flowchart-svg');
      await svg.waitFor();
      assert.equal(await svg.getAttribute('data-nodes'), '6');
      assert.equal(await svg.locator('.sx-flow-node').count(), 6);
      assert.deepEqual(await svg.locator('.sx-flow-node').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind'))), [
        'start',
        'step',
        'decision',
        'step',
        'step',
        'end',
      ]);
      assert.equal(await svg.locator('.sx-flow-decision polygon').count(), 1, 'the decision is a diamond');
      assert.equal(await svg.locator('.sx-flow-edge path').count(), 6);
      const labels = await svg.locator('text').allTextContents();
      for (const s of ['立案', '是否属于重大', '是', '否', '时限：5 个工作日', '结案归档'])
        assert.ok(
          labels.some((l) => l.includes(s)),
          `missing ${s}`,
        );
      await screenshot(page, `${h.engine}-portal-flowchart`, true);
    });
    await withPage(
      browser,
      server.baseUrl,
      `${h.engine}-portal-registry-6`,
      async (page) => {
        await page.goto(`/records/${flowId}`);
        await page.getByTestId('flowchart-svg').waitFor();
        await noOverflow(page);
        await screenshot(page, `${h.engine}-portal-flowchart-375`, true);
      },
      PHONE,
    );
  });
});
