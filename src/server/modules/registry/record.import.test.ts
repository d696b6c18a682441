// Excel round trip on both engines: 1,000 officers with bad rows (all or nothing, per-row errors in Chinese), then
// clean; export → edit → re-import drafts only the changed rows; bad files are refused with a code.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { describeApp, login, type Session } from '../../../../test/support/app.ts';
import { IMPORT_COLUMNS, normalizeDate, rowToData } from './record.columns.ts';
import { XLSX_TYPE } from './record.xlsx.ts';

async function workbook(headers: string[], rows: (string | Date)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('执法人员');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const OFFICER_HEADERS = [
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
const officerRow = (i: number): (string | Date)[] => [
  `执法员${String(i).padStart(4, '0')}`,
  i % 2 ? '男' : '女',
  '综合执法大队队员',
  `NM1505259${String(i).padStart(4, '0')}`,
  '文化市场、旅游市场',
  '奈曼旗',
  // dates as Excel dates and as Chinese text
  i % 3 ? new Date(Date.UTC(2024, 0, 1)) : '2024年1月1日',
  '2099/12/31',
  '有效',
  '',
  '',
];

describeApp('registry: Excel import and export', (h) => {
  let editor: Session;
  let head: Session;
  const versions = async () => Number((await sql<{ n: string }>`select count(*) as n from registry_versions`.execute(h.db)).rows[0]!.n);
  const upload = (kind: string, body: Buffer, query = '') =>
    editor.request('POST', `/api/v1/registry/${kind}/import${query}`, body, { 'content-type': XLSX_TYPE });
  before(async () => {
    editor = await login(h.app, 'editor');
    head = await login(h.app, 'head');
  });

  test('1,000 officers with 6 bad rows: nothing is imported and every bad row is reported; fixed, all 1,000 become drafts', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => officerRow(i + 1));
    rows[10]![6] = '2025-02-30'; // no such date               → sheet row 12
    rows[20]![3] = rows[21]![3]!; // duplicate certificate     → row 23 (the later one)
    rows[30]![6] = '2025-06-01';
    rows[30]![7] = '2025-05-31'; // ends before it starts → row 32
    rows[40]![1] = '未知'; //                                   → row 42
    rows[50]![0] = ''; //                                        → row 52
    rows[60]![3] = '12'; //                                      → row 62
    const before = await versions();
    const bad = await upload('officer', await workbook(OFFICER_HEADERS, rows));
    assert.equal(bad.statusCode, 400, bad.body);
    const err = bad.json().error;
    assert.equal(err.code, 'IMPORT_INVALID');
    assert.match(err.message, /1000 行中有 6 行共 \d+ 处错误，所有行均未导入/);
    const byRow = new Map<number, string[]>();
    for (const e of err.details.errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), `${e.column}:${e.message}`]);
    assert.deepEqual([...byRow.keys()], [12, 23, 32, 42, 52, 62]);
    assert.match(byRow.get(12)!.join(), /有效期起:应为真实存在的日期/);
    assert.match(byRow.get(23)!.join(), /执法证号:与第 22 行重复/);
    assert.match(byRow.get(32)!.join(), /有效期止:证件有效期截止日期不能早于起始日期/);
    assert.match(byRow.get(42)!.join(), /性别:应为 男、女 之一/);
    assert.match(byRow.get(52)!.join(), /姓名:此列必填，不能为空/);
    assert.match(byRow.get(62)!.join(), /执法证号:执法证号应为 6-24 位/);
    assert.equal(await versions(), before, 'no partial write');

    const good = await upload(
      'officer',
      await workbook(
        OFFICER_HEADERS,
        Array.from({ length: 1000 }, (_, i) => officerRow(i + 1)),
      ),
    );
    assert.equal(good.statusCode, 201, good.body);
    assert.deepEqual(good.json(), { rows: 1000, created: 1000, revised: 0, unchanged: 0 });
    assert.equal(await versions(), before + 1000);
    const list = (await editor.request('GET', '/api/v1/registry/officer?state=pending&pageSize=5&q=NM15052590007')).json();
    assert.equal(list.total, 1);
    assert.equal(list.items[0].data.validFrom, '2024-01-01');
    assert.deepEqual(list.items[0].data.categories, ['文化市场', '旅游市场']);
    // importing again while the drafts await review is refused row by row
    const again = await upload('officer', await workbook(OFFICER_HEADERS, [officerRow(7)]));
    assert.match(again.json().error.details.errors[0].message, /尚在审核中/);
  });

  test('export → edit one row → re-import drafts only that row; the export has the import columns', async () => {
    const headers = ['事项编码', '事项名称*', '执法行为类别*', '实施依据*', '实施主体*', '承办机构*'];
    const items = [
      [
        'WL-001',
        '对擅自从事营业性演出经营活动的处罚',
        '行政处罚',
        '《营业性演出管理条例》第四十三条',
        '奈曼旗文化和旅游局',
        '综合执法大队',
      ],
      ['WL-002', '对旅行社未经许可经营的处罚', 'penalty', '《旅行社条例》第四十六条', '奈曼旗文化和旅游局', '综合执法大队'],
      ['WL-003', '营业性演出许可', '行政许可', '《营业性演出管理条例》第六条', '奈曼旗文化和旅游局', '审批股'],
    ];
    assert.equal((await upload('enforcementItem', await workbook(headers, items))).statusCode, 201);
    for (const r of (await head.request('GET', '/api/v1/registry/reviews?kind=enforcementItem')).json().items)
      assert.equal(
        (await head.request('POST', `/api/v1/registry/versions/${r.versionId}/decision`, { decision: 'approved' })).statusCode,
        200,
      );

    const exported = await editor.request('GET', '/api/v1/registry/enforcementItem/export.xlsx');
    assert.equal(exported.statusCode, 200);
    assert.equal(exported.headers['content-type'], XLSX_TYPE);
    assert.match(String(exported.headers['content-disposition']), /filename\*=UTF-8''/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    assert.deepEqual((ws.getRow(1).values as string[]).slice(1, 7), [
      '事项编码',
      '事项名称*',
      '执法行为类别*',
      '实施依据*',
      '实施主体*',
      '承办机构*',
    ]);
    assert.equal(ws.rowCount, 4);
    assert.equal(ws.getRow(2).getCell(3).value, '行政处罚', 'enums are exported as their Chinese labels');

    const unchanged = await upload('enforcementItem', Buffer.from(await wb.xlsx.writeBuffer()));
    assert.deepEqual(unchanged.json(), { rows: 3, created: 0, revised: 0, unchanged: 3 });
    ws.getRow(3).getCell(4).value = '《旅行社条例》（2020 年修订）第四十六条';
    const revised = await upload('enforcementItem', Buffer.from(await wb.xlsx.writeBuffer()));
    assert.deepEqual(revised.json(), { rows: 3, created: 0, revised: 1, unchanged: 2 });
  });

  test('bad files: not a workbook, an unknown or missing column, the wrong content type, too large, a kind without import, no role', async () => {
    const notXlsx = await upload('officer', Buffer.from('name,cert\n张三,1'));
    assert.equal(notXlsx.json().error.code, 'IMPORT_INVALID');
    const unknown = await upload('officer', await workbook([...OFFICER_HEADERS, '身份证号'], [officerRow(1)]));
    assert.match(unknown.json().error.details.errors[0].message, /未知的列“身份证号”/);
    const missing = await upload(
      'officer',
      await workbook(
        OFFICER_HEADERS.filter((hd) => hd !== '执法证号*'),
        [],
      ),
    );
    assert.match(
      missing
        .json()
        .error.details.errors.map((e: { message: string }) => e.message)
        .join(),
      /缺少必填列“执法证号”/,
    );
    const json = await editor.request('POST', '/api/v1/registry/officer/import', { a: 1 });
    assert.equal(json.statusCode, 415);
    const big = await upload('officer', Buffer.alloc(11 * 1024 * 1024));
    assert.equal(big.statusCode, 413);
    assert.equal(big.json().error.code, 'PAYLOAD_TOO_LARGE');
    assert.equal((await editor.request('GET', '/api/v1/registry/flowchart/template.xlsx')).statusCode, 404);
    const officer = await login(h.app, 'officer');
    assert.equal(
      (
        await officer.request('POST', '/api/v1/registry/officer/import', await workbook(OFFICER_HEADERS, [officerRow(1)]), {
          'content-type': XLSX_TYPE,
        })
      ).statusCode,
      403,
    );
    const template = await editor.request('GET', '/api/v1/registry/officer/template.xlsx');
    assert.equal(template.statusCode, 200);
    assert.equal((await h.app.inject({ method: 'GET', url: '/api/v1/registry/officer/template.xlsx' })).statusCode, 401);
  });
});

test('cells: dates in several spellings, lists, enum labels, nested fields', () => {
  assert.equal(normalizeDate('2024年1月5日'), '2024-01-05');
  assert.equal(normalizeDate('2024/1/5'), '2024-01-05');
  assert.equal(normalizeDate('2024.01.05'), '2024-01-05');
  const cols = IMPORT_COLUMNS.officer!;
  const { data, problems } = rowToData(cols, [
    '张三',
    '男',
    '队员',
    'nm001234',
    '文化，旅游\n体育',
    '奈曼旗',
    '2024-1-1',
    '2026-12-31',
    '暂扣',
    'A2019',
    '2019/12/1',
  ]);
  assert.deepEqual(problems, []);
  assert.deepEqual(data, {
    name: '张三',
    gender: '男',
    post: '队员',
    certificateNumber: 'NM001234',
    categories: ['文化', '旅游', '体育'],
    area: '奈曼旗',
    validFrom: '2024-01-01',
    validTo: '2026-12-31',
    status: 'suspended',
    legalQualification: { certificateNumber: 'A2019', obtainedOn: '2019-12-01' },
  });
});
