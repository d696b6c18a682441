// Case handling with full-process recording (SPEC §3; 000 §15-24; 002 记录办法). A case's facts are its acts:
// append-only rows, each committed to the ledger as it is recorded; a mistake is fixed by a correcting act that
// points at the original. The `cases` row holds the case's header (entered once, at registration) and a projection
// of its acts (stage, dates, counters) that the service keeps in step in the same transaction.
import { sql, type Kysely } from 'kysely';
import { refuseChanges } from './append-only.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Per-agency serial numbers (案号, later 文号) by series and year.
  await sql`
    create table case_counters (
      agency_id uuid not null references agencies(id),
      series text not null,
      year integer not null,
      last integer not null,
      primary key (agency_id, series, year)
    )`.execute(db);

  await sql`
    create table cases (
      id uuid primary key,
      agency_id uuid not null references agencies(id),
      division_code text not null references divisions(code),
      number text not null,
      act_category text not null,
      origin text not null check (origin in ('application', 'exOfficio', 'complaint', 'emergency')),
      cause text not null check (length(cause) between 2 and 300),
      field text not null check (length(field) between 1 and 50),
      item_record_id uuid references registry_records(id),
      party jsonb not null,
      summary text,
      major boolean not null default false,
      handler_ids uuid[] not null,
      created_by uuid not null references users(id),
      created_at timestamptz not null default now(),
      -- projection of the acts
      stage text not null,
      opened_at timestamptz,
      opening_due_at timestamptz,
      decision_due date,
      decided_at timestamptz,
      concluded_at timestamptz,
      archive_due date,
      archived_at timestamptz,
      act_count integer not null default 0,
      updated_at timestamptz not null default now(),
      unique (agency_id, number)
    )`.execute(db);
  await sql`create index cases_agency on cases(agency_id, updated_at desc, id)`.execute(db);
  await sql`create index cases_division on cases(division_code, updated_at desc)`.execute(db);
  await sql`create index cases_handlers on cases using gin (handler_ids)`.execute(db);

  // Written explanations for an act that required AV but has none (or only part), approved by the agency head
  // (000 §19; 003 记录办法 §20(二)). Requests and decisions are both append-only rows.
  await sql`
    create table case_av_exceptions (
      id uuid primary key,
      case_id uuid not null references cases(id),
      agency_id uuid not null references agencies(id),
      act_type text not null,
      reason text not null check (length(reason) between 5 and 2000),
      requested_by uuid not null references users(id),
      requested_by_name text not null,
      requested_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table case_av_exception_decisions (
      exception_id uuid primary key references case_av_exceptions(id),
      agency_id uuid not null references agencies(id),
      approved boolean not null,
      comment text,
      decided_by uuid not null references users(id),
      decided_by_name text not null,
      decided_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table case_acts (
      id uuid primary key,
      case_id uuid not null references cases(id),
      agency_id uuid not null references agencies(id),
      seq integer not null check (seq >= 1),
      type text not null,
      occurred_at timestamptz not null,
      ended_at timestamptz,
      place text,
      officers jsonb not null,
      party_present text,
      certificate_shown boolean,
      rights_told boolean,
      content jsonb not null,
      media jsonb not null,
      av_required text not null check (av_required in ('none', 'av', 'fullAv')),
      av_exception_id uuid references case_av_exceptions(id),
      corrects uuid references case_acts(id),
      correction_reason text,
      recorded_by uuid not null references users(id),
      recorded_by_name text not null,
      recorded_at timestamptz not null,
      -- the exact bytes committed to the ledger (RFC 8785 canonical JSON) and their ledger queue reference
      canonical text not null,
      content_hash text not null,
      ledger_ref bigint not null,
      unique (case_id, seq),
      check ((corrects is null) = (correction_reason is null)),
      check (ended_at is null or ended_at >= occurred_at)
    )`.execute(db);
  await sql`create index case_acts_agency on case_acts(agency_id, recorded_at desc)`.execute(db);
  await sql`create unique index case_acts_av_exception on case_acts(av_exception_id) where av_exception_id is not null and corrects is null`.execute(
    db,
  );
  await refuseChanges(db, ['case_acts', 'case_av_exceptions', 'case_av_exception_decisions']);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
