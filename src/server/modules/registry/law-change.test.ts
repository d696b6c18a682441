// Dynamic update (002 公示办法 §25): a law change lists the items citing it and tracks the policy's deadline until
// each has an approved new version; overdue changes show up for the agency and its supervisors.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { describeApp, login, type Session } from '../../../../test/support/app.ts';
import { citedText } from './law-change.service.ts';

const item = (name: string, basis: string) => ({
  name,
  actCategory: 'penalty',
  basis,
  implementingBody: '奈曼旗文化和旅游局',
  responsibleBody: '文化市场综合执法大队',
});

describeApp('registry: law changes and the update deadline', (h) => {
  let editor: Session;
  let head: Session;
  const ids: Record<string, string> = {};
  before(async () => {
    editor = await login(h.app, 'editor');
    head = await login(h.app, 'head');
    for (const [key, data] of Object.entries({
      show: item('对擅自从事营业性演出经营活动的处罚', '《营业性演出管理条例》第四十三条'),
      venue: item('对演出场所未经审批举办营业性演出的处罚', '《营业性演出管理条例》第四十四条第一款'),
      net: item('对擅自从事互联网上网服务经营活动的处罚', '《互联网上网服务营业场所管理条例》第二十七条'),
    })) {
      const d = (await editor.request('POST', '/api/v1/registry/enforcementItem', { data })).json();
      await head.request('POST', `/api/v1/registry/versions/${d.versionId}/decision`, { decision: 'approved' });
      ids[key] = d.recordId;
    }
  });

  test('under a pack with a number (songyuan-2019: 20 working days) the deadline counts working days from the effective date', async () => {
    assert.equal((await h.admin.request('PUT', '/api/v1/divisions/150525/policy', { policyId: 'songyuan-2019' })).statusCode, 200);
    const r = await editor.request('POST', '/api/v1/registry/law-changes', {
      kind: 'law',
      title: '《营业性演出管理条例》修订',
      effectiveDate: '2026-01-05',
      note: '国务院令第 xxx 号',
    });
    assert.equal(r.statusCode, 201, r.body);
    const c = r.json();
    const expected = (await h.app.inject({ method: 'GET', url: '/api/v1/calendar/add-working-days?from=2026-01-05&days=20' })).json();
    assert.equal(c.deadline, expected.date);
    assert.equal(c.matchText, '营业性演出管理条例');
    assert.deepEqual(c.items.map((i: { recordId: string }) => i.recordId).sort(), [ids.show, ids.venue].sort());
    assert.equal(c.status, 'overdue', 'January 2026 + 20 working days is long past');
    assert.deepEqual(c.actions, ['reviseItems'], "the agency's editor updates the affected items");
    assert.deepEqual((await head.request('GET', `/api/v1/registry/law-changes/${c.id}`)).json().actions, ['reviseItems']);

    const supervisor = await login(h.app, 'tongliao.supervisor');
    assert.deepEqual((await supervisor.request('GET', `/api/v1/registry/law-changes/${c.id}`)).json().actions, [], 'supervisors read');
    const overdue = (await supervisor.request('GET', '/api/v1/registry/law-changes?state=overdue')).json().items;
    assert.ok(
      overdue.some(
        (o: { id: string; agencyName: string; affected: number }) =>
          o.id === c.id && o.agencyName === '奈曼旗文化和旅游局' && o.affected === 2,
      ),
    );
    const outsider = await login(h.app, 'xixia.officer');
    assert.equal((await outsider.request('GET', `/api/v1/registry/law-changes/${c.id}`)).statusCode, 404);
    assert.equal((await outsider.request('GET', '/api/v1/registry/law-changes')).json().items.length, 0);

    // revise one, retire the other: then every item is updated
    const rev = (
      await editor.request('POST', `/api/v1/registry/records/${ids.show}/versions`, {
        data: item('对擅自从事营业性演出经营活动的处罚', '《营业性演出管理条例》（2026 年修订）第四十三条'),
      })
    ).json();
    const pending = (await editor.request('GET', `/api/v1/registry/law-changes/${c.id}`))
      .json()
      .items.find((i: { recordId: string }) => i.recordId === ids.show);
    assert.deepEqual([pending.pendingVersionNo, pending.updatedAt], [2, null], 'a revision awaiting review is shown as such');
    assert.equal((await supervisor.request('GET', '/api/v1/registry/law-changes?division=150525')).json().items[0].divisionCode, '150525');
    assert.equal((await supervisor.request('GET', '/api/v1/registry/law-changes?division=150502')).json().items.length, 0);
    await head.request('POST', `/api/v1/registry/versions/${rev.versionId}/decision`, { decision: 'approved' });
    let now = (await editor.request('GET', `/api/v1/registry/law-changes/${c.id}`)).json();
    assert.equal(now.updated, 1);
    assert.equal(now.status, 'overdue');
    const ret = (await editor.request('POST', `/api/v1/registry/records/${ids.venue}/retire`, { note: '条款删除' })).json();
    await head.request('POST', `/api/v1/registry/versions/${ret.versionId}/decision`, { decision: 'approved' });
    now = (await editor.request('GET', `/api/v1/registry/law-changes/${c.id}`)).json();
    assert.deepEqual([now.updated, now.status], [2, 'done']);
    assert.ok(now.items.every((i: { updatedAt: string | null }) => i.updatedAt));
  });

  test('under nmg-244 ("及时更新", no number) there is no numeric deadline and nothing becomes overdue', async () => {
    await h.admin.request('PUT', '/api/v1/divisions/150525/policy', { policyId: null });
    const c = (
      await editor.request('POST', '/api/v1/registry/law-changes', {
        kind: 'law',
        title: '《互联网上网服务营业场所管理条例》修订',
        effectiveDate: '2025-01-01',
      })
    ).json();
    assert.equal(c.policyId, 'nmg-244');
    assert.equal(c.deadline, null);
    assert.equal(c.status, 'open');
    assert.equal(c.affected, 1);
  });

  test('bad input: dates, too-short match text, roles and other agencies', async () => {
    for (const body of [
      { kind: 'law', title: '《条例》', effectiveDate: '2026-02-30' },
      { kind: 'law', title: '《x》', effectiveDate: '2026-02-01' },
      { kind: 'rule', title: '《条例》修订', effectiveDate: '2026-02-01' },
    ])
      assert.equal((await editor.request('POST', '/api/v1/registry/law-changes', body)).statusCode, 400, JSON.stringify(body));
    const officer = await login(h.app, 'officer');
    assert.equal(
      (await officer.request('POST', '/api/v1/registry/law-changes', { kind: 'law', title: '《条例》修订', effectiveDate: '2026-02-01' }))
        .statusCode,
      403,
    );
    assert.equal((await editor.request('GET', '/api/v1/registry/law-changes/00000000-0000-4000-8000-00000000abcd')).statusCode, 404);
  });
});

test('the cited text is the book-title name when there is one', () => {
  assert.equal(citedText('《营业性演出管理条例》修订'), '营业性演出管理条例');
  assert.equal(citedText('机构改革职责调整'), '机构改革职责调整');
});
