// Case handling (SPEC §3): registering a case, reading it (with what the reader may do next), numbering, listing.
// Recording an act is record-act.ts; the append-only act stream itself (ledger, projection, events) is case.file.ts.
import { AppError, notFound } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit.ts';
import { caseActions } from './case.policy.ts';
import { retentionFacts } from './case.retention.ts';
import { hasRole } from '../../platform/access.ts';
import { inTransaction, type Ctx } from '../../platform/context.ts';
import { shanghaiDate } from '../../platform/calendar/calendar.dates.ts';
import type { PolicyService } from '../../platform/policy/policy.service.ts';
import type { CalendarService } from '../../platform/calendar/calendar.service.ts';
import type { LedgerService } from '../ledger/ledger.service.ts';
import * as registryRepo from '../registry/registry.repo.ts';
import * as recordRepo from '../registry/record.repo.ts';
import * as repo from './case.repo.ts';
import {
  ACT_TYPES,
  ACT_TYPE_IDS,
  EMERGENCY_APPROVAL_HOURS,
  PENALTY_DECISION_DAYS,
  addDays,
  checkTransition,
  type ActCategory,
  type ActType,
  type CaseFacts,
  type OfficerCheck,
  type Stage,
} from './case.rules.ts';
import type { z } from 'zod';
import { APPROVER_ROLES, approvalVerdict, assertMayRegister, HANDLER_ROLES, type ApprovalFacts } from './case.policy.ts';
import { accessOf, assertCaseAccess } from './case.access.ts';
import { approvalFacts, avExceptionVerdict } from './case.approval.ts';
import { formatDocumentNumber, renderDocument } from './document.templates.ts';
import type { openCaseBody } from './case.schema.ts';
import { appendAct, caseFacts, currentDraft, type CaseFileDeps } from './case.file.ts';

export interface CaseDeps extends CaseFileDeps {
  ledger: LedgerService;
  policies: PolicyService;
  calendar: CalendarService;
}

type OpenCaseInput = z.input<typeof openCaseBody>;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
export const refOf = (c: repo.CaseRow) => ({
  agencyId: c.agency_id,
  divisionCode: c.division_code,
  handlerIds: c.handler_ids,
  classification: c.classification,
});

function invalid(path: string, message: string): never {
  throw new AppError('VALIDATION_FAILED', message, { issues: [{ path, message }] });
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
      if ((await recordRepo.publishedKindOf(db, agencyId, input.itemRecordId)) !== 'enforcementItem')
        throw notFound('行政执法事项（须为本部门已公示的事项）');
    }
    const now = new Date();
    const year = Number(shanghaiDate(now).slice(0, 4));
    const n = await repo.nextNumber(db, agencyId, 'case', year);
    const number = formatDocumentNumber(await repo.numberingPrefix(db, agencyId), '立', year, n);
    const emergency = input.origin === 'emergency';
    const caseId = crypto.randomUUID();
    const stage: Stage = emergency ? 'investigation' : 'opening';
    await repo.insertCase(db, {
      id: caseId,
      agency_id: agencyId,
      division_code: agency.divisionCode,
      number,
      act_category: input.actCategory,
      origin: input.origin,
      cause: input.cause,
      field: input.field,
      item_record_id: input.itemRecordId ?? null,
      party: JSON.stringify(input.party),
      summary: input.summary ?? null,
      major: input.major ?? false,
      classification: input.classification ?? 'normal',
      handler_ids: handlerIds,
      created_by: ctx.actor.userId,
      stage,
      opened_at: emergency ? now : null,
      opening_due_at: emergency ? new Date(now.getTime() + EMERGENCY_APPROVAL_HOURS * 3600_000) : null,
      decision_due: emergency && input.actCategory === 'penalty' ? addDays(shanghaiDate(now), PENALTY_DECISION_DAYS) : null,
      act_count: 1,
    });
    const registration = {
      number,
      actCategory: input.actCategory,
      origin: input.origin,
      cause: input.cause,
      field: input.field,
      itemRecordId: input.itemRecordId ?? null,
      party: input.party,
      summary: input.summary ?? null,
      major: input.major ?? false,
      classification: input.classification ?? 'normal',
      handlerIds,
    };
    await appendAct(db, deps, ctx, {
      case: {
        id: caseId,
        agency_id: agencyId,
        division_code: agency.divisionCode,
        number,
        act_category: input.actCategory,
        cause: input.cause,
        summary: input.summary ?? null,
        party: input.party as repo.CaseRow['party'],
        act_count: 0,
        stage,
      },
      act: { type: 'registration', occurredAt: now, content: registration },
      projection: null, // the case row was written with it
    });
    await writeAudit(db, {
      action: 'case.open',
      actor: ctx.actor,
      ip: ctx.ip,
      agencyId,
      subject: caseId,
      details: { number, origin: input.origin },
    });
    return caseId;
  });
  return getCase(ctx, deps.ledger, id, deps.policies);
}

// ---- numbering (文号) --------------------------------------------------------------------------------------------------

const numberingView = (prefix: string) => ({
  prefix,
  example: formatDocumentNumber(prefix, '罚决', Number(shanghaiDate().slice(0, 4)), 1),
});

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
    id: c.id,
    agencyId: c.agency_id,
    agencyName: c.agency_name,
    divisionCode: c.division_code,
    number: c.number,
    actCategory: c.act_category as ActCategory,
    origin: c.origin,
    cause: c.cause,
    field: c.field,
    partyName: String(c.party.name),
    major: c.major,
    classification: c.classification,
    stage: c.stage as Stage,
    actCount: c.act_count,
    createdAt: iso(c.created_at)!,
    updatedAt: iso(c.updated_at)!,
    openedAt: iso(c.opened_at),
    decisionDue: c.decision_due,
    archiveDue: c.archive_due,
    openingDueAt: iso(c.opening_due_at),
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
    const allowed =
      checkTransition(facts, t, t === 'conclusion' ? { outcome: c.stage === 'execution' ? 'executed' : 'noPenalty' } : {}) === null ||
      (t === 'decision' && (ACT_TYPES.decision.stages as readonly string[]).includes(c.stage));
    if (!allowed) continue;
    if (!approval) {
      next.push(t);
      continue;
    }
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
  await writeAudit(ctx.db, {
    action: 'case.view',
    actor: ctx.actor,
    ip: ctx.ip,
    agencyId: detail.agencyId,
    subject: id,
    details: { number: detail.number },
  });
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
    action: purpose === 'view' ? 'case.document.view' : 'case.document.download',
    actor: ctx.actor,
    ip: ctx.ip,
    agencyId: detail.agencyId,
    subject: caseId,
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
  const located = await ledger.locate(
    ctx.db,
    rows.map((r) => Number(r.ledger_ref)),
  );
  const evidenceIds = rows.flatMap((r) => (r.media as { evidenceId: string }[]).map((m) => m.evidenceId));
  const evidence = new Map((await repo.evidenceOf(ctx.db, c.agency_id, [...new Set(evidenceIds)])).map((e) => [e.id, e]));
  const correctedBy = new Map(rows.filter((r) => r.corrects).map((r) => [r.corrects!, r.id]));
  const handlers = await repo.handlersOf(ctx.db, c.agency_id, c.handler_ids);
  const exceptions = await repo.avExceptionsOf(ctx.db, id);
  const destruction = await repo.latestDestruction(ctx.db, id);
  const destroyed = await repo.destroyedEvidence(ctx.db, [...new Set(evidenceIds)]);
  // who may approve what: only worked out for the agency's heads, the only ones who approve
  const approvals =
    policies && ctx.actor.agencyId === c.agency_id && hasRole(ctx.actor, 'unitHead', 'agencyHead')
      ? await approvalFacts(ctx.db, policies, c, rows)
      : null;
  const facts = await caseFacts(ctx.db, c, rows);
  return {
    ...caseSummary(c),
    party: c.party,
    summary: c.summary,
    itemRecordId: c.item_record_id,
    handlers: c.handler_ids.map((h) => ({ id: h, name: handlers.find((u) => u.id === h)?.display_name ?? '（已删除）' })),
    decidedAt: iso(c.decided_at),
    concludedAt: iso(c.concluded_at),
    archivedAt: iso(c.archived_at),
    acts: rows.map((r) => ({
      id: r.id,
      seq: r.seq,
      type: r.type as ActType,
      occurredAt: iso(r.occurred_at)!,
      endedAt: iso(r.ended_at),
      place: r.place,
      officers: r.officers as OfficerCheck[],
      partyPresent: r.party_present,
      certificateShown: r.certificate_shown,
      rightsTold: r.rights_told,
      content: r.content,
      media: (r.media as { evidenceId: string }[]).map((m) => {
        const e = evidence.get(m.evidenceId);
        return {
          evidenceId: m.evidenceId,
          fileName: e?.file_name ?? '',
          sha256: e?.sha256 ?? '',
          size: Number(e?.size ?? 0),
          recordingStart: iso(e?.recording_start ?? null),
          recordingEnd: iso(e?.recording_end ?? null),
          late: e?.late ?? false,
          destroyed: destroyed.has(m.evidenceId),
        };
      }),
      avRequired: r.av_required,
      avExceptionId: r.av_exception_id,
      corrects: r.corrects,
      correctionReason: r.correction_reason,
      correctedBy: correctedBy.get(r.id) ?? null,
      recordedBy: r.recorded_by_name,
      recordedAt: iso(r.recorded_at)!,
      contentHash: r.content_hash,
      ledgerSeq: located.get(Number(r.ledger_ref))?.seq ?? null,
    })),
    avExceptions: exceptions.map((e) => ({
      id: e.id,
      actType: e.act_type as ActType,
      reason: e.reason,
      requestedBy: e.requested_by_name,
      requestedAt: iso(e.requested_at)!,
      decision:
        e.approved === null
          ? null
          : { approved: e.approved, comment: e.comment, decidedBy: e.decided_by_name!, decidedAt: iso(e.decided_at)! },
      usedBy: e.used_by ?? null,
      // may the reader decide it now, or why not (the UI shows the buttons disabled with this reason)
      ...(e.approved === null && approvals
        ? (({ ok, message }) => ({ mayDecide: ok, decideBlocked: message }))(avExceptionVerdict(ctx.actor, approvals, e.requested_by))
        : { mayDecide: false, decideBlocked: null }),
    })),
    ...(({ next, blocked }) => ({ next, blockedActs: blocked }))(
      nextActs(c, facts, ctx.actor, approvals, currentDraft(rows)?.recorded_by ?? null),
    ),
    access: access ?? 'view',
    actions: caseActions(ctx.actor, refOf(c), retentionFacts(c, destruction), shanghaiDate()),
    retention: {
      until: c.retention_until,
      permanent: c.retention_permanent,
      destroyedAt: iso(c.destroyed_at),
      destruction: destruction
        ? {
            id: destruction.id,
            reason: destruction.reason,
            requestedBy: destruction.requested_by_name,
            requestedAt: iso(destruction.requested_at)!,
            decision:
              destruction.approved === null
                ? null
                : {
                    approved: destruction.approved,
                    comment: destruction.comment,
                    decidedBy: destruction.decided_by_name!,
                    decidedAt: iso(destruction.decided_at)!,
                  },
          }
        : null,
    },
  };
}

export async function listCases(ctx: Ctx, f: Omit<repo.CaseFilter, 'handler'> & { mine?: boolean }) {
  // Without agency-wide access (heads, custodian, reviewers, supervisors) the list holds one's own cases and those
  // opened by an approved access request — a summary names the party, so it is a view too.
  const onlyMine = f.mine || !hasRole(ctx.actor, 'unitHead', 'agencyHead', 'recordsCustodian', 'reviewer', 'supervisor', 'administrator');
  // classified cases appear only to whoever may read them directly (or by request)
  const classifiedToo = hasRole(ctx.actor, 'unitHead', 'agencyHead', 'supervisor', 'administrator');
  const { rows, total } = await repo.listCases(ctx.db, ctx.actor, {
    ...f,
    handler: onlyMine ? ctx.actor.userId : undefined,
    classifiedFor: classifiedToo ? undefined : ctx.actor.userId,
  });
  return { total, items: rows.map(caseSummary) };
}
