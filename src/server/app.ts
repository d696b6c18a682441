// Assembles the Fastify app from the platform and the modules. No listening here (tests use inject()).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyReply, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'kysely';
import type { Config } from './platform/config.ts';
import type { Database } from './platform/db.ts';
import type { App, Deps } from './platform/app-types.ts';
import { frameworkError, installErrorHandling, sendError } from './platform/http.ts';
import { installTextHygiene } from './platform/input-text.ts';
import { installAuth } from './platform/auth.ts';
import { documentIdempotencyKey, installIdempotency } from './platform/idempotency.ts';
import { CalendarService } from './platform/calendar/calendar.service.ts';
import { PolicyService } from './platform/policy/policy.service.ts';
import { calendarRoutes } from './platform/calendar/calendar.routes.ts';
import { policyRoutes } from './platform/policy/policy.routes.ts';
import { auditRoutes } from './platform/audit.routes.ts';
import { identityRoutes } from './modules/identity/identity.routes.ts';
import { authenticateBearer, authenticateSession } from './modules/identity/identity.service.ts';
import { registryRoutes } from './modules/registry/registry.routes.ts';
import { recordRoutes } from './modules/registry/record.routes.ts';
import { lawChangeRoutes } from './modules/registry/law-change.routes.ts';
import { ledgerRoutes } from './modules/ledger/ledger.routes.ts';
import { LedgerService } from './modules/ledger/ledger.service.ts';
import { evidenceRoutes } from './modules/cases/evidence.routes.ts';
import { caseRoutes } from './modules/cases/case.routes.ts';
import { reviewRoutes } from './modules/review/review.routes.ts';
import { disclosureRoutes } from './modules/disclosure/disclosure.routes.ts';
import { openBlobStore } from './platform/blob-store/index.ts';
import { EventBus } from './platform/events.ts';
import { TodoBoard } from './platform/todo.ts';
import { reviewTodos } from './modules/review/review.todo.ts';
import { subscribeDisclosure } from './modules/disclosure/disclosure.events.ts';

export const VERSION = '0.1.0';

export interface BuildOptions {
  config: Config;
  database: Database;
  logger?: FastifyServerOptions['logger'];
}

/**
 * How the modules react to one another (README "Architecture"): each subscribes to the events of the modules below
 * it and contributes to the to-do board here, never by being called from below. Benchmarks that drive services
 * without HTTP connect the same way.
 */
export function connectModules(deps: Pick<Deps, 'events' | 'todos' | 'ledger' | 'policies' | 'calendar'>): void {
  subscribeDisclosure(deps.events, deps);
  deps.todos.contribute(reviewTodos);
}

export async function buildApp({ config, database, logger }: BuildOptions): Promise<App> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: frameworkError,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  installTextHygiene(app);

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    if (!req.url.startsWith('/api/docs')) reply.header('x-frame-options', 'DENY');
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Sanxiang 三项 API', version: VERSION, description: '行政执法公示、执法全过程记录、重大执法决定法制审核' },
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'sx_session',
            description: '登录后的会话 Cookie；修改类请求须带 x-csrf-token 请求头',
          },
          bearer: { type: 'http', scheme: 'bearer', description: '管理员签发的 API 令牌（sx_…）' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: documentIdempotencyKey(jsonSchemaTransform),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  installAuth(app, database.db, { session: authenticateSession, bearer: authenticateBearer });
  installIdempotency(app, database.db, { crashAfterCommit: config.testFaults.crashAfterIdempotentCommit });

  const deps: Deps = {
    config,
    db: database.db,
    engine: database.engine,
    calendar: new CalendarService(),
    policies: new PolicyService(config.policyId),
    ledger: await LedgerService.open(database.db, config),
    blobs: openBlobStore(config),
    events: new EventBus(),
    todos: new TodoBoard(),
  };
  connectModules(deps);
  deps.ledger.start(database.db, {
    headIntervalMs: config.treeHeadIntervalMs,
    onError: (err) => app.log.error({ err }, 'ledger integration or signing failed'),
  });
  app.addHook('onClose', async () => deps.ledger.stop());

  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get(
    '/api/v1/health',
    {
      schema: {
        tags: ['system'],
        summary: '健康检查',
        response: {
          200: z.object({ status: z.literal('ok'), version: z.string(), engine: z.enum(['pglite', 'postgres']), time: z.string() }),
          503: z.unknown(),
        },
      },
    },
    async (_req, reply) => {
      try {
        await sql`select 1`.execute(database.db);
      } catch {
        return sendError(reply, 503, 'INTERNAL', '数据库不可用');
      }
      return { status: 'ok' as const, version: VERSION, engine: database.engine, time: new Date().toISOString() };
    },
  );

  for (const routes of [
    identityRoutes,
    registryRoutes,
    recordRoutes,
    lawChangeRoutes,
    calendarRoutes,
    policyRoutes,
    auditRoutes,
    ledgerRoutes,
    evidenceRoutes,
    caseRoutes,
    reviewRoutes,
    disclosureRoutes,
  ])
    await routes(app, deps);

  await serveWeb(app, config.webDir);
  return app;
}

/** The built web app: the portal at /, the back office at /admin (single-page apps with client-side routes). */
async function serveWeb(app: App, webDir: string) {
  const built = fs.existsSync(path.join(webDir, 'index.html'));
  // wildcard: files are looked up per request, so a rebuild needs no restart; a miss falls through to the handler below.
  if (built)
    await app.register(fastifyStatic, { root: webDir, wildcard: true, index: false, redirect: false, maxAge: '1h', immutable: false });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.url === '/api')
      return sendError(reply, 404, 'NOT_FOUND', `接口不存在：${req.method} ${req.url.split('?')[0]}`);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(reply, 404, 'NOT_FOUND', '页面不存在');
    // A missing script or asset must not be answered with a page (the browser would refuse it as the wrong type).
    if (/^\/(admin\/)?assets\//.test(req.url) || /\.(js|css|map|png|svg|ico|woff2?|json)(\?|$)/.test(req.url))
      return reply.status(404).type('text/plain; charset=utf-8').send('文件不存在');
    return sendPage(req.url, reply);
  });
  // The two entry pages themselves (directories, which the static handler does not list).
  app.get('/', { schema: { hide: true } }, (req, reply) => sendPage(req.url, reply));
  app.get('/admin', { schema: { hide: true } }, (req, reply) => sendPage(req.url, reply));

  function sendPage(url: string, reply: FastifyReply) {
    if (!built)
      return reply.status(503).type('text/plain; charset=utf-8').send('网页尚未构建：请先运行 npm run build（npm start 会自动构建）。');
    const page = url === '/admin' || url.startsWith('/admin/') || url.startsWith('/admin?') ? 'admin/index.html' : 'index.html';
    return reply.header('cache-control', 'no-cache').sendFile(page);
  }
}
