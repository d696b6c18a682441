// Excel import and export in the back office (SPEC §7): the editor downloads the officer import template, uploads a
// workbook with a bad row and gets the per-row error table (downloadable as CSV) with nothing imported, uploads the
// fixed workbook and gets the summary; the drafts wait on the review page; the export is a workbook with the rows.
// A supervisor may export but not import.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Download, Page } from 'playwright-core';
import { describeEachEngine } from '../support/db.ts';
import {
  downloadOf,
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

const HEADERS = [
  '姓名*',
  '性别*',
  '岗位*',
  '执法证号*',
  '执法类别*',
  '执法区域*',
  '有效期起*',
  '有效期止*',
  '证件状态',
  '法律职业资格证书编号',
  '法律职业资格取得日期',
];
const OFFICERS = [
  ['乌日娜', '女', '文化市场综合执法大队队员', 'NM15052500301', '文化市场、旅游市场', '奈曼旗', '2024-01-01', '2028-12-31', '有效', '', ''],
  [
    '李建国',
    '男',
    '文化市场综合执法大队副队长',
    'NM15052500302',
    '文化市场',
    '奈曼旗',
    '2024-03-01',
    '2029-02-28',
    '有效',
    'A20191234567',
    '2019-11-20',
  ],
  ['巴特尔', '男', '旅游市场执法中队队员', 'NM15052500303', '旅游市场', '奈曼旗', '2025年1月1日', '2029/12/31', '', '', ''],
];

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function workbook(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('执法人员');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The first sheet of a downloaded workbook as rows of cell text. */
async function sheetOf(download: Download): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ExcelJS.Buffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) =>
    rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))),
  );
  return rows;
}

const download = (page: Page, testId: string, scope: Page | ReturnType<Page['getByTestId']> = page) =>
  downloadOf(page, scope.getByTestId(testId));

async function upload(page: Page, name: string, body: Buffer) {
  const modal = page.getByTestId('import-modal');
  await modal
    .getByTestId('import-file')
    .locator('input[type=file]')
    .setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: body });
  await modal.getByText(name).waitFor();
  await modal.getByTestId('import-start').click();
}

describeEachEngine('registry: Excel import and export', (h) => {
  let server: RunningApp;
  before(async () => {
    server = await startApp(h.database);
  });
  after(async () => server?.close());

  it('template → a bad row is reported per row, nothing imported → fixed, all drafted → review page → export', async () => {
    await withPage(browser, server.baseUrl, `${h.engine}-registry-excel-1`, async (page) => {
      await login(page, 'editor');
      await openMenu(page, 'registryOfficers');
      await page.getByTestId('record-empty').waitFor();
      await page.getByTestId('import-open').click();
      const modal = page.getByTestId('import-modal');
      await modal.getByTestId('import-template').waitFor();

      // the template: its name, and a header row exceljs reads
      const template = await download(page, 'import-template', modal);
      assert.equal(template.suggestedFilename(), '执法人员导入模板.xlsx');
      assert.deepEqual((await sheetOf(template))[0], HEADERS);

      // a workbook with a bad row (row 3: no such date; row 4: missing name): the error table, nothing imported
      const bad = OFFICERS.map((r) => [...r]);
      bad[1]![6] = '2024-02-30';
      bad[2]![0] = '';
      await upload(page, '执法人员-有误.xlsx', await workbook(bad));
      const errors = modal.getByTestId('import-error');
      await errors.getByText('所有行均未导入').waitFor();
      const errorRows = tableRows(page, 'import-errors');
      assert.equal(await errorRows.count(), 2);
      assert.match((await errorRows.nth(0).textContent()) ?? '', /第 3 行有效期起.*真实存在的日期/);
      assert.match((await errorRows.nth(1).textContent()) ?? '', /第 4 行姓名此列必填，不能为空/);
      await screenshot(page, `${h.engine}-registry-excel-errors`);
      const csv = await download(page, 'import-errors-csv', modal);
      assert.equal(csv.suggestedFilename(), '执法人员导入错误清单.csv');
      assert.match(fs.readFileSync((await csv.path())!, 'utf8'), /^\uFEFF行号,列,问题\r\n3,有效期起,/);

      // fixed: all three become drafts awaiting review
      await modal.getByTestId('import-note').fill('2025 年度执法证换发');
      await upload(page, '执法人员.xlsx', await workbook(OFFICERS));
      const result = modal.getByTestId('import-result');
      await result.getByText('导入成功：共 3 行，新登记 3 条，修改 0 条').waitFor();
      assert.equal(await modal.getByTestId('import-error').count(), 0);
      await screenshot(page, `${h.engine}-registry-excel-done`);
      await result.getByTestId('import-to-reviews').click();
      await page.waitForURL(/\/admin\/registry\/reviews$/);
      for (const o of OFFICERS)
        await tableRows(page, 'review-table').filter({ hasText: o[0]! }).filter({ hasText: '2025 年度执法证换发' }).waitFor();
      await page.getByTestId('menu-badge-registryReviews').waitFor({ state: 'detached' }); // the editor's own drafts are not for them to review

      // the list shows them pending; the export (filtered to pending) is a workbook with the rows
      await openMenu(page, 'registryOfficers');
      await tableRows(page, 'record-table').filter({ hasText: 'NM15052500302' }).getByText('待审核 · 第 1 版（新登记）').waitFor();
      await selectOption(page, page.getByTestId('record-state-filter'), '待审核');
      const exported = await download(page, 'export-xlsx');
      assert.match(exported.suggestedFilename(), /^执法人员_\d{8}\.xlsx$/);
      const sheet = await sheetOf(exported);
      assert.deepEqual(sheet[0]!.slice(0, HEADERS.length), HEADERS);
      assert.deepEqual(
        sheet
          .slice(1)
          .map((r) => [r[0], r[3], r[6], r[7]])
          .sort(),
        [
          ['乌日娜', 'NM15052500301', '2024-01-01', '2028-12-31'],
          ['巴特尔', 'NM15052500303', '2025-01-01', '2029-12-31'],
          ['李建国', 'NM15052500302', '2024-03-01', '2029-02-28'],
        ],
      );
    });
  });

  it('the head sees the drafts to review; a supervisor may export but not import', async () => {
    await withPage(browser, server.baseUrl, `${h.engine}-registry-excel-2`, async (page) => {
      await login(page, 'head');
      await page.getByTestId('todo-reviews').getByText('3').waitFor();
      await page.getByTestId('menu-badge-registryReviews').getByText('3').waitFor();
      await screenshot(page, `${h.engine}-registry-todo-head`);
    });
    await withPage(browser, server.baseUrl, `${h.engine}-registry-excel-3`, async (page) => {
      await login(page, 'tongliao.supervisor');
      await openMenu(page, 'registryOfficers');
      await tableRows(page, 'record-table').filter({ hasText: '乌日娜' }).waitFor();
      assert.equal(await page.getByTestId('import-open').count(), 0);
      const exported = await download(page, 'export-xlsx');
      assert.equal((await sheetOf(exported)).length, 4);
    });
  });
});
