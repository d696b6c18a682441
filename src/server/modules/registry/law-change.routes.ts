// Law and duty changes that require updating published registry items (002 公示办法 §25).
import { z } from 'zod';
import type { App, Deps } from '../../platform/app-types.ts';
import { ctxOf } from '../../platform/auth.ts';
import { errorBody } from '../../platform/http.ts';
import { isRealDate } from '../../platform/codes.ts';
import { LAW_CHANGE_ACTIONS, recordKind } from './record.schema.ts';
import * as changes from './law-change.service.ts';

const tags = ['registry'];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
const state = z.enum(['open', 'overdue', 'done']).describe('open 待更新；overdue 已逾期；done 已全部更新');

const changeBody = z.strictObject({
  agencyId: z.uuid().optional(),
  kind: z.enum(['law', 'duties']).describe('law 法律法规规章或规范性文件的制定、修改、废止；duties 部门职责调整'),
  title: z.string().trim().min(2).max(300).describe('例如：《营业性演出管理条例》修订'),
  matchText: z.string().trim().min(2).max(100).optional().describe('在条目中查找的文字；默认取标题中书名号内的名称'),
  effectiveDate: z
    .string()
    .refine(isRealDate, '应为真实存在的日期，格式 YYYY-MM-DD')
    .describe('生效、废止或职责调整之日（期限从此日起算）'),
  note: z.string().trim().max(1000).optional(),
});

const summary = z.object({
  id: z.string(),
  agencyId: z.string(),
  kind: z.enum(['law', 'duties']),
  title: z.string(),
  matchText: z.string(),
  effectiveDate: z.string(),
  note: z.string().nullable(),
  deadline: z.string().nullable().describe('null: the policy says "promptly" without a number of working days'),
  scheduleComplete: z.boolean().describe('false: the deadline crosses a year whose holiday schedule is not loaded'),
  policyId: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  affected: z.number().int(),
  updated: z.number().int(),
  status: state,
});
const detail = summary.extend({
  items: z.array(
    z.object({
      recordId: z.string(),
      kind: recordKind,
      title: z.string(),
      versionNo: z.number().int().describe('the version the change was recorded against'),
      updatedAt: z.string().nullable().describe('when a later version was approved'),
      pendingVersionNo: z.number().int().nullable().describe('a later version awaiting review'),
    }),
  ),
  actions: z
    .array(z.enum(LAW_CHANGE_ACTIONS))
    .describe("what the caller may do: revise the affected records (the agency's editors and head)"),
});

export async function lawChangeRoutes(app: App, { db, calendar, policies }: Deps) {
  app.post(
    '/api/v1/registry/law-changes',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: '登记法律法规或职责变更：列出引用它的公示条目并跟踪更新期限',
        body: changeBody,
        response: { 201: detail, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await changes.recordLawChange(ctxOf(req, db), { calendar, policies }, req.body)),
  );

  app.get(
    '/api/v1/registry/law-changes',
    {
      schema: {
        tags,
        summary: '法律法规或职责变更及其更新进度（监督人员看到辖区内全部，含逾期）',
        querystring: z.strictObject({
          agency: z.uuid().optional(),
          division: z
            .string()
            .regex(/^[1-9]\d{5}$/)
            .optional(),
          state: state.optional(),
        }),
        response: { 200: z.object({ items: z.array(summary.extend({ agencyName: z.string(), divisionCode: z.string() })) }), ...errors },
      },
    },
    async (req) => ({ items: await changes.listLawChanges(ctxOf(req, db), req.query) }),
  );

  app.get(
    '/api/v1/registry/law-changes/:id',
    {
      schema: {
        tags,
        summary: '变更详情：受影响的条目及是否已更新',
        params: z.strictObject({ id: z.uuid() }),
        response: { 200: detail, ...errors },
      },
    },
    async (req) => changes.getLawChange(ctxOf(req, db), req.params.id),
  );
}
