// A penalty case end to end in the browser, on a desktop and on a phone (375 px): the unit head approves the
// opening; the officer records an inquiry with two certified officers and an on-site inspection with a video
// uploaded from the drawer (tus, with progress); rights notice, statement and defence; the agency head decides; the
// documents are served; execution; the unit head concludes; the officer archives and exports the case file, which
// verifies offline with the published ledger key. The agency head's access log shows the views and the export.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { describeEachEngine } from '../support/db.ts';
import { login as apiLogin } from '../support/app.ts';
import {
  chooseOfficer,
  downloadOf,
  launchBrowser,
  login,
  screenshot,
  selectOption,
  settle,
  startApp,
  withPage,
  type RunningApp,
} from './browser.ts';
import { runVerifyCasefile } from '../../src/verifier/cli.ts';
import { sql } from 'kysely';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const CERTS = ['NMLIFE0001', 'NMLIFE0002'];
const item = (drawer: Locator, label: string) =>
  drawer.locator('.ant-form-item').filter({ has: drawer.page().locator(`label[title="${label}"]`) });

async function chooseOfficers(page: Page, drawer: Locator) {
  for (const number of CERTS) await chooseOfficer(page, number);
  await drawer.getByTestId('act-certificate-shown').getByText('已出示').click();
}

/** Open the drawer, choose the act type, fill it in, submit, and wait for the confirmation. */
async function record(page: Page, label: string, fill: (drawer: Locator) => Promise<void>) {
  await page.getByTestId('act-record').click();
  const drawer = page.getByTestId('act-drawer');
  await drawer.waitFor();
  await settle(page);
  await selectOption(page, drawer.getByTestId('act-type'), label);
  await fill(drawer);
  await drawer.getByTestId('act-submit').click();
  const error = drawer.getByTestId('act-error');
  const done = page.getByText(`已记录：${label}（已写入账本）`).last();
  await Promise.race([
    done.waitFor(),
    error.waitFor().then(async () => {
      throw new Error(`${label} refused: ${await error.textContent()}`);
    }),
  ]);
  await drawer.waitFor({ state: 'hidden' });
}

const fillText = (drawer: Locator, label: string, text: string) => item(drawer, label).locator('textarea, input').first().fill(text);
const toggle = (drawer: Locator, label: string) => item(drawer, label).locator('.ant-switch').click();
/** Choose the option whose label contains `text` (labels with dates and numbers). */
async function chooseContaining(page: Page, select: Locator, text: string) {
  await select.click();
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
  await option.waitFor();
  await settle(page);
  await option.click();
  await select.locator('.ant-select-selection-item, .ant-select-content-has-value').filter({ hasText: text }).first().waitFor();
}
const choose = (page: Page, drawer: Locator, label: string, option: string) =>
  selectOption(page, item(drawer, label).locator('.ant-select'), option);

describeEachEngine('a penalty case from opening to exported case file, in the browser', (h) => {
  let server: RunningApp;
  let key = '';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sx-lifecycle-'));
  before(async () => {
    server = await startApp(h.database);
    const editor = await apiLogin(server.app, 'editor');
    const head = await apiLogin(server.app, 'head');
    for (const [name, cert] of [
      ['吴执法', CERTS[0]],
      ['郑执法', CERTS[1]],
    ]) {
      const r = await editor.request('POST', '/api/v1/registry/officer', {
        data: {
          name,
          gender: '男',
          post: '文化市场综合执法大队队员',
          certificateNumber: cert,
          categories: ['文化市场'],
          area: '奈曼旗',
          validFrom: '2020-01-01',
          validTo: '2099-12-31',
          status: 'valid',
        },
      });
      assert.equal(r.statusCode, 201, r.body);
      assert.equal(
        (await head.request('POST', `/api/v1/registry/versions/${r.json().versionId}/decision`, { decision: 'approved' })).statusCode,
        200,
      );
    }
    key = (await head.request('GET', '/api/v1/ledger/keys')).json().current;
  });
  after(async () => server?.close());

  for (const [label, viewport] of [
    ['desktop', { width: 1366, height: 900 }],
    ['phone', { width: 375, height: 812 }],
  ] as const) {
    it(`handles the whole case and exports a case file that verifies offline (${label})`, async () => {
      await withPage(
        browser,
        server.baseUrl,
        `${h.engine}-life-officer-${label}`,
        async (officer) => {
          await withPage(
            browser,
            server.baseUrl,
            `${h.engine}-life-unithead-${label}`,
            async (unithead) => {
              await withPage(
                browser,
                server.baseUrl,
                `${h.engine}-life-head-${label}`,
                async (head) => {
                  await Promise.all([login(officer, 'officer'), login(unithead, 'unithead'), login(head, 'head')]);

                  // register
                  await officer.goto(`${server.baseUrl}/admin/cases`);
                  await officer.getByTestId('case-create').click();
                  const modal = officer.locator('.ant-modal').filter({ hasText: '登记案件' });
                  await modal.getByTestId('case-cause').fill(`未经许可从事营业性演出（${label}）`);
                  await modal.getByTestId('case-field').fill('文化市场');
                  await modal.getByTestId('case-party-name').fill('奈曼旗某酒吧');
                  await settle(officer);
                  await modal.getByRole('button', { name: '登记' }).click();
                  await officer.getByTestId('case-page').waitFor();
                  const caseUrl = officer.url();

                  // 立案审批 by the unit head
                  await unithead.goto(caseUrl);
                  await record(unithead, '立案审批', async (d) => {
                    await toggle(d, '同意立案');
                    await fillText(d, '审批意见', '同意立案调查');
                  });

                  await officer.reload();
                  await record(officer, '询问笔录', async (d) => {
                    await chooseOfficers(officer, d);
                    await fillText(d, '被询问人', '王某');
                    await fillText(d, '询问笔录', '问：是否取得营业性演出许可证？\n答：没有。');
                  });
                  assert.match(
                    (await officer.getByTestId('act-3').textContent()) ?? '',
                    /吴执法（NMLIFE0001）证件有效.*郑执法（NMLIFE0002）证件有效/,
                  );

                  // on-site inspection needs AV: upload the body-camera video from the drawer and link it
                  await record(officer, '现场检查（勘验）笔录', async (d) => {
                    await chooseOfficers(officer, d);
                    await fillText(d, '检查（勘验）情况', '舞台正在进行营业性演出，现场观众约 80 人');
                    await d.getByTestId('media-open').click();
                    await d
                      .getByTestId('media-upload')
                      .locator('input[type=file]')
                      .setInputFiles({
                        name: `现场检查-${label}.mp4`,
                        mimeType: 'video/mp4',
                        buffer: crypto.randomBytes(3 * 1024 * 1024 + 17),
                      });
                    await d.getByTestId('media-start').click();
                    await d.getByText(`已上传并关联：现场检查-${label}.mp4`).waitFor({ timeout: 30_000 });
                    await d.getByTestId('act-media').getByText(`现场检查-${label}.mp4`).waitFor();
                    if (label === 'phone') await screenshot(officer, `${h.engine}-life-upload-phone`);
                  });
                  assert.match((await officer.getByTestId('act-4').textContent()) ?? '', /现场检查-.*\.mp4/);

                  await record(officer, '行政处罚事先告知（陈述、申辩、听证权利告知）', async (d) => {
                    await fillText(d, '违法事实', '未经许可从事营业性演出');
                    await fillText(d, '处罚依据', '《营业性演出管理条例》第四十三条');
                    await fillText(d, '拟作出的处罚', '罚款人民币三万元');
                  });
                  await record(officer, '送达回证', async (d) => {
                    await chooseContaining(officer, item(d, '送达的文书').locator('.ant-select'), '事先告知');
                    await choose(officer, d, '送达方式', '邮寄送达');
                    await fillText(d, '受送达人', '奈曼旗某酒吧（王某）');
                  });
                  await record(officer, '陈述申辩记录', async (d) => {
                    await fillText(d, '陈述、申辩内容', '对违法事实无异议，请求从轻处罚。');
                    await fillText(d, '复核意见（是否采纳及理由）', '当事人初次违法，已在拟处罚幅度内考虑。');
                  });

                  // 行政处罚决定 by the agency head (refused before the rights notice, so it is allowed only now)
                  await head.goto(caseUrl);
                  await record(head, '行政处罚决定', async (d) => {
                    await fillText(d, '决定内容', '罚款人民币三万元');
                    await fillText(d, '依据', '《营业性演出管理条例》第四十三条');
                    await item(d, '罚款金额（元）').locator('input').fill('30000');
                    await fillText(d, '救济途径和期限', '六十日内申请行政复议，或六个月内提起行政诉讼');
                  });

                  await officer.reload();
                  await record(officer, '送达回证', async (d) => {
                    await chooseContaining(officer, item(d, '送达的文书').locator('.ant-select'), '行政处罚决定');
                    await choose(officer, d, '送达方式', '直接送达');
                    await fillText(d, '受送达人', '王某');
                    await chooseOfficers(officer, d);
                  });
                  await record(officer, '执行记录', async (d) => {
                    await choose(officer, d, '执行方式', '自觉履行');
                    await fillText(d, '执行情况', '当事人已于规定期限内缴清罚款');
                    await toggle(d, '已执行完毕');
                  });

                  await unithead.reload();
                  await record(unithead, '结案', async (d) => {
                    await choose(unithead, d, '结案方式', '执行完毕');
                    await fillText(d, '结案说明', '罚款已缴清，案件办结');
                  });

                  await officer.reload();
                  await record(officer, '归档', async (d) => {
                    await fillText(d, '档案存放位置', '执法档案室 3 号柜');
                  });
                  await officer.getByText('归档', { exact: true }).first().waitFor();

                  // the decision prints with its number (文号)
                  const decisionAct = officer.locator('[data-testid^="act-"]').filter({ hasText: '行政处罚决定' }).first();
                  await decisionAct.getByRole('button', { name: '文书' }).click();
                  await officer.getByTestId('document-paper').waitFor();
                  assert.match((await officer.getByTestId('document-number').textContent()) ?? '', /罚决〔\d{4}〕\d+号/);
                  await screenshot(officer, `${h.engine}-life-document-${label}`, true);
                  await officer.goBack();

                  // export the case file and verify it offline with the published key
                  await officer.getByTestId('case-export').waitFor();
                  const download = await downloadOf(officer, officer.getByTestId('case-export'));
                  const file = path.join(dir, `${label}.zip`);
                  await download.saveAs(file);
                  const lines: string[] = [];
                  const code = await runVerifyCasefile([file, '--key', key], (l) => lines.push(l));
                  assert.equal(code, 0, lines.join('\n'));
                  await screenshot(officer, `${h.engine}-life-case-${label}`, true);
                  if (label === 'phone') {
                    const overflow = await officer.evaluate(
                      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
                    );
                    assert.ok(overflow <= 1, `the case page fits 375 px (overflow ${overflow} px)`);
                  }

                  // the head's access log shows the views and the export
                  await head.reload();
                  await head.getByTestId('case-access-log').click();
                  const log = head.getByTestId('access-log-table');
                  await log.getByText('导出案卷').first().waitFor();
                  assert.match((await log.textContent()) ?? '', /查看案件/);
                  await screenshot(head, `${h.engine}-life-access-log-${label}`);

                  if (label === 'desktop') {
                    // years later: the custodian asks to destroy the media records, the head approves (ledgered)
                    const caseId = caseUrl.split('/').pop()!;
                    await sql`update cases set retention_until = '2020-01-01' where id = ${caseId}`.execute(h.db);
                    await withPage(
                      browser,
                      server.baseUrl,
                      `${h.engine}-life-custodian`,
                      async (custodian) => {
                        await login(custodian, 'custodian');
                        await custodian.goto(caseUrl);
                        await custodian.getByTestId('destruction').getByRole('button', { name: '申请销毁' }).click();
                        const dialog = custodian.locator('.ant-modal-confirm');
                        await dialog.locator('textarea').fill('保存期满，无长期保存情形');
                        await dialog.getByRole('button', { name: '提交申请' }).click();
                        await custodian.getByText('已提交销毁申请，待部门负责人批准').waitFor();
                      },
                      viewport,
                    );
                    await head.reload();
                    await head.getByTestId('destruction').getByRole('button', { name: '批准销毁' }).click();
                    await head.getByText('已批准，音像记录已销毁').waitFor();
                    await head.getByText('保存期满已销毁').first().waitFor();
                  }
                },
                viewport,
              );
            },
            viewport,
          );
        },
        viewport,
      );
    });
  }
});
