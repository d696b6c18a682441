// Decision publication (事后公开, SPEC §2.3; 000 §10-13; 002 公示办法 §16-18, §26-31; 003 公示办法 §7-8, §11-14).
// A decision act creates its disclosure record in the same transaction (no second entry): the fields of 003 §11 as
// the case holds them, before redaction, and the publication deadline from the policy in force. The header is written
// once; publication, exclusion, withdrawal and change (later parts) are events with a projection on the row.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table disclosures (
      id uuid primary key,
      case_id uuid not null references cases(id),
      agency_id uuid not null references agencies(id),
      division_code text not null references divisions(code),
      decision_act_id uuid not null unique references case_acts(id),
      act_category text not null,
      record jsonb not null,
      decided_on date not null,
      working_days integer not null check (working_days between 1 and 60),
      due_on date not null,
      -- projection of the publication events
      state text not null default 'pending' check (state in ('pending', 'published', 'excluded', 'withdrawn')),
      published_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index disclosures_agency on disclosures(agency_id, state, due_on)`.execute(db);
  await sql`create index disclosures_division on disclosures(division_code, state, due_on)`.execute(db);
  await sql`create index disclosures_case on disclosures(case_id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('0010_disclosures cannot be reverted: disclosure records are kept');
}
