// Case handling over the API on both engines: a penalty case from registration to archive, the stage rules of
// 行政处罚法 and 000/002, certificate checks, AV requirements and exceptions, corrections, scope, and that a refused
// act writes nothing (no act, no ledger entry).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { describeApp, login, testConfig, uploadEvidence, type Session } from '../../../../test/support/app.ts';
import { LedgerService } from '../ledger/ledger.service.ts';
import { assertError, minutesAgo } from '../../../../test/support/http.ts';

const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const yesterday = new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);

const officerData = (name: string, certificateNumber: string, validTo = '2099-12-31') => ({
  name,
  gender: '男',
  post: '文化市场综合执法大队队员',
  certificateNumber,
  categories: ['文化市场'],
  area: '奈曼旗',
  validFrom: '2020-01-01',
  validTo,
  status: 'valid',
});

describeApp('cases: full-process recording', (h) => {
  let officer: Session;
  let officer2: Session;
  let unithead: Session;
  let head: Session;
  let supervisor: Session;
  let xixia: Session;
  const party = { kind: 'organisation', name: '奈曼旗某某网吧', creditCode: '91150525MA0000000X' };

  before(async () => {
    [officer, officer2, unithead, head, supervisor, xixia] = await Promise.all(
      ['officer', 'officer2', 'unithead', 'head', 'supervisor', 'xixia.officer'].map((u) => login(h.app, u)),
    );
    // a credit code with the right check character
    const { creditCodeCheckChar } = await import('../../platform/codes.ts');
    party.creditCode = `91150525MA0000000${creditCodeCheckChar('91150525MA0000000')}`;
    const editor = await login(h.app, 'editor');
    for (const d of [
      officerData('张执法', 'NMCASE0001'),
      officerData('赵执法', 'NMCASE0002'),
      officerData('钱过期', 'NMCASE0003', yesterday),
    ]) {
      const r = await editor.request('POST', '/api/v1/registry/officer', { data: d });
      assert.equal(r.statusCode, 201, r.body);
      assert.equal(
        (await head.request('POST', `/api/v1/registry/versions/${r.json().versionId}/decision`, { decision: 'approved' })).statusCode,
        200,
      );
    }
  });

  const open = (s: Session, body: Record<string, unknown> = {}) =>
    s.request('POST', '/api/v1/cases', {
      actCategory: 'penalty',
      origin: 'exOfficio',
      cause: '擅自从事互联网上网服务经营活动',
      field: '文化市场',
      party,
      ...body,
    });
  const act = (s: Session, caseId: string, body: Record<string, unknown>) =>
    s.request('POST', `/api/v1/cases/${caseId}/acts`, { occurredAt: minutesAgo(30), ...body });
  const two = ['NMCASE0001', 'NMCASE0002'];
  const counts = async (caseId: string) => ({
    acts: Number((await sql<{ n: string }>`select count(*) as n from case_acts where case_id = ${caseId}`.execute(h.db)).rows[0]!.n),
    // queued or integrated (one statement: integration moves rows from the queue to the log in one transaction)
    ledger: Number(
      (
        await sql<{
          n: string;
        }>`select (select count(*) from ledger_queue where kind = 'case.act') + (select count(*) from ledger_entries where kind = 'case.act') as n`.execute(
          h.db,
        )
      ).rows[0]!.n,
    ),
  });

  const uploadVideo = (s: Session, start: string, end: string) =>
    uploadEvidence(s, crypto.randomBytes(4096), {
      filename: '执法记录仪.mp4',
      deviceId: 'DSJ-001',
      recordingStart: start,
      recordingEnd: end,
      place: '奈曼旗大沁他拉镇',
    });

  async function openedCase(): Promise<string> {
    const c = await open(officer, { handlerIds: [] });
    assert.equal(c.statusCode, 201, c.body);
    const id = c.json().id;
    assert.equal((await act(unithead, id, { type: 'opening', content: { approved: true, opinion: '同意立案' } })).statusCode, 201);
    return id;
  }

  test('a penalty case from registration to archive, every act in the ledger', async () => {
    const r = await open(officer);
    assert.equal(r.statusCode, 201, r.body);
    const c = r.json();
    assert.equal(c.stage, 'opening');
    assert.match(c.number, /^奈曼旗文化和旅游局立〔\d{4}〕\d+号$/);
    assert.deepEqual(
      c.acts.map((a: { type: string }) => a.type),
      ['registration'],
    );
    assert.deepEqual(c.next, [], 'an officer cannot approve the opening');

    assertError(await act(officer, c.id, { type: 'opening', content: { approved: true, opinion: '同意' } }), 403, 'FORBIDDEN');
    assertError(
      await act(officer, c.id, {
        type: 'inquiry',
        officers: two,
        certificateShown: true,
        content: { person: '王某', transcript: '问：……答：……' },
      }),
      409,
      'STAGE_FORBIDS',
    );
    const opening = await act(unithead, c.id, { type: 'opening', content: { approved: true, opinion: '同意立案调查' } });
    assert.equal(opening.statusCode, 201, opening.body);
    let detail = (await officer.request('GET', `/api/v1/cases/${c.id}`)).json();
    assert.equal(detail.stage, 'investigation');
    assert.ok(detail.decisionDue > today, 'the 90-day limit of 行政处罚法 §60 runs from the opening');

    const inquiry = await act(officer, c.id, {
      type: 'inquiry',
      place: '奈曼旗大沁他拉镇某网吧',
      officers: two,
      certificateShown: true,
      rightsTold: true,
      partyPresent: '王某（负责人）',
      content: { person: '王某', relation: '负责人', transcript: '问：是否取得网络文化经营许可证？答：没有。' },
    });
    assert.equal(inquiry.statusCode, 201, inquiry.body);
    const inq = inquiry.json();
    assert.deepEqual(
      inq.officers.map((o: { ok: boolean; name: string }) => [o.name, o.ok]),
      [
        ['张执法', true],
        ['赵执法', true],
      ],
    );
    assert.equal(inq.officers[0].checkedFor, inq.occurredAt.slice(0, 10) <= today ? inq.officers[0].checkedFor : today);
    assert.equal(inq.certificateShown, true);
    assert.match(inq.contentHash, /^sha256:[0-9a-f]{64}$/);

    // on-site inspection needs AV (000 §17): refused without it, accepted with a linked video
    assertError(
      await act(officer, c.id, {
        type: 'inspection',
        officers: two,
        certificateShown: true,
        content: { findings: '现场有 20 台电脑正在营业' },
      }),
      422,
      'AV_REQUIRED',
    );
    const video = await uploadVideo(officer, minutesAgo(40), minutesAgo(10));
    const inspection = await act(officer, c.id, {
      type: 'inspection',
      officers: two,
      certificateShown: true,
      media: [video],
      content: { findings: '现场有 20 台电脑正在营业' },
    });
    assert.equal(inspection.statusCode, 201, inspection.body);
    assert.equal(inspection.json().avRequired, 'av');
    assert.equal(inspection.json().media[0].evidenceId, video);

    assertError(
      await act(head, c.id, {
        type: 'decision',
        content: {
          decision: '罚款 5000 元',
          basis: '《互联网上网服务营业场所管理条例》第二十七条',
          fineFen: 500000,
          remedy: '六十日内申请行政复议',
        },
      }),
      409,
      'RIGHTS_NOT_NOTIFIED',
    );
    const notice = await act(officer, c.id, {
      type: 'rightsNotice',
      content: {
        facts: '未经许可擅自经营',
        basis: '《互联网上网服务营业场所管理条例》第二十七条',
        proposed: '罚款 5000 元',
        hearingEligible: true,
      },
    });
    assert.equal(notice.statusCode, 201, notice.body);
    assert.equal(notice.json().rightsTold, true);
    const defence = await act(officer, c.id, {
      type: 'statementDefence',
      content: { waived: false, statement: '初次经营，请求从轻', hearingRequested: true },
    });
    assert.equal(defence.statusCode, 201, defence.body);
    assertError(
      await act(head, c.id, { type: 'decision', content: { decision: '罚款 5000 元', basis: '条例第二十七条', remedy: '复议或诉讼' } }),
      409,
      'HEARING_REQUIRED',
    );
    assert.equal(
      (
        await act(officer, c.id, {
          type: 'hearingNotice',
          content: { hearingAt: new Date(Date.now() + 86_400_000).toISOString(), place: '局听证室', presider: '孙主持' },
        })
      ).statusCode,
      201,
    );
    const hearingVideo = await uploadVideo(officer, minutesAgo(30), minutesAgo(5));
    assert.equal(
      (
        await act(officer, c.id, {
          type: 'hearing',
          officers: two,
          certificateShown: true,
          media: [hearingVideo],
          content: { presider: '孙主持', transcript: '听证过程……' },
        })
      ).statusCode,
      201,
    );
    const draft = await act(officer, c.id, {
      type: 'draftDecision',
      content: {
        proposal: '罚款 3000 元',
        basis: '条例第二十七条',
        fineFen: 300000,
        discretion: { level: '初次违法、及时改正：从轻', reason: '当事人初次违法且已停业整改' },
      },
    });
    assert.equal(draft.statusCode, 201, draft.body);
    assertError(
      await act(officer, c.id, { type: 'decision', content: { decision: '罚款 3000 元', basis: '条例第二十七条', remedy: '复议或诉讼' } }),
      403,
      'FORBIDDEN',
    );
    const decision = await act(head, c.id, {
      type: 'decision',
      content: { decision: '罚款 3000 元', basis: '条例第二十七条', fineFen: 300000, remedy: '六十日内申请行政复议或六个月内提起行政诉讼' },
    });
    assert.equal(decision.statusCode, 201, decision.body);
    detail = (await officer.request('GET', `/api/v1/cases/${c.id}`)).json();
    assert.equal(detail.stage, 'service');

    assertError(
      await act(officer, c.id, {
        type: 'service',
        content: { documentActId: decision.json().id, method: 'leftAtResidence', recipient: '王某' },
        officers: two,
        certificateShown: true,
      }),
      400,
      'VALIDATION_FAILED',
    );
    const served = await act(officer, c.id, {
      type: 'service',
      content: { documentActId: decision.json().id, method: 'mail', recipient: '王某' },
    });
    assert.equal(served.statusCode, 201, served.body);
    assert.equal((await officer.request('GET', `/api/v1/cases/${c.id}`)).json().stage, 'execution');
    assertError(
      await act(unithead, c.id, { type: 'conclusion', content: { outcome: 'executed', summary: '已缴纳罚款' } }),
      409,
      'NOT_EXECUTED',
    );
    assert.equal(
      (
        await act(officer, c.id, {
          type: 'execution',
          content: { method: 'voluntary', detail: '当事人已缴纳罚款', amountFen: 300000, completed: true },
        })
      ).statusCode,
      201,
    );
    const concluded = await act(unithead, c.id, { type: 'conclusion', content: { outcome: 'executed', summary: '执行完毕' } });
    assert.equal(concluded.statusCode, 201, concluded.body);

    // the rights notice was never served: archiving is refused until it is (002 记录办法 §32)
    assertError(await act(officer, c.id, { type: 'archive', content: {} }), 409, 'UNSERVED_DOCUMENTS');
    assert.equal(
      (
        await act(officer, c.id, {
          type: 'service',
          officers: two,
          certificateShown: true,
          content: { documentActId: notice.json().id, method: 'direct', recipient: '王某' },
        })
      ).statusCode,
      201,
    );
    const archived = await act(officer, c.id, { type: 'archive', content: { location: '档案室 A-3' } });
    assert.equal(archived.statusCode, 201, archived.body);
    detail = (await officer.request('GET', `/api/v1/cases/${c.id}`)).json();
    assert.equal(detail.stage, 'archived');
    assert.deepEqual(
      detail.acts.map((a: { seq: number }) => a.seq),
      detail.acts.map((_: unknown, i: number) => i + 1),
    );

    // every act is one ledger entry committing to its canonical bytes
    await (await LedgerService.open(h.db, testConfig())).settle(h.db);
    detail = (await officer.request('GET', `/api/v1/cases/${c.id}`)).json();
    assert.ok(detail.acts.every((a: { ledgerSeq: number | null }) => Number.isInteger(a.ledgerSeq)));
    const rows = await h.db.selectFrom('case_acts').select(['canonical', 'content_hash']).where('case_id', '=', c.id).execute();
    for (const row of rows) assert.equal(row.content_hash, `sha256:${crypto.createHash('sha256').update(row.canonical).digest('hex')}`);
    const audit = await h.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject', '=', c.id)
      .where('action', '=', 'case.view')
      .execute();
    assert.ok(audit.length >= 5, 'every view is logged');
  });

  test('refused acts write nothing: one officer, an expired certificate, a seizure without AV', async () => {
    const id = await openedCase();
    const before = await counts(id);
    assertError(
      await act(officer, id, {
        type: 'inquiry',
        officers: ['NMCASE0001'],
        certificateShown: true,
        content: { person: '王某', transcript: '……' },
      }),
      422,
      'OFFICERS_REQUIRED',
    );
    const expired = await act(officer, id, {
      type: 'inquiry',
      officers: ['NMCASE0001', 'NMCASE0003'],
      certificateShown: true,
      content: { person: '王某', transcript: '……' },
    });
    assertError(expired, 422, 'CERTIFICATE_INVALID');
    assert.deepEqual(
      expired.json().error.details.checks.find((k: { certificateNumber: string }) => k.certificateNumber === 'NMCASE0003').problems,
      ['expired'],
    );
    assert.match(expired.json().error.message, /钱过期.*证件已过有效期/);
    const unknown = await act(officer, id, {
      type: 'inquiry',
      officers: ['NMCASE0001', 'XX999999'],
      certificateShown: true,
      content: { person: '王某', transcript: '……' },
    });
    assertError(unknown, 422, 'CERTIFICATE_INVALID');
    assertError(
      await act(officer, id, { type: 'inquiry', officers: two, content: { person: '王某', transcript: '……' } }),
      400,
      'VALIDATION_FAILED',
    );
    const seizure = {
      type: 'seizure',
      officers: two,
      certificateShown: true,
      content: { measure: 'detain', items: [{ name: '电脑主机', quantity: '20 台' }], durationDays: 30 },
    };
    assertError(await act(officer, id, seizure), 422, 'AV_REQUIRED');
    // a recording that misses the end of the seizure is not full-process AV
    const partial = await uploadVideo(officer, minutesAgo(30), minutesAgo(20));
    assertError(
      await act(officer, id, { ...seizure, occurredAt: minutesAgo(30), endedAt: minutesAgo(10), media: [partial] }),
      422,
      'AV_INCOMPLETE',
    );
    assertError(
      await act(officer, id, { type: 'inquiry', officers: two, certificateShown: true, content: { person: 1 } }),
      400,
      'VALIDATION_FAILED',
    );
    assertError(
      await act(officer, id, {
        type: 'inquiry',
        officers: two,
        certificateShown: true,
        media: [crypto.randomUUID()],
        content: { person: '王某', transcript: '……' },
      }),
      404,
      'NOT_FOUND',
    );
    assert.deepEqual(await counts(id), before, 'nothing written: no act, no ledger entry');

    // the written explanation, approved by the agency head, lets the seizure be recorded without AV (003 §20(二))
    const ex = await officer.request('POST', `/api/v1/cases/${id}/av-exceptions`, {
      actType: 'seizure',
      reason: '执法记录仪电量耗尽，无法录像',
    });
    assert.equal(ex.statusCode, 201, ex.body);
    assertError(await act(officer, id, { ...seizure, avExceptionId: ex.json().id }), 422, 'AV_REQUIRED');
    assertError(
      await unithead.request('POST', `/api/v1/cases/av-exceptions/${ex.json().id}/decision`, { approved: true }),
      403,
      'FORBIDDEN',
    );
    const todo = (await head.request('GET', '/api/v1/cases/todo')).json().items;
    assert.ok(todo.some((t: { kind: string; id?: string }) => t.kind === 'avException' && t.id === ex.json().id));
    assert.equal(
      (await head.request('POST', `/api/v1/cases/av-exceptions/${ex.json().id}/decision`, { approved: true, comment: '同意' })).statusCode,
      200,
    );
    assertError(
      await head.request('POST', `/api/v1/cases/av-exceptions/${ex.json().id}/decision`, { approved: false, comment: '再议' }),
      409,
      'ALREADY_DECIDED',
    );
    const ok = await act(officer, id, { ...seizure, avExceptionId: ex.json().id });
    assert.equal(ok.statusCode, 201, ok.body);
    assertError(await act(officer, id, { ...seizure, avExceptionId: ex.json().id }), 409, 'CONFLICT');
  });

  test('acts are never edited: corrections point at the original, the database refuses UPDATE and DELETE', async () => {
    const id = await openedCase();
    const first = (
      await act(officer, id, {
        type: 'inquiry',
        officers: two,
        certificateShown: true,
        content: { person: '王某', transcript: '答：经营了三个月。' },
      })
    ).json();
    for (const method of ['PUT', 'PATCH', 'DELETE'])
      assertError(
        await officer.request(method, `/api/v1/cases/${id}/acts/${first.id}`, method === 'DELETE' ? undefined : { content: {} }),
        405,
        'ACTS_IMMUTABLE',
      );
    assertError(
      await act(officer, id, {
        type: 'inquiry',
        officers: two,
        certificateShown: true,
        corrects: first.id,
        content: { person: '王某', transcript: '答：经营了两个月。' },
      }),
      400,
      'VALIDATION_FAILED',
    );
    const fix = await act(officer, id, {
      type: 'inquiry',
      officers: two,
      certificateShown: true,
      corrects: first.id,
      correctionReason: '笔录誊写错误，经当事人核对更正',
      content: { person: '王某', transcript: '答：经营了两个月。' },
    });
    assert.equal(fix.statusCode, 201, fix.body);
    assert.equal(fix.json().corrects, first.id);
    assertError(
      await act(officer, id, {
        type: 'inquiry',
        officers: two,
        certificateShown: true,
        corrects: first.id,
        correctionReason: '再改',
        content: { person: '王某', transcript: '……' },
      }),
      409,
      'CONFLICT',
    );
    const detail = (await officer.request('GET', `/api/v1/cases/${id}`)).json();
    assert.equal(detail.acts.find((a: { id: string }) => a.id === first.id).correctedBy, fix.json().id);
    await assert.rejects(sql`update case_acts set content = '{}' where id = ${first.id}`.execute(h.db));
    await assert.rejects(sql`delete from case_acts where id = ${first.id}`.execute(h.db));
    await (await LedgerService.open(h.db, testConfig())).settle(h.db);
    const entries = await h.db
      .selectFrom('ledger_entries')
      .select(['seq', 'subject', 'corrects'])
      .where('subject', 'in', [first.id, fix.json().id])
      .orderBy('seq')
      .execute();
    assert.equal(entries.length, 2);
    assert.equal(Number(entries[1]!.corrects), Number(entries[0]!.seq), 'the correcting entry points at the original in the ledger');
  });

  test('scope: another agency sees nothing, a non-handler is refused, the supervisor reads', async () => {
    const id = await openedCase();
    assertError(await xixia.request('GET', `/api/v1/cases/${id}`), 404, 'NOT_FOUND');
    assertError(
      await act(xixia, id, { type: 'inquiry', officers: two, certificateShown: true, content: { person: '王某', transcript: '……' } }),
      404,
      'NOT_FOUND',
    );
    assertError(await officer2.request('GET', `/api/v1/cases/${id}`), 403, 'ACCESS_REQUEST_REQUIRED');
    assert.equal((await supervisor.request('GET', `/api/v1/cases/${id}`)).statusCode, 200);
    assertError(
      await act(supervisor, id, { type: 'inquiry', officers: two, certificateShown: true, content: { person: '王某', transcript: '……' } }),
      403,
      'FORBIDDEN',
    );
    assert.equal(
      (await xixia.request('GET', '/api/v1/cases')).json().items.some((c: { id: string }) => c.id === id),
      false,
    );
    assert.equal(
      (await officer2.request('GET', '/api/v1/cases')).json().items.some((c: { id: string }) => c.id === id),
      false,
    );
    assert.ok((await supervisor.request('GET', '/api/v1/cases?division=150525')).json().items.some((c: { id: string }) => c.id === id));
    assertError(
      await open(xixia, {
        agencyId: (await h.db.selectFrom('cases').select('agency_id').where('id', '=', id).executeTakeFirstOrThrow()).agency_id,
      }),
      404,
      'NOT_FOUND',
    );
  });

  test('registration: emergency, complaint not opened, bad party codes, forged references', async () => {
    const em = (await open(officer, { origin: 'emergency', cause: '紧急情况先行查封' })).json();
    assert.equal(em.stage, 'investigation');
    assert.ok(Date.parse(em.openingDueAt) - Date.now() > 23 * 3600_000);
    let todo = (await officer.request('GET', '/api/v1/cases/todo')).json().items;
    assert.ok(todo.some((t: { kind: string; caseId: string }) => t.kind === 'emergencyApproval' && t.caseId === em.id));
    assert.ok(
      todo.some(
        (t: { kind: string; caseId: string; daysLeft: number }) => t.kind === 'decisionDue' && t.caseId === em.id && t.daysLeft === 90,
      ),
    );
    assert.equal((await act(unithead, em.id, { type: 'opening', content: { approved: true, opinion: '补办立案审批' } })).statusCode, 201);
    todo = (await officer.request('GET', '/api/v1/cases/todo')).json().items;
    assert.ok(!todo.some((t: { kind: string; caseId: string }) => t.kind === 'emergencyApproval' && t.caseId === em.id));

    const complaint = (await open(officer, { origin: 'complaint', cause: '群众举报噪音扰民' })).json();
    assertError(
      await act(unithead, complaint.id, { type: 'opening', content: { approved: false, opinion: '不属于本部门管辖' } }),
      400,
      'VALIDATION_FAILED',
    );
    assert.equal(
      (
        await act(unithead, complaint.id, {
          type: 'opening',
          content: { approved: false, opinion: '不属于本部门管辖', replyToComplainant: '已告知举报人向生态环境部门反映' },
        })
      ).statusCode,
      201,
    );
    assert.equal((await officer.request('GET', `/api/v1/cases/${complaint.id}`)).json().stage, 'notOpened');

    assertError(await open(officer, { party: { kind: 'person', name: '王某', idNumber: '150525199001011234' } }), 400, 'VALIDATION_FAILED');
    assertError(
      await open(officer, { party: { kind: 'organisation', name: '某公司', creditCode: '91150525MA00000000' } }),
      400,
      'VALIDATION_FAILED',
    );
    assertError(await open(officer, { itemRecordId: crypto.randomUUID() }), 404, 'NOT_FOUND');
    assertError(await open(officer, { handlerIds: [crypto.randomUUID()] }), 400, 'VALIDATION_FAILED');
    const bad = await officer.request('POST', '/api/v1/cases', '{"actCategory": "penalty",', { 'content-type': 'application/json' });
    assertError(bad, 400, 'MALFORMED_JSON');
    assertError(
      await head.request('POST', `/api/v1/cases/${complaint.id}/acts`, { type: 'registration', occurredAt: minutesAgo(1), content: {} }),
      409,
      'STAGE_FORBIDS',
    );
  });
});
