// Publication of decisions (SPEC §2.3-2.4): every step after the record was created — the editor's redacted version,
// the second person's publication, exclusion (不予公开) and the head's approval to publish anyway (003 §8), withdrawal
// on a remedy outcome (000 §13) and the change notice (003 §14), take-down after the pack's years (002 §28) — is an
// append-only event; the disclosures row carries the projection the portal reads (published fields, search terms).
// Correction requests from the public (002 §31) are tracked to an answer with a lookup code.
import { sql, type Kysely } from 'kysely';
import { refuseChanges } from './append-only.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table disclosure_events (
      id uuid primary key,
      disclosure_id uuid not null references disclosures(id),
      agency_id uuid not null references agencies(id),
      seq integer not null,
      kind text not null,
      data jsonb not null,
      ledger_ref bigint,
      actor_id uuid references users(id),
      actor_name text not null,
      at timestamptz not null default now(),
      unique (disclosure_id, seq)
    )`.execute(db);
  await refuseChanges(db, ['disclosure_events']);

  // the states a record can be in, and the projection of its events
  await sql`alter table disclosures drop constraint disclosures_state_check`.execute(db);
  await sql`alter table disclosures add constraint disclosures_state_check
    check (state in ('pending', 'prepared', 'published', 'excluded', 'withdrawn'))`.execute(db);
  await sql`alter table disclosures
    add column prepared jsonb,
    add column prepared_by uuid references users(id),
    add column published jsonb,
    add column published_by uuid references users(id),
    add column published_on date,
    add column working_days_late integer check (working_days_late >= 0),
    add column exclusion jsonb,
    add column remedy jsonb,
    add column withdrawn_at timestamptz,
    add column change_due_on date,
    add column change_notice jsonb,
    add column take_down_on date,
    add column terms text[]`.execute(db);
  // the portal: published records by decision date (cursor paging), and the bigram terms of the published text
  await sql`create index disclosures_portal on disclosures(decided_on desc, id desc) where state = 'published'`.execute(db);
  await sql`create index disclosures_portal_agency on disclosures(agency_id, decided_on desc, id desc) where state = 'published'`.execute(
    db,
  );
  await sql`create index disclosures_portal_division on disclosures(division_code, decided_on desc, id desc) where state = 'published'`.execute(
    db,
  );
  await sql`create index disclosures_terms on disclosures using gin(terms) where state = 'published'`.execute(db);
  // element statistics for every common bigram, so that the planner knows a frequent word (scan newest first and
  // filter) from a rare one (the GIN index)
  await sql`alter table disclosures alter column terms set statistics 1000`.execute(db);

  await sql`
    create table disclosure_corrections (
      id uuid primary key,
      code text not null unique,
      disclosure_id uuid not null references disclosures(id),
      agency_id uuid not null references agencies(id),
      division_code text not null references divisions(code),
      requester jsonb not null,
      content text not null check (length(content) between 1 and 4000),
      attachments jsonb not null default '[]',
      received_on date not null,
      due_on date not null,
      -- projection of the answer (written once)
      state text not null default 'open' check (state in ('open', 'corrected', 'rejected')),
      answer text,
      answered_by uuid references users(id),
      answered_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);
  // files the public attaches to a correction request (uploaded first, then referred to by the request)
  await sql`
    create table disclosure_attachments (
      id uuid primary key,
      disclosure_id uuid not null references disclosures(id),
      agency_id uuid not null references agencies(id),
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      content_type text not null,
      size integer not null check (size > 0),
      name text not null check (length(name) between 1 and 100),
      created_at timestamptz not null default now()
    )`.execute(db);
  await refuseChanges(db, ['disclosure_attachments']);
  await sql`create index disclosure_corrections_agency on disclosure_corrections(agency_id, state, due_on)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('0011_publication cannot be reverted: publication events are kept');
}
