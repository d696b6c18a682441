import { z } from 'zod';
import type { App, Deps } from '../../platform/app-types.ts';
import { ctxOf } from '../../platform/auth.ts';
import { errorBody } from '../../platform/http.ts';
import * as s from './registry.schema.ts';
import * as registry from './registry.service.ts';
import * as repo from './registry.repo.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export async function registryRoutes(app: App, { db, policies }: Deps) {
  // Divisions are public reference data (GB/T 2260).
  app.get(
    '/api/v1/divisions',
    {
      schema: {
        tags: ['registry'],
        summary: '行政区划（默认省级；parent 取下级；under 取整个子树；q 按名称或代码前缀搜索）',
        querystring: s.listDivisionsQuery,
        response: { 200: z.object({ items: z.array(s.divisionView) }), 400: errorBody },
      },
    },
    async (req) => ({ items: await repo.listDivisions(db, req.query) }),
  );

  app.get(
    '/api/v1/divisions/:code',
    {
      schema: {
        tags: ['registry'],
        summary: '行政区划详情：上级链、下级、适用的政策包',
        params: s.codeParams,
        response: { 200: s.divisionDetail, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => {
      const d = await registry.getDivision(db, req.params.code);
      const { policyId, assignedAt } = await policies.resolve(db, req.params.code);
      return { ...d.division, ancestors: d.ancestors, children: d.children, policyId, policyAssignedAt: assignedAt };
    },
  );

  app.post(
    '/api/v1/divisions',
    {
      config: { idempotent: true },
      schema: { tags: ['registry'], summary: '新增行政区划', body: s.createDivisionBody, response: { 201: s.divisionView, ...errors } },
    },
    async (req, reply) => reply.status(201).send(await registry.createDivision(ctxOf(req, db), req.body)),
  );

  app.get(
    '/api/v1/agencies',
    {
      schema: {
        tags: ['registry'],
        summary: '执法部门（按管理范围）',
        querystring: s.listAgenciesQuery,
        response: { 200: z.object({ items: z.array(s.agencyView) }), ...errors },
      },
    },
    async (req) => ({ items: await registry.listAgencies(ctxOf(req, db), req.query) }),
  );

  app.get(
    '/api/v1/agencies/:id',
    {
      schema: { tags: ['registry'], summary: '执法部门详情', params: s.agencyParams, response: { 200: s.agencyView, ...errors } },
    },
    async (req) => registry.getAgency(ctxOf(req, db), req.params.id),
  );

  app.post(
    '/api/v1/agencies',
    {
      config: { idempotent: true },
      schema: {
        tags: ['registry'],
        summary: '登记执法部门（校验统一社会信用代码）',
        body: s.createAgencyBody,
        response: { 201: s.agencyView, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await registry.createAgency(ctxOf(req, db), req.body)),
  );
}
