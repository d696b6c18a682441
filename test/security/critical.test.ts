// Issue 14, critical and high findings of the access probe, as regression tests on both engines:
// (1) a division-scoped administrator made a deployment-wide administrator; (2) anyone in the agency could read,
// write into, complete or delete another user's resumable upload; (3) evidence refused for download could be
// linked into one's own case and then downloaded, and a recording of another occasion could be linked to an act.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { describeApp, login, uploadEvidence, type Session } from '../support/app.ts';
import { TUS, assertError, minutesAgo, uploadMetadata } from '../support/http.ts';
import { creditCodeCheckChar } from '../../src/server/platform/codes.ts';

const PASSWORD = 'Scope-Test-Passw0rd!';

describeApp('security: critical and high findings of the access probe', (h) => {
  let officer: Session;
  let officer2: Session;
  let editor: Session;
  let unithead: Session;
  let head: Session;
  let naiman = '';
  const count = async (table: 'users' | 'case_acts' | 'evidence_files', where = sql`true`) =>
    Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(h.db)).rows[0]!.n);

  before(async () => {
    [officer, officer2, editor, unithead, head] = await Promise.all(
      ['officer', 'officer2', 'editor', 'unithead', 'head'].map((u) => login(h.app, u)),
    );
    naiman = (await h.db.selectFrom('agencies').select('id').where('name', '=', '奈曼旗文化和旅游局').executeTakeFirstOrThrow()).id;
    for (const [name, cert] of [
      ['张执法', 'SECCRIT0001'],
      ['赵执法', 'SECCRIT0002'],
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
  });

  // ---- (1) division-scoped administrators ------------------------------------------------------------------

  test('a division-scoped administrator creates users only inside its division and never a deployment-wide one', async () => {
    const created = await h.admin.request('POST', '/api/v1/users', {
      username: 'naiman.admin',
      displayName: '奈曼旗管理员',
      password: PASSWORD,
      roles: ['administrator'],
      divisionCode: '150525',
    });
    assert.equal(created.statusCode, 201, created.body);
    const dadmin = await login(h.app, 'naiman.admin', PASSWORD);
    const xixiaAgency = (
      await h.db.selectFrom('agencies').select('id').where('name', '=', '西夏区综合执法监督局').executeTakeFirstOrThrow()
    ).id;

    const before = await count('users');
    const refusals: [object, number, string][] = [
      // the probe's request: no agency, no division → would have been deployment-wide
      [{ username: 'rogue.root', displayName: 'x', password: PASSWORD, roles: ['administrator'] }, 403, 'SCOPE_REQUIRED'],
      [
        { username: 'rogue.div', displayName: 'x', password: PASSWORD, roles: ['administrator'], divisionCode: '640000' },
        404,
        'DIVISION_NOT_FOUND',
      ],
      [
        { username: 'rogue.up', displayName: 'x', password: PASSWORD, roles: ['supervisor'], divisionCode: '150000' },
        404,
        'DIVISION_NOT_FOUND',
      ],
      [{ username: 'rogue.off', displayName: 'x', password: PASSWORD, roles: ['officer'], agencyId: xixiaAgency }, 404, 'AGENCY_NOT_FOUND'],
    ];
    for (const [body, status, code] of refusals) assertError(await dadmin.request('POST', '/api/v1/users', body), status, code);
    assert.equal(await count('users'), before, 'no user was written');

    const inside = await dadmin.request('POST', '/api/v1/users', {
      username: 'naiman.off9',
      displayName: '新执法人员',
      password: PASSWORD,
      roles: ['officer'],
      agencyId: naiman,
    });
    assert.equal(inside.statusCode, 201, inside.body);
    assert.equal(inside.json().agencyId, naiman);
    // a deployment-wide administrator still may make another one
    const root2 = await h.admin.request('POST', '/api/v1/users', {
      username: 'root.two',
      displayName: '第二管理员',
      password: PASSWORD,
      roles: ['administrator'],
    });
    assert.equal(root2.statusCode, 201, root2.body);
    assert.equal(root2.json().divisionCode, null);
  });

  test('a division-scoped administrator cannot change, reset or issue tokens for users outside its division (404)', async () => {
    const dadmin = await login(h.app, 'naiman.admin', PASSWORD);
    const rootId = (await h.admin.request('GET', '/api/v1/auth/me')).json().user.id as string;
    const users = (await h.admin.request('GET', '/api/v1/users?q=xixia')).json();
    const xixiaId = (users.items ?? users).find((u: { username: string }) => u.username === 'xixia.officer').id as string;
    for (const id of [rootId, xixiaId]) {
      assertError(await dadmin.request('PATCH', `/api/v1/users/${id}`, { password: 'Another-Passw0rd!' }), 404, 'NOT_FOUND');
      assertError(await dadmin.request('PATCH', `/api/v1/users/${id}`, { roles: ['administrator'] }), 404, 'NOT_FOUND');
      assertError(await dadmin.request('POST', '/api/v1/tokens', { userId: id, name: '越权令牌' }), 404, 'NOT_FOUND');
    }
    // the root administrator's password still works
    await login(h.app, 'admin');
  });

  // ---- (2) resumable uploads -------------------------------------------------------------------------------

  test('only the user who created an upload may HEAD, GET, PATCH or DELETE it; others get 404 and change nothing', async () => {
    const bytes = crypto.randomBytes(64);
    const created = await officer.request('POST', '/api/v1/uploads', undefined, {
      ...TUS,
      'upload-length': String(bytes.length),
      'upload-metadata': uploadMetadata({ filename: '执法记录仪.mp4', recordingStart: minutesAgo(40), recordingEnd: minutesAgo(10) }),
    });
    assert.equal(created.statusCode, 201, created.body);
    const url = created.headers.location as string;
    const first = await officer.request('PATCH', url, bytes.subarray(0, 32), {
      ...TUS,
      'upload-offset': '0',
      'content-type': 'application/offset+octet-stream',
    });
    assert.equal(first.statusCode, 204, first.body);

    const forged = crypto.randomBytes(32);
    for (const other of [editor, officer2, head]) {
      assertError(await other.request('GET', url), 404, 'NOT_FOUND');
      assert.equal((await other.request('HEAD', url, undefined, TUS)).statusCode, 404);
      assertError(
        await other.request('PATCH', url, forged, { ...TUS, 'upload-offset': '32', 'content-type': 'application/offset+octet-stream' }),
        404,
        'NOT_FOUND',
      );
      assertError(await other.request('DELETE', url, undefined, TUS), 404, 'NOT_FOUND');
    }
    const status = await officer.request('GET', url);
    assert.equal(status.statusCode, 200, status.body);
    assert.equal(status.json().offset, 32, 'nobody else wrote into the upload');

    const rest = await officer.request('PATCH', url, bytes.subarray(32), {
      ...TUS,
      'upload-offset': '32',
      'content-type': 'application/offset+octet-stream',
    });
    assert.equal(rest.statusCode, 204, rest.body);
    const evidence = await h.db
      .selectFrom('evidence_files')
      .select(['sha256', 'uploaded_by'])
      .where('id', '=', rest.headers['evidence-id'] as string)
      .executeTakeFirstOrThrow();
    assert.equal(evidence.sha256, crypto.createHash('sha256').update(bytes).digest('hex'), "the evidence holds the officer's bytes");
  });

  // ---- (3) linking evidence ---------------------------------------------------------------------------------

  const uploadVideo = (s: Session, start: string, end: string) =>
    uploadEvidence(s, crypto.randomBytes(1024), { filename: '现场检查.mp4', recordingStart: start, recordingEnd: end });

  async function openedCase(s: Session, classification = 'normal'): Promise<string> {
    const creditCode = `91150525MA0000001${creditCodeCheckChar('91150525MA0000001')}`;
    const c = await s.request('POST', '/api/v1/cases', {
      actCategory: 'penalty',
      origin: 'exOfficio',
      cause: '擅自从事互联网上网服务经营活动',
      field: '文化市场',
      classification,
      party: { kind: 'organisation', name: '奈曼旗某某网吧', creditCode },
    });
    assert.equal(c.statusCode, 201, c.body);
    const opening = await unithead.request('POST', `/api/v1/cases/${c.json().id}/acts`, {
      occurredAt: minutesAgo(60),
      type: 'opening',
      content: { approved: true, opinion: '同意立案' },
    });
    assert.equal(opening.statusCode, 201, opening.body);
    return c.json().id;
  }

  const inspection = (s: Session, caseId: string, media: string[], occurredAt = minutesAgo(30)) =>
    s.request('POST', `/api/v1/cases/${caseId}/acts`, {
      type: 'inspection',
      occurredAt,
      officers: ['SECCRIT0001', 'SECCRIT0002'],
      certificateShown: true,
      media,
      content: { findings: '现场有电脑正在营业' },
    });

  test("evidence one may not copy cannot be linked into one's own case (000 §24), even from a privacy-classified case", async () => {
    for (const classification of ['normal', 'private']) {
      const theirs = await openedCase(officer, classification);
      const video = await uploadVideo(officer, minutesAgo(40), minutesAgo(10));
      assert.equal((await inspection(officer, theirs, [video])).statusCode, 201);
      assertError(await officer2.request('GET', `/api/v1/evidence/${video}/content`), 403, 'ACCESS_REQUEST_REQUIRED');

      const mine = await openedCase(officer2);
      const acts = await count('case_acts', sql`case_id = ${mine}`);
      assertError(await inspection(officer2, mine, [video]), 403, 'ACCESS_REQUEST_REQUIRED');
      assert.equal(await count('case_acts', sql`case_id = ${mine}`), acts, 'no act was written');
      assertError(await officer2.request('GET', `/api/v1/evidence/${video}/content`), 403, 'ACCESS_REQUEST_REQUIRED');
    }
  });

  test("an officer's own unlinked upload, and the case's own evidence, may be linked; a colleague's unlinked upload may not", async () => {
    const mine = await openedCase(officer2);
    const colleagues = await uploadVideo(officer, minutesAgo(40), minutesAgo(10));
    assertError(await inspection(officer2, mine, [colleagues]), 403, 'ACCESS_REQUEST_REQUIRED');
    const own = await uploadVideo(officer2, minutesAgo(40), minutesAgo(10));
    assert.equal((await inspection(officer2, mine, [own])).statusCode, 201);
    // the agency head handles the case too: evidence already in the case is linked again for a later act
    assert.equal((await inspection(head, mine, [own], minutesAgo(20))).statusCode, 201);
  });

  test("a recording whose time does not overlap the act's cannot be linked as its record (000 §19)", async () => {
    const mine = await openedCase(officer2);
    const earlier = await uploadVideo(officer2, minutesAgo(300), minutesAgo(240));
    const acts = await count('case_acts', sql`case_id = ${mine}`);
    assertError(await inspection(officer2, mine, [earlier]), 400, 'VALIDATION_FAILED');
    assert.equal(await count('case_acts', sql`case_id = ${mine}`), acts, 'no act was written');
    // the same recording fits an act done while it ran, and a clock a few minutes off is tolerated
    assert.equal((await inspection(officer2, mine, [earlier], minutesAgo(238))).statusCode, 201);
  });
});
