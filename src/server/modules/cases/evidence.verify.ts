// Checking evidence files against the ledger and the blob store (SPEC §3.4: tampering must be detectable, not only
// forbidden): each file's ledger entry must exist and commit to the file's hash, and the stored bytes must still hash
// to it. Used by `sanxiang ledger verify` (every file) and GET /api/v1/evidence/:id/verify (one file, with proof).
import type { Db } from '../../platform/db.ts';
import { verifyBlob, type BlobCheck, type BlobStore } from '../../platform/blob-store/index.ts';
import type { SuiteId } from '../../platform/crypto/suite.ts';
import type { LedgerService } from '../ledger/ledger.service.ts';
import * as merkle from '../ledger/merkle.ts';
import { decodeEntry } from '../ledger/ledger.entry.ts';
import { entryOfSubject } from '../ledger/ledger.repo.ts';
import * as repo from './evidence.repo.ts';

export interface EvidenceProblem {
  evidenceId: string;
  message: string;
}

const expectedContentHash = (suite: SuiteId, row: { sha256: string; sm3: string | null }) =>
  suite === 'sm3-sm2' ? `sm3:${row.sm3}` : `sha256:${row.sha256}`;

/**
 * The evidence file's ledger entry: integrated (seq, and the content hash read from the signed leaf bytes, not from
 * a column) or still queued.
 */
async function entryOf(
  db: Db,
  evidenceId: string,
): Promise<{ seq: number | null; contentHash: string; leaf: Uint8Array | null } | undefined> {
  const row = await entryOfSubject(db, 'evidence.file', evidenceId);
  if (!row) return undefined;
  if (!row.leaf) return { seq: null, contentHash: row.content_hash, leaf: null };
  const leaf = new Uint8Array(row.leaf);
  let contentHash: string;
  try {
    contentHash = decodeEntry(leaf).contentHash;
  } catch {
    contentHash = '(leaf bytes are not a canonical entry)';
  }
  return { seq: Number(row.seq), contentHash, leaf };
}

/** Check every evidence file (oldest first); `onProgress` is told how many are done. */
export async function verifyAllEvidence(
  db: Db,
  blobs: BlobStore,
  suite: SuiteId,
  o: { checkBlobs: boolean; onProgress?: (done: number, total: number) => void },
) {
  const total = await repo.countEvidence(db);
  const problems: EvidenceProblem[] = [];
  let done = 0;
  let after: string | null = null;
  for (;;) {
    const rows = await repo.evidencePageForCheck(db, after, 500);
    if (!rows.length) break;
    for (const row of rows) {
      const entry = await entryOf(db, row.id);
      if (!entry) problems.push({ evidenceId: row.id, message: '账本中没有该证据文件的条目' });
      else if (entry.contentHash !== expectedContentHash(suite, row))
        problems.push({ evidenceId: row.id, message: `账本条目记录的哈希 ${entry.contentHash} 与证据文件元数据不符` });
      // bytes destroyed after the retention period (an approved, ledgered destruction) are meant to be gone
      if (o.checkBlobs && !row.destroyed_at) {
        const b = await verifyBlob(blobs, row.sha256);
        if (!b.present) problems.push({ evidenceId: row.id, message: '存储中找不到该文件' });
        else if (!b.ok) problems.push({ evidenceId: row.id, message: `文件内容已被改动：现在的 SHA-256 为 ${b.actualSha256}` });
      }
      o.onProgress?.(++done, total);
    }
    after = rows[rows.length - 1]!.id;
  }
  return { checked: done, problems };
}

export interface EvidenceVerification {
  ok: boolean;
  blob: BlobCheck;
  ledger: {
    found: boolean;
    seq: number | null;
    contentHash: string | null;
    matches: boolean;
    /** The entry's inclusion proof checks against the newest signed tree head (null while still queued). */
    included: boolean | null;
    treeSize: number | null;
  };
}

/** One file: its bytes, its ledger entry, and the entry's inclusion in the newest signed tree head. */
export async function verifyEvidence(
  db: Db,
  blobs: BlobStore,
  ledger: LedgerService,
  row: { id: string; sha256: string; sm3: string | null },
): Promise<EvidenceVerification> {
  const blob = await verifyBlob(blobs, row.sha256);
  const entry = await entryOf(db, row.id);
  let included: boolean | null = null;
  let treeSize: number | null = null;
  if (entry?.seq != null && entry.leaf) {
    const head = await ledger.treeHead(db);
    treeSize = head.treeSize;
    if (entry.seq < head.treeSize) {
      const proof = await ledger.inclusionProof(db, entry.seq, head.treeSize);
      included = merkle.verifyInclusion(
        ledger.hash,
        merkle.leafHash(ledger.hash, entry.leaf),
        entry.seq,
        head.treeSize,
        proof,
        head.rootHash,
      );
    }
  }
  const matches = !!entry && entry.contentHash === expectedContentHash(ledger.suite.id, row);
  return {
    ok: blob.ok && matches && included !== false,
    blob,
    ledger: { found: !!entry, seq: entry?.seq ?? null, contentHash: entry?.contentHash ?? null, matches, included, treeSize },
  };
}
