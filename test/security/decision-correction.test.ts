// Issue 14, finding 7 — correcting a served or archived decision silently diverged from the portal: a `decision` act
// with `corrects` on an executed, archived case answered 201 and the portal kept the old text and fine. Once the
// decision is served, its substance is changed only by revoking or changing it (行政处罚法 §48 ¶2; 000 §13: the
// remedy outcome withdraws the publication and the change is published); before service a correction is allowed and
// the disclosure record follows it through the editor (redacted again, published by a second person, 002 公示办法 §30-§31).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { describeApp, login, type Session } from '../support/app.ts';
import { assertError, minutesAgo } from '../support/http.ts';

describeApp('security: a decision is corrected only before service, and its publication follows', (h) => {
  let officer: Session;
  let unithead: Session;
  let head: Session;
  let editor: Session;
  const party = { kind: 'organisation', name: '奈曼旗某某演艺厅', creditCode: '' };

  before(async () => {
    [officer, unithead, head, editor] = await Promise.all(['officer', 'unithead', 'head', 'editor'].map((u) => login(h.app, u)));
    const { creditCodeCheckChar } = await import('../../src/server/platform/codes.ts');
    party.creditCode = `91150525MA0000002${creditCodeCheckChar('91150525MA0000002')}`;
  });

  const act = (s: Session, caseId: string, body: Record<string, unknown>) =>
    s.request('POST', `/api/v1/cases/${caseId}/acts`, { occurredAt: minutesAgo(30), ...body });
  const decision = (fineYuan: number) => ({
    type: 'decision',
    content: {
      decision: `警告，并处罚款人民币${fineYuan}元`,
      basis: '《营业性演出管理条例》第四十三条',
      fineFen: fineYuan * 100,
      remedy: '六十日内申请行政复议，或六个月内提起行政诉讼',
    },
  });

  /** A penalty case decided by the agency head (not yet served); returns the case and decision act ids. */
  async function decided(): Promise<{ caseId: string; decisionId: string }> {
    const c = await officer.request('POST', '/api/v1/cases', {
      actCategory: 'penalty',
      origin: 'exOfficio',
      cause: '未经许可擅自从事营业性演出',
      field: '文化市场',
      party,
    });
    assert.equal(c.statusCode, 201, c.body);
    const caseId = c.json().id;
    assert.equal((await act(unithead, caseId, { type: 'opening', content: { approved: true, opinion: '同意立案' } })).statusCode, 201);
    assert.equal(
      (
        await act(officer, caseId, {
          type: 'rightsNotice',
          content: {
            facts: '擅自从事营业性演出',
            basis: '《营业性演出管理条例》第四十三条',
            proposed: '罚款二千元',
            hearingEligible: false,
          },
        })
      ).statusCode,
      201,
    );
    assert.equal(
      (
        await act(officer, caseId, {
          type: 'draftDecision',
          content: {
            proposal: '警告，并处罚款人民币2000元',
            basis: '《营业性演出管理条例》第四十三条',
            fineFen: 200_000,
            discretion: { level: '一般', reason: '初次违法' },
          },
        })
      ).statusCode,
      201,
    );
    const d = await act(head, caseId, { ...decision(2000), occurredAt: minutesAgo(20) });
    assert.equal(d.statusCode, 201, d.body);
    return { caseId, decisionId: d.json().id };
  }

  const disclosureOf = async (caseId: string) => {
    const row = await h.db.selectFrom('disclosures').select('id').where('case_id', '=', caseId).executeTakeFirstOrThrow();
    return (await editor.request('GET', `/api/v1/disclosures/${row.id}`)).json();
  };
  const maskAll = (d: { proposal: Record<string, { findings: { start: number; end: number }[] }> }) => ({
    fields: Object.fromEntries(
      Object.entries(d.proposal).map(([f, p]) => [f, { masks: p.findings.map(({ start, end }) => ({ start, end })) }]),
    ),
  });
  const counts = async (caseId: string) =>
    Number((await sql<{ n: string }>`select count(*) as n from case_acts where case_id = ${caseId}`.execute(h.db)).rows[0]!.n);

  test('after service a substantive correction of the decision is refused with the remedy path (行政处罚法 §48; 000 §13), nothing written', async () => {
    const { caseId, decisionId } = await decided();
    assert.equal(
      (await act(officer, caseId, { type: 'service', content: { documentActId: decisionId, method: 'mail', recipient: party.name } }))
        .statusCode,
      201,
    );
    const before = await counts(caseId);
    const refused = await act(head, caseId, {
      ...decision(1500),
      occurredAt: minutesAgo(20),
      corrects: decisionId,
      correctionReason: '罚款数额有误',
    });
    assertError(refused, 409, 'DECISION_SERVED');
    assert.match(refused.json().error.message, /撤销或变更.*复议、诉讼结果/);
    assert.equal(await counts(caseId), before, 'no act written');
    // only the record's own details (place) may still be put right: the decision as served is unchanged
    const place = await act(head, caseId, {
      ...decision(2000),
      occurredAt: minutesAgo(20),
      place: '奈曼旗文化和旅游局',
      corrects: decisionId,
      correctionReason: '补记签发地点',
    });
    assert.equal(place.statusCode, 201, place.body);
    // the remedy path still works: a revocation withdraws the record (000 §13)
    const outcome = await act(head, caseId, {
      type: 'remedyOutcome',
      content: {
        proceeding: 'reconsideration',
        outcome: 'changed',
        decidedOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
        authority: '奈曼旗人民政府',
        explanation: '复议机关变更罚款数额',
      },
    });
    assert.equal(outcome.statusCode, 201, outcome.body);
    assert.equal((await disclosureOf(caseId)).state, 'withdrawn');
  });

  test('before service a correction reaches the disclosure record: a published one keeps its text on the portal until an editor redacts the correction and another person publishes it (002 公示办法 §30-§31)', async () => {
    const { caseId, decisionId } = await decided();
    let d = await disclosureOf(caseId);
    assert.equal((await editor.request('POST', `/api/v1/disclosures/${d.id}/prepare`, maskAll(d))).statusCode, 200);
    assert.equal((await head.request('POST', `/api/v1/disclosures/${d.id}/publish`)).statusCode, 200);
    const portal = async () => (await h.app.inject({ method: 'GET', url: `/api/v1/public/decisions/${d.id}` })).json().decision;
    assert.equal((await portal()).fineYuan, 2000);
    const todoBefore = (await editor.request('GET', '/api/v1/disclosures/todo')).json().pending;

    const fix = await act(head, caseId, {
      ...decision(1500),
      occurredAt: minutesAgo(20),
      corrects: decisionId,
      correctionReason: '罚款数额计算有误',
    });
    assert.equal(fix.statusCode, 201, fix.body);
    d = await disclosureOf(caseId);
    assert.equal(d.state, 'published');
    assert.equal(d.record.fineYuan, 1500, 'the record follows the corrected decision');
    assert.equal(d.record.pendingCorrection.decisionActId, fix.json().id);
    assert.match(d.proposal.result.text, /1500元/, 'the editor redacts the corrected text');
    assert.ok(d.events.some((e: { kind: string }) => e.kind === 'decisionCorrected'));
    assert.equal((await editor.request('GET', '/api/v1/disclosures/todo')).json().pending, todoBefore + 1, 'it waits for the editor');
    assert.equal((await portal()).fineYuan, 2000, 'the portal keeps the published version meanwhile');

    assert.equal((await editor.request('POST', `/api/v1/disclosures/${d.id}/prepare`, maskAll(d))).statusCode, 200);
    assertError(await editor.request('POST', `/api/v1/disclosures/${d.id}/publish`), 409, 'PUBLISHER_NOT_SEPARATE');
    assert.equal((await portal()).fineYuan, 2000);
    assert.equal((await head.request('POST', `/api/v1/disclosures/${d.id}/publish`)).statusCode, 200);
    const now = await portal();
    assert.equal(now.fineYuan, 1500);
    assert.match(now.result, /1500元/);
    assert.equal((await disclosureOf(caseId)).record.pendingCorrection, undefined);
    assert.equal((await editor.request('GET', '/api/v1/disclosures/todo')).json().pending, todoBefore);
  });

  test('a correction before service drops a redaction prepared for the old text: the record is pending again', async () => {
    const { caseId, decisionId } = await decided();
    let d = await disclosureOf(caseId);
    assert.equal((await editor.request('POST', `/api/v1/disclosures/${d.id}/prepare`, maskAll(d))).statusCode, 200);
    assert.equal((await disclosureOf(caseId)).state, 'prepared');
    assert.equal(
      (await act(head, caseId, { ...decision(1800), occurredAt: minutesAgo(20), corrects: decisionId, correctionReason: '数额有误' }))
        .statusCode,
      201,
    );
    d = await disclosureOf(caseId);
    assert.equal(d.state, 'pending');
    assert.equal(d.prepared, null);
    assert.equal(d.record.fineYuan, 1800);
    assert.equal(d.record.pendingCorrection, undefined);
  });
});
