// Case handling (SPEC §3): registering a case, recording its acts, AV exceptions, reading and to-do lists.
// Every act — the registration included — is one append-only row whose canonical bytes (RFC 8785 JSON) are committed
// to the ledger in the same transaction; the case row's stage and dates are a projection kept in step with them.
// A correction is a new act of the same type pointing at the one it corrects; nothing is edited in place.
import crypto from 'node:crypto';
import canonicalize from 'canonicalize';
import { AppError, notFound } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit.ts';
import { hasRole } from '../../platform/access.ts';
import { inTransaction, type Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { shanghaiDate } from '../../platform/calendar/calendar.dates.ts';
import type { PolicyService } from '../../platform/policy/policy.service.ts';
import type { CalendarService } from '../../platform/calendar/calendar.service.ts';
import { createForDecision, onDecisionCorrected } from '../disclosure/disclosure.service.ts';
import { onRemedyOutcome, type RemedyOutcome } from '../disclosure/disclosure.workflow.ts';
import type { LedgerService } from '../ledger/ledger.service.ts';
import * as registryRepo from '../registry/registry.repo.ts';
import type { ACT_CATEGORIES } from '../registry/record.kinds.ts';
import * as repo from './case.repo.ts';
import {
  ACT_TYPES, ACT_TYPE_IDS, EMERGENCY_APPROVAL_HOURS, STAGE_LABELS, retentionUntil, PENALTY_DECISION_DAYS, SERVED_TYPES, addDays, avRequirement, checkOfficer,
  checkTransition, describeCheck, isFieldAct, reviewGate, stageAfter, type ActType, type CaseFacts, type OfficerCheck, type Stage,
} from './case.rules.ts';
import type { z } from 'zod';
import { APPROVER_ROLES, approvalVerdict, assertMayRecord, assertMayRegister, HANDLER_ROLES, type ApprovalFacts } from './case.policy.ts';
import { accessOf, assertCaseAccess, assertEvidenceAccess } from './case.access.ts';
import { approvalFacts, assertApproval, avExceptionVerdict } from './case.approval.ts';
import { recordingFitsAct } from './evidence.rules.ts';
import { documentSeries, formatDocumentNumber, renderDocument } from './document.templates.ts';
import { ACT_CONTENT, type openCaseBody, type RecordActInput } from './case.schema.ts';
import { classifyDraft, type DraftFacts } from '../review/review.rules.ts';
import * as reviewRepo from '../review/review.repo.ts';
import { catalogueFor } from '../review/review.service.ts';
import type { ReviewTodoKind } from '../review/review.repo.ts';

export interface CaseDeps {
  ledger: LedgerService;
  policies: PolicyService;
  calendar: CalendarService;
}

type OpenCaseInput = z.input<typeof openCaseBody>;
type ActCategory = (typeof ACT_CATEGORIES)[number];

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const refOf = (c: repo.CaseRow) => ({ agencyId: c.agency_id, divisionCode: c.division_code, handlerIds: c.handler_ids, classification: c.classification });

function invalid(path: string, message: string): never {
  throw new AppError('VALIDATION_FAILED', message, { issues: [{ path, message }] });
}

/** Append one act: canonical bytes → ledger entry (same transaction) → row. Returns the act id. */
async function appendAct(db: Db, ledger: LedgerService, ctx: Ctx, c: { id: string; agency_id: string }, seq: number, act: {
  type: ActType; occurredAt: Date; endedAt: Date | null; place: string | null; officers: OfficerCheck[]; partyPresent: string | null;
  certificateShown: boolean | null; rightsTold: boolean | null; content: Record<string, unknown>;
  media: { evidenceId: string; sha256: string }[]; avRequired: 'none' | 'av' | 'fullAv'; avExceptionId: string | null;
  corrects: repo.ActRow | null; correctionReason: string | null;
}): Promise<string> {
  const id = crypto.randomUUID();
  const recordedAt = new Date();
  const canonical = canonicalize({
    v: 1, id, caseId: c.id, agencyId: c.agency_id, seq, type: act.type,
    occurredAt: act.occurredAt.toISOString(), endedAt: act.endedAt?.toISOString() ?? null, place: act.place,
    officers: act.officers, partyPresent: act.partyPresent, certificateShown: act.certificateShown, rightsTold: act.rightsTold,
    content: act.content, media: act.media, avRequired: act.avRequired, avExceptionId: act.avExceptionId,
    corrects: act.corrects?.id ?? null, correctionReason: act.correctionReason,
    recordedBy: ctx.actor.username, recordedAt: recordedAt.toISOString(),
  })!;
  const contentHash = ledger.contentHash(canonical);
  const [entry] = await ledger.append(db, [{
    kind: 'case.act', subject: id, contentHash, agencyId: c.agency_id, actor: ctx.actor.username,
    correctsRef: act.corrects ? Number(act.corrects.ledger_ref) : null,
  }]);
  await repo.insertAct(db, {
    id, case_id: c.id, agency_id: c.agency_id, seq, type: act.type, occurred_at: act.occurredAt, ended_at: act.endedAt, place: act.place,
    officers: JSON.stringify(act.officers), party_present: act.partyPresent, certificate_shown: act.certificateShown, rights_told: act.rightsTold,
    content: JSON.stringify(act.content), media: JSON.stringify(act.media),
    av_required: act.avRequired, av_exception_id: act.avExceptionId, corrects: act.corrects?.id ?? null, correction_reason: act.correctionReason,
    recorded_by: ctx.actor.userId, recorded_by_name: ctx.actor.displayName, recorded_at: recordedAt, canonical, content_hash: contentHash,
    ledger_ref: entry!.ref,
  });
  return id;
}

// ---- registering a case --------------------------------------------------------------------------------------------

export async function openCase(ctx: Ctx, deps: CaseDeps, input: OpenCaseInput) {
  const agencyId = input.agencyId ?? ctx.actor.agencyId;
  if (!agencyId) throw new AppError('BAD_REQUEST', '请指定所属执法部门（agencyId）');
  assertMayRegister(ctx.actor, agencyId);
  const id = await inTransaction(ctx.db, async (db) => {
    const agency = await registryRepo.findAgency(db, agencyId);
    if (!agency) throw notFound('执法部门');
    const handlerIds = [...new Set(input.handlerIds?.length ? input.handlerIds : [ctx.actor.userId])];
    const handlers = await repo.handlersOf(db, agencyId, handlerIds);
    for (const h of handlerIds) {
      const u = handlers.find((x) => x.id === h);
      if (!u || u.disabled || !HANDLER_ROLES.some((r) => u.roles.includes(r))) invalid('handlerIds', '承办人须为本部门在职的执法人员');
    }
    if (input.itemRecordId) {
      const item = await db.selectFrom('registry_published').select('kind').where('record_id', '=', input.itemRecordId).where('agency_id', '=', agencyId).executeTakeFirst();
      if (!item || item.kind !== 'enforcementItem') throw notFound('行政执法事项（须为本部门已公示的事项）');
    }
    const now = new Date();
    const year = Number(shanghaiDate(now).slice(0, 4));
    const n = await repo.nextNumber(db, agencyId, 'case', year);
    const number = formatDocumentNumber(await repo.numberingPrefix(db, agencyId), '立', year, n);
    const emergency = input.origin === 'emergency';
    const caseId = crypto.randomUUID();
    const stage: Stage = emergency ? 'investigation' : 'opening';
    await repo.insertCase(db, {
      id: caseId, agency_id: agencyId, division_code: agency.divisionCode, number, act_category: input.actCategory, origin: input.origin,
      cause: input.cause, field: input.field, item_record_id: input.itemRecordId ?? null, party: JSON.stringify(input.party),
      summary: input.summary ?? null, major: input.major ?? false, classification: input.classification ?? 'normal', handler_ids: handlerIds, created_by: ctx.actor.userId, stage,
      opened_at: emergency ? now : null, opening_due_at: emergency ? new Date(now.getTime() + EMERGENCY_APPROVAL_HOURS * 3600_000) : null,
      decision_due: emergency && input.actCategory === 'penalty' ? addDays(shanghaiDate(now), PENALTY_DECISION_DAYS) : null,
      act_count: 1,
    });
    await appendAct(db, deps.ledger, ctx, { id: caseId, agency_id: agencyId }, 1, {
      type: 'registration', occurredAt: now, endedAt: null, place: null, officers: [], partyPresent: null, certificateShown: null, rightsTold: null,
      content: {
        number, actCategory: input.actCategory, origin: input.origin, cause: input.cause, field: input.field, itemRecordId: input.itemRecordId ?? null,
        party: input.party, summary: input.summary ?? null, major: input.major ?? false, classification: input.classification ?? 'normal', handlerIds,
      },
      media: [], avRequired: 'none', avExceptionId: null, corrects: null, correctionReason: null,
    });
    await writeAudit(db, { action: 'case.open', actor: ctx.actor, ip: ctx.ip, agencyId, subject: caseId, details: { number, origin: input.origin } });
    return caseId;
  });
  return getCase(ctx, deps.ledger, id, deps.policies);
}

// ---- recording an act ----------------------------------------------------------------------------------------------

/** The acts in force: each act replaced by its latest correction (keeping the original's position). */
export function effectiveActs(rows: repo.ActRow[]): repo.ActRow[] {
  const latest = new Map<string, repo.ActRow>();
  const root = new Map<string, string>();
  for (const r of rows) {
    const origin = r.corrects ? (root.get(r.corrects) ?? r.corrects) : r.id;
    root.set(r.id, origin);
    latest.set(origin, r);
  }
  return rows.filter((r) => !r.corrects).map((r) => latest.get(r.id)!);
}

/**
 * The draft decision in force: the latest original draft decision, as corrected (0009's gate reads it the same way).
 * A correction of an older, replaced draft does not bring it back into force.
 */
export function currentDraft(rows: repo.ActRow[]): repo.ActRow | null {
  let cur = rows.filter((r) => r.type === 'draftDecision' && !r.corrects).at(-1) ?? null;
  for (let next = cur; next; next = rows.find((r) => r.corrects === cur!.id) ?? null) cur = next;
  return cur;
}

/** The case's latest legal review as the decision gate sees it (000 §25). */
async function reviewFacts(db: Db, caseId: string, rows: repo.ActRow[]): Promise<CaseFacts['review']> {
  const r = await repo.latestReview(db, caseId);
  return r ? { state: r.state, draftCurrent: r.draft_act_id === currentDraft(rows)?.id } : null;
}

/** Is the case major? Flagged so at registration, or its draft decision in force is by the catalogue (SPEC §4.2). */
export function isMajor(rows: repo.ActRow[]): boolean {
  const registered = rows.find((r) => r.type === 'registration')?.content.major === true;
  const draft = currentDraft(rows)?.content.classification as { major?: boolean } | undefined;
  return registered || draft?.major === true;
}

export async function recordAct(ctx: Ctx, deps: CaseDeps, caseId: string, input: RecordActInput) {
  const type = input.type;
  const actId = await inTransaction(ctx.db, async (db) => {
    const c = await repo.findCase(db, caseId, true); // the row lock serialises acts of one case (seq, stage)
    if (!c) throw notFound('案件');
    assertMayRecord(ctx.actor, refOf(c), type);
    if (type === 'registration') throw new AppError('STAGE_FORBIDS', '案件登记在登记案件时自动记录，不能另行记录');

    if ((ACT_TYPES[type] as { system?: boolean }).system)
      throw new AppError('STAGE_FORBIDS', `“${ACT_TYPES[type].label}”由法制审核流程生成，不能另行记录或更正`);

    // Server-assigned keys (文号, the type of a served document, a draft's classification) are never taken from the
    // client: a correction form prefilled from the original sends them back unchanged.
    const { documentNumber: _number, documentType: _served, classification: _classified, ...submitted } = input.content;
    const parsed = ACT_CONTENT[type].safeParse(submitted);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: ['content', ...i.path].join('.'), message: i.message, code: i.code }));
      throw new AppError('VALIDATION_FAILED', `${ACT_TYPES[type].label}内容有误：${issues.map((i) => `${i.path} ${i.message}`).join('；')}`, { issues });
    }
    const content: Record<string, unknown> = { ...parsed.data };
    const rows = await repo.actsOf(db, caseId);
    const draft = currentDraft(rows);
    // an approval (opening, the decision's signature, conclusion — and their corrections) is given by a head who took
    // no part in the case and did not write the draft it approves (000 §25-§32; 002 记录办法 §8; 行政处罚法 §57)
    let substitute = false;
    if (type === 'opening' || type === 'decision' || type === 'conclusion') {
      const authors = type === 'decision' && draft ? [draft.recorded_by] : [];
      substitute = assertApproval(ctx.actor, type, await approvalFacts(db, deps.policies, c, rows), authors).substitute;
    }
    // which catalogue rule makes a draft (or the decision itself) major, or that none does (SPEC §4.2)
    const classifyContent = async (majorFacts: unknown) => {
      const { policyId, catalogue } = await catalogueFor(db, deps.policies, { id: c.agency_id, divisionCode: c.division_code });
      return {
        ...classifyDraft(catalogue, {
          actCategory: c.act_category as ActCategory, partyType: c.party.kind === 'person' ? 'individual' : 'organisation',
          fineFen: content.fineFen as number | undefined, majorFacts: majorFacts as DraftFacts['majorFacts'],
        }),
        policyId,
      };
    };
    if (type === 'draftDecision') content.classification = await classifyContent(content.majorFacts);
    const acts = effectiveActs(rows);
    const facts: CaseFacts = {
      stage: c.stage as Stage, actCategory: c.act_category as ActCategory, origin: c.origin, major: c.major,
      review: await reviewFacts(db, caseId, rows),
      acts: acts.map((a) => ({ id: a.corrects ? rootOf(rows, a) : a.id, type: a.type as ActType, content: a.content })),
    };
    // a decision is major when the case is, or when its own content is by the catalogue (a decision larger than the
    // draft that escaped review); in a major case it carries the reviewed draft's fine (000 §25)
    if (type === 'decision') {
      facts.major = c.major || (await classifyContent(draft?.content.majorFacts)).major;
      if (facts.major) {
        const refusal = reviewGate(facts.review);
        if (refusal && input.corrects) throw new AppError(refusal.code, refusal.message, { caseId, stage: c.stage });
        if (!refusal && (content.fineFen ?? null) !== (draft?.content.fineFen ?? null))
          throw new AppError('REVIEW_OUTDATED', '决定的罚款数额与经法制审核的拟处理决定不一致：请按审核通过的拟处理决定作出，或修改拟处理决定后重新提请审核（000 第二十五条）', { caseId });
      }
    }

    let corrects: repo.ActRow | null = null;
    if (input.corrects) {
      corrects = rows.find((r) => r.id === input.corrects) ?? null;
      if (!corrects) throw notFound('被更正的记录');
      if (corrects.type !== type) invalid('type', `更正记录的类型须与原记录相同（${ACT_TYPES[corrects.type as ActType].label}）`);
      if (rows.some((r) => r.corrects === corrects!.id)) throw new AppError('CONFLICT', '该记录已被更正，请更正最新的一条');
      if (!input.correctionReason) invalid('correctionReason', '更正须写明理由');
      if (type === 'archive') throw new AppError('STAGE_FORBIDS', `“${ACT_TYPES[type].label}”不能更正`);
      // A decision served on the party is not corrected in the record: changing it is revoking or changing the decision
      // (行政处罚法 §48 ¶2, 000 §13) — recorded as the remedy outcome, its publication withdrawn and the change published.
      if (type === 'decision' && decisionServed(rows, rootOf(rows, corrects)) && !sameDecision(corrects, content, input.occurredAt))
        throw new AppError('DECISION_SERVED', '决定书已送达当事人，不能再更正其内容：决定确有错误的，应依法撤销或变更，并记录“复议、诉讼结果”（撤销、变更等），原公示信息随即撤下并公示变更说明（000 第十三条；行政处罚法第四十八条）', { caseId, actId: corrects.id });
    } else {
      if (input.correctionReason) invalid('correctionReason', '只有更正记录才填写更正理由');
      if (type === 'opening' && c.stage === 'opening' && content.approved === false && c.origin === 'complaint' && !content.replyToComplainant)
        invalid('content.replyToComplainant', '投诉举报不予立案的，应告知投诉举报人不予立案的理由');
      const refusal = checkTransition(facts, type, content);
      if (refusal) throw new AppError(refusal.code, refusal.message, { caseId, stage: c.stage });
    }

    if (type === 'service') {
      const doc = facts.acts.find((a) => a.id === content.documentActId);
      if (!doc || !SERVED_TYPES.includes(doc.type)) throw notFound('送达的文书（须为本案的事先告知书或决定书）');
      content.documentType = doc.type;
    }

    // 文号: a numbered document gets the agency's next number in its series; a correction keeps the original's.
    const series = documentSeries(type, { actCategory: c.act_category as ActCategory });
    if (series) {
      if (corrects) content.documentNumber = corrects.content.documentNumber;
      else {
        const year = Number(shanghaiDate().slice(0, 4));
        content.documentNumber = formatDocumentNumber(await repo.numberingPrefix(db, c.agency_id), series, year, await repo.nextNumber(db, c.agency_id, series, year));
      }
    }

    const occurredAt = new Date(input.occurredAt);
    const endedAt = input.endedAt ? new Date(input.endedAt) : null;
    if (endedAt && endedAt < occurredAt) invalid('endedAt', '结束时间不能早于开始时间');
    if (occurredAt.getTime() > Date.now() + 5 * 60_000) invalid('occurredAt', '不能记录尚未发生的执法行为（开始时间晚于当前时间）');
    const day = shanghaiDate(occurredAt);

    // officers: two with valid certificates covering the case's field for acts done with the party (000 §16)
    const numbers = [...new Set(input.officers)];
    if (numbers.length !== input.officers.length) invalid('officers', '执法人员重复');
    const field = isFieldAct(type, content);
    if (field && numbers.length < 2)
      throw new AppError('OFFICERS_REQUIRED', `“${ACT_TYPES[type].label}”须有两名以上持有效执法证件的执法人员在场（000 §16）`, { officers: numbers });
    if (field && input.certificateShown === undefined) invalid('certificateShown', '请记录是否出示了执法证件（000 §9）');
    const records = await repo.publishedOfficers(db, c.agency_id, numbers);
    const checks = numbers.map((n) => checkOfficer(n, records.get(n), day, c.field));
    const failed = checks.filter((k) => !k.ok);
    if (failed.length)
      throw new AppError('CERTIFICATE_INVALID', `执法证件不符合要求：${failed.map(describeCheck).join('；')}`, { checks });

    // AV: the agency's AV-recording list (or 000 §17's defaults) decides; a missing or partial recording needs the
    // agency head's approved written explanation (000 §19; 003 记录办法 §20(二)).
    const avRequired = avRequirement(type, content, c.act_category as ActCategory, await repo.avItems(db, c.agency_id));
    const mediaIds = [...new Set(input.media)];
    const media = await repo.evidenceOf(db, c.agency_id, mediaIds);
    if (media.length !== mediaIds.length) throw notFound('音像记录（证据文件）');
    for (const m of media) {
      // Linking a file puts it in this case's record, readable by everyone who reads the case: it needs the right to
      // copy the file (one's own upload, or a file of a case one may copy), never less (000 §24; 003 记录办法 §21).
      await assertEvidenceAccess(db, ctx.actor, { id: m.id, agency_id: c.agency_id, division_code: c.division_code, uploaded_by: m.uploaded_by }, 'copy');
      if (!recordingFitsAct(m, occurredAt, endedAt))
        invalid('media', `音像记录“${m.file_name}”的录制时间与本次执法行为的时间不符：只能关联记录本次执法行为的音像记录（000 §19）`);
    }
    let exceptionId: string | null = null;
    if (input.avExceptionId) {
      const e = await repo.findAvException(db, input.avExceptionId);
      if (!e || e.case_id !== caseId) throw notFound('未音像记录说明');
      if (e.act_type !== type) invalid('avExceptionId', '该说明针对的是另一类执法行为');
      if (e.approved !== true) throw new AppError('AV_REQUIRED', e.approved === false ? '该未音像记录说明未获批准' : '该未音像记录说明尚待部门负责人批准');
      const used = rows.find((r) => r.av_exception_id === e.id && !r.corrects);
      if (used && used.id !== corrects?.id && rootOf(rows, used) !== (corrects ? rootOf(rows, corrects) : null))
        throw new AppError('CONFLICT', '该说明已用于另一条记录');
      exceptionId = e.id;
    }
    if (avRequired !== 'none' && !exceptionId) {
      if (!media.length)
        throw new AppError('AV_REQUIRED', `“${ACT_TYPES[type].label}”须进行${avRequired === 'fullAv' ? '全过程' : ''}音像记录：请关联音像记录，或提交经部门负责人批准的书面说明（000 §17、§19）`, { avRequired });
      if (avRequired === 'fullAv') {
        const end = endedAt ?? occurredAt;
        const covered = media.some((m) => m.recording_start && m.recording_end && m.recording_start <= occurredAt && m.recording_end >= end);
        if (!covered)
          throw new AppError('AV_INCOMPLETE', '全过程音像记录须覆盖执法行为的开始至结束；记录不完整的，须提交经部门负责人批准的书面说明（003 记录办法 §20(二)）', { avRequired });
      }
    }

    const seq = c.act_count + 1;
    const id = await appendAct(db, deps.ledger, ctx, c, seq, {
      type, occurredAt, endedAt, place: input.place ?? null, officers: checks, partyPresent: input.partyPresent ?? null,
      certificateShown: input.certificateShown ?? null, rightsTold: input.rightsTold ?? (type === 'rightsNotice' ? true : null), content,
      media: media.map((m) => ({ evidenceId: m.id, sha256: m.sha256 })), avRequired, avExceptionId: exceptionId,
      corrects, correctionReason: input.correctionReason ?? null,
    });
    await repo.updateProjection(db, caseId, await projection(db, deps, c, corrects ? c.stage as Stage : stageAfter(c.stage as Stage, type, content), type, content, corrects, seq));
    // the decision's disclosure record, with its publication deadline: entered once, here (SPEC §2.3)
    if (type === 'decision' && !corrects) {
      const notice = acts.filter((a) => a.type === 'rightsNotice').at(-1);
      await createForDecision(db, deps, {
        caseId, agencyId: c.agency_id, divisionCode: c.division_code, actCategory: c.act_category, cause: c.cause, summary: c.summary, party: c.party,
        decisionActId: id, decidedAt: occurredAt, content: { ...content }, facts: notice ? String(notice.content.facts ?? '') || null : null,
      });
    }
    // a decision corrected before service: its disclosure record follows, through the editor again (SPEC §2.3)
    if (type === 'decision' && corrects) {
      const notice = acts.filter((a) => a.type === 'rightsNotice').at(-1);
      await onDecisionCorrected(db, deps, ctx.actor, {
        caseId, agencyId: c.agency_id, divisionCode: c.division_code, actCategory: c.act_category, cause: c.cause, summary: c.summary, party: c.party,
        decisionActId: id, decidedAt: occurredAt, content: { ...content }, facts: notice ? String(notice.content.facts ?? '') || null : null,
        correctsActId: corrects.id, reason: input.correctionReason!,
      });
    }
    // a reconsideration or lawsuit that overturns the decision takes its publication off the portal (000 §13)
    if (type === 'remedyOutcome' && !corrects) await onRemedyOutcome(db, deps, ctx.actor, caseId, id, content as unknown as RemedyOutcome);
    await writeAudit(db, { action: corrects ? 'case.act.correct' : 'case.act', actor: ctx.actor, ip: ctx.ip, agencyId: c.agency_id, subject: id, details: { caseId, type, seq, corrects: corrects?.id ?? null, ...(substitute ? { substitute: true } : {}) } });
    return id;
  });
  const detail = await getCase(ctx, deps.ledger, caseId, deps.policies);
  return detail.acts.find((a) => a.id === actId)!;
}

/**
 * Append an act written by the legal review workflow (submission, opinion, head's decision) inside the caller's
 * transaction: the case row is locked, the act gets the next number, goes to the ledger and into the case file.
 * `major` marks the case as needing review (a submission makes the decision wait for it, 002 审核办法 §4).
 */
export async function appendWorkflowAct(db: Db, deps: CaseDeps, ctx: Ctx, caseId: string, type: 'reviewSubmission' | 'reviewOpinion' | 'reviewHeadDecision', content: Record<string, unknown>, major?: boolean) {
  const c = await repo.findCase(db, caseId, true);
  if (!c) throw notFound('案件');
  // a review belongs before the decision: a case concluded meanwhile (不予处罚、撤销、移送) takes no more review acts
  if (c.stage !== 'investigation' && c.stage !== 'decision')
    throw new AppError('STAGE_FORBIDS', `案件处于“${STAGE_LABELS[c.stage as Stage]}”阶段，法制审核已无从进行`, { stage: c.stage });
  const parsed = ACT_CONTENT[type].parse(content);
  const series = documentSeries(type, { actCategory: c.act_category as ActCategory });
  const numbered: Record<string, unknown> = { ...parsed };
  if (series) {
    const year = Number(shanghaiDate().slice(0, 4));
    numbered.documentNumber = formatDocumentNumber(await repo.numberingPrefix(db, c.agency_id), series, year, await repo.nextNumber(db, c.agency_id, series, year));
  }
  const seq = c.act_count + 1;
  const id = await appendAct(db, deps.ledger, ctx, c, seq, {
    type, occurredAt: new Date(), endedAt: null, place: null, officers: [], partyPresent: null, certificateShown: null, rightsTold: null,
    content: numbered, media: [], avRequired: 'none', avExceptionId: null, corrects: null, correctionReason: null,
  });
  await repo.updateProjection(db, caseId, { stage: c.stage, act_count: seq, ...(major ? { major: true } : {}) });
  await writeAudit(db, { action: 'case.act', actor: ctx.actor, ip: ctx.ip, agencyId: c.agency_id, subject: id, details: { caseId, type, seq } });
  return { id, seq, documentNumber: (numbered.documentNumber as string | undefined) ?? null };
}

/** Has the decision (its original act `rootId`) been served? A service act in force names it (002 记录办法 §28). */
function decisionServed(rows: repo.ActRow[], rootId: string): boolean {
  return effectiveActs(rows).some((a) => a.type === 'service' && a.content.documentActId === rootId);
}

/** A correction that leaves the decision as served: the same text, basis, fine, remedy and date (only the record's place or time). */
function sameDecision(prev: repo.ActRow, content: Record<string, unknown>, occurredAt: string): boolean {
  const keys = ['decision', 'basis', 'fineFen', 'remedy'];
  return keys.every((k) => (prev.content[k] ?? null) === (content[k] ?? null)) && shanghaiDate(prev.occurred_at) === shanghaiDate(new Date(occurredAt));
}

function rootOf(rows: repo.ActRow[], act: repo.ActRow): string {
  let r = act;
  while (r.corrects) r = rows.find((x) => x.id === r.corrects)!;
  return r.id;
}

async function projection(db: Db, deps: CaseDeps, c: repo.CaseRow, stage: Stage, type: ActType, content: Record<string, unknown>, corrects: repo.ActRow | null, seq: number) {
  const now = new Date();
  const p: Parameters<typeof repo.updateProjection>[2] = { stage, act_count: seq };
  // the draft decision in force decides (with the registration flag) whether the decision must wait for legal review
  // (once major, always: a submission or a major draft keeps the decision waiting for review, 002 审核办法 §4)
  if (type === 'draftDecision') p.major = c.major || isMajor(await repo.actsOf(db, c.id));
  // a recorded reconsideration, lawsuit, complaint… makes the records permanent; a correction cannot undo it
  if (type === 'remedy' && !c.retention_permanent) p.retention_permanent = String(content.event);
  if (type === 'remedyOutcome' && !c.retention_permanent) p.retention_permanent = String(content.proceeding === 'lawsuit' ? 'lawsuit' : 'reconsideration');
  if (corrects) return p;
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

// ---- numbering (文号) --------------------------------------------------------------------------------------------------

const numberingView = (prefix: string) => ({ prefix, example: formatDocumentNumber(prefix, '罚决', Number(shanghaiDate().slice(0, 4)), 1) });

export async function numberingOf(ctx: Ctx, agencyId: string) {
  if (ctx.actor.agencyId !== agencyId && !hasRole(ctx.actor, 'administrator')) throw notFound('执法部门');
  if (!(await registryRepo.findAgency(ctx.db, agencyId))) throw notFound('执法部门');
  return numberingView(await repo.numberingPrefix(ctx.db, agencyId));
}

/** The agency's 机关代字 for new numbers (numbers already issued keep theirs: they are part of the recorded acts). */
export async function setNumbering(ctx: Ctx, agencyId: string, prefix: string) {
  const own = ctx.actor.agencyId === agencyId && hasRole(ctx.actor, 'agencyHead');
  if (!own && !hasRole(ctx.actor, 'administrator'))
    throw new AppError('FORBIDDEN', '文号的机关代字由部门负责人或系统管理员设置', { requiredRoles: ['agencyHead', 'administrator'] });
  return inTransaction(ctx.db, async (db) => {
    if (!(await registryRepo.findAgency(db, agencyId))) throw notFound('执法部门');
    await repo.setNumberingPrefix(db, agencyId, prefix, ctx.actor.userId);
    await writeAudit(db, { action: 'agency.numbering', actor: ctx.actor, ip: ctx.ip, agencyId, subject: agencyId, details: { prefix } });
    return numberingView(prefix);
  });
}

// ---- reading -------------------------------------------------------------------------------------------------------

export function caseSummary(c: repo.CaseRow) {
  return {
    id: c.id, agencyId: c.agency_id, agencyName: c.agency_name, divisionCode: c.division_code, number: c.number,
    actCategory: c.act_category as ActCategory, origin: c.origin, cause: c.cause, field: c.field, partyName: String(c.party.name),
    major: c.major, classification: c.classification, stage: c.stage as Stage, actCount: c.act_count, createdAt: iso(c.created_at)!, updatedAt: iso(c.updated_at)!,
    openedAt: iso(c.opened_at), decisionDue: c.decision_due, archiveDue: c.archive_due, openingDueAt: iso(c.opening_due_at),
  };
}

/**
 * Act types the actor could record now (the UI's menu), and the approvals the stage allows but the actor may not
 * give, with the reason (the UI shows them disabled, saying why); the server checks again when one is recorded.
 */
function nextActs(c: repo.CaseRow, facts: CaseFacts, actor: Ctx['actor'], approvals: ApprovalFacts | null, draftAuthor: string | null) {
  const next: ActType[] = [];
  const blocked: { type: ActType; reason: string }[] = [];
  if (actor.agencyId !== c.agency_id) return { next, blocked };
  for (const t of ACT_TYPE_IDS) {
    if (t === 'registration') continue;
    const approval = APPROVER_ROLES[t] ? (t as 'opening' | 'decision' | 'conclusion') : null;
    if (!approval && !(hasRole(actor, 'unitHead', 'agencyHead') || c.handler_ids.includes(actor.userId))) continue;
    const allowed = checkTransition(facts, t, t === 'conclusion' ? { outcome: c.stage === 'execution' ? 'executed' : 'noPenalty' } : {}) === null
      || (t === 'decision' && (ACT_TYPES.decision.stages as readonly string[]).includes(c.stage));
    if (!allowed) continue;
    if (!approval) { next.push(t); continue; }
    if (!approvals) continue;
    const v = approvalVerdict(actor, approval, approvals, approval === 'decision' && draftAuthor ? [draftAuthor] : []);
    if (v.ok) next.push(t);
    else if (v.code === 'APPROVER_NOT_SEPARATE') blocked.push({ type: t, reason: v.message });
  }
  return { next, blocked };
}

/** A case as its reader sees it, the view logged (SPEC §3.5: every view of the records is logged). */
export async function viewCase(ctx: Ctx, ledger: LedgerService, id: string, policies?: PolicyService) {
  const detail = await getCase(ctx, ledger, id, policies);
  await writeAudit(ctx.db, { action: 'case.view', actor: ctx.actor, ip: ctx.ip, agencyId: detail.agencyId, subject: id, details: { number: detail.number } });
  return detail;
}

/**
 * The document an act prints as (制式文书). Viewing it is logged as a view; `download` (the .docx) needs copy access
 * (an approved copy request for anyone outside the handling team) and is logged as a download.
 */
export async function documentOf(ctx: Ctx, ledger: LedgerService, caseId: string, actId: string, purpose: 'view' | 'download') {
  const detail = await getCase(ctx, ledger, caseId);
  const act = detail.acts.find((a) => a.id === actId);
  if (!act) throw notFound('执法行为记录');
  if (purpose === 'download') await assertCaseAccess(ctx.db, ctx.actor, (await repo.findCase(ctx.db, caseId))!, 'copy');
  const doc = renderDocument(detail, act);
  await writeAudit(ctx.db, {
    action: purpose === 'view' ? 'case.document.view' : 'case.document.download', actor: ctx.actor, ip: ctx.ip, agencyId: detail.agencyId, subject: caseId,
    details: { actId, title: doc.title, number: doc.number },
  });
  return doc;
}

/**
 * A case with all its acts (not logged as a view: for answers to the actor's own writes). With `policies`, the
 * actions the reader may take (next acts, approvals) are worked out too.
 */
export async function getCase(ctx: Ctx, ledger: LedgerService, id: string, policies?: PolicyService) {
  const c = await repo.findCase(ctx.db, id);
  if (!c) throw notFound('案件');
  const access = await accessOf(ctx.db, ctx.actor, c);
  await assertCaseAccess(ctx.db, ctx.actor, c, 'view');
  const rows = await repo.actsOf(ctx.db, id);
  const located = await ledger.locate(ctx.db, rows.map((r) => Number(r.ledger_ref)));
  const evidenceIds = rows.flatMap((r) => (r.media as { evidenceId: string }[]).map((m) => m.evidenceId));
  const evidence = new Map((await repo.evidenceOf(ctx.db, c.agency_id, [...new Set(evidenceIds)])).map((e) => [e.id, e]));
  const correctedBy = new Map(rows.filter((r) => r.corrects).map((r) => [r.corrects!, r.id]));
  const handlers = await repo.handlersOf(ctx.db, c.agency_id, c.handler_ids);
  const exceptions = await repo.avExceptionsOf(ctx.db, id);
  const destruction = await repo.latestDestruction(ctx.db, id);
  const destroyed = await repo.destroyedEvidence(ctx.db, [...new Set(evidenceIds)]);
  const effective = effectiveActs(rows);
  // who may approve what: only worked out for the agency's heads, the only ones who approve
  const approvals = policies && ctx.actor.agencyId === c.agency_id && hasRole(ctx.actor, 'unitHead', 'agencyHead') ? await approvalFacts(ctx.db, policies, c, rows) : null;
  const facts: CaseFacts = {
    stage: c.stage as Stage, actCategory: c.act_category as ActCategory, origin: c.origin, major: c.major, review: await reviewFacts(ctx.db, id, rows),
    acts: effective.map((a) => ({ id: rootOf(rows, a), type: a.type as ActType, content: a.content })),
  };
  return {
    ...caseSummary(c),
    party: c.party, summary: c.summary, itemRecordId: c.item_record_id,
    handlers: c.handler_ids.map((h) => ({ id: h, name: handlers.find((u) => u.id === h)?.display_name ?? '（已删除）' })),
    decidedAt: iso(c.decided_at), concludedAt: iso(c.concluded_at), archivedAt: iso(c.archived_at),
    acts: rows.map((r) => ({
      id: r.id, seq: r.seq, type: r.type as ActType, occurredAt: iso(r.occurred_at)!, endedAt: iso(r.ended_at), place: r.place,
      officers: r.officers as OfficerCheck[], partyPresent: r.party_present, certificateShown: r.certificate_shown, rightsTold: r.rights_told, content: r.content,
      media: (r.media as { evidenceId: string }[]).map((m) => {
        const e = evidence.get(m.evidenceId);
        return {
          evidenceId: m.evidenceId, fileName: e?.file_name ?? '', sha256: e?.sha256 ?? '', size: Number(e?.size ?? 0),
          recordingStart: iso(e?.recording_start ?? null), recordingEnd: iso(e?.recording_end ?? null), late: e?.late ?? false,
          destroyed: destroyed.has(m.evidenceId),
        };
      }),
      avRequired: r.av_required, avExceptionId: r.av_exception_id, corrects: r.corrects, correctionReason: r.correction_reason,
      correctedBy: correctedBy.get(r.id) ?? null, recordedBy: r.recorded_by_name, recordedAt: iso(r.recorded_at)!, contentHash: r.content_hash,
      ledgerSeq: located.get(Number(r.ledger_ref))?.seq ?? null,
    })),
    avExceptions: exceptions.map((e) => ({
      id: e.id, actType: e.act_type as ActType, reason: e.reason, requestedBy: e.requested_by_name, requestedAt: iso(e.requested_at)!,
      decision: e.approved === null ? null : { approved: e.approved, comment: e.comment, decidedBy: e.decided_by_name!, decidedAt: iso(e.decided_at)! },
      usedBy: e.used_by ?? null,
      // may the reader decide it now, or why not (the UI shows the buttons disabled with this reason)
      ...(e.approved === null && approvals ? (({ ok, message }) => ({ mayDecide: ok, decideBlocked: message }))(avExceptionVerdict(ctx.actor, approvals, e.requested_by)) : { mayDecide: false, decideBlocked: null }),
    })),
    ...(({ next, blocked }) => ({ next, blockedActs: blocked }))(nextActs(c, facts, ctx.actor, approvals, currentDraft(rows)?.recorded_by ?? null)),
    access: access ?? 'view',
    retention: {
      until: c.retention_until, permanent: c.retention_permanent, destroyedAt: iso(c.destroyed_at),
      destruction: destruction ? {
        id: destruction.id, reason: destruction.reason, requestedBy: destruction.requested_by_name, requestedAt: iso(destruction.requested_at)!,
        decision: destruction.approved === null ? null : { approved: destruction.approved, comment: destruction.comment, decidedBy: destruction.decided_by_name!, decidedAt: iso(destruction.decided_at)! },
      } : null,
    },
  };
}

export async function listCases(ctx: Ctx, f: Omit<repo.CaseFilter, 'handler'> & { mine?: boolean }) {
  // Without agency-wide access (heads, custodian, reviewers, supervisors) the list holds one's own cases and those
  // opened by an approved access request — a summary names the party, so it is a view too.
  const onlyMine = f.mine || !hasRole(ctx.actor, 'unitHead', 'agencyHead', 'recordsCustodian', 'reviewer', 'supervisor', 'administrator');
  // classified cases appear only to whoever may read them directly (or by request)
  const classifiedToo = hasRole(ctx.actor, 'unitHead', 'agencyHead', 'supervisor', 'administrator');
  const { rows, total } = await repo.listCases(ctx.db, ctx.actor, { ...f, handler: onlyMine ? ctx.actor.userId : undefined, classifiedFor: classifiedToo ? undefined : ctx.actor.userId });
  return { total, items: rows.map(caseSummary) };
}
