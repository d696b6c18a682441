// Disclosure records (事后公开, SPEC §2.3): created from the decision act in the same transaction (no second entry),
// with the fields of 003 公示办法 §11 as the case holds them and the publication deadline of the policy in force
// (working days from the decision date, SPEC §6). Redaction, review, publication, exclusion and withdrawal build on
// these records (later parts of the disclosure issue).
import crypto from 'node:crypto';
import { AppError, notFound } from '../../platform/errors.ts';
import { hasRole, whereInScope } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { shanghaiDate } from '../../platform/calendar/calendar.dates.ts';
import type { CalendarService } from '../../platform/calendar/calendar.service.ts';
import type { PolicyService } from '../../platform/policy/policy.service.ts';
import * as registryRepo from '../registry/registry.repo.ts';

export interface DisclosureDeps { policies: PolicyService; calendar: CalendarService }

/** Licence and penalty decisions have their own limit (000 §10: 7 working days); every other decision the other. */
const LICENCE_PENALTY = ['licence', 'penalty'];

export interface DecisionSource {
  caseId: string; agencyId: string; divisionCode: string; actCategory: string; cause: string; summary: string | null;
  party: Record<string, unknown>;
  decisionActId: string; decidedAt: Date; content: Record<string, unknown>;
  /** The facts as told to the party (the rights notice), when there was one. */
  facts: string | null;
}

/** The 003 §11 fields: document number, case name, party, main facts, category, basis, result, agency, date. */
export function disclosureRecord(s: DecisionSource, agency: { name: string; creditCode: string }) {
  const p = s.party;
  const party = p.kind === 'organisation'
    ? { kind: 'organisation', name: String(p.name), creditCode: (p.creditCode as string | undefined) ?? null, representative: (p.representative as string | undefined) ?? null }
    // a natural person's ID number stays in the record (the birth date decides whether the party is a minor) and
    // is never published
    : { kind: 'person', name: String(p.name), idNumber: (p.idNumber as string | undefined) ?? null };
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
  const rule = LICENCE_PENALTY.includes(s.actCategory) ? pack.publication.licencePenaltyDecisionWorkingDays : pack.publication.otherDecisionWorkingDays;
  // every shipped pack sets both; a pack without one falls back to the longest limit of the seeds (000 §10: 20)
  const workingDays = typeof rule.value === 'number' ? rule.value : 20;
  const decidedOn = shanghaiDate(s.decidedAt);
  const due = (await deps.calendar.current(db)).addWorkingDays(decidedOn, workingDays);
  const id = crypto.randomUUID();
  await db.insertInto('disclosures').values({
    id, case_id: s.caseId, agency_id: s.agencyId, division_code: s.divisionCode, decision_act_id: s.decisionActId, act_category: s.actCategory,
    record: JSON.stringify(disclosureRecord(s, agency)), decided_on: decidedOn, working_days: workingDays, due_on: due.date,
  }).execute();
  return id;
}

const READERS = ['disclosureEditor', 'agencyHead', 'supervisor', 'administrator'] as const;

/** Disclosure records in the actor's scope, the most urgent first: what is due, and what is overdue. */
export async function listDisclosures(ctx: Ctx, f: { state?: string; overdue?: boolean; page: number; pageSize: number }) {
  if (!hasRole(ctx.actor, ...READERS)) throw new AppError('FORBIDDEN', '执法决定公示由公示审核员、部门负责人办理，监督人员查阅', { requiredRoles: READERS });
  let q = whereInScope(ctx.db.selectFrom('disclosures as d').innerJoin('cases as c', 'c.id', 'd.case_id'), ctx.actor, { agencyId: 'd.agency_id', divisionCode: 'd.division_code' });
  if (f.state) q = q.where('d.state', '=', f.state as 'pending');
  const today = shanghaiDate();
  if (f.overdue) q = q.where('d.state', '=', 'pending').where('d.due_on', '<', today);
  const total = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst();
  const rows = await q.select(['d.id', 'd.case_id', 'c.number', 'd.act_category', 'd.record', 'd.decided_on', 'd.working_days', 'd.due_on', 'd.state', 'd.published_at'])
    .orderBy('d.due_on').orderBy('d.id').offset((f.page - 1) * f.pageSize).limit(f.pageSize).execute();
  return {
    total: Number(total?.n ?? 0),
    items: rows.map((r) => ({
      id: r.id, caseId: r.case_id, caseNumber: r.number, actCategory: r.act_category, record: r.record, decidedOn: r.decided_on,
      workingDays: r.working_days, dueOn: r.due_on, state: r.state, overdue: r.state === 'pending' && today > r.due_on,
      publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
    })),
  };
}
