// Authentication for every /api request: a bearer API token (programs) or the session cookie (people).
// Cookie-authenticated requests that change state must carry the session's CSRF token in `x-csrf-token`;
// bearer requests need none (a browser never sends them on its own).
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';
import type { Actor } from './access.ts';
import type { Ctx } from './context.ts';
import type { Db } from './db.ts';
import { sendError } from './http.ts';
import { dbOf } from './idempotency.ts';

export const SESSION_COOKIE = 'sx_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** Skip the CSRF check (only for login, which has no session yet). */
    csrfExempt?: boolean;
  }
}

export interface Authenticator {
  session(db: Db, token: string): Promise<{ actor: Actor; csrfToken: string } | null>;
  bearer(db: Db, token: string): Promise<Actor | null>;
}

const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
};

export function installAuth(app: FastifyInstance, db: Db, auth: Authenticator): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/')) return;
    const header = req.headers.authorization;
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      const actor = m ? await auth.bearer(db, m[1]!) : null;
      if (!actor) return sendError(reply, 401, 'UNAUTHENTICATED', 'API 令牌无效、已过期或已被吊销');
      req.actor = actor;
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (!cookie) return;
    const session = await auth.session(db, cookie);
    if (!session) return; // expired or revoked: treated as anonymous; protected routes answer 401
    req.actor = session.actor;
    req.sessionToken = cookie;
    req.csrfToken = session.csrfToken;
    if (UNSAFE.has(req.method) && !req.routeOptions.config?.csrfExempt) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken))
        return sendError(reply, 403, 'CSRF_TOKEN_INVALID', 'CSRF 校验失败：请求缺少有效的 x-csrf-token，请刷新页面后重试');
    }
  });
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  return req.actor;
}

/** The service context of an authenticated request (its database handle: the request's idempotent transaction, if any). */
export function ctxOf(req: FastifyRequest, db: Db): Ctx {
  return { actor: requireActor(req), db: dbOf(req, db), ip: req.ip };
}
