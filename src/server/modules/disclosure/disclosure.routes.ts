// Disclosure (事后公开, SPEC §2.3) HTTP API. First part: the redaction service the editor's review screen and other
// systems use before anything is published (stable: POST /api/v1/disclosure/redact).
import { z } from 'zod';
import type { App, Deps } from '../../platform/app-types.ts';
import { ctxOf } from '../../platform/auth.ts';
import { errorBody } from '../../platform/http.ts';
import { dbOf } from '../../platform/idempotency.ts';
import { AppError } from '../../platform/errors.ts';
import { FINDING_KINDS, redact } from './redaction.rules.ts';
import { disclosureTodo, getDisclosure, listDisclosures } from './disclosure.service.ts';
import * as workflow from './disclosure.workflow.ts';
import * as portal from './portal.service.ts';
import * as corrections from './correction.service.ts';
import { doubleExport, timeliness } from './disclosure.reports.ts';
import * as s from './disclosure.schema.ts';

const tags = ['disclosure'];
const publicTags = ['portal'];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };
/** About 100 pages of decision text; longer texts are sent in parts. */
export const MAX_REDACT_CHARS = 200_000;

export async function disclosureRoutes(app: App, { db, config, ledger, policies, calendar, blobs }: Deps) {
  const deps = { ledger, policies, calendar };
  app.post(
    '/api/v1/disclosure/redact',
    {
      bodyLimit: MAX_REDACT_CHARS * 4 + 1024,
      schema: {
        tags,
        summary:
          '脱敏：找出文本中的身份证号码、电话号码、银行卡号（账号）、不动产权证号、车牌号、电子邮箱和个人住址并遮盖（统一社会信用代码、单位住所保留）；偏移量为 UTF-16 码元',
        body: z.strictObject({ text: z.string().max(MAX_REDACT_CHARS, `文本不能超过 ${MAX_REDACT_CHARS} 字，请分段提交`) }),
        response: {
          200: z.object({
            text: z.string(),
            findings: z.array(z.object({ kind: z.enum(FINDING_KINDS), start: z.number().int(), end: z.number().int() })),
          }),
          400: errorBody,
          401: errorBody,
          413: errorBody,
        },
      },
    },
    async (req) => {
      ctxOf(req, db); // signed-in users only: the texts are unpublished decisions
      return redact(req.body.text);
    },
  );

  app.get(
    '/api/v1/disclosures',
    {
      schema: {
        tags,
        summary:
          '执法决定公示记录（作出决定时自动生成）：状态、公示期限（工作日）、是否逾期及逾期工作日数；公示审核员、负责人看本部门的，监督人员看辖区内的',
        querystring: s.listQuery,
        response: { 200: z.object({ total: z.number().int(), items: z.array(s.disclosureSummary) }), ...errors },
      },
    },
    async (req) => listDisclosures(ctxOf(req, db), deps, req.query),
  );

  app.get(
    '/api/v1/disclosures/todo',
    {
      schema: {
        tags,
        summary: '公示待办：待脱敏、已超期、待我审查发布（他人确认脱敏的）、待公示的变更说明、待答复的更正申请',
        response: {
          200: z.object({
            pending: z.number().int(),
            overdue: z.number().int(),
            toPublish: z.number().int(),
            changeNotices: z.number().int(),
            corrections: z.number().int(),
          }),
          ...errors,
        },
      },
    },
    async (req) => disclosureTodo(ctxOf(req, db)),
  );

  app.get(
    '/api/v1/disclosures/timeliness',
    {
      schema: {
        tags,
        summary: '公示及时性：按部门和下一级行政区划统计应公示、待公示、超期未公示、超期公示（工作日）与迟报率',
        querystring: s.timelinessQuery,
        response: { 200: s.timelinessReply, ...errors },
      },
    },
    async (req) => timeliness(ctxOf(req, db), req.query),
  );

  app.get(
    '/api/v1/disclosures/double-publicity',
    {
      schema: {
        tags,
        summary: '行政许可和行政处罚信息“双公示”导出（CSV 或 Excel，已公示的记录，脱敏后的内容）',
        querystring: s.doubleExportQuery,
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (req, reply) => {
      const out = await doubleExport(ctxOf(req, db), req.query);
      return reply
        .type(out.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(out.name)}`)
        .send(out.body);
    },
  );

  app.get(
    '/api/v1/disclosures/:id',
    {
      schema: {
        tags,
        summary: '一条公示记录：原始字段、自动识别的个人信息（待脱敏文本）、审查与发布、不予公开、撤下和变更说明的全过程',
        params: s.idParams,
        response: { 200: s.disclosureDetail, ...errors },
      },
    },
    async (req) => getDisclosure(ctxOf(req, db), deps, req.params.id),
  );

  const stepRoute = (
    path: string,
    summary: string,
    body: z.ZodType | null,
    run: (ctx: ReturnType<typeof ctxOf>, id: string, body: never) => Promise<unknown>,
  ) =>
    app.post(
      `/api/v1/disclosures/:id/${path}`,
      {
        config: { idempotent: true },
        schema: { tags, summary, params: s.idParams, ...(body ? { body } : {}), response: { 200: s.disclosureDetail, ...errors } },
      },
      async (req) => {
        const ctx = ctxOf(req, db);
        await run(ctx, req.params.id, req.body as never);
        return getDisclosure(ctx, deps, req.params.id);
      },
    );
  stepRoute(
    'prepare',
    '确认脱敏：对自动识别的个人信息逐项遮盖（或注明保留理由），可增加遮盖；未处理的个人信息会被拒绝（REDACTION_INCOMPLETE）',
    s.prepareBody,
    (ctx, id, body: z.infer<typeof s.prepareBody>) => workflow.prepare(ctx, deps, id, body),
  );
  stepRoute('publish', '审查发布：由确认脱敏以外的另一人发布（未经审查不得发布），发布记入账本', null, (ctx, id) =>
    workflow.publish(ctx, deps, id),
  );
  stepRoute(
    'exclude',
    '不予公开：选择理由（未成年人、国家秘密、商业秘密、个人隐私、安全稳定、影响其他案件、涉嫌犯罪移送、内部信息、其他法定情形）并注明意见',
    s.excludeBody,
    (ctx, id, body: z.infer<typeof s.excludeBody>) => workflow.exclude(ctx, deps, id, body),
  );
  stepRoute(
    'approve-publication',
    '负责人批准公开（003 公示办法第八条：商业秘密、个人隐私经权利人同意或涉及重大公共利益的，内部信息）',
    s.approveBody,
    (ctx, id, body: z.infer<typeof s.approveBody>) => workflow.approvePublication(ctx, deps, id, body),
  );
  stepRoute(
    'change-notice',
    '公示变更说明：决定经复议或诉讼被撤销、变更、确认违法或责令重作后，说明情况（个人信息自动遮盖）',
    s.changeNoticeBody,
    (ctx, id, body: z.infer<typeof s.changeNoticeBody>) => workflow.publishChangeNotice(ctx, deps, id, body),
  );

  app.get(
    '/api/v1/disclosure-corrections',
    {
      schema: {
        tags,
        summary: '公众提出的更正申请（办理中的按答复期限排列）',
        querystring: z.strictObject({ state: z.enum(['open', 'corrected', 'rejected']).optional() }),
        response: { 200: z.object({ items: z.array(z.record(z.string(), z.unknown())) }), ...errors },
      },
    },
    async (req) => corrections.listCorrections(ctxOf(req, db), req.query),
  );

  app.post(
    '/api/v1/disclosure-corrections/:id/answer',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: '答复更正申请（已更正或不予更正，说明理由）',
        params: s.idParams,
        body: s.correctionAnswerBody,
        response: { 200: z.object({ id: z.string(), state: z.string() }), ...errors },
      },
    },
    async (req) => corrections.answerCorrection(ctxOf(req, db), req.params.id, req.body),
  );

  // ---- the portal (no sign-in) ----------------------------------------------------------------------------------

  const publicRoute = { config: { rateLimit: { max: config.publicRateLimit, timeWindow: '1 minute' } } };

  app.get(
    '/api/v1/public/decisions',
    {
      schema: {
        tags: publicTags,
        summary:
          '已公示的行政执法决定（开放数据）：关键词、部门、行政区划、执法类别、决定日期筛选，按决定日期倒序，游标翻页；format=csv 下载 CSV（下一页游标在 X-Next-Cursor 头）',
        querystring: s.portalQuery,
        response: { 200: s.portalPage, 400: errorBody, 429: errorBody },
      },
      ...publicRoute,
    },
    async (req, reply) => {
      const page = await portal.searchDecisions(db, req.query);
      if (req.query.format === 'csv') {
        if (page.nextCursor) reply.header('x-next-cursor', page.nextCursor);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('行政执法决定公示.csv')}`)
          .serializer((p) => p as string)
          .send((await portal.decisionsCsv(page.items)) as never);
      }
      return page;
    },
  );

  app.get(
    '/api/v1/public/decisions/:id',
    {
      schema: {
        tags: publicTags,
        summary: '一条公示的执法决定；已撤下的只显示撤下原因和变更说明',
        params: s.idParams,
        response: { 200: s.publicRecordReply, 400: errorBody, 404: errorBody },
      },
      ...publicRoute,
    },
    async (req) => portal.publicRecord(db, req.params.id),
  );

  app.get(
    '/api/v1/public/agencies/:id/decisions.atom',
    {
      schema: {
        tags: publicTags,
        summary: '部门执法决定公示的 Atom 订阅（供部门网站、政务新媒体转载）',
        params: s.idParams,
        produces: ['application/atom+xml'],
      },
      ...publicRoute,
    },
    async (req, reply) =>
      reply.type('application/atom+xml; charset=utf-8').send(await portal.agencyFeed(db, req.params.id, `${req.protocol}://${req.host}`)),
  );

  // images share the photo parser (2 MB, registry routes); PDF documents get theirs here
  app.addContentTypeParser('application/pdf', { parseAs: 'buffer', bodyLimit: corrections.MAX_ATTACHMENT_BYTES }, (_req, body, done) =>
    done(null, body),
  );
  app.post(
    '/api/v1/public/decisions/:id/correction-attachments',
    {
      bodyLimit: corrections.MAX_ATTACHMENT_BYTES,
      schema: {
        tags: publicTags,
        summary:
          '上传更正申请的附件（JPEG/PNG/WebP 图片或 PDF，按内容识别，每个不超过 2 MB；文件名放在 X-File-Name 头，URL 编码），返回附件编号',
        params: s.idParams,
        consumes: corrections.ATTACHMENT_TYPES,
        headers: z.object({ 'x-file-name': z.string().max(600).optional() }),
        response: { 201: s.attachmentReply, 400: errorBody, 404: errorBody, 413: errorBody, 415: errorBody, 429: errorBody },
      },
      config: { rateLimit: { max: 30, timeWindow: '1 hour' }, idempotent: { headers: ['x-file-name'] } },
    },
    async (req, reply) => {
      if (!Buffer.isBuffer(req.body))
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', `附件请以 ${corrections.ATTACHMENT_TYPES.join('、')} 上传`);
      return reply
        .status(201)
        .send(await corrections.uploadAttachment(dbOf(req, db), blobs, req.params.id, req.body, req.headers['x-file-name'] ?? '附件'));
    },
  );

  app.get(
    '/api/v1/disclosure-corrections/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: '下载更正申请的附件（记入审计日志）',
        params: z.strictObject({ id: z.uuid(), attachmentId: z.uuid() }),
        produces: corrections.ATTACHMENT_TYPES,
      },
    },
    async (req, reply) => {
      const f = await corrections.correctionAttachment(ctxOf(req, db), blobs, req.params.id, req.params.attachmentId);
      return reply
        .type(f.contentType)
        .header('content-length', String(f.size))
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
        .send(f.stream);
    },
  );

  app.post(
    '/api/v1/public/decisions/:id/corrections',
    {
      schema: {
        tags: publicTags,
        summary: '对公示信息提出更正申请（有证据证明不准确的），返回查询码',
        params: s.idParams,
        body: s.correctionBody,
        response: {
          201: z.object({ code: z.string(), receivedOn: z.string(), dueOn: z.string() }),
          400: errorBody,
          404: errorBody,
          429: errorBody,
        },
      },
      config: { rateLimit: { max: 10, timeWindow: '1 hour' }, idempotent: true },
    },
    async (req, reply) => reply.status(201).send(await corrections.fileCorrection(dbOf(req, db), calendar, req.params.id, req.body)),
  );

  app.get(
    '/api/v1/public/corrections/:code',
    {
      schema: {
        tags: publicTags,
        summary: '凭查询码查看更正申请的办理情况',
        params: s.correctionCodeParams,
        response: { 200: s.correctionStatus, 400: errorBody, 404: errorBody },
      },
      ...publicRoute,
    },
    async (req) => corrections.correctionStatus(db, req.params.code),
  );
}
