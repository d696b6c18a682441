// Issue 14, finding 5 — heads approved their own work: a unit head approved the opening of a case they had registered,
// an agency head handled a case alone from opening to the signed decision. The approver of an opening, a decision, a
// conclusion, an AV exception (and the review's extension and disagreement) is never a handler of the case nor the
// author of what is approved (000 §25-§32 审核、决定与办案相分离; 002 记录办法 §8 立案审批; 行政处罚法 §57); where every
// head took part, the policy pack's approvals.singleHeadFallback names who approves instead.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { describeApp, login, DEMO_PASSWORD, type Session } from '../support/app.ts';
import { assertError, minutesAgo } from '../support/http.ts';

describeApp('security: approvals are separate from handling', (h) => {
  let officer: Session;
  let unithead: Session;
  let head: Session;
  let agencyId: string;
  const party = { kind: 'organisation', name: '奈曼旗某某书店', creditCode: '' };

  before(async () => {
    [officer, unithead, head] = await Promise.all(['officer', 'unithead', 'head'].map((u) => login(h.app, u)));
    agencyId = (await head.request('GET', '/api/v1/auth/me')).json().user.agencyId;
    const { creditCodeCheckChar } = await import('../../src/server/platform/codes.ts');
    party.creditCode = `91150525MA0000001${creditCodeCheckChar('91150525MA0000001')}`;
  });

  const open = (s: Session, body: Record<string, unknown> = {}) =>
    s.request('POST', '/api/v1/cases', {
      actCategory: 'penalty',
      origin: 'exOfficio',
      cause: '未在经营场所显著位置悬挂许可证件',
      field: '文化市场',
      party,
      ...body,
    });
  const act = (s: Session, caseId: string, body: Record<string, unknown>) =>
    s.request('POST', `/api/v1/cases/${caseId}/acts`, { occurredAt: minutesAgo(30), ...body });
  const decision = {
    type: 'decision',
    content: {
      decision: '警告，并处罚款人民币二千元',
      basis: '《出版管理条例》第六十六条',
      fineFen: 200_000,
      remedy: '六十日内申请行政复议，或六个月内提起行政诉讼',
    },
  };

  /** A case the agency head registers for themselves and takes up to the draft decision alone (opening by the unit head). */
  async function headAloneUpToDraft(): Promise<string> {
    const c = await open(head);
    assert.equal(c.statusCode, 201, c.body);
    const id = c.json().id;
    assert.equal((await act(unithead, id, { type: 'opening', content: { approved: true, opinion: '同意立案' } })).statusCode, 201);
    assert.equal(
      (
        await act(head, id, {
          type: 'rightsNotice',
          content: {
            facts: '未悬挂许可证件',
            basis: '《出版管理条例》第六十六条',
            proposed: '警告，并处罚款二千元',
            hearingEligible: false,
          },
        })
      ).statusCode,
      201,
    );
    const draft = await act(head, id, {
      type: 'draftDecision',
      content: {
        proposal: '警告，并处罚款人民币二千元',
        basis: '《出版管理条例》第六十六条',
        fineFen: 200_000,
        discretion: { level: '一般', reason: '初次违法' },
      },
    });
    assert.equal(draft.statusCode, 201, draft.body);
    return id;
  }

  test('a unit head who registered a case cannot approve its opening (002 记录办法 §8; 000 §25-§32); an uninvolved head can', async () => {
    const c = await open(unithead);
    assert.equal(c.statusCode, 201, c.body);
    const id = c.json().id;
    const refused = await act(unithead, id, { type: 'opening', content: { approved: true, opinion: '同意立案' } });
    assertError(refused, 403, 'APPROVER_NOT_SEPARATE');
    assert.match(refused.json().error.message, /王局长/, 'the refusal names who may approve instead');
    // the case page shows the approval disabled, with the reason
    const page = (await unithead.request('GET', `/api/v1/cases/${id}`)).json();
    assert.ok(!page.next.includes('opening'));
    assert.match(page.blockedActs.find((b: { type: string }) => b.type === 'opening').reason, /承办或参与了本案的办理/);
    assert.equal((await head.request('GET', `/api/v1/cases/${id}`)).json().next.includes('opening'), true);
    assert.equal((await act(head, id, { type: 'opening', content: { approved: true, opinion: '同意立案' } })).statusCode, 201);
  });

  test('an agency head who handled a case cannot sign its decision; with no other agency head the uninvolved unit head signs (nmg-244: deputy, 000 §31)', async () => {
    const id = await headAloneUpToDraft();
    const refused = await act(head, id, decision);
    assertError(refused, 403, 'APPROVER_NOT_SEPARATE');
    assert.match(refused.json().error.message, /起草了拟处理决定/);
    assert.match(refused.json().error.message, /承办机构负责人（李科长）代为审批/);
    const headPage = (await head.request('GET', `/api/v1/cases/${id}`)).json();
    assert.ok(!headPage.next.includes('decision'));
    assert.ok(headPage.blockedActs.some((b: { type: string }) => b.type === 'decision'));
    assert.ok((await unithead.request('GET', `/api/v1/cases/${id}`)).json().next.includes('decision'));
    // an officer is no approver at all
    assertError(await act(officer, id, decision), 403, 'FORBIDDEN');
    const signed = await act(unithead, id, decision);
    assert.equal(signed.statusCode, 201, signed.body);
    // the correction of the signature is an approval too: the handler-head cannot correct it either
    assertError(await act(head, id, { ...decision, corrects: signed.json().id, correctionReason: '笔误' }), 403, 'APPROVER_NOT_SEPARATE');
  });

  test('an AV exception is not approved by the head who asked for it (003 记录办法 §20(二))', async () => {
    const c = await open(officer);
    const id = c.json().id;
    assert.equal((await act(unithead, id, { type: 'opening', content: { approved: true, opinion: '同意立案' } })).statusCode, 201);
    const asked = await head.request('POST', `/api/v1/cases/${id}/av-exceptions`, {
      actType: 'inspection',
      reason: '执法记录仪故障，未能录像',
    });
    assert.equal(asked.statusCode, 201, asked.body);
    const exceptionId = asked.json().id;
    const page = (await head.request('GET', `/api/v1/cases/${id}`)).json();
    const shown = page.avExceptions.find((e: { id: string }) => e.id === exceptionId);
    assert.equal(shown.mayDecide, false);
    assert.match(shown.decideBlocked, /申请人/);
    assertError(
      await head.request('POST', `/api/v1/cases/av-exceptions/${exceptionId}/decision`, { approved: true }),
      403,
      'APPROVER_NOT_SEPARATE',
    );
    assert.equal(
      (await unithead.request('POST', `/api/v1/cases/av-exceptions/${exceptionId}/decision`, { approved: true })).statusCode,
      200,
    );
  });

  test('with a deputy agency head in the agency, the deputy signs, not the unit head standing in', async () => {
    const created = await h.admin.request('POST', '/api/v1/users', {
      username: 'deputyhead',
      displayName: '赵副局长',
      password: DEMO_PASSWORD,
      roles: ['agencyHead'],
      agencyId,
    });
    assert.equal(created.statusCode, 201, created.body);
    const deputy = await login(h.app, 'deputyhead');
    const id = await headAloneUpToDraft();
    const refused = await act(head, id, decision);
    assertError(refused, 403, 'APPROVER_NOT_SEPARATE');
    assert.match(refused.json().error.message, /赵副局长/);
    assertError(await act(unithead, id, decision), 403, 'FORBIDDEN');
    assert.equal((await act(deputy, id, decision)).statusCode, 201);
    assert.equal((await h.admin.request('PATCH', `/api/v1/users/${created.json().id}`, { disabled: true })).statusCode, 200);
  });

  test("where the pack refers the approval to the superior department (yinchuan-2018 is silent), nobody in the agency signs in the head's place", async () => {
    assert.equal((await h.admin.request('PUT', '/api/v1/divisions/150525/policy', { policyId: 'yinchuan-2018' })).statusCode, 200);
    try {
      const id = await headAloneUpToDraft();
      const refused = await act(head, id, decision);
      assertError(refused, 403, 'APPROVER_NOT_SEPARATE');
      assert.match(refused.json().error.message, /上级行政执法部门负责人审批/);
      assertError(await act(unithead, id, decision), 403, 'FORBIDDEN');
    } finally {
      assert.equal((await h.admin.request('PUT', '/api/v1/divisions/150525/policy', { policyId: null })).statusCode, 200);
    }
  });
});
