import { z } from 'zod';
import type { App, Deps } from '../app-types.ts';
import { ctxOf } from '../auth.ts';
import { errorBody } from '../http.ts';
import { policyPackSchema } from './policy.schema.ts';

const tags = ['policies'];
const summary = z.object({
  id: z.string(),
  name: z.string(),
  jurisdiction: z.string(),
  version: z.string(),
  divisionCodes: z.array(z.string()),
  isDefault: z.boolean(),
});

export async function policyRoutes(app: App, { db, policies }: Deps) {
  app.get(
    '/api/v1/policies',
    { schema: { tags, summary: '政策包列表', response: { 200: z.object({ defaultId: z.string(), items: z.array(summary) }) } } },
    async () => ({
      defaultId: policies.defaultId,
      items: policies.list().map((p) => ({
        id: p.id,
        name: p.name,
        jurisdiction: p.jurisdiction,
        version: p.version,
        divisionCodes: p.divisionCodes,
        isDefault: p.id === policies.defaultId,
      })),
    }),
  );

  app.get(
    '/api/v1/policies/:id',
    {
      schema: {
        tags,
        summary: '政策包全文（每个数值注明出处条款）',
        params: z.strictObject({ id: z.string().max(64) }),
        response: { 200: policyPackSchema, 404: errorBody },
      },
    },
    async (req) => policies.get(req.params.id),
  );

  app.put(
    '/api/v1/divisions/:code/policy',
    {
      schema: {
        tags,
        summary: '为行政区划（及其下级）指定政策包；policyId 为 null 时恢复继承',
        params: z.strictObject({ code: z.string().regex(/^[1-9]\d{5}$/) }),
        body: z.strictObject({ policyId: z.string().max(64).nullable() }),
        response: {
          200: z.object({ divisionCode: z.string(), policyId: z.string() }),
          400: errorBody,
          401: errorBody,
          403: errorBody,
          404: errorBody,
        },
      },
    },
    async (req) => ({ divisionCode: req.params.code, policyId: await policies.assign(ctxOf(req, db), req.params.code, req.body.policyId) }),
  );
}
