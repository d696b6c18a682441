import { z } from 'zod';
import type { App, Deps } from './app-types.ts';
import { ctxOf } from './auth.ts';
import { errorBody } from './http.ts';
import { requireRole } from './access.ts';
import { listAudit } from './audit.ts';

const entry = z.object({
  id: z.string(),
  at: z.string(),
  actorUsername: z.string().nullable(),
  action: z.string(),
  outcome: z.enum(['success', 'failure']),
  ip: z.string().nullable(),
  subject: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export async function auditRoutes(app: App, { db }: Deps) {
  app.get(
    '/api/v1/audit-log',
    {
      schema: {
        tags: ['system'],
        summary: '审计日志（登录、失败登录和管理操作；仅系统管理员，按其管理范围：限定行政区划的管理员只看到本辖区部门的条目）',
        querystring: z.strictObject({
          action: z.string().max(64).optional(),
          outcome: z.enum(['success', 'failure']).optional(),
          username: z.string().max(64).optional(),
          before: z.coerce.number().int().positive().optional().describe('cursor: entries with a smaller id'),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: {
          200: z.object({ items: z.array(entry), nextBefore: z.string().nullable() }),
          400: errorBody,
          401: errorBody,
          403: errorBody,
        },
      },
    },
    async (req) => {
      const ctx = ctxOf(req, db);
      requireRole(ctx.actor, 'administrator');
      return listAudit(ctx.db, ctx.actor, req.query);
    },
  );
}
