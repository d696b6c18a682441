// Issue 14 (low): common passwords were accepted as long as they met the composition rule (Password@123). New and
// changed passwords are now also compared with a list of the most common passwords (identity/data/
// common-passwords.json), case-insensitively, without the digits and punctuation around them, and with
// P@ssw0rd-style substitutions undone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { sql } from 'kysely';
import { describeApp, login, DEMO_PASSWORD } from '../support/app.ts';
import { assertError } from '../support/http.ts';
import { assertStrongPassword, isCommonPassword } from '../../src/server/modules/identity/password.ts';

const WEAK = [
  'Password@123',
  'P@ssw0rd2024',
  'PASSWORD1234!',
  'Summer2024!',
  'Qwerty123456!',
  '!Qwerty123',
  '1Qaz2wsx3edc',
  'Admin@12345',
  'Abc@123456',
  'Aa123456789',
  'Woaini1314!',
  'Zhangwei@2024',
  'Iloveyou520!',
  'Sanxiang@2026',
  'L3tme1n-2024',
];
// every password the suite, the demo and the benches use, and a few ordinary strong ones
const STRONG = [
  DEMO_PASSWORD,
  'Str0ng-Password',
  'Zk7#qv-Lp9!mW',
  'Bench-Passw0rd',
  'Cli-Demo-Passw0rd',
  'Crash-Test-Passw0rd',
  'E2e-Strong-Pass1',
  'New-Passw0rd-1',
  'New-Passw0rd-2',
  'Ops-Passw0rd!',
  'Review-Pass-2026!',
  'Sys-Admin-Pass9!',
  'Hx7-Lantern-92',
  'Grass#Window42',
  'Sx-0a1b2c3d4e5f-Demo9',
];

test('the list: lower case, at least 1,000 entries, none made of digits and punctuation only', () => {
  const file = JSON.parse(
    fs.readFileSync(new URL('../../src/server/modules/identity/data/common-passwords.json', import.meta.url), 'utf8'),
  ) as { passwords: string[] };
  assert.ok(file.passwords.length >= 1000, String(file.passwords.length));
  for (const p of file.passwords) {
    assert.equal(p, p.toLowerCase());
    assert.match(p, /[a-z]/);
  }
  assert.equal(new Set(file.passwords).size, file.passwords.length);
});

test('common passwords dressed up to meet the composition rule are weak', () => {
  for (const p of WEAK) {
    assert.ok(isCommonPassword(p), p);
    assert.throws(
      () => assertStrongPassword(p),
      (e: { code?: string; message: string }) => e.code === 'WEAK_PASSWORD' && /常见/.test(e.message),
      p,
    );
  }
});

test('the passwords the suite and the demo use, and ordinary strong ones, still pass', () => {
  for (const p of STRONG) assert.doesNotThrow(() => assertStrongPassword(p), p);
});

test('a 256-character password is checked quickly', () => {
  const t0 = performance.now();
  for (let i = 0; i < 100; i++) isCommonPassword(`${'1'.repeat(120)}Aa${'1!'.repeat(67)}`);
  assert.ok(performance.now() - t0 < 1000);
});

describeApp('security: common passwords refused (issue 14)', (h) => {
  test("creating a user, resetting a password and changing one's own: WEAK_PASSWORD, nothing written", async () => {
    const naiman = (await sql<{ id: string }>`select id from agencies where name = '奈曼旗文化和旅游局'`.execute(h.db)).rows[0]!.id;
    const users = async () => Number((await sql<{ n: string }>`select count(*) as n from users`.execute(h.db)).rows[0]!.n);
    const before = await users();
    assertError(
      await h.admin.request('POST', '/api/v1/users', {
        username: 'weak.common',
        displayName: '弱密码',
        password: 'Password@123',
        roles: ['officer'],
        agencyId: naiman,
      }),
      400,
      'WEAK_PASSWORD',
    );
    assert.equal(await users(), before);

    const created = await h.admin.request('POST', '/api/v1/users', {
      username: 'strong.user',
      displayName: '强密码',
      password: 'Grass#Window42',
      roles: ['officer'],
      agencyId: naiman,
    });
    assert.equal(created.statusCode, 201, created.body);
    assertError(await h.admin.request('PATCH', `/api/v1/users/${created.json().id}`, { password: 'Qwerty123456!' }), 400, 'WEAK_PASSWORD');

    const me = await login(h.app, 'strong.user', 'Grass#Window42');
    assertError(
      await me.request('POST', '/api/v1/auth/password', { currentPassword: 'Grass#Window42', newPassword: 'P@ssw0rd2024' }),
      400,
      'WEAK_PASSWORD',
    );
    // the old password still works: nothing was changed
    await login(h.app, 'strong.user', 'Grass#Window42');
  });
});
