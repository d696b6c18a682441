// Recording an act of a case (SPEC §3.2-3.3): who may record it, then the checks of case.rules.ts in the order an
// officer would meet them — the content, the approval's independence, the review gate, a correction's target, the
// stage, the document number, the times, the officers and their certificates, the AV recording — and finally the
// case file appends it (ledger, row, projection, `case.actRecorded` for the modules above) in one transaction.
import { AppError, notFound } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit.ts';
import { inTransaction, type Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { shanghaiDate } from '../../platform/calendar/calendar.dates.ts';
import * as repo from './case.repo.ts';
import {
  ACT_TYPES,
  PENALTY_DECISION_DAYS,
  SERVED_TYPES,
  addDays,
  avRequirement,
  checkActTimes,
  checkAvRecording,
  checkCertificates,
  checkCorrection,
  checkReviewedFine,
  checkNewAct,
  reviewGate,
  checkOfficer,
  checkOfficersPresent,
  checkRecordable,
  retentionUntil,
  stageAfter,
  type ActCategory,
  type ActProblem,
  type ActType,
  type Stage,
} from './case.rules.ts';
import { assertMayRecord } from './case.policy.ts';
import { assertEvidenceAccess } from './case.access.ts';
import { approvalFacts, assertApproval } from './case.approval.ts';
import { recordingFitsAct } from './evidence.rules.ts';
import { ACT_CONTENT, type RecordActInput } from './case.schema.ts';
import {
  appendAct,
  caseFacts,
  classifyDecisionContent,
  currentDraft,
  decisionServed,
  isMajor,
  nextDocumentNumber,
  rootOf,
  type Projection,
} from './case.file.ts';
import { getCase, refOf, type CaseDeps } from './case.service.ts';

/** Throw a check's refusal: a field's value as VALIDATION_FAILED with its path, the rest with its code. */
function refuse(p: ActProblem | null, details?: Record<string, unknown>): void {
  if (!p) return;
  if (p.field) throw new AppError('VALIDATION_FAILED', p.message, { issues: [{ path: p.field, message: p.message }] });
  throw new AppError(p.code, p.message, p.details ?? details);
}

/** The submitted content, validated against the act type's schema; server-assigned keys are never taken from the client. */
function parseContent(type: Exclude<ActType, 'registration'>, raw: RecordActInput['content']): Record<string, unknown> {
  // 文号, the type of a served document, a draft's classification: a correction form prefilled from the original
  // sends them back unchanged
  const { documentNumber: _number, documentType: _served, classification: _classified, ...submitted } = raw;
  const parsed = ACT_CONTENT[type].safeParse(submitted);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: ['content', ...i.path].join('.'), message: i.message, code: i.code }));
    throw new AppError('VALIDATION_FAILED', `${ACT_TYPES[type].label}内容有误：${issues.map((i) => `${i.path} ${i.message}`).join('；')}`, {
      issues,
    });
  }
  return { ...parsed.data };
}

export async function recordAct(ctx: Ctx, deps: CaseDeps, caseId: string, input: RecordActInput) {
  const type = input.type;
  const actId = await inTransaction(ctx.db, async (db) => {
    const c = await repo.findCase(db, caseId, true); // the row lock serialises acts of one case (seq, stage)
    if (!c) throw notFound('案件');
    assertMayRecord(ctx.actor, refOf(c), type);
    refuse(checkRecordable(type));
    const content = parseContent(type as Exclude<ActType, 'registration'>, input.content);
    const rows = await repo.actsOf(db, caseId);
    const draft = currentDraft(rows);

    // an approval (opening, the decision's signature, conclusion — and their corrections) is given by a head who took
    // no part in the case and did not write the draft it approves (000 §25-§32; 002 记录办法 §8; 行政处罚法 §57)
    let substitute = false;
    if (type === 'opening' || type === 'decision' || type === 'conclusion') {
      const authors = type === 'decision' && draft ? [draft.recorded_by] : [];
      substitute = assertApproval(ctx.actor, type, await approvalFacts(db, deps.policies, c, rows), authors).substitute;
    }
    if (type === 'draftDecision')
      content.classification = await classifyDecisionContent(db, deps.policies, c, {
        fineFen: content.fineFen as number | undefined,
        majorFacts: content.majorFacts,
      });
    const facts = await caseFacts(db, c, rows);
    // a decision is major when the case is, or when its own content is by the catalogue (a decision larger than the
    // draft that escaped review); in a major case it waits for the review and carries the reviewed draft's fine (000 §25)
    if (type === 'decision') {
      facts.major =
        c.major ||
        (
          await classifyDecisionContent(db, deps.policies, c, {
            fineFen: content.fineFen as number | undefined,
            majorFacts: draft?.content.majorFacts,
          })
        ).major;
      if (facts.major) {
        // a correction is refused outright by the gate; a new decision meets the gate with the stage rules below
        const gate = reviewGate(facts.review);
        if (gate && input.corrects) refuse(gate, { caseId, stage: c.stage });
        if (!gate) refuse(checkReviewedFine({ fineFen: content.fineFen, draftFineFen: draft?.content.fineFen }), { caseId });
      }
    }

    let corrects: repo.ActRow | null = null;
    if (input.corrects) {
      corrects = rows.find((r) => r.id === input.corrects) ?? null;
      const served = type === 'decision' && !!corrects && decisionServed(rows, rootOf(rows, corrects));
      const p = checkCorrection({
        type,
        target: corrects,
        alreadyCorrected: !!corrects && rows.some((r) => r.corrects === corrects!.id),
        reason: input.correctionReason,
        served,
        content,
        occurredAt: input.occurredAt,
      });
      refuse(p, p?.code === 'DECISION_SERVED' ? { caseId, actId: corrects!.id } : undefined);
    } else refuse(checkNewAct(facts, { type, content, correctionReason: input.correctionReason }), { caseId, stage: c.stage });

    if (type === 'service') {
      const doc = facts.acts.find((a) => a.id === content.documentActId);
      if (!doc || !SERVED_TYPES.includes(doc.type)) throw notFound('送达的文书（须为本案的事先告知书或决定书）');
      content.documentType = doc.type;
    }
    // 文号: a numbered document gets the agency's next number in its series; a correction keeps the original's.
    const documentNumber = corrects ? corrects.content.documentNumber : await nextDocumentNumber(db, c, type);
    if (documentNumber !== undefined) content.documentNumber = documentNumber;

    const occurredAt = new Date(input.occurredAt);
    const endedAt = input.endedAt ? new Date(input.endedAt) : null;
    refuse(checkActTimes(occurredAt, endedAt));

    // officers: two with valid certificates covering the case's field for acts done with the party (000 §16)
    refuse(checkOfficersPresent(type, content, input.officers, input.certificateShown));
    const numbers = [...new Set(input.officers)];
    const records = await repo.publishedOfficers(db, c.agency_id, numbers);
    const checks = numbers.map((n) => checkOfficer(n, records.get(n), shanghaiDate(occurredAt), c.field));
    refuse(checkCertificates(checks));

    const recording = await checkRecording(db, ctx, c, rows, { type, content, input, occurredAt, endedAt, corrects });

    const { id, seq } = await appendAct(db, deps, ctx, {
      case: c,
      act: {
        type,
        occurredAt,
        endedAt,
        place: input.place ?? null,
        officers: checks,
        partyPresent: input.partyPresent ?? null,
        certificateShown: input.certificateShown ?? null,
        rightsTold: input.rightsTold ?? (type === 'rightsNotice' ? true : null),
        content,
        ...recording,
        corrects,
        correctionReason: input.correctionReason ?? null,
      },
      priorActs: rows,
      projection: (n) =>
        projection(db, deps, c, {
          stage: corrects ? (c.stage as Stage) : stageAfter(c.stage as Stage, type, content),
          type,
          content,
          corrects,
          seq: n,
        }),
    });
    await writeAudit(db, {
      action: corrects ? 'case.act.correct' : 'case.act',
      actor: ctx.actor,
      ip: ctx.ip,
      agencyId: c.agency_id,
      subject: id,
      details: { caseId, type, seq, corrects: corrects?.id ?? null, ...(substitute ? { substitute: true } : {}) },
    });
    return id;
  });
  const detail = await getCase(ctx, deps.ledger, caseId, deps.policies);
  return detail.acts.find((a) => a.id === actId)!;
}

/**
 * The act's AV recording: the agency's AV-recording list (or 000 §17's defaults) decides what is required; linked
 * files must be ones the recorder may copy and must have been recorded during the act; a missing or partial
 * recording needs the agency head's approved written explanation (000 §19; 003 记录办法 §20(二)).
 */
async function checkRecording(
  db: Db,
  ctx: Ctx,
  c: repo.CaseRow,
  rows: repo.ActRow[],
  o: {
    type: ActType;
    content: Record<string, unknown>;
    input: RecordActInput;
    occurredAt: Date;
    endedAt: Date | null;
    corrects: repo.ActRow | null;
  },
) {
  const { type, input } = o;
  const avRequired = avRequirement(type, o.content, c.act_category as ActCategory, await repo.avItems(db, c.agency_id));
  const mediaIds = [...new Set(input.media)];
  const media = await repo.evidenceOf(db, c.agency_id, mediaIds);
  if (media.length !== mediaIds.length) throw notFound('音像记录（证据文件）');
  for (const m of media) {
    // Linking a file puts it in this case's record, readable by everyone who reads the case: it needs the right to
    // copy the file (one's own upload, or a file of a case one may copy), never less (000 §24; 003 记录办法 §21).
    await assertEvidenceAccess(
      db,
      ctx.actor,
      { id: m.id, agency_id: c.agency_id, division_code: c.division_code, uploaded_by: m.uploaded_by },
      'copy',
    );
    if (!recordingFitsAct(m, o.occurredAt, o.endedAt))
      refuse({
        code: 'VALIDATION_FAILED',
        field: 'media',
        message: `音像记录“${m.file_name}”的录制时间与本次执法行为的时间不符：只能关联记录本次执法行为的音像记录（000 §19）`,
      });
  }
  let exceptionId: string | null = null;
  if (input.avExceptionId) {
    const e = await repo.findAvException(db, input.avExceptionId);
    if (!e || e.case_id !== c.id) throw notFound('未音像记录说明');
    if (e.act_type !== type) refuse({ code: 'VALIDATION_FAILED', field: 'avExceptionId', message: '该说明针对的是另一类执法行为' });
    if (e.approved !== true)
      throw new AppError('AV_REQUIRED', e.approved === false ? '该未音像记录说明未获批准' : '该未音像记录说明尚待部门负责人批准');
    const used = rows.find((r) => r.av_exception_id === e.id && !r.corrects);
    if (used && used.id !== o.corrects?.id && rootOf(rows, used) !== (o.corrects ? rootOf(rows, o.corrects) : null))
      throw new AppError('CONFLICT', '该说明已用于另一条记录');
    exceptionId = e.id;
  }
  refuse(checkAvRecording(type, avRequired, { excepted: !!exceptionId, media, occurredAt: o.occurredAt, endedAt: o.endedAt }));
  return { media: media.map((m) => ({ evidenceId: m.id, sha256: m.sha256 })), avRequired, avExceptionId: exceptionId };
}

/** The case row after an act: its stage and the dates and deadlines the act starts or ends. */
async function projection(
  db: Db,
  deps: CaseDeps,
  c: repo.CaseRow,
  o: {
    stage: Stage;
    type: ActType;
    content: Record<string, unknown>;
    corrects: repo.ActRow | null;
    seq: number;
  },
): Promise<Projection> {
  const { stage, type, content } = o;
  const now = new Date();
  const p: Projection = { stage, act_count: o.seq };
  // the draft decision in force decides (with the registration flag) whether the decision must wait for legal review
  // (once major, always: a submission or a major draft keeps the decision waiting for review, 002 审核办法 §4)
  if (type === 'draftDecision') p.major = c.major || isMajor(await repo.actsOf(db, c.id));
  // a recorded reconsideration, lawsuit, complaint… makes the records permanent; a correction cannot undo it
  if (type === 'remedy' && !c.retention_permanent) p.retention_permanent = String(content.event);
  if (type === 'remedyOutcome' && !c.retention_permanent)
    p.retention_permanent = String(content.proceeding === 'lawsuit' ? 'lawsuit' : 'reconsideration');
  if (o.corrects) return p;
  if (type === 'opening' && !c.opening_decided_at) p.opening_decided_at = now;
  if (type === 'opening' && c.stage === 'opening' && stage === 'investigation') {
    p.opened_at = now;
    if (c.act_category === 'penalty') p.decision_due = addDays(shanghaiDate(now), PENALTY_DECISION_DAYS);
  }
  if (type === 'decision') p.decided_at = now;
  if (type === 'conclusion') {
    p.concluded_at = now;
    const pack = await deps.policies.forDivision(db, c.division_code);
    const days = pack.recording.archiveDaysAfterConclusion.value;
    p.archive_due = typeof days === 'number' ? addDays(shanghaiDate(now), days) : null;
  }
  if (type === 'archive') {
    p.archived_at = now;
    // media records are kept at least the policy's years from archiving (003 记录办法 §21: 不少于三年)
    const pack = await deps.policies.forDivision(db, c.division_code);
    p.retention_until = retentionUntil(shanghaiDate(now), pack.recording.avRetention.value?.minYears);
  }
  return p;
}
