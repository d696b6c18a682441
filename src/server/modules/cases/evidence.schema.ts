import { z } from 'zod';
import { queryBoolean } from '../../platform/http.ts';

const hex64 = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{64}$/, '应为 64 位十六进制哈希值');
const instant = z.iso.datetime({ offset: true, message: '应为带时区的 ISO 8601 时间，例如 2025-03-01T09:30:00+08:00' });
const text = (max: number) => z.string().trim().min(1).max(max);

export const interruptionSchema = z.strictObject({
  start: instant.describe('中断开始'),
  end: instant.nullable().optional().describe('恢复录制；未恢复为 null'),
  reason: text(500).describe('中断原因（000 §19）'),
});
export type Interruption = z.infer<typeof interruptionSchema>;

/**
 * Evidence metadata sent as tus Upload-Metadata (each value base64). `interruptions` is a JSON array.
 * The client's declared type (`filetype`, `type`) is ignored: the type is detected from the content.
 */
export const uploadMetadataSchema = z
  .object({
    filename: z.string().max(1000).optional(),
    name: z.string().max(1000).optional(),
    sha256: hex64.optional().describe('客户端计算的 SHA-256；与收到的内容不符则拒收'),
    sm3: hex64.optional().describe('客户端计算的 SM3（国密）；与收到的内容不符则拒收'),
    deviceId: text(100).optional(),
    officerUserId: z.uuid().optional(),
    officerName: text(100).optional(),
    recordingStart: instant.optional(),
    recordingEnd: instant.optional(),
    place: text(500).optional(),
    interruptions: z
      .string()
      .transform((s, ctx) => {
        try {
          return JSON.parse(s) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'interruptions 应为 JSON 数组' });
          return z.NEVER;
        }
      })
      .pipe(z.array(interruptionSchema).max(200))
      .optional(),
    lateReason: text(1000).optional().describe('超过上传期限时必填（000 §20）'),
  })
  .refine((m) => !m.recordingStart || !m.recordingEnd || Date.parse(m.recordingStart) <= Date.parse(m.recordingEnd), {
    message: '录制结束时间不能早于开始时间',
    path: ['recordingEnd'],
  });
export type UploadMetadata = z.infer<typeof uploadMetadataSchema>;

export const evidenceView = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  uploadedBy: z.uuid(),
  uploadedAt: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  sm3: z.string().nullable(),
  contentType: z.string().describe('由文件内容识别（magic bytes），不采用客户端声明'),
  fileName: z.string(),
  deviceId: z.string().nullable(),
  officerUserId: z.string().nullable(),
  officerName: z.string().nullable(),
  recordingStart: z.string().nullable(),
  recordingEnd: z.string().nullable(),
  place: z.string().nullable(),
  interruptions: z.array(z.object({ start: z.string(), end: z.string().nullable(), reason: z.string() })),
  uploadDeadline: z.string().nullable().describe('政策包规定的音像记录上传期限'),
  late: z.boolean(),
  lateReason: z.string().nullable(),
});
export type EvidenceView = z.infer<typeof evidenceView>;

export const evidenceParams = z.strictObject({ id: z.uuid() });

export const listEvidenceQuery = z.strictObject({
  agencyId: z.uuid().optional(),
  sha256: hex64.optional(),
  late: queryBoolean().optional().describe('只列出逾期（或按期）上传的'),
  q: z.string().trim().min(1).max(100).optional().describe('文件名、设备编号或执法人员姓名'),
  before: z.iso.datetime({ offset: true }).optional().describe('只列出此时间之前上传的（翻页）'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListEvidenceQuery = z.infer<typeof listEvidenceQuery>;

export const uploadParams = z.strictObject({ id: z.uuid() });

export const uploadView = z.object({
  id: z.uuid(),
  length: z.number().int(),
  offset: z.number().int(),
  status: z.enum(['active', 'completed']),
  evidenceId: z.uuid().nullable(),
  createdAt: z.string(),
});
export type UploadView = z.infer<typeof uploadView>;
