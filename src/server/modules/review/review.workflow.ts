// The legal review workflow's steps (SPEC §4.3-4.4; 000 §27-32; 002 审核办法 §5-13; 003 审核办法 §20-25): submission with
// the materials check, reviewer assignment (separation and qualification), supplements that pause the clock, one
// extension approved by the head, return, the written opinion (a case act and ledger entry, 法制审核意见书), the
// handler's contest and the head's decision. Every step is an append-only review event; the review row's state,
// reviewer and due date are a projection kept in step in the same transaction. Who may take each step is
// review.policy.ts, the deadline and reviewer-eligibility rules review.rules.ts, reading a review review.read.ts.
import crypto from 'node:crypto';
import { AppError, notFound } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit.ts';
import { inTransaction, type Ctx } from '../../platform/context.ts';
import { assertAssignedReviewer, assertHeadOrDeputy, assertMayAssign, handlerRef, reviewInScope } from './review.policy.ts';
import type { Db } from '../../platform/db.ts';
import { shanghaiDate } from '../../platform/calendar/calendar.dates.ts';
import * as caseRepo from '../cases/case.repo.ts';
import { appendWorkflowAct, currentDraft, effectiveActs } from '../cases/case.file.ts';
import { assertMayHandle } from '../cases/case.policy.ts';
import { assertCaseAccess } from '../cases/case.access.ts';
import { assertApproval } from '../cases/case.approval.ts';
import type { ActType, OfficerCheck } from '../cases/case.rules.ts';
import * as repo from './review.repo.ts';
import { catalogueFor } from '../cases/major.catalogue.ts';
import { classifyDraft } from '../cases/major.rules.ts';
import {
  CHECKLIST_ITEMS,
  CHECKLIST_LABELS,
  OPEN_STATES,
  REVIEW_OUTCOME_LABELS,
  REVIEW_STATE_LABELS,
  checkMaterials,
  missingMaterials,
  deadlineOfReview,
  reviewerProblem,
  type ChecklistItem,
  type ReviewerProblem,
  type ReviewOutcome,
  type SubmissionFacts,
} from './review.rules.ts';
import { approvalsOf, getReview, type ReviewDeps } from './review.read.ts';

const EVIDENCE_ACTS: readonly ActType[] = ['inquiry', 'inspection', 'evidenceRetrieval', 'sampling', 'seizure'];

function invalid(path: string, message: string): never {
  throw new AppError('VALIDATION_FAILED', message, { issues: [{ path, message }] });
}

function wrongState(r: repo.ReviewRow, action: string): never {
  throw new AppError('REVIEW_STATE', `本次审核${REVIEW_STATE_LABELS[r.state]}，不能${action}`, { state: r.state });
}

const deadlineOf = async (db: Db, deps: ReviewDeps, r: repo.ReviewRow, events: repo.EventRow[]) =>
  deadlineOfReview(await deps.calendar.current(db), r, events);

/** Write the event and bring the projection (state, due date) up to date with it. */
async function record(
  db: Db,
  deps: ReviewDeps,
  ctx: Ctx,
  r: repo.ReviewRow,
  kind: string,
  data: Record<string, unknown>,
  patch: Parameters<typeof repo.updateReview>[2],
  actId: string | null = null,
) {
  await repo.insertEvent(db, {
    review_id: r.id,
    agency_id: r.agency_id,
    kind,
    data,
    act_id: actId,
    actor_id: ctx.actor.userId,
    actor_name: ctx.actor.displayName,
  });
  const next = { ...r, ...patch } as repo.ReviewRow;
  const d = await deadlineOf(db, deps, next, await repo.eventsOf(db, r.id));
  await repo.updateReview(db, r.id, { ...patch, due_on: d.dueOn });
  await writeAudit(db, {
    action: `review.${kind}`,
    actor: ctx.actor,
    ip: ctx.ip,
    agencyId: r.agency_id,
    subject: r.id,
    details: { caseId: r.case_id, round: r.round, ...data },
  });
}

/** One step on a review: its row locked (404 outside the actor's scope), then the review as the caller now sees it. */
async function step(ctx: Ctx, deps: ReviewDeps, id: string, run: (db: Db, r: repo.ReviewRow) => Promise<void>) {
  await inTransaction(ctx.db, async (db) => {
    const r = await repo.findReview(db, id, true);
    if (!r || !reviewInScope(ctx.actor, r)) throw notFound('法制审核');
    await run(db, r);
  });
  return getReview(ctx, deps, id);
}

// ---- submission --------------------------------------------------------------------------------------------------------

export interface SubmitInput {
  investigationReport?: string;
  explanation?: { facts?: string; lawAndDiscretion?: string; investigation?: string };
  appraisal?: { summary?: string; evidenceIds?: string[] } | null;
  note?: string;
}

/** What the case itself contributes to the materials check (the draft, evidence, hearing, officers). */
async function caseMaterials(db: Db, caseId: string) {
  const rows = await caseRepo.actsOf(db, caseId);
  const acts = effectiveActs(rows);
  const draft = currentDraft(rows);
  const officers = new Map<string, OfficerCheck>();
  for (const a of acts) for (const o of a.officers as OfficerCheck[]) officers.set(o.certificateNumber, o);
  const media = new Set(acts.flatMap((a) => (a.media as { evidenceId: string }[]).map((m) => m.evidenceId)));
  const facts: Omit<SubmissionFacts, 'investigationReport' | 'explanation' | 'appraisal'> = {
    draftDecision: draft ? (draft.content as SubmissionFacts['draftDecision']) : null,
    evidenceActs: acts.filter((a) => EVIDENCE_ACTS.includes(a.type as ActType)).length,
    mediaFiles: media.size,
    hearingRequested: acts.some((a) => a.type === 'statementDefence' && a.content.hearingRequested === true),
    hearingRecorded: acts.some((a) => a.type === 'hearing'),
    officerProblems: [...officers.values()].filter((o) => !o.ok).map((o) => o.name ?? o.certificateNumber),
    officerCount: officers.size,
  };
  const qualifications = officers.size
    ? `本案执法人员 ${officers.size} 名：${[...officers.values()].map((o) => `${o.name ?? '（未知）'}（执法证号 ${o.certificateNumber}${o.validTo ? `，有效期至 ${o.validTo}` : ''}${o.ok ? '' : '，证件有问题'}）`).join('、')}。`
    : '本案记录中没有执法人员。';
  return { draft, facts, qualifications };
}

/** The materials check for the case page before sending (the texts the handler is writing are not known yet). */
export async function materialsPreview(ctx: Ctx, caseId: string, input: SubmitInput = {}) {
  const c = await caseRepo.findCase(ctx.db, caseId);
  if (!c) throw notFound('案件');
  await assertCaseAccess(ctx.db, ctx.actor, c, 'view');
  const { facts, qualifications } = await caseMaterials(ctx.db, caseId);
  return { materials: checkMaterials({ ...facts, ...input }), qualifications };
}

export async function submitReview(ctx: Ctx, deps: ReviewDeps, caseId: string, input: SubmitInput) {
  const id = await inTransaction(ctx.db, async (db) => {
    const c = await caseRepo.findCase(db, caseId, true);
    if (!c) throw notFound('案件');
    assertMayHandle(ctx.actor, { agencyId: c.agency_id, divisionCode: c.division_code, handlerIds: c.handler_ids });
    if (c.stage !== 'decision')
      throw new AppError('STAGE_FORBIDS', '调查终结、记录拟处理决定后（审查决定阶段），方可提请法制审核（002 审核办法第五条）', {
        stage: c.stage,
      });
    const previous = await caseRepo.latestReview(db, caseId);
    const { draft, facts, qualifications } = await caseMaterials(db, caseId);
    if (previous && [...OPEN_STATES, 'contested'].includes(previous.state))
      throw new AppError('REVIEW_STATE', '本案已提请法制审核，审核尚未完成', { reviewId: previous.id });
    if (previous?.state === 'passed' && previous.draft_act_id === draft?.id)
      throw new AppError('REVIEW_STATE', '本案的拟处理决定已经审核通过，无需重复提请', { reviewId: previous.id });
    if ((previous?.state === 'opinionIssued' || previous?.state === 'upheld') && previous.draft_act_id === draft?.id)
      throw new AppError(
        'REVIEW_STATE',
        '法制审核未通过：请按审核意见修改拟处理决定后重新提请；有异议的，应协商沟通并报负责人决定（000 第三十二条）',
        { reviewId: previous.id },
      );

    let appraisal: SubmitInput['appraisal'] = input.appraisal ?? null;
    if (appraisal?.evidenceIds?.length) {
      const found = await caseRepo.evidenceOf(db, c.agency_id, [...new Set(appraisal.evidenceIds)]);
      if (found.length !== new Set(appraisal.evidenceIds).size) throw notFound('鉴定、评估报告文件');
      appraisal = { ...appraisal, evidenceIds: [...new Set(appraisal.evidenceIds)] };
    }
    const materials = checkMaterials({
      ...facts,
      investigationReport: input.investigationReport,
      explanation: input.explanation,
      appraisal,
    });
    const missing = missingMaterials(materials);
    if (missing.length)
      throw new AppError(
        'MATERIALS_INCOMPLETE',
        `送审材料不齐全，不能提请审核：${missing.map((m) => `${m.label}（${m.detail}）`).join('；')}（000 第二十九条）`,
        { materials },
      );

    const pack = await deps.policies.forDivision(db, c.division_code);
    const { policyId, catalogue } = await catalogueFor(db, deps.policies, { id: c.agency_id, divisionCode: c.division_code });
    const classification = (draft!.content.classification as { major: boolean; reasons: []; policyId: string } | undefined) ?? {
      ...classifyDraft(catalogue, {
        actCategory: c.act_category as never,
        partyType: c.party.kind === 'person' ? 'individual' : 'organisation',
        fineFen: draft!.content.fineFen as number | undefined,
      }),
      policyId,
    };
    const reviewId = crypto.randomUUID();
    const round = (previous?.round ?? 0) + 1;
    const act = await appendWorkflowAct(db, deps, ctx, {
      caseId,
      type: 'reviewSubmission',
      major: true,
      content: {
        reviewId,
        round,
        draftActId: draft!.id,
        classification: { major: classification.major, reasons: classification.reasons, policyId: classification.policyId },
        materials,
        investigationReport: input.investigationReport!.trim(),
        explanation: {
          facts: input.explanation!.facts!.trim(),
          lawAndDiscretion: input.explanation!.lawAndDiscretion!.trim(),
          qualifications,
          investigation: input.explanation!.investigation!.trim(),
        },
        appraisal: appraisal
          ? { ...(appraisal.summary?.trim() ? { summary: appraisal.summary.trim() } : {}), evidenceIds: appraisal.evidenceIds ?? [] }
          : null,
        ...(input.note?.trim() ? { note: input.note.trim() } : {}),
      },
    });
    const receivedOn = shanghaiDate();
    const deadline = pack.review.deadlineWorkingDays.value;
    if (typeof deadline !== 'number') throw new AppError('INTERNAL', '本地政策未规定法制审核期限');
    await repo.insertReview(db, {
      id: reviewId,
      case_id: caseId,
      agency_id: c.agency_id,
      division_code: c.division_code,
      round,
      draft_act_id: draft!.id,
      submission_act_id: act.id,
      classification: JSON.stringify(classification),
      submitted_by: ctx.actor.userId,
      submitted_by_name: ctx.actor.displayName,
      received_on: receivedOn,
      deadline_working_days: deadline,
      extension_working_days: pack.review.extensionWorkingDays.value ?? 0,
      // 000 §31 excludes supplement time; where a pack's seed is silent the SPEC's general rule (§4.3) applies
      supplements_excluded: pack.review.supplementTimeExcluded.value ?? true,
      state: 'submitted',
      reviewer_id: null,
      reviewer_name: null,
      due_on: null,
      paused_since: null,
      outcome: null,
    });
    const r = (await repo.findReview(db, reviewId))!;
    await record(db, deps, ctx, r, 'submitted', { receivedOn, actId: act.id }, {}, act.id);
    return reviewId;
  });
  return getReview(ctx, deps, id);
}

// ---- assignment --------------------------------------------------------------------------------------------------------

export interface ReviewerOption extends ReviewerProblem {
  id: string;
  name: string;
  eligible: boolean;
  firstReview: boolean;
}

/** Each of the agency's reviewers, with why they may not take this review (separation, 000 §27; qualification, §28). */
async function reviewerOptions(db: Db, deps: ReviewDeps, r: repo.ReviewRow): Promise<ReviewerOption[]> {
  const rows = await caseRepo.actsOf(db, r.case_id);
  const drafter = rows.find((a) => a.id === r.draft_act_id)?.recorded_by;
  // 办案与审核相分离: whoever recorded the case's acts or took part in them (by certificate) handled it
  const workflow: readonly string[] = ['reviewSubmission', 'reviewOpinion', 'reviewHeadDecision'];
  const recorders = new Set(rows.filter((a) => !workflow.includes(a.type)).map((a) => a.recorded_by));
  const present = new Set(rows.flatMap((a) => (a.officers as OfficerCheck[]).map((o) => o.certificateNumber)));
  const pack = await deps.policies.forDivision(db, r.division_code);
  const needsQualification = pack.review.firstReviewerNeedsLegalQualification.value === true;
  const out: ReviewerOption[] = [];
  for (const u of await repo.agencyReviewers(db, r.agency_id)) {
    if (u.disabled) continue;
    const first = (await repo.completedReviews(db, u.id)) === 0;
    // a first review needs the reviewer's legal qualification from the officer registry (000 §28)
    const qualification =
      first && needsQualification && u.certificate_number
        ? await repo.legalQualificationOf(db, r.agency_id, u.certificate_number)
        : undefined;
    const { code, problem } = reviewerProblem({
      userId: u.id,
      certificateNumber: u.certificate_number,
      firstReview: first,
      needsQualification,
      qualification,
      handlerIds: r.handler_ids,
      submittedBy: r.submitted_by,
      drafter,
      recorders,
      present,
    });
    out.push({ id: u.id, name: u.display_name, eligible: !code, problem, code, firstReview: first });
  }
  return out;
}

export async function reviewersFor(ctx: Ctx, deps: ReviewDeps, id: string) {
  const r = await repo.findReview(ctx.db, id);
  if (!r || !reviewInScope(ctx.actor, r)) throw notFound('法制审核');
  // who took part in the case is part of the case's record: the same access as reading the review (getReview)
  await assertCaseAccess(ctx.db, ctx.actor, (await caseRepo.findCase(ctx.db, r.case_id))!, 'view');
  return { items: await reviewerOptions(ctx.db, deps, r) };
}

/** The agency head assigns a reviewer, or a reviewer takes the review (领取); reassigning is allowed until the opinion. */
export async function assignReviewer(ctx: Ctx, deps: ReviewDeps, id: string, reviewerId: string) {
  return step(ctx, deps, id, async (db, r) => {
    assertMayAssign(ctx.actor, r, reviewerId);
    if (r.state !== 'submitted' && r.state !== 'reviewing' && r.state !== 'supplementing') wrongState(r, '分配审核人员');
    const option = (await reviewerOptions(db, deps, r)).find((o) => o.id === reviewerId);
    if (!option) throw notFound('法制审核人员（须为本部门的法制审核人员）');
    if (option.code === 'REVIEWER_NOT_SEPARATE')
      throw new AppError('REVIEWER_NOT_SEPARATE', `${option.name}${option.problem}：办案与审核相分离，不能审核本案（000 第二十七条）`, {
        reviewerId,
      });
    if (option.code === 'REVIEWER_UNQUALIFIED')
      throw new AppError('REVIEWER_UNQUALIFIED', `${option.name}${option.problem}（000 第二十八条；003 审核办法第十六条）`, { reviewerId });
    await record(
      db,
      deps,
      ctx,
      r,
      'assigned',
      { reviewerId, reviewerName: option.name, firstReview: option.firstReview },
      { reviewer_id: reviewerId, reviewer_name: option.name, state: r.state === 'submitted' ? 'reviewing' : r.state },
    );
  });
}

// ---- supplements, extension, return -----------------------------------------------------------------------------------

export async function requestSupplement(ctx: Ctx, deps: ReviewDeps, id: string, input: { items: string; dueOn: string }) {
  return step(ctx, deps, id, async (db, r) => {
    assertAssignedReviewer(ctx.actor, r);
    if (r.state !== 'reviewing') wrongState(r, '要求补充材料');
    const today = shanghaiDate();
    if (input.dueOn < today) invalid('dueOn', '补充材料的期限不能早于今天');
    await record(
      db,
      deps,
      ctx,
      r,
      'supplementRequested',
      { items: input.items, dueOn: input.dueOn, requestedOn: today },
      { state: 'supplementing', paused_since: today },
    );
  });
}

export async function supplyMaterials(ctx: Ctx, deps: ReviewDeps, id: string, input: { note: string; evidenceIds: string[] }) {
  return step(ctx, deps, id, async (db, r) => {
    assertMayHandle(ctx.actor, handlerRef(r));
    if (r.state !== 'supplementing') wrongState(r, '补充材料');
    const ids = [...new Set(input.evidenceIds)];
    if ((await caseRepo.evidenceOf(db, r.agency_id, ids)).length !== ids.length) throw notFound('补充的材料文件');
    await record(
      db,
      deps,
      ctx,
      r,
      'supplied',
      { note: input.note, evidenceIds: ids, suppliedOn: shanghaiDate() },
      { state: 'reviewing', paused_since: null },
    );
  });
}

export async function returnReview(ctx: Ctx, deps: ReviewDeps, id: string, reason: string) {
  return step(ctx, deps, id, async (db, r) => {
    assertAssignedReviewer(ctx.actor, r);
    if (r.state !== 'reviewing' && r.state !== 'supplementing') wrongState(r, '退回');
    await record(db, deps, ctx, r, 'returned', { reason }, { state: 'returned', paused_since: null, completed_at: new Date() });
  });
}

export async function requestExtension(ctx: Ctx, deps: ReviewDeps, id: string, reason: string) {
  return step(ctx, deps, id, async (db, r) => {
    assertAssignedReviewer(ctx.actor, r);
    if (r.state !== 'reviewing' && r.state !== 'supplementing') wrongState(r, '申请延期');
    if (r.extension_working_days <= 0) throw new AppError('EXTENSION_USED', '本地政策未规定法制审核期限可以延长');
    const events = await repo.eventsOf(db, id);
    // one request, with approval (000 §31: 可以延长五个工作日 — once)
    const asked = events.filter((e) => e.kind === 'extensionRequested').at(-1);
    if (asked) {
      const decided = events.find((d) => d.kind === 'extensionDecided' && d.seq > asked.seq);
      throw new AppError(
        'EXTENSION_USED',
        !decided
          ? '已申请延期，等待负责人审批'
          : decided.data.approved === true
            ? '审核期限只能延长一次，已经延长'
            : '延期申请已不予批准，不能再次申请',
      );
    }
    await record(db, deps, ctx, r, 'extensionRequested', { reason, days: r.extension_working_days }, {});
  });
}

export async function decideExtension(ctx: Ctx, deps: ReviewDeps, id: string, input: { approved: boolean; comment?: string }) {
  return step(ctx, deps, id, async (db, r) => {
    assertHeadOrDeputy(ctx.actor, r, '延长审核期限');
    if (r.state !== 'reviewing' && r.state !== 'supplementing') wrongState(r, '审批延期');
    const events = await repo.eventsOf(db, id);
    const pending = events.filter((e) => e.kind === 'extensionRequested').at(-1);
    if (!pending || events.some((d) => d.kind === 'extensionDecided' && d.seq > pending.seq))
      throw new AppError('REVIEW_STATE', '没有待审批的延期申请');
    // 000 §31: approved by the head in charge of legal work — never one who handled the case or asked for it
    assertApproval(ctx.actor, 'reviewExtension', await approvalsOf(db, deps, r), pending.actor_id ? [pending.actor_id] : []);
    if (!input.approved && !input.comment?.trim()) invalid('comment', '不予批准时请写明理由');
    await record(
      db,
      deps,
      ctx,
      r,
      'extensionDecided',
      { approved: input.approved, comment: input.comment?.trim() || null },
      input.approved ? { extended: true } : {},
    );
  });
}

// ---- opinion, contest, head's decision -------------------------------------------------------------------------------

export interface OpinionInput {
  outcome: ReviewOutcome;
  checklist: { item: ChecklistItem; result: 'pass' | 'problem'; note?: string }[];
  opinion: string;
}

export async function issueOpinion(ctx: Ctx, deps: ReviewDeps, id: string, input: OpinionInput) {
  return step(ctx, deps, id, async (db, r) => {
    assertAssignedReviewer(ctx.actor, r);
    if (r.state !== 'reviewing') wrongState(r, r.state === 'supplementing' ? '在补充材料到达前出具审核意见' : '出具审核意见');
    const me = (await reviewerOptions(db, deps, r)).find((o) => o.id === ctx.actor.userId);
    if (me?.code === 'REVIEWER_NOT_SEPARATE')
      throw new AppError('REVIEWER_NOT_SEPARATE', `您${me.problem}：办案与审核相分离，不能审核本案，请负责人另行指派（000 第二十七条）`);
    const byItem = new Map(input.checklist.map((c) => [c.item, c]));
    if (byItem.size !== input.checklist.length) invalid('checklist', '审核事项重复');
    const missing = CHECKLIST_ITEMS.filter((i) => !byItem.has(i));
    if (missing.length) invalid('checklist', `请逐项审核：${missing.map((i) => CHECKLIST_LABELS[i]).join('；')}（000 第三十条）`);
    const problems = input.checklist.filter((c) => c.result === 'problem');
    for (const p of problems)
      if (!p.note?.trim()) invalid(`checklist.${p.item}`, `“${CHECKLIST_LABELS[p.item]}”有问题的，请写明问题和意见`);
    if (input.outcome === 'agree' && problems.length) invalid('outcome', '审核事项中有问题的，不能出具同意的意见');
    if (input.outcome !== 'agree' && !problems.length)
      invalid('outcome', `出具“${REVIEW_OUTCOME_LABELS[input.outcome]}”的意见，请在审核事项中标明存在的问题`);
    const d = await deadlineOf(db, deps, r, await repo.eventsOf(db, id));
    const act = await appendWorkflowAct(db, deps, ctx, {
      caseId: r.case_id,
      type: 'reviewOpinion',
      content: {
        reviewId: id,
        round: r.round,
        outcome: input.outcome,
        checklist: CHECKLIST_ITEMS.map((i) => {
          const c = byItem.get(i)!;
          return { item: i, label: CHECKLIST_LABELS[i], result: c.result, ...(c.note?.trim() ? { note: c.note.trim() } : {}) };
        }),
        opinion: input.opinion.trim(),
        receivedOn: r.received_on,
        dueOn: d.dueOn,
      },
    });
    await record(
      db,
      deps,
      ctx,
      r,
      'opinion',
      { outcome: input.outcome, actId: act.id, documentNumber: act.documentNumber, overdue: d.overdue },
      { state: input.outcome === 'agree' ? 'passed' : 'opinionIssued', outcome: input.outcome, completed_at: new Date() },
      act.id,
    );
  });
}

/** The handler disagrees with the opinion after consulting the legal unit (000 §32): it goes to the agency head. */
export async function contestOpinion(ctx: Ctx, deps: ReviewDeps, id: string, input: { reason: string; consultation: string }) {
  return step(ctx, deps, id, async (db, r) => {
    assertMayHandle(ctx.actor, handlerRef(r));
    if (r.state !== 'opinionIssued') wrongState(r, '提出异议');
    await record(db, deps, ctx, r, 'contested', { reason: input.reason, consultation: input.consultation }, { state: 'contested' });
  });
}

export async function headDecision(ctx: Ctx, deps: ReviewDeps, id: string, input: { adopt: 'review' | 'handler'; reason: string }) {
  return step(ctx, deps, id, async (db, r) => {
    assertHeadOrDeputy(ctx.actor, r, '审核意见分歧');
    if (r.state !== 'contested') wrongState(r, '对分歧作出决定');
    const events = await repo.eventsOf(db, id);
    const contest = events.filter((e) => e.kind === 'contested').at(-1)!;
    // 000 §32: the head settles the handler's and the reviewer's disagreement — a head who is a party to it cannot
    assertApproval(
      ctx.actor,
      'reviewHeadDecision',
      await approvalsOf(db, deps, r),
      [contest.actor_id, r.submitted_by].filter((x): x is string => !!x),
    );
    const opinionEvent = events.filter((e) => e.kind === 'opinion').at(-1)!;
    const opinionAct = (await caseRepo.actsOf(db, r.case_id)).find((a) => a.id === opinionEvent.act_id)!;
    const act = await appendWorkflowAct(db, deps, ctx, {
      caseId: r.case_id,
      type: 'reviewHeadDecision',
      content: {
        reviewId: id,
        round: r.round,
        adopt: input.adopt,
        handlerView: String(contest.data.reason),
        consultation: String(contest.data.consultation),
        reviewerOpinion: `${REVIEW_OUTCOME_LABELS[opinionAct.content.outcome as ReviewOutcome]}：${String(opinionAct.content.opinion)}`,
        reason: input.reason.trim(),
      },
    });
    await record(
      db,
      deps,
      ctx,
      r,
      'headDecided',
      { adopt: input.adopt, reason: input.reason, actId: act.id },
      { state: input.adopt === 'handler' ? 'passed' : 'upheld' },
      act.id,
    );
  });
}
