// Registry records: back office (drafts, history, review) and the public read API the portal and other websites use.
import { z } from 'zod';
import type { App, Deps } from '../../platform/app-types.ts';
import { ctxOf } from '../../platform/auth.ts';
import { errorBody } from '../../platform/http.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { RECORD_KINDS, RECORD_KIND_IDS, type RecordKind } from './record.kinds.ts';
import * as s from './record.schema.ts';
import * as records from './record.service.ts';
import * as repo from './record.repo.ts';
import { exportRecords, importRecords, importTemplate } from './record.import.ts';
import { IMPORT_COLUMNS } from './record.columns.ts';
import { XLSX_TYPE } from './record.xlsx.ts';
import { MAX_PHOTO_BYTES, agencyPhoto, publicOfficerPhoto, uploadPhoto } from './record.photo.ts';

const tags = ['registry'];
const publicTags = ['public'];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

const MAX_XLSX_BYTES = 10 * 1024 * 1024;
const attachment = (name: string) => `attachment; filename="registry.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;

const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

export async function recordRoutes(app: App, { db, config, blobs }: Deps) {
  app.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer', bodyLimit: MAX_XLSX_BYTES }, (_req, body, done) => done(null, body));
  app.addContentTypeParser(PHOTO_TYPES, { parseAs: 'buffer', bodyLimit: MAX_PHOTO_BYTES }, (_req, body, done) => done(null, body));

  app.post(
    '/api/v1/registry/photos',
    {
      bodyLimit: MAX_PHOTO_BYTES,
      config: { idempotent: true },
      schema: {
        tags,
        summary: '上传执法人员照片（JPEG/PNG/WebP，不超过 2 MB；返回在人员信息 photo 字段中引用的值）',
        consumes: PHOTO_TYPES,
        querystring: z.strictObject({ agency: z.uuid().optional() }),
        response: {
          201: z.object({ photo: z.string().describe('sha256:<hex>'), contentType: z.string(), size: z.number().int() }),
          413: errorBody,
          415: errorBody,
          ...errors,
        },
      },
    },
    async (req, reply) => {
      if (!Buffer.isBuffer(req.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `请以 ${PHOTO_TYPES.join('、')} 上传照片`);
      return reply.status(201).send(await uploadPhoto(ctxOf(req, db), blobs, req.body, req.query.agency));
    },
  );

  app.get(
    '/api/v1/registry/photos/:sha256',
    {
      schema: {
        tags,
        summary: '本部门照片预览（含草稿中的照片）',
        params: z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
        produces: PHOTO_TYPES,
      },
    },
    async (req, reply) => {
      const p = await agencyPhoto(ctxOf(req, db), blobs, req.params.sha256);
      return reply.type(p.contentType).header('content-length', String(p.size)).send(p.stream);
    },
  );

  for (const kind of RECORD_KIND_IDS) {
    const { label, data } = RECORD_KINDS[kind];
    app.get(
      `/api/v1/registry/${kind}`,
      {
        schema: {
          tags,
          summary: `${label}：列表（按管理范围；含已发布版本和待审核草稿）`,
          querystring: s.listQuery,
          response: { 200: z.object({ total: z.number().int(), items: z.array(s.recordListItem) }), ...errors },
        },
      },
      async (req) => records.listRecords(ctxOf(req, db), { kind, ...req.query }),
    );

    app.post(
      `/api/v1/registry/${kind}`,
      {
        config: { idempotent: true },
        schema: {
          tags,
          summary: `${label}：新登记（生成第 1 版草稿，审核通过后公示）`,
          body: z.strictObject({ agencyId: z.uuid().optional().describe('defaults to the caller’s agency'), data, note: s.note }),
          response: { 201: s.draftReply, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await records.createRecord(ctxOf(req, db), kind, req.body)),
    );

    if (!IMPORT_COLUMNS[kind]) continue;
    app.get(
      `/api/v1/registry/${kind}/template.xlsx`,
      {
        schema: { tags, summary: `${label}：Excel 导入模板`, produces: [XLSX_TYPE] },
      },
      async (req, reply) => {
        ctxOf(req, db);
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment(`${label}导入模板.xlsx`))
          .send(await importTemplate(kind));
      },
    );

    app.get(
      `/api/v1/registry/${kind}/export.xlsx`,
      {
        schema: {
          tags,
          summary: `${label}：导出 Excel（与导入模板同列，可修改后重新导入）`,
          querystring: s.listQuery.omit({ page: true, pageSize: true, sort: true }),
          produces: [XLSX_TYPE],
        },
      },
      async (req, reply) =>
        reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment(`${label}.xlsx`))
          .send(await exportRecords(ctxOf(req, db), kind, req.query)),
    );

    app.post(
      `/api/v1/registry/${kind}/import`,
      {
        bodyLimit: MAX_XLSX_BYTES,
        config: { idempotent: true },
        schema: {
          tags,
          summary: `${label}：从 Excel 批量导入（逐行校验，全部成功才导入；生成待审核草稿）`,
          consumes: [XLSX_TYPE],
          querystring: z.strictObject({ agency: z.uuid().optional(), note: z.string().trim().max(200).optional() }),
          response: {
            201: z.object({ rows: z.number().int(), created: z.number().int(), revised: z.number().int(), unchanged: z.number().int() }),
            413: errorBody,
            415: errorBody,
            ...errors,
          },
        },
      },
      async (req, reply) => {
        if (!Buffer.isBuffer(req.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `请以 ${XLSX_TYPE} 上传 .xlsx 文件`);
        return reply
          .status(201)
          .send(await importRecords(ctxOf(req, db), kind, req.body, { agencyId: req.query.agency, note: req.query.note }));
      },
    );
  }

  app.get(
    '/api/v1/registry/records/:id',
    {
      schema: {
        tags,
        summary: '登记记录详情及全部历史版本（谁在何时改了什么、谁审核）',
        params: s.idParams,
        response: { 200: s.recordDetail, ...errors },
      },
    },
    async (req) => records.getRecord(ctxOf(req, db), req.params.id),
  );

  app.post(
    '/api/v1/registry/records/:id/versions',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: '修改：提交新版本草稿（审核通过前门户仍显示原版本）',
        params: s.idParams,
        body: s.reviseBody,
        response: { 201: s.draftReply, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await records.reviseRecord(ctxOf(req, db), req.params.id, req.body)),
  );

  app.post(
    '/api/v1/registry/records/:id/retire',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: '撤下：提交撤下草稿（审核通过后从门户撤下，历史保留）',
        params: s.idParams,
        body: s.retireBody,
        response: { 201: s.draftReply, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await records.retireRecord(ctxOf(req, db), req.params.id, req.body)),
  );

  app.get(
    '/api/v1/registry/reviews',
    {
      schema: {
        tags,
        summary: '待审核的公示信息（本人起草的只能撤回，不能审核）',
        querystring: s.reviewsQuery,
        response: { 200: z.object({ items: z.array(s.reviewItem) }), ...errors },
      },
    },
    async (req) => ({ items: await records.pendingReviews(ctxOf(req, db), req.query) }),
  );

  app.post(
    '/api/v1/registry/versions/:id/decision',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: '审核：通过（发布）、退回（须写理由），或起草人撤回',
        params: s.idParams,
        body: s.decisionBody,
        response: { 200: s.decisionReply, ...errors },
      },
    },
    async (req) => records.decide(ctxOf(req, db), req.params.id, req.body),
  );

  // ---- public: published versions only, no login, rate-limited ----
  const publicRoute = { config: { rateLimit: { max: config.publicRateLimit, timeWindow: '1 minute' } } };

  app.get(
    '/api/v1/public/agencies',
    {
      schema: {
        tags: publicTags,
        summary: '执法主体名录',
        querystring: s.publicAgenciesQuery,
        response: { 200: s.publicAgencyPage, 400: errorBody },
      },
      ...publicRoute,
    },
    async (req) => {
      const { rows, total } = await repo.publicAgencies(db, {
        division: req.query.division,
        q: req.query.q,
        limit: req.query.pageSize,
        offset: (req.query.page - 1) * req.query.pageSize,
      });
      return {
        total,
        items: rows.map((a) => ({
          id: a.id,
          name: a.name,
          creditCode: a.credit_code,
          divisionCode: a.division_code,
          divisionName: a.division_name,
          profile: a.profile ?? null,
        })),
      };
    },
  );

  app.get(
    '/api/v1/public/agencies/:id',
    {
      schema: {
        tags: publicTags,
        summary: '执法主体详情（主体信息和各清单的条目数）',
        params: s.idParams,
        response: { 200: s.publicAgencyDetail, 400: errorBody, 404: errorBody },
      },
      ...publicRoute,
    },
    async (req) => {
      const a = await repo.publicAgency(db, req.params.id);
      if (!a) throw notFound('执法部门');
      const profile = await repo.publishedProfile(db, a.id);
      return {
        id: a.id,
        name: a.name,
        creditCode: a.credit_code,
        divisionCode: a.division_code,
        divisionName: a.division_name,
        profile: profile?.data ?? null,
        counts: await repo.publishedCounts(db, a.id),
      };
    },
  );

  const search = async (kind: RecordKind, q: { agency?: string; division?: string; q?: string; page: number; pageSize: number }) => {
    const { rows, total, estimated } = await repo.publicRecords(db, {
      kind,
      agency: q.agency,
      division: q.division,
      terms: records.queryTerms(q.q),
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return { total, estimated, items: rows.map((r) => records.publicItem(kind, r)) };
  };

  app.get(
    '/api/v1/public/officers',
    {
      schema: {
        tags: publicTags,
        summary: '执法人员名录（按部门、地区，姓名或证号搜索）',
        querystring: s.publicSearchQuery,
        response: { 200: s.publicPage, 400: errorBody },
      },
      ...publicRoute,
    },
    async (req) => search('officer', req.query),
  );

  app.get(
    '/api/v1/public/officers/:id',
    {
      schema: {
        tags: publicTags,
        summary: '执法人员公示页（岗位信息公示牌）',
        params: s.idParams,
        response: { 200: s.publicItem, 400: errorBody, 404: errorBody },
      },
      ...publicRoute,
    },
    async (req) => {
      const r = await repo.publishedRecord(db, req.params.id);
      if (!r || r.kind !== 'officer') throw notFound('执法人员');
      return records.publicItem('officer', r);
    },
  );

  app.get(
    '/api/v1/public/officers/:id/photo',
    {
      schema: { tags: publicTags, summary: '已公示执法人员的照片', params: s.idParams, produces: PHOTO_TYPES },
      ...publicRoute,
    },
    async (req, reply) => {
      const p = await publicOfficerPhoto(db, blobs, req.params.id);
      return reply.type(p.contentType).header('content-length', String(p.size)).header('etag', `"sha256:${p.sha256}"`).send(p.stream);
    },
  );

  app.get(
    '/api/v1/public/certificates/:number',
    {
      schema: {
        tags: publicTags,
        summary: '执法证件核验：今日是否有效、所属部门、执法类别和区域',
        params: s.certificateParams,
        response: { 200: s.certificateReply, 400: errorBody, 404: errorBody },
      },
      ...publicRoute,
    },
    async (req) => records.checkCertificate(db, req.params.number),
  );

  app.get(
    '/api/v1/public/agencies/:id/lists/:kind',
    {
      schema: {
        tags: publicTags,
        summary:
          '部门的清单和公示文本（事项清单、随机抽查事项、音像记录事项、重大执法决定目录、服务指南、流程图、裁量基准、收费目录、救济渠道）',
        params: z.strictObject({ id: z.uuid(), kind: s.listKind }),
        querystring: s.publicListQuery,
        response: { 200: s.publicPage, 400: errorBody, 404: errorBody },
      },
      ...publicRoute,
    },
    async (req) => {
      if (!(await repo.publicAgency(db, req.params.id))) throw notFound('执法部门');
      return search(req.params.kind as RecordKind, { ...req.query, agency: req.params.id });
    },
  );

  app.get(
    '/api/v1/public/items',
    {
      schema: {
        tags: publicTags,
        summary: '跨部门检索清单事项（关键词 2 个字以上）',
        querystring: s.publicItemsQuery,
        response: { 200: s.publicPage, 400: errorBody },
      },
      ...publicRoute,
    },
    async (req) => search(req.query.kind as RecordKind, req.query),
  );

  app.get(
    '/api/v1/public/records/:id',
    {
      schema: {
        tags: publicTags,
        summary: '一条已公示的清单事项或公示文本',
        params: s.idParams,
        response: { 200: s.publicItem, 400: errorBody, 404: errorBody },
      },
      ...publicRoute,
    },
    async (req) => {
      const r = await repo.publishedRecord(db, req.params.id);
      if (!r || r.kind === 'agencyProfile') throw notFound('公示信息');
      return records.publicItem(r.kind as RecordKind, r);
    },
  );
}
