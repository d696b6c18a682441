// Case handling HTTP API: register a case, record acts (never edit them), AV exceptions, lists and to-dos.
import { z } from 'zod';
import type { App, Deps } from '../../platform/app-types.ts';
import { ctxOf } from '../../platform/auth.ts';
import { errorBody, queryBoolean } from '../../platform/http.ts';
import { AppError } from '../../platform/errors.ts';
import { ACT_CATEGORIES } from '../registry/record.kinds.ts';
import { STAGES } from './case.rules.ts';
import {
  accessLogEntry,
  accessRequestBody,
  accessRequestView,
  actView,
  avExceptionBody,
  caseDetail,
  caseSummary,
  openCaseBody,
  recordActBody,
  todoReply,
} from './case.schema.ts';
import * as cases from './case.service.ts';
import * as avExceptions from './av-exception.ts';
import { listTodos } from './case.todo.ts';
import { recordAct } from './record-act.ts';
import * as access from './case.access.ts';
import { documentView } from './document.templates.ts';
import { documentToDocx } from './document.docx.ts';
import { exportCaseFile } from './case.export.ts';
import { decideDestruction, requestDestruction } from './case.retention.ts';
import { attachmentDisposition } from './evidence.rules.ts';

const tags = ['cases'];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };
const idParams = z.strictObject({ id: z.uuid() });
const actParams = z.strictObject({ id: z.uuid(), actId: z.uuid() });
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function caseRoutes(app: App, { db, ledger, policies, blobs, calendar, events, todos }: Deps) {
  const deps = { ledger, policies, calendar, events };

  app.post(
    '/api/v1/cases',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: '登记案件（依申请、依职权、投诉举报、紧急情况先行处置）',
        body: openCaseBody,
        response: { 201: caseDetail, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await cases.openCase(ctxOf(req, db), deps, req.body)),
  );

  app.get(
    '/api/v1/cases',
    {
      schema: {
        tags,
        summary: '案件列表（执法人员看到本人承办的案件，负责人看到本部门的，监督人员看到辖区内的）',
        querystring: z.strictObject({
          stage: z.enum(STAGES).optional(),
          actCategory: z.enum(ACT_CATEGORIES).optional(),
          q: z.string().trim().min(1).max(100).optional(),
          agency: z.uuid().optional(),
          division: z
            .string()
            .regex(/^[1-9]\d{5}$/)
            .optional(),
          mine: queryBoolean().optional(),
          sort: z.enum(['updatedAt', 'createdAt', 'number', 'decisionDue']).default('updatedAt'),
          order: z.enum(['asc', 'desc']).default('desc'),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(500).default(20),
        }),
        response: { 200: z.object({ total: z.number().int(), items: z.array(caseSummary) }), ...errors },
      },
    },
    async (req) => {
      const { page, pageSize, ...f } = req.query;
      return cases.listCases(ctxOf(req, db), { ...f, limit: pageSize, offset: (page - 1) * pageSize });
    },
  );

  app.get(
    '/api/v1/cases/todo',
    {
      schema: {
        tags,
        summary:
          '待办：立案审批、紧急立案补办审批、办案期限、归档期限、未音像记录说明审批、调阅申请审批、销毁审批、未完成的音像记录上传（上传期限）、法制审核（领取、分配、审核期限、补充材料、审核意见、延期、分歧）',
        response: {
          200: todoReply,
          ...errors,
        },
      },
    },
    async (req) => listTodos(ctxOf(req, db), todos),
  );

  app.get(
    '/api/v1/cases/:id',
    {
      schema: {
        tags,
        summary: '案件详情及全部执法行为记录（每次查看均记入访问日志）',
        params: idParams,
        response: { 200: caseDetail, ...errors },
      },
    },
    async (req) => cases.viewCase(ctxOf(req, db), ledger, req.params.id, policies),
  );

  app.post(
    '/api/v1/cases/:id/acts',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: '记录一项执法行为（写入账本；记错时以更正记录指向原记录，不能修改）',
        params: idParams,
        body: recordActBody,
        response: { 201: actView, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await recordAct(ctxOf(req, db), deps, req.params.id, req.body)),
  );

  // Recorded acts are never edited or deleted (000 §23): say so with a stable code instead of a bare 404.
  const immutable = async () => {
    throw new AppError('ACTS_IMMUTABLE', '执法行为记录一经记录不能修改或删除；记录有误的，请提交更正记录（corrects 指向原记录）');
  };
  for (const method of ['PUT', 'PATCH', 'DELETE'] as const)
    app.route({
      method,
      url: '/api/v1/cases/:id/acts/:actId',
      schema: { tags, summary: '不允许：执法行为记录不能修改或删除', hide: method !== 'PUT', response: { 405: errorBody } },
      handler: immutable,
    });

  app.post(
    '/api/v1/cases/:id/av-exceptions',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: '提交未音像记录（或记录不完整）的书面说明，待部门负责人批准',
        params: idParams,
        body: avExceptionBody,
        response: { 201: z.object({ id: z.string() }), ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await avExceptions.requestAvException(ctxOf(req, db), req.params.id, req.body)),
  );

  app.post(
    '/api/v1/cases/av-exceptions/:id/decision',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: '部门负责人批准或不批准未音像记录说明（提出说明的人和参与办理本案的负责人不能批准，APPROVER_NOT_SEPARATE）',
        params: idParams,
        body: z.strictObject({ approved: z.boolean(), comment: z.string().trim().max(1000).optional() }),
        response: { 200: z.object({ id: z.string(), approved: z.boolean() }), ...errors },
      },
    },
    async (req) => avExceptions.decideAvException(ctxOf(req, db), deps, req.params.id, req.body),
  );

  // ---- documents (制式文书) -------------------------------------------------------------------------------------------

  app.get(
    '/api/v1/cases/:id/acts/:actId/document',
    {
      schema: {
        tags,
        summary: '执法行为记录对应的制式文书（打印版式；查看记入访问日志）',
        params: actParams,
        response: { 200: documentView, ...errors },
      },
    },
    async (req) => cases.documentOf(ctxOf(req, db), ledger, req.params.id, req.params.actId, 'view'),
  );

  app.get(
    '/api/v1/cases/:id/acts/:actId/document.docx',
    {
      schema: {
        tags,
        summary: '下载制式文书（Word .docx；须有复制权限，记入访问日志）',
        params: actParams,
        response: { 200: z.unknown().describe('Word 文档'), ...errors },
      },
    },
    async (req, reply) => {
      const doc = await cases.documentOf(ctxOf(req, db), ledger, req.params.id, req.params.actId, 'download');
      const file = await documentToDocx(doc);
      return reply
        .header('content-type', DOCX)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', attachmentDisposition(`${doc.title}${doc.number ? `（${doc.number}）` : ''}.docx`))
        .send(file);
    },
  );

  app.get(
    '/api/v1/agencies/:id/numbering',
    {
      schema: {
        tags,
        summary: '本部门文号的机关代字',
        params: idParams,
        response: { 200: z.object({ prefix: z.string(), example: z.string() }), ...errors },
      },
    },
    async (req) => cases.numberingOf(ctxOf(req, db), req.params.id),
  );

  app.put(
    '/api/v1/agencies/:id/numbering',
    {
      schema: {
        tags,
        summary: '设置本部门文号的机关代字（部门负责人或系统管理员；已编的文号不变）',
        params: idParams,
        body: z.strictObject({
          prefix: z
            .string()
            .trim()
            .min(1)
            .max(20)
            .regex(/^[\p{Script=Han}A-Za-z0-9]+$/u, '机关代字只能包含汉字、字母和数字'),
        }),
        response: { 200: z.object({ prefix: z.string(), example: z.string() }), ...errors },
      },
    },
    async (req) => cases.setNumbering(ctxOf(req, db), req.params.id, req.body.prefix),
  );

  // a POST, not a GET: an export is recorded (audit log, ledger entry) and so must not be triggerable cross-site — the
  // session's CSRF token is required like for every other write
  app.post(
    '/api/v1/cases/:id/export',
    {
      schema: {
        tags,
        summary:
          '导出案卷（.zip：原始记录、制式文书、音像记录、清单、账本证明；可用 sanxiang verify-casefile 离线核验；须有复制权限；每次导出记入访问日志和账本，故为 POST，须带 CSRF 令牌）',
        params: idParams,
        response: { 200: z.unknown().describe('案卷 zip'), ...errors },
      },
    },
    async (req, reply) => {
      const file = await exportCaseFile(ctxOf(req, db), { ledger, blobs }, req.params.id);
      reply
        .header('content-type', 'application/zip')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', attachmentDisposition(file.fileName))
        .header('x-casefile-export-id', file.exportId);
      if (file.size !== null) reply.header('content-length', String(file.size));
      return reply.send(file.stream);
    },
  );

  // ---- retention and destruction ------------------------------------------------------------------------------------

  app.post(
    '/api/v1/cases/:id/destruction',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: '申请销毁保存期满的音像记录（记录管理员；期满前或应长期保存的不能申请）',
        params: idParams,
        body: z.strictObject({ reason: z.string().trim().min(2).max(2000) }),
        response: { 201: z.object({ id: z.string() }), ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await requestDestruction(ctxOf(req, db), req.params.id, req.body)),
  );

  // Not idempotent (platform/idempotency.ts): the files are deleted after the commit; a retry answers ALREADY_DECIDED.
  app.post(
    '/api/v1/case-destructions/:id/decision',
    {
      schema: {
        tags,
        summary: '部门负责人批准或不批准销毁（批准即写入账本并删除文件内容）',
        params: idParams,
        body: z.strictObject({ approved: z.boolean(), comment: z.string().trim().max(1000).optional() }),
        response: { 200: z.object({ id: z.string(), approved: z.boolean(), destroyed: z.number().int() }), ...errors },
      },
    },
    async (req) => decideDestruction(ctxOf(req, db), { ledger, blobs }, req.params.id, req.body),
  );

  // ---- access (调阅) ----------------------------------------------------------------------------------------------------

  app.post(
    '/api/v1/access-requests',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: '提出调阅申请（本人查阅、复制；或由记录管理员登记外部机关、当事人的申请），待部门负责人批准',
        body: accessRequestBody,
        response: { 201: accessRequestView, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await access.requestAccess(ctxOf(req, db), req.body)),
  );

  app.get(
    '/api/v1/access-requests',
    {
      schema: {
        tags,
        summary: '调阅申请：本人提出或登记的；部门负责人、记录管理员看到本部门全部',
        querystring: z.strictObject({ pending: queryBoolean().optional(), limit: z.coerce.number().int().min(1).max(500).default(200) }),
        response: { 200: z.object({ items: z.array(accessRequestView) }), ...errors },
      },
    },
    async (req) => ({ items: await access.listAccessRequests(ctxOf(req, db), req.query) }),
  );

  app.post(
    '/api/v1/access-requests/:id/decision',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: '部门负责人批准或不批准调阅申请',
        params: idParams,
        body: z.strictObject({ approved: z.boolean(), comment: z.string().trim().max(1000).optional() }),
        response: { 200: accessRequestView, ...errors },
      },
    },
    async (req) => access.decideAccess(ctxOf(req, db), req.params.id, req.body),
  );

  app.get(
    '/api/v1/cases/:id/access-log',
    {
      schema: {
        tags,
        summary: '本案访问日志：每次查看、文书查看与下载、音像记录下载、案卷导出（部门负责人、记录管理员、监督人员）',
        params: idParams,
        response: { 200: z.object({ items: z.array(accessLogEntry), requests: z.array(accessRequestView) }), ...errors },
      },
    },
    async (req) => {
      const ctx = ctxOf(req, db);
      const items = await access.caseAccessLog(ctx, req.params.id);
      return { items, requests: await access.accessRequestsOfCase(db, req.params.id, ctx.actor) };
    },
  );
}
