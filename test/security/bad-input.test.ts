// The bad-input catalogue (issue 14): every route that takes input (a JSON or file body, query or path parameters, tus
// headers) is sent malformed JSON, unknown fields, U+0000 in strings, strings over 1 MiB, deeply nested JSON, `%` and
// `_` in search parameters, wrong check characters (GB 11643 ID numbers, GB 32100 credit codes), an Upload-Length over
// the limit and wrong content types — as a caller who may use the route (from the access matrix), so the answer is
// about the input. Every answer is a 4xx with {"error":{"code","message"}} and a Chinese message, never a 5xx, and a
// refused write leaves every table as it was (rows counted in one statement before and after; the ledger as queued +
// integrated entries, since the integrator moves entries between the two).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { describeApp } from '../support/app.ts';
import { IDENTITIES, MATRIX, type Identity } from './access-matrix.data.ts';
import {
  anonymous,
  apiRoutes,
  buildFixtures,
  callFor,
  signIn,
  tusMeta,
  PNG,
  XLSX,
  type ApiRoute,
  type Caller,
  type Call,
  type Fixtures,
} from './api-calls.ts';
import type { Db } from '../../src/server/platform/db.ts';

const CJK = /[\u4e00-\u9fff]/;
const MIB = 1024 * 1024;
/** Who calls a route: the first of these the matrix lets through. */
const PREFERENCE: Identity[] = [
  'anonymous',
  'head',
  'officer',
  'editor',
  'reviewer',
  'custodian',
  'admin',
  'supervisor',
  'unithead',
  ...IDENTITIES,
];
const REFUSED = new Set([401, 403, 404]);
const COUNTED = [
  'divisions',
  'agencies',
  'users',
  'api_tokens',
  'audit_log',
  'calendar_schedules',
  'policy_assignments',
  'registry_records',
  'registry_versions',
  'registry_decisions',
  'registry_published',
  'law_changes',
  'law_change_items',
  'registry_photos',
  'evidence_files',
  'upload_sessions',
  'cases',
  'case_av_exceptions',
  'case_av_exception_decisions',
  'agency_numbering',
  'case_access_requests',
  'case_access_decisions',
  'case_destructions',
  'case_destruction_decisions',
  'evidence_destructions',
  'case_acts',
  'reviews',
  'review_events',
  'disclosures',
  'disclosure_events',
  'disclosure_corrections',
  'disclosure_attachments',
];

/** Row counts of every table a write could touch, in one statement (one snapshot). */
async function counts(db: Db): Promise<Record<string, number>> {
  const parts = COUNTED.map((t) => `(select count(*) from ${t})::int as ${t}`);
  parts.push('((select count(*) from ledger_queue) + (select count(*) from ledger_entries))::int as ledger');
  const r = await sql.raw<Record<string, number>>(`select ${parts.join(', ')}`).execute(db);
  return r.rows[0]!;
}

interface Case {
  name: string;
  call: Call;
  method?: string;
  caller?: Caller;
  accept?: (res: LightMyRequestResponse) => string | null;
}

/** Every string leaf of a JSON value changed by `f`. */
function mapStrings(v: unknown, f: (s: string) => string): unknown {
  if (typeof v === 'string') return f(v);
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, f));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapStrings(x, f)]));
  return v;
}
function firstString(v: unknown, f: (s: string) => string): unknown {
  let done = false;
  const walk = (x: unknown): unknown => {
    if (done) return x;
    if (typeof x === 'string') {
      done = true;
      return f(x);
    }
    if (Array.isArray(x)) return x.map(walk);
    if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, walk(y)]));
    return x;
  };
  const out = walk(v);
  return done ? out : null;
}
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && !Buffer.isBuffer(v);
const withQuery = (url: string, extra: string) => `${url}${url.includes('?') ? '&' : '?'}${extra}`;
const setQuery = (url: string, name: string, raw: string) => {
  const [p, q = ''] = url.split('?') as [string, string?];
  const kept = q.split('&').filter((kv) => kv && !kv.startsWith(`${name}=`));
  return `${p}?${[...kept, `${name}=${raw}`].join('&')}`;
};

/** A wildcard search must find nothing (the demo data has no `%` or `_`), or be refused properly. */
const noWildcard = (res: LightMyRequestResponse): string | null => {
  if (res.statusCode >= 400 || !String(res.headers['content-type']).includes('json')) return null; // files (export.xlsx): not counted
  const body = res.json() as { items?: unknown[]; total?: number };
  const n = body.items?.length ?? body.total ?? 0;
  return n === 0 ? null : `a search for % or _ matched ${n} rows: the characters act as wildcards (escape them)`;
};

interface OpenApiOp {
  requestBody?: { content: Record<string, unknown> };
  parameters?: { in: string; name: string; schema?: { type?: string } }[];
}

describeApp('bad input: every route that takes input', (h) => {
  let routes: ApiRoute[];
  let fx: Fixtures;
  let doc: { paths: Record<string, Record<string, OpenApiOp>> };
  const callers = new Map<Identity, Caller>();
  let ip = 0;
  /** Public routes have per-address rate limits: each anonymous call comes from an address of its own. */
  const freshAnonymous = () => anonymous(h.app, `10.9.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`);

  before(async () => {
    fx = await buildFixtures(h.app, h.db);
    for (const who of IDENTITIES) if (who !== 'anonymous') callers.set(who, await signIn(h.app, who));
    routes = await apiRoutes(h.app);
    doc = (await h.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
  });

  function callerFor(route: ApiRoute): Caller | null {
    const row = MATRIX[route.key]?.trim().split(/\s+/).map(Number);
    if (!row) return null;
    const who = PREFERENCE.find((i) => !REFUSED.has(row[IDENTITIES.indexOf(i)]!) && row[IDENTITIES.indexOf(i)]! < 500);
    if (!who) return null;
    return who === 'anonymous' ? freshAnonymous() : callers.get(who)!;
  }

  function casesFor(route: ApiRoute, caller: Caller): Case[] {
    const op = doc.paths[route.path]?.[route.method.toLowerCase()];
    const call = callFor(route, fx, caller);
    const out: Case[] = [];
    const types = Object.keys(op?.requestBody?.content ?? {});
    const body = call.body;
    if (types.includes('application/json') && isPlainObject(body)) {
      const h = { ...call.headers, 'content-type': 'application/json' };
      out.push({ name: 'malformed JSON', call: { ...call, body: '{"a":', headers: h } });
      out.push({ name: 'truncated JSON', call: { ...call, body: JSON.stringify(body).slice(0, -1), headers: h } });
      out.push({ name: 'an unknown field', call: { ...call, body: { ...body, zzUnknownField: 1 } } });
      const nul = mapStrings(body, (s) => `${s}\u0000`);
      if (JSON.stringify(nul) !== JSON.stringify(body)) out.push({ name: 'U+0000 in every string', call: { ...call, body: nul } });
      const huge = firstString(body, () => 'x'.repeat(MIB + 10));
      if (huge) out.push({ name: 'a string over 1 MiB', call: { ...call, body: huge } });
      out.push({
        name: 'JSON nested 100,000 deep',
        call: { ...call, body: `${JSON.stringify(body).slice(0, -1)},"zz":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, headers: h },
      });
      out.push({
        name: 'text/plain instead of JSON',
        call: { ...call, body: JSON.stringify(body), headers: { ...call.headers, 'content-type': 'text/plain' } },
      });
      out.push({ name: 'a JSON array instead of an object', call: { ...call, body: JSON.stringify([body]), headers: h } });
    }
    if (types.length && !types.includes('application/json') && Buffer.isBuffer(body)) {
      out.push({ name: 'a JSON body where a file is expected', call: { ...call, body: { a: 1 } } });
      out.push({
        name: 'bytes that are not the declared type',
        call: { ...call, body: Buffer.from('<html><script>alert(1)</script></html>') },
      });
    }
    const query = (op?.parameters ?? []).filter((p) => p.in === 'query');
    if (query.length && route.method === 'GET') {
      out.push({ name: 'an unknown query parameter', call: { ...call, url: withQuery(call.url, 'zzUnknown=1') } });
      const text = query.find((p) => p.name === 'q') ?? query.find((p) => p.schema?.type === 'string');
      if (text) {
        out.push({ name: `U+0000 in ${text.name}`, call: { ...call, url: setQuery(call.url, text.name, 'a%00b') } });
        out.push({ name: `${text.name} over 1 MiB`, call: { ...call, url: setQuery(call.url, text.name, 'x'.repeat(MIB + 10)) } });
      }
      if (query.some((p) => p.name === 'q')) {
        out.push({ name: 'q=%% (wildcards)', call: { ...call, url: setQuery(call.url, 'q', '%25%25') }, accept: noWildcard });
        out.push({ name: 'q=__ (wildcards)', call: { ...call, url: setQuery(call.url, 'q', '__') }, accept: noWildcard });
      }
    }
    const segments = route.path.split('/');
    const last = segments.findLastIndex((seg) => seg.startsWith('{'));
    if (last >= 0) {
      const [path, q] = call.url.split('?') as [string, string?];
      const swap = (to: string) => {
        const parts = path.split('/');
        parts[last] = to;
        return { ...call, url: `${parts.join('/')}${q ? `?${q}` : ''}` };
      };
      out.push({ name: 'U+0000 in a path parameter', call: swap('a%00b') });
      out.push({ name: 'a path parameter over 1 KiB', call: swap('9'.repeat(1100)) });
    }
    return out;
  }

  /** Inputs with a meaning of their own: check characters, tus headers, files. */
  function specialCases(): { route: string; cases: Case[] }[] {
    const officer = callers.get('officer')!;
    const admin = callers.get('admin')!;
    const editor = callers.get('editor')!;
    const openCase = (party: Record<string, unknown>) => ({
      url: '/api/v1/cases',
      body: {
        agencyId: fx.agencyId,
        actCategory: 'penalty',
        origin: 'exOfficio',
        cause: '未经许可擅自从事营业性演出',
        field: '文化市场',
        party,
      },
    });
    const tus = { 'tus-resumable': '1.0.0' };
    const meta = tusMeta({ filename: '照片.png', deviceId: 'DSJ-NM-002' });
    return [
      {
        route: 'POST /api/v1/cases',
        cases: [
          {
            name: 'an ID number with a wrong check character (GB 11643)',
            caller: officer,
            call: openCase({ kind: 'person', name: '张三', idNumber: '110101199003074510' }),
          },
          {
            name: 'a credit code with a wrong check character (GB 32100)',
            caller: officer,
            call: openCase({ kind: 'organisation', name: '某公司', creditCode: '91150525MA0N00000X' }),
          },
          { name: 'U+0000 in the party name', caller: officer, call: openCase({ kind: 'organisation', name: '某\u0000公司' }) },
        ],
      },
      {
        route: 'POST /api/v1/agencies',
        cases: [
          {
            name: 'a credit code with a wrong check character (GB 32100)',
            caller: admin,
            call: { url: '/api/v1/agencies', body: { name: '奈曼旗测试局', creditCode: '11150525MB1234567X', divisionCode: '150525' } },
          },
          {
            name: 'a division code that does not exist',
            caller: admin,
            call: { url: '/api/v1/agencies', body: { name: '奈曼旗测试局', creditCode: '11150525MB1234567X', divisionCode: '999999' } },
          },
        ],
      },
      {
        route: 'POST /api/v1/uploads',
        cases: [
          {
            name: 'Upload-Length over the limit',
            caller: officer,
            call: { url: '/api/v1/uploads', headers: { ...tus, 'upload-length': String(20 * 1024 ** 3 + 1), 'upload-metadata': meta } },
          },
          {
            name: 'Upload-Length not a number',
            caller: officer,
            call: { url: '/api/v1/uploads', headers: { ...tus, 'upload-length': '-1', 'upload-metadata': meta } },
          },
          {
            name: 'Upload-Length of 17 digits',
            caller: officer,
            call: { url: '/api/v1/uploads', headers: { ...tus, 'upload-length': '99999999999999999', 'upload-metadata': meta } },
          },
          {
            name: 'malformed Upload-Metadata',
            caller: officer,
            call: { url: '/api/v1/uploads', headers: { ...tus, 'upload-length': '10', 'upload-metadata': 'filename %%%' } },
          },
          {
            name: 'U+0000 in a metadata value',
            caller: officer,
            call: {
              url: '/api/v1/uploads',
              headers: { ...tus, 'upload-length': '10', 'upload-metadata': tusMeta({ filename: 'a\u0000b.png', deviceId: 'DSJ\u0000' }) },
            },
          },
          {
            name: 'a metadata value over 1 MiB',
            caller: officer,
            call: {
              url: '/api/v1/uploads',
              headers: {
                ...tus,
                'upload-length': '10',
                'upload-metadata': tusMeta({ filename: 'x'.repeat(MIB / 2), deviceId: 'DSJ-NM-002' }),
              },
            },
          },
          {
            name: 'no Tus-Resumable header',
            caller: officer,
            call: { url: '/api/v1/uploads', headers: { 'upload-length': '10', 'upload-metadata': meta } },
          },
        ],
      },
      {
        route: 'PATCH /api/v1/uploads/{id}',
        cases: [
          {
            name: 'JSON instead of application/offset+octet-stream',
            caller: officer,
            call: { url: `/api/v1/uploads/${fx.uploadId}`, body: { a: 1 }, headers: { ...tus, 'upload-offset': '0' } },
          },
          {
            name: 'a wrong Upload-Offset',
            caller: officer,
            call: {
              url: `/api/v1/uploads/${fx.uploadId}`,
              body: Buffer.alloc(5),
              headers: { ...tus, 'upload-offset': '500', 'content-type': 'application/offset+octet-stream' },
            },
          },
          {
            name: 'more bytes than Upload-Length',
            caller: officer,
            call: {
              url: `/api/v1/uploads/${fx.uploadId}`,
              body: Buffer.alloc(2000),
              headers: { ...tus, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
            },
          },
        ],
      },
      {
        route: 'POST /api/v1/registry/photos',
        cases: [
          {
            name: 'a photo over 2 MB',
            caller: editor,
            call: {
              url: `/api/v1/registry/photos?agency=${fx.agencyId}`,
              body: Buffer.concat([PNG, Buffer.alloc(2 * MIB + 10)]),
              headers: { 'content-type': 'image/png' },
            },
          },
        ],
      },
      {
        route: 'POST /api/v1/registry/officer/import',
        cases: [
          {
            name: 'a file that is not a workbook',
            caller: editor,
            call: {
              url: `/api/v1/registry/officer/import?agency=${fx.agencyId}`,
              body: Buffer.from('PK\u0003\u0004 not really a zip'),
              headers: { 'content-type': XLSX },
            },
          },
        ],
      },
      {
        route: 'POST /api/v1/public/decisions/{id}/correction-attachments',
        cases: [
          {
            name: 'an HTML file',
            caller: freshAnonymous(),
            call: {
              url: `/api/v1/public/decisions/${fx.publishedDisclosure}/correction-attachments`,
              body: '<html></html>',
              headers: { 'content-type': 'text/html' },
            },
          },
        ],
      },
      {
        route: 'GET /api/v1/public/agencies',
        cases: [
          { name: 'U+0000 in q (anonymous)', caller: freshAnonymous(), method: 'GET', call: { url: '/api/v1/public/agencies?q=%00' } },
        ],
      },
      {
        route: 'POST /api/v1/registry/officer',
        cases: [
          {
            name: 'U+0000 in a registry name',
            caller: editor,
            call: {
              url: '/api/v1/registry/officer',
              body: {
                agencyId: fx.agencyId,
                data: {
                  name: '孙\u0000执法',
                  gender: '男',
                  post: '执法队员',
                  certificateNumber: '15052520190088',
                  categories: ['文化市场'],
                  area: '奈曼旗',
                  validFrom: '2024-01-01',
                  validTo: '2029-12-31',
                },
              },
            },
          },
        ],
      },
    ];
  }

  test('every answer is a 4xx with a stable code and a Chinese message, no 5xx, and no partial write', async () => {
    const failures: string[] = [];
    const report = (route: string, c: Case, res: LightMyRequestResponse, why: string) =>
      failures.push(`${route} — ${c.name}: ${why} (${res.statusCode} ${res.body.slice(0, 200)})`);
    const plan: { route: ApiRoute; cases: Case[] }[] = [];
    for (const route of routes) {
      if (!route.inOpenApi) continue; // the hidden routes take no input (PATCH/DELETE of an act: 405 whatever is sent)
      const caller = callerFor(route);
      if (!caller) continue;
      const cases = casesFor(route, caller).map((c) => ({ ...c, caller }));
      if (cases.length) plan.push({ route, cases });
    }
    for (const s of specialCases()) plan.push({ route: routes.find((r) => r.key === s.route)!, cases: s.cases });
    assert.ok(plan.length > 80, `bad input sent to ${plan.length} routes`);

    for (const { route, cases } of plan) {
      for (const c of cases) {
        const caller = c.caller!.who === 'anonymous' ? freshAnonymous() : c.caller!;
        const writes = route.method !== 'GET';
        const before = writes ? await counts(h.db) : null;
        // BAD_INPUT_TIMES=1 prints every answer slower than 300 ms (a cheap request that costs seconds is a denial of service)
        const t0 = Date.now();
        const res = await caller.request(c.method ?? route.method, c.call.url, c.call.body, c.call.headers);
        if (process.env.BAD_INPUT_TIMES && Date.now() - t0 > 300)
          console.log(`# slow ${Date.now() - t0} ms ${route.key} — ${c.name} → ${res.statusCode}`);
        if (c.accept) {
          const why = c.accept(res);
          if (why) report(route.key, c, res, why);
          if (res.statusCode < 400) continue;
        }
        if (res.statusCode < 400 || res.statusCode >= 500) {
          report(route.key, c, res, res.statusCode >= 500 ? 'server error' : 'accepted');
          continue;
        }
        let err: { code?: unknown; message?: unknown } | undefined;
        try {
          err = res.json().error;
        } catch {
          /* not JSON */
        }
        if (typeof err?.code !== 'string' || typeof err.message !== 'string')
          report(route.key, c, res, 'not the {error:{code,message}} shape');
        else if (!CJK.test(err.message)) report(route.key, c, res, 'message not in Chinese');
        if (before) {
          const after = await counts(h.db);
          const grown = Object.keys(after)
            .filter((t) => after[t] !== before[t])
            .map((t) => `${t} ${before[t]} → ${after[t]}`);
          if (grown.length) report(route.key, c, res, `partial write: ${grown.join(', ')}`);
        }
      }
    }
    assert.deepEqual(failures, [], `bad input not refused cleanly:\n${failures.join('\n')}`);
  });
});
