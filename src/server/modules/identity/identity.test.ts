import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { describeApp, buildTestApp, login, DEMO_PASSWORD } from '../../../../test/support/app.ts';

describeApp('identity: login, sessions, CSRF, tokens, users', (h) => {
  test('login sets an httpOnly SameSite=Lax cookie and returns a CSRF token; /me answers', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'officer', password: DEMO_PASSWORD },
    });
    assert.equal(res.statusCode, 200);
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /sx_session=/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.doesNotMatch(cookie, /Secure/); // plain HTTP in tests
    const { csrfToken, user } = res.json();
    assert.ok(csrfToken.length >= 32);
    assert.deepEqual(user.roles, ['officer']);
    assert.equal(user.agencyName, '奈曼旗文化和旅游局');
    const me = await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: cookie.split(';')[0]! } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().user.username, 'officer');
    assert.equal(me.json().csrfToken, csrfToken);
  });

  test('the cookie is Secure behind TLS (trusted proxy)', async () => {
    const tlsApp = await buildTestApp(h.database, { SANXIANG_TRUST_PROXY: 'true' });
    const res = await tlsApp.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { username: 'officer', password: DEMO_PASSWORD },
    });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['set-cookie']), /Secure/);
    await tlsApp.close();
  });

  test('wrong password and unknown user answer the same 401, and both are audited', async () => {
    const a = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'editor', password: 'nope' } });
    const b = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody', password: 'nope' } });
    for (const r of [a, b]) {
      assert.equal(r.statusCode, 401);
      assert.equal(r.json().error.code, 'INVALID_CREDENTIALS');
    }
    const rows = await h.db
      .selectFrom('audit_log')
      .select(['subject', 'outcome', 'details'])
      .where('action', '=', 'auth.login')
      .where('outcome', '=', 'failure')
      .execute();
    assert.ok(rows.some((r) => r.subject === 'editor' && (r.details as { reason: string }).reason === 'wrongPassword'));
    assert.ok(rows.some((r) => r.subject === 'nobody' && (r.details as { reason: string }).reason === 'unknownUser'));
    const ok = await h.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'auth.login')
      .where('outcome', '=', 'success')
      .where('subject', '=', 'admin')
      .execute();
    assert.ok(ok.length >= 1);
  });

  test('state-changing requests with the session cookie need the CSRF token', async () => {
    const body = {
      username: 'csrf.test',
      displayName: '测试',
      password: 'Str0ng-Password',
      roles: ['officer'],
      agencyId: await agencyId('奈曼旗文化和旅游局'),
    };
    const noToken = await h.app.inject({ method: 'POST', url: '/api/v1/users', headers: { cookie: h.admin.cookie }, payload: body });
    assert.equal(noToken.statusCode, 403);
    assert.equal(noToken.json().error.code, 'CSRF_TOKEN_INVALID');
    const wrong = await h.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: h.admin.cookie, 'x-csrf-token': 'x'.repeat(43) },
      payload: body,
    });
    assert.equal(wrong.statusCode, 403);
    const right = await h.admin.request('POST', '/api/v1/users', body);
    assert.equal(right.statusCode, 201, right.body);
    // GET needs no token
    assert.equal((await h.app.inject({ method: 'GET', url: '/api/v1/users', headers: { cookie: h.admin.cookie } })).statusCode, 200);
  });

  test('logout revokes the session', async () => {
    const s = await login(h.app, 'custodian');
    assert.equal((await s.request('POST', '/api/v1/auth/logout')).statusCode, 204);
    const me = await s.request('GET', '/api/v1/auth/me');
    assert.equal(me.statusCode, 401);
    assert.equal(me.json().error.code, 'UNAUTHENTICATED');
  });

  test('bearer tokens: issued by an administrator, shown once, need no CSRF token, revocable', async () => {
    const users = (await h.admin.request('GET', '/api/v1/users?q=officer2')).json().items;
    const created = await h.admin.request('POST', '/api/v1/tokens', { userId: users[0].id, name: '区域平台对接' });
    assert.equal(created.statusCode, 201, created.body);
    const { token, id, prefix } = created.json();
    assert.match(token, /^sx_/);
    assert.ok(token.startsWith(prefix));
    const auth = { authorization: `Bearer ${token}` };
    const me = await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: auth });
    assert.equal(me.json().user.username, 'officer2');
    // no CSRF header needed with a bearer token (the change itself is refused by role, not by CSRF)
    const post = await h.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: auth,
      payload: { username: 'x.y', displayName: 'x', password: 'Str0ng-Password', roles: ['officer'] },
    });
    assert.equal(post.statusCode, 403);
    assert.equal(post.json().error.code, 'FORBIDDEN');
    // the token itself is never listed
    const list = (await h.admin.request('GET', '/api/v1/tokens')).json().items;
    assert.ok(list.some((t: { id: string }) => t.id === id));
    assert.ok(!JSON.stringify(list).includes(token));
    assert.equal((await h.admin.request('DELETE', `/api/v1/tokens/${id}`)).statusCode, 200);
    const after = await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: auth });
    assert.equal(after.statusCode, 401);
    const forged = await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: 'Bearer sx_forged' } });
    assert.equal(forged.statusCode, 401);
  });

  test('role bindings: agency roles need an agency, supervisors a division; weak passwords and taken names refused', async () => {
    const naiman = await agencyId('奈曼旗文化和旅游局');
    const cases: [object, number, string][] = [
      [
        { username: 'sup.x', displayName: 's', password: 'Str0ng-Password', roles: ['supervisor'], agencyId: naiman },
        400,
        'INVALID_ROLE_BINDING',
      ],
      [{ username: 'off.x', displayName: 'o', password: 'Str0ng-Password', roles: ['officer'] }, 400, 'INVALID_ROLE_BINDING'],
      [
        { username: 'mix.x', displayName: 'm', password: 'Str0ng-Password', roles: ['officer', 'supervisor'], divisionCode: '150525' },
        400,
        'INVALID_ROLE_BINDING',
      ],
      [{ username: 'weak.x', displayName: 'w', password: 'short', roles: ['officer'], agencyId: naiman }, 400, 'WEAK_PASSWORD'],
      [
        { username: 'officer', displayName: 'dup', password: 'Str0ng-Password', roles: ['officer'], agencyId: naiman },
        409,
        'USERNAME_TAKEN',
      ],
      [
        { username: 'sup.y', displayName: 's', password: 'Str0ng-Password', roles: ['supervisor'], divisionCode: '999999' },
        404,
        'DIVISION_NOT_FOUND',
      ],
      [
        {
          username: 'ghost.x',
          displayName: 'g',
          password: 'Str0ng-Password',
          roles: ['officer'],
          agencyId: '00000000-0000-4000-8000-000000000000',
        },
        404,
        'AGENCY_NOT_FOUND',
      ],
      [
        { username: 'Bad Name', displayName: 'g', password: 'Str0ng-Password', roles: ['officer'], agencyId: naiman },
        400,
        'VALIDATION_FAILED',
      ],
      [{ username: 'role.x', displayName: 'g', password: 'Str0ng-Password', roles: ['king'], agencyId: naiman }, 400, 'VALIDATION_FAILED'],
    ];
    const before = await countUsers();
    for (const [body, status, code] of cases) {
      const r = await h.admin.request('POST', '/api/v1/users', body);
      assert.equal(r.statusCode, status, `${JSON.stringify(body)} → ${r.body}`);
      assert.equal(r.json().error.code, code);
      assert.match(r.json().error.message, /[\u4e00-\u9fff]/);
    }
    assert.equal(await countUsers(), before, 'no partial writes');
    const ok = await h.admin.request('POST', '/api/v1/users', {
      username: 'sup.tl',
      displayName: '通辽监督',
      password: 'Str0ng-Password',
      roles: ['supervisor'],
      divisionCode: '150500',
    });
    assert.equal(ok.statusCode, 201, ok.body);
  });

  test('disabling a user ends their sessions; only administrators manage users', async () => {
    const s = await login(h.app, 'officer2');
    const id = (await s.request('GET', '/api/v1/auth/me')).json().user.id;
    const notAdmin = await s.request('PATCH', `/api/v1/users/${id}`, { disabled: true });
    assert.equal(notAdmin.statusCode, 403);
    const r = await h.admin.request('PATCH', `/api/v1/users/${id}`, { disabled: true });
    assert.equal(r.statusCode, 200);
    assert.equal((await s.request('GET', '/api/v1/auth/me')).statusCode, 401);
    const again = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'officer2', password: DEMO_PASSWORD },
    });
    assert.equal(again.statusCode, 401);
    await h.admin.request('PATCH', `/api/v1/users/${id}`, { disabled: false });
  });

  test('the audit log refuses UPDATE and DELETE in the database itself', async () => {
    await assert.rejects(sql`update audit_log set action = 'x'`.execute(h.db), /append-only/);
    await assert.rejects(sql`delete from audit_log`.execute(h.db), /append-only/);
  });

  test('administrators read the audit log with filters and a cursor; others may not', async () => {
    const page = (await h.admin.request('GET', '/api/v1/audit-log?action=auth.login&limit=2')).json();
    assert.equal(page.items.length, 2);
    assert.ok(page.items.every((e: { action: string }) => e.action === 'auth.login'));
    assert.ok(page.nextBefore);
    const next = (await h.admin.request('GET', `/api/v1/audit-log?action=auth.login&limit=2&before=${page.nextBefore}`)).json();
    assert.ok(Number(next.items[0].id) < Number(page.nextBefore));
    const failures = (await h.admin.request('GET', '/api/v1/audit-log?outcome=failure&username=editor')).json().items;
    assert.ok(failures.length >= 1 && failures.every((e: { outcome: string }) => e.outcome === 'failure'));
    const officer = await login(h.app, 'officer');
    assert.equal((await officer.request('GET', '/api/v1/audit-log')).statusCode, 403);
  });

  test('the built-in system account cannot be edited, enabled or given a token', async () => {
    const id = '00000000-0000-4000-8000-000000000001';
    const r = await h.admin.request('PATCH', `/api/v1/users/${id}`, { password: 'Sys-Admin-Pass9!', disabled: false });
    assert.equal(r.statusCode, 409);
    assert.equal(r.json().error.code, 'CONFLICT');
    assert.equal((await h.admin.request('POST', '/api/v1/tokens', { userId: id, name: 'x' })).statusCode, 409);
    const login = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'system', password: 'Sys-Admin-Pass9!' },
    });
    assert.equal(login.statusCode, 401);
  });

  test("changing one's own password ends the other sessions of the account but keeps this one", async () => {
    const a = await login(h.app, 'unithead');
    const b = await login(h.app, 'unithead');
    assert.equal(
      (await a.request('POST', '/api/v1/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'New-Passw0rd-1' })).statusCode,
      204,
    );
    assert.equal((await a.request('GET', '/api/v1/auth/me')).statusCode, 200);
    assert.equal((await b.request('GET', '/api/v1/auth/me')).statusCode, 401);
    const wrong = await a.request('POST', '/api/v1/auth/password', { currentPassword: 'nope', newPassword: 'New-Passw0rd-2' });
    assert.equal(wrong.json().error.code, 'INVALID_CREDENTIALS');
    assert.equal(
      (await a.request('POST', '/api/v1/auth/password', { currentPassword: 'New-Passw0rd-1', newPassword: DEMO_PASSWORD })).statusCode,
      204,
    );
  });

  test('passwords are stored as argon2id hashes', async () => {
    const row = await h.db.selectFrom('users').select('password_hash').where('username', '=', 'admin').executeTakeFirstOrThrow();
    assert.match(row.password_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  test("/auth/me and login send the user's capabilities: the menu and page-level controls of each role", async () => {
    // The back office's menu by role and its page capabilities, as the web decided them from role strings before the
    // server sent them (menu.tsx MENU_BY_ROLE, CAPABILITIES, and the role checks of the pages).
    const read = ['registryProfile', 'registryOfficers', 'registryLists', 'registryTexts'];
    const expected: Record<string, { pages: string[]; actions: string[]; scope: string }> = {
      admin: {
        pages: ['dashboard', 'agencies', 'users', 'tokens', 'calendar', 'policies'],
        actions: ['manageCalendar', 'addAgency', 'assignPolicy', 'filterByDivision'],
        scope: 'all',
      },
      supervisor: {
        pages: [
          'dashboard',
          'agencies',
          'calendar',
          'policies',
          ...read,
          'registryLawChanges',
          'cases',
          'review',
          'disclosure',
          'supervision',
        ],
        actions: ['switchScope', 'readCorrections'],
        scope: 'division',
      },
      head: {
        pages: [
          'dashboard',
          'agencies',
          'calendar',
          ...read,
          'registryLawChanges',
          'registryReviews',
          'cases',
          'review',
          'disclosure',
          'records',
          'accessRequests',
        ],
        actions: ['draftRegistry', 'reviewRegistry', 'openCase', 'lodgeAccessRequest', 'decideAccessRequests', 'readCorrections'],
        scope: 'agency',
      },
      unithead: {
        pages: ['dashboard', 'calendar', 'cases', 'review', 'records', 'accessRequests'],
        actions: ['openCase'],
        scope: 'agency',
      },
      officer: { pages: ['dashboard', 'calendar', 'cases', 'review', 'records', 'accessRequests'], actions: ['openCase'], scope: 'agency' },
      reviewer: { pages: ['dashboard', 'calendar', 'cases', 'review'], actions: [], scope: 'agency' },
      editor: {
        pages: ['dashboard', 'calendar', ...read, 'registryLawChanges', 'registryReviews', 'disclosure', 'accessRequests'],
        actions: ['draftRegistry', 'reviewRegistry', 'readCorrections'],
        scope: 'agency',
      },
      custodian: {
        pages: ['dashboard', 'calendar', 'cases', 'records', 'accessRequests'],
        actions: ['lodgeAccessRequest'],
        scope: 'agency',
      },
      external: { pages: ['dashboard', 'calendar', 'cases', 'accessRequests'], actions: [], scope: 'division' },
    };
    for (const [username, want] of Object.entries(expected)) {
      const res = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json().user.capabilities, want, `${username} (login)`);
      const cookie = String(res.headers['set-cookie']).split(';')[0]!;
      const me = await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
      assert.deepEqual(me.json().user.capabilities, want, `${username} (/auth/me)`);
    }
    // several roles: the union, in menu order
    const body = {
      username: 'caps.two',
      displayName: '两个角色',
      password: 'Str0ng-Password',
      roles: ['recordsCustodian', 'disclosureEditor'],
      agencyId: await agencyId('奈曼旗文化和旅游局'),
    };
    assert.equal((await h.admin.request('POST', '/api/v1/users', body)).statusCode, 201);
    const two = await login(h.app, 'caps.two', 'Str0ng-Password');
    const caps = (await two.request('GET', '/api/v1/auth/me')).json().user.capabilities;
    assert.deepEqual(caps.pages, [
      'dashboard',
      'calendar',
      ...read,
      'registryLawChanges',
      'registryReviews',
      'cases',
      'disclosure',
      'records',
      'accessRequests',
    ]);
    assert.deepEqual(caps.actions, ['draftRegistry', 'reviewRegistry', 'lodgeAccessRequest', 'readCorrections']);
  });

  async function agencyId(name: string) {
    return (await h.db.selectFrom('agencies').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  }
  async function countUsers() {
    return Number(
      (
        await h.db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  }
});
