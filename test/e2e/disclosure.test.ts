// Decision publication in the browser (SPEC §2.3-2.4): a penalty decision is issued → its disclosure record appears
// with the deadline → the editor reviews the highlighted personal data, masks one more word and confirms → the head
// publishes (the editor cannot: a second person) → the portal finds it by a 2-character keyword, personal data gone →
// the decision is revoked on reconsideration → the record is off the portal and open data, the change notice the
// editor publishes is shown. The board draws its chart; the record page and the portal page work at 375 px.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { describeEachEngine } from '../support/db.ts';
import { login as apiLogin } from '../support/app.ts';
import { minutesAgo } from '../support/http.ts';
import { shanghaiDate } from '../../src/server/platform/calendar/calendar.dates.ts';
import { EXCLUSION_REASONS } from '../../src/server/modules/disclosure/disclosure.rules.ts';
import { launchBrowser, login, screenshot, selectOption, startApp, tableRows, withPage, type RunningApp } from './browser.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const CERTS = ['NMPUBB001', 'NMPUBB002'];
const PHONE = '13912345678';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describeEachEngine('decision publication, in the browser', (h) => {
  let server: RunningApp;
  let caseId = '';
  /** A penalty case up to its decision, through the API (recording acts in the browser is the lifecycle test's subject). */
  const decide = async (name: string, facts: string) => {
    const [head, officer, unithead] = await Promise.all(['head', 'officer', 'unithead'].map((u) => apiLogin(server.app, u)));
    const c = await officer.request('POST', '/api/v1/cases', {
      actCategory: 'penalty',
      origin: 'exOfficio',
      cause: '接纳未成年人进入营业场所',
      field: '文化市场',
      party: { kind: 'organisation', name, representative: '周某' },
    });
    for (const [s, body] of [
      [unithead, { type: 'opening', content: { approved: true, opinion: '同意立案' } }],
      [officer, { type: 'inquiry', officers: CERTS, certificateShown: true, content: { person: '周某', transcript: '问答' } }],
      [officer, { type: 'rightsNotice', content: { facts, basis: '条例第三十一条', proposed: '警告，罚款', hearingEligible: false } }],
      [officer, { type: 'statementDefence', content: { waived: true, hearingRequested: false } }],
      [
        head,
        {
          type: 'decision',
          occurredAt: minutesAgo(20),
          content: {
            decision: '警告，并处罚款人民币一万元',
            basis: '《互联网上网服务营业场所管理条例》第三十一条',
            fineFen: 1_000_000,
            remedy: '六十日内申请复议',
          },
        },
      ],
    ] as const) {
      const r = await s.request('POST', `/api/v1/cases/${c.json().id}/acts`, { occurredAt: minutesAgo(30), ...body });
      assert.equal(r.statusCode, 201, r.body);
    }
    return c.json().id as string;
  };
  before(async () => {
    server = await startApp(h.database);
    const [editor, head] = await Promise.all(['editor', 'head'].map((u) => apiLogin(server.app, u)));
    for (const [name, cert] of [
      ['钱执法', CERTS[0]!],
      ['孙执法', CERTS[1]!],
    ] as const) {
      const r = await editor.request('POST', '/api/v1/registry/officer', {
        data: {
          name,
          gender: '男',
          post: '执法大队队员',
          certificateNumber: cert,
          categories: ['文化市场'],
          area: '奈曼旗',
          validFrom: '2020-01-01',
          validTo: '2099-12-31',
          status: 'valid',
        },
      });
      assert.equal(
        (await head.request('POST', `/api/v1/registry/versions/${r.json().versionId}/decision`, { decision: 'approved' })).statusCode,
        200,
      );
    }
    caseId = await decide('奈曼旗蓝鲸电竞馆', `当事人接纳未成年人进入营业场所，经营者手机${PHONE}，住址：奈曼旗大沁他拉镇翠湖小区5栋2单元`);
  });
  after(async () => server?.close());

  it('editor redacts, head publishes, the portal finds it; revoked → gone, change notice shown', async () => {
    let recordUrl = '';
    await withPage(browser, server.baseUrl, `disclosure-editor-${h.engine}`, async (page) => {
      await login(page, 'editor');
      await page.goto('/admin/disclosures');
      const row = tableRows(page, 'disclosure-table').filter({ hasText: '奈曼旗蓝鲸电竞馆' });
      await row.waitFor();
      assert.match(await row.getByTestId('disclosure-due').innerText(), /期限 \d{4}-\d{2}-\d{2}/);
      assert.equal(await row.getByTestId('disclosure-state').innerText(), '待脱敏');
      await row.getByRole('link', { name: '奈曼旗蓝鲸电竞馆' }).click();
      await page.getByTestId('redaction-editor').waitFor();
      recordUrl = new URL(page.url()).pathname;
      const findings = page.getByTestId('redact-facts').getByTestId('redact-finding');
      assert.deepEqual(
        await findings.evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.kind, (e as HTMLElement).dataset.masked])),
        [
          ['phone', 'true'],
          ['address', 'true'],
        ],
      );
      // keep the phone for a moment, then mask it again: the preview follows
      await findings.first().click();
      assert.ok((await page.getByTestId('redact-preview-facts').innerText()).includes(PHONE));
      await findings.first().click();
      assert.ok(!(await page.getByTestId('redact-preview-facts').innerText()).includes(PHONE));
      // one more word the detectors do not know
      await page.getByTestId('redact-word-facts').fill('大沁他拉镇');
      await page.getByTestId('redact-add-facts').click();
      assert.ok(!(await page.getByTestId('redact-preview-facts').innerText()).includes('大沁他拉镇'));
      await screenshot(page, `disclosure-redaction-${h.engine}`, true);
      await page.getByTestId('disclosure-prepare').click();
      await page.getByTestId('prepared-card').waitFor();
      assert.equal(await page.getByTestId('disclosure-state').innerText(), '待审查发布');
      assert.equal(await page.getByTestId('disclosure-publish').count(), 0, 'the editor who redacted cannot publish');
      assert.ok(await page.getByText('须由另一名公示审核员或负责人审查后发布').isVisible());
    });

    await withPage(browser, server.baseUrl, `disclosure-head-${h.engine}`, async (page) => {
      await login(page, 'head');
      await page.goto(recordUrl);
      const published = page.getByTestId('published-view').first();
      assert.ok(!(await published.innerText()).includes(PHONE));
      await page.getByTestId('disclosure-publish').click();
      await page.getByText(/^已公示（/).waitFor();
      assert.equal(await page.getByTestId('disclosure-state').innerText(), '已公示');
      assert.ok(await page.getByText('已记入账本').first().isVisible());
    });

    // the portal: a 2-character keyword finds it; the page shows no personal data (checked at 375 px too)
    let decisionUrl = '';
    await withPage(
      browser,
      server.baseUrl,
      `portal-decisions-${h.engine}`,
      async (page) => {
        await page.goto('/decisions');
        await page.getByTestId('decision-search').locator('input').fill('蓝鲸');
        await page.getByTestId('decision-search').locator('input').press('Enter');
        const item = page.getByTestId('decision-item').filter({ hasText: '奈曼旗蓝鲸电竞馆' });
        await item.waitFor();
        assert.equal(await page.getByTestId('decision-item').count(), 1);
        await item.click();
        await page.getByTestId('decision-fields').waitFor();
        decisionUrl = new URL(page.url()).pathname;
        const text = await page.getByTestId('decision-page').innerText();
        assert.ok(!text.includes(PHONE) && !text.includes('翠湖小区') && !text.includes('大沁他拉镇'), text);
        assert.ok(text.includes('警告，并处罚款人民币一万元'));
        // a correction request with a photo as evidence, from the phone
        await page.getByTestId('correction-open').click();
        await page.getByLabel('姓名或单位名称').fill('周某');
        await page.getByLabel('联系方式').fill('13700000000');
        await page.getByLabel('不准确之处及证据').fill('罚款已缴纳，公示的处理结果未注明');
        await page.locator('.ant-upload input[type=file]').setInputFiles({ name: '缴款凭证.png', mimeType: 'image/png', buffer: PNG });
        await page.locator('.ant-upload-list-item-done').waitFor();
        await page.getByTestId('correction-submit').click();
        assert.match(await page.getByTestId('correction-done').innerText(), /查询码 [A-Z0-9]{10}/);
        await screenshot(page, `portal-decision-phone-${h.engine}`, true);
      },
      { width: 375, height: 800 },
    );

    // revoked on reconsideration (recorded in the case): gone from search and open data at once
    const officer = await apiLogin(server.app, 'officer');
    const r = await officer.request('POST', `/api/v1/cases/${caseId}/acts`, {
      type: 'remedyOutcome',
      occurredAt: minutesAgo(1),
      content: {
        proceeding: 'reconsideration',
        outcome: 'revoked',
        decidedOn: shanghaiDate(),
        authority: '奈曼旗人民政府',
        explanation: '认定事实不清，撤销',
      },
    });
    assert.equal(r.statusCode, 201, r.body);
    const open = await server.app.inject({ method: 'GET', url: `/api/v1/public/decisions?q=${encodeURIComponent('蓝鲸')}` });
    assert.equal(open.json().items.length, 0, 'gone from open data');

    await withPage(
      browser,
      server.baseUrl,
      `disclosure-change-${h.engine}`,
      async (page) => {
        await login(page, 'editor');
        await page.goto(recordUrl);
        await page.getByTestId('remedy-card').waitFor();
        assert.equal(await page.getByTestId('disclosure-state').innerText(), '已撤下');
        await page.getByTestId('change-notice-text').fill('该处罚决定经奈曼旗人民政府行政复议撤销，原公示信息已撤下。');
        await page.getByTestId('change-notice-submit').click();
        await page.getByTestId('change-notice').waitFor();
        await screenshot(page, `disclosure-withdrawn-${h.engine}`, true);
      },
      { width: 375, height: 800 },
    );

    await withPage(browser, server.baseUrl, `portal-withdrawn-${h.engine}`, async (page) => {
      await page.goto('/decisions?q=' + encodeURIComponent('蓝鲸'));
      await page.getByText('没有找到与“蓝鲸”相符的执法决定').waitFor();
      await page.goto(decisionUrl);
      await page.getByTestId('decision-change-notice').waitFor();
      assert.match(await page.getByTestId('decision-remedy').innerText(), /经行政复议撤销.*原公开信息已撤下/s);
      assert.equal(await page.getByTestId('decision-fields').count(), 0, 'the original content is not shown');
      await screenshot(page, `portal-withdrawn-${h.engine}`, true);
    });

    await withPage(browser, server.baseUrl, `disclosure-board-${h.engine}`, async (page) => {
      await login(page, 'supervisor');
      await page.goto('/admin/disclosures');
      await page.getByRole('tab', { name: '公示及时性' }).click();
      await page.getByTestId('timeliness-chart').locator('canvas').waitFor();
      await screenshot(page, `disclosure-board-${h.engine}`, true);
    });
  });

  it('the editor excludes with a reason; the head approves publication where 003 §8 allows', async () => {
    await decide('奈曼旗白云书屋', '当事人经营的书屋涉及店主健康状况等个人隐私');
    let recordUrl = '';
    await withPage(browser, server.baseUrl, `disclosure-exclude-${h.engine}`, async (page) => {
      await login(page, 'editor');
      await page.goto('/admin/disclosures');
      await tableRows(page, 'disclosure-table').filter({ hasText: '奈曼旗白云书屋' }).getByRole('link').click();
      await page.getByTestId('disclosure-exclude').click();
      await selectOption(
        page,
        page.getByTestId('exclude-reason'),
        `${EXCLUSION_REASONS.privacy.label}（${EXCLUSION_REASONS.privacy.citation}）`,
      );
      await page.getByLabel('审查意见').fill('涉及当事人健康状况');
      await page.getByRole('button', { name: '确定不予公开' }).click();
      await page.getByTestId('exclusion-alert').waitFor();
      assert.equal(await page.getByTestId('disclosure-state').innerText(), '不予公开');
      assert.equal(await page.getByTestId('disclosure-approve').count(), 0, 'only the head approves');
      recordUrl = new URL(page.url()).pathname;
    });
    await withPage(browser, server.baseUrl, `disclosure-approve-${h.engine}`, async (page) => {
      await login(page, 'head');
      await page.goto(recordUrl);
      await page.getByTestId('disclosure-approve').click();
      await page.getByLabel('批准理由').fill('权利人书面同意公开');
      await page.getByRole('button', { name: '批准', exact: true }).click();
      await page.getByTestId('redaction-editor').waitFor();
      assert.equal(await page.getByTestId('disclosure-state').innerText(), '待脱敏');
      assert.match(await page.getByTestId('exclusion-alert').innerText(), /已批准公开：权利人书面同意公开/);
    });
  });
});
