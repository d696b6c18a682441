// Dynamic update of pre-publication information (002 公示办法 §25; 003 公示办法 §13(一)): when a law, regulation or
// the agency's duties change, every published item citing it must be updated within the policy's deadline.
// A recorded change and the items it affected (a snapshot taken when it was recorded) are append-only.
import { sql, type Kysely } from 'kysely';
import { refuseChanges } from './append-only.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table law_changes (
      id uuid primary key default gen_random_uuid(),
      agency_id uuid not null references agencies(id),
      division_code text not null,
      kind text not null check (kind in ('law', 'duties')),
      title text not null,
      match_text text not null,
      effective_date date not null,
      note text,
      deadline date,
      schedule_complete boolean not null,
      policy_id text not null,
      recorded_by uuid not null references users(id),
      recorded_by_name text not null,
      recorded_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index law_changes_agency on law_changes(agency_id, recorded_at desc)`.execute(db);
  await sql`
    create table law_change_items (
      change_id uuid not null references law_changes(id),
      record_id uuid not null references registry_records(id),
      agency_id uuid not null references agencies(id),
      version_no integer not null,
      primary key (change_id, record_id)
    )`.execute(db);
  await refuseChanges(db, ['law_changes', 'law_change_items']);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
