import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeApp, buildTestApp, login } from '../../../../test/support/app.ts';

describeApp('policy packs API and per-division overrides', (h) => {
  const policyOf = async (code: string) => (await h.app.inject({ method: 'GET', url: `/api/v1/divisions/${code}` })).json().policyId;

  test('lists the packs with the deployment default', async () => {
    const r = (await h.app.inject({ method: 'GET', url: '/api/v1/policies' })).json();
    assert.equal(r.defaultId, 'nmg-244');
    assert.deepEqual(r.items.map((p: { id: string }) => p.id).sort(), ['nmg-244', 'songyuan-2019', 'yinchuan-2018']);
    const pack = (await h.app.inject({ method: 'GET', url: '/api/v1/policies/songyuan-2019' })).json();
    assert.equal(pack.review.deadlineWorkingDays.value, 7);
    assert.ok(pack.review.deadlineWorkingDays.source.article);
    const missing = await h.app.inject({ method: 'GET', url: '/api/v1/policies/nope' });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'POLICY_NOT_FOUND');
  });

  test('an override applies to the division and its subtree; the nearest wins; null restores inheritance', async () => {
    assert.equal(await policyOf('220702'), 'nmg-244');
    assert.equal((await h.admin.request('PUT', '/api/v1/divisions/220700/policy', { policyId: 'songyuan-2019' })).statusCode, 200);
    assert.equal(await policyOf('220700'), 'songyuan-2019');
    assert.equal(await policyOf('220702'), 'songyuan-2019');
    assert.equal(await policyOf('220100'), 'nmg-244');
    const detail = async (code: string) =>
      (await h.app.inject({ method: 'GET', url: `/api/v1/divisions/${code}` })).json().policyAssignedAt;
    assert.equal(await detail('220702'), '220700', 'inherited from the parent');
    assert.equal(await detail('220700'), '220700', 'set on the division itself');
    assert.equal(await detail('220100'), null, 'deployment default');
    await h.admin.request('PUT', '/api/v1/divisions/220702/policy', { policyId: 'yinchuan-2018' });
    assert.equal(await policyOf('220702'), 'yinchuan-2018');
    await h.admin.request('PUT', '/api/v1/divisions/220702/policy', { policyId: null });
    assert.equal(await policyOf('220702'), 'songyuan-2019');
  });

  test('bad assignments are refused', async () => {
    assert.equal(
      (await h.admin.request('PUT', '/api/v1/divisions/220700/policy', { policyId: 'nope' })).json().error.code,
      'POLICY_NOT_FOUND',
    );
    assert.equal(
      (await h.admin.request('PUT', '/api/v1/divisions/150599/policy', { policyId: 'nmg-244' })).json().error.code,
      'DIVISION_NOT_FOUND',
    );
    const sup = await login(h.app, 'supervisor');
    assert.equal((await sup.request('PUT', '/api/v1/divisions/150500/policy', { policyId: 'nmg-244' })).statusCode, 403);
  });

  test('an unknown SANXIANG_POLICY stops the server at start', async () => {
    await assert.rejects(buildTestApp(h.database, { SANXIANG_POLICY: 'nope' }), /政策包/);
  });
});
