// Officer photos: an editor uploads a JPEG/PNG/WebP (checked by its bytes, at most 2 MB), it is stored once in the
// blob store, and the officer's data refers to it as "sha256:<hex>". The portal serves a photo only through a
// published officer that refers to it; the back office previews its own agency's photos.
import type { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { AppError, notFound } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { putBuffer, type BlobStore } from '../../platform/blob-store/index.ts';
import { assertMayDraft } from './record.policy.ts';
import * as repo from './record.repo.ts';

export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

export async function uploadPhoto(ctx: Ctx, blobs: BlobStore, body: Buffer, agencyId?: string) {
  const agency = agencyId ?? ctx.actor.agencyId;
  if (!agency) throw new AppError('BAD_REQUEST', '请指定所属执法部门（agency）');
  assertMayDraft(ctx.actor, agency);
  const type = await fileTypeFromBuffer(body);
  if (!type || !PHOTO_TYPES.has(type.mime))
    throw new AppError('INVALID_PHOTO', '照片应为 JPEG、PNG 或 WebP 图片（按文件内容识别，不看扩展名）', { detected: type?.mime ?? null });
  const sha256 = await putBuffer(blobs, body);
  await repo.insertPhoto(ctx.db, { sha256, agencyId: agency, contentType: type.mime, size: body.length, uploadedBy: ctx.actor.userId });
  await writeAudit(ctx.db, {
    action: 'registry.photo',
    actor: ctx.actor,
    ip: ctx.ip,
    agencyId: agency,
    subject: sha256,
    details: { contentType: type.mime, size: body.length },
  });
  return { photo: `sha256:${sha256}`, contentType: type.mime, size: body.length };
}

const hexOf = (ref: unknown) => (typeof ref === 'string' && /^sha256:[0-9a-f]{64}$/.test(ref) ? ref.slice(7) : null);

async function open(
  db: Db,
  blobs: BlobStore,
  agencyId: string,
  sha256: string,
): Promise<{ stream: Readable; contentType: string; size: number }> {
  const photo = await repo.findPhoto(db, agencyId, sha256);
  if (!photo) throw notFound('照片');
  return { stream: await blobs.get(sha256), contentType: photo.content_type, size: photo.size };
}

/** The photo of a published officer (public). */
export async function publicOfficerPhoto(db: Db, blobs: BlobStore, recordId: string) {
  const r = await repo.publishedRecord(db, recordId);
  const sha256 = r?.kind === 'officer' ? hexOf(r.data.photo) : null;
  if (!r || !sha256) throw notFound('照片');
  return { ...(await open(db, blobs, r.agency_id, sha256)), sha256 };
}

/** A photo of the actor's agency, for previews in the back office (drafts included). */
export async function agencyPhoto(ctx: Ctx, blobs: BlobStore, sha256: string) {
  if (!ctx.actor.agencyId) throw notFound('照片');
  return open(ctx.db, blobs, ctx.actor.agencyId, sha256);
}
