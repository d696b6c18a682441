import { z } from 'zod';
import type { App, Deps } from '../../platform/app-types.ts';
import { SESSION_COOKIE, ctxOf, requireActor } from '../../platform/auth.ts';
import { errorBody } from '../../platform/http.ts';
import { writeAudit } from '../../platform/audit.ts';
import * as s from './identity.schema.ts';
import * as identity from './identity.service.ts';

const tags = ['identity'];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };

export async function identityRoutes(app: App, { db, config }: Deps) {
  app.post(
    '/api/v1/auth/login',
    {
      schema: { tags, summary: '登录（设置会话 Cookie，返回 CSRF 令牌）', body: s.loginBody, response: { 200: s.loginReply, ...errors } },
      config: {
        csrfExempt: true,
        rateLimit: {
          max: config.loginRateLimit,
          hook: 'preHandler', // after body parsing, so a refused attempt is audited with its username
          timeWindow: '1 minute',
          // Mark the refused attempt; the onSend hook below writes its audit entry before the 429 leaves, so an
          // acknowledged refusal is always on record.
          onExceeded: (req: { rateLimited?: boolean }) => {
            req.rateLimited = true;
          },
        },
      },
      onSend: async (req, _reply, payload) => {
        if ((req as { rateLimited?: boolean }).rateLimited) {
          const username = (req.body as { username?: unknown } | undefined)?.username;
          const claimed = typeof username === 'string' ? username.slice(0, 64) : null;
          await writeAudit(db, {
            action: 'auth.login',
            outcome: 'failure',
            ip: req.ip,
            username: claimed,
            subject: claimed,
            details: { reason: 'rateLimited' },
          });
        }
        return payload;
      },
    },
    async (req, reply) => {
      const r = await identity.login(db, req.body.username, req.body.password, {
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
        sessionTtlHours: config.sessionTtlHours,
      });
      reply.setCookie(SESSION_COOKIE, r.sessionToken, {
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
        path: '/',
        maxAge: config.sessionTtlHours * 3600,
      });
      return { csrfToken: r.csrfToken, user: r.user };
    },
  );

  app.post('/api/v1/auth/logout', { schema: { tags, summary: '退出登录', response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    const actor = requireActor(req);
    if (req.sessionToken) await identity.logout(db, req.sessionToken, actor, req.ip);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.get('/api/v1/auth/me', { schema: { tags, summary: '当前用户', response: { 200: s.meReply, 401: errorBody } } }, async (req) => {
    const actor = requireActor(req);
    return { user: await identity.getSessionUser(db, actor.userId), csrfToken: req.csrfToken };
  });

  app.post(
    '/api/v1/auth/password',
    { schema: { tags, summary: '修改本人密码', body: s.changePasswordBody, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await identity.changeOwnPassword(ctxOf(req, db), req.body.currentPassword, req.body.newPassword, req.sessionToken);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: '用户列表（按管理范围）',
        querystring: s.listUsersQuery,
        response: { 200: z.object({ items: z.array(s.userView) }), ...errors },
      },
    },
    async (req) => ({
      items: await identity.listUsers(ctxOf(req, db), req.query),
    }),
  );

  app.post(
    '/api/v1/users',
    {
      config: { idempotent: true },
      schema: { tags, summary: '创建用户', body: s.createUserBody, response: { 201: s.userView, ...errors } },
    },
    async (req, reply) => reply.status(201).send(await identity.createUser(ctxOf(req, db), req.body)),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary: '修改用户（角色、停用、重置密码）',
        params: s.idParams,
        body: s.updateUserBody,
        response: { 200: s.userView, ...errors },
      },
    },
    async (req) => identity.updateUser(ctxOf(req, db), req.params.id, req.body),
  );

  app.get(
    '/api/v1/tokens',
    { schema: { tags, summary: 'API 令牌列表', response: { 200: z.object({ items: z.array(s.tokenView) }), ...errors } } },
    async (req) => ({
      items: await identity.listTokens(ctxOf(req, db)),
    }),
  );

  app.post(
    '/api/v1/tokens',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: '签发 API 令牌（令牌只显示这一次）',
        body: s.createTokenBody,
        response: { 201: s.createdTokenReply, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await identity.createToken(ctxOf(req, db), req.body)),
  );

  app.delete(
    '/api/v1/tokens/:id',
    { schema: { tags, summary: '吊销 API 令牌', params: s.idParams, response: { 200: s.tokenView, ...errors } } },
    async (req) => identity.revokeToken(ctxOf(req, db), req.params.id),
  );
}
