// Legal review of a major decision in the browser (SPEC §4): the handler submits an incomplete package (refused, the
// missing items named), completes it; the reviewer takes the review and asks for supplements (the clock pauses); the
// handler supplies them; the reviewer finds a discretion problem and issues a "change" opinion; the decision is
// refused; the handler contests; the agency head sides with the handler; the decision is issued; the opinion is in
// the case file as a numbered document with its ledger entry. The officer's review panel is checked at 375 px.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { describeEachEngine } from '../support/db.ts';
import { login as apiLogin } from '../support/app.ts';
import { minutesAgo } from '../support/http.ts';
import {
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

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const CERTS = ['NMREVB001', 'NMREVB002'];

describeEachEngine('legal review of a major decision, in the browser', (h) => {
  let server: RunningApp;
  let caseId = '';
  let number = '';
  before(async () => {
    server = await startApp(h.database);
    const editor = await apiLogin(server.app, 'editor');
    const head = await apiLogin(server.app, 'head');
    const admin = await apiLogin(server.app, 'admin');
    const officers: [string, string, Record<string, unknown>][] = [
      ['吴执法', CERTS[0]!, {}],
      ['郑执法', CERTS[1]!, {}],
      ['刘审核', 'NMREVB009', { legalQualification: { certificateNumber: 'A20171234567', obtainedOn: '2017-12-01' } }],
    ];
    for (const [name, cert, extra] of officers) {
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
          ...extra,
        },
      });
      assert.equal(r.statusCode, 201, r.body);
      assert.equal(
        (await head.request('POST', `/api/v1/registry/versions/${r.json().versionId}/decision`, { decision: 'approved' })).statusCode,
        200,
      );
    }
    const reviewer = ((await admin.request('GET', '/api/v1/users?q=reviewer')).json().items as { id: string; username: string }[]).find(
      (u) => u.username === 'reviewer',
    )!;
    assert.equal((await admin.request('PATCH', `/api/v1/users/${reviewer.id}`, { certificateNumber: 'NMREVB009' })).statusCode, 200);

    // the case up to the draft decision (recording acts in the browser is the lifecycle test's subject)
    const officer = await apiLogin(server.app, 'officer');
    const unithead = await apiLogin(server.app, 'unithead');
    const c = await officer.request('POST', '/api/v1/cases', {
      actCategory: 'penalty',
      origin: 'exOfficio',
      cause: '擅自从事互联网上网服务经营活动',
      field: '文化市场',
      party: { kind: 'organisation', name: '奈曼旗星光网吧' },
    });
    assert.equal(c.statusCode, 201, c.body);
    caseId = c.json().id;
    number = c.json().number;
    const acts: [typeof officer, Record<string, unknown>][] = [
      [unithead, { type: 'opening', content: { approved: true, opinion: '同意立案' } }],
      [
        officer,
        {
          type: 'inquiry',
          officers: CERTS,
          certificateShown: true,
          content: { person: '王某', transcript: '问：是否取得许可？答：没有。' },
        },
      ],
      [
        officer,
        { type: 'rightsNotice', content: { facts: '擅自经营', basis: '第二十七条', proposed: '罚款二万元', hearingEligible: true } },
      ],
      [officer, { type: 'statementDefence', content: { waived: true, hearingRequested: false } }],
      [
        officer,
        {
          type: 'draftDecision',
          content: {
            proposal: '罚款人民币二万元',
            basis: '《互联网上网服务营业场所管理条例》第二十七条',
            fineFen: 2_000_000,
            discretion: { level: '一般', reason: '经营时间较长' },
            majorFacts: { flags: ['majorPublicInterest'], businessActivity: true },
          },
        },
      ],
    ];
    for (const [s, body] of acts) {
      const r = await s.request('POST', `/api/v1/cases/${caseId}/acts`, { occurredAt: minutesAgo(30), ...body });
      assert.equal(r.statusCode, 201, r.body);
    }
  });
  after(async () => server?.close());

  const reviewPage = async (page: Page) => {
    await openMenu(page, 'review');
    await tableRows(page, 'review-table').filter({ hasText: number }).getByRole('link', { name: number }).click();
    await page.getByTestId('review-page').waitFor();
  };
  const dialog = async (page: Page, action: string, fill: (d: ReturnType<Page['getByTestId']>) => Promise<void>) => {
    await page.getByTestId(`review-${action}`).click();
    const d = page.getByTestId('review-dialog');
    await d.getByRole('dialog').waitFor();
    await settle(page);
    await fill(d);
    await d.getByRole('button', { name: /^(分配|发出|提交|退回|提交申请|确定|报请负责人决定|作出决定)$/ }).click();
    await d.waitFor({ state: 'detached' });
  };
  const state = (page: Page, label: string) =>
    page.getByTestId('review-page').getByTestId('review-state').filter({ hasText: label }).waitFor();

  it('incomplete → complete → supplements → "change" → contest → head decides → decision issued', async () => {
    // the handler: an incomplete package is refused with the missing items named; then the complete one goes
    await withPage(browser, server.baseUrl, `${h.engine}-review-submit`, async (page) => {
      await login(page, 'officer');
      await page.goto(`/admin/cases/${caseId}`);
      const panel = page.getByTestId('case-review');
      await panel.getByText('本案属于重大执法决定').waitFor();
      await panel.getByTestId('review-submit').click();
      const modal = page.getByTestId('review-submit-modal');
      await modal.getByTestId('material-draftDecision').locator('[aria-label="check-circle"]').waitFor();
      await modal.getByTestId('submit-investigationReport').fill('经调查，当事人未取得许可擅自经营网吧，事实清楚。');
      await modal.getByTestId('review-missing').getByText('还缺 3 项材料').waitFor();
      await page.getByTestId('review-submit-ok').click();
      await page
        .locator('.ant-message')
        .getByText(/送审材料不齐全/)
        .waitFor();
      await screenshot(page, `${h.engine}-review-incomplete`);
      await modal.getByTestId('submit-explanation-facts').fill('当事人自 2026 年 3 月起未经许可经营网吧。');
      await modal.getByTestId('submit-explanation-lawAndDiscretion').fill('依据条例第二十七条，适用裁量基准“一般”情节。');
      await modal.getByTestId('submit-explanation-investigation').fill('现场询问一次，当事人放弃陈述申辩，未要求听证。');
      await modal.getByTestId('review-missing').waitFor({ state: 'detached' });
      await page.getByTestId('review-submit-ok').click();
      await modal.waitFor({ state: 'detached' });
      await panel.getByTestId('review-state').getByText('待分配审核人').waitFor();
      await panel
        .getByTestId('review-deadline')
        .getByText(/已用 0 \/ 5 个工作日/)
        .waitFor();
      await screenshot(page, `${h.engine}-review-submitted`);
    });

    // the reviewer takes it and asks for supplements: the clock pauses
    await withPage(browser, server.baseUrl, `${h.engine}-review-supplement`, async (page) => {
      await login(page, 'reviewer');
      await reviewPage(page);
      await page.getByTestId('review-claim').click();
      await state(page, '审核中');
      await dialog(page, 'requestSupplement', async (d) => {
        // the date first: Enter in the picker submits the form, which waits for the (still empty) list of materials
        await setDate(page, 'review-dueOn', '2099-01-05');
        await d.getByTestId('review-items').fill('当事人营业执照复印件、经营场所租赁合同');
      });
      await state(page, '补充材料中');
      await page
        .getByTestId('review-deadline')
        .getByText(/暂停计时/)
        .waitFor();
      await screenshot(page, `${h.engine}-review-paused`);
    });

    // the handler supplies them
    await withPage(browser, server.baseUrl, `${h.engine}-review-supply`, async (page) => {
      await login(page, 'officer');
      await reviewPage(page);
      await dialog(page, 'supply', (d) => d.getByTestId('review-note').fill('已补充营业执照复印件和租赁合同（见证据清单）。'));
      await state(page, '审核中');
    });

    // the reviewer works through the checklist: a discretion problem → "change"
    await withPage(browser, server.baseUrl, `${h.engine}-review-opinion`, async (page) => {
      await login(page, 'reviewer');
      await reviewPage(page);
      const form = page.getByTestId('review-opinion-form');
      await form.getByTestId('check-discretion').getByText('有问题').click();
      await form.getByTestId('check-discretion-note').fill('当事人系首次违法且主动改正，应适用“较轻”情节。');
      await selectOption(page, form.getByTestId('review-outcome'), '变更（定性、适用法律或裁量）');
      await form.getByTestId('review-opinion').fill('建议按“较轻”情节变更罚款数额。');
      await screenshot(page, `${h.engine}-review-checklist`, true);
      await form.getByTestId('review-opinion-submit').click();
      await state(page, '审核未通过');
      await page.getByTestId('review-opinion-document').waitFor();
    });

    // the decision is refused; the handler contests after consulting
    const decisionStatus = async () => {
      const head = await apiLogin(server.app, 'head');
      return (
        await head.request('POST', `/api/v1/cases/${caseId}/acts`, {
          type: 'decision',
          occurredAt: minutesAgo(5),
          content: { decision: '罚款人民币二万元', basis: '条例第二十七条', fineFen: 2_000_000, remedy: '六十日内申请复议' },
        })
      ).json();
    };
    assert.equal((await decisionStatus()).error.code, 'REVIEW_NOT_PASSED');
    await withPage(browser, server.baseUrl, `${h.engine}-review-contest`, async (page) => {
      await login(page, 'officer');
      await reviewPage(page);
      await dialog(page, 'contest', async (d) => {
        await d.getByTestId('review-reason').fill('当事人 2025 年曾因同类违法受警告，不属首次违法，“一般”情节适当。');
        await d.getByTestId('review-consultation').fill('与法制科当面沟通一次，未能达成一致。');
      });
      await state(page, '异议待负责人决定');
    });

    // the head decides for the handler, then issues the decision in the case
    await withPage(browser, server.baseUrl, `${h.engine}-review-head`, async (page) => {
      await login(page, 'head');
      await reviewPage(page);
      await dialog(page, 'headDecision', async (d) => {
        await d.getByTestId('review-adopt').getByText('采纳承办机构意见').click();
        await d.getByTestId('review-reason').fill('经核实当事人曾受警告处罚，采纳承办机构意见。');
      });
      await state(page, '审核通过');
      await screenshot(page, `${h.engine}-review-passed`, true);

      await page.getByRole('link', { name: number }).first().click();
      await page.getByTestId('case-page').waitFor();
      await page.getByTestId('act-record').click();
      const drawer = page.getByTestId('act-drawer');
      await drawer.waitFor();
      await settle(page);
      await selectOption(page, drawer.getByTestId('act-type'), '行政处罚决定');
      const field = (label: string) =>
        drawer
          .locator('.ant-form-item')
          .filter({ has: page.locator(`label[title="${label}"]`) })
          .locator('textarea, input')
          .first();
      await field('决定内容').fill('罚款人民币二万元');
      await field('依据').fill('《互联网上网服务营业场所管理条例》第二十七条');
      await field('罚款金额（元）').fill('20000'); // the reviewed draft's fine (another amount is refused: REVIEW_OUTDATED)
      await field('救济途径和期限').fill('六十日内申请行政复议或六个月内提起行政诉讼');
      await drawer.getByTestId('act-submit').click();
      await page.getByText('已记录：行政处罚决定（已写入账本）').last().waitFor();

      // the opinion is in the case file: a numbered 法制审核意见书 with its ledger entry
      const opinion = page.locator('.sx-act').filter({ hasText: '法制审核意见' }).first();
      await opinion.getByText(/账本/).waitFor();
      await opinion.getByRole('button', { name: '文书' }).click();
      await page.getByTestId('document-paper').getByText('法制审核意见书').waitFor();
      assert.match((await page.getByTestId('document-number').textContent()) ?? '', /法审〔\d{4}〕1号/);
      await screenshot(page, `${h.engine}-review-opinion-document`, true);
    });

    // the officer's review panel on a phone
    await withPage(
      browser,
      server.baseUrl,
      `${h.engine}-review-phone`,
      async (page) => {
        await login(page, 'officer');
        await page.goto(`/admin/cases/${caseId}`);
        await page.getByTestId('case-review').getByTestId('review-state').getByText('审核通过').waitFor();
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 375 + 1), 'no horizontal scroll at 375 px');
        await screenshot(page, `${h.engine}-review-phone`, true);
      },
      { width: 375, height: 812 },
    );
  });
});
