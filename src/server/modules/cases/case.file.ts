// The case file (全过程记录, SPEC §3): the append-only stream of a case's acts, and what is read from it — the acts in
// force, the draft decision in force, whether the case is major. Every act, the registration and the legal review's
// milestones included, is appended here and nowhere else: its canonical bytes (RFC 8785 JSON) go to the ledger and
// the row into case_acts in the caller's transaction, the case row's projection (stage, dates) follows, and the act
// is announced (`case.actRecorded`) for the modules above to react to in the same transaction.
// A correction is a new act of the same type pointing at the one it corrects; nothing is edited in place.
import crypto from 'node:crypto';
import canonicalize from 'canonicalize';
import { AppError, notFound } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import type { EventEmitter } from '../../platform/events.ts';
import { shanghaiDate } from '../../platform/calendar/calendar.dates.ts';
import type { PolicyService } from '../../platform/policy/policy.service.ts';
import type { LedgerService } from '../ledger/ledger.service.ts';
import { ACT_CONTENT } from './case.schema.ts';
import { STAGE_LABELS, type ActCategory, type ActType, type CaseFacts, type OfficerCheck, type Stage } from './case.rules.ts';
import { documentSeries, formatDocumentNumber } from './document.templates.ts';
import { classifyDraft, type DraftFacts } from './major.rules.ts';
import { catalogueFor } from './major.catalogue.ts';
import * as repo from './case.repo.ts';
import './case.events.ts';

/** What appending to a case file needs: the ledger, and the bus the act is announced on. */
export interface CaseFileDeps {
  ledger: LedgerService;
  events: EventEmitter;
}

export type Projection = Parameters<typeof repo.updateProjection>[2];

/** The case an act is appended to, as its row holds it (locked by the caller: acts of one case are serialised). */
export type CaseRef = Pick<
  repo.CaseRow,
  'id' | 'agency_id' | 'division_code' | 'number' | 'act_category' | 'cause' | 'summary' | 'party' | 'act_count' | 'stage'
>;

export interface NewAct {
  type: ActType;
  occurredAt: Date;
  endedAt?: Date | null;
  place?: string | null;
  officers?: OfficerCheck[];
  partyPresent?: string | null;
  certificateShown?: boolean | null;
  rightsTold?: boolean | null;
  content: Record<string, unknown>;
  media?: { evidenceId: string; sha256: string }[];
  avRequired?: 'none' | 'av' | 'fullAv';
  avExceptionId?: string | null;
  corrects?: repo.ActRow | null;
  correctionReason?: string | null;
}

export interface AppendOptions {
  case: CaseRef;
  act: NewAct;
  /**
   * The case row after the act (stage, dates), worked out once the act is in the file; `null` when the row was just
   * written with it (the registration). Default: the stage unchanged, the act counted.
   */
  projection?: ((seq: number) => Promise<Projection>) | null;
  /** The acts before this one, when the caller has read them under the case lock (saves subscribers a query). */
  priorActs?: repo.ActRow[];
}

/** Append one act: canonical bytes → ledger entry → row → projection → `case.actRecorded`, all in `db` (a transaction). */
export async function appendAct(
  db: Db,
  deps: CaseFileDeps,
  ctx: Ctx,
  { case: c, act, projection, priorActs }: AppendOptions,
): Promise<{ id: string; seq: number }> {
  const id = crypto.randomUUID();
  const seq = c.act_count + 1;
  const recordedAt = new Date();
  const a = {
    endedAt: null,
    place: null,
    officers: [],
    partyPresent: null,
    certificateShown: null,
    rightsTold: null,
    media: [],
    avRequired: 'none' as const,
    avExceptionId: null,
    corrects: null,
    correctionReason: null,
    ...act,
  };
  const canonical = canonicalize({
    v: 1,
    id,
    caseId: c.id,
    agencyId: c.agency_id,
    seq,
    type: a.type,
    occurredAt: a.occurredAt.toISOString(),
    endedAt: a.endedAt?.toISOString() ?? null,
    place: a.place,
    officers: a.officers,
    partyPresent: a.partyPresent,
    certificateShown: a.certificateShown,
    rightsTold: a.rightsTold,
    content: a.content,
    media: a.media,
    avRequired: a.avRequired,
    avExceptionId: a.avExceptionId,
    corrects: a.corrects?.id ?? null,
    correctionReason: a.correctionReason,
    recordedBy: ctx.actor.username,
    recordedAt: recordedAt.toISOString(),
  })!;
  const contentHash = deps.ledger.contentHash(canonical);
  const [entry] = await deps.ledger.append(db, [
    {
      kind: 'case.act',
      subject: id,
      contentHash,
      agencyId: c.agency_id,
      actor: ctx.actor.username,
      correctsRef: a.corrects ? Number(a.corrects.ledger_ref) : null,
    },
  ]);
  await repo.insertAct(db, {
    id,
    case_id: c.id,
    agency_id: c.agency_id,
    seq,
    type: a.type,
    occurred_at: a.occurredAt,
    ended_at: a.endedAt,
    place: a.place,
    officers: JSON.stringify(a.officers),
    party_present: a.partyPresent,
    certificate_shown: a.certificateShown,
    rights_told: a.rightsTold,
    content: JSON.stringify(a.content),
    media: JSON.stringify(a.media),
    av_required: a.avRequired,
    av_exception_id: a.avExceptionId,
    corrects: a.corrects?.id ?? null,
    correction_reason: a.correctionReason,
    recorded_by: ctx.actor.userId,
    recorded_by_name: ctx.actor.displayName,
    recorded_at: recordedAt,
    canonical,
    content_hash: contentHash,
    ledger_ref: entry!.ref,
  });
  if (projection !== null) await repo.updateProjection(db, c.id, projection ? await projection(seq) : { stage: c.stage, act_count: seq });
  await deps.events.emit(db, 'case.actRecorded', {
    actor: ctx.actor,
    ip: ctx.ip ?? null,
    case: {
      id: c.id,
      agencyId: c.agency_id,
      divisionCode: c.division_code,
      number: c.number,
      actCategory: c.act_category as ActCategory,
      cause: c.cause,
      summary: c.summary,
      party: c.party,
    },
    act: {
      id,
      seq,
      type: a.type,
      occurredAt: a.occurredAt,
      content: a.content,
      corrects: a.corrects?.id ?? null,
      correctionReason: a.correctionReason,
    },
    priorActs: once(async () => priorActs ?? (await repo.actsOf(db, c.id)).filter((r) => r.seq < seq)),
  });
  return { id, seq };
}

/** A loader that reads at most once. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= load());
}

/** The next number (文号) of the act's document series for the case's agency, or none when the act has no document. */
export async function nextDocumentNumber(
  db: Db,
  c: Pick<CaseRef, 'agency_id' | 'act_category'>,
  type: ActType,
): Promise<string | undefined> {
  const series = documentSeries(type, { actCategory: c.act_category as ActCategory });
  if (!series) return undefined;
  const year = Number(shanghaiDate().slice(0, 4));
  return formatDocumentNumber(
    await repo.numberingPrefix(db, c.agency_id),
    series,
    year,
    await repo.nextNumber(db, c.agency_id, series, year),
  );
}

export type WorkflowActType = 'reviewSubmission' | 'reviewOpinion' | 'reviewHeadDecision';

/**
 * Append an act written by the legal review workflow (submission, opinion, head's decision) inside the caller's
 * transaction: the case row is locked, the act gets the next number, goes to the ledger and into the case file.
 * `major` marks the case as needing review (a submission makes the decision wait for it, 002 审核办法 §4).
 */
export async function appendWorkflowAct(
  db: Db,
  deps: CaseFileDeps,
  ctx: Ctx,
  o: { caseId: string; type: WorkflowActType; content: Record<string, unknown>; major?: boolean },
) {
  const c = await repo.findCase(db, o.caseId, true);
  if (!c) throw notFound('案件');
  // a review belongs before the decision: a case concluded meanwhile (不予处罚、撤销、移送) takes no more review acts
  if (c.stage !== 'investigation' && c.stage !== 'decision')
    throw new AppError('STAGE_FORBIDS', `案件处于“${STAGE_LABELS[c.stage as Stage]}”阶段，法制审核已无从进行`, { stage: c.stage });
  const content: Record<string, unknown> = { ...ACT_CONTENT[o.type].parse(o.content) };
  const documentNumber = await nextDocumentNumber(db, c, o.type);
  if (documentNumber) content.documentNumber = documentNumber;
  const { id, seq } = await appendAct(db, deps, ctx, {
    case: c,
    act: { type: o.type, occurredAt: new Date(), content },
    projection: async (n) => ({ stage: c.stage, act_count: n, ...(o.major ? { major: true } : {}) }),
  });
  await writeAudit(db, {
    action: 'case.act',
    actor: ctx.actor,
    ip: ctx.ip,
    agencyId: c.agency_id,
    subject: id,
    details: { caseId: o.caseId, type: o.type, seq },
  });
  return { id, seq, documentNumber: documentNumber ?? null };
}

// ---- reading the file ------------------------------------------------------------------------------------------------

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

/** The original act a correction (or chain of corrections) goes back to. */
export function rootOf(rows: repo.ActRow[], act: repo.ActRow): string {
  let r = act;
  while (r.corrects) r = rows.find((x) => x.id === r.corrects)!;
  return r.id;
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

/** Is the case major? Flagged so at registration, or its draft decision in force is by the catalogue (SPEC §4.2). */
export function isMajor(rows: repo.ActRow[]): boolean {
  const registered = rows.find((r) => r.type === 'registration')?.content.major === true;
  const draft = currentDraft(rows)?.content.classification as { major?: boolean } | undefined;
  return registered || draft?.major === true;
}

/** Has the decision (its original act `rootId`) been served? A service act in force names it (002 记录办法 §28). */
export function decisionServed(rows: repo.ActRow[], rootId: string): boolean {
  return effectiveActs(rows).some((a) => a.type === 'service' && a.content.documentActId === rootId);
}

/** What the rules read from the file: the stage, the acts in force (by their original id) and the latest review. */
export async function caseFacts(db: Db, c: repo.CaseRow, rows: repo.ActRow[]): Promise<CaseFacts> {
  const r = await repo.latestReview(db, c.id);
  return {
    stage: c.stage as Stage,
    actCategory: c.act_category as ActCategory,
    origin: c.origin,
    major: c.major,
    review: r ? { state: r.state, draftCurrent: r.draft_act_id === currentDraft(rows)?.id } : null,
    acts: effectiveActs(rows).map((a) => ({ id: a.corrects ? rootOf(rows, a) : a.id, type: a.type as ActType, content: a.content })),
  };
}

/** Which catalogue rule makes a draft decision (or the decision itself) major, or that none does (SPEC §4.2). */
export async function classifyDecisionContent(
  db: Db,
  policies: PolicyService,
  c: repo.CaseRow,
  o: { fineFen?: number; majorFacts?: unknown },
) {
  const { policyId, catalogue } = await catalogueFor(db, policies, { id: c.agency_id, divisionCode: c.division_code });
  return {
    ...classifyDraft(catalogue, {
      actCategory: c.act_category as ActCategory,
      partyType: c.party.kind === 'person' ? 'individual' : 'organisation',
      fineFen: o.fineFen,
      majorFacts: o.majorFacts as DraftFacts['majorFacts'],
    }),
    policyId,
  };
}
