// Disclosure records (事后公开, SPEC §2.3): created from the decision act in the same transaction (no second entry),
// with the fields of 003 公示办法 §11 as the case holds them and the publication deadline of the policy in force
// (working days from the decision date, SPEC §6). A minor party's record is excluded at once (000 §11(一)). The
// steps after creation are in disclosure.workflow.ts.
import crypto from 'node:crypto';
import canonicalize from 'canonicalize';
import { notFound } from '../../platform/errors.ts';
import { inScope, type Actor } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { shanghaiDate } from '../../platform/calendar/calendar.dates.ts';
import * as registryRepo from '../registry/registry.repo.ts';
import * as caseRepo from '../cases/case.repo.ts';
import * as repo from './disclosure.repo.ts';
import {
  exclusionOf,
  STATE_LABELS,
  minorParty,
  publicationWorkingDays,
  workingDaysLate,
  type ExclusionReason,
} from './disclosure.rules.ts';
import { proposalOf, recordEvent, type DisclosureDeps } from './disclosure.workflow.ts';
import { assertReader, disclosureActions } from './disclosure.policy.ts';

export interface DecisionSource {
  caseId: string;
  agencyId: string;
  divisionCode: string;
  actCategory: string;
  cause: string;
  summary: string | null;
  party: Record<string, unknown>;
  decisionActId: string;
  decidedAt: Date;
  content: Record<string, unknown>;
  /** The facts as told to the party (the rights notice), when there was one. */
  facts: string | null;
}

/** The 003 §11 fields: document number, case name, party, main facts, category, basis, result, agency, date. */
export function disclosureRecord(s: DecisionSource, agency: { name: string; creditCode: string }) {
  const p = s.party;
  const party =
    p.kind === 'organisation'
      ? {
          kind: 'organisation',
          name: String(p.name),
          creditCode: (p.creditCode as string | undefined) ?? null,
          representative: (p.representative as string | undefined) ?? null,
        }
      : // a natural person's ID number stays in the record (the birth date decides whether the party is a minor) and
        // is never published
        {
          kind: 'person',
          name: String(p.name),
          idNumber: (p.idNumber as string | undefined) ?? null,
          birthDate: (p.birthDate as string | undefined) ?? null,
        };
  const fineFen = s.content.fineFen as number | undefined;
  return {
    documentNumber: (s.content.documentNumber as string | undefined) ?? null,
    caseName: s.cause,
    party,
    facts: s.facts ?? s.summary ?? '',
    actCategory: s.actCategory,
    basis: String(s.content.basis ?? ''),
    result: String(s.content.decision ?? ''),
    fineYuan: fineFen !== undefined ? fineFen / 100 : null,
    agencyName: agency.name,
    agencyCreditCode: agency.creditCode,
    decidedOn: shanghaiDate(s.decidedAt),
  };
}

/** Create the decision's disclosure record with its deadline (called inside the decision's transaction). */
export async function createForDecision(db: Db, deps: DisclosureDeps, s: DecisionSource): Promise<string> {
  const agency = await registryRepo.findAgency(db, s.agencyId);
  if (!agency) throw notFound('执法部门');
  const pack = await deps.policies.forDivision(db, s.divisionCode);
  const workingDays = publicationWorkingDays(pack.publication, s.actCategory);
  const decidedOn = shanghaiDate(s.decidedAt);
  const due = (await deps.calendar.current(db)).addWorkingDays(decidedOn, workingDays);
  const id = crypto.randomUUID();
  const record = disclosureRecord(s, agency);
  await repo.insertDisclosure(db, {
    id,
    case_id: s.caseId,
    agency_id: s.agencyId,
    division_code: s.divisionCode,
    decision_act_id: s.decisionActId,
    act_category: s.actCategory,
    record: JSON.stringify(record),
    decided_on: decidedOn,
    working_days: workingDays,
    due_on: due.date,
  });
  // 000 §11(一): a minor party's decision is not published — decided here, with the reason, before anyone can
  const minor = minorParty(record.party, decidedOn);
  if (minor) {
    const d = (await repo.findDisclosure(db, id))!;
    const exclusion = exclusionOf(
      'minor',
      `当事人出生日期 ${minor.birthDate}（${minor.source === 'idNumber' ? '据身份证号码' : '据登记的出生日期'}），决定作出时未满十八周岁`,
      null,
    );
    await recordEvent(db, deps, null, d, 'excluded', exclusion, 'disclosure.exclude');
    await repo.updateProjection(db, id, { state: 'excluded', exclusion });
  }
  return id;
}

/**
 * The decision was corrected before it was served (inside the correction's transaction): its disclosure record follows
 * (no second entry, SPEC §2.3). The new text goes through the editor again — a redaction prepared for the old text is
 * dropped (the record is pending again); a published record stays on the portal as it was, with the correction
 * pending until an editor redacts it and another person publishes it (002 公示办法 §30-§31). The publication clock
 * keeps running from the original decision date.
 */
export async function onDecisionCorrected(
  db: Db,
  deps: DisclosureDeps,
  actor: Actor,
  s: DecisionSource & { correctsActId: string; reason: string },
) {
  const d = (await repo.disclosuresOfCase(db, s.caseId, true)).find((x) => x.decision_act_id === s.correctsActId);
  if (!d) return;
  const agency = await registryRepo.findAgency(db, s.agencyId);
  if (!agency) throw notFound('执法部门');
  const correction = { decisionActId: s.decisionActId, reason: s.reason, at: new Date().toISOString() };
  const corrected = disclosureRecord(s, agency);
  const { pendingCorrection: pending, ...current } = d.record as Record<string, unknown>;
  // nothing the record holds changed (the act's place or time): it follows the act, nothing to redact again
  if (canonicalize(corrected) === canonicalize(current)) return repo.updateProjection(db, d.id, { decision_act_id: s.decisionActId });
  const record: Record<string, unknown> = {
    ...corrected,
    ...(d.state === 'published' ? { pendingCorrection: correction } : pending ? { pendingCorrection: pending } : {}),
  };
  await recordEvent(db, deps, actor, d, 'decisionCorrected', { ...correction, previousActId: s.correctsActId, state: d.state });
  const redo = d.state === 'prepared' || (d.state === 'published' && d.prepared !== null);
  await repo.updateProjection(db, d.id, {
    record,
    decision_act_id: s.decisionActId,
    ...(d.state === 'prepared' ? { state: 'pending' as const } : {}),
    ...(redo ? { prepared: null, prepared_by: null } : {}),
  });
}

const OPEN: readonly string[] = repo.OPEN_STATES;

export interface DisclosureFilter {
  state?: string[];
  overdue?: boolean;
  actCategory?: string;
  q?: string;
  agencyId?: string;
  sort: 'dueOn' | 'decidedOn' | 'publishedOn';
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** Disclosure records in the actor's scope, the most urgent first: what is due, and what is overdue. */
export async function listDisclosures(ctx: Ctx, deps: Pick<DisclosureDeps, 'calendar'>, f: DisclosureFilter) {
  assertReader(ctx.actor);
  const today = shanghaiDate();
  const { total, rows } = await repo.listDisclosures(ctx.db, ctx.actor, {
    state: f.state,
    overdueOn: f.overdue === true ? today : undefined,
    notOverdueOn: f.overdue === false ? today : undefined,
    actCategory: f.actCategory,
    q: f.q,
    agencyId: f.agencyId,
    sort: f.sort,
    order: f.order,
    offset: (f.page - 1) * f.pageSize,
    limit: f.pageSize,
  });
  const calendar = await deps.calendar.current(ctx.db);
  return {
    total,
    items: rows.map((r) => {
      const record = r.record as { party?: { name?: string }; documentNumber?: string | null; caseName?: string };
      const open = OPEN.includes(r.state);
      return {
        id: r.id,
        caseId: r.case_id,
        caseNumber: r.number,
        agencyName: r.agency_name,
        actCategory: r.act_category,
        partyName: String(record.party?.name ?? ''),
        documentNumber: record.documentNumber ?? null,
        caseName: String(record.caseName ?? ''),
        decidedOn: r.decided_on,
        workingDays: r.working_days,
        dueOn: r.due_on,
        state: r.state,
        stateLabel: STATE_LABELS[r.state]!,
        overdue: open && today > r.due_on,
        // published: how late it was; still open and past due: how late it is today
        workingDaysLate: r.working_days_late ?? (open ? workingDaysLate(r.due_on, today, calendar) : 0),
        publishedOn: r.published_on,
        exclusionReason: (r.exclusion as { label?: string } | null)?.label ?? null,
        remedy: (r.remedy as { label?: string } | null)?.label ?? null,
        changeDueOn: r.change_due_on,
        changeNoticePublished: !!r.change_notice,
      };
    }),
  };
}

/** One record as the editor and the supervisor see it: the 003 §11 fields, the proposed redaction, the history. */
export async function getDisclosure(ctx: Ctx, deps: Pick<DisclosureDeps, 'calendar'>, id: string) {
  assertReader(ctx.actor);
  const d = await repo.findDisclosure(ctx.db, id);
  if (!d || !inScope(ctx.actor, { agencyId: d.agency_id, divisionCode: d.division_code })) throw notFound('公示记录');
  const c = (await caseRepo.findCase(ctx.db, d.case_id))!;
  const events = await repo.eventsOf(ctx.db, id);
  const today = shanghaiDate();
  const open = OPEN.includes(d.state);
  const calendar = await deps.calendar.current(ctx.db);
  const { party, ...record } = d.record as { party: Record<string, unknown> } & Record<string, unknown>;
  // the ID number never leaves the server; what it says about the party's age does
  const { idNumber, birthDate, ...partyShown } = party;
  return {
    id: d.id,
    caseId: d.case_id,
    caseNumber: c.number,
    agencyId: d.agency_id,
    actCategory: d.act_category,
    state: d.state,
    stateLabel: STATE_LABELS[d.state]!,
    record: {
      ...record,
      party: party.kind === 'organisation' ? partyShown : { ...partyShown, hasIdNumber: !!idNumber, birthDate: birthDate ?? null },
    },
    decidedOn: d.decided_on,
    workingDays: d.working_days,
    dueOn: d.due_on,
    overdue: open && today > d.due_on,
    workingDaysLate: d.working_days_late ?? (open ? workingDaysLate(d.due_on, today, calendar) : 0),
    proposal: open || d.state === 'published' ? proposalOf(d) : null,
    prepared: d.prepared,
    preparedByMe: d.prepared_by === ctx.actor.userId,
    published: d.published,
    publishedOn: d.published_on,
    takeDownOn: d.take_down_on,
    exclusion: d.exclusion,
    remedy: d.remedy,
    changeDueOn: d.change_due_on,
    changeNotice: d.change_notice,
    events: events.map((e) => ({
      seq: e.seq,
      kind: e.kind,
      data: e.data,
      actorName: e.actor_name,
      at: new Date(e.at).toISOString(),
      ledgerRef: e.ledger_ref === null ? null : Number(e.ledger_ref),
    })),
    actions: disclosureActions(ctx.actor, {
      state: d.state,
      revision: d.state === 'published' && (d.prepared as { revision?: boolean } | null)?.revision === true,
      exclusionReason: (d.exclusion as { reason: ExclusionReason } | null)?.reason ?? null,
      publishedOn: d.published_on,
      remedy: !!d.remedy,
      changeNotice: !!d.change_notice,
    }),
  };
}

/** What awaits an editor or head of the agency: records to redact, overdue ones, corrections of others to publish, answers and change notices due. */
export async function disclosureTodo(ctx: Ctx) {
  assertReader(ctx.actor);
  const today = shanghaiDate();
  return repo.todoCounts(ctx.db, ctx.actor, today);
}
