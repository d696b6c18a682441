import parseRange from 'range-parser';
import { z } from 'zod';
import type { App, Deps } from '../../platform/app-types.ts';
import { ctxOf } from '../../platform/auth.ts';
import { AppError } from '../../platform/errors.ts';
import { errorBody } from '../../platform/http.ts';
import * as s from './evidence.schema.ts';
import * as evidence from './evidence.service.ts';
import { attachmentDisposition } from './evidence.rules.ts';
import { uploadRoutes } from './upload.routes.ts';
import { verifyEvidence } from './evidence.verify.ts';

const tags = ['evidence'];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };

export async function evidenceRoutes(app: App, deps: Deps) {
  const { db, blobs } = deps;
  await uploadRoutes(app, deps);

  app.get(
    '/api/v1/evidence',
    {
      schema: {
        tags,
        summary: '证据文件（按管理范围，新上传的在前）',
        querystring: s.listEvidenceQuery,
        response: { 200: z.object({ items: z.array(s.evidenceView) }), ...errors },
      },
    },
    async (req) => ({ items: await evidence.listEvidence(ctxOf(req, db), req.query) }),
  );

  app.get(
    '/api/v1/evidence/:id',
    {
      schema: {
        tags,
        summary: '证据文件元数据（哈希、识别出的类型、音像记录信息、上传期限）',
        params: s.evidenceParams,
        response: { 200: s.evidenceView, ...errors },
      },
    },
    async (req) => evidence.getEvidence(ctxOf(req, db), req.params.id),
  );

  app.get(
    '/api/v1/evidence/:id/content',
    {
      exposeHeadRoute: false,
      schema: {
        tags,
        summary: '下载证据文件（支持 Range 断点续传；每次下载记入审计日志）',
        params: s.evidenceParams,
        response: {
          200: z.unknown().describe('文件内容'),
          206: z.unknown().describe('所请求范围的文件内容'),
          410: errorBody,
          416: errorBody,
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req, db);
      const file = await evidence.getEvidence(ctx, req.params.id, 'copy');
      let range: { start: number; end: number } | null = null;
      const header = req.headers.range;
      if (header) {
        const ranges = file.size > 0 ? parseRange(file.size, header, { combine: true }) : -1;
        if (ranges === -1) {
          reply.header('content-range', `bytes */${file.size}`);
          throw new AppError('RANGE_NOT_SATISFIABLE', `请求的字节范围超出文件大小（${file.size} 字节）`, { size: file.size });
        }
        // A malformed header or several ranges: the whole file (RFC 9110 §14.2 lets a server ignore Range).
        if (ranges !== -2 && ranges.type === 'bytes' && ranges.length === 1) range = { start: ranges[0]!.start, end: ranges[0]!.end };
      }
      const stream = await evidence.openEvidenceContent(ctx, blobs, file, range);
      reply
        .header('content-type', file.contentType)
        .header('content-disposition', attachmentDisposition(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('accept-ranges', 'bytes')
        .header('etag', `"sha256:${file.sha256}"`)
        .header('content-length', String(range ? range.end - range.start + 1 : file.size));
      if (range) reply.status(206).header('content-range', `bytes ${range.start}-${range.end}/${file.size}`);
      return reply.send(stream);
    },
  );

  app.get(
    '/api/v1/evidence/:id/verify',
    {
      schema: {
        tags,
        summary: '核验证据文件：存储的字节仍与哈希一致、账本条目记录了该哈希、条目包含在最新签名树头中',
        params: s.evidenceParams,
        response: {
          200: z.object({
            ok: z.boolean(),
            blob: z.object({
              sha256: z.string(),
              ok: z.boolean(),
              present: z.boolean(),
              actualSha256: z.string().nullable(),
              size: z.number().nullable(),
            }),
            ledger: z.object({
              found: z.boolean(),
              seq: z.number().int().nullable(),
              contentHash: z.string().nullable(),
              matches: z.boolean(),
              included: z.boolean().nullable(),
              treeSize: z.number().int().nullable(),
            }),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const file = await evidence.getEvidence(ctxOf(req, db), req.params.id);
      return verifyEvidence(db, blobs, deps.ledger, { id: file.id, sha256: file.sha256, sm3: file.sm3 });
    },
  );
}
