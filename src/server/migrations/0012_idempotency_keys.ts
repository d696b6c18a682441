// Idempotent writes (Idempotency-Key header, draft-ietf-httpapi-idempotency-key-header; platform/idempotency.ts):
// one row per caller and key, reserved and answered in the same transaction as the write it describes, so that a
// retry after a dropped connection (or a kill -9 between commit and answer) gets the original answer instead of a
// second case, act or registration.
//
// This table is a cache of answers, not a record: rows are updated (the answer is filled in before commit) and
// deleted once older than 24 hours (the draft's expiry; platform/idempotency.ts purges them). It is therefore not
// append-only, unlike every table that holds what happened; what happened is in the tables the write itself touched.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table idempotency_keys (
      -- the caller (users.id; the nil UUID for anonymous portal callers) and the SHA-256 of the key: keys of
      -- different callers never collide, and the key itself (which also seals the answer) is not stored
      user_id uuid not null,
      key_hash text not null check (key_hash ~ '^[0-9a-f]{64}$'),
      -- the caller's binding, as every table carries one (null: deployment-wide or anonymous)
      agency_id uuid,
      division_code char(6),
      method text not null,
      route text not null,
      -- SHA-256 over the route, parameters, query, body and the route's key headers: same key, other request -> 422
      fingerprint text not null check (fingerprint ~ '^[0-9a-f]{64}$'),
      -- the answer: status, the headers worth replaying (Location…), the body sealed with AES-256-GCM under a key
      -- derived from the Idempotency-Key (a token's secret is not readable from this table without it)
      status integer check (status between 100 and 599),
      headers jsonb not null default '{}'::jsonb,
      body bytea,
      created_at timestamptz not null default now(),
      primary key (user_id, key_hash)
    )`.execute(db);
  await sql`create index idempotency_keys_created on idempotency_keys(created_at)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
