// `sanxiang ledger verify`: recompute the whole tree from the stored entries, compare every stored node and every
// signed tree head (root and signature), and report the first divergence. Reads the database only.
import type { Db } from '../../platform/db.ts';
import { formatCheckpoint, openCheckpoint, parseVerifierKey } from '../../platform/crypto/checkpoint.ts';
import type { Suite } from '../../platform/crypto/suite.ts';
import * as merkle from './merkle.ts';
import * as repo from './ledger.repo.ts';
import { decodeEntry } from './ledger.entry.ts';

export interface Divergence {
  kind: 'entry' | 'node' | 'treeHead';
  /** Entry sequence number, node "level/index", or tree-head size. */
  at: string;
  message: string;
}

export interface VerifyReport {
  ok: boolean;
  treeSize: number;
  entriesChecked: number;
  nodesChecked: number;
  treeHeadsChecked: number;
  /** Acknowledged entries still waiting in the queue for a sequence number (not an error). */
  pending: number;
  root: string;
  firstDivergence: Divergence | null;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

export async function verifyLedger(db: Db, suite: Suite, origin: string, batchSize = 5000): Promise<VerifyReport> {
  const h: merkle.HashFn = (d) => suite.hash(d);
  const size = await repo.treeSize(db);
  const heads = await repo.allTreeHeads(db);
  const report: VerifyReport = {
    ok: true,
    treeSize: size,
    entriesChecked: 0,
    nodesChecked: 0,
    treeHeadsChecked: 0,
    pending: await repo.pendingCount(db),
    root: hex(merkle.emptyRoot(h)),
    firstDivergence: null,
  };
  const fail = (d: Divergence) => ({ ...report, ok: false, firstDivergence: d });

  let headIdx = 0;
  let frontier: Uint8Array[] = [];
  let root = merkle.emptyRoot(h);
  let built = 0;

  const checkHeadsAt = (n: number): Divergence | null => {
    while (headIdx < heads.length && Number(heads[headIdx]!.tree_size) === n) {
      const head = heads[headIdx++]!;
      report.treeHeadsChecked++;
      const at = `size ${n} (head #${head.id})`;
      if (!same(new Uint8Array(head.root_hash), root))
        return { kind: 'treeHead', at, message: `signed root ${hex(head.root_hash)} ≠ recomputed ${hex(root)}` };
      const body = new TextEncoder().encode(formatCheckpoint({ origin, size: n, rootHash: root }));
      if (!suite.verify(new Uint8Array(head.public_key), body, new Uint8Array(head.signature)))
        return { kind: 'treeHead', at, message: 'signature does not verify' };
      try {
        openCheckpoint(head.note, [parseVerifierKey(head.verifier_key)], origin);
      } catch (e) {
        return { kind: 'treeHead', at, message: `signed note: ${(e as Error).message}` };
      }
    }
    return null;
  };

  const d0 = checkHeadsAt(0);
  if (d0) return fail(d0);
  for (let start = 0; start < size; start += batchSize) {
    const end = Math.min(size, start + batchSize);
    const rows = await repo.entriesRange(db, start, end - 1);
    // Every node this batch completes lies, per level, within [start >> level, end >> level].
    const stored = new Map<string, Uint8Array>();
    for (let level = 0; 2 ** level <= end; level++) {
      const from = Math.floor(start / 2 ** level);
      for (const n of await repo.nodesOfLevelRange(db, level, from, Math.floor(end / 2 ** level) + 1))
        stored.set(`${level}/${n.idx}`, new Uint8Array(n.hash));
    }
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const at = String(start + i);
      if (r.seq !== start + i) return fail({ kind: 'entry', at, message: `sequence gap: found ${r.seq}` });
      let e;
      try {
        e = decodeEntry(r.leaf);
      } catch (err) {
        return fail({ kind: 'entry', at, message: `stored bytes are not a canonical entry: ${(err as Error).message}` });
      }
      const columns = {
        seq: r.seq,
        time: r.at.toISOString(),
        agency: r.agencyId,
        kind: r.kind,
        subject: r.subject,
        contentHash: r.contentHash,
        actor: r.actor,
        corrects: r.corrects,
      };
      for (const [k, v] of Object.entries(columns))
        if (e[k as keyof typeof e] !== v)
          return fail({
            kind: 'entry',
            at,
            message: `column ${k} (${String(v)}) differs from the signed entry (${String(e[k as keyof typeof e])})`,
          });
      const lh = merkle.leafHash(h, r.leaf);
      if (!same(lh, r.leafHash)) return fail({ kind: 'entry', at, message: 'stored leaf hash differs from H(0x00 ‖ entry)' });
      const step = merkle.appendLeaves(h, built, frontier, [lh]);
      for (const node of step.nodes) {
        const key = `${node.level}/${node.index}`;
        const got = stored.get(key);
        report.nodesChecked++;
        if (!got) return fail({ kind: 'node', at: key, message: 'stored node is missing' });
        if (!same(got, node.hash)) return fail({ kind: 'node', at: key, message: 'stored node hash differs from the recomputed one' });
      }
      frontier = step.frontier;
      root = step.root;
      built = step.size;
      report.entriesChecked++;
      const d = checkHeadsAt(built);
      if (d) return fail(d);
    }
  }
  if (headIdx < heads.length)
    return fail({
      kind: 'treeHead',
      at: `size ${heads[headIdx]!.tree_size}`,
      message: `a tree head is signed for more entries than the log holds (${size})`,
    });
  const totalNodes = await repo.countNodes(db);
  if (totalNodes !== report.nodesChecked)
    return fail({ kind: 'node', at: '-', message: `${totalNodes - report.nodesChecked} stored nodes belong to no entry` });
  return { ...report, root: hex(root) };
}
