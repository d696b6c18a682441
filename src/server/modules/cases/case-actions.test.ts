// The case detail's `actions` on both engines: what each reader is offered is what the server then lets them do —
// the handling officer, another officer, the unit head, the agency head, the custodian, the reviewer, a supervisor,
// another agency's officer; correcting an approval act only with its signing role; destruction after the period.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { describeApp, login, type Session } from '../../../../test/support/app.ts';
import { assertError, minutesAgo } from '../../../../test/support/http.ts';

describeApp('cases: the actions a reader is offered', (h) => {
  let s: Record<'officer' | 'officer2' | 'unithead' | 'head' | 'custodian' | 'reviewer' | 'supervisor' | 'xixia', Session>;
  const party = { kind: 'person', name: '周某' };

  before(async () => {
    const names = ['officer', 'officer2', 'unithead', 'head', 'custodian', 'reviewer', 'supervisor', 'xixia.officer'] as const;
    const sessions = await Promise.all(names.map((u) => login(h.app, u)));
    s = Object.fromEntries(names.map((u, i) => [u === 'xixia.officer' ? 'xixia' : u, sessions[i]!])) as typeof s;
  });

  const actionsOf = async (who: Session, id: string) => {
    const r = await who.request('GET', `/api/v1/cases/${id}`);
    assert.equal(r.statusCode, 200, r.body);
    return r.json().actions as string[];
  };

  test('recording, correcting and the access log: offered to whoever may do them, and refused to the others', async () => {
    const c = await s.officer.request('POST', '/api/v1/cases', {
      actCategory: 'penalty',
      origin: 'exOfficio',
      cause: '未按规定悬挂许可证',
      field: '文化市场',
      party,
    });
    assert.equal(c.statusCode, 201, c.body);
    const id = c.json().id as string;
    assert.deepEqual(c.json().actions, ['record', 'correct'], 'the answer to the registrant carries them too');

    assert.deepEqual(await actionsOf(s.officer, id), ['record', 'correct']);
    assert.deepEqual(await actionsOf(s.unithead, id), ['record', 'correct', 'correctOpening', 'correctConclusion', 'readAccessLog']);
    assert.deepEqual(await actionsOf(s.head, id), [
      'record',
      'correct',
      'correctOpening',
      'correctDecision',
      'correctConclusion',
      'readAccessLog',
    ]);
    assert.deepEqual(await actionsOf(s.custodian, id), ['readAccessLog']);
    assert.deepEqual(await actionsOf(s.reviewer, id), []);
    assert.deepEqual(await actionsOf(s.supervisor, id), ['readAccessLog']);
    // another officer of the agency reads it only by an access request; another agency's officer does not see it
    assertError(await s.officer2.request('GET', `/api/v1/cases/${id}`), 403, 'ACCESS_REQUEST_REQUIRED');
    assertError(await s.xixia.request('GET', `/api/v1/cases/${id}`), 404, 'NOT_FOUND');

    // the access log: exactly those offered it may read it
    for (const who of ['officer', 'unithead', 'head', 'custodian', 'reviewer', 'supervisor'] as const) {
      const offered = (await actionsOf(s[who], id)).includes('readAccessLog');
      const r = await s[who].request('GET', `/api/v1/cases/${id}/access-log`);
      assert.equal(r.statusCode, offered ? 200 : 403, `${who}: ${r.body}`);
    }

    // recording: those not offered it are refused
    const note = { type: 'opening', occurredAt: minutesAgo(20), content: { approved: true, opinion: '同意立案' } };
    for (const who of ['custodian', 'reviewer', 'supervisor', 'officer'] as const)
      assertError(await s[who].request('POST', `/api/v1/cases/${id}/acts`, note), 403, 'FORBIDDEN');
    const opening = await s.unithead.request('POST', `/api/v1/cases/${id}/acts`, note);
    assert.equal(opening.statusCode, 201, opening.body);
    const openingAct = opening.json();

    // correcting the opening approval: the handling officer is not offered it and is refused; the unit head is offered it
    const correction = {
      ...note,
      corrects: openingAct.id,
      correctionReason: '审批意见笔误',
      content: { approved: true, opinion: '同意立案调查' },
    };
    assertError(await s.officer.request('POST', `/api/v1/cases/${id}/acts`, correction), 403, 'FORBIDDEN');
    const fixed = await s.unithead.request('POST', `/api/v1/cases/${id}/acts`, correction);
    assert.equal(fixed.statusCode, 201, fixed.body);
  });

  test('access requests: the head is offered the decision while pending; the case opens to whoever is offered it', async () => {
    const c = await s.officer.request('POST', '/api/v1/cases', {
      actCategory: 'penalty',
      origin: 'exOfficio',
      cause: '擅自变更经营场所',
      field: '文化市场',
      party,
    });
    const id = c.json().id as string;
    const asked = await s.officer2.request('POST', '/api/v1/access-requests', { caseId: id, purpose: '协助办理关联案件', scope: 'view' });
    assert.equal(asked.statusCode, 201, asked.body);
    assert.deepEqual(asked.json().actions, []);
    const mine = async (who: Session) =>
      ((await who.request('GET', '/api/v1/access-requests')).json().items as { id: string; actions: string[] }[]).find(
        (r) => r.id === asked.json().id,
      )?.actions;
    assert.deepEqual(await mine(s.head), ['decide', 'openCase']);
    assert.deepEqual(await mine(s.custodian), []);
    assert.deepEqual(await mine(s.officer2), []);
    assertError(
      await s.custodian.request('POST', `/api/v1/access-requests/${asked.json().id}/decision`, { approved: true }),
      403,
      'FORBIDDEN',
    );
    assertError(await s.officer2.request('GET', `/api/v1/cases/${id}`), 403, 'ACCESS_REQUEST_REQUIRED');

    const ok = await s.head.request('POST', `/api/v1/access-requests/${asked.json().id}/decision`, { approved: true, comment: '同意' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json().actions, ['openCase']);
    assert.deepEqual(await mine(s.officer2), ['openCase']);
    assert.equal((await s.officer2.request('GET', `/api/v1/cases/${id}`)).statusCode, 200);
    // the requests listed with the case's access log carry them too
    const log = (await s.head.request('GET', `/api/v1/cases/${id}/access-log`)).json();
    assert.deepEqual(
      log.requests.map((r: { actions: string[] }) => r.actions),
      [['openCase']],
    );
  });

  test('destruction: asked for by the custodian or the head once the period is over, decided by the head', async () => {
    const c = await s.officer.request('POST', '/api/v1/cases', {
      actCategory: 'penalty',
      origin: 'exOfficio',
      cause: '超范围经营',
      field: '文化市场',
      party,
    });
    const id = c.json().id as string;
    const wants = async (action: string) =>
      Object.fromEntries(
        await Promise.all(
          (['officer', 'unithead', 'head', 'custodian', 'supervisor'] as const).map(async (who) => [
            who,
            (await actionsOf(s[who], id)).includes(action),
          ]),
        ),
      );

    assert.deepEqual(
      await wants('requestDestruction'),
      { officer: false, unithead: false, head: false, custodian: false, supervisor: false },
      'not archived',
    );
    await sql`update cases set stage = 'archived', retention_until = '2099-01-01' where id = ${id}`.execute(h.db);
    assert.deepEqual(
      await wants('requestDestruction'),
      { officer: false, unithead: false, head: false, custodian: false, supervisor: false },
      'inside the period',
    );
    assertError(await s.custodian.request('POST', `/api/v1/cases/${id}/destruction`, { reason: '保存期满' }), 409, 'RETENTION_NOT_EXPIRED');

    await sql`update cases set retention_until = '2020-01-01' where id = ${id}`.execute(h.db);
    assert.deepEqual(await wants('requestDestruction'), {
      officer: false,
      unithead: false,
      head: true,
      custodian: true,
      supervisor: false,
    });
    assertError(await s.officer.request('POST', `/api/v1/cases/${id}/destruction`, { reason: '保存期满' }), 403, 'FORBIDDEN');
    assertError(await s.unithead.request('POST', `/api/v1/cases/${id}/destruction`, { reason: '保存期满' }), 403, 'FORBIDDEN');
    const req = await s.custodian.request('POST', `/api/v1/cases/${id}/destruction`, { reason: '保存期满，无长期保存情形' });
    assert.equal(req.statusCode, 201, req.body);

    assert.deepEqual(
      await wants('requestDestruction'),
      { officer: false, unithead: false, head: false, custodian: false, supervisor: false },
      'one request at a time',
    );
    assert.deepEqual(await wants('decideDestruction'), {
      officer: false,
      unithead: false,
      head: true,
      custodian: false,
      supervisor: false,
    });
    assertError(
      await s.custodian.request('POST', `/api/v1/case-destructions/${req.json().id}/decision`, { approved: false, comment: '不同意' }),
      403,
      'FORBIDDEN',
    );
    const no = await s.head.request('POST', `/api/v1/case-destructions/${req.json().id}/decision`, {
      approved: false,
      comment: '暂不销毁',
    });
    assert.equal(no.statusCode, 200, no.body);
    assert.deepEqual(await wants('decideDestruction'), {
      officer: false,
      unithead: false,
      head: false,
      custodian: false,
      supervisor: false,
    });
  });
});
