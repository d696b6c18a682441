// Ledger API, modelled on RFC 6962 §4 (JSON, binary values in base64). Stable: external verifiers depend on it.
import { z } from 'zod';
import type { App, Deps } from '../../platform/app-types.ts';
import { ctxOf } from '../../platform/auth.ts';
import { errorBody } from '../../platform/http.ts';
import { requireRole } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import * as repo from './ledger.repo.ts';

const tags = ['ledger'];
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const index = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const MAX_ENTRIES = 1000;

const treeHead = z.object({
  treeSize: z.number().int(),
  timestamp: z.number().int().describe('ms since the epoch when the head was signed'),
  rootHash: z.string().describe('base64'),
  signature: z.string().describe('base64 signature over the C2SP tlog-checkpoint body "<origin>\\n<treeSize>\\n<base64 root>\\n"'),
  suite: z.enum(['sha256-ed25519', 'sm3-sm2']),
  publicKey: z.string().describe('base64: raw 32-byte Ed25519 key, or the 65-byte uncompressed SM2 point'),
  origin: z.string(),
});

export async function ledgerRoutes(app: App, { db, ledger, config }: Deps) {
  const publicLimit = { rateLimit: { max: config.publicRateLimit, timeWindow: '1 minute' } };

  app.get(
    '/api/v1/ledger/tree-head',
    {
      schema: { tags, summary: '最新的签名树头（公开，供第三方见证）', response: { 200: treeHead } },
      config: publicLimit,
    },
    async () => {
      const h = await ledger.treeHead(db);
      return {
        treeSize: h.treeSize,
        timestamp: h.timestamp,
        rootHash: b64(h.rootHash),
        signature: b64(h.signature),
        suite: h.suite,
        publicKey: b64(h.publicKey),
        origin: ledger.origin,
      };
    },
  );

  app.get(
    '/api/v1/ledger/checkpoint',
    {
      schema: { tags, summary: '最新树头的 C2SP 签名检查点（text/plain）', produces: ['text/plain'] },
      config: publicLimit,
    },
    async (_req, reply) => reply.type('text/plain; charset=utf-8').send((await ledger.treeHead(db)).note),
  );

  app.post(
    '/api/v1/ledger/tree-head',
    {
      schema: { tags, summary: '立即签署新的树头（监督人员、记录管理员）', response: { 201: treeHead, 401: errorBody, 403: errorBody } },
    },
    async (req, reply) => {
      requireRole(ctxOf(req, db).actor, 'supervisor', 'recordsCustodian', 'administrator');
      const h = await ledger.signTreeHead(db);
      return reply.status(201).send({
        treeSize: h.treeSize,
        timestamp: h.timestamp,
        rootHash: b64(h.rootHash),
        signature: b64(h.signature),
        suite: h.suite,
        publicKey: b64(h.publicKey),
        origin: ledger.origin,
      });
    },
  );

  app.get(
    '/api/v1/ledger/keys',
    {
      schema: {
        tags,
        summary: '账本签名公钥（C2SP verifier key 格式）',
        response: {
          200: z.object({
            origin: z.string(),
            suite: z.string(),
            current: z.string(),
            keys: z.array(z.object({ keyId: z.string(), verifierKey: z.string(), createdAt: z.string() })),
          }),
        },
      },
      config: publicLimit,
    },
    async () => ({
      origin: ledger.origin,
      suite: ledger.suite.id,
      current: ledger.verifierKey,
      keys: (await repo.listKeys(db)).map((k) => ({ keyId: k.key_id, verifierKey: k.verifier_key, createdAt: k.created_at.toISOString() })),
    }),
  );

  app.get(
    '/api/v1/ledger/entries',
    {
      schema: {
        tags,
        summary: `账本条目 [start, end]（含两端，同 RFC 6962 get-entries；每次最多 ${MAX_ENTRIES} 条；监督人员、记录管理员、系统管理员）`,
        description:
          '只列出调用者管辖范围内的条目（按条目所属执法部门；不属于任何部门的系统级条目仅全系统管理员可见），其余序号略去：index 标明每条的序号。',
        querystring: z.strictObject({ start: index, end: index }),
        response: {
          200: z.object({
            entries: z.array(
              z.object({ index: z.number().int(), leaf: z.string().describe('base64 of the exact bytes hashed as the entry') }),
            ),
          }),
          400: errorBody,
          401: errorBody,
          403: errorBody,
        },
      },
    },
    async (req) => {
      const { actor } = ctxOf(req, db);
      requireRole(actor, 'supervisor', 'recordsCustodian', 'administrator');
      const { start, end } = req.query;
      if (end < start) throw new AppError('BAD_REQUEST', 'end 不能小于 start');
      const size = await ledger.size(db);
      if (start >= size) throw new AppError('BAD_REQUEST', `start 超出账本大小 ${size}`, { treeSize: size });
      const rows = await repo.entriesInScope(db, actor, start, Math.min(end, start + MAX_ENTRIES - 1, size - 1));
      return { entries: rows.map((r) => ({ index: r.seq, leaf: b64(r.leaf) })) };
    },
  );

  app.get(
    '/api/v1/ledger/proof/inclusion',
    {
      schema: {
        tags,
        summary: '包含证明（审计路径，RFC 6962 §2.1.1）',
        querystring: z.strictObject({ index, treeSize: index }),
        response: {
          200: z.object({ leafIndex: z.number().int(), treeSize: z.number().int(), auditPath: z.array(z.string()) }),
          400: errorBody,
        },
      },
      config: publicLimit,
    },
    async (req) => ({
      leafIndex: req.query.index,
      treeSize: req.query.treeSize,
      auditPath: (await ledger.inclusionProof(db, req.query.index, req.query.treeSize)).map(b64),
    }),
  );

  app.get(
    '/api/v1/ledger/proof/consistency',
    {
      schema: {
        tags,
        summary: '一致性证明（RFC 6962 §2.1.2）',
        querystring: z.strictObject({ first: index, second: index }),
        response: { 200: z.object({ consistency: z.array(z.string()) }), 400: errorBody },
      },
      config: publicLimit,
    },
    async (req) => ({ consistency: (await ledger.consistencyProof(db, req.query.first, req.query.second)).map(b64) }),
  );
}
