// Case records on both engines: standard documents with the agency's numbering (文号) as a printable model and a
// .docx, access requests (调阅) approved by the agency head, and the access log that shows every view and download.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { sql } from 'kysely';
import yauzl from 'yauzl';
import { describeApp, login, type Session } from '../../../../test/support/app.ts';
import { TUS, assertError, minutesAgo, uploadMetadata } from '../../../../test/support/http.ts';

const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

/** One entry of a zip (a .docx is one) as text. */
function zipEntry(buf: Buffer, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      zip.on('entry', (e: yauzl.Entry) => {
        if (e.fileName !== name) return zip.readEntry();
        zip.openReadStream(e, (err2, s) => {
          if (err2) return reject(err2);
          const parts: Buffer[] = [];
          s.on('data', (d: Buffer) => parts.push(d)).on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
        });
      });
      zip.on('end', () => reject(new Error(`${name} not in zip`)));
      zip.readEntry();
    });
  });
}

describeApp('case records: documents, numbering, access requests, access log', (h) => {
  let officer: Session,
    officer2: Session,
    unithead: Session,
    head: Session,
    supervisor: Session,
    custodian: Session,
    external: Session,
    xixia: Session;
  const party = { kind: 'person', name: '王某某', idNumber: '11010519491231002X', address: '奈曼旗大沁他拉镇' };
  const two = ['NMREC0001', 'NMREC0002'];
  let caseId = '';
  let caseNumber = '';
  let inquiryId = '';
  let noticeId = '';
  let video = '';

  const act = (s: Session, body: Record<string, unknown>) =>
    s.request('POST', `/api/v1/cases/${caseId}/acts`, { occurredAt: minutesAgo(30), ...body });

  before(async () => {
    [officer, officer2, unithead, head, supervisor, custodian, external, xixia] = await Promise.all(
      ['officer', 'officer2', 'unithead', 'head', 'supervisor', 'custodian', 'external', 'xixia.officer'].map((u) => login(h.app, u)),
    );
    const editor = await login(h.app, 'editor');
    for (const [name, cert] of [
      ['张执法', two[0]],
      ['赵执法', two[1]],
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
      assert.equal(r.statusCode, 201, r.body);
      assert.equal(
        (await head.request('POST', `/api/v1/registry/versions/${r.json().versionId}/decision`, { decision: 'approved' })).statusCode,
        200,
      );
    }
    // numbering: the agency head sets the agency's short name (机关代字); others cannot; bad input is refused
    const agencyId =
      (await officer.request('GET', '/api/v1/auth/me')).json().agencyId ??
      (await h.db.selectFrom('users').select('agency_id').where('username', '=', 'officer').executeTakeFirstOrThrow()).agency_id;
    assert.equal((await head.request('GET', `/api/v1/agencies/${agencyId}/numbering`)).json().prefix, '奈曼旗文化和旅游局');
    assertError(await officer.request('PUT', `/api/v1/agencies/${agencyId}/numbering`, { prefix: '奈文旅' }), 403, 'FORBIDDEN');
    assertError(await head.request('PUT', `/api/v1/agencies/${agencyId}/numbering`, { prefix: '奈/文旅' }), 400, 'VALIDATION_FAILED');
    assertError(await xixia.request('GET', `/api/v1/agencies/${agencyId}/numbering`), 404, 'NOT_FOUND');
    const set = await head.request('PUT', `/api/v1/agencies/${agencyId}/numbering`, { prefix: '奈文旅' });
    assert.equal(set.statusCode, 200, set.body);
    assert.equal(set.json().example, `奈文旅罚决〔${year}〕1号`);

    const c = await officer.request('POST', '/api/v1/cases', {
      actCategory: 'penalty',
      origin: 'exOfficio',
      cause: '未经许可擅自从事营业性演出',
      field: '文化市场',
      party,
      summary: '群众举报某酒吧未经许可组织营业性演出。',
    });
    assert.equal(c.statusCode, 201, c.body);
    caseId = c.json().id;
    caseNumber = c.json().number;
    assert.match(caseNumber, new RegExp(`^奈文旅立〔${year}〕\\d+号$`));
    assert.equal((await act(unithead, { type: 'opening', content: { approved: true, opinion: '同意立案' } })).statusCode, 201);
    const inq = await act(officer, {
      type: 'inquiry',
      place: '某酒吧',
      officers: two,
      certificateShown: true,
      rightsTold: true,
      partyPresent: '王某某',
      content: { person: '王某某', relation: '经营者', transcript: '问：是否取得营业性演出许可证？\n答：没有。' },
    });
    assert.equal(inq.statusCode, 201, inq.body);
    inquiryId = inq.json().id;
    const content = crypto.randomBytes(2048);
    const up = await officer.request('POST', '/api/v1/uploads', undefined, {
      ...TUS,
      'upload-length': String(content.length),
      'upload-metadata': uploadMetadata({
        filename: '现场检查.mp4',
        deviceId: 'DSJ-9',
        recordingStart: minutesAgo(40),
        recordingEnd: minutesAgo(10),
      }),
    });
    const patched = await officer.request('PATCH', up.headers.location as string, content, {
      ...TUS,
      'upload-offset': '0',
      'content-type': 'application/offset+octet-stream',
    });
    video = patched.headers['evidence-id'] as string;
    assert.equal(
      (
        await act(officer, {
          type: 'inspection',
          officers: two,
          certificateShown: true,
          media: [video],
          content: { findings: '舞台正在演出' },
        })
      ).statusCode,
      201,
    );
  });

  test('numbered documents: 文号 from the agency scheme, kept by corrections, never taken from the client; printable model and .docx', async () => {
    const notice = await act(officer, {
      type: 'rightsNotice',
      content: {
        facts: '未经许可从事营业性演出',
        basis: '《营业性演出管理条例》第四十三条',
        proposed: '罚款 3 万元',
        hearingEligible: true,
        documentNumber: '伪造〔1999〕1号',
      },
    });
    assert.equal(notice.statusCode, 201, notice.body);
    noticeId = notice.json().id;
    const number = notice.json().content.documentNumber as string;
    assert.match(number, new RegExp(`^奈文旅告〔${year}〕\\d+号$`), 'the client-sent number is ignored');
    const fix = await act(officer, {
      type: 'rightsNotice',
      corrects: noticeId,
      correctionReason: '依据条款有误',
      content: { ...notice.json().content, basis: '《营业性演出管理条例》第四十三条第一款' },
    });
    assert.equal(fix.statusCode, 201, fix.body);
    assert.equal(fix.json().content.documentNumber, number, 'a correction keeps the original number');
    assert.equal(
      (await h.db.selectFrom('case_counters').select('last').where('series', '=', '告').executeTakeFirstOrThrow()).last,
      1,
      'no number used up by the correction',
    );

    const inqDoc = await officer.request('GET', `/api/v1/cases/${caseId}/acts/${inquiryId}/document`);
    assert.equal(inqDoc.statusCode, 200, inqDoc.body);
    const d = inqDoc.json();
    assert.equal(d.title, '询问笔录');
    assert.equal(d.number, null, 'transcripts carry no number');
    assert.equal(d.caseNumber, caseNumber);
    const fields = d.blocks
      .filter((b: { kind: string }) => b.kind === 'fields')
      .flatMap((b: { rows: { label: string; value: string }[] }) => b.rows);
    assert.ok(fields.some((r: { label: string; value: string }) => r.label === '公民身份号码' && r.value === party.idNumber));
    const officers = d.blocks.find((b: { kind: string; title?: string }) => b.kind === 'table' && b.title?.startsWith('执法人员'));
    assert.deepEqual(
      officers.rows.map((r: string[]) => [r[0], r[1]]),
      [
        ['张执法', two[0]],
        ['赵执法', two[1]],
      ],
    );
    assert.ok(d.blocks.some((b: { kind: string; text?: string }) => b.kind === 'section' && b.text?.includes('是否取得营业性演出许可证')));
    assert.ok(d.record.ledgerSeq === null || Number.isInteger(d.record.ledgerSeq));

    const noticeDoc = (await officer.request('GET', `/api/v1/cases/${caseId}/acts/${fix.json().id}/document`)).json();
    assert.equal(noticeDoc.title, '行政处罚事先告知书（更正）');
    assert.equal(noticeDoc.number, number);
    assert.ok(noticeDoc.blocks.some((b: { kind: string; text?: string }) => b.kind === 'notice' && b.text?.includes('有权要求听证')));
    assert.match(noticeDoc.record.corrects, /第 \d+ 项记录/);

    const docx = await officer.request('GET', `/api/v1/cases/${caseId}/acts/${fix.json().id}/document.docx`);
    assert.equal(docx.statusCode, 200, docx.body);
    assert.equal(docx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.match(String(docx.headers['content-disposition']), /^attachment; filename=.*\.docx/);
    const xml = await zipEntry(docx.rawPayload, 'word/document.xml');
    for (const s of ['行政处罚事先告知书', number, '第四十三条第一款', '奈曼旗文化和旅游局'])
      assert.ok(xml.includes(s), `docx contains ${s}`);

    const decision = await act(head, {
      type: 'decision',
      content: {
        decision: '罚款 3 万元',
        basis: '《营业性演出管理条例》第四十三条',
        fineFen: 3_000_000,
        remedy: '六十日内申请行政复议或六个月内提起行政诉讼',
      },
    });
    assert.equal(decision.statusCode, 201, decision.body);
    assert.match(decision.json().content.documentNumber, new RegExp(`^奈文旅罚决〔${year}〕\\d+号$`));
    const decisionDoc = (await officer.request('GET', `/api/v1/cases/${caseId}/acts/${decision.json().id}/document`)).json();
    assert.ok(
      decisionDoc.blocks.some((b: { kind: string; rows?: { label: string; value: string }[] }) =>
        b.rows?.some((r) => r.label === '罚款金额' && r.value === '30,000.00 元'),
      ),
    );

    assertError(await officer.request('GET', `/api/v1/cases/${caseId}/acts/${crypto.randomUUID()}/document`), 404, 'NOT_FOUND');
    assertError(await xixia.request('GET', `/api/v1/cases/${caseId}/acts/${inquiryId}/document.docx`), 404, 'NOT_FOUND');
  });

  test("access requests: view and copy need the head's approval; supervisors read directly; every refusal writes nothing", async () => {
    const docx = `/api/v1/cases/${caseId}/acts/${inquiryId}/document.docx`;
    const media = `/api/v1/evidence/${video}/content`;
    assertError(await officer2.request('GET', `/api/v1/cases/${caseId}`), 403, 'ACCESS_REQUEST_REQUIRED');
    assertError(await officer2.request('GET', docx), 403, 'ACCESS_REQUEST_REQUIRED');
    assertError(await officer2.request('GET', media), 403, 'ACCESS_REQUEST_REQUIRED');
    assertError(await external.request('GET', `/api/v1/cases/${caseId}`), 403, 'ACCESS_REQUEST_REQUIRED');

    const requests = async () =>
      Number((await sql<{ n: string }>`select count(*) as n from case_access_requests`.execute(h.db)).rows[0]!.n);
    const before = await requests();
    assertError(
      await officer2.request('POST', '/api/v1/access-requests', { caseNumber, purpose: '', scope: 'view' }),
      400,
      'VALIDATION_FAILED',
    );
    assertError(
      await officer2.request('POST', '/api/v1/access-requests', { caseNumber: '不存在〔2026〕1号', purpose: '查阅', scope: 'view' }),
      404,
      'NOT_FOUND',
    );
    assertError(await xixia.request('POST', '/api/v1/access-requests', { caseNumber, purpose: '查阅', scope: 'view' }), 404, 'NOT_FOUND');
    assertError(await officer.request('POST', '/api/v1/access-requests', { caseId, purpose: '查阅', scope: 'copy' }), 409, 'CONFLICT');
    assertError(
      await officer2.request('POST', '/api/v1/access-requests', {
        caseNumber,
        purpose: '查阅',
        scope: 'view',
        requesterKind: 'party',
        requesterName: '王某某',
      }),
      403,
      'FORBIDDEN',
    );
    assertError(
      await custodian.request('POST', '/api/v1/access-requests', {
        caseId,
        purpose: '当事人申请复制本人询问笔录',
        scope: 'copy',
        requesterKind: 'party',
      }),
      400,
      'VALIDATION_FAILED',
    );
    assertError(
      await custodian.request('POST', '/api/v1/access-requests', {
        caseId,
        purpose: '调取案卷',
        scope: 'copy',
        requesterKind: 'external',
        requesterName: '李检察官',
      }),
      400,
      'VALIDATION_FAILED',
    );
    assert.equal(await requests(), before, 'refused requests write nothing');

    const view = await officer2.request('POST', '/api/v1/access-requests', {
      caseNumber,
      purpose: '办理关联案件需查阅',
      scope: 'view',
      days: 7,
    });
    assert.equal(view.statusCode, 201, view.body);
    assert.equal(view.json().status, 'pending');
    assertError(await officer2.request('GET', `/api/v1/cases/${caseId}`), 403, 'ACCESS_REQUEST_REQUIRED');
    const todo = (await head.request('GET', '/api/v1/cases/todo')).json().items;
    assert.ok(todo.some((t: { kind: string; id: string }) => t.kind === 'accessRequest' && t.id === view.json().id));
    assertError(await unithead.request('POST', `/api/v1/access-requests/${view.json().id}/decision`, { approved: true }), 403, 'FORBIDDEN');
    assertError(
      await head.request('POST', `/api/v1/access-requests/${view.json().id}/decision`, { approved: false }),
      400,
      'VALIDATION_FAILED',
    );
    assertError(
      await head.request('POST', `/api/v1/access-requests/${crypto.randomUUID()}/decision`, { approved: true }),
      404,
      'NOT_FOUND',
    );
    const ok = await head.request('POST', `/api/v1/access-requests/${view.json().id}/decision`, {
      approved: true,
      comment: '同意查阅 7 日',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'approved');
    assertError(
      await head.request('POST', `/api/v1/access-requests/${view.json().id}/decision`, { approved: false, comment: '改变主意' }),
      409,
      'ALREADY_DECIDED',
    );

    const seen = await officer2.request('GET', `/api/v1/cases/${caseId}`);
    assert.equal(seen.statusCode, 200, seen.body);
    assert.equal(seen.json().access, 'view');
    assertError(await officer2.request('GET', docx), 403, 'ACCESS_REQUEST_REQUIRED');
    assertError(await officer2.request('GET', media), 403, 'ACCESS_REQUEST_REQUIRED');
    assertError(
      await officer2.request('POST', `/api/v1/cases/${caseId}/acts`, {
        type: 'inquiry',
        occurredAt: minutesAgo(5),
        officers: two,
        certificateShown: true,
        content: { person: '甲', transcript: '……' },
      }),
      403,
      'FORBIDDEN',
    );

    const copy = await officer2.request('POST', '/api/v1/access-requests', { caseId, purpose: '复制询问笔录用于关联案件', scope: 'copy' });
    assert.equal(copy.statusCode, 201, copy.body);
    assert.equal(
      (await head.request('POST', `/api/v1/access-requests/${copy.json().id}/decision`, { approved: true, comment: '同意' })).statusCode,
      200,
    );
    assert.equal((await officer2.request('GET', docx)).statusCode, 200);
    assert.equal((await officer2.request('GET', media)).statusCode, 200);
    assert.equal((await officer2.request('GET', `/api/v1/cases/${caseId}`)).json().access, 'copy');

    // an approved request that has expired gives nothing
    const ext = await external.request('POST', '/api/v1/access-requests', { caseNumber, purpose: '监察调查需要', scope: 'view' });
    assert.equal(ext.statusCode, 201, ext.body);
    await sql`insert into case_access_requests (id, case_id, agency_id, requester_kind, requester_id, requester_name, purpose, scope, valid_until, lodged_by, lodged_by_name)
      select ${crypto.randomUUID()}::uuid, case_id, agency_id, requester_kind, requester_id, requester_name, purpose, 'copy', now() - interval '1 day', lodged_by, lodged_by_name
      from case_access_requests where id = ${ext.json().id}`.execute(h.db);
    const expired = (
      await h.db.selectFrom('case_access_requests').select('id').where('valid_until', '<', new Date()).executeTakeFirstOrThrow()
    ).id;
    assert.equal((await head.request('POST', `/api/v1/access-requests/${expired}/decision`, { approved: true })).statusCode, 200);
    assertError(await external.request('GET', `/api/v1/cases/${caseId}`), 403, 'ACCESS_REQUEST_REQUIRED');
    assert.ok(
      (await external.request('GET', '/api/v1/access-requests'))
        .json()
        .items.some((r: { id: string; status: string }) => r.id === expired && r.status === 'expired'),
    );
    assert.equal((await head.request('POST', `/api/v1/access-requests/${ext.json().id}/decision`, { approved: true })).statusCode, 200);
    assert.equal((await external.request('GET', `/api/v1/cases/${caseId}`)).statusCode, 200);

    const party = await custodian.request('POST', '/api/v1/access-requests', {
      caseId,
      purpose: '当事人申请复制本人询问笔录（000 §24）',
      scope: 'copy',
      requesterKind: 'party',
      requesterName: '王某某',
    });
    assert.equal(party.statusCode, 201, party.body);
    assert.equal(party.json().requesterKind, 'party');
    assert.ok(
      (await head.request('GET', '/api/v1/access-requests?pending=true'))
        .json()
        .items.some((r: { id: string }) => r.id === party.json().id),
    );

    assert.equal((await supervisor.request('GET', docx)).statusCode, 200, 'supervisors read and copy directly (003 §21(三))');
  });

  test('the access log shows every view and download to the head and supervisors', async () => {
    const log = await head.request('GET', `/api/v1/cases/${caseId}/access-log`);
    assert.equal(log.statusCode, 200, log.body);
    const items = log.json().items as { actorUsername: string; action: string }[];
    const has = (user: string, action: string) => items.some((i) => i.actorUsername === user && i.action === action);
    assert.ok(has('officer2', 'case.view'));
    assert.ok(has('officer2', 'case.document.download'));
    assert.ok(has('officer2', 'evidence.download'));
    assert.ok(has('officer', 'case.document.view'));
    assert.ok(has('supervisor', 'case.document.download'));
    assert.ok(has('external', 'case.view'));
    assert.ok(!items.some((i) => i.actorUsername === 'xixia.officer'), 'refused attempts are not views');
    assert.ok(log.json().requests.length >= 4);
    assert.equal((await supervisor.request('GET', `/api/v1/cases/${caseId}/access-log`)).statusCode, 200);
    assert.equal((await custodian.request('GET', `/api/v1/cases/${caseId}/access-log`)).statusCode, 200);
    assertError(await officer.request('GET', `/api/v1/cases/${caseId}/access-log`), 403, 'FORBIDDEN');
    assertError(await xixia.request('GET', `/api/v1/cases/${caseId}/access-log`), 404, 'NOT_FOUND');
  });
});

describeApp('classified cases (000 §24)', (h) => {
  test('a secret case is read directly only by its team and the heads; supervisors read but do not copy; parties get no copies', async () => {
    const [officer, officer2, unithead, head, custodian, reviewer, supervisor] = await Promise.all(
      ['officer', 'officer2', 'unithead', 'head', 'custodian', 'reviewer', 'supervisor'].map((u) => login(h.app, u)),
    );
    const secret = await officer.request('POST', '/api/v1/cases', {
      actCategory: 'penalty',
      origin: 'exOfficio',
      cause: '涉密出版物案件',
      field: '文化市场',
      party: { kind: 'person', name: '某人' },
      classification: 'secret',
    });
    assert.equal(secret.statusCode, 201, secret.body);
    const id = secret.json().id;
    assert.equal(secret.json().classification, 'secret');
    const normal = (
      await officer.request('POST', '/api/v1/cases', {
        actCategory: 'penalty',
        origin: 'exOfficio',
        cause: '一般案件',
        field: '文化市场',
        party: { kind: 'person', name: '某人' },
      })
    ).json().id;
    assertError(
      await officer.request('POST', '/api/v1/cases', {
        actCategory: 'penalty',
        origin: 'exOfficio',
        cause: '一般案件',
        field: '文化市场',
        party: { kind: 'person', name: '某人' },
        classification: 'top',
      }),
      400,
      'VALIDATION_FAILED',
    );

    for (const s of [officer, unithead, head]) assert.equal((await s.request('GET', `/api/v1/cases/${id}`)).statusCode, 200);
    for (const s of [custodian, reviewer, officer2])
      assertError(await s.request('GET', `/api/v1/cases/${id}`), 403, 'ACCESS_REQUEST_REQUIRED');
    assert.equal(
      (await custodian.request('GET', `/api/v1/cases/${normal}`)).statusCode,
      200,
      'an ordinary case stays open to the custodian',
    );
    const listed = async (s: typeof officer) =>
      (await s.request('GET', '/api/v1/cases?pageSize=100')).json().items.map((c: { id: string }) => c.id);
    assert.ok(
      !(await listed(custodian)).includes(id) && (await listed(custodian)).includes(normal),
      'the list hides what the user cannot read',
    );
    assert.ok((await listed(unithead)).includes(id));
    const seen = await supervisor.request('GET', `/api/v1/cases/${id}`);
    assert.equal(seen.statusCode, 200);
    assert.equal(seen.json().access, 'view');
    assertError(await supervisor.request('POST', `/api/v1/cases/${id}/export`), 403, 'ACCESS_REQUEST_REQUIRED');
    assertError(
      await custodian.request('POST', '/api/v1/access-requests', {
        caseId: id,
        purpose: '当事人申请复制',
        scope: 'copy',
        requesterKind: 'party',
        requesterName: '某人',
      }),
      403,
      'FORBIDDEN',
    );
    assertError(
      await head.request('POST', '/api/v1/access-requests', {
        caseId: id,
        purpose: '当事人申请复制',
        scope: 'copy',
        requesterKind: 'party',
        requesterName: '某人',
      }),
      403,
      'FORBIDDEN',
    );
  });
});

describeApp('media records list and upload deadlines', (h) => {
  test('late uploads are listed with their reasons; officers see their own; an unfinished upload is a to-do before its deadline', async () => {
    const [officer, officer2, head] = await Promise.all(['officer', 'officer2', 'head'].map((u) => login(h.app, u)));
    const create = (s: typeof officer, meta: Record<string, string>, length = 10) =>
      s.request('POST', '/api/v1/uploads', undefined, { ...TUS, 'upload-length': String(length), 'upload-metadata': uploadMetadata(meta) });
    const finish = async (s: typeof officer, meta: Record<string, string>) => {
      const c = await create(s, meta);
      assert.equal(c.statusCode, 201, c.body);
      const p = await s.request('PATCH', c.headers.location as string, crypto.randomBytes(10), {
        ...TUS,
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
      });
      assert.equal(p.statusCode, 204, p.body);
    };
    await finish(officer, { filename: '按期.wav', recordingEnd: minutesAgo(60) });
    await finish(officer, {
      filename: '逾期.wav',
      deviceId: 'DSJ-LATE',
      recordingEnd: minutesAgo(30 * 60),
      lateReason: '在边远牧区执法，无网络',
    });
    await finish(officer2, { filename: '同事的.wav', recordingEnd: minutesAgo(60) });

    const late = (await head.request('GET', '/api/v1/evidence?late=true')).json().items;
    assert.deepEqual(
      late.map((e: { fileName: string; lateReason: string }) => [e.fileName, e.lateReason]),
      [['逾期.wav', '在边远牧区执法，无网络']],
    );
    assert.equal((await head.request('GET', '/api/v1/evidence?q=DSJ-LATE')).json().items.length, 1);
    const mine = (await officer.request('GET', '/api/v1/evidence')).json().items.map((e: { fileName: string }) => e.fileName);
    assert.ok(mine.includes('按期.wav') && !mine.includes('同事的.wav'), 'an officer lists the files they uploaded');
    assert.ok((await head.request('GET', '/api/v1/evidence')).json().items.some((e: { fileName: string }) => e.fileName === '同事的.wav'));
    assertError(await head.request('GET', '/api/v1/evidence?late=maybe'), 400, 'VALIDATION_FAILED');

    // started in the field, not finished: on the uploader's and the head's to-do list with the policy's deadline
    const started = await create(officer, { filename: '未传完.mp4', recordingEnd: minutesAgo(60) }, 1000);
    assert.equal(started.statusCode, 201, started.body);
    for (const s of [officer, head]) {
      const t = (await s.request('GET', '/api/v1/cases/todo'))
        .json()
        .items.find((i: { kind: string; number: string }) => i.kind === 'avUpload' && i.number === '未传完.mp4');
      assert.ok(t, 'the unfinished upload is a to-do');
      assert.equal(t.overdue, false);
      assert.ok(Math.abs(Date.parse(t.due) - (Date.now() + 23 * 3600_000)) < 120_000, 'due 24 hours after the recording ended');
    }
    assert.ok(!(await officer2.request('GET', '/api/v1/cases/todo')).json().items.some((i: { kind: string }) => i.kind === 'avUpload'));
  });
});

describeApp('to-do list at size', (h) => {
  test('every case with a deadline counts; the most urgent 500 are listed and the reply says how many there are', async () => {
    const [officer, head] = await Promise.all(['officer', 'head'].map((u) => login(h.app, u)));
    const c = await officer.request('POST', '/api/v1/cases', {
      actCategory: 'penalty',
      origin: 'exOfficio',
      cause: '样本案件',
      field: '文化市场',
      party: { kind: 'person', name: '样本' },
    });
    const id = c.json().id;
    // 600 investigated cases with decision limits spread over the coming days (copies of the sample's header)
    await sql`insert into cases (id, agency_id, division_code, number, act_category, origin, cause, field, party, major, handler_ids, created_by, stage, opened_at, decision_due, act_count, updated_at)
      select gen_random_uuid(), agency_id, division_code, number || '-' || g, act_category, origin, cause || g, field, party, major, handler_ids, created_by,
             'investigation', now(), (current_date + (g % 80 + 1))::date, 2, now() - (g || ' days')::interval
      from cases, generate_series(1, 600) g where id = ${id}`.execute(h.db);
    // the most urgent is the one updated longest ago: a list of recently updated cases would miss it
    await sql`update cases set decision_due = current_date - 1, updated_at = now() - interval '5 years' where number = ${c.json().number + '-600'}`.execute(
      h.db,
    );

    const mine = (await officer.request('GET', '/api/v1/cases/todo')).json();
    assert.equal(mine.casesWithTodos, 600);
    assert.equal(mine.truncated, true);
    assert.equal(mine.items.length >= 500, true);
    assert.equal(mine.items[0].number, c.json().number + '-600', 'the overdue case comes first');
    assert.equal(mine.items[0].overdue, true);
    const headList = (await head.request('GET', '/api/v1/cases/todo')).json();
    assert.ok(headList.casesWithTodos >= 601, 'the head counts the sample awaiting its opening approval too');
    assert.equal(headList.items[0].number, c.json().number + '-600');
  });
});
