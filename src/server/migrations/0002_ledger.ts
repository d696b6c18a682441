// The tamper-evident ledger (SPEC §3.4): entries, stored Merkle nodes, signed tree heads, signing keys.
// Every table is append-only: the database refuses UPDATE, DELETE and TRUNCATE (000 §23; 002 记录办法 §37).
import { sql, type Kysely } from 'kysely';
import { refuseChanges } from './append-only.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One log per deployment; its origin and suite are fixed when the first process starts.
  await sql`
    create table ledger_log (
      id smallint primary key check (id = 1),
      origin text not null,
      suite text not null check (suite in ('sha256-ed25519', 'sm3-sm2')),
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table ledger_keys (
      key_id text primary key,
      verifier_key text not null unique,
      suite text not null,
      public_key bytea not null,
      created_at timestamptz not null default now()
    )`.execute(db);

  // The sequencing queue. A domain module's transaction inserts its record and a queue row together; once that
  // commits, the entry is acknowledged and durable. The integrator then assigns sequence numbers in queue order,
  // builds the tree in batches and removes the queue rows in the same transaction (Trillian/Tessera's sequence-then-
  // integrate split, so concurrent writers never serialise on the tree). The database refuses UPDATE, TRUNCATE, and
  // DELETE of a row that is not yet in ledger_entries: nothing acknowledged can vanish before it is in the log.
  await sql`
    create table ledger_queue (
      id bigserial primary key,
      at timestamptz not null,
      agency_id uuid,
      kind text not null,
      subject text not null,
      content_hash text not null,
      actor text not null,
      corrects bigint,
      corrects_ref bigint,
      check (corrects is null or corrects_ref is null)
    )`.execute(db);

  // seq is the leaf index. `leaf` is the exact canonical byte string hashed as H(0x00 ‖ leaf); the other columns
  // repeat its fields for queries, and `ledger verify` checks they still encode to `leaf`.
  await sql`
    create table ledger_entries (
      seq bigint primary key check (seq >= 0),
      at timestamptz not null,
      agency_id uuid,
      kind text not null,
      subject text not null,
      content_hash text not null,
      actor text not null,
      corrects bigint references ledger_entries(seq),
      leaf bytea not null,
      leaf_hash bytea not null,
      queue_id bigint not null unique,
      check (corrects is null or corrects < seq)
    )`.execute(db);
  await sql`create index ledger_entries_subject on ledger_entries(subject)`.execute(db);
  await sql`create index ledger_entries_agency on ledger_entries(agency_id, seq)`.execute(db);

  // Perfect subtrees: node (level, idx) covers leaves [idx·2^level, (idx+1)·2^level); written once when complete.
  await sql`
    create table ledger_nodes (
      level smallint not null check (level between 0 and 62),
      idx bigint not null check (idx >= 0),
      hash bytea not null,
      primary key (level, idx)
    )`.execute(db);

  await sql`
    create table ledger_tree_heads (
      id bigserial primary key,
      tree_size bigint not null check (tree_size >= 0),
      timestamp_ms bigint not null,
      root_hash bytea not null,
      signature bytea not null,
      key_id text not null references ledger_keys(key_id),
      note text not null
    )`.execute(db);
  await sql`create index ledger_tree_heads_size on ledger_tree_heads(tree_size desc, id desc)`.execute(db);

  await sql`
    create function sx_ledger_queue_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and exists (select 1 from ledger_entries where queue_id = old.id) then
        return old;
      end if;
      raise exception 'ledger_queue is append-only: % of an entry not yet in the log is refused', tg_op
        using errcode = '55000';
    end $$`.execute(db);
  await sql`create trigger ledger_queue_guard before update or delete on ledger_queue
    for each row execute function sx_ledger_queue_guard()`.execute(db);
  await sql`create trigger ledger_queue_no_truncate before truncate on ledger_queue
    for each statement execute function sx_refuse_change()`.execute(db);

  await refuseChanges(db, ['ledger_log', 'ledger_keys', 'ledger_entries', 'ledger_nodes', 'ledger_tree_heads']);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
