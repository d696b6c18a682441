// Issue 14, low findings on case records: the reviewer list of a review was readable without access to the review;
// classified-case evidence was listed to the records custodian, who cannot open it (000 §24); `GET /cases/:id/export`
// appended a ledger entry — a side effect on GET, triggerable cross-site. Each fixed with its regression test here.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describeApp, login, uploadEvidence, type Session } from '../support/app.ts';
import { assertError, minutesAgo } from '../support/http.ts';

const officerData = (name: string, certificateNumber: string) => ({
  name,
  gender: '男',
  post: '文化市场综合执法大队队员',
  certificateNumber,
  categories: ['文化市场'],
  area: '奈曼旗',
  validFrom: '2020-01-01',
  validTo: '2099-12-31',
  status: 'valid',
});
const two = ['NMSEC0001', 'NMSEC0002'];

describeApp('security: access to case records', (h) => {
  let officer: Session;
  let officer2: Session;
  let unithead: Session;
  let head: Session;
  let reviewer: Session;
  let custodian: Session;
  let editor: Session;
  const party = { kind: 'organisation', name: '奈曼旗某某网吧' };

  before(async () => {
    [officer, officer2, unithead, head, reviewer, custodian, editor] = await Promise.all(
      ['officer', 'officer2', 'unithead', 'head', 'reviewer', 'custodian', 'editor'].map((u) => login(h.app, u)),
    );
    for (const d of [officerData('张执法', two[0]!), officerData('赵执法', two[1]!)]) {
      const r = await editor.request('POST', '/api/v1/registry/officer', { data: d });
      assert.equal(r.statusCode, 201, r.body);
      assert.equal(
        (await head.request('POST', `/api/v1/registry/versions/${r.json().versionId}/decision`, { decision: 'approved' })).statusCode,
        200,
      );
    }
  });

  const act = (s: Session, caseId: string, body: Record<string, unknown>) =>
    s.request('POST', `/api/v1/cases/${caseId}/acts`, { occurredAt: minutesAgo(30), ...body });
  async function openCase(classification = 'normal'): Promise<string> {
    const c = await officer.request('POST', '/api/v1/cases', {
      actCategory: 'penalty',
      origin: 'exOfficio',
      cause: '擅自从事互联网上网服务经营活动',
      field: '文化市场',
      party,
      classification,
    });
    assert.equal(c.statusCode, 201, c.body);
    assert.equal((await act(unithead, c.json().id, { type: 'opening', content: { approved: true, opinion: '同意立案' } })).statusCode, 201);
    return c.json().id;
  }
  const uploadVideo = (start: string, end: string) =>
    uploadEvidence(officer, crypto.randomBytes(2048), {
      filename: '执法记录仪.mp4',
      deviceId: 'DSJ-SEC',
      recordingStart: start,
      recordingEnd: end,
      place: '奈曼旗',
    });
  /** A case with an on-site inspection whose video is linked. */
  async function caseWithVideo(classification: string): Promise<{ caseId: string; evidenceId: string }> {
    const caseId = await openCase(classification);
    const evidenceId = await uploadVideo(minutesAgo(40), minutesAgo(20));
    const r = await act(officer, caseId, {
      type: 'inspection',
      officers: two,
      certificateShown: true,
      media: [evidenceId],
      content: { findings: '现场有电脑正在营业' },
    });
    assert.equal(r.statusCode, 201, r.body);
    return { caseId, evidenceId };
  }

  test('the reviewer list of a review needs the same access as the review itself (SPEC §3.5)', async () => {
    const caseId = await openCase();
    for (const body of [
      { type: 'inquiry', officers: two, certificateShown: true, content: { person: '王某', transcript: '问：是否取得许可？答：没有。' } },
      { type: 'rightsNotice', content: { facts: '擅自经营', basis: '第二十七条', proposed: '罚款二万元', hearingEligible: true } },
      { type: 'statementDefence', content: { waived: true, hearingRequested: false } },
      {
        type: 'draftDecision',
        content: {
          proposal: '罚款人民币二万元',
          basis: '第二十七条',
          fineFen: 2_000_000,
          discretion: { level: '一般', reason: '首次违法' },
          majorFacts: { flags: ['majorPublicInterest'], businessActivity: true },
        },
      },
    ])
      assert.equal((await act(officer, caseId, body)).statusCode, 201, body.type);
    const review = await officer.request('POST', `/api/v1/cases/${caseId}/reviews`, {
      investigationReport: '经调查，当事人擅自从事互联网上网服务经营活动，违法事实清楚。',
      explanation: {
        facts: '当事人擅自经营网吧。',
        lawAndDiscretion: '依据条例第二十七条，按裁量基准“一般”情节。',
        investigation: '现场询问一次，当事人放弃陈述申辩。',
      },
    });
    assert.equal(review.statusCode, 201, review.body);
    const id = review.json().id;
    // officer2 (same agency, not on the case) and the disclosure editor may not read the review…
    for (const s of [officer2, editor]) {
      assertError(await s.request('GET', `/api/v1/reviews/${id}`), 403, 'ACCESS_REQUEST_REQUIRED');
      // …nor who took part in the case, through the reviewer list
      assertError(await s.request('GET', `/api/v1/reviews/${id}/reviewers`), 403, 'ACCESS_REQUEST_REQUIRED');
    }
    for (const s of [head, reviewer, officer]) assert.equal((await s.request('GET', `/api/v1/reviews/${id}/reviewers`)).statusCode, 200);
  });

  test("evidence of a classified case is not listed to the records custodian who cannot open it (000 §24); an ordinary case's is", async () => {
    const secret = await caseWithVideo('private');
    const normal = await caseWithVideo('normal');
    assertError(await custodian.request('GET', `/api/v1/evidence/${secret.evidenceId}`), 403, 'ACCESS_REQUEST_REQUIRED');
    const listed = (await custodian.request('GET', '/api/v1/evidence?limit=100')).json().items.map((e: { id: string }) => e.id);
    assert.ok(!listed.includes(secret.evidenceId), 'a file the custodian cannot open is not listed');
    assert.ok(listed.includes(normal.evidenceId));
    assert.equal((await custodian.request('GET', `/api/v1/evidence/${normal.evidenceId}`)).statusCode, 200);
    // the heads, who read the classified case, still see it
    assert.ok(
      (await head.request('GET', '/api/v1/evidence?limit=100')).json().items.some((e: { id: string }) => e.id === secret.evidenceId),
    );
  });

  test('the case-file export is a POST behind the CSRF token: a GET (a link, an <img> from another site) records nothing', async () => {
    const { caseId } = await caseWithVideo('normal');
    const ledgerExports = async () =>
      Number(
        (
          await h.db
            .selectFrom('ledger_queue')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('kind', '=', 'case.export')
            .executeTakeFirstOrThrow()
        ).n,
      ) +
      Number(
        (
          await h.db
            .selectFrom('ledger_entries')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('kind', '=', 'case.export')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await ledgerExports();
    const get = await officer.request('GET', `/api/v1/cases/${caseId}/export`);
    assert.equal(get.statusCode, 404, 'no export on GET');
    // a cross-site form post carries the cookie but not the token
    const forged = await h.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/export`, headers: { cookie: officer.cookie } });
    assertError(forged, 403, 'CSRF_TOKEN_INVALID');
    assert.equal(await ledgerExports(), before, 'neither wrote a ledger entry');
    const ok = await officer.request('POST', `/api/v1/cases/${caseId}/export`);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.headers['content-type'], 'application/zip');
    assert.equal(await ledgerExports(), before + 1);
  });
});
