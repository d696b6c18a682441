// POST /api/v1/disclosure/redact on both engines: masks and offsets into the input; signed-in users only; bad input
// is a 400 with a Chinese message, an oversized text a clear refusal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeApp, login } from '../../../../test/support/app.ts';
import { assertError, minutesAgo } from '../../../../test/support/http.ts';
import { WorkingDayCalendar } from '../../platform/calendar/calendar.rules.ts';
import { loadShippedSchedules } from '../../platform/calendar/shipped.ts';
import { shanghaiDate } from '../../platform/calendar/calendar.dates.ts';
import { MAX_REDACT_CHARS } from './disclosure.routes.ts';

describeApp('disclosure: redaction endpoint', (h) => {
  test('masks personal data, keeps credit codes; offsets are into the input; bad input refused', async () => {
    const editor = await login(h.app, 'editor');
    const text = '当事人王某，住址：奈曼旗幸福小区3栋301室，电话13812345678；某某公司统一社会信用代码91150525MA0000000X无误。';
    const r = await editor.request('POST', '/api/v1/disclosure/redact', { text });
    assert.equal(r.statusCode, 200, r.body);
    const out = r.json() as { text: string; findings: { kind: string; start: number; end: number }[] };
    assert.deepEqual(
      out.findings.map((f) => [f.kind, text.slice(f.start, f.end)]),
      [
        ['address', '奈曼旗幸福小区3栋301室'],
        ['phone', '13812345678'],
      ],
    );
    assert.ok(!out.text.includes('13812345678') && !out.text.includes('幸福小区'));
    assert.ok(out.text.includes('91150525MA0000000X'));

    assert.equal((await h.app.inject({ method: 'POST', url: '/api/v1/disclosure/redact', payload: { text } })).statusCode, 401);
    assertError(await editor.request('POST', '/api/v1/disclosure/redact', { text: 42 }), 400, 'VALIDATION_FAILED');
    assertError(await editor.request('POST', '/api/v1/disclosure/redact', { text, extra: true }), 400, 'VALIDATION_FAILED');
    assertError(
      await editor.request('POST', '/api/v1/disclosure/redact', '{"text":', { 'content-type': 'application/json' }),
      400,
      'MALFORMED_JSON',
    );
    assertError(
      await editor.request('POST', '/api/v1/disclosure/redact', { text: '字'.repeat(MAX_REDACT_CHARS + 1) }),
      400,
      'VALIDATION_FAILED',
    );
  });

  test('a decision creates its disclosure record once, with the 003 §11 fields and the policy deadline', async () => {
    const [officer, unithead, head, editor, xixia, supervisor] = await Promise.all(
      ['officer', 'unithead', 'head', 'editor', 'xixia.officer', 'supervisor'].map((u) => login(h.app, u)),
    );
    for (const [name, cert] of [
      ['张执法', 'NMDIS0001'],
      ['赵执法', 'NMDIS0002'],
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
    const c = await officer.request('POST', '/api/v1/cases', {
      actCategory: 'penalty',
      origin: 'exOfficio',
      cause: '未按规定核对上网消费者身份证件',
      field: '文化市场',
      party: { kind: 'organisation', name: '奈曼旗飞翔网吧', representative: '刘某' },
    });
    const caseId = c.json().id as string;
    const occurredAt = minutesAgo(30);
    for (const [s, body] of [
      [unithead, { type: 'opening', content: { approved: true, opinion: '同意立案' } }],
      [
        officer,
        { type: 'inquiry', officers: ['NMDIS0001', 'NMDIS0002'], certificateShown: true, content: { person: '刘某', transcript: '问答' } },
      ],
      [
        officer,
        {
          type: 'rightsNotice',
          content: {
            facts: '当事人未核对上网消费者身份证件，联系电话 13812345678',
            basis: '条例第三十一条',
            proposed: '警告',
            hearingEligible: false,
          },
        },
      ],
      [officer, { type: 'statementDefence', content: { waived: true, hearingRequested: false } }],
      [
        head,
        {
          type: 'decision',
          occurredAt,
          content: {
            decision: '警告，并处罚款人民币五千元',
            basis: '《互联网上网服务营业场所管理条例》第三十一条',
            fineFen: 500_000,
            remedy: '六十日内申请复议',
          },
        },
      ],
    ] as const) {
      const r = await s.request('POST', `/api/v1/cases/${caseId}/acts`, { occurredAt: minutesAgo(40), ...body });
      assert.equal(r.statusCode, 201, r.body);
    }
    const list = await editor.request('GET', '/api/v1/disclosures');
    assert.equal(list.statusCode, 200, list.body);
    const mine = (
      list.json().items as {
        id: string;
        caseId: string;
        decidedOn: string;
        workingDays: number;
        dueOn: string;
        state: string;
        overdue: boolean;
      }[]
    ).filter((d) => d.caseId === caseId);
    assert.equal(mine.length, 1);
    const d = { ...mine[0]!, record: (await editor.request('GET', `/api/v1/disclosures/${mine[0]!.id}`)).json().record };
    const decidedOn = shanghaiDate(new Date(occurredAt));
    assert.equal(d.decidedOn, decidedOn);
    assert.equal(d.workingDays, 7, 'nmg-244: licence and penalty decisions within 7 working days (000 §10)');
    assert.equal(d.dueOn, new WorkingDayCalendar(loadShippedSchedules()).addWorkingDays(decidedOn, 7).date);
    assert.equal(d.state, 'pending');
    assert.equal(d.overdue, false);
    assert.match(d.record.documentNumber, /罚决〔\d{4}〕\d+号$/);
    assert.deepEqual(
      [d.record.caseName, d.record.party, d.record.facts, d.record.actCategory, d.record.result, d.record.fineYuan, d.record.agencyName],
      [
        '未按规定核对上网消费者身份证件',
        { kind: 'organisation', name: '奈曼旗飞翔网吧', creditCode: null, representative: '刘某' },
        '当事人未核对上网消费者身份证件，联系电话 13812345678',
        'penalty',
        '警告，并处罚款人民币五千元',
        5000,
        '奈曼旗文化和旅游局',
      ],
    );
    // scope and roles: the division's supervisor reads, another agency's officer and an officer may not
    assert.ok((await supervisor.request('GET', '/api/v1/disclosures')).json().items.some((x: { caseId: string }) => x.caseId === caseId));
    assertError(await officer.request('GET', '/api/v1/disclosures'), 403, 'FORBIDDEN');
    assertError(await xixia.request('GET', '/api/v1/disclosures'), 403, 'FORBIDDEN');
    assertError(await editor.request('GET', '/api/v1/disclosures?state=gone'), 400, 'VALIDATION_FAILED');
  });
});
