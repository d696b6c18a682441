// HTTP conventions every endpoint shares: one error shape, 4xx for bad input, never a stack trace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeApp, buildTestApp, DEMO_PASSWORD } from '../../test/support/app.ts';

function assertError(
  res: { statusCode: number; json(): { error: { code: string; message: string } }; body: string },
  status: number,
  code: string,
) {
  assert.equal(res.statusCode, status, res.body);
  const body = res.json();
  assert.equal(body.error.code, code);
  assert.match(body.error.message, /[\u4e00-\u9fff]/, 'message in Chinese');
  assert.doesNotMatch(res.body, /at .+\.(ts|js):\d+/, 'no stack trace');
}

describeApp('HTTP conventions', (h) => {
  test('health answers with the engine', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/health' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().status, 'ok');
    assert.equal(res.json().engine, h.engine);
    assert.ok(res.headers['x-request-id']);
  });

  test('the OpenAPI document is generated from the zod schemas', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.equal(doc.openapi, '3.1.0');
    for (const p of ['/api/v1/auth/login', '/api/v1/users', '/api/v1/agencies', '/api/v1/calendar/add-working-days', '/api/v1/policies'])
      assert.ok(doc.paths[p], `${p} documented`);
    assert.ok(doc.paths['/api/v1/auth/login'].post.requestBody);
    const docs = await h.app.inject({ method: 'GET', url: '/api/docs/' });
    assert.equal(docs.statusCode, 200);
  });

  test('malformed JSON → 400 MALFORMED_JSON', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    assertError(res, 400, 'MALFORMED_JSON');
  });

  test('unknown fields → 400 VALIDATION_FAILED naming the field', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: DEMO_PASSWORD, isAdmin: true },
    });
    assertError(res, 400, 'VALIDATION_FAILED');
    assert.match(res.body, /isAdmin/);
    const q = await h.admin.request('GET', '/api/v1/agencies?foo=1');
    assertError(q, 400, 'VALIDATION_FAILED');
  });

  test('wrong types → 400 VALIDATION_FAILED with the path', async () => {
    const res = await h.admin.request('POST', '/api/v1/agencies', { name: 123, creditCode: ['x'], divisionCode: '150525' });
    assertError(res, 400, 'VALIDATION_FAILED');
    const paths = res.json().error.details.issues.map((i: { path: string }) => i.path);
    assert.ok(paths.includes('name') && paths.includes('creditCode'), JSON.stringify(paths));
  });

  test('oversized body → 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'x'.repeat(2 * 1024 * 1024) },
    });
    assertError(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  test('wrong content type → 415', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<x/>',
    });
    assertError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  test('unknown API route → JSON 404; protected route without login → 401', async () => {
    assertError(await h.app.inject({ method: 'GET', url: '/api/v1/nope' }), 404, 'NOT_FOUND');
    assertError(await h.app.inject({ method: 'GET', url: '/api/v1/users' }), 401, 'UNAUTHENTICATED');
  });

  test('20 failed logins from one address: refused with 401, then 429, all audited, and the right password is refused while limited', async () => {
    const limited = await buildTestApp(h.database, { SANXIANG_LOGIN_RATE_LIMIT: '10' });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await limited.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '10.9.8.7',
        payload: { username: 'reviewer', password: `wrong-${i}` },
      });
      statuses.push(r.statusCode);
      if (r.statusCode === 429) assertError(r, 429, 'RATE_LIMITED');
    }
    assert.deepEqual(statuses, [...Array(10).fill(401), ...Array(10).fill(429)]);
    const right = await limited.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '10.9.8.7',
      payload: { username: 'reviewer', password: DEMO_PASSWORD },
    });
    assert.equal(right.statusCode, 429);
    // another address is not limited by that IP's window, but the account itself is now locked (10 failures in 15 min)
    const other = await limited.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '10.1.1.1',
      payload: { username: 'reviewer', password: DEMO_PASSWORD },
    });
    assertError(other, 429, 'RATE_LIMITED');
    const failures = await h.db
      .selectFrom('audit_log')
      .select(['details', 'ip'])
      .where('action', '=', 'auth.login')
      .where('outcome', '=', 'failure')
      .where('subject', '=', 'reviewer')
      .execute();
    assert.ok(failures.length >= 21, `audited ${failures.length}`);
    assert.ok(failures.some((f) => (f.details as { reason: string }).reason === 'rateLimited'));
    await limited.close();
  });
});
