// The standing access matrix (issue 14): every API route — every route of the OpenAPI document and every route
// Fastify serves under /api/ that the document hides — called as every identity, compared with the expected
// statuses in access-matrix.data.ts. A route without a row fails, and so does README's table when it is out of date.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeApp } from '../support/app.ts';
import { FIRST, IDENTITIES, MATRIX, type Identity } from './access-matrix.data.ts';
import { apiRoutes, buildFixtures, callFor, CALLS, VARIANTS, signIn, type ApiRoute, type Caller, type Fixtures } from './api-calls.ts';
import { renderReadme } from '../../scripts/access-table.ts';

const REFUSED = new Set([401, 403, 404]);
/** Routes that end the caller's session or change its password: each identity calls them with a session of its own. */
const OWN_SESSION = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/auth/password']);

const parseRow = (row: string) => row.trim().split(/\s+/).map(Number);

/** Reads first, then writes in the order CALLS lists them, then what deletes or ends something. */
function phase(r: ApiRoute): number {
  if (['GET', 'HEAD', 'OPTIONS'].includes(r.method)) return 0;
  if (OWN_SESSION.has(r.key)) return 3;
  if (r.method === 'DELETE') return 2;
  return 1;
}
const callOrder = Object.keys(CALLS);
const base = (key: string) => key.split(' · ')[0]!;
const orderOf = (r: ApiRoute) =>
  [phase(r), callOrder.includes(base(r.key)) ? callOrder.indexOf(base(r.key)) : callOrder.length, r.key] as const;

describeApp('access matrix: every route × every identity', (h) => {
  let routes: ApiRoute[];
  let fx: Fixtures;
  const callers = new Map<Identity, Caller>();
  before(async () => {
    fx = await buildFixtures(h.app, h.db);
    for (const who of IDENTITIES) callers.set(who, await signIn(h.app, who));
    routes = await apiRoutes(h.app);
  });

  test('every API route has a row (and every row a route)', () => {
    const keys = new Set([...routes.map((r) => r.key), ...Object.keys(VARIANTS)]);
    const missing = routes.filter((r) => !(r.key in MATRIX)).map((r) => `${r.key}${r.inOpenApi ? '' : ' (not in the OpenAPI document)'}`);
    assert.deepEqual(
      missing,
      [],
      `routes without a row in the access matrix: add a row for each to test/security/access-matrix.data.ts (who may call it, by identity), then run: node --import tsx scripts/access-table.ts`,
    );
    const stale = Object.keys(MATRIX).filter((k) => !keys.has(k));
    assert.deepEqual(stale, [], 'rows for routes that no longer exist: remove them from test/security/access-matrix.data.ts');
    for (const [k, row] of Object.entries(MATRIX))
      assert.equal(parseRow(row).filter(Number.isInteger).length, IDENTITIES.length, `row ${k}: one status per identity`);
  });

  test('every identity gets the expected status on every route', async () => {
    const actual: Record<string, Record<string, number>> = {};
    const mismatches: string[] = [];
    const variants = Object.keys(VARIANTS).map((key): ApiRoute => {
      const [method, path] = key.split(' · ')[0]!.split(' ') as [string, string];
      return { key, method, path, inOpenApi: true };
    });
    const sorted = [...routes, ...variants].sort((a, b) => {
      const x = orderOf(a),
        y = orderOf(b);
      return x[0] - y[0] || x[1] - y[1] || x[2].localeCompare(y[2]);
    });
    for (const route of sorted) {
      const expected = MATRIX[route.key] ? parseRow(MATRIX[route.key]!) : null;
      // refusals first, so that a caller who may not cannot spoil the state for those who may (and vice versa)
      const first = FIRST[route.key] ?? [];
      const rank = (who: Identity) => (expected && REFUSED.has(expected[IDENTITIES.indexOf(who)]!) ? 0 : first.includes(who) ? 1 : 2);
      const order = [...IDENTITIES].sort((a, b) => rank(a) - rank(b) || IDENTITIES.indexOf(a) - IDENTITIES.indexOf(b));
      actual[route.key] = {};
      for (const who of order) {
        const caller = OWN_SESSION.has(route.key) && who !== 'anonymous' ? await signIn(h.app, who) : callers.get(who)!;
        const call = callFor(route, fx, caller);
        const res = await caller.request(route.method, call.url, call.body, call.headers);
        actual[route.key]![who] = res.statusCode;
        const want = expected?.[IDENTITIES.indexOf(who)];
        if (want !== undefined && res.statusCode !== want)
          mismatches.push(`${route.key} as ${who}: expected ${want}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
        if (res.statusCode >= 500) mismatches.push(`${route.key} as ${who}: server error ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    }
    if (process.env.ACCESS_MATRIX_OUT)
      fs.writeFileSync(`${process.env.ACCESS_MATRIX_OUT}.${h.engine}.json`, JSON.stringify(actual, null, 1));
    assert.deepEqual(mismatches, [], `statuses differ from test/security/access-matrix.data.ts:\n${mismatches.join('\n')}`);
  });

  test("README's roles × actions table is generated from the matrix", () => {
    const readme = fs.readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
    assert.equal(readme, renderReadme(readme), "README's access table is out of date: run node --import tsx scripts/access-table.ts");
  });
});
