// HTTP conventions shared by every module: one error shape {"error":{code,message,details}}, never a stack trace.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode } from './errors.ts';

z.config(z.locales.zhCN());

export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/**
 * A boolean query parameter: "true" or "1", "false" or "0"; anything else is refused with 400. (z.coerce.boolean
 * reads every non-empty string, "false" included, as true; z.stringbool also takes yes/on/y/enabled.)
 */
export const queryBoolean = () =>
  z.enum(['true', 'false', '1', '0'], { error: '应为 true 或 false（也可写作 1 或 0）' }).transform((v) => v === 'true' || v === '1');

/**
 * A web address people will open from a page: http or https only (a javascript: or data: link would run in the
 * reader's browser). The one schema for every URL a request may carry.
 */
export const httpUrl = () =>
  z
    .string()
    .trim()
    .max(500)
    .pipe(z.url({ protocol: /^https?$/, hostname: /^[^\s]+$/, error: '网址应以 http:// 或 https:// 开头，如 https://www.example.gov.cn' }));

export function sendError(reply: FastifyReply, status: number, code: ErrorCode | string, message: string, details?: unknown) {
  return reply.status(status).send({ error: { code, message, ...(details === undefined ? {} : { details }) } });
}

const FASTIFY_CODES: Record<string, [number, ErrorCode, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'MALFORMED_JSON', '请求体不是合法的 JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'MALFORMED_JSON', '请求体为空，但声明为 JSON'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'PAYLOAD_TOO_LARGE', '请求体过大'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE', '不支持的请求内容类型，请使用 application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'BAD_REQUEST', '请求长度与声明不符'],
  FST_ERR_CTP_INVALID_TYPE: [400, 'BAD_REQUEST', '请求内容类型无效'],
};

/**
 * Errors the router raises before any route runs (a path parameter over the router's length limit, a URL that does
 * not decode): the same error shape as everything else, never Fastify's own English one. Fastify's `frameworkErrors`.
 */
export function frameworkError(err: FastifyError, _req: FastifyRequest, reply: FastifyReply) {
  reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff');
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendError(reply, 414, 'URI_TOO_LONG', '请求地址中的参数过长，请核对编号');
  return sendError(reply, 400, 'BAD_REQUEST', '请求地址无效，请核对后重试', { reason: err.code });
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) return sendError(reply, err.status, err.code, err.message, err.details);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        in: err.validationContext,
        path: v.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.'),
        message: v.message,
        ...(v.params && 'issue' in v.params ? { code: (v.params.issue as { code?: string }).code } : {}),
      }));
      return sendError(reply, 400, 'VALIDATION_FAILED', `请求参数有误：${issues.map((i) => `${i.path || i.in} ${i.message}`).join('；')}`, {
        issues,
      });
    }
    // the database's own gate (0009_reviews: sx_review_gate) refusing a major decision that bypassed the service
    if (typeof err.message === 'string' && err.message.startsWith('REVIEW_REQUIRED:'))
      return sendError(reply, 409, 'REVIEW_REQUIRED', '重大执法决定未经法制审核或审核未通过，不得作出决定（000 第二十五条）');
    const known = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (known) return sendError(reply, known[0], known[1], known[2]);
    if (err instanceof SyntaxError && err.statusCode === 400) return sendError(reply, 400, 'MALFORMED_JSON', '请求体不是合法的 JSON');
    if (err.statusCode === 429) return sendError(reply, 429, 'RATE_LIMITED', '请求过于频繁，请稍后再试');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
      return sendError(reply, err.statusCode, 'BAD_REQUEST', '请求无效', { reason: err.code });
    if (isResponseSerializationError(err)) req.log.error({ err }, 'response failed its schema');
    else req.log.error({ err }, 'unhandled error');
    return sendError(reply, 500, 'INTERNAL', '服务器内部错误，请稍后重试；如持续出现请联系管理员并提供请求编号', { requestId: req.id });
  });
}
