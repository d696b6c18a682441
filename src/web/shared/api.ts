// The one way the web apps call the server: same-origin JSON with the session cookie, the CSRF token on every
// state-changing request, and the server's error body {"error":{code,message,details}} turned into an ApiError
// whose message is the Chinese text to show the user.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** From a 429's Retry-After header: how long until another attempt may succeed. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Validation issues as the server reports them in `details.issues` (INVALID_SCHEDULE, VALIDATION_FAILED). */
export interface ApiIssue {
  path: string;
  message: string;
}

export function issuesOf(error: unknown): ApiIssue[] {
  if (!(error instanceof ApiError)) return [];
  const issues = (error.details as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return [];
  return issues
    .filter((i): i is { path?: unknown; message?: unknown } => typeof i === 'object' && i !== null)
    .map((i) => ({ path: typeof i.path === 'string' ? i.path : '', message: String(i.message ?? '') }));
}

/** The message to show for any error thrown while calling the server (or by our own code). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return '操作失败，请稍后重试';
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** Set from the login reply or GET /auth/me; sent as x-csrf-token on POST/PUT/PATCH/DELETE. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when an authenticated call answers 401 (the session expired or was revoked). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The x-csrf-token header for a state-changing request made without apiRequest (uploads). */
export const csrfHeaders = (): Record<string, string> => (csrfToken ? { 'x-csrf-token': csrfToken } : {});

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The ApiError for a failed response (status ≥ 400) with this body text; a 401 outside /auth/ also ends the
 * session in the UI. Used by apiRequest, file downloads and uploads alike.
 */
export function failure(status: number, text: string, retryAfter: string | null, path: string): ApiError {
  const body = (parseJson(text) as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  const error = new ApiError(
    status,
    typeof body?.code === 'string' ? body.code : `HTTP_${status}`,
    typeof body?.message === 'string' && body.message ? body.message : `请求失败（HTTP ${status}），请稍后重试`,
    body?.details,
    Number(retryAfter) || undefined,
  );
  if (status === 401 && !path.startsWith('/api/v1/auth/')) onUnauthenticated?.();
  return error;
}

// Idempotent submissions (the server's platform/idempotency.ts, draft-ietf-httpapi-idempotency-key-header): every
// POST carries an Idempotency-Key, generated when the form is submitted. While a submission's outcome is unknown (the
// connection dropped, a 5xx, the server still busy with it) its key is kept: submitting the same thing again — the
// user's retry — reuses it, so a write the server had already committed is answered with its original result instead
// of being made a second time. A known outcome (success, or a refusal the server rolled back) frees it.

const pendingKeys = new Map<string, { key: string; at: number }>();
const PENDING_KEY_TTL_MS = 60 * 60_000;

/** A fresh Idempotency-Key written as the draft's quoted string: a random UUID (getRandomValues also works over plain http). */
export function newIdempotencyKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `"${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}"`;
}

/**
 * The Idempotency-Key of one submission, identified by what it sends: the same submission whose outcome is still
 * unknown gets its key again. Call `settle(status)` with the answer's status (0: no answer).
 */
export function submissionKey(identity: string): { key: string; settle(status: number, code?: string): void } {
  const now = Date.now();
  for (const [k, v] of pendingKeys) if (now - v.at > PENDING_KEY_TTL_MS) pendingKeys.delete(k);
  const key = pendingKeys.get(identity)?.key ?? newIdempotencyKey();
  pendingKeys.set(identity, { key, at: now });
  return {
    key,
    settle(status, code) {
      const unknown = status === 0 || status >= 500 || code === 'IDEMPOTENCY_KEY_IN_PROGRESS';
      if (!unknown) pendingKeys.delete(identity);
    },
  };
}

/** How long to wait before asking again while the server still handles the same submission (409 IDEMPOTENCY_KEY_IN_PROGRESS). */
const IN_PROGRESS_RETRY_MS = [500, 1000, 2000, 4000];

export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // No content-type without a body: the server rejects an empty body declared as JSON.
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  const url = withQuery(path, options.query);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const submission = method === 'POST' ? submissionKey(`${method} ${url} ${body ?? ''}`) : null;
  if (submission) headers['idempotency-key'] = submission.key;
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body, credentials: 'same-origin', signal: options.signal });
    } catch (e) {
      submission?.settle(0);
      if ((e as Error).name === 'AbortError') throw e;
      throw new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请检查网络后重试');
    }
    if (res.status === 204) {
      submission?.settle(204);
      return undefined as T;
    }
    const text = await res.text();
    if (!res.ok) {
      const error = failure(res.status, text, res.headers.get('retry-after'), path);
      submission?.settle(res.status, error.code);
      if (error.code === 'IDEMPOTENCY_KEY_IN_PROGRESS' && attempt < IN_PROGRESS_RETRY_MS.length) {
        await new Promise((r) => setTimeout(r, IN_PROGRESS_RETRY_MS[attempt]));
        continue;
      }
      throw error;
    }
    submission?.settle(res.status);
    const data = parseJson(text);
    if (data === undefined) throw new ApiError(res.status, 'BAD_RESPONSE', '服务器返回了无法识别的内容，请稍后重试');
    return data as T;
  }
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => apiRequest<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, { body }),
  put: <T>(path: string, body?: unknown) => apiRequest<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => apiRequest<T>('PATCH', path, { body }),
  delete: <T>(path: string) => apiRequest<T>('DELETE', path),
};
