// Legal review persistence: the review header with its projection (state, reviewer, due date) and its append-only
// events. SQL only; the rules are in review.rules.ts and the workflow in review.service.ts.
import { sql, type Insertable, type Selectable } from 'kysely';
import { containsPattern, type Db } from '../../platform/db.ts';
import type { ReviewEventTable, ReviewTable } from '../../platform/db.schema.ts';
import { whereInScope, type Actor } from '../../platform/access.ts';
import crypto from 'node:crypto';

export type ReviewRow = Selectable<ReviewTable> & {
  case_number: string;
  cause: string;
  party_name: string;
  handler_ids: string[];
  classification_level: string;
};
export type EventRow = Selectable<ReviewEventTable>;

const columns = (db: Db) =>
  db
    .selectFrom('reviews as r')
    .innerJoin('cases as c', 'c.id', 'r.case_id')
    .selectAll('r')
    .select([
      'c.number as case_number',
      'c.cause',
      sql<string>`c.party->>'name'`.as('party_name'),
      'c.handler_ids',
      'c.classification as classification_level',
    ]);

export async function findReview(db: Db, id: string, forUpdate = false): Promise<ReviewRow | undefined> {
  let q = columns(db).where('r.id', '=', id);
  if (forUpdate) q = q.forUpdate('r');
  return q.executeTakeFirst();
}

export const reviewsOfCase = (db: Db, caseId: string) => columns(db).where('r.case_id', '=', caseId).orderBy('r.round', 'desc').execute();

export async function insertReview(db: Db, row: Insertable<ReviewTable>): Promise<void> {
  await db.insertInto('reviews').values(row).execute();
}

export async function updateReview(
  db: Db,
  id: string,
  patch: Partial<
    Pick<
      Selectable<ReviewTable>,
      'state' | 'reviewer_id' | 'reviewer_name' | 'due_on' | 'paused_since' | 'extended' | 'outcome' | 'completed_at'
    >
  >,
): Promise<void> {
  await db
    .updateTable('reviews')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export const eventsOf = (db: Db, reviewId: string): Promise<EventRow[]> =>
  db.selectFrom('review_events').selectAll().where('review_id', '=', reviewId).orderBy('seq').execute();

/** The events of several reviews, by review, in order. */
export async function eventsOfMany(db: Db, ids: string[]): Promise<Map<string, EventRow[]>> {
  const out = new Map<string, EventRow[]>();
  if (!ids.length) return out;
  for (const e of await db
    .selectFrom('review_events')
    .selectAll()
    .where('review_id', 'in', ids)
    .orderBy('review_id')
    .orderBy('seq')
    .execute()) {
    const list = out.get(e.review_id) ?? [];
    list.push(e);
    out.set(e.review_id, list);
  }
  return out;
}

export async function insertEvent(
  db: Db,
  e: {
    review_id: string;
    agency_id: string;
    kind: string;
    data: Record<string, unknown>;
    act_id?: string | null;
    actor_id: string;
    actor_name: string;
  },
): Promise<void> {
  const last = await db
    .selectFrom('review_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('review_id', '=', e.review_id)
    .executeTakeFirst();
  await db
    .insertInto('review_events')
    .values({
      id: crypto.randomUUID(),
      review_id: e.review_id,
      agency_id: e.agency_id,
      seq: Number(last?.seq ?? 0) + 1,
      kind: e.kind,
      data: JSON.stringify(e.data),
      act_id: e.act_id ?? null,
      actor_id: e.actor_id,
      actor_name: e.actor_name,
    })
    .execute();
}

export interface ReviewFilter {
  state?: string[];
  reviewer?: string;
  /** Only reviews of cases this user handles. */
  handler?: string;
  overdueOn?: string;
  /** Classified cases only where this user is on the team or the assigned reviewer. */
  classifiedFor?: string;
  q?: string;
  sort: 'dueOn' | 'submittedAt' | 'updatedAt';
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/** Reviews in the actor's scope (an agency's, or a division's for supervisors), newest or most urgent first. */
export async function listReviews(db: Db, actor: Actor, f: ReviewFilter) {
  let q = whereInScope(columns(db), actor, { agencyId: 'r.agency_id', divisionCode: 'r.division_code' });
  if (f.state?.length) q = q.where('r.state', 'in', f.state as ReviewTable['state'][]);
  if (f.reviewer) q = q.where('r.reviewer_id', '=', f.reviewer);
  if (f.handler) q = q.where(sql<boolean>`${f.handler}::uuid = any(c.handler_ids)`);
  if (f.overdueOn) q = q.where('r.state', 'in', ['submitted', 'reviewing']).where('r.due_on', '<', f.overdueOn);
  if (f.classifiedFor) {
    const me = f.classifiedFor;
    q = q.where((eb) =>
      eb.or([
        eb('c.classification', '=', 'normal'),
        eb('r.reviewer_id', '=', me),
        eb(sql<boolean>`${me}::uuid = any(c.handler_ids)`, '=', true),
      ]),
    );
  }
  if (f.q) {
    const like = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('c.number', 'like', like), eb('c.cause', 'like', like), eb(sql`c.party->>'name'`, 'like', like)]));
  }
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirst();
  const column = f.sort === 'dueOn' ? 'r.due_on' : f.sort === 'submittedAt' ? 'r.submitted_at' : 'r.updated_at';
  const rows = await q
    .orderBy(column, (ob) => (f.order === 'asc' ? ob.asc().nullsLast() : ob.desc().nullsLast()))
    .orderBy('r.id')
    .offset(f.offset)
    .limit(f.limit)
    .execute();
  return { rows, total: Number(total?.n ?? 0) };
}

/** Reviews this user has finished with an opinion (a first-time reviewer has none, 000 §28). */
export async function completedReviews(db: Db, userId: string): Promise<number> {
  const r = await db
    .selectFrom('reviews')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('reviewer_id', '=', userId)
    .where('outcome', 'is not', null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** The agency's legal reviewers (users with the reviewer role), with their officer-registry certificate number. */
export const agencyReviewers = (db: Db, agencyId: string) =>
  db
    .selectFrom('users')
    .select(['id', 'display_name', 'roles', 'disabled', 'certificate_number'])
    .where('agency_id', '=', agencyId)
    .where(sql<boolean>`'reviewer' = any(roles)`)
    .orderBy('display_name')
    .execute();

/** The published officer record with this certificate number, for the legal-professional qualification. */
export async function legalQualificationOf(db: Db, agencyId: string, certificateNumber: string) {
  const r = await db
    .selectFrom('registry_published')
    .select(['data'])
    .where('agency_id', '=', agencyId)
    .where('kind', '=', 'officer')
    .where('code', '=', certificateNumber)
    .executeTakeFirst();
  if (!r) return undefined;
  const q = (r.data as { legalQualification?: { certificateNumber: string; obtainedOn: string } | null }).legalQualification ?? null;
  return { name: String((r.data as { name?: unknown }).name ?? ''), qualification: q };
}

export type ReviewTodoKind = 'claim' | 'assign' | 'review' | 'supply' | 'opinion' | 'contested' | 'extension';

/**
 * What the actor has to do in legal reviews: reviewers take unassigned reviews and finish their own by the deadline;
 * the agency head assigns, approves extensions and settles disagreements; the handling team supplies materials asked
 * for and acts on an opinion that did not pass.
 */
export async function reviewTodos(db: Db, actor: Actor, limit = 200) {
  if (!actor.agencyId) return [];
  const base = () =>
    db
      .selectFrom('reviews as r')
      .innerJoin('cases as c', 'c.id', 'r.case_id')
      .select(['r.id', 'r.case_id', 'c.number', 'c.cause', 'r.state', 'r.due_on'])
      .where('r.agency_id', '=', actor.agencyId!)
      .limit(limit);
  const roles = actor.roles;
  const out: { kind: ReviewTodoKind; id: string; case_id: string; number: string; cause: string; due: string | null }[] = [];
  const add = (
    kind: ReviewTodoKind,
    rows: { id: string; case_id: string; number: string; cause: string; due_on: string | null }[],
    due = true,
  ) => out.push(...rows.map((r) => ({ kind, id: r.id, case_id: r.case_id, number: r.number, cause: r.cause, due: due ? r.due_on : null })));
  if (roles.includes('reviewer')) {
    // a classified case is assigned by the head (the reviewer cannot read it before)
    add('claim', await base().where('r.state', '=', 'submitted').where('c.classification', '=', 'normal').execute());
    add('review', await base().where('r.reviewer_id', '=', actor.userId).where('r.state', '=', 'reviewing').execute());
  }
  if (roles.includes('agencyHead')) {
    add('assign', await base().where('r.state', '=', 'submitted').execute());
    add('contested', await base().where('r.state', '=', 'contested').execute(), false);
    add(
      'extension',
      await base()
        .where('r.state', 'in', ['reviewing', 'supplementing'])
        .where(
          sql<boolean>`(select max(seq) from review_events e where e.review_id = r.id and e.kind = 'extensionRequested')
        > coalesce((select max(seq) from review_events e where e.review_id = r.id and e.kind = 'extensionDecided'), 0)`,
        )
        .execute(),
      false,
    );
  }
  const heads = roles.includes('agencyHead') || roles.includes('unitHead');
  if (heads || roles.includes('officer')) {
    const mine = <Q extends ReturnType<typeof base>>(q: Q) =>
      heads ? q : q.where(sql<boolean>`${actor.userId}::uuid = any(c.handler_ids)`);
    const supply = await mine(base().where('r.state', '=', 'supplementing'))
      .select(
        sql<string>`(select e.data->>'dueOn' from review_events e where e.review_id = r.id and e.kind = 'supplementRequested' order by e.seq desc limit 1)`.as(
          'supply_due',
        ),
      )
      .execute();
    out.push(
      ...supply.map((r) => ({
        kind: 'supply' as const,
        id: r.id,
        case_id: r.case_id,
        number: r.number,
        cause: r.cause,
        due: r.supply_due,
      })),
    );
    add('opinion', await mine(base().where('r.state', '=', 'opinionIssued')).execute(), false);
  }
  return out;
}
