// The legal review workflow over the API on both engines (SPEC §4): the draft decision's classification recorded in
// the case; an incomplete submission refused with nothing written; separation and first-review qualification at
// assignment; supplements pausing the clock; one extension; the opinion as a case act in the ledger; contest and the
// head's decision; and the gate — with no review, a pending one, a "change" opinion, a draft changed after review —
// each refused with its own code, in the service and, for a path around it, in the database.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { describeApp, login, type Session } from '../../../../test/support/app.ts';
import { assertError, minutesAgo } from '../../../../test/support/http.ts';
import { CHECKLIST_ITEMS } from './review.rules.ts';

const officerData = (
  name: string,
  certificateNumber: string,
  legalQualification: { certificateNumber: string; obtainedOn: string } | null = null,
) => ({
  name,
  gender: '男',
  post: '文化市场综合执法大队队员',
  certificateNumber,
  categories: ['文化市场'],
  area: '奈曼旗',
  validFrom: '2020-01-01',
  validTo: '2099-12-31',
  status: 'valid',
  ...(legalQualification ? { legalQualification } : {}),
});

const SUBMISSION = {
  investigationReport: '经调查，当事人未取得网络文化经营许可证，擅自从事互联网上网服务经营活动，违法事实清楚。',
  explanation: {
    facts: '当事人于 2026 年擅自经营网吧。',
    lawAndDiscretion: '依据《互联网上网服务营业场所管理条例》第二十七条，按裁量基准“一般”情节。',
    investigation: '现场询问两次，当事人放弃陈述申辩，未要求听证。',
  },
};
const allPass = () => CHECKLIST_ITEMS.map((item) => ({ item, result: 'pass' as const }));

describeApp('legal review workflow', (h) => {
  let officer: Session;
  let unithead: Session;
  let head: Session;
  let reviewer: Session;
  let novice: Session;
  let dual: Session;
  let supervisor: Session;
  let xixia: Session;
  let dualId: string;
  let noviceId: string;
  let reviewerId: string;
  let officerId: string;
  const party = { kind: 'organisation', name: '奈曼旗某某网吧' };

  before(async () => {
    [officer, unithead, head, reviewer, supervisor, xixia] = await Promise.all(
      ['officer', 'unithead', 'head', 'reviewer', 'supervisor', 'xixia.officer'].map((u) => login(h.app, u)),
    );
    const editor = await login(h.app, 'editor');
    for (const d of [
      officerData('张执法', 'NMREV0001'),
      officerData('赵执法', 'NMREV0002'),
      officerData('刘审核', 'NMREV0009', { certificateNumber: 'A20181234567', obtainedOn: '2018-12-01' }),
    ]) {
      const r = await editor.request('POST', '/api/v1/registry/officer', { data: d });
      assert.equal(r.statusCode, 201, r.body);
      assert.equal(
        (await head.request('POST', `/api/v1/registry/versions/${r.json().versionId}/decision`, { decision: 'approved' })).statusCode,
        200,
      );
    }
    // the reviewer's own registry entry (with the legal-professional qualification); a novice without one; an
    // officer who is also a reviewer (and so may end up drafting)
    const admin = h.admin;
    const users = (await admin.request('GET', '/api/v1/users?q=reviewer')).json().items as { id: string; username: string }[];
    reviewerId = users.find((u) => u.username === 'reviewer')!.id;
    assert.equal(
      (await admin.request('PATCH', `/api/v1/users/${reviewerId}`, { certificateNumber: 'nmrev0009' })).json().certificateNumber,
      'NMREV0009',
    );
    const me = (await officer.request('GET', '/api/v1/auth/me')).json().user as { id: string; agencyId: string };
    officerId = me.id;
    const agencyId = me.agencyId;
    const create = async (username: string, roles: string[]) => {
      const r = await admin.request('POST', '/api/v1/users', {
        username,
        displayName: username,
        password: 'Review-Pass-2026!',
        roles,
        agencyId,
      });
      assert.equal(r.statusCode, 201, r.body);
      return r.json().id as string;
    };
    noviceId = await create('novice.reviewer', ['reviewer']);
    dualId = await create('officer.reviewer', ['officer', 'reviewer']);
    [novice, dual] = await Promise.all([
      login(h.app, 'novice.reviewer', 'Review-Pass-2026!'),
      login(h.app, 'officer.reviewer', 'Review-Pass-2026!'),
    ]);
  });

  const act = (s: Session, caseId: string, body: Record<string, unknown>) =>
    s.request('POST', `/api/v1/cases/${caseId}/acts`, { occurredAt: minutesAgo(30), ...body });
  const DRAFT = {
    proposal: '罚款人民币二万元',
    basis: '《互联网上网服务营业场所管理条例》第二十七条',
    fineFen: 2_000_000,
    discretion: { level: '一般', reason: '首次违法，及时改正' },
  };
  const DECISION = {
    type: 'decision',
    content: {
      decision: '罚款人民币二万元',
      basis: '《互联网上网服务营业场所管理条例》第二十七条',
      fineFen: 2_000_000,
      remedy: '六十日内申请复议或六个月内提起诉讼',
    },
  };

  /** A case at the decision stage with a draft decision recorded by `drafter`, major by the 000 §26 flag. */
  async function caseWithDraft(drafter: Session = officer, handlers: string[] = []): Promise<string> {
    const c = await officer.request('POST', '/api/v1/cases', {
      actCategory: 'penalty',
      origin: 'exOfficio',
      cause: '擅自从事互联网上网服务经营活动',
      field: '文化市场',
      party,
      handlerIds: handlers,
    });
    assert.equal(c.statusCode, 201, c.body);
    const id = c.json().id as string;
    for (const [s, body] of [
      [unithead, { type: 'opening', content: { approved: true, opinion: '同意立案' } }],
      [
        officer,
        {
          type: 'inquiry',
          officers: ['NMREV0001', 'NMREV0002'],
          certificateShown: true,
          content: { person: '王某', transcript: '问：是否取得许可？答：没有。' },
        },
      ],
      [
        officer,
        { type: 'rightsNotice', content: { facts: '擅自经营', basis: '第二十七条', proposed: '罚款二万元', hearingEligible: true } },
      ],
      [officer, { type: 'statementDefence', content: { waived: true, hearingRequested: false } }],
      [drafter, { type: 'draftDecision', content: { ...DRAFT, majorFacts: { flags: ['majorPublicInterest'], businessActivity: true } } }],
    ] as const) {
      const r = await act(s, id, body);
      assert.equal(r.statusCode, 201, `${body.type}: ${r.body}`);
    }
    return id;
  }

  const counts = async (caseId: string) => ({
    reviews: Number((await sql<{ n: string }>`select count(*) as n from reviews where case_id = ${caseId}`.execute(h.db)).rows[0]!.n),
    acts: Number((await sql<{ n: string }>`select count(*) as n from case_acts where case_id = ${caseId}`.execute(h.db)).rows[0]!.n),
  });

  test('submission → supplements → extension → "change" opinion → contest → head decides → decision issued', async () => {
    const caseId = await caseWithDraft();
    const detail = (await officer.request('GET', `/api/v1/cases/${caseId}`)).json();
    assert.equal(detail.major, true);
    const draft = detail.acts.find((a: { type: string }) => a.type === 'draftDecision');
    assert.equal(draft.content.classification.major, true);
    assert.deepEqual(
      draft.content.classification.reasons.map((r: { rule: string }) => r.rule),
      ['000-26-1', 'xzcfl-58-1'],
    );
    assert.equal(draft.content.classification.policyId, 'nmg-244');

    // no review yet: the decision is refused
    assertError(await act(head, caseId, DECISION), 409, 'REVIEW_REQUIRED');

    // an incomplete package is refused, item by item, and nothing is written
    const before = await counts(caseId);
    const incomplete = await officer.request('POST', `/api/v1/cases/${caseId}/reviews`, {
      investigationReport: '太短',
      explanation: { facts: '基本事实清楚' },
    });
    assertError(incomplete, 422, 'MATERIALS_INCOMPLETE');
    const missing = incomplete
      .json()
      .error.details.materials.filter((m: { required: boolean; present: boolean }) => m.required && !m.present)
      .map((m: { key: string }) => m.key);
    assert.deepEqual(missing, ['investigationReport', 'lawAndDiscretion', 'investigation']);
    assert.deepEqual(await counts(caseId), before);
    // the preview says the same before sending
    const preview = (await officer.request('POST', `/api/v1/cases/${caseId}/review-materials`, SUBMISSION)).json();
    assert.ok(
      preview.materials.every((m: { required: boolean; present: boolean }) => !m.required || m.present),
      JSON.stringify(preview),
    );
    assert.match(preview.qualifications, /张执法（执法证号 NMREV0001/);

    const submitted = await officer.request('POST', `/api/v1/cases/${caseId}/reviews`, SUBMISSION);
    assert.equal(submitted.statusCode, 201, submitted.body);
    const review = submitted.json();
    assert.equal(review.state, 'submitted');
    assert.equal(review.deadline.workingDays, 5);
    assert.ok(review.deadline.dueOn > review.receivedOn);
    assert.deepEqual(await counts(caseId), { reviews: 1, acts: before.acts + 1 });
    assertError(await officer.request('POST', `/api/v1/cases/${caseId}/reviews`, SUBMISSION), 409, 'REVIEW_STATE');
    assertError(await act(head, caseId, DECISION), 409, 'REVIEW_PENDING');

    // the to-do lists: reviewers may take it, the head assigns it
    const reviewTodos = async (s: Session) =>
      ((await s.request('GET', '/api/v1/cases/todo')).json().items as { kind: string; id?: string; cause: string; due: string | null }[])
        .filter((t) => t.kind === 'review' && t.id === review.id)
        .map((t) => `${t.cause.split('：')[0]}${t.due ? `@${t.due}` : ''}`);
    assert.deepEqual(await reviewTodos(reviewer), [`待领取的法制审核@${review.deadline.dueOn}`]);
    assert.deepEqual(await reviewTodos(head), [`法制审核待分配审核人员@${review.deadline.dueOn}`]);

    // assignment: the drafter / a handler and an unqualified first-time reviewer are refused with their own codes
    const rid = review.id as string;
    const options = (await head.request('GET', `/api/v1/reviews/${rid}/reviewers`)).json().items as {
      id: string;
      eligible: boolean;
      code: string | null;
    }[];
    assert.equal(options.find((o) => o.id === noviceId)?.code, 'REVIEWER_UNQUALIFIED');
    assert.equal(options.find((o) => o.id === reviewerId)?.eligible, true);
    assertError(await novice.request('POST', `/api/v1/reviews/${rid}/assign`, { reviewerId: noviceId }), 422, 'REVIEWER_UNQUALIFIED');
    assertError(await officer.request('POST', `/api/v1/reviews/${rid}/assign`, { reviewerId }), 403, 'FORBIDDEN');
    let r = await head.request('POST', `/api/v1/reviews/${rid}/assign`, { reviewerId });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().state, 'reviewing');
    assert.deepEqual(r.json().actions, ['assign']);
    assert.deepEqual((await reviewer.request('GET', `/api/v1/reviews/${rid}`)).json().actions, [
      'requestSupplement',
      'opinion',
      'return',
      'requestExtension',
    ]);

    // supplements: the clock pauses; no opinion until they arrive; the handler supplies them
    assertError(
      await novice.request('POST', `/api/v1/reviews/${rid}/supplement-request`, { items: '营业执照复印件', dueOn: '2099-01-01' }),
      403,
      'FORBIDDEN',
    );
    assertError(
      await reviewer.request('POST', `/api/v1/reviews/${rid}/supplement-request`, { items: '营业执照复印件', dueOn: '2020-01-01' }),
      400,
      'VALIDATION_FAILED',
    );
    r = await reviewer.request('POST', `/api/v1/reviews/${rid}/supplement-request`, { items: '营业执照复印件', dueOn: '2099-01-01' });
    assert.equal(r.json().state, 'supplementing');
    assert.equal(r.json().deadline.paused, true);
    assert.deepEqual(await reviewTodos(officer), ['法制审核要求补充材料@2099-01-01']);
    assert.deepEqual(await reviewTodos(reviewer), []);
    assertError(
      await reviewer.request('POST', `/api/v1/reviews/${rid}/opinion`, { outcome: 'agree', checklist: allPass(), opinion: '同意' }),
      409,
      'REVIEW_STATE',
    );
    assertError(await act(head, caseId, DECISION), 409, 'REVIEW_PENDING');
    r = await officer.request('POST', `/api/v1/reviews/${rid}/supply`, { note: '已补充营业执照复印件' });
    assert.equal(r.json().state, 'reviewing', r.body);

    // one extension, approved by the head
    r = await reviewer.request('POST', `/api/v1/reviews/${rid}/extension`, { reason: '涉及多个法律关系，情况复杂' });
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(await reviewTodos(head), ['法制审核延期申请待批准']);
    assertError(await reviewer.request('POST', `/api/v1/reviews/${rid}/extension`, { reason: '再次延期' }), 409, 'EXTENSION_USED');
    assertError(await reviewer.request('POST', `/api/v1/reviews/${rid}/extension-decision`, { approved: true }), 403, 'FORBIDDEN');
    r = await head.request('POST', `/api/v1/reviews/${rid}/extension-decision`, { approved: true, comment: '同意延长五个工作日' });
    assert.equal(r.json().deadline.workingDays, 10);
    assert.equal(r.json().deadline.extended, true);
    assertError(await reviewer.request('POST', `/api/v1/reviews/${rid}/extension`, { reason: '再次延期' }), 409, 'EXTENSION_USED');

    // the opinion: every item, problems explained, the outcome consistent with them
    assertError(
      await reviewer.request('POST', `/api/v1/reviews/${rid}/opinion`, {
        outcome: 'agree',
        checklist: allPass().slice(1),
        opinion: '同意',
      }),
      400,
      'VALIDATION_FAILED',
    );
    const withProblem = allPass().map((c) =>
      c.item === 'discretion' ? { item: c.item, result: 'problem' as const, note: '首次违法且及时改正，应适用“较轻”情节' } : c,
    );
    assertError(
      await reviewer.request('POST', `/api/v1/reviews/${rid}/opinion`, { outcome: 'agree', checklist: withProblem, opinion: '同意' }),
      400,
      'VALIDATION_FAILED',
    );
    assertError(
      await reviewer.request('POST', `/api/v1/reviews/${rid}/opinion`, { outcome: 'change', checklist: allPass(), opinion: '变更' }),
      400,
      'VALIDATION_FAILED',
    );
    r = await reviewer.request('POST', `/api/v1/reviews/${rid}/opinion`, {
      outcome: 'change',
      checklist: withProblem,
      opinion: '建议按“较轻”情节变更罚款数额。',
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().state, 'opinionIssued');
    assertError(await act(head, caseId, DECISION), 409, 'REVIEW_NOT_PASSED');
    assert.deepEqual(await reviewTodos(officer), ['法制审核未通过']);
    // the same draft cannot go to another round instead of being contested
    assertError(await officer.request('POST', `/api/v1/cases/${caseId}/reviews`, SUBMISSION), 409, 'REVIEW_STATE');

    // the opinion is a numbered document in the case file and a ledger entry
    const opinionAct = (await officer.request('GET', `/api/v1/cases/${caseId}`))
      .json()
      .acts.find((a: { type: string }) => a.type === 'reviewOpinion');
    assert.match(opinionAct.content.documentNumber, /法审〔\d{4}〕1号$/);
    assert.equal(opinionAct.content.checklist.find((c: { item: string }) => c.item === 'discretion').result, 'problem');
    const doc = (await officer.request('GET', `/api/v1/cases/${caseId}/acts/${opinionAct.id}/document`)).json();
    assert.equal(doc.title, '法制审核意见书');
    assert.ok(doc.blocks.some((b: { kind: string; title?: string }) => b.kind === 'table' && b.title === '审核事项'));
    const ledgerRef = (await sql<{ ledger_ref: string }>`select ledger_ref from case_acts where id = ${opinionAct.id}`.execute(h.db))
      .rows[0]!.ledger_ref;
    assert.ok(Number(ledgerRef) > 0);

    // the handler contests after consulting; the head sides with the handler; the decision can now be made
    assertError(
      await reviewer.request('POST', `/api/v1/reviews/${rid}/contest`, { reason: '不同意', consultation: '已沟通' }),
      403,
      'FORBIDDEN',
    );
    r = await officer.request('POST', `/api/v1/reviews/${rid}/contest`, {
      reason: '当事人此前已受过警告，不属于首次违法，“一般”情节适当。',
      consultation: '2026 年与法制科当面沟通，未能达成一致。',
    });
    assert.equal(r.json().state, 'contested');
    assert.deepEqual(await reviewTodos(head), ['审核意见分歧待负责人决定']);
    assertError(await act(head, caseId, DECISION), 409, 'REVIEW_PENDING');
    assertError(
      await unithead.request('POST', `/api/v1/reviews/${rid}/head-decision`, { adopt: 'handler', reason: '采纳' }),
      403,
      'FORBIDDEN',
    );
    r = await head.request('POST', `/api/v1/reviews/${rid}/head-decision`, {
      adopt: 'handler',
      reason: '经核查当事人曾受警告处罚，采纳承办机构意见。',
    });
    assert.equal(r.json().state, 'passed');
    // the decision carries the reviewed draft's fine, not another
    assertError(await act(head, caseId, { ...DECISION, content: { ...DECISION.content, fineFen: 5_000_000 } }), 409, 'REVIEW_OUTDATED');
    const decision = await act(head, caseId, DECISION);
    assert.equal(decision.statusCode, 201, decision.body);
    const kinds = (await officer.request('GET', `/api/v1/cases/${caseId}`)).json().acts.map((a: { type: string }) => a.type);
    assert.deepEqual(kinds.slice(-4), ['reviewSubmission', 'reviewOpinion', 'reviewHeadDecision', 'decision']);
    const events = (await head.request('GET', `/api/v1/reviews/${rid}`)).json().events.map((e: { kind: string }) => e.kind);
    assert.deepEqual(events, [
      'submitted',
      'assigned',
      'supplementRequested',
      'supplied',
      'extensionRequested',
      'extensionDecided',
      'opinion',
      'contested',
      'headDecided',
    ]);
  });

  test('separation: the drafter and the handlers cannot review; agree passes; a changed draft needs a new review', async () => {
    const caseId = await caseWithDraft(dual, [officerId, dualId]);
    // a reviewer who took part in an act (by certificate) is no more separate than the team
    assert.equal((await h.admin.request('PATCH', `/api/v1/users/${noviceId}`, { certificateNumber: 'NMREV0001' })).statusCode, 200);
    const r = await dual.request('POST', `/api/v1/cases/${caseId}/reviews`, SUBMISSION);
    assert.equal(r.statusCode, 201, r.body);
    const rid = r.json().id;
    const refused = await dual.request('POST', `/api/v1/reviews/${rid}/assign`, { reviewerId: dualId });
    assertError(refused, 422, 'REVIEWER_NOT_SEPARATE');
    assert.match(refused.json().error.message, /起草人/);
    assertError(await head.request('POST', `/api/v1/reviews/${rid}/assign`, { reviewerId: dualId }), 422, 'REVIEWER_NOT_SEPARATE');
    const took = await head.request('POST', `/api/v1/reviews/${rid}/assign`, { reviewerId: noviceId });
    assertError(took, 422, 'REVIEWER_NOT_SEPARATE');
    assert.match(took.json().error.message, /参与了本案的办理/);
    assert.equal((await reviewer.request('POST', `/api/v1/reviews/${rid}/assign`, { reviewerId })).json().state, 'reviewing');
    // the novice is no longer a first-timer after… never: still refused; the qualified reviewer agrees
    assert.equal(
      (await reviewer.request('POST', `/api/v1/reviews/${rid}/opinion`, { outcome: 'agree', checklist: allPass(), opinion: '同意' })).json()
        .state,
      'passed',
    );

    // the draft is corrected after the review: the decision waits for a new one
    const draftId = (await officer.request('GET', `/api/v1/cases/${caseId}`))
      .json()
      .acts.find((a: { type: string }) => a.type === 'draftDecision').id;
    const corrected = await act(officer, caseId, {
      type: 'draftDecision',
      corrects: draftId,
      correctionReason: '数额笔误',
      content: { ...DRAFT, fineFen: 2_500_000, majorFacts: { flags: ['majorPublicInterest'] } },
    });
    assert.equal(corrected.statusCode, 201, corrected.body);
    assertError(await act(head, caseId, DECISION), 409, 'REVIEW_OUTDATED');
    // a resubmission is round 2
    const again = await officer.request('POST', `/api/v1/cases/${caseId}/reviews`, SUBMISSION);
    assert.equal(again.json().round, 2, again.body);
  });

  test('a correction of a replaced draft does not bring it back into force', async () => {
    const caseId = await caseWithDraft();
    const first = (await officer.request('GET', `/api/v1/cases/${caseId}`))
      .json()
      .acts.find((a: { type: string }) => a.type === 'draftDecision').id;
    // a second, new draft replaces the first; correcting the old one afterwards leaves the new one in force
    assert.equal(
      (await act(officer, caseId, { type: 'draftDecision', content: { ...DRAFT, majorFacts: { flags: ['complex'] } } })).statusCode,
      201,
    );
    assert.equal(
      (
        await act(officer, caseId, {
          type: 'draftDecision',
          corrects: first,
          correctionReason: '笔误',
          content: { ...DRAFT, fineFen: 100 },
        })
      ).statusCode,
      201,
    );
    const detail = (await officer.request('GET', `/api/v1/cases/${caseId}`)).json();
    assert.equal(detail.major, true);
    assertError(await act(head, caseId, DECISION), 409, 'REVIEW_REQUIRED');
    const r = (await officer.request('POST', `/api/v1/cases/${caseId}/reviews`, SUBMISSION)).json();
    const newest = detail.acts
      .filter((a: { type: string; corrects: string | null }) => a.type === 'draftDecision' && !a.corrects)
      .at(-1).id;
    assert.equal(r.draftActId, newest);
  });

  test('the database refuses a major decision recorded around the service', async () => {
    const caseId = await caseWithDraft();
    const insert = (id: string) =>
      sql`insert into case_acts (id, case_id, agency_id, seq, type, occurred_at, officers, content, media, av_required, recorded_by, recorded_by_name, recorded_at, canonical, content_hash, ledger_ref)
      select ${id}::uuid, c.id, c.agency_id, c.act_count + 1, 'decision', now(), '[]', '{}', '[]', 'none', c.created_by, 'x', now(), '{}', 'h', 1 from cases c where c.id = ${caseId}`.execute(
        h.db,
      );
    await assert.rejects(insert(crypto.randomUUID()), /REVIEW_REQUIRED/);
    // a non-major case is not held
    await sql`update cases set major = false where id = ${caseId}`.execute(h.db);
    await insert(crypto.randomUUID());
  });

  test('returned submissions, scope, and bad input', async () => {
    const caseId = await caseWithDraft();
    const rid = (await officer.request('POST', `/api/v1/cases/${caseId}/reviews`, SUBMISSION)).json().id;
    assertError(await reviewer.request('POST', `/api/v1/reviews/${rid}/return`, { reason: '材料不全' }), 403, 'FORBIDDEN');
    await reviewer.request('POST', `/api/v1/reviews/${rid}/assign`, { reviewerId });
    assert.equal(
      (await reviewer.request('POST', `/api/v1/reviews/${rid}/return`, { reason: '证据不足，请补充调查后重新提交' })).json().state,
      'returned',
    );
    assertError(await act(head, caseId, DECISION), 409, 'REVIEW_REQUIRED');

    // another agency's officer does not see it; a supervisor of the division does, read-only
    assertError(await xixia.request('GET', `/api/v1/reviews/${rid}`), 404, 'NOT_FOUND');
    assertError(await xixia.request('POST', `/api/v1/reviews/${rid}/assign`, { reviewerId }), 404, 'NOT_FOUND');
    const seen = await supervisor.request('GET', `/api/v1/reviews/${rid}`);
    assert.equal(seen.statusCode, 200, seen.body);
    assert.deepEqual(seen.json().actions, []);
    assert.ok((await supervisor.request('GET', '/api/v1/reviews?state=returned')).json().items.some((i: { id: string }) => i.id === rid));

    // an overdue review reaches the division's supervisors (received long ago, never finished)
    const late = await caseWithDraft();
    const lateId = (await officer.request('POST', `/api/v1/cases/${late}/reviews`, SUBMISSION)).json().id;
    await sql`update reviews set received_on = '2026-01-05', due_on = '2026-01-12' where id = ${lateId}`.execute(h.db);
    const overdue = (await supervisor.request('GET', '/api/v1/reviews?overdue=true')).json().items as {
      id: string;
      deadline: { overdue: boolean; dueOn: string };
    }[];
    assert.deepEqual(
      overdue.map((i) => [i.id, i.deadline.overdue, i.deadline.dueOn]),
      [[lateId, true, '2026-01-12']],
    );
    assert.equal((await xixia.request('GET', '/api/v1/reviews?overdue=true')).json().total, 0);

    assertError(await officer.request('GET', `/api/v1/reviews/${crypto.randomUUID()}`), 404, 'NOT_FOUND');
    assertError(await officer.request('GET', '/api/v1/reviews/not-a-uuid'), 400, 'VALIDATION_FAILED');
    assertError(
      await reviewer.request('POST', `/api/v1/reviews/${rid}/opinion`, { outcome: 'maybe', checklist: allPass(), opinion: 'x' }),
      400,
      'VALIDATION_FAILED',
    );
    assertError(await officer.request('POST', `/api/v1/cases/${caseId}/reviews`, { ...SUBMISSION, extra: 1 }), 400, 'VALIDATION_FAILED');
    assertError(
      await officer.request('POST', `/api/v1/cases/${caseId}/reviews`, {
        ...SUBMISSION,
        appraisal: { summary: '鉴定', evidenceIds: [crypto.randomUUID()] },
      }),
      404,
      'NOT_FOUND',
    );
    // the review acts cannot be recorded through the generic act endpoint
    assertError(await act(officer, caseId, { type: 'reviewOpinion', content: {} }), 409, 'STAGE_FORBIDS');
  });
});
