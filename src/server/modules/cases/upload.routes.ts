// tus 1.0 resumable uploads (https://tus.io/protocols/resumable-upload): core + creation + termination, under
// /api/v1/uploads. HTTP only; the work is in upload.service.ts. PATCH bodies are never buffered: the
// application/offset+octet-stream parser hands the raw request stream to the service.
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, Deps } from '../../platform/app-types.ts';
import { ctxOf } from '../../platform/auth.ts';
import { AppError } from '../../platform/errors.ts';
import { errorBody } from '../../platform/http.ts';
import { assertStorableText } from '../../platform/input-text.ts';
import { parseUploadMetadata } from './evidence.rules.ts';
import { uploadParams, uploadView } from './evidence.schema.ts';
import { toUploadView } from './evidence.repo.ts';
import { UploadService, type UploadStatus } from './upload.service.ts';

export const TUS_VERSION = '1.0.0';
const OFFSET_STREAM = 'application/offset+octet-stream';
const tags = ['evidence'];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 410: errorBody, 412: errorBody };
const empty = z.null().describe('无响应体');

function requireTus(req: FastifyRequest) {
  if (req.headers['tus-resumable'] !== TUS_VERSION)
    throw new AppError('TUS_VERSION_UNSUPPORTED', `仅支持 tus 协议 ${TUS_VERSION}：请求须带 Tus-Resumable: ${TUS_VERSION}`, {
      supported: [TUS_VERSION],
    });
}

function nonNegativeInt(value: string | string[] | undefined, header: string): number {
  if (typeof value !== 'string' || !/^\d{1,16}$/.test(value) || !Number.isSafeInteger(Number(value)))
    throw new AppError('BAD_REQUEST', `请求头 ${header} 缺失或不是非负整数`, { header });
  return Number(value);
}

/** An answer without a body (tus answers carry their data in headers). */
const noBody = (reply: FastifyReply, status: number) => reply.status(status).send();

function sendStatus(reply: FastifyReply, s: UploadStatus, status = 204) {
  reply.header('upload-offset', String(s.offset)).header('upload-length', String(s.length));
  if (s.evidenceId) reply.header('evidence-id', s.evidenceId).header('evidence-location', `/api/v1/evidence/${s.evidenceId}`);
  return noBody(reply, status);
}

export async function uploadRoutes(app: App, deps: Deps) {
  const uploads = new UploadService(deps);

  await app.register(async (scope) => {
    const tus = scope as unknown as App;
    // Only tus bodies here: the stream goes to the handler untouched; anything else reaches the handler unread
    // so that it can answer with the tus-specific 415.
    tus.removeAllContentTypeParsers();
    tus.addContentTypeParser(OFFSET_STREAM, (_req, payload, done) => done(null, payload));
    tus.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
    tus.addHook('onSend', async (req, reply) => {
      reply.header('tus-resumable', TUS_VERSION);
      if (reply.statusCode === 412) reply.header('tus-version', TUS_VERSION);
    });
    tus.addHook('onRequest', async (req) => {
      if (req.method !== 'OPTIONS' && req.method !== 'GET') requireTus(req);
    });

    tus.options(
      '/api/v1/uploads',
      {
        schema: { tags, summary: 'tus 服务能力（版本、扩展、最大文件）', response: { 204: empty } },
      },
      async (_req, reply) =>
        noBody(
          reply
            .header('tus-version', TUS_VERSION)
            .header('tus-extension', 'creation,termination')
            .header('tus-max-size', String(uploads.maxBytes)),
          204,
        ),
    );

    tus.post(
      '/api/v1/uploads',
      {
        config: { idempotent: { headers: ['upload-length', 'upload-metadata', 'upload-defer-length'] } },
        schema: {
          tags,
          summary: '创建可续传上传（tus creation）',
          description:
            '请求头 Upload-Length（字节）与 Upload-Metadata（键 base64值，逗号分隔）：filename、sha256、sm3、deviceId、officerUserId、officerName、recordingStart、recordingEnd、place、interruptions（JSON 数组）、lateReason。返回 Location。',
          response: { 201: empty, 413: errorBody, ...errors },
        },
      },
      async (req, reply) => {
        if (req.headers['upload-defer-length'] !== undefined)
          throw new AppError('BAD_REQUEST', '不支持延后声明文件大小（Upload-Defer-Length），请提供 Upload-Length');
        const length = nonNegativeInt(req.headers['upload-length'], 'Upload-Length');
        const metadata = parseUploadMetadata(req.headers['upload-metadata'] as string | undefined);
        if (!metadata) throw new AppError('BAD_REQUEST', 'Upload-Metadata 格式错误：应为“键 base64值”并以逗号分隔');
        // the values are base64 on the wire: only here, decoded, can a U+0000 be seen (the request hook cannot)
        assertStorableText(metadata, 'headers', 'upload-metadata');
        const id = await uploads.create(ctxOf(req, deps.db), length, metadata);
        return noBody(reply.header('location', `/api/v1/uploads/${id}`).header('upload-offset', '0'), 201);
      },
    );

    tus.head(
      '/api/v1/uploads/:id',
      {
        schema: {
          tags,
          summary: '查询已收到的字节数（Upload-Offset），用于续传',
          params: uploadParams,
          response: { 200: empty, ...errors },
        },
      },
      async (req, reply) => sendStatus(reply, await uploads.head(ctxOf(req, deps.db), req.params.id), 200),
    );

    tus.patch(
      '/api/v1/uploads/:id',
      {
        schema: {
          tags,
          summary: '从 Upload-Offset 处续传数据（Content-Type: application/offset+octet-stream）',
          params: uploadParams,
          response: { 204: empty, 409: errorBody, 415: errorBody, ...errors },
        },
      },
      async (req, reply) => {
        const ctx = ctxOf(req, deps.db);
        const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (type !== OFFSET_STREAM || !req.body)
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', `续传数据的 Content-Type 须为 ${OFFSET_STREAM}`, { expected: OFFSET_STREAM });
        const offset = nonNegativeInt(req.headers['upload-offset'], 'Upload-Offset');
        const contentLength =
          req.headers['content-length'] === undefined ? null : nonNegativeInt(req.headers['content-length'], 'Content-Length');
        return sendStatus(reply, await uploads.patch(ctx, req.params.id, offset, req.body as Readable, contentLength));
      },
    );

    tus.delete(
      '/api/v1/uploads/:id',
      {
        schema: {
          tags,
          summary: '终止上传并丢弃已收到的数据（tus termination；已完成的上传不可删除）',
          params: uploadParams,
          response: { 204: empty, 409: errorBody, ...errors },
        },
      },
      async (req, reply) => {
        await uploads.terminate(ctxOf(req, deps.db), req.params.id);
        return noBody(reply, 204);
      },
    );

    tus.get(
      '/api/v1/uploads/:id',
      {
        exposeHeadRoute: false,
        schema: { tags, summary: '上传进度与结果（JSON）', params: uploadParams, response: { 200: uploadView, ...errors } },
      },
      async (req) => {
        const ctx = ctxOf(req, deps.db);
        const row = await uploads.status(ctx, req.params.id);
        const view = toUploadView(row);
        return row.status === 'completed' ? view : { ...view, offset: (await uploads.head(ctx, req.params.id)).offset };
      },
    );
  });
}
