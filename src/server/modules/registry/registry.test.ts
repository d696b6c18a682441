import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeApp, login } from '../../../../test/support/app.ts';
import { demoCreditCode } from '../../demo/seed-demo.ts';

describeApp('registry: divisions and agencies, scope', (h) => {
  const idOf = async (name: string) =>
    (await h.db.selectFrom('agencies').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

  test('divisions are public: provinces, children, subtree, detail with ancestors and policy', async () => {
    const provinces = (await h.app.inject({ method: 'GET', url: '/api/v1/divisions' })).json().items;
    assert.ok(provinces.length >= 34);
    assert.ok(provinces.every((d: { level: number }) => d.level === 1));
    const tongliao = (await h.app.inject({ method: 'GET', url: '/api/v1/divisions?parent=150500' })).json().items;
    assert.ok(tongliao.some((d: { code: string; name: string }) => d.code === '150525' && d.name === '奈曼旗'));
    const sub = (await h.app.inject({ method: 'GET', url: '/api/v1/divisions?under=150000' })).json().items;
    assert.ok(sub.every((d: { code: string }) => d.code.startsWith('15')));
    const naiman = (await h.app.inject({ method: 'GET', url: '/api/v1/divisions/150525' })).json();
    assert.deepEqual(
      naiman.ancestors.map((d: { code: string }) => d.code),
      ['150000', '150500'],
    );
    assert.equal(naiman.policyId, 'nmg-244');
    const missing = await h.app.inject({ method: 'GET', url: '/api/v1/divisions/150599' });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'DIVISION_NOT_FOUND');
    assert.equal((await h.app.inject({ method: 'GET', url: '/api/v1/divisions/15052' })).statusCode, 400);
  });

  test('an administrator adds a division under the right parent only', async () => {
    const ok = await h.admin.request('POST', '/api/v1/divisions', { code: '150527', name: '测试旗', parentCode: '150500' });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().level, 3);
    for (const [body, code] of [
      [{ code: '150528', name: '错位', parentCode: '220700' }, 'INVALID_DIVISION_CODE'],
      [{ code: '150529', name: '无上级' }, 'INVALID_DIVISION_CODE'],
      [{ code: '150527', name: '重复', parentCode: '150500' }, 'CONFLICT'],
    ] as const) {
      const r = await h.admin.request('POST', '/api/v1/divisions', body);
      assert.equal(r.json().error.code, code, r.body);
    }
  });

  test('agency credit codes are checked with the GB 32100 check character', async () => {
    const valid = demoCreditCode('150525', 901);
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const bad = await h.admin.request('POST', '/api/v1/agencies', { name: '奈曼旗测试局', creditCode: wrongCheck, divisionCode: '150525' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'INVALID_CREDIT_CODE');
    assert.match(bad.json().error.message, new RegExp(`第 18 位应为 ${valid[17]}`));
    const count = async () =>
      (
        await h.db
          .selectFrom('agencies')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const before = await count();
    for (const creditCode of ['123', '91350100M000100I43', 'ABCDEFGHJKLMNPQRTU']) {
      const r = await h.admin.request('POST', '/api/v1/agencies', { name: '奈曼旗测试局', creditCode, divisionCode: '150525' });
      assert.equal(r.statusCode, 400, creditCode);
    }
    assert.equal(await count(), before);
    const ok = await h.admin.request('POST', '/api/v1/agencies', {
      name: '奈曼旗测试局',
      creditCode: valid.toLowerCase(),
      divisionCode: '150525',
    });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().creditCode, valid);
    const dup = await h.admin.request('POST', '/api/v1/agencies', { name: '重复', creditCode: valid, divisionCode: '150525' });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().error.code, 'CREDIT_CODE_TAKEN');
    const noDivision = await h.admin.request('POST', '/api/v1/agencies', {
      name: '无区划',
      creditCode: demoCreditCode('150525', 902),
      divisionCode: '150599',
    });
    assert.equal(noDivision.json().error.code, 'DIVISION_NOT_FOUND');
  });

  test("another agency's object answers 404, not 403", async () => {
    const officer = await login(h.app, 'officer');
    const own = await officer.request('GET', `/api/v1/agencies/${await idOf('奈曼旗文化和旅游局')}`);
    assert.equal(own.statusCode, 200);
    const other = await officer.request('GET', `/api/v1/agencies/${await idOf('西夏区综合执法监督局')}`);
    assert.equal(other.statusCode, 404);
    assert.equal(other.json().error.code, 'NOT_FOUND');
    const forged = await officer.request('GET', '/api/v1/agencies/00000000-0000-4000-8000-000000000000');
    assert.equal(forged.statusCode, 404);
    assert.deepEqual(other.json().error.message, forged.json().error.message, 'indistinguishable from a missing id');
    const list = (await officer.request('GET', '/api/v1/agencies')).json().items;
    assert.deepEqual(
      list.map((a: { name: string }) => a.name),
      ['奈曼旗文化和旅游局'],
    );
    assert.equal((await officer.request('GET', '/api/v1/agencies/not-a-uuid')).statusCode, 400);
  });

  test('a supervisor sees its division subtree and nothing else', async () => {
    const sup = await login(h.app, 'tongliao.supervisor');
    const names = (await sup.request('GET', '/api/v1/agencies')).json().items.map((a: { name: string }) => a.name);
    assert.ok(names.includes('奈曼旗文化和旅游局') && names.includes('通辽市司法局'));
    assert.ok(!names.includes('内蒙古自治区司法厅') && !names.includes('呼和浩特市民政局') && !names.includes('松原市司法局'));
    assert.equal((await sup.request('GET', `/api/v1/agencies/${await idOf('呼和浩特市民政局')}`)).statusCode, 404);
    const region = await login(h.app, 'supervisor');
    const regionNames = (await region.request('GET', '/api/v1/agencies')).json().items.map((a: { name: string }) => a.name);
    assert.ok(regionNames.includes('呼和浩特市民政局') && !regionNames.includes('西夏区司法局'));
    const filtered = (await region.request('GET', '/api/v1/agencies?division=150100')).json().items.map((a: { name: string }) => a.name);
    assert.deepEqual(filtered, ['呼和浩特市民政局']);
    // users outside the subtree are invisible too
    const users = (await sup.request('GET', '/api/v1/users')).json().items.map((u: { username: string }) => u.username);
    assert.ok(users.includes('officer') && !users.includes('xixia.officer') && !users.includes('admin'));
  });

  test('only administrators create agencies and divisions', async () => {
    const head = await login(h.app, 'head');
    const r = await head.request('POST', '/api/v1/agencies', {
      name: '越权',
      creditCode: demoCreditCode('150525', 903),
      divisionCode: '150525',
    });
    assert.equal(r.statusCode, 403);
    assert.equal(r.json().error.code, 'FORBIDDEN');
  });
});
