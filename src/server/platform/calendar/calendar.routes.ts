import { z } from 'zod';
import type { App, Deps } from '../app-types.ts';
import { ctxOf } from '../auth.ts';
import { errorBody } from '../http.ts';
import { isRealDate } from '../codes.ts';
import { MAX_WORKING_DAYS } from './calendar.rules.ts';
import { yearScheduleSchema } from './calendar.schema.ts';

const tags = ['calendar'];
const date = z.string().refine(isRealDate, '日期应为真实存在的 YYYY-MM-DD');
const completeness = {
  scheduleComplete: z
    .boolean()
    .describe('false when a year touched by the computation has no official schedule loaded (weekends only were assumed)'),
  missingYears: z.array(z.number().int()),
};
const yearSummary = z.object({
  year: z.number().int(),
  notice: z.string(),
  title: z.string(),
  source: z.enum(['shipped', 'loaded']),
  loadedAt: z.string().nullable(),
  loadedBy: z.string().nullable(),
  holidayCount: z.number().int(),
  adjustedWorkdayCount: z.number().int(),
});

export async function calendarRoutes(app: App, { db, calendar }: Deps) {
  app.get(
    '/api/v1/calendar/add-working-days',
    {
      schema: {
        tags,
        summary: '从某日起算 N 个工作日后的日期（起算日不计入，民法典第二百零一条）',
        querystring: z.strictObject({ from: date, days: z.coerce.number().int().min(0).max(MAX_WORKING_DAYS) }),
        response: { 200: z.object({ date: z.string(), ...completeness }), 400: errorBody },
      },
    },
    async (req) => (await calendar.current(db)).addWorkingDays(req.query.from, req.query.days),
  );

  app.get(
    '/api/v1/calendar/working-days-between',
    {
      schema: {
        tags,
        summary: '两日之间的工作日数（不含起始日，含结束日）',
        querystring: z.strictObject({ from: date, to: date }),
        response: { 200: z.object({ days: z.number().int(), ...completeness }), 400: errorBody },
      },
    },
    async (req) => (await calendar.current(db)).workingDaysBetween(req.query.from, req.query.to),
  );

  app.get(
    '/api/v1/calendar/days/:date',
    {
      schema: {
        tags,
        summary: '某日是否为工作日',
        params: z.strictObject({ date }),
        response: {
          200: z.object({
            date: z.string(),
            working: z.boolean(),
            kind: z.enum(['workday', 'weekend', 'holiday', 'adjustedWorkday']),
            name: z.string().optional(),
            notice: z.string().optional(),
            scheduleComplete: z.boolean(),
          }),
          400: errorBody,
        },
      },
    },
    async (req) => {
      const d = (await calendar.current(db)).dayInfo(req.params.date);
      return {
        date: d.date,
        working: d.working,
        kind: d.kind,
        ...(d.name ? { name: d.name } : {}),
        ...(d.notice ? { notice: d.notice } : {}),
        scheduleComplete: d.scheduleComplete,
      };
    },
  );

  app.get(
    '/api/v1/calendar/years',
    {
      schema: { tags, summary: '已加载节假日安排的年份及来源文件', response: { 200: z.object({ items: z.array(yearSummary) }) } },
    },
    async () => ({ items: await calendar.years(db) }),
  );

  app.get(
    '/api/v1/calendar/years/:year',
    {
      schema: {
        tags,
        summary: '某年的节假日安排',
        params: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) }),
        response: { 200: yearScheduleSchema, 400: errorBody, 404: errorBody },
      },
    },
    async (req, reply) => {
      const s = await calendar.schedule(db, req.params.year);
      if (!s) return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `${req.params.year} 年的节假日安排尚未加载` } });
      return s;
    },
  );

  app.post(
    '/api/v1/calendar/years',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: '加载一年的节假日安排（国务院办公厅通知）',
        body: z.unknown(),
        response: { 201: yearSummary, 400: errorBody, 401: errorBody, 403: errorBody },
      },
    },
    async (req, reply) => reply.status(201).send(await calendar.loadYear(ctxOf(req, db), req.body)),
  );
}
