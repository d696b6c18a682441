// Reading legal reviews (SPEC §4): a review with its events, its live deadline and what the reader may do now
// (review.policy.ts); a case's reviews; the filtered list. The steps that change a review are review.workflow.ts.
import { notFound } from '../../platform/errors.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { shanghaiDate } from '../../platform/calendar/calendar.dates.ts';
import * as caseRepo from '../cases/case.repo.ts';
import { assertCaseAccess } from '../cases/case.access.ts';
import { approvalFacts } from '../cases/case.approval.ts';
import { mayApproveIn, reviewActions, reviewInScope, reviewListing } from './review.policy.ts';
import * as repo from './review.repo.ts';
import { OPEN_STATES, REVIEW_STATE_LABELS, deadlineOfReview, type DeadlineCalendar, type ReviewState } from './review.rules.ts';
import type { CalendarService } from '../../platform/calendar/calendar.service.ts';
import type { PolicyService } from '../../platform/policy/policy.service.ts';
import type { LedgerService } from '../ledger/ledger.service.ts';
import type { CaseFileDeps } from '../cases/case.file.ts';

/** What the review module's operations need: the case file (to append its acts), the policy packs, the calendar. */
export interface ReviewDeps extends CaseFileDeps {
  ledger: LedgerService;
  policies: PolicyService;
  calendar: CalendarService;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** Who may approve steps of the review's case (审批与办案相分离). */
export async function approvalsOf(db: Db, deps: ReviewDeps, r: repo.ReviewRow) {
  const c = (await caseRepo.findCase(db, r.case_id))!;
  return approvalFacts(db, deps.policies, c, await caseRepo.actsOf(db, r.case_id));
}

/** Reviews as listed: the running ones' deadlines computed live, from one calendar and one query for all their events. */
async function summariesOf(db: Db, deps: ReviewDeps, rows: repo.ReviewRow[]) {
  const calendar = await deps.calendar.current(db);
  const running = rows.filter((r) => OPEN_STATES.includes(r.state as ReviewState));
  const events = await repo.eventsOfMany(
    db,
    running.map((r) => r.id),
  );
  return rows.map((r) => summaryOf(calendar, r, events.get(r.id) ?? []));
}

function summaryOf(calendar: DeadlineCalendar, r: repo.ReviewRow, events: repo.EventRow[]) {
  const running = OPEN_STATES.includes(r.state as ReviewState);
  const d = running ? deadlineOfReview(calendar, r, events) : null;
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    cause: r.cause,
    partyName: r.party_name,
    round: r.round,
    agencyId: r.agency_id,
    state: r.state,
    stateLabel: REVIEW_STATE_LABELS[r.state],
    reviewerId: r.reviewer_id,
    reviewerName: r.reviewer_name,
    submittedBy: r.submitted_by_name,
    submittedAt: iso(r.submitted_at)!,
    receivedOn: r.received_on,
    outcome: r.outcome,
    completedAt: iso(r.completed_at),
    major: r.classification.major,
    reasons: r.classification.reasons,
    draftActId: r.draft_act_id,
    deadline: {
      dueOn: d?.dueOn ?? r.due_on,
      workingDays: r.deadline_working_days + (r.extended ? r.extension_working_days : 0),
      extended: r.extended,
      usedWorkingDays: d?.usedWorkingDays ?? null,
      overdue: d ? d.overdue && r.state !== 'supplementing' : false,
      paused: r.state === 'supplementing',
      pausedSince: r.paused_since,
      scheduleComplete: d?.scheduleComplete ?? true,
      missingYears: d?.missingYears ?? [],
    },
  };
}

export async function getReview(ctx: Ctx, deps: ReviewDeps, id: string) {
  const r = await repo.findReview(ctx.db, id);
  if (!r || !reviewInScope(ctx.actor, r)) throw notFound('法制审核');
  const c = (await caseRepo.findCase(ctx.db, r.case_id))!;
  await assertCaseAccess(ctx.db, ctx.actor, c, 'view');
  const events = await repo.eventsOf(ctx.db, id);
  const approvals = mayApproveIn(ctx.actor, r.agency_id) ? await approvalsOf(ctx.db, deps, r) : null;
  const { actions, blocked } = reviewActions(ctx.actor, r, events, approvals);
  return {
    ...summaryOf(await deps.calendar.current(ctx.db), r, events),
    submissionActId: r.submission_act_id,
    events: events.map((e) => ({ seq: e.seq, kind: e.kind, data: e.data, actId: e.act_id, actor: e.actor_name, at: iso(e.at)! })),
    actions,
    blockedActions: blocked,
  };
}

/** The review panel of a case: its reviews (newest first) and whether it can be submitted now. */
export async function caseReviews(ctx: Ctx, deps: ReviewDeps, caseId: string) {
  const c = await caseRepo.findCase(ctx.db, caseId);
  if (!c) throw notFound('案件');
  await assertCaseAccess(ctx.db, ctx.actor, c, 'view');
  const rows = await repo.reviewsOfCase(ctx.db, caseId);
  return { major: c.major, items: await summariesOf(ctx.db, deps, rows) };
}

export async function listReviews(
  ctx: Ctx,
  deps: ReviewDeps,
  f: {
    state?: string[];
    mine?: boolean;
    overdue?: boolean;
    q?: string;
    sort?: repo.ReviewFilter['sort'];
    order?: 'asc' | 'desc';
    page: number;
    pageSize: number;
  },
) {
  const { wide, classifiedToo, reviewer } = reviewListing(ctx.actor);
  const { rows, total } = await repo.listReviews(ctx.db, ctx.actor, {
    state: f.state,
    reviewer: f.mine && reviewer ? ctx.actor.userId : undefined,
    handler: !wide || (f.mine && !reviewer) ? ctx.actor.userId : undefined,
    overdueOn: f.overdue ? shanghaiDate() : undefined,
    q: f.q?.trim() || undefined,
    classifiedFor: classifiedToo ? undefined : ctx.actor.userId,
    sort: f.sort ?? 'updatedAt',
    order: f.order ?? 'desc',
    offset: (f.page - 1) * f.pageSize,
    limit: f.pageSize,
  });
  return { total, items: await summariesOf(ctx.db, deps, rows) };
}
