// Issue 14, finding 6: U+0000 (and a lone UTF-16 surrogate) in any text used to reach the database and end in a
// 500 ("invalid byte sequence for encoding "UTF8": 0x00"). One request hook now refuses them wherever they come
// from — JSON bodies at any depth (keys too), query strings, route parameters, headers, tus Upload-Metadata, and
// spreadsheet cells — with 400 VALIDATION_FAILED naming where, and writes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { describeApp, login } from '../support/app.ts';
import { TUS, assertError, minutesAgo, uploadMetadata } from '../support/http.ts';
import { findTextIssues, MAX_DEPTH, textProblem } from '../../src/server/platform/input-text.ts';

test('textProblem: U+0000 and lone surrogates are unstorable; pairs, Chinese and other control characters are not', () => {
  for (const bad of ['\u0000', 'a\u0000b', '\ud800', 'x\udc00', '\udc00\ud800', 'a\ud83d'])
    assert.ok(textProblem(bad), JSON.stringify(bad));
  for (const good of ['', '奈曼旗', '😀', 'a\ud83d\ude00b', 'tab\there', '\u0001'])
    assert.equal(textProblem(good), null, JSON.stringify(good));
});

test('findTextIssues walks keys and values at any depth without recursion, and skips non-text objects', () => {
  assert.deepEqual(
    findTextIssues({ a: [{ b: 'x\u0000' }], ok: 1 }, 'body').map((i) => i.path),
    ['a.0.b'],
  );
  assert.deepEqual(
    findTextIssues({ 'k\u0000': 'v' }, 'body').map((i) => i.path),
    ['k\\u0000'],
  );
  assert.deepEqual(findTextIssues(Buffer.from('a\u0000b'), 'body'), []);
  // a body nested 100,000 deep is refused at the depth limit, in time linear in its size (it took minutes when each
  // level copied its path)
  let deep: unknown = 'x';
  for (let i = 0; i < 100_000; i++) deep = { a: [deep] };
  const issues = findTextIssues(deep, 'body');
  assert.equal(issues.length, 1);
  assert.match(issues[0]!.message, new RegExp(`嵌套层级过深（超过 ${MAX_DEPTH} 层）`));
  assert.equal(issues[0]!.path.split('.').length, MAX_DEPTH);
  // nesting within the limit is walked to the end
  let nested: unknown = 'x\u0000';
  for (let i = 0; i < 20; i++) nested = [nested];
  assert.equal(findTextIssues(nested, 'body')[0]!.path, Array(20).fill('0').join('.'));
});

describeApp('security: U+0000 and lone surrogates are refused with 400 everywhere (issue 14, finding 6)', (h) => {
  const refused = (res: Parameters<typeof assertError>[0], where: string) => {
    assertError(res, 400, 'VALIDATION_FAILED');
    assert.match(res.json().error.message, new RegExp(where));
    assert.equal((res.json().error.details as { issues: { code: string }[] }).issues[0].code, 'invalid_text');
  };
  const count = async (table: 'cases' | 'registry_records' | 'divisions' | 'upload_sessions') =>
    Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(h.db)).rows[0]!.n);

  test('anonymous search parameters: public agencies, officers, decisions, items', async () => {
    for (const url of [
      '/api/v1/public/agencies?q=%00',
      '/api/v1/public/officers?q=a%00',
      '/api/v1/public/decisions?q=%00',
      '/api/v1/public/items?q=%00',
    ])
      refused(await h.app.inject({ method: 'GET', url }), '查询参数 q 含有空字符');
  });

  test('route parameters, anonymous and signed in', async () => {
    refused(await h.app.inject({ method: 'GET', url: '/api/v1/public/certificates/AB%00CD12' }), '路径参数 number 含有空字符');
    refused(await h.admin.request('GET', '/api/v1/divisions/15%000'), '路径参数 code');
  });

  test('login: a username with U+0000 is refused before it reaches the audit log', async () => {
    refused(
      await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'ad\u0000min', password: 'x' } }),
      '请求体 username',
    );
    refused(
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: 'x' },
        headers: { 'user-agent': 'probe\u0000' },
      }),
      '请求头 user-agent',
    );
  });

  test('case fields and party names, nested, as U+0000 and as a lone surrogate in raw JSON; nothing is written', async () => {
    const officer = await login(h.app, 'officer');
    const before = await count('cases');
    const body = (party: object, cause = '擅自从事互联网上网服务经营活动') => ({
      actCategory: 'penalty',
      origin: 'exOfficio',
      cause,
      field: '文化市场',
      party,
    });
    refused(await officer.request('POST', '/api/v1/cases', body({ kind: 'person', name: '张\u0000三' })), '请求体 party.name 含有空字符');
    refused(await officer.request('POST', '/api/v1/cases', body({ kind: 'person', name: '张三' }, '擅自\u0000')), '请求体 cause');
    const raw =
      '{"actCategory":"penalty","origin":"exOfficio","cause":"a\\ud800b","field":"文化市场","party":{"kind":"person","name":"张三"}}';
    refused(
      await officer.request('POST', '/api/v1/cases', raw, { 'content-type': 'application/json' }),
      '请求体 cause 含有不完整的 UTF-16 代理字符',
    );
    // an unknown key is still text the server reads: named by its escaped form
    refused(
      await officer.request('POST', '/api/v1/cases', { ...body({ kind: 'person', name: '张三' }), 'x\u0000': 1 }),
      '请求体 x\\\\u0000 字段名',
    );
    assert.equal(await count('cases'), before);
    refused(await officer.request('GET', '/api/v1/cases?q=%00'), '查询参数 q');
  });

  test('registry names and division names', async () => {
    const editor = await login(h.app, 'editor');
    const records = await count('registry_records');
    refused(
      await editor.request('POST', '/api/v1/registry/enforcementItem', {
        data: { name: '检查\u0000', actCategory: 'inspection', basis: '依据', implementingBody: '主体', responsibleBody: '机构' },
      }),
      '请求体 data.name',
    );
    assert.equal(await count('registry_records'), records);
    const divisions = await count('divisions');
    refused(await h.admin.request('POST', '/api/v1/divisions', { code: '150599', name: '某\u0000旗' }), '请求体 name');
    assert.equal(await count('divisions'), divisions);
  });

  // exceljs decodes the OOXML escape _x0000_ in a cell's text to U+0000
  test('spreadsheet cells (an Excel import) are reported per row', async () => {
    const editor = await login(h.app, 'editor');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('执法人员');
    ws.addRow(['姓名*', '性别*', '岗位*', '执法证号*', '执法类别*', '执法区域*', '有效期起*', '有效期止*']);
    ws.addRow(['张_x0000_三', '男', '队员', 'NMNUL00001', '文化市场', '奈曼旗', '2024-01-01', '2099-12-31']);
    const records = await count('registry_records');
    const res = await editor.request('POST', '/api/v1/registry/officer/import', Buffer.from(await wb.xlsx.writeBuffer()), {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    assertError(res, 400, 'IMPORT_INVALID');
    assert.deepEqual(
      res.json().error.details.errors.map((e: { row: number; column: string }) => [e.row, e.column]),
      [[2, '姓名']],
    );
    assert.match(res.json().error.details.errors[0].message, /空字符/);
    assert.equal(await count('registry_records'), records);
  });

  test('tus Upload-Metadata values (base64 on the wire) are checked once decoded', async () => {
    const officer = await login(h.app, 'officer');
    const uploads = await count('upload_sessions');
    const res = await officer.request('POST', '/api/v1/uploads', undefined, {
      ...TUS,
      'upload-length': '10',
      'upload-metadata': uploadMetadata({
        filename: 'a.mp4',
        deviceId: 'DSJ\u0000001',
        recordingStart: minutesAgo(20),
        recordingEnd: minutesAgo(10),
        place: '奈曼旗',
      }),
    });
    refused(res, '请求头 upload-metadata.deviceId 含有空字符');
    assert.equal(await count('upload_sessions'), uploads);
  });
});
