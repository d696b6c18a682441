// Serving the built web app: entry pages for client-side routes, real 404s for missing assets (never a page).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeApp } from '../support/app.ts';

describeApp('web app serving', (h) => {
  test('portal and back office entry pages, client routes fall back to them', async () => {
    const portal = await h.app.inject({ method: 'GET', url: '/' });
    const admin = await h.app.inject({ method: 'GET', url: '/admin' });
    assert.equal(portal.statusCode, 200);
    assert.equal(admin.statusCode, 200);
    assert.notEqual(portal.body, admin.body);
    for (const url of ['/admin/', '/admin/users?x=1', '/admin/calendar'])
      assert.equal((await h.app.inject({ method: 'GET', url })).body, admin.body, url);
    for (const url of ['/directory/150000', '/certificates'])
      assert.equal((await h.app.inject({ method: 'GET', url })).body, portal.body, url);
  });

  test('assets are served with their type; a missing one is a 404, not a page', async () => {
    const portal = (await h.app.inject({ method: 'GET', url: '/' })).body;
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(portal)![1]!;
    const ok = await h.app.inject({ method: 'GET', url: asset });
    assert.equal(ok.statusCode, 200);
    assert.match(String(ok.headers['content-type']), /javascript/);
    for (const url of ['/assets/missing-123.js', '/admin/assets/x.css', '/favicon.ico']) {
      const r = await h.app.inject({ method: 'GET', url });
      assert.equal(r.statusCode, 404, url);
      assert.doesNotMatch(String(r.headers['content-type']), /html/, url);
    }
    const traversal = await h.app.inject({ method: 'GET', url: '/assets/..%2f..%2fpackage.json' });
    assert.notEqual(traversal.statusCode, 200);
  });
});
