// The steps of a disclosure record after the decision created it (SPEC §2.3): the editor's redaction (prepare), the
// second person's review and publication (002 公示办法 §30 未经审查不得发布), exclusion with its recorded reason and the
// head's approval to publish anyway (003 §8), withdrawal when a remedy outcome revokes the decision (000 §13;
// 002 §28) and the change notice (003 §14). Every step is an append-only event; publication, exclusion, approval,
// withdrawal and the change notice are also ledger entries.
import canonicalize from 'canonicalize';
import { AppError, notFound } from '../../platform/errors.ts';
import { inScope, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { inTransaction, type Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { shanghaiDate } from '../../platform/calendar/calendar.dates.ts';
import type { CalendarService } from '../../platform/calendar/calendar.service.ts';
import type { PolicyService } from '../../platform/policy/policy.service.ts';
import type { LedgerService } from '../ledger/ledger.service.ts';
import { searchTerms } from '../registry/record.kinds.ts';
import { OVERTURNING_OUTCOMES, REMEDY_OUTCOMES, REMEDY_PROCEEDINGS } from '../cases/case.rules.ts';
import * as repo from './disclosure.repo.ts';
import { assertEditor, assertMayApprove } from './disclosure.policy.ts';
import {
  EXCLUSION_REASONS,
  STATE_LABELS,
  exclusionOf,
  TEXT_FIELDS,
  proposal,
  takeDownOn,
  uncovered,
  workingDaysLate,
  type ExclusionReason,
  type PublishedRecord,
  type TextField,
} from './disclosure.rules.ts';
import { applyMasks, redact, type Finding } from './redaction.rules.ts';

export interface DisclosureDeps {
  ledger: LedgerService;
  policies: PolicyService;
  calendar: CalendarService;
}

const SYSTEM_NAME = '系统';

/** One step on a record: its row locked (404 outside the actor's scope). */
export async function step<T>(ctx: Ctx, id: string, run: (db: Db, d: repo.DisclosureRow) => Promise<T>): Promise<T> {
  return inTransaction(ctx.db, async (db) => {
    const d = await repo.findDisclosure(db, id, true);
    if (!d || !inScope(ctx.actor, { agencyId: d.agency_id, divisionCode: d.division_code })) throw notFound('公示记录');
    return run(db, d);
  });
}

function assertState(d: repo.DisclosureRow, allowed: string[], doing: string) {
  if (!allowed.includes(d.state))
    throw new AppError('DISCLOSURE_STATE', `公示记录当前为“${STATE_LABELS[d.state]}”，不能${doing}`, { state: d.state });
}

/**
 * Append an event, with a ledger entry when `ledgerKind` is given. The entry commits to the RFC 8785 bytes of
 * {v, disclosureId, caseId, kind, data, actorId, at} — exactly what the event row stores, so anyone holding the row
 * can recompute the hash and check it against the ledger.
 */
export async function recordEvent(
  db: Db,
  deps: Pick<DisclosureDeps, 'ledger'>,
  actor: Actor | null,
  d: repo.DisclosureRow,
  kind: string,
  data: Record<string, unknown>,
  ledgerKind?: string,
) {
  const at = new Date();
  let ledgerRef: number | null = null;
  if (ledgerKind) {
    const content = eventCanonical({ disclosureId: d.id, caseId: d.case_id, kind, data, actorId: actor?.userId ?? null, at });
    const [entry] = await deps.ledger.append(db, [
      {
        kind: ledgerKind,
        subject: d.id,
        contentHash: deps.ledger.contentHash(content),
        agencyId: d.agency_id,
        actor: actor?.username ?? 'system',
      },
    ]);
    ledgerRef = entry!.ref;
  }
  await repo.insertEvent(db, {
    disclosure_id: d.id,
    agency_id: d.agency_id,
    kind,
    data,
    ledger_ref: ledgerRef,
    actor_id: actor?.userId ?? null,
    actor_name: actor?.displayName ?? SYSTEM_NAME,
    at,
  });
  return ledgerRef;
}

/** The canonical bytes of an event that its ledger entry commits to. */
export const eventCanonical = (e: {
  disclosureId: string;
  caseId: string;
  kind: string;
  data: Record<string, unknown>;
  actorId: string | null;
  at: Date;
}) =>
  canonicalize({
    v: 1,
    disclosureId: e.disclosureId,
    caseId: e.caseId,
    kind: e.kind,
    data: e.data,
    actorId: e.actorId,
    at: e.at.toISOString(),
  })!;

// ---- the editor's redaction ---------------------------------------------------------------------------------------

interface InternalRecord {
  documentNumber: string | null;
  caseName: string;
  facts: string;
  basis: string;
  result: string;
  actCategory: string;
  fineYuan: number | null;
  agencyName: string;
  agencyCreditCode: string;
  decidedOn: string;
  party: {
    kind: string;
    name: string;
    creditCode?: string | null;
    representative?: string | null;
    idNumber?: string | null;
    birthDate?: string | null;
  };
}

export const proposalOf = (d: repo.DisclosureRow) => proposal(d.record as unknown as InternalRecord);

export interface PrepareInput {
  fields: Partial<Record<TextField, { masks: { start: number; end: number }[]; kept?: { start: number; end: number; reason: string }[] }>>;
}

/** The record as it will be published: the masked texts, the public fields, nothing internal. */
function publishedRecord(r: InternalRecord, texts: Record<TextField, string>): PublishedRecord {
  const org = r.party.kind === 'organisation';
  return {
    documentNumber: r.documentNumber,
    caseName: texts.caseName,
    party: {
      kind: r.party.kind,
      name: texts.partyName,
      creditCode: org ? (r.party.creditCode ?? null) : null,
      representative: org && r.party.representative ? texts.representative : null,
    },
    facts: texts.facts,
    basis: texts.basis,
    result: texts.result,
    actCategory: r.actCategory,
    fineYuan: r.fineYuan,
    agencyName: r.agencyName,
    agencyCreditCode: r.agencyCreditCode,
    decidedOn: r.decidedOn,
  };
}

/** The detectors' findings in every public text field that the editor's masks do not cover and that were not kept. */
function leaksOf(start: ReturnType<typeof proposalOf>, fields: PrepareInput['fields']): (Finding & { field: TextField })[] {
  return TEXT_FIELDS.flatMap((f) =>
    uncovered(start[f].findings, fields[f]?.masks ?? [], fields[f]?.kept ?? []).map((x) => ({ ...x, field: f })),
  );
}

/**
 * The editor confirms the redaction: every finding the detectors make is masked, or kept with a reason. On a published
 * record this prepares a correction (002 公示办法 §31: inaccurate information is corrected) that stays on the portal
 * as it was until a second person publishes the corrected version.
 */
export async function prepare(ctx: Ctx, deps: DisclosureDeps, id: string, input: PrepareInput) {
  assertEditor(ctx.actor);
  return step(ctx, id, async (db, d) => {
    assertState(d, ['pending', 'prepared', 'published'], '确认脱敏');
    const revision = d.state === 'published';
    const start = proposalOf(d);
    const texts = {} as Record<TextField, string>;
    const fields = {} as PrepareInput['fields'];
    for (const f of TEXT_FIELDS) {
      const { text } = start[f];
      const masks = input.fields[f]?.masks ?? [];
      const kept = input.fields[f]?.kept ?? [];
      for (const m of [...masks, ...kept])
        if (m.start < 0 || m.end > text.length || m.start >= m.end)
          throw new AppError('VALIDATION_FAILED', `“${f}”的遮盖范围超出文本`, {
            field: f,
            start: m.start,
            end: m.end,
            length: text.length,
          });
      texts[f] = applyMasks(text, masks);
      fields[f] = { masks, kept };
    }
    const leaks = leaksOf(start, fields);
    if (leaks.length)
      throw new AppError('REDACTION_INCOMPLETE', `还有 ${leaks.length} 处个人信息未遮盖：请遮盖，或注明保留理由`, { findings: leaks });
    const published = publishedRecord(d.record as unknown as InternalRecord, texts);
    await recordEvent(db, deps, ctx.actor, d, revision ? 'revisionPrepared' : 'prepared', { fields, published });
    await repo.updateProjection(db, d.id, {
      ...(revision ? {} : { state: 'prepared' as const }),
      prepared: { fields, published, by: ctx.actor.displayName, at: new Date().toISOString(), revision },
      prepared_by: ctx.actor.userId,
    });
    return d.id;
  });
}

/** A second person reviews the prepared record and publishes it (002 公示办法 §30). */
export async function publish(ctx: Ctx, deps: DisclosureDeps, id: string) {
  assertEditor(ctx.actor);
  return step(ctx, id, async (db, d) => {
    const revision = d.state === 'published' && (d.prepared as { revision?: boolean } | null)?.revision === true;
    if (!revision) assertState(d, ['prepared'], '发布');
    if (d.prepared_by === ctx.actor.userId)
      throw new AppError('PUBLISHER_NOT_SEPARATE', '公示前须经他人审查：确认脱敏的人不能自己发布，请由本部门另一名公示审核员或负责人发布');
    const prepared = d.prepared as { published: PublishedRecord; fields: PrepareInput['fields'] };
    // checked again: a redaction confirmed before a field was added to the editor's (the legal representative, issue
    // 14) or before the detectors learnt a form of address never saw those findings; it goes back to the editor
    const leaks = leaksOf(proposalOf(d), prepared.fields ?? {});
    if (leaks.length)
      throw new AppError('REDACTION_INCOMPLETE', `确认脱敏后又识别出 ${leaks.length} 处未遮盖的个人信息：请公示审核员重新确认脱敏`, {
        findings: leaks,
      });
    const published = prepared.published;
    const terms = searchTerms([
      published.party.name,
      published.documentNumber ?? '',
      published.caseName,
      published.facts,
      published.result,
    ]);
    if (revision) {
      // the corrected version replaces the published one; the publication date (and its timeliness) stays
      const ledgerRef = await recordEvent(db, deps, ctx.actor, d, 'corrected', { published }, 'disclosure.correct');
      // a correction of the decision (before service) waiting for this revision is now on the portal
      const { pendingCorrection: _done, ...record } = d.record as Record<string, unknown>;
      await repo.updateProjection(db, d.id, { published: { ...published, ledgerRef }, prepared: null, terms, record });
      await writeAudit(db, {
        action: 'disclosure.correct',
        actor: ctx.actor,
        ip: ctx.ip,
        agencyId: d.agency_id,
        subject: d.id,
        details: { caseId: d.case_id },
      });
      return d.id;
    }
    const today = shanghaiDate();
    const pack = await deps.policies.forDivision(db, d.division_code);
    const takeDown = takeDownOn(
      today,
      pack.publication.takeDown.value as { afterYears: number; naturalPersonAfterYears: number } | null,
      published.party.kind,
    );
    const calendar = await deps.calendar.current(db);
    const late = workingDaysLate(d.due_on, today, calendar);
    const ledgerRef = await recordEvent(
      db,
      deps,
      ctx.actor,
      d,
      'published',
      { published, takeDownOn: takeDown, workingDaysLate: late },
      'disclosure.publish',
    );
    await repo.updateProjection(db, d.id, {
      state: 'published',
      published: { ...published, ledgerRef },
      published_by: ctx.actor.userId,
      published_at: new Date(),
      published_on: today,
      working_days_late: late,
      take_down_on: takeDown,
      terms,
    });
    await writeAudit(db, {
      action: 'disclosure.publish',
      actor: ctx.actor,
      ip: ctx.ip,
      agencyId: d.agency_id,
      subject: d.id,
      details: { caseId: d.case_id, workingDaysLate: late },
    });
    return d.id;
  });
}

// ---- exclusion ---------------------------------------------------------------------------------------------------

/** Not published, with the reason and who decided (000 §11; 003 §8(一) 注明理由). */
export async function exclude(ctx: Ctx, deps: DisclosureDeps, id: string, input: { reason: ExclusionReason; note: string }) {
  assertEditor(ctx.actor);
  return step(ctx, id, async (db, d) => {
    assertState(d, ['pending', 'prepared'], '决定不予公开');
    const exclusion = exclusionOf(input.reason, input.note, ctx.actor.displayName);
    await recordEvent(db, deps, ctx.actor, d, 'excluded', exclusion, 'disclosure.exclude');
    await repo.updateProjection(db, d.id, { state: 'excluded', exclusion });
    return d.id;
  });
}

/** The agency head approves publishing an excluded record where 003 §8(二)(三) allows it; it goes back to the editor. */
export async function approvePublication(ctx: Ctx, deps: DisclosureDeps, id: string, input: { note: string }) {
  assertMayApprove(ctx.actor);
  return step(ctx, id, async (db, d) => {
    assertState(d, ['excluded'], '批准公开');
    const exclusion = d.exclusion as { reason: ExclusionReason } & Record<string, unknown>;
    if (!EXCLUSION_REASONS[exclusion.reason].approvable)
      throw new AppError('EXCLUSION_NOT_APPROVABLE', `“${EXCLUSION_REASONS[exclusion.reason].label}”的信息不得公开，负责人也不能批准公开`, {
        reason: exclusion.reason,
      });
    const approval = { by: ctx.actor.displayName, at: new Date().toISOString(), note: input.note, citation: '003 公示办法 §8' };
    await recordEvent(db, deps, ctx.actor, d, 'publicationApproved', approval, 'disclosure.approve');
    await repo.updateProjection(db, d.id, { state: d.prepared ? 'prepared' : 'pending', exclusion: { ...exclusion, approval } });
    return d.id;
  });
}

// ---- withdrawal and change (000 §13; 002 §28; 003 §14) ---------------------------------------------------------------

export interface RemedyOutcome {
  proceeding: keyof typeof REMEDY_PROCEEDINGS;
  outcome: keyof typeof REMEDY_OUTCOMES;
  decidedOn: string;
  authority: string;
  documentNumber?: string;
  explanation: string;
}

/**
 * A remedy outcome was recorded in the case (inside its transaction): each of the case's records leaves the portal at
 * once where the pack requires it (a record not yet published is not published at all), and the change notice
 * becomes due by the pack's limit.
 */
export async function onRemedyOutcome(db: Db, deps: DisclosureDeps, actor: Actor, caseId: string, actId: string, o: RemedyOutcome) {
  if (!OVERTURNING_OUTCOMES.includes(o.outcome)) return;
  for (const d of await repo.disclosuresOfCase(db, caseId, true)) {
    if (d.state === 'excluded' || d.remedy) continue;
    const pack = await deps.policies.forDivision(db, d.division_code);
    const rule = pack.publication.changeOrRevocation.value as {
      workingDays: number | null;
      immediately: boolean;
      requiresWithdrawal: boolean;
      requiresChangeNotice: boolean;
    };
    const wasPublished = d.state === 'published';
    const remedy = {
      actId,
      proceeding: o.proceeding,
      outcome: o.outcome,
      label: `经${REMEDY_PROCEEDINGS[o.proceeding]}${REMEDY_OUTCOMES[o.outcome]}`,
      decidedOn: o.decidedOn,
      authority: o.authority,
      documentNumber: o.documentNumber ?? null,
    };
    const withdraw = !wasPublished || rule.requiresWithdrawal || rule.immediately;
    const changeDue =
      wasPublished && typeof rule.workingDays === 'number'
        ? (await deps.calendar.current(db)).addWorkingDays(o.decidedOn, rule.workingDays).date
        : null;
    await recordEvent(
      db,
      deps,
      actor,
      d,
      withdraw ? 'withdrawn' : 'remedyRecorded',
      { remedy, wasPublished, changeDueOn: changeDue },
      withdraw && wasPublished ? 'disclosure.withdraw' : undefined,
    );
    await repo.updateProjection(db, d.id, {
      remedy,
      change_due_on: changeDue,
      ...(withdraw ? { state: 'withdrawn' as const, withdrawn_at: new Date() } : {}),
    });
  }
}

/** The change notice (变更、撤销说明) published with an explanation; personal data in it is masked automatically. */
export async function publishChangeNotice(ctx: Ctx, deps: DisclosureDeps, id: string, input: { explanation: string }) {
  assertEditor(ctx.actor);
  return step(ctx, id, async (db, d) => {
    if (!d.remedy || !d.published_on)
      throw new AppError('DISCLOSURE_STATE', '只有已公示、后经复议或诉讼被撤销、变更、确认违法或责令重作的决定才发布变更说明', {
        state: d.state,
      });
    if (d.change_notice) throw new AppError('DISCLOSURE_STATE', '变更说明已经发布', { state: d.state });
    const { text, findings } = redact(input.explanation);
    const today = shanghaiDate();
    const late = d.change_due_on ? workingDaysLate(d.change_due_on, today, await deps.calendar.current(db)) : 0;
    const notice = {
      text,
      masked: findings.length,
      remedy: d.remedy,
      publishedOn: today,
      by: ctx.actor.displayName,
      workingDaysLate: late,
    };
    const ledgerRef = await recordEvent(db, deps, ctx.actor, d, 'changeNoticePublished', notice, 'disclosure.change');
    await repo.updateProjection(db, d.id, { change_notice: { ...notice, ledgerRef } });
    return d.id;
  });
}
