// Resumable uploads (tus 1.0 core + creation + termination) behind the HTTP layer in upload.routes.ts.
// One upload = a row in upload_sessions (agency-scoped) + a staged part on local disk. When the last byte arrives:
// check the declared hash, detect the type from the content, put the blob in the store (durable), then insert the
// evidence row and its ledger entry in one transaction.
import crypto from 'node:crypto';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileTypeFromFile } from 'file-type';
import { AppError, notFound } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit.ts';
import { hasRole, type Actor } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Deps } from '../../platform/app-types.ts';
import * as repo from './evidence.repo.ts';
import { recordEvidence } from './evidence.service.ts';
import { safeFileName, uploadDeadline } from './evidence.rules.ts';
import { uploadMetadataSchema, type Interruption } from './evidence.schema.ts';
import { UploadStaging, type HashOptions } from '../../platform/blob-store/upload-staging.ts';

/** What an upload session keeps until completion (validated metadata, deadline, who uploads). */
interface SessionMetadata {
  fileName: string;
  sha256: string | null;
  sm3: string | null;
  deviceId: string | null;
  officerUserId: string | null;
  officerName: string | null;
  recordingStart: string | null;
  recordingEnd: string | null;
  place: string | null;
  interruptions: Interruption[];
  uploadDeadline: string | null;
  late: boolean;
  lateReason: string | null;
  uploaderUsername: string;
}

export interface UploadStatus {
  length: number;
  offset: number;
  evidenceId: string | null;
}

const GIB = 1024 ** 3;

export class UploadService {
  readonly staging: UploadStaging;
  /** The PATCH (or completion) in progress per upload; a newer PATCH supersedes an older one (a dead connection). */
  private readonly active = new Map<string, { source: Readable | null; done: Promise<void> }>();

  constructor(private readonly deps: Deps) {
    this.staging = new UploadStaging(path.join(deps.config.dataDir, 'uploads'));
  }

  get maxBytes(): number {
    return this.deps.config.uploadMaxBytes;
  }

  async create(ctx: Ctx, length: number, raw: Record<string, string>): Promise<string> {
    const agencyId = requireUploader(ctx.actor);
    if (length > this.maxBytes)
      throw new AppError('PAYLOAD_TOO_LARGE', `文件大小 ${length} 字节超过上传上限 ${formatSize(this.maxBytes)}`, {
        length,
        max: this.maxBytes,
      });
    const parsed = uploadMetadataSchema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ in: 'Upload-Metadata', path: i.path.join('.'), message: i.message }));
      throw new AppError('VALIDATION_FAILED', `上传元数据有误：${issues.map((i) => `${i.path} ${i.message}`).join('；')}`, { issues });
    }
    const m = parsed.data;
    if (m.officerUserId && !(await repo.findAgencyUser(ctx.db, agencyId, m.officerUserId)))
      throw new AppError('VALIDATION_FAILED', '执法人员（officerUserId）不是本部门的用户', {
        issues: [{ in: 'Upload-Metadata', path: 'officerUserId' }],
      });

    let deadline: Date | null = null;
    let late = false;
    const pack = m.recordingEnd ? await this.deps.policies.forDivision(ctx.db, await repo.findAgencyDivision(ctx.db, agencyId)) : null;
    const rule = pack?.recording.avUploadDeadline.value;
    if (m.recordingEnd && pack && rule) {
      deadline = uploadDeadline(new Date(m.recordingEnd), rule, await this.deps.calendar.current(ctx.db)).deadline;
      late = Date.now() > deadline.getTime();
      const limit = rule.unit === 'hours' ? `${rule.amount} 小时` : `${rule.amount} 个工作日`;
      if (late && !m.lateReason)
        throw new AppError(
          'UPLOAD_LATE_REASON_REQUIRED',
          `音像记录已超过上传期限（录制结束后 ${limit}内，即 ${formatShanghai(deadline)} 前），请在 lateReason 中说明逾期上传的原因`,
          {
            deadline: deadline.toISOString(),
            policyId: pack.id,
          },
        );
    }
    const meta: SessionMetadata = {
      fileName: safeFileName(m.filename ?? m.name ?? ''),
      sha256: m.sha256 ?? null,
      sm3: m.sm3 ?? null,
      deviceId: m.deviceId ?? null,
      officerUserId: m.officerUserId ?? null,
      officerName: m.officerName ?? null,
      recordingStart: m.recordingStart ?? null,
      recordingEnd: m.recordingEnd ?? null,
      place: m.place ?? null,
      interruptions: m.interruptions ?? [],
      uploadDeadline: deadline?.toISOString() ?? null,
      late,
      lateReason: m.lateReason ?? null,
      uploaderUsername: ctx.actor.username,
    };
    const id = crypto.randomUUID();
    await this.staging.create(id, this.hashOptions(meta));
    await repo.insertUpload(ctx.db, { id, agencyId, createdBy: ctx.actor.userId, length, metadata: { ...meta } });
    if (length === 0)
      await this.withLock(id, null, async () => {
        await this.finalize(ctx, (await repo.findUpload(ctx.db, id))!);
      });
    return id;
  }

  async status(ctx: Ctx, id: string): Promise<repo.UploadRow> {
    const row = await repo.findUpload(ctx.db, id);
    // An upload is its creator's alone until it completes: nobody else — not a colleague, not the editor — may read
    // its progress, write bytes into it or terminate it (000 §23: the record is the recording officer's, unforged).
    if (!row || row.agency_id !== ctx.actor.agencyId || row.created_by !== ctx.actor.userId) throw notFound('上传');
    return row;
  }

  /** HEAD: the offset to resume from. An upload whose bytes all arrived but was never committed (the server stopped in between) is committed now. */
  async head(ctx: Ctx, id: string): Promise<UploadStatus> {
    const row = await this.status(ctx, id);
    const length = Number(row.length);
    if (row.status === 'completed') return { length, offset: length, evidenceId: row.evidence_id };
    // A PATCH whose client is gone is still writing out what it received: answer once that is on disk, so the
    // offset reported is both final for this attempt and durable (only written bytes are reported).
    const inFlight = this.active.get(id);
    if (inFlight?.source && (inFlight.source.destroyed || inFlight.source.readableEnded)) await inFlight.done;
    const offset = await this.stagedOffset(row);
    if (offset === length && !this.active.has(id)) {
      const evidenceId = await this.withLock(id, null, () => this.finalize(ctx, row));
      return { length, offset, evidenceId };
    }
    return { length, offset, evidenceId: null };
  }

  /** PATCH: append the body at `offset` (must equal the staged offset); completes the upload on its last byte. */
  async patch(ctx: Ctx, id: string, offset: number, body: Readable, contentLength: number | null): Promise<UploadStatus> {
    await this.status(ctx, id); // scope check before cutting off anything
    return this.withLock(id, body, async () => {
      const row = await this.status(ctx, id);
      const length = Number(row.length);
      if (row.status === 'completed') {
        if (offset !== length) throw offsetMismatch(offset, length);
        return { length, offset, evidenceId: row.evidence_id };
      }
      const current = await this.stagedOffset(row);
      if (offset !== current) throw offsetMismatch(offset, current);
      if (contentLength !== null && offset + contentLength > length)
        throw new AppError('UPLOAD_EXCEEDS_LENGTH', `本次上传的数据超出声明的文件大小（Upload-Length ${length}）`, {
          offset,
          contentLength,
          length,
        });
      const opts = this.hashOptions(row.metadata as unknown as SessionMetadata);
      const r = await this.staging.append(id, opts, body, length);
      await repo.setUploadOffset(this.deps.db, id, r.offset);
      if (r.outcome === 'exceeded')
        throw new AppError('UPLOAD_EXCEEDS_LENGTH', `上传的数据超出声明的文件大小（Upload-Length ${length}）`, { length });
      const evidenceId = r.offset === length ? await this.finalize(ctx, row) : null;
      return { length, offset: r.offset, evidenceId };
    });
  }

  /** DELETE (tus termination): an upload in progress is discarded; a completed one is evidence and stays. */
  async terminate(ctx: Ctx, id: string): Promise<void> {
    const row = await this.status(ctx, id);
    if (row.status === 'completed')
      throw new AppError('CONFLICT', '上传已完成并已成为证据文件，不能终止或删除', { evidenceId: row.evidence_id });
    await this.withLock(id, null, async () => {
      await this.staging.remove(id);
      await repo.deleteUpload(ctx.db, id);
      await writeAudit(ctx.db, {
        action: 'evidence.upload.terminate',
        actor: ctx.actor,
        ip: ctx.ip,
        agencyId: row.agency_id,
        subject: id,
        details: { length: Number(row.length) },
      });
    });
  }

  private hashOptions(m: SessionMetadata): HashOptions {
    return { sm3: this.deps.ledger.suite.id === 'sm3-sm2' || m.sm3 !== null };
  }

  private async stagedOffset(row: repo.UploadRow): Promise<number> {
    const offset = await this.staging.offset(row.id);
    // The staged part is the truth (a kill -9 keeps every written byte); it can only be shorter than the synced
    // offset recorded in the database if the disk lost data.
    if (offset === null || offset < Number(row.upload_offset))
      throw new AppError('UPLOAD_DATA_LOST', '该上传已暂存的数据丢失，请重新上传', { uploadId: row.id });
    return offset;
  }

  /** Run `fn` as the only operation on upload `id`, first cutting off a PATCH still streaming (a dead connection). */
  private async withLock<T>(id: string, source: Readable | null, fn: () => Promise<T>): Promise<T> {
    const previous = this.active.get(id);
    let release!: () => void;
    const done = new Promise<void>((r) => (release = r));
    this.active.set(id, { source, done });
    try {
      if (previous) {
        previous.source?.destroy();
        await previous.done;
      }
      return await fn();
    } finally {
      if (this.active.get(id)?.done === done) this.active.delete(id);
      release();
    }
  }

  /**
   * All bytes are staged: verify, store, record. Returns the evidence id. On ctx.db: an empty file completes inside
   * its creation, which may run in an idempotent request's transaction (platform/idempotency.ts).
   */
  private async finalize(ctx: Ctx, row: repo.UploadRow): Promise<string> {
    const fresh = await repo.findUpload(ctx.db, row.id);
    if (fresh?.status === 'completed') return fresh.evidence_id!;
    const meta = row.metadata as unknown as SessionMetadata;
    const digest = await this.staging.digest(row.id, this.hashOptions(meta));
    const mismatch =
      (meta.sha256 && meta.sha256 !== digest.sha256 ? 'sha256' : null) ?? (meta.sm3 && meta.sm3 !== digest.sm3 ? 'sm3' : null);
    if (mismatch) {
      await this.staging.remove(row.id);
      await repo.deleteUpload(ctx.db, row.id);
      const details = { uploadId: row.id, algorithm: mismatch, declared: meta[mismatch], received: digest[mismatch] };
      await writeAudit(ctx.db, {
        action: 'evidence.upload.reject',
        outcome: 'failure',
        actor: ctx.actor,
        ip: ctx.ip,
        agencyId: row.agency_id,
        subject: row.id,
        details,
      });
      throw new AppError(
        'UPLOAD_HASH_MISMATCH',
        `收到的文件与声明的 ${mismatch.toUpperCase()} 哈希值不符，文件可能在传输中损坏，未予保存，请重新上传`,
        details,
      );
    }
    const file = this.staging.pathOf(row.id);
    const contentType = (await fileTypeFromFile(file))?.mime ?? 'application/octet-stream';
    await this.deps.blobs.putFile(digest.sha256, file);
    const evidenceId = crypto.randomUUID();
    await recordEvidence(
      ctx.db,
      this.deps.ledger,
      {
        id: evidenceId,
        agency_id: row.agency_id,
        uploaded_by: row.created_by,
        upload_id: row.id,
        size: Number(row.length),
        sha256: digest.sha256,
        sm3: digest.sm3,
        content_type: contentType,
        file_name: meta.fileName,
        device_id: meta.deviceId,
        officer_user_id: meta.officerUserId,
        officer_name: meta.officerName,
        recording_start: meta.recordingStart ? new Date(meta.recordingStart) : null,
        recording_end: meta.recordingEnd ? new Date(meta.recordingEnd) : null,
        place: meta.place,
        interruptions: meta.interruptions,
        upload_deadline: meta.uploadDeadline ? new Date(meta.uploadDeadline) : null,
        late: meta.late,
        late_reason: meta.lateReason,
      },
      { username: meta.uploaderUsername, ip: ctx.ip },
      (trx) => repo.completeUpload(trx, row.id, evidenceId, Number(row.length)),
    );
    await this.staging.remove(row.id);
    return evidenceId;
  }
}

/** Uploads belong to an agency: the actor must be bound to one and record evidence there. */
function requireUploader(actor: Actor): string {
  if (!actor.agencyId || !hasRole(actor, 'officer', 'unitHead', 'agencyHead', 'recordsCustodian'))
    throw new AppError('FORBIDDEN', '只有执法部门的执法人员、负责人或记录管理员可以上传证据文件', {
      requiredRoles: ['officer', 'unitHead', 'agencyHead', 'recordsCustodian'],
    });
  return actor.agencyId;
}

const offsetMismatch = (sent: number, actual: number) =>
  new AppError('UPLOAD_OFFSET_MISMATCH', `Upload-Offset ${sent} 与服务器已收到的 ${actual} 字节不一致，请先用 HEAD 查询偏移量再续传`, {
    offset: actual,
  });

const formatSize = (n: number) => (n >= GIB ? `${(n / GIB).toFixed(n % GIB ? 1 : 0)} GiB` : `${n} 字节`);

const formatShanghai = (d: Date) => `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')}（北京时间）`;
