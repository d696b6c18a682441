// Registry records on both engines: draft → second-person review → portal; versions and history; certificate check;
// search; bad input (duplicate certificates, dates that end before they start, another agency's records, unapproved
// versions through the public API); the database refuses edits of versions and decisions.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { describeApp, login, DEMO_PASSWORD, type Session } from '../../../../test/support/app.ts';
import { certificateStatus, searchTerms } from './record.kinds.ts';
import { shanghaiDate } from '../../platform/calendar/calendar.dates.ts';

const officer = (over: Record<string, unknown> = {}) => ({
  name: '包文明',
  gender: '男',
  post: '文化市场综合执法大队队员',
  certificateNumber: 'NM15052500101',
  categories: ['文化市场', '旅游市场'],
  area: '奈曼旗',
  validFrom: '2024-01-01',
  validTo: '2099-12-31',
  status: 'valid',
  legalQualification: { certificateNumber: 'A20191500000123', obtainedOn: '2019-12-01' },
  ...over,
});

describeApp('registry records: versions, review, portal', (h) => {
  let editor: Session;
  let head: Session;
  let naiman: string;
  let xixia: string;
  before(async () => {
    editor = await login(h.app, 'editor');
    head = await login(h.app, 'head');
    naiman = (await h.db.selectFrom('agencies').select('id').where('name', '=', '奈曼旗文化和旅游局').executeTakeFirstOrThrow()).id;
    xixia = (await h.db.selectFrom('agencies').select('id').where('name', '=', '西夏区综合执法监督局').executeTakeFirstOrThrow()).id;
  });

  let recordId: string;
  let v1: string;

  test('a draft stays off the portal until a second person approves it; the author may not approve it', async () => {
    const created = await editor.request('POST', '/api/v1/registry/officer', { data: officer(), note: '新入职' });
    assert.equal(created.statusCode, 201, created.body);
    ({ recordId, versionId: v1 } = created.json());
    assert.equal(created.json().versionNo, 1);

    assert.equal(
      (await h.app.inject({ method: 'GET', url: '/api/v1/public/certificates/NM15052500101' })).json().error.code,
      'CERTIFICATE_NOT_FOUND',
    );
    assert.equal(
      (await h.app.inject({ method: 'GET', url: `/api/v1/public/officers/${recordId}` })).statusCode,
      404,
      'an unapproved version is not public',
    );
    assert.equal((await h.app.inject({ method: 'GET', url: `/api/v1/public/officers?agency=${naiman}` })).json().total, 0);

    const reviews = (await head.request('GET', '/api/v1/registry/reviews')).json().items;
    assert.ok(
      reviews.some((r: { versionId: string; mine: boolean; title: string }) => r.versionId === v1 && !r.mine && r.title === '包文明'),
    );
    const self = await editor.request('POST', `/api/v1/registry/versions/${v1}/decision`, { decision: 'approved' });
    assert.equal(self.statusCode, 403);
    assert.equal(self.json().error.code, 'SELF_REVIEW_FORBIDDEN');
    const officerRole = await (
      await login(h.app, 'officer')
    ).request('POST', `/api/v1/registry/versions/${v1}/decision`, { decision: 'approved' });
    assert.equal(officerRole.statusCode, 403);

    const ok = await head.request('POST', `/api/v1/registry/versions/${v1}/decision`, { decision: 'approved', comment: '核对无误' });
    assert.equal(ok.statusCode, 200, ok.body);
    const again = await head.request('POST', `/api/v1/registry/versions/${v1}/decision`, { decision: 'rejected', comment: 'x' });
    assert.equal(again.json().error.code, 'ALREADY_DECIDED');

    const check = (await h.app.inject({ method: 'GET', url: '/api/v1/public/certificates/nm15052500101' })).json();
    assert.equal(check.status, 'valid');
    assert.equal(check.statusLabel, '有效');
    assert.equal(check.officer.agencyName, '奈曼旗文化和旅游局');
    assert.deepEqual(check.officer.data.categories, ['文化市场', '旅游市场']);
    assert.equal(check.officer.data.hasLegalQualification, true);
    assert.equal(check.officer.data.legalQualification, undefined, 'the qualification certificate number stays on the server');
    assert.equal(check.checkedOn, shanghaiDate());
  });

  test('a revision leaves the approved version on the portal until it is approved; history lists both with who and when', async () => {
    const revised = await editor.request('POST', `/api/v1/registry/records/${recordId}/versions`, {
      data: officer({ post: '文化市场综合执法大队副队长' }),
      note: '职务调整',
    });
    assert.equal(revised.statusCode, 201, revised.body);
    const v2 = revised.json().versionId;
    const second = await editor.request('POST', `/api/v1/registry/records/${recordId}/versions`, { data: officer({ post: '又改' }) });
    assert.equal(second.json().error.code, 'PENDING_VERSION_EXISTS');

    const before = (await h.app.inject({ method: 'GET', url: `/api/v1/public/officers/${recordId}` })).json();
    assert.equal(before.data.post, '文化市场综合执法大队队员');
    const list = (await editor.request('GET', '/api/v1/registry/officer?state=pending')).json();
    assert.equal(list.items.find((i: { id: string }) => i.id === recordId).pending.versionNo, 2);

    await head.request('POST', `/api/v1/registry/versions/${v2}/decision`, { decision: 'approved' });
    assert.equal(
      (await h.app.inject({ method: 'GET', url: `/api/v1/public/officers/${recordId}` })).json().data.post,
      '文化市场综合执法大队副队长',
    );

    const history = (await editor.request('GET', `/api/v1/registry/records/${recordId}`)).json();
    assert.equal(history.publishedVersionNo, 2);
    assert.deepEqual(
      history.versions.map((v: { versionNo: number; status: string; createdBy: string; decidedBy: string; note: string }) => [
        v.versionNo,
        v.status,
        v.createdBy,
        v.decidedBy,
        v.note,
      ]),
      [
        [2, 'approved', '陈公示', '王局长', '职务调整'],
        [1, 'approved', '陈公示', '王局长', '新入职'],
      ],
    );
  });

  test('rejection needs a reason and keeps the portal as it was; the author may withdraw a draft', async () => {
    const d = (await editor.request('POST', `/api/v1/registry/records/${recordId}/versions`, { data: officer({ area: '通辽市' }) })).json();
    assert.equal(
      (await head.request('POST', `/api/v1/registry/versions/${d.versionId}/decision`, { decision: 'rejected' })).json().error.code,
      'VALIDATION_FAILED',
    );
    assert.equal(
      (
        await head.request('POST', `/api/v1/registry/versions/${d.versionId}/decision`, {
          decision: 'rejected',
          comment: '执法区域超出本部门管辖',
        })
      ).statusCode,
      200,
    );
    assert.equal((await h.app.inject({ method: 'GET', url: `/api/v1/public/officers/${recordId}` })).json().data.area, '奈曼旗');
    const w = (
      await editor.request('POST', `/api/v1/registry/records/${recordId}/versions`, { data: officer({ area: '奈曼旗全域' }) })
    ).json();
    assert.equal(
      (await head.request('POST', `/api/v1/registry/versions/${w.versionId}/decision`, { decision: 'withdrawn' })).statusCode,
      403,
      'only the author withdraws',
    );
    assert.equal(
      (await editor.request('POST', `/api/v1/registry/versions/${w.versionId}/decision`, { decision: 'withdrawn' })).statusCode,
      200,
    );
    const statuses = (await editor.request('GET', `/api/v1/registry/records/${recordId}`))
      .json()
      .versions.map((v: { status: string }) => v.status);
    assert.deepEqual(statuses, ['withdrawn', 'rejected', 'approved', 'approved']);
  });

  test('duplicate certificate numbers and dates that end before they start are refused, with nothing written', async () => {
    const count = async () => Number((await sql<{ n: string }>`select count(*) as n from registry_versions`.execute(h.db)).rows[0]!.n);
    const before = await count();
    const dup = await editor.request('POST', '/api/v1/registry/officer', { data: officer({ name: '另一人' }) });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().error.code, 'CERTIFICATE_TAKEN');
    const dates = await editor.request('POST', '/api/v1/registry/officer', {
      data: officer({ certificateNumber: 'NM15052500199', validFrom: '2025-06-01', validTo: '2025-05-31' }),
    });
    assert.equal(dates.statusCode, 400);
    assert.equal(dates.json().error.code, 'VALIDATION_FAILED');
    assert.match(dates.json().error.message, /截止日期不能早于起始日期/);
    for (const bad of [
      officer({ certificateNumber: '12' }),
      officer({ validFrom: '2025-02-30' }),
      officer({ gender: 'x' }),
      { ...officer(), extra: 1 },
      officer({ categories: [] }),
    ]) {
      const r = await editor.request('POST', '/api/v1/registry/officer', { data: bad });
      assert.equal(r.statusCode, 400, JSON.stringify(bad));
    }
    // a pending draft holds its number too
    const pending = await editor.request('POST', '/api/v1/registry/officer', {
      data: officer({ name: '待审人员', certificateNumber: 'NM15052500150' }),
    });
    assert.equal(pending.statusCode, 201);
    assert.equal(
      (
        await editor.request('POST', '/api/v1/registry/officer', { data: officer({ name: '重复', certificateNumber: 'NM15052500150' }) })
      ).json().error.code,
      'CERTIFICATE_TAKEN',
    );
    assert.equal(await count(), before + 1);
  });

  test('another agency’s records answer 404; a supervisor reads its subtree but does not write', async () => {
    await h.admin.request('POST', '/api/v1/users', {
      username: 'xixia.editor',
      displayName: '西夏公示员',
      password: DEMO_PASSWORD,
      roles: ['disclosureEditor'],
      agencyId: xixia,
    });
    const other = await login(h.app, 'xixia.editor');
    assert.equal((await other.request('GET', `/api/v1/registry/records/${recordId}`)).statusCode, 404);
    assert.equal((await other.request('POST', `/api/v1/registry/records/${recordId}/versions`, { data: officer() })).statusCode, 404);
    const forged = await other.request('POST', '/api/v1/registry/enforcementItem', {
      agencyId: naiman,
      data: { name: '伪造事项', actCategory: 'penalty', basis: '无', implementingBody: '无', responsibleBody: '无' },
    });
    assert.equal(forged.statusCode, 404);
    assert.ok(!(await other.request('GET', '/api/v1/registry/officer')).json().items.some((i: { id: string }) => i.id === recordId));
    const v = (
      await h.db
        .selectFrom('registry_versions')
        .select('id')
        .where('record_id', '=', recordId)
        .orderBy('version_no', 'desc')
        .executeTakeFirstOrThrow()
    ).id;
    assert.equal((await other.request('POST', `/api/v1/registry/versions/${v}/decision`, { decision: 'approved' })).statusCode, 404);

    const supervisor = await login(h.app, 'tongliao.supervisor');
    assert.equal((await supervisor.request('GET', `/api/v1/registry/records/${recordId}`)).statusCode, 200);
    assert.equal((await supervisor.request('POST', `/api/v1/registry/records/${recordId}/retire`, {})).statusCode, 403);
    const outside = await login(h.app, 'xixia.officer');
    assert.equal((await outside.request('GET', `/api/v1/registry/records/${recordId}`)).statusCode, 404);
  });

  test('list entries and texts: per agency on the portal, searchable by 2+ Chinese characters; retiring takes them off', async () => {
    const item = {
      code: 'NMWL-CF-001',
      name: '对擅自从事营业性演出经营活动的行政处罚',
      actCategory: 'penalty',
      basis: '《营业性演出管理条例》第四十三条',
      implementingBody: '奈曼旗文化和旅游局',
      responsibleBody: '文化市场综合执法大队',
    };
    const d = (await editor.request('POST', '/api/v1/registry/enforcementItem', { data: item })).json();
    await head.request('POST', `/api/v1/registry/versions/${d.versionId}/decision`, { decision: 'approved' });
    const flow = (
      await editor.request('POST', '/api/v1/registry/flowchart', {
        data: {
          name: '行政处罚一般程序',
          actCategory: 'penalty',
          steps: [
            { id: 'a', kind: 'start', label: '立案', next: [{ to: 'b' }] },
            { id: 'b', kind: 'step', label: '调查取证', timeLimit: '90 日内', next: [{ to: 'c' }] },
            { id: 'c', kind: 'end', label: '结案' },
          ],
        },
      })
    ).json();
    await head.request('POST', `/api/v1/registry/versions/${flow.versionId}/decision`, { decision: 'approved' });
    const badFlow = await editor.request('POST', '/api/v1/registry/flowchart', {
      data: {
        name: 'x',
        actCategory: 'penalty',
        steps: [
          { id: 'a', kind: 'start', label: '立案', next: [{ to: 'zz' }] },
          { id: 'a', kind: 'end', label: '结' },
        ],
      },
    });
    assert.equal(badFlow.statusCode, 400);
    assert.match(badFlow.json().error.message, /重复|不存在的步骤/);

    const list = (await h.app.inject({ method: 'GET', url: `/api/v1/public/agencies/${naiman}/lists/enforcementItem` })).json();
    assert.equal(list.total, 1);
    assert.equal(list.items[0].data.basis, item.basis);
    for (const q of ['演出', '营业性演出', 'nmwl']) {
      const found = (
        await h.app.inject({ method: 'GET', url: `/api/v1/public/items?kind=enforcementItem&q=${encodeURIComponent(q)}` })
      ).json();
      assert.equal(found.total, 1, q);
    }
    assert.equal(
      (await h.app.inject({ method: 'GET', url: `/api/v1/public/items?kind=enforcementItem&q=${encodeURIComponent('演唱会')}` })).json()
        .total,
      0,
    );
    const oneChar = await h.app.inject({ method: 'GET', url: `/api/v1/public/items?kind=enforcementItem&q=${encodeURIComponent('演')}` });
    assert.equal(oneChar.statusCode, 400);
    const officers = (await h.app.inject({ method: 'GET', url: `/api/v1/public/officers?q=${encodeURIComponent('文明')}` })).json();
    assert.equal(officers.items[0].title, '包文明');
    assert.equal((await h.app.inject({ method: 'GET', url: '/api/v1/public/officers?q=NM15052500101' })).json().total, 1);

    const detail = (await h.app.inject({ method: 'GET', url: `/api/v1/public/agencies/${naiman}` })).json();
    assert.deepEqual([detail.counts.officer, detail.counts.enforcementItem, detail.counts.flowchart], [1, 1, 1]);
    assert.equal(
      (await h.app.inject({ method: 'GET', url: `/api/v1/public/agencies/${naiman}/lists/officer` })).statusCode,
      400,
      'officers have their own endpoint',
    );

    const r = (await editor.request('POST', `/api/v1/registry/records/${d.recordId}/retire`, { note: '事项取消' })).json();
    await head.request('POST', `/api/v1/registry/versions/${r.versionId}/decision`, { decision: 'approved' });
    assert.equal((await h.app.inject({ method: 'GET', url: `/api/v1/public/agencies/${naiman}/lists/enforcementItem` })).json().total, 0);
    assert.equal((await h.app.inject({ method: 'GET', url: `/api/v1/public/records/${d.recordId}` })).statusCode, 404);
    const retired = (await editor.request('GET', '/api/v1/registry/enforcementItem?state=retired')).json();
    assert.equal(retired.items[0].id, d.recordId);
    assert.equal((await editor.request('POST', `/api/v1/registry/records/${d.recordId}/retire`, {})).json().error.code, 'RECORD_RETIRED');
  });

  test('the agency profile: one per agency, shown with the agency on the portal', async () => {
    const profile = {
      legalBasis: '《中华人民共和国行政处罚法》；奈曼旗人民政府机构设置',
      duties: '负责全旗文化、旅游市场的行政执法工作',
      internalUnits: ['文化市场综合执法大队'],
      jurisdiction: '奈曼旗行政区域',
      officeAddress: '奈曼旗大沁他拉镇',
      consultationPhone: '0475-4212345',
      complaintPhone: '12345',
    };
    const d = (await editor.request('POST', '/api/v1/registry/agencyProfile', { data: profile })).json();
    assert.equal((await editor.request('POST', '/api/v1/registry/agencyProfile', { data: profile })).json().error.code, 'CONFLICT');
    await head.request('POST', `/api/v1/registry/versions/${d.versionId}/decision`, { decision: 'approved' });
    const agencies = (await h.app.inject({ method: 'GET', url: '/api/v1/public/agencies?division=150525' })).json().items;
    assert.equal(agencies.find((a: { id: string }) => a.id === naiman).profile.complaintPhone, '12345');
  });

  test("actions: the agency's drafters revise and retire its records; another person approves a draft, its author withdraws it", async () => {
    const [officerS, supervisor] = await Promise.all([login(h.app, 'officer'), login(h.app, 'supervisor')]);
    const item = {
      code: 'NMWL-CF-009',
      name: '对未按规定悬挂许可证的处罚',
      actCategory: 'penalty',
      basis: '《娱乐场所管理条例》第四十七条',
      implementingBody: '奈曼旗文化和旅游局',
      responsibleBody: '文化市场综合执法大队',
    };
    const d = (await editor.request('POST', '/api/v1/registry/enforcementItem', { data: item })).json();
    const listed = async (s: Session) =>
      (
        (await s.request('GET', `/api/v1/registry/enforcementItem?agency=${naiman}&pageSize=200`)).json().items as {
          id: string;
          actions: string[];
        }[]
      ).find((r) => r.id === d.recordId)?.actions;
    const review = async (s: Session) =>
      ((await s.request('GET', '/api/v1/registry/reviews')).json().items as { versionId: string; actions: string[] }[]).find(
        (r) => r.versionId === d.versionId,
      )?.actions;

    assert.deepEqual(await listed(editor), ['revise'], 'not yet published: nothing to retire');
    assert.deepEqual(await listed(head), ['revise']);
    assert.deepEqual(await listed(officerS), []);
    assert.deepEqual(await listed(supervisor), []);
    assert.deepEqual(await review(editor), ['withdraw']);
    assert.deepEqual(await review(head), ['approve', 'reject']);
    assert.equal(
      (await editor.request('POST', `/api/v1/registry/versions/${d.versionId}/decision`, { decision: 'approved' })).json().error.code,
      'SELF_REVIEW_FORBIDDEN',
    );
    assert.equal(
      (await head.request('POST', `/api/v1/registry/versions/${d.versionId}/decision`, { decision: 'withdrawn' })).statusCode,
      403,
      'only the author withdraws',
    );
    assert.equal(
      (await head.request('POST', `/api/v1/registry/versions/${d.versionId}/decision`, { decision: 'approved' })).statusCode,
      200,
    );

    assert.deepEqual(await listed(editor), ['revise', 'retire']);
    assert.deepEqual(await listed(supervisor), []);
    assert.equal((await supervisor.request('POST', `/api/v1/registry/records/${d.recordId}/retire`, {})).statusCode, 403);
    assert.equal((await officerS.request('POST', `/api/v1/registry/records/${d.recordId}/retire`, {})).statusCode, 403);
    const profile = (await editor.request('GET', `/api/v1/registry/agencyProfile?agency=${naiman}`)).json().items[0];
    assert.deepEqual(profile.actions, ['revise'], 'the agency profile is revised, never retired');
  });

  test('the database refuses changes to versions and decisions', async () => {
    for (const stmt of [
      sql`update registry_versions set data = '{}'::jsonb`,
      sql`delete from registry_decisions`,
      sql`delete from registry_records`,
      sql`truncate registry_decisions`,
    ])
      await assert.rejects(stmt.execute(h.db), /append-only/);
  });

  test('bad ids and public input answer 4xx with a code', async () => {
    assert.equal((await editor.request('GET', '/api/v1/registry/records/not-a-uuid')).statusCode, 400);
    assert.equal((await editor.request('GET', '/api/v1/registry/records/00000000-0000-4000-8000-00000000abcd')).statusCode, 404);
    assert.equal((await h.app.inject({ method: 'GET', url: '/api/v1/public/certificates/..%2F..%2Fetc' })).statusCode, 400);
    assert.equal((await h.app.inject({ method: 'GET', url: '/api/v1/public/officers?q=' + 'x'.repeat(51) })).statusCode, 400);
    assert.equal((await editor.request('GET', '/api/v1/registry/nope')).statusCode, 404);
  });
});

test('certificate status on a day (000 §9): valid, expired, not yet valid, suspended, revoked', () => {
  const c = { validFrom: '2024-01-01', validTo: '2026-12-31', status: 'valid' };
  assert.equal(certificateStatus(c, '2024-01-01'), 'valid');
  assert.equal(certificateStatus(c, '2026-12-31'), 'valid');
  assert.equal(certificateStatus(c, '2027-01-01'), 'expired');
  assert.equal(certificateStatus(c, '2023-12-31'), 'notYetValid');
  assert.equal(certificateStatus({ ...c, status: 'suspended' }, '2025-01-01'), 'suspended');
  assert.equal(certificateStatus({ ...c, status: 'revoked' }, '2025-01-01'), 'revoked');
});

test('search terms: Chinese bigrams and whole ASCII words', () => {
  assert.deepEqual(searchTerms(['包文明']).sort(), ['包文', '文明'].sort());
  assert.deepEqual(searchTerms(['NM-0015 证']).sort(), ['0015', 'nm', '证'].sort());
});
