// Evidence files: recording a completed upload (metadata row + ledger entry in one transaction), reading metadata,
// and opening the content for download (every download audited, SPEC §3.5).
import type { Readable } from 'node:stream';
import { AppError, notFound } from '../../platform/errors.ts';
import { destroyedEvidence } from './case.repo.ts';
import { writeAudit } from '../../platform/audit.ts';
import { assertEvidenceAccess } from './case.access.ts';
import { inTransaction, type Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import type { BlobStore, ByteRange } from '../../platform/blob-store/index.ts';
import type { LedgerService } from '../ledger/ledger.service.ts';
import * as repo from './evidence.repo.ts';
import type { EvidenceView, ListEvidenceQuery } from './evidence.schema.ts';

/**
 * Commit a stored blob as an evidence file: the metadata row and its ledger entry commit together (the blob must
 * already be durable in the store). The entry commits to the content with the ledger suite's hash.
 */
export async function recordEvidence(
  db: Db,
  ledger: LedgerService,
  e: repo.NewEvidence,
  by: { username: string; ip?: string | null },
  inSameTransaction: (trx: Db) => Promise<void>,
): Promise<void> {
  const contentHash = ledger.suite.id === 'sm3-sm2' ? `sm3:${e.sm3}` : `sha256:${e.sha256}`;
  await inTransaction(db, async (trx) => {
    await repo.insertEvidence(trx, e);
    await ledger.append(trx, [{ kind: 'evidence.file', subject: e.id, contentHash, agencyId: e.agency_id, actor: by.username }]);
    await inSameTransaction(trx);
    await writeAudit(trx, {
      action: 'evidence.create',
      actor: { userId: e.uploaded_by, username: by.username },
      ip: by.ip,
      agencyId: e.agency_id,
      subject: e.id,
      details: { sha256: e.sha256, size: e.size, contentType: e.content_type, fileName: e.file_name, late: e.late },
    });
  });
}

/** An evidence file's metadata (`view`), or checked for download (`copy`: the access rules of the cases linking it). */
export async function getEvidence(ctx: Ctx, id: string, need: 'view' | 'copy' = 'view'): Promise<EvidenceView> {
  const row = await repo.findEvidence(ctx.db, id);
  if (!row) throw notFound('证据文件');
  await assertEvidenceAccess(ctx.db, ctx.actor, row, need);
  if (need === 'copy' && (await destroyedEvidence(ctx.db, [row.id])).size)
    throw new AppError('EVIDENCE_DESTROYED', '该音像记录已在保存期满后经批准销毁，销毁记录已写入账本');
  return repo.toEvidenceView(row);
}

export async function listEvidence(ctx: Ctx, q: ListEvidenceQuery): Promise<EvidenceView[]> {
  return (await repo.listEvidence(ctx.db, ctx.actor, q)).map(repo.toEvidenceView);
}

/** The bytes of an evidence file the actor may see (`range` inclusive, already checked against its size); audited. */
export async function openEvidenceContent(ctx: Ctx, blobs: BlobStore, evidence: EvidenceView, range: ByteRange | null): Promise<Readable> {
  const stream = await blobs.get(evidence.sha256, range ?? undefined);
  await writeAudit(ctx.db, {
    action: 'evidence.download',
    actor: ctx.actor,
    ip: ctx.ip,
    agencyId: evidence.agencyId,
    subject: evidence.id,
    details: { sha256: evidence.sha256, fileName: evidence.fileName, range: range ? `${range.start}-${range.end}` : null },
  });
  return stream;
}
