// Legal review of major decisions (重大执法决定法制审核, SPEC §4; 000 §25-32; 002 审核办法; 003 审核办法). A review is
// one submission of a case's draft decision: its header is written once, every step (assignment, supplement request
// and supply, extension, return, opinion, contest, the head's decision) is an append-only event, and the milestones
// that belong in the case file (submission, opinion, head's decision) are also case acts committed to the ledger.
// The `reviews` row carries a projection of the events (state, reviewer, due date) kept in step by the service.
// The gate (000 §25: no major decision before the review has passed) is also a trigger on case_acts, so no path
// around the service can record one.
import { sql, type Kysely } from 'kysely';
import { refuseChanges } from './append-only.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The user's own entry in the officer registry (执法证号): where a first-time reviewer's legal-professional
  // qualification is looked up (000 §28; 003 审核办法 §16).
  await sql`alter table users add column certificate_number text check (certificate_number is null or length(certificate_number) between 1 and 24)`.execute(
    db,
  );

  await sql`
    create table reviews (
      id uuid primary key,
      case_id uuid not null references cases(id),
      agency_id uuid not null references agencies(id),
      division_code text not null references divisions(code),
      round integer not null check (round >= 1),
      draft_act_id uuid not null references case_acts(id),
      submission_act_id uuid not null references case_acts(id),
      classification jsonb not null,
      submitted_by uuid not null references users(id),
      submitted_by_name text not null,
      submitted_at timestamptz not null default now(),
      received_on date not null,
      deadline_working_days integer not null check (deadline_working_days between 1 and 60),
      extension_working_days integer not null check (extension_working_days between 0 and 60),
      supplements_excluded boolean not null,
      -- projection of the events
      state text not null check (state in ('submitted', 'reviewing', 'supplementing', 'returned', 'opinionIssued', 'contested', 'passed', 'upheld')),
      reviewer_id uuid references users(id),
      reviewer_name text,
      due_on date,
      paused_since date,
      extended boolean not null default false,
      outcome text check (outcome is null or outcome in ('agree', 'investigate', 'change', 'correctProcedure', 'transfer')),
      completed_at timestamptz,
      updated_at timestamptz not null default now(),
      unique (case_id, round)
    )`.execute(db);
  await sql`create index reviews_agency on reviews(agency_id, updated_at desc)`.execute(db);
  await sql`create index reviews_division on reviews(division_code, updated_at desc)`.execute(db);
  await sql`create index reviews_open on reviews(agency_id, due_on) where state in ('submitted', 'reviewing', 'supplementing', 'contested')`.execute(
    db,
  );
  await sql`create index reviews_reviewer on reviews(reviewer_id) where reviewer_id is not null`.execute(db);

  await sql`
    create table review_events (
      id uuid primary key,
      review_id uuid not null references reviews(id),
      agency_id uuid not null references agencies(id),
      seq integer not null,
      kind text not null,
      data jsonb not null,
      act_id uuid references case_acts(id),
      actor_id uuid not null references users(id),
      actor_name text not null,
      at timestamptz not null default now(),
      unique (review_id, seq)
    )`.execute(db);
  await refuseChanges(db, ['review_events']);

  // The gate in the database: a decision act (or a correction of one) in a major case needs the case's latest review
  // to have passed, on the draft decision now in force (the latest original draft as corrected).
  await sql`
    create function sx_review_gate() returns trigger language plpgsql as $$
    declare
      is_major boolean;
      passed_draft uuid;
      current_draft uuid;
    begin
      if new.type <> 'decision' then
        return new;
      end if;
      select major into is_major from cases where id = new.case_id;
      if not coalesce(is_major, false) then
        return new;
      end if;
      select r.draft_act_id into passed_draft from reviews r
        where r.case_id = new.case_id and r.state = 'passed'
          and r.round = (select max(round) from reviews where case_id = new.case_id);
      -- the draft decision in force: the latest original draft decision, as corrected (a correction is corrected at
      -- most once, so its chain is a line)
      with recursive chain as (
        select id, seq from case_acts where id = (select id from case_acts where case_id = new.case_id and type = 'draftDecision' and corrects is null order by seq desc limit 1)
        union all
        select c.id, c.seq from case_acts c join chain on c.corrects = chain.id
      )
      select id into current_draft from chain order by seq desc limit 1;
      if passed_draft is null then
        raise exception 'REVIEW_REQUIRED: major decision without a passed legal review (000 §25)' using errcode = 'P0001';
      end if;
      if passed_draft is distinct from current_draft then
        raise exception 'REVIEW_REQUIRED: the draft decision changed after its legal review (000 §25)' using errcode = 'P0001';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger case_acts_review_gate before insert on case_acts for each row execute function sx_review_gate()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('0009_reviews cannot be reverted: review records are append-only');
}
