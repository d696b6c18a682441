// Issue 14 (low): `%` and `_` in a search parameter acted as LIKE wildcards (`?q=%` listed everything). Every LIKE
// search now goes through containsPattern / startsWithPattern (platform/db.ts), which escape % _ \ with the
// backslash, PostgreSQL's default LIKE escape character — and so PGlite's: the same on both engines.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { describeApp, login, type Session } from '../support/app.ts';
import { containsPattern, startsWithPattern } from '../../src/server/platform/db.ts';

test('containsPattern / startsWithPattern escape % _ and the escape character itself', () => {
  assert.equal(containsPattern('100%_a\\b'), '%100\\%\\_a\\\\b%');
  assert.equal(startsWithPattern('15_'), '15\\_%');
});

describeApp('security: % and _ in searches match only themselves (issue 14)', (h) => {
  let editor: Session;
  let naiman: string;
  const item = (name: string) => ({
    data: { name, actCategory: 'inspection', basis: '依据', implementingBody: '奈曼旗文化和旅游局', responsibleBody: '综合执法大队' },
  });

  before(async () => {
    editor = await login(h.app, 'editor');
    for (const name of ['合格率100%抽查', '合格率100A抽查', '反斜杠\\检查'])
      assert.equal((await editor.request('POST', '/api/v1/registry/enforcementItem', item(name))).statusCode, 201);
    naiman = (await sql<{ id: string }>`select id from agencies where name = '奈曼旗文化和旅游局'`.execute(h.db)).rows[0]!.id;
    for (const username of ['like_x', 'likeax'])
      assert.equal(
        (
          await h.admin.request('POST', '/api/v1/users', {
            username,
            displayName: username,
            password: 'Zk7#qv-Lp9!mW',
            roles: ['officer'],
            agencyId: naiman,
          })
        ).statusCode,
        201,
      );
  });

  test('the engines agree that backslash is the LIKE escape character', async () => {
    const r = await sql<{
      a: boolean;
      b: boolean;
    }>`select 'x%y' like ${containsPattern('%')} as a, 'xay' like ${containsPattern('%')} as b`.execute(h.db);
    assert.deepEqual(r.rows[0], { a: true, b: false });
  });

  test('registry lists (back office): % and _ and \\ literal', async () => {
    const titles = async (q: string) =>
      (await editor.request('GET', `/api/v1/registry/enforcementItem?q=${encodeURIComponent(q)}`))
        .json()
        .items.map((i: { title: string }) => i.title)
        .sort();
    assert.deepEqual(await titles('100%'), ['合格率100%抽查']);
    assert.deepEqual(await titles('%'), ['合格率100%抽查']);
    assert.deepEqual(await titles('率100_'), []);
    assert.deepEqual(await titles('\\'), ['反斜杠\\检查']);
  });

  test('users: _ is not "any character"', async () => {
    const names = async (q: string) =>
      (await h.admin.request('GET', `/api/v1/users?q=${encodeURIComponent(q)}`))
        .json()
        .items.map((u: { username: string }) => u.username)
        .sort();
    assert.deepEqual(await names('like_'), ['like_x']);
    assert.deepEqual(await names('%'), []);
  });

  test('agencies and divisions, in the back office and on the portal (anonymous)', async () => {
    assert.equal((await h.app.inject({ method: 'GET', url: '/api/v1/public/agencies?q=%25' })).json().total, 0);
    assert.equal((await h.app.inject({ method: 'GET', url: '/api/v1/public/agencies?q=_' })).json().total, 0);
    assert.deepEqual((await h.admin.request('GET', '/api/v1/agencies?q=%25')).json().items, []);
    assert.deepEqual((await h.admin.request('GET', '/api/v1/divisions?q=_')).json().items, []);
    assert.deepEqual((await h.admin.request('GET', '/api/v1/divisions?q=15__')).json().items, []);
    assert.ok((await h.admin.request('GET', '/api/v1/divisions?q=1505')).json().items.length >= 1);
    // still a search: a literal part of a name or a code prefix finds it
    assert.ok((await h.app.inject({ method: 'GET', url: `/api/v1/public/agencies?q=${encodeURIComponent('奈曼旗')}` })).json().total >= 1);
  });

  test('cases and reviews were escaped already and stay so', async () => {
    const officer = await login(h.app, 'officer');
    assert.equal((await officer.request('GET', '/api/v1/cases?q=%25')).json().total, 0);
    assert.equal((await officer.request('GET', '/api/v1/reviews?q=_')).json().total, 0);
  });
});
