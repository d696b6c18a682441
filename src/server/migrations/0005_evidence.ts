// Evidence files (SPEC §3.3-3.4): the metadata of every stored file, append-only like the ledger (000 §23:
// 不得伪造、修改、编辑、剪辑、删除执法过程的原始记录), and the mutable work table of resumable uploads.
import { sql, type Kysely } from 'kysely';
import { refuseChanges } from './append-only.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table evidence_files (
      id uuid primary key,
      agency_id uuid not null references agencies(id),
      uploaded_by uuid not null references users(id),
      uploaded_at timestamptz not null default now(),
      upload_id uuid not null unique,
      size bigint not null check (size >= 0),
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      sm3 text check (sm3 ~ '^[0-9a-f]{64}$'),
      content_type text not null check (length(content_type) between 1 and 200),
      file_name text not null check (length(file_name) between 1 and 255),
      device_id text check (length(device_id) <= 100),
      officer_user_id uuid references users(id),
      officer_name text check (length(officer_name) <= 100),
      recording_start timestamptz,
      recording_end timestamptz,
      place text check (length(place) <= 500),
      interruptions jsonb not null default '[]',
      upload_deadline timestamptz,
      late boolean not null default false,
      late_reason text check (length(late_reason) <= 1000),
      check (recording_start is null or recording_end is null or recording_start <= recording_end),
      check (not late or late_reason is not null)
    )`.execute(db);
  await sql`create index evidence_files_agency on evidence_files(agency_id, uploaded_at desc, id)`.execute(db);
  await sql`create index evidence_files_sha256 on evidence_files(sha256)`.execute(db);
  await refuseChanges(db, ['evidence_files']);

  // Work table: one row per resumable upload while it is in progress (offset = bytes staged on disk and synced).
  // Deleted on termination; kept, status 'completed' and pointing at the evidence row, once complete.
  await sql`
    create table upload_sessions (
      id uuid primary key,
      agency_id uuid not null references agencies(id),
      created_by uuid not null references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      length bigint not null check (length >= 0),
      upload_offset bigint not null default 0 check (upload_offset >= 0 and upload_offset <= length),
      status text not null default 'active' check (status in ('active', 'completed')),
      metadata jsonb not null,
      evidence_id uuid references evidence_files(id),
      check ((status = 'completed') = (evidence_id is not null))
    )`.execute(db);
  await sql`create index upload_sessions_agency on upload_sessions(agency_id, created_at desc)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
