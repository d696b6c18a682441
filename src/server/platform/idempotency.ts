// Idempotent writes: the `Idempotency-Key` request header (draft-ietf-httpapi-idempotency-key-header) on every POST
// that creates something. A client that retries after a dropped connection sends the same key again and gets the
// original answer (status, body, Location…) instead of a second case, act or registration.
//
// Routes opt in with `config: { idempotent: true }` (or `{ idempotent: { headers: [...] } }` when request headers
// are part of what the request asks for, as tus's Upload-Length). The header is optional: without it nothing changes.
//
// Design: the key, the write and the answer commit in ONE transaction.
//   preHandler  validate the key (400), look it up for this caller: an answer younger than 24 hours is replayed when
//               the request is the same (fingerprint: route, parameters, query, body, the route's key headers) and
//               refused with 422 when it is not. Otherwise open a transaction, reserve the key in it (insert the row,
//               "in progress"), and hand the transaction to the route: ctxOf(req, db) / dbOf(req, db) give it to the
//               service, whose inTransaction() joins it instead of opening its own.
//   onSend      the answer is known (serialized): a success fills the row with status, replayable headers and the
//               body, then COMMITS — write, key and answer together — and only then is the answer sent. An error
//               answer rolls everything back (the key is free again: a retry runs the request anew).
// So a kill -9 before the commit leaves nothing (the retry runs the request once), and a kill -9 after it leaves the
// write with its answer (the retry gets that answer). There is no state "written but answer unknown" to re-render.
// "In progress": the reserved row is invisible until commit, so a concurrent request with the same key is caught by
// this process's in-flight set (409, retry later), or, from another server process on the same database, waits on
// the row's unique index and then finds the committed answer (replayed) or the key free again (runs).
//
// What an opted-in route must do (the reason the mechanism is opt-in, and why some POSTs stay out):
//  - every database access through ctxOf(req, db) / dbOf(req, db): the global handle inside the request's transaction
//    waits forever on PGlite's single connection (tests on PGlite run with one connection and would hang);
//  - no step after the commit that must not happen before it (case-destructions/:id/decision deletes files after
//    its commit: it stays out; a retry of it is refused ALREADY_DECIDED and duplicates nothing);
//  - an answer that is not a stream.
// Callers: a user's keys are theirs (primary key user id + key); anonymous portal callers share the nil UUID, so two
// of them colliding would need the same key AND the same request. The stored body is sealed with AES-256-GCM under
// a key derived from the Idempotency-Key, so the table (which holds e.g. a new API token's secret for 24 hours) is
// unreadable without the keys clients hold; only the key's SHA-256 is stored.
// Expiry: answers older than 24 hours are ignored and purged — idempotency_keys is a cache, not a record.
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import type { SwaggerTransform } from '@fastify/swagger';
import { sql, type ControlledTransaction, type Kysely } from 'kysely';
import { AppError } from './errors.ts';
import type { DB } from './db.schema.ts';
import type { Db } from './db.ts';

export interface IdempotencyOptions {
  /** Request headers that are part of the request (the tus creation's Upload-Length and Upload-Metadata). */
  headers?: string[];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Accept an Idempotency-Key on this POST (see platform/idempotency.ts for what the route must do). */
    idempotent?: boolean | IdempotencyOptions;
  }
  interface FastifyRequest {
    /** The request's transaction while an idempotent POST runs (null otherwise). */
    idempotency: IdempotentRequest | null;
  }
}

interface IdempotentRequest {
  trx: ControlledTransaction<DB>;
  userId: string;
  keyHash: string;
  key: string;
  flight: string;
  finished: boolean;
}

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Longest key accepted (characters of the string, without the quotes). */
export const MAX_KEY_LENGTH = 255;
export const KEY_TTL_HOURS = 24;
/** The caller of the public portal's (anonymous) routes. */
export const ANONYMOUS_CALLER = '00000000-0000-0000-0000-000000000000';
/** Response headers stored with the answer and replayed; everything else (Set-Cookie…) is never stored. */
const REPLAYED_HEADERS = ['content-type', 'location', 'upload-offset', 'upload-length', 'evidence-id', 'evidence-location'];
const PURGE_EVERY_MS = 10 * 60_000;

export const IDEMPOTENCY_DESCRIPTION =
  `幂等键（可选，draft-ietf-httpapi-idempotency-key-header）：每次提交生成一个新的随机值（如 UUID，写成带引号的字符串 "…"），` +
  `网络中断后重试时原样再发。${KEY_TTL_HOURS} 小时内同一用户以同一幂等键重发相同请求，返回首次的结果（状态码、响应体、Location，` +
  `响应头 Idempotent-Replayed: true），不会重复创建；同一幂等键用于不同请求：422 IDEMPOTENCY_KEY_REUSED；` +
  `首次请求仍在处理：409 IDEMPOTENCY_KEY_IN_PROGRESS（稍后重试）；格式错误或超过 ${MAX_KEY_LENGTH} 个字符：400 IDEMPOTENCY_KEY_INVALID。`;

const invalid = (reason: string) =>
  new AppError(
    'IDEMPOTENCY_KEY_INVALID',
    `Idempotency-Key 请求头无效：${reason}。应为不超过 ${MAX_KEY_LENGTH} 个字符的字符串，如 "8e03978e-40d5-43e8-bc93-6894a57f9324"`,
    { header: 'Idempotency-Key' },
  );

/**
 * The key of an Idempotency-Key header. The draft makes the field a Structured Field String (RFC 8941 §3.3.3:
 * `"…"` of printable ASCII with `\"` and `\\` escapes); the unquoted token many clients send is accepted too.
 */
export function parseIdempotencyKey(raw: string | string[]): string {
  if (Array.isArray(raw)) throw invalid('只能有一个');
  const v = raw.trim();
  let key = '';
  if (v.startsWith('"')) {
    let i = 1;
    let closed = false;
    for (; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c === 0x22) {
        closed = true;
        i++;
        break;
      }
      if (c === 0x5c) {
        const next = v[++i];
        if (next !== '"' && next !== '\\') throw invalid('字符串中的转义只能是 \\" 或 \\\\');
        key += next;
        continue;
      }
      if (c < 0x20 || c > 0x7e) throw invalid('只能包含可打印的 ASCII 字符');
      key += v[i];
    }
    if (!closed) throw invalid('缺少结尾的引号');
    if (i !== v.length) throw invalid('引号后不能再有内容（只能有一个幂等键）');
  } else {
    if (!/^[\x21-\x7e]+$/.test(v) || /[",\\]/.test(v))
      throw invalid(v ? '只能包含可打印的 ASCII 字符，不能含空格、逗号、引号或反斜杠（或写成带引号的字符串）' : '不能为空');
    key = v;
  }
  if (!key) throw invalid('不能为空');
  if (key.length > MAX_KEY_LENGTH) throw invalid(`长度 ${key.length} 超过 ${MAX_KEY_LENGTH} 个字符`);
  return key;
}

/** The database handle of this request: its idempotent transaction while one is open, else `db`. */
export function dbOf(req: FastifyRequest, db: Db): Db {
  return req.idempotency?.trx ?? db;
}

const sha256 = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex');

/** What the request asks for: same key with another fingerprint is another request (422). */
function fingerprintOf(req: FastifyRequest, options: IdempotencyOptions): string {
  const h = crypto.createHash('sha256');
  const part = (s: string | Buffer) => h.update(`${Buffer.byteLength(s)}:`).update(s);
  let body: string | Buffer;
  try {
    body = Buffer.isBuffer(req.body) ? req.body : JSON.stringify(req.body ?? null);
  } catch {
    throw new AppError('VALIDATION_FAILED', '请求体无法处理（嵌套过深）');
  }
  part(req.method);
  part(req.routeOptions.url ?? req.url);
  part(JSON.stringify(req.params ?? {}));
  part(JSON.stringify(req.query ?? {}));
  part(Buffer.isBuffer(body) ? 'bytes' : 'json');
  part(body);
  const headers = [...(options.headers ?? []), ...(Buffer.isBuffer(req.body) ? ['content-type'] : [])].map((n) => n.toLowerCase()).sort();
  for (const name of headers) {
    part(name);
    part(String(req.headers[name] ?? ''));
  }
  return h.digest('hex');
}

// The stored body, sealed: AES-256-GCM under HKDF-SHA256(the key, salt = caller). iv ‖ tag ‖ ciphertext.
function sealingKey(key: string, userId: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', Buffer.from(key, 'utf8'), Buffer.from(userId, 'utf8'), 'sanxiang idempotent answer v1', 32));
}

function seal(key: string, userId: string, plain: Buffer): Buffer {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', sealingKey(key, userId), iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function unseal(key: string, userId: string, sealed: Buffer): Buffer {
  const decipher = crypto.createDecipheriv('aes-256-gcm', sealingKey(key, userId), sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
}

function payloadBytes(payload: unknown): Buffer {
  if (payload === undefined || payload === null) return Buffer.alloc(0);
  if (typeof payload === 'string') return Buffer.from(payload, 'utf8');
  if (Buffer.isBuffer(payload)) return payload;
  // a stream: the answer cannot be kept, so the write must not be either
  throw new Error('an idempotent route answered with a stream');
}

interface StoredAnswer {
  fingerprint: string;
  status: number | null;
  headers: Record<string, string>;
  body: Buffer | null;
}

export interface InstallIdempotencyOptions {
  /**
   * Test-only fault injection (config.testFaults, honoured only with NODE_ENV=test): the process kills itself with
   * SIGKILL right after an idempotent request's commit, before its answer is sent.
   */
  crashAfterCommit?: boolean;
}

export function installIdempotency(app: FastifyInstance, db: Db, options: InstallIdempotencyOptions = {}): void {
  /** Keys whose request runs in this process now (caller:key hash). */
  const inFlight = new Set<string>();
  let lastPurge = 0;

  app.decorateRequest('idempotency', null);

  async function lookup(userId: string, keyHash: string): Promise<(StoredAnswer & { fresh: boolean }) | undefined> {
    return db
      .selectFrom('idempotency_keys')
      .select([
        'fingerprint',
        'status',
        'headers',
        'body',
        sql<boolean>`created_at > now() - make_interval(hours => ${KEY_TTL_HOURS})`.as('fresh'),
      ])
      .where('user_id', '=', userId)
      .where('key_hash', '=', keyHash)
      .executeTakeFirst();
  }

  function answer(reply: FastifyReply, stored: StoredAnswer, fingerprint: string, key: string, userId: string) {
    if (stored.fingerprint !== fingerprint)
      throw new AppError(
        'IDEMPOTENCY_KEY_REUSED',
        '该幂等键（Idempotency-Key）已用于另一个请求：每次新的提交须使用新的幂等键；重试时请求须与首次完全相同',
      );
    if (stored.status === null) throw inProgress();
    reply.status(stored.status);
    for (const [name, value] of Object.entries(stored.headers)) reply.header(name, value);
    reply.header('idempotent-replayed', 'true');
    const body = stored.body ? unseal(key, userId, stored.body) : Buffer.alloc(0);
    return reply.send(body.length ? body : undefined);
  }

  const inProgress = () =>
    new AppError('IDEMPOTENCY_KEY_IN_PROGRESS', '使用该幂等键（Idempotency-Key）的请求仍在处理中，请稍后用同一幂等键重试');

  app.addHook('preHandler', async (req, reply) => {
    const config = req.routeOptions.config?.idempotent;
    const raw = req.headers[IDEMPOTENCY_HEADER];
    if (!config || req.method !== 'POST' || raw === undefined) return;
    const key = parseIdempotencyKey(raw);
    const userId = req.actor?.userId ?? ANONYMOUS_CALLER;
    const keyHash = sha256(key);
    const fingerprint = fingerprintOf(req, config === true ? {} : config);

    if (Date.now() - lastPurge > PURGE_EVERY_MS) {
      lastPurge = Date.now();
      await db
        .deleteFrom('idempotency_keys')
        .where(sql<boolean>`created_at <= now() - make_interval(hours => ${KEY_TTL_HOURS})`)
        .execute();
    }
    const stored = await lookup(userId, keyHash);
    if (stored?.fresh) return answer(reply, stored, fingerprint, key, userId);
    if (stored)
      await db
        .deleteFrom('idempotency_keys')
        .where('user_id', '=', userId)
        .where('key_hash', '=', keyHash)
        .where(sql<boolean>`created_at <= now() - make_interval(hours => ${KEY_TTL_HOURS})`)
        .execute();

    const flight = `${userId}:${keyHash}`;
    if (inFlight.has(flight)) throw inProgress();
    inFlight.add(flight);
    let trx: ControlledTransaction<DB> | undefined;
    try {
      trx = await (db as Kysely<DB>).startTransaction().execute();
      // Another server process holding this key makes this insert wait for its commit or rollback.
      const reserved = await trx
        .insertInto('idempotency_keys')
        .values({
          user_id: userId,
          key_hash: keyHash,
          agency_id: req.actor?.agencyId ?? null,
          division_code: req.actor?.divisionCode ?? null,
          method: req.method,
          route: req.routeOptions.url ?? req.url,
          fingerprint,
        })
        .onConflict((oc) => oc.columns(['user_id', 'key_hash']).doNothing())
        .returning('key_hash')
        .executeTakeFirst();
      if (!reserved) {
        await trx.rollback().execute();
        trx = undefined;
        inFlight.delete(flight);
        const other = await lookup(userId, keyHash);
        if (other?.fresh) return answer(reply, other, fingerprint, key, userId);
        throw inProgress();
      }
      req.idempotency = { trx, userId, keyHash, key, flight, finished: false };
    } catch (e) {
      if (trx)
        await trx
          .rollback()
          .execute()
          .catch(() => {});
      inFlight.delete(flight);
      throw e;
    }
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const state = req.idempotency;
    if (!state || state.finished) return payload;
    state.finished = true;
    try {
      if (reply.statusCode >= 400) {
        await state.trx.rollback().execute();
        return payload;
      }
      const headers: Record<string, string> = {};
      for (const name of REPLAYED_HEADERS) {
        const v = reply.getHeader(name);
        if (v !== undefined) headers[name] = String(v);
      }
      const body = payloadBytes(payload);
      await state.trx
        .updateTable('idempotency_keys')
        .set({ status: reply.statusCode, headers: JSON.stringify(headers), body: body.length ? seal(state.key, state.userId, body) : null })
        .where('user_id', '=', state.userId)
        .where('key_hash', '=', state.keyHash)
        .execute();
      await state.trx.commit().execute();
      if (options.crashAfterCommit) process.kill(process.pid, 'SIGKILL');
      return payload;
    } catch (e) {
      await state.trx
        .rollback()
        .execute()
        .catch(() => {});
      throw e;
    } finally {
      inFlight.delete(state.flight);
    }
  });

  // A request that ended without an answer passing onSend (should not happen): never leave its transaction open.
  app.addHook('onResponse', async (req) => {
    const state = req.idempotency;
    if (!state || state.finished) return;
    state.finished = true;
    inFlight.delete(state.flight);
    await state.trx
      .rollback()
      .execute()
      .catch(() => {});
  });
}

/** Wraps the OpenAPI transform: the routes that accept an Idempotency-Key say so. */
export function documentIdempotencyKey<S extends FastifySchema>(transform: SwaggerTransform<S>): SwaggerTransform<S> {
  return (document) => {
    const out = transform(document);
    const schema = out.schema as
      { hide?: boolean; headers?: { type?: string; properties?: Record<string, unknown>; required?: string[] } } | undefined;
    if (!document.route.config?.idempotent || !schema || schema.hide) return out;
    const headers = schema.headers ?? { type: 'object', properties: {} };
    const property = { type: 'string', maxLength: MAX_KEY_LENGTH + 2, description: IDEMPOTENCY_DESCRIPTION };
    return {
      ...out,
      schema: {
        ...schema,
        headers: { ...headers, properties: { ...headers.properties, [IDEMPOTENCY_HEADER]: property } },
      } as FastifySchema,
    };
  };
}
