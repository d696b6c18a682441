// SQL for the ledger. Appends insert queue rows inside the caller's transaction; the integrator, serialised by a
// transaction-scoped advisory lock, moves them into the tree.
import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { whereInScope, type Actor } from '../../platform/access.ts';
import type { NodeId, StoredNode } from './merkle.ts';

/** Arbitrary constant naming the ledger's append lock (pg_advisory_xact_lock). */
const APPEND_LOCK = 0x53584c47; // "SXLG"

/** Take the integrator's lock for this transaction; false when another process holds it. */
export async function tryLockForIntegration(db: Db): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${APPEND_LOCK}) as ok`.execute(db);
  return r.rows[0]!.ok;
}

export interface QueueInput {
  at: Date;
  agencyId: string | null;
  kind: string;
  subject: string;
  contentHash: string;
  actor: string;
  corrects: number | null;
  correctsRef: number | null;
}

/** Insert queue rows (in batches below the 65,535 bind-parameter limit; pass a transaction for more than one). */
export async function enqueue(db: Db, rows: QueueInput[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 4000) {
    const out = await db
      .insertInto('ledger_queue')
      .values(
        rows.slice(i, i + 4000).map((r) => ({
          at: r.at,
          agency_id: r.agencyId,
          kind: r.kind,
          subject: r.subject,
          content_hash: r.contentHash,
          actor: r.actor,
          corrects: r.corrects,
          corrects_ref: r.correctsRef,
        })),
      )
      .returning('id')
      .execute();
    ids.push(...out.map((r) => Number(r.id)));
  }
  return ids;
}

export const pendingQueue = (db: Db, limit: number) => db.selectFrom('ledger_queue').selectAll().orderBy('id').limit(limit).execute();

export async function pendingCount(db: Db): Promise<number> {
  return Number(
    (
      await sql<{ n: string }>`select count(*) as n from ledger_queue q
    where not exists (select 1 from ledger_entries e where e.queue_id = q.id)`.execute(db)
    ).rows[0]!.n,
  );
}

/** Remove queue rows whose entries are now in the log (the database refuses it for any other row). */
export async function dequeue(db: Db, ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 5000)
    await db
      .deleteFrom('ledger_queue')
      .where('id', 'in', ids.slice(i, i + 5000).map(String))
      .execute();
}

/** Whether a queue reference is pending or integrated. */
export async function refExists(db: Db, ref: number): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`select exists (select 1 from ledger_queue where id = ${ref})
    or exists (select 1 from ledger_entries where queue_id = ${ref}) as ok`.execute(db);
  return r.rows[0]!.ok;
}

/** seq of integrated entries by their queue reference. */
export async function seqsOfRefs(db: Db, refs: readonly number[]): Promise<Map<number, { seq: number; leafHash: Uint8Array }>> {
  if (!refs.length) return new Map();
  const rows = await db
    .selectFrom('ledger_entries')
    .select(['seq', 'queue_id', 'leaf_hash'])
    .where('queue_id', 'in', refs.map(String))
    .execute();
  return new Map(rows.map((r) => [Number(r.queue_id), { seq: Number(r.seq), leafHash: new Uint8Array(r.leaf_hash) }]));
}

export async function treeSize(db: Db): Promise<number> {
  const r = await sql<{ n: string | null }>`select max(seq) + 1 as n from ledger_entries`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

export async function fetchNodes(db: Db, ids: readonly NodeId[]): Promise<Uint8Array[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('ledger_nodes')
    .select(['level', 'idx', 'hash'])
    .where((eb) => eb.or(ids.map((id) => eb.and([eb('level', '=', id.level), eb('idx', '=', String(id.index))]))))
    .execute();
  const byKey = new Map(rows.map((r) => [`${r.level}/${r.idx}`, r.hash]));
  return ids.map((id) => {
    const h = byKey.get(`${id.level}/${id.index}`);
    if (!h) throw new Error(`ledger node ${id.level}/${id.index} is missing`);
    return new Uint8Array(h);
  });
}

export interface EntryRow {
  seq: number;
  at: Date;
  agencyId: string | null;
  kind: string;
  subject: string;
  contentHash: string;
  actor: string;
  corrects: number | null;
  leaf: Uint8Array;
  leafHash: Uint8Array;
  queueId: number;
}

export async function insertEntries(db: Db, entries: EntryRow[], nodes: StoredNode[]): Promise<void> {
  // Batches stay below PostgreSQL's 65,535 bind parameters.
  for (let i = 0; i < entries.length; i += 1000) {
    await db
      .insertInto('ledger_entries')
      .values(
        entries.slice(i, i + 1000).map((e) => ({
          seq: e.seq,
          at: e.at,
          agency_id: e.agencyId,
          kind: e.kind,
          subject: e.subject,
          content_hash: e.contentHash,
          actor: e.actor,
          corrects: e.corrects,
          leaf: e.leaf,
          leaf_hash: e.leafHash,
          queue_id: e.queueId,
        })),
      )
      .execute();
  }
  // Level-0 nodes are the entries' leaf hashes; store them too so proofs read one table.
  for (let i = 0; i < nodes.length; i += 1000) {
    await db
      .insertInto('ledger_nodes')
      .values(nodes.slice(i, i + 1000).map((n) => ({ level: n.level, idx: String(n.index), hash: n.hash })))
      .execute();
  }
}

export async function entryExists(db: Db, seq: number): Promise<boolean> {
  return !!(await db.selectFrom('ledger_entries').select('seq').where('seq', '=', String(seq)).executeTakeFirst());
}

export async function entriesRange(db: Db, start: number, endInclusive: number) {
  const rows = await db
    .selectFrom('ledger_entries')
    .select(['seq', 'at', 'agency_id', 'kind', 'subject', 'content_hash', 'actor', 'corrects', 'leaf', 'leaf_hash', 'queue_id'])
    .where('seq', '>=', String(start))
    .where('seq', '<=', String(endInclusive))
    .orderBy('seq')
    .execute();
  return rows.map((r): EntryRow => ({
    seq: Number(r.seq),
    at: r.at,
    agencyId: r.agency_id,
    kind: r.kind,
    subject: r.subject,
    contentHash: r.content_hash,
    actor: r.actor,
    corrects: r.corrects === null ? null : Number(r.corrects),
    leaf: new Uint8Array(r.leaf),
    leafHash: new Uint8Array(r.leaf_hash),
    queueId: Number(r.queue_id),
  }));
}

/**
 * The entries in [start, endInclusive] inside the actor's scope, as seq and leaf (issue 14: the range was read in
 * full by anyone with the role). An entry is of its agency's division; one without an agency (deployment-level)
 * only a deployment-wide actor sees.
 */
export async function entriesInScope(db: Db, actor: Actor, start: number, endInclusive: number) {
  const q = db
    .selectFrom('ledger_entries as e')
    .leftJoin('agencies as a', 'a.id', 'e.agency_id')
    .select(['e.seq', 'e.leaf'])
    .where('e.seq', '>=', String(start))
    .where('e.seq', '<=', String(endInclusive));
  const rows = await whereInScope(q, actor, { agencyId: 'e.agency_id', divisionCode: 'a.division_code' }).orderBy('e.seq').execute();
  return rows.map((r) => ({ seq: Number(r.seq), leaf: new Uint8Array(r.leaf) }));
}

/** The exact leaf bytes of integrated entries, by seq. */
export async function leavesAt(db: Db, seqs: readonly number[]): Promise<Map<number, Uint8Array>> {
  if (!seqs.length) return new Map();
  const rows = await db.selectFrom('ledger_entries').select(['seq', 'leaf']).where('seq', 'in', seqs.map(String)).execute();
  return new Map(rows.map((r) => [Number(r.seq), new Uint8Array(r.leaf)]));
}

/** The first entry of this kind about this subject: integrated (seq and leaf bytes) or, failing that, still queued. */
export async function entryOfSubject(db: Db, kind: string, subject: string) {
  const r = await sql<{ seq: string | null; content_hash: string; leaf: Uint8Array | null }>`
    select seq::text, content_hash, leaf from ledger_entries where kind = ${kind} and subject = ${subject}
    union all
    select null, content_hash, null from ledger_queue where kind = ${kind} and subject = ${subject}
    limit 1`.execute(db);
  return r.rows[0];
}

export async function seqsOfSubjects(db: Db, kind: string, subjects: readonly string[]): Promise<Map<string, number>> {
  if (!subjects.length) return new Map();
  const rows = await db
    .selectFrom('ledger_entries')
    .select(['seq', 'subject'])
    .where('kind', '=', kind)
    .where('subject', 'in', [...subjects])
    .orderBy('seq')
    .execute();
  const out = new Map<string, number>();
  for (const r of rows) if (!out.has(r.subject)) out.set(r.subject, Number(r.seq));
  return out;
}

export const nodesOfLevelRange = (db: Db, level: number, from: number, to: number) =>
  db
    .selectFrom('ledger_nodes')
    .select(['idx', 'hash'])
    .where('level', '=', level)
    .where('idx', '>=', String(from))
    .where('idx', '<', String(to))
    .orderBy('idx')
    .execute();

export const countNodes = async (db: Db) =>
  Number((await sql<{ n: string }>`select count(*) as n from ledger_nodes`.execute(db)).rows[0]!.n);

export const latestTreeHead = (db: Db) =>
  db
    .selectFrom('ledger_tree_heads as t')
    .innerJoin('ledger_keys as k', 'k.key_id', 't.key_id')
    .select(['t.id', 't.tree_size', 't.timestamp_ms', 't.root_hash', 't.signature', 't.note', 't.key_id', 'k.public_key', 'k.suite'])
    .orderBy('t.tree_size', 'desc')
    .orderBy('t.id', 'desc')
    .limit(1)
    .executeTakeFirst();

export const allTreeHeads = (db: Db) =>
  db
    .selectFrom('ledger_tree_heads as t')
    .innerJoin('ledger_keys as k', 'k.key_id', 't.key_id')
    .select(['t.id', 't.tree_size', 't.timestamp_ms', 't.root_hash', 't.signature', 't.note', 'k.verifier_key', 'k.suite', 'k.public_key'])
    .orderBy('t.tree_size')
    .orderBy('t.id')
    .execute();

export const insertTreeHead = (
  db: Db,
  h: { size: number; timestampMs: number; root: Uint8Array; signature: Uint8Array; keyId: string; note: string },
) =>
  db
    .insertInto('ledger_tree_heads')
    .values({ tree_size: h.size, timestamp_ms: h.timestampMs, root_hash: h.root, signature: h.signature, key_id: h.keyId, note: h.note })
    .execute();

export const findLog = (db: Db) => db.selectFrom('ledger_log').selectAll().where('id', '=', 1).executeTakeFirst();
export const insertLog = (db: Db, origin: string, suite: string) =>
  db
    .insertInto('ledger_log')
    .values({ id: 1, origin, suite })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();

export const listKeys = (db: Db) =>
  db.selectFrom('ledger_keys').select(['key_id', 'verifier_key', 'suite', 'public_key', 'created_at']).orderBy('created_at').execute();
export const insertKey = (db: Db, k: { keyId: string; verifierKey: string; suite: string; publicKey: Uint8Array }) =>
  db
    .insertInto('ledger_keys')
    .values({ key_id: k.keyId, verifier_key: k.verifierKey, suite: k.suite, public_key: k.publicKey })
    .onConflict((oc) => oc.column('key_id').doNothing())
    .execute();
