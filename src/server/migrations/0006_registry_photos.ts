// Officer photos (SPEC §2.1 执法人员名录: photo). The image is a blob in the content-addressed store; this table
// records who uploaded it for which agency and its type detected from the bytes. A photo is public only while a
// published officer version refers to it.
import { sql, type Kysely } from 'kysely';
import { refuseChanges } from './append-only.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table registry_photos (
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      agency_id uuid not null references agencies(id),
      content_type text not null,
      size integer not null check (size > 0),
      uploaded_by uuid not null references users(id),
      uploaded_at timestamptz not null default now(),
      primary key (agency_id, sha256)
    )`.execute(db);
  await refuseChanges(db, ['registry_photos']);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
