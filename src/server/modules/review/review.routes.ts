// Legal review HTTP API (SPEC §4): classifying a draft decision against the major-decision catalogue, and the review
// workflow — submission from the case, assignment, supplements, extension, return, opinion, contest, head's decision.
import { z } from 'zod';
import type { App, Deps } from '../../platform/app-types.ts';
import { ctxOf } from '../../platform/auth.ts';
import { errorBody } from '../../platform/http.ts';
import {
  assignBody,
  classifyBody,
  classifyReply,
  contestBody,
  extensionDecisionBody,
  headDecisionBody,
  listQuery,
  materialCheck,
  opinionBody,
  reasonBody,
  reviewDetail,
  reviewSummary,
  submitBody,
  supplementRequestBody,
  supplyBody,
} from './review.schema.ts';
import { classifyDecision } from './review.service.ts';
import * as review from './review.workflow.ts';
import { caseReviews, getReview, listReviews } from './review.read.ts';

const tags = ['review'];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };
const idParams = z.strictObject({ id: z.uuid() });
const caseParams = z.strictObject({ caseId: z.uuid() });

export async function reviewRoutes(app: App, { db, policies, ledger, calendar, events }: Deps) {
  const deps = { ledger, policies, calendar, events };

  app.post(
    '/api/v1/review/classify',
    {
      schema: {
        tags,
        summary:
          '判断拟作出的决定是否属于重大执法决定，并说明依据的目录条目（本部门或本地政策包的重大执法决定目录，及行政处罚法第五十八条）',
        body: classifyBody,
        response: { 200: classifyReply, 400: errorBody, 401: errorBody, 404: errorBody },
      },
    },
    async (req) => classifyDecision(ctxOf(req, db), policies, req.body),
  );

  app.get(
    '/api/v1/reviews',
    {
      schema: {
        tags,
        summary:
          '法制审核列表（法制审核人员、负责人看到本部门的，监督人员看到辖区内的，执法人员看到本人承办案件的）；overdue=true 为已超期的审核',
        querystring: listQuery,
        response: { 200: z.object({ total: z.number().int(), items: z.array(reviewSummary) }), ...errors },
      },
    },
    async (req) => listReviews(ctxOf(req, db), deps, req.query),
  );

  app.get(
    '/api/v1/reviews/:id',
    {
      schema: {
        tags,
        summary: '一次法制审核：状态、期限（工作日，扣除补充材料时间）、全部环节、当前用户可以办理的操作',
        params: idParams,
        response: { 200: reviewDetail, ...errors },
      },
    },
    async (req) => getReview(ctxOf(req, db), deps, req.params.id),
  );

  app.get(
    '/api/v1/reviews/:id/reviewers',
    {
      schema: {
        tags,
        summary: '本部门法制审核人员及能否承担本次审核（办案与审核相分离；初次审核须具备法律职业资格）',
        params: idParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                eligible: z.boolean(),
                problem: z.string().nullable(),
                code: z.enum(['REVIEWER_NOT_SEPARATE', 'REVIEWER_UNQUALIFIED']).nullable(),
                firstReview: z.boolean(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req) => review.reviewersFor(ctxOf(req, db), deps, req.params.id),
  );

  app.get(
    '/api/v1/cases/:caseId/reviews',
    {
      schema: {
        tags,
        summary: '案件的法制审核（最新在前）',
        params: caseParams,
        response: { 200: z.object({ major: z.boolean(), items: z.array(reviewSummary) }), ...errors },
      },
    },
    async (req) => caseReviews(ctxOf(req, db), deps, req.params.caseId),
  );

  app.post(
    '/api/v1/cases/:caseId/review-materials',
    {
      schema: {
        tags,
        summary: '送审材料检查（不提交）：逐项列出是否需要、是否齐全',
        params: caseParams,
        body: submitBody,
        response: { 200: z.object({ materials: z.array(materialCheck), qualifications: z.string() }), ...errors },
      },
    },
    async (req) => review.materialsPreview(ctxOf(req, db), req.params.caseId, req.body),
  );

  app.post(
    '/api/v1/cases/:caseId/reviews',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: '提请法制审核：材料不齐全的不能提交（MATERIALS_INCOMPLETE）；提交记入案件和账本，本案决定须待审核通过',
        params: caseParams,
        body: submitBody,
        response: { 201: reviewDetail, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await review.submitReview(ctxOf(req, db), deps, req.params.caseId, req.body)),
  );

  const action = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    run: (ctx: ReturnType<typeof ctxOf>, id: string, b: z.infer<B>) => Promise<unknown>,
  ) =>
    app.post(
      `/api/v1/reviews/:id/${path}`,
      { config: { idempotent: true }, schema: { tags, summary, params: idParams, body, response: { 200: reviewDetail, ...errors } } },
      async (req) => run(ctxOf(req, db), (req.params as { id: string }).id, req.body as z.infer<B>) as never,
    );

  action('assign', '分配法制审核人员（部门负责人指派，或审核人员本人领取）', assignBody, (ctx, id, b) =>
    review.assignReviewer(ctx, deps, id, b.reviewerId),
  );
  action('supplement-request', '要求在指定时间内补充材料（暂停计时，000 §29、§31）', supplementRequestBody, (ctx, id, b) =>
    review.requestSupplement(ctx, deps, id, b),
  );
  action('supply', '承办机构补充材料（恢复计时）', supplyBody, (ctx, id, b) => review.supplyMaterials(ctx, deps, id, b));
  action('return', '退回承办机构（补充材料后重新提交）', reasonBody, (ctx, id, b) => review.returnReview(ctx, deps, id, b.reason));
  action('extension', '申请延长审核期限（一次，须负责人批准）', reasonBody, (ctx, id, b) =>
    review.requestExtension(ctx, deps, id, b.reason),
  );
  action('extension-decision', '负责人审批延期申请', extensionDecisionBody, (ctx, id, b) => review.decideExtension(ctx, deps, id, b));
  action('opinion', '出具法制审核意见（逐项审核 000 §30；生成法制审核意见书，记入案件和账本）', opinionBody, (ctx, id, b) =>
    review.issueOpinion(ctx, deps, id, b),
  );
  action('contest', '承办机构对审核意见有异议（经协商仍不一致，报负责人决定，000 §32）', contestBody, (ctx, id, b) =>
    review.contestOpinion(ctx, deps, id, b),
  );
  action('head-decision', '负责人对审核意见分歧作出决定（记入案件和账本）', headDecisionBody, (ctx, id, b) =>
    review.headDecision(ctx, deps, id, b),
  );
}
