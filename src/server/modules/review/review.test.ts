// POST /api/v1/review/classify on both engines: the agency's policy pack decides, every reason is cited, unknown
// kinds or flags are refused, another region's agency is not found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeApp, login } from '../../../../test/support/app.ts';

describeApp('legal review: classifying a draft decision', (h) => {
  test('the catalogue in force for the agency applies; reasons are cited; bad facts are a 400', async () => {
    const officer = await login(h.app, 'officer');
    const xixia = await login(h.app, 'xixia.officer');
    const agency = async (u: string) =>
      (await h.db.selectFrom('users').select('agency_id').where('username', '=', u).executeTakeFirstOrThrow()).agency_id!;
    const fine = { actCategory: 'penalty', kinds: ['fine'], amountYuan: 1000, partyType: 'individual', businessActivity: false };

    // 西夏区 under the Yinchuan pack (assigned to 银川市)
    assert.equal((await h.admin.request('PUT', '/api/v1/divisions/640100/policy', { policyId: 'yinchuan-2018' })).statusCode, 200);
    const yc = await xixia.request('POST', '/api/v1/review/classify', { agencyId: await agency('xixia.officer'), ...fine });
    assert.equal(yc.statusCode, 200, yc.body);
    assert.deepEqual(yc.json(), {
      major: true,
      reasons: [{ rule: '003-8-3a', label: '较大数额罚款：非经营活动中公民 1000 元以上', citation: '003 审核办法 §8' }],
      policyId: 'yinchuan-2018',
    });
    const small = await xixia.request('POST', '/api/v1/review/classify', {
      agencyId: await agency('xixia.officer'),
      ...fine,
      amountYuan: 999,
    });
    assert.deepEqual(small.json(), { major: false, reasons: [], policyId: 'yinchuan-2018' });

    // 奈曼旗 under nmg-244: no amount rule, the general criteria only
    const nm = (
      await officer.request('POST', '/api/v1/review/classify', { agencyId: await agency('officer'), ...fine, flags: ['majorRights'] })
    ).json();
    assert.equal(nm.policyId, 'nmg-244');
    assert.deepEqual(
      nm.reasons.map((r: { rule: string }) => r.rule),
      ['000-26-3'],
    );

    const bad = async (body: Record<string, unknown>) => {
      const r = await officer.request('POST', '/api/v1/review/classify', body);
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(r.json().error.code, 'VALIDATION_FAILED');
      assert.match(r.json().error.message, /[\u4e00-\u9fff]|Invalid/);
    };
    await bad({ actCategory: 'penalty', kinds: ['flogging'] });
    await bad({ actCategory: 'penalty', flags: ['veryImportant'] });
    await bad({ actCategory: 'tax' });
    await bad({ actCategory: 'penalty', kinds: ['fine'] });
    await bad({ actCategory: 'penalty', kinds: ['fine'], amountYuan: 5000 });
    await bad({ actCategory: 'penalty', kinds: ['fine'], amountYuan: '5000', partyType: 'individual', businessActivity: true });
    const other = await officer.request('POST', '/api/v1/review/classify', { agencyId: await agency('xixia.officer'), ...fine });
    assert.equal(other.statusCode, 404, "another region's agency does not exist for this user");
    assert.equal((await h.app.inject({ method: 'POST', url: '/api/v1/review/classify', payload: fine })).statusCode, 401);
  });

  test('an agency widens the catalogue with its own published entries; bad rule fields are refused', async () => {
    const officer = await login(h.app, 'officer');
    const [editor, head] = [await login(h.app, 'editor'), await login(h.app, 'head')];
    const agencyId = (await h.db.selectFrom('users').select('agency_id').where('username', '=', 'officer').executeTakeFirstOrThrow())
      .agency_id!;
    const classify = async (body: Record<string, unknown>) =>
      (await officer.request('POST', '/api/v1/review/classify', { agencyId, ...body })).json();
    const publish = async (data: Record<string, unknown>) => {
      const r = await editor.request('POST', '/api/v1/registry/majorCatalogueItem', {
        data: { actCategory: 'penalty', criteria: '本部门规定', ...data },
      });
      assert.equal(r.statusCode, 201, r.body);
      assert.equal(
        (await head.request('POST', `/api/v1/registry/versions/${r.json().versionId}/decision`, { decision: 'approved' })).statusCode,
        200,
      );
    };
    const warning = { actCategory: 'penalty', kinds: ['warning'] };
    assert.equal((await classify(warning)).major, false);
    // a description without rule fields changes nothing; an amount rule applies to fines from 3,000 yuan
    await publish({ name: '其他重大处罚' });
    await publish({ name: '罚款三千元以上', kinds: ['fine'], minAmountYuan: '3000' });
    assert.equal((await classify(warning)).major, false);
    const fine = (amountYuan: number) =>
      classify({ actCategory: 'penalty', kinds: ['fine'], amountYuan, partyType: 'organisation', businessActivity: true });
    assert.equal((await fine(2999)).major, false);
    const r = await fine(3000);
    assert.equal(r.major, true);
    assert.deepEqual(
      r.reasons.map((x: { label: string; citation: string }) => [x.label, x.citation]),
      [['罚款三千元以上', '本部门重大执法决定目录']],
    );
    // widened to every penalty decision (004 二)
    await publish({ name: '全部行政处罚决定', everyDecision: 'yes' });
    assert.deepEqual(
      (await classify(warning)).reasons.map((x: { label: string }) => x.label),
      ['全部行政处罚决定'],
    );
    assert.equal((await classify({ actCategory: 'licence', kinds: [] })).major, false);
    // the deployment default (no agency) is not widened by one agency's list
    assert.equal((await (await officer.request('POST', '/api/v1/review/classify', warning)).json()).major, false);

    const bad = await editor.request('POST', '/api/v1/registry/majorCatalogueItem', {
      data: { name: 'x 项', actCategory: 'penalty', criteria: '标准', minAmountYuan: '三千' },
    });
    assert.equal(bad.statusCode, 400, bad.body);
    const badKind = await editor.request('POST', '/api/v1/registry/majorCatalogueItem', {
      data: { name: 'x 项', actCategory: 'penalty', criteria: '标准', kinds: ['flogging'] },
    });
    assert.equal(badKind.statusCode, 400, badKind.body);
  });
});
