// Issue 14 (low): `mine=false` behaved as `mine=true` (z.coerce.boolean reads any non-empty string as true). Every
// boolean query parameter now uses queryBoolean() (platform/http.ts): true/1, false/0, anything else 400.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { describeApp, login, type Session } from '../support/app.ts';
import { assertError } from '../support/http.ts';
import { queryBoolean } from '../../src/server/platform/http.ts';

test('queryBoolean: true/1 and false/0; yes, on, empty, TRUE refused', () => {
  const s = z.object({ b: queryBoolean().optional() });
  assert.deepEqual(
    [s.parse({ b: 'true' }).b, s.parse({ b: '1' }).b, s.parse({ b: 'false' }).b, s.parse({ b: '0' }).b, s.parse({}).b],
    [true, true, false, false, undefined],
  );
  for (const bad of ['yes', 'on', '', 'TRUE', 'no', '2']) assert.equal(s.safeParse({ b: bad }).success, false, bad);
});

describeApp('security: boolean query parameters mean what they say (issue 14)', (h) => {
  let officer: Session;
  let head: Session;
  before(async () => {
    [officer, head] = await Promise.all(['officer', 'head'].map((u) => login(h.app, u)));
    const party = { kind: 'person', name: '张三' };
    const r = await officer.request('POST', '/api/v1/cases', {
      actCategory: 'penalty',
      origin: 'exOfficio',
      cause: '擅自从事互联网上网服务经营活动',
      field: '文化市场',
      party,
    });
    assert.equal(r.statusCode, 201, r.body);
  });

  test('cases: mine=false is every case the head may see, mine=true only those they handle', async () => {
    const total = async (query: string) => {
      const res = await head.request('GET', `/api/v1/cases${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json().total as number;
    };
    const all = await total('');
    assert.ok(all >= 1);
    assert.equal(await total('?mine=false'), all);
    assert.equal(await total('?mine=0'), all);
    assert.equal(await total('?mine=true'), 0);
    assert.equal(await total('?mine=1'), 0);
  });

  test('anything but true/false/1/0 is refused on every boolean query parameter', async () => {
    for (const url of [
      '/api/v1/cases?mine=yes',
      '/api/v1/cases?mine=',
      '/api/v1/access-requests?pending=maybe',
      '/api/v1/reviews?mine=on',
      '/api/v1/reviews?overdue=yes',
      '/api/v1/disclosures?overdue=y',
      '/api/v1/evidence?late=TRUE',
    ])
      assertError(await head.request('GET', url), 400, 'VALIDATION_FAILED');
  });

  test('reviews, disclosures, access requests and evidence take false as false', async () => {
    for (const [url, key] of [
      ['/api/v1/reviews', 'overdue'],
      ['/api/v1/disclosures', 'overdue'],
      ['/api/v1/access-requests', 'pending'],
      ['/api/v1/evidence', 'late'],
    ] as const) {
      const res = await head.request('GET', `${url}?${key}=false`);
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    }
  });
});
