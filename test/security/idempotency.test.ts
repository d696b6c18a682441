// Idempotent writes (issue 14; draft-ietf-httpapi-idempotency-key-header; platform/idempotency.ts): a retry with the
// same Idempotency-Key and the same request gets the original answer and creates nothing more; the same key for
// another request is refused (422); keys are per caller; a malformed key is refused (400); an error answer does not
// use the key up; a concurrent retry is told to wait (409). The kill -9 between commit and answer is in
// idempotency-crash.test.ts.
import { test, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { DEMO_PASSWORD, describeApp, login, type Session } from '../support/app.ts';
import { seedDemoCases } from '../../src/server/demo/seed-cases.ts';
import { TUS, assertError, uploadMetadata } from '../support/http.ts';
import { MAX_KEY_LENGTH, parseIdempotencyKey } from '../../src/server/platform/idempotency.ts';
import { demoCreditCode } from '../../src/server/demo/seed-demo.ts';
import { loadConfig } from '../../src/server/platform/config.ts';

const newKey = () => `"${crypto.randomUUID()}"`;
const withKey = (key: string) => ({ 'idempotency-key': key });

describe('Idempotency-Key header syntax (draft-ietf-httpapi-idempotency-key-header: a Structured Field String)', () => {
  test('a quoted string, with \\" and \\\\ escapes, and the common unquoted token are accepted', () => {
    assert.equal(parseIdempotencyKey('"8e03978e-40d5-43e8-bc93-6894a57f9324"'), '8e03978e-40d5-43e8-bc93-6894a57f9324');
    assert.equal(parseIdempotencyKey('"a \\"b\\" \\\\c, d"'), 'a "b" \\c, d');
    assert.equal(parseIdempotencyKey('8e03978e-40d5-43e8-bc93-6894a57f9324'), '8e03978e-40d5-43e8-bc93-6894a57f9324');
    assert.equal(parseIdempotencyKey(`"${'k'.repeat(MAX_KEY_LENGTH)}"`).length, MAX_KEY_LENGTH);
  });
  test('empty, too long, non-ASCII, unterminated, two keys, bad escapes and repeated headers are refused', () => {
    for (const bad of [
      '',
      '""',
      '"',
      `"${'k'.repeat(MAX_KEY_LENGTH + 1)}"`,
      'k'.repeat(MAX_KEY_LENGTH + 1),
      '"幂等"',
      '幂等',
      '"abc',
      '"a", "b"',
      'a, b',
      'a b',
      '"a\\x"',
      '"a\u0000"',
    ])
      assert.throws(
        () => parseIdempotencyKey(bad),
        (e: Error & { code?: string }) => e.code === 'IDEMPOTENCY_KEY_INVALID',
        JSON.stringify(bad),
      );
    assert.throws(
      () => parseIdempotencyKey(['"a"', '"b"']),
      (e: Error & { code?: string }) => e.code === 'IDEMPOTENCY_KEY_INVALID',
    );
  });
  test('the crash fault injection cannot be enabled outside NODE_ENV=test', () => {
    for (const NODE_ENV of ['production', 'development', undefined])
      assert.throws(() => loadConfig({ NODE_ENV, SANXIANG_TEST_CRASH_AFTER_IDEMPOTENT_COMMIT: '1' } as NodeJS.ProcessEnv), /NODE_ENV=test/);
    assert.equal(loadConfig({ NODE_ENV: 'production' } as NodeJS.ProcessEnv).testFaults.crashAfterIdempotentCommit, false);
    assert.equal(
      loadConfig({ NODE_ENV: 'test', SANXIANG_TEST_CRASH_AFTER_IDEMPOTENT_COMMIT: '1' } as NodeJS.ProcessEnv).testFaults
        .crashAfterIdempotentCommit,
      true,
    );
  });
});

describeApp('idempotent writes (Idempotency-Key)', (h) => {
  let officer: Session;
  let officer2: Session;
  let unithead: Session;
  const party = { kind: 'organisation', name: '奈曼旗幂等测试网吧', creditCode: '' };
  let serial = 7000;

  before(async () => {
    [officer, officer2, unithead] = await Promise.all(['officer', 'officer2', 'unithead'].map((u) => login(h.app, u)));
    party.creditCode = demoCreditCode('150525', 6999);
    assert.ok((await seedDemoCases(h.app, DEMO_PASSWORD)) > 0, 'demo cases (with published decisions) for the portal test');
  });

  const caseBody = (cause: string) => ({ actCategory: 'penalty', origin: 'exOfficio', cause, field: '文化市场', party });
  const casesWithCause = async (cause: string) =>
    Number((await sql<{ n: string }>`select count(*) as n from cases where cause = ${cause}`.execute(h.db)).rows[0]!.n);
  const keyRows = async () => Number((await sql<{ n: string }>`select count(*) as n from idempotency_keys`.execute(h.db)).rows[0]!.n);

  test('same key and same body: the original answer (status, body), one case registered', async () => {
    const cause = '幂等重试登记一次';
    const key = newKey();
    const first = await officer.request('POST', '/api/v1/cases', caseBody(cause), withKey(key));
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.headers['idempotent-replayed'], undefined);
    const again = await officer.request('POST', '/api/v1/cases', caseBody(cause), withKey(key));
    assert.equal(again.statusCode, 201, again.body);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.match(String(again.headers['content-type']), /application\/json/);
    assert.deepEqual(again.json(), first.json());
    assert.equal(await casesWithCause(cause), 1);
    // without a key nothing changes: a second request is a second registration
    assert.equal((await officer.request('POST', '/api/v1/cases', caseBody(cause), { 'idempotency-key': undefined })).statusCode, 201);
    assert.equal(await casesWithCause(cause), 2);
  });

  test('an act retried with its key is recorded once', async () => {
    const c = await officer.request('POST', '/api/v1/cases', caseBody('幂等重试执法行为'), withKey(newKey()));
    assert.equal(c.statusCode, 201, c.body);
    const caseId = c.json().id as string;
    const acts = async () =>
      Number((await sql<{ n: string }>`select count(*) as n from case_acts where case_id = ${caseId}`.execute(h.db)).rows[0]!.n);
    const before = await acts();
    const key = newKey();
    const body = {
      type: 'opening',
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      content: { approved: true, opinion: '同意立案' },
    };
    const first = await unithead.request('POST', `/api/v1/cases/${caseId}/acts`, body, withKey(key));
    assert.equal(first.statusCode, 201, first.body);
    const again = await unithead.request('POST', `/api/v1/cases/${caseId}/acts`, body, withKey(key));
    assert.equal(again.statusCode, 201, again.body);
    assert.equal(again.body, first.body);
    assert.equal(await acts(), before + 1);
  });

  test('same key with another body (or on another route): 422 IDEMPOTENCY_KEY_REUSED, nothing created', async () => {
    const key = newKey();
    assert.equal((await officer.request('POST', '/api/v1/cases', caseBody('幂等键首次'), withKey(key))).statusCode, 201);
    assertError(await officer.request('POST', '/api/v1/cases', caseBody('幂等键换了内容'), withKey(key)), 422, 'IDEMPOTENCY_KEY_REUSED');
    assert.equal(await casesWithCause('幂等键换了内容'), 0);
    assertError(
      await officer.request(
        'POST',
        '/api/v1/access-requests',
        { caseId: crypto.randomUUID(), purpose: '幂等测试', scope: 'view' },
        withKey(key),
      ),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
  });

  test('different users with the same key do not collide', async () => {
    const key = newKey();
    const cause = '两人同一幂等键';
    const a = await officer.request('POST', '/api/v1/cases', caseBody(cause), withKey(key));
    const b = await officer2.request('POST', '/api/v1/cases', caseBody(cause), withKey(key));
    assert.equal(a.statusCode, 201, a.body);
    assert.equal(b.statusCode, 201, b.body);
    assert.equal(b.headers['idempotent-replayed'], undefined);
    assert.notEqual(a.json().id, b.json().id);
    assert.equal(await casesWithCause(cause), 2);
  });

  test('a malformed or too long key: 400 IDEMPOTENCY_KEY_INVALID, nothing created', async () => {
    const cause = '幂等键格式错误';
    for (const key of ['"unterminated', `"${'x'.repeat(MAX_KEY_LENGTH + 1)}"`, '"a", "b"', 'a b'])
      assertError(await officer.request('POST', '/api/v1/cases', caseBody(cause), withKey(key)), 400, 'IDEMPOTENCY_KEY_INVALID');
    assert.equal(await casesWithCause(cause), 0);
  });

  test('an error answer does not use the key up: the corrected request with the same key runs', async () => {
    const key = newKey();
    const name = `幂等测试局${serial}`;
    const refused = await h.admin.request(
      'POST',
      '/api/v1/agencies',
      {
        name,
        creditCode: (await sql<{ c: string }>`select credit_code as c from agencies limit 1`.execute(h.db)).rows[0]!.c,
        divisionCode: '150525',
      },
      withKey(key),
    );
    assert.equal(refused.statusCode, 409, refused.body);
    const creditCode = demoCreditCode('150525', serial++);
    const ok = await h.admin.request('POST', '/api/v1/agencies', { name, creditCode, divisionCode: '150525' }, withKey(key));
    assert.equal(ok.statusCode, 201, ok.body);
    const again = await h.admin.request('POST', '/api/v1/agencies', { name, creditCode, divisionCode: '150525' }, withKey(key));
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.deepEqual(again.json(), ok.json());
  });

  test("a retry while the first request still runs: 409 IDEMPOTENCY_KEY_IN_PROGRESS (PostgreSQL) or, on PGlite's one connection, the first answer once it is committed", async () => {
    const key = newKey();
    const cause = '并发的同一幂等键';
    if (h.engine === 'postgres') {
      // hold the first request inside its transaction: its key reservation waits for this lock
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => (locked = r));
      const holder = h.db.transaction().execute(async (trx) => {
        await sql`lock table idempotency_keys in share mode`.execute(trx);
        locked();
        await released;
      });
      await isLocked;
      const first = officer.request('POST', '/api/v1/cases', caseBody(cause), withKey(key));
      await new Promise((r) => setTimeout(r, 300));
      const second = await officer.request('POST', '/api/v1/cases', caseBody(cause), withKey(key));
      assertError(second, 409, 'IDEMPOTENCY_KEY_IN_PROGRESS');
      release();
      await holder;
      assert.equal((await first).statusCode, 201);
    } else {
      const [a, b] = await Promise.all([0, 1].map(() => officer.request('POST', '/api/v1/cases', caseBody(cause), withKey(key))));
      assert.equal(a!.statusCode, 201, a!.body);
      assert.ok(b!.statusCode === 201 || b!.json().error.code === 'IDEMPOTENCY_KEY_IN_PROGRESS', b!.body);
      if (b!.statusCode === 201) assert.equal(b!.body, a!.body);
    }
    assert.equal(await casesWithCause(cause), 1);
    const again = await officer.request('POST', '/api/v1/cases', caseBody(cause), withKey(key));
    assert.equal(again.headers['idempotent-replayed'], 'true');
  });

  test('tus creation (POST /uploads): the retry gets the same Location, one upload', async () => {
    const key = newKey();
    const headers = {
      ...TUS,
      'upload-length': '1024',
      'upload-metadata': uploadMetadata({ filename: '幂等.mp4', deviceId: 'DSJ-IDEM' }),
      ...withKey(key),
    };
    const first = await officer.request('POST', '/api/v1/uploads', undefined, headers);
    assert.equal(first.statusCode, 201, first.body);
    const again = await officer.request('POST', '/api/v1/uploads', undefined, headers);
    assert.equal(again.statusCode, 201, again.body);
    assert.equal(again.headers.location, first.headers.location);
    assert.equal(again.headers['upload-offset'], '0');
    assert.equal(again.headers['tus-resumable'], '1.0.0');
    const n = (await sql<{ n: string }>`select count(*) as n from upload_sessions where metadata->>'deviceId' = 'DSJ-IDEM'`.execute(h.db))
      .rows[0]!.n;
    assert.equal(Number(n), 1);
    // the same key announcing another length is another request
    assertError(
      await officer.request('POST', '/api/v1/uploads', undefined, { ...headers, 'upload-length': '2048' }),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
  });

  test('an API token retried with its key: the same token once; the stored answer does not hold the secret in clear', async () => {
    const key = newKey();
    const userId = (await sql<{ id: string }>`select id from users where username = 'officer'`.execute(h.db)).rows[0]!.id;
    const first = await h.admin.request('POST', '/api/v1/tokens', { userId, name: '幂等令牌' }, withKey(key));
    assert.equal(first.statusCode, 201, first.body);
    const again = await h.admin.request('POST', '/api/v1/tokens', { userId, name: '幂等令牌' }, withKey(key));
    assert.equal(again.json().token, first.json().token);
    const tokens = (await sql<{ n: string }>`select count(*) as n from api_tokens where name = '幂等令牌'`.execute(h.db)).rows[0]!.n;
    assert.equal(Number(tokens), 1);
    const leaked = await sql<{
      n: string;
    }>`select count(*) as n from idempotency_keys where position(convert_to(${first.json().token as string}, 'UTF8') in body) > 0 or headers::text like ${`%${first.json().token}%`}`.execute(
      h.db,
    );
    assert.equal(Number(leaked.rows[0]!.n), 0);
  });

  test('the portal (anonymous): a correction request and its attachment retried with their keys are filed once', async () => {
    const decision = (await h.app.inject({ method: 'GET', url: '/api/v1/public/decisions?limit=1' })).json().items[0] as { id: string };
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    const attach = (key: string, name: string) =>
      h.app.inject({
        method: 'POST',
        url: `/api/v1/public/decisions/${decision.id}/correction-attachments`,
        payload: png,
        headers: { 'content-type': 'image/png', 'x-file-name': encodeURIComponent(name), ...withKey(key) },
      });
    const attachmentKey = newKey();
    const a1 = await attach(attachmentKey, '收据.png');
    assert.equal(a1.statusCode, 201, a1.body);
    const a2 = await attach(attachmentKey, '收据.png');
    assert.equal(a2.headers['idempotent-replayed'], 'true');
    assert.equal(a2.json().id, a1.json().id);
    assertError(await attach(attachmentKey, '另一个名字.png'), 422, 'IDEMPOTENCY_KEY_REUSED');

    const file = (key: string, content: string) =>
      h.app.inject({
        method: 'POST',
        url: `/api/v1/public/decisions/${decision.id}/corrections`,
        payload: { name: '刘某', contact: '13900000000', content, attachmentIds: [a1.json().id] },
        headers: withKey(key),
      });
    const key = newKey();
    const first = await file(key, '幂等：处罚金额有误');
    assert.equal(first.statusCode, 201, first.body);
    const again = await file(key, '幂等：处罚金额有误');
    assert.equal(again.json().code, first.json().code);
    const filed = (
      await sql<{ n: string }>`select count(*) as n from disclosure_corrections where code = ${first.json().code as string}`.execute(h.db)
    ).rows[0]!.n;
    assert.equal(Number(filed), 1);
    const all = (
      await sql<{ n: string }>`select count(*) as n from disclosure_corrections where disclosure_id = ${decision.id}`.execute(h.db)
    ).rows[0]!.n;
    assert.equal(Number(all), 1);
    // another member of the public with another key files their own
    const other = await file(newKey(), '幂等：处罚金额有误');
    assert.notEqual(other.json().code, first.json().code);
  });

  test('an answer older than 24 hours is forgotten: the key runs anew', async () => {
    const key = newKey();
    const cause = '幂等键过期';
    assert.equal((await officer.request('POST', '/api/v1/cases', caseBody(cause), withKey(key))).statusCode, 201);
    await sql`update idempotency_keys set created_at = now() - interval '25 hours'`.execute(h.db);
    const later = await officer.request('POST', '/api/v1/cases', caseBody(cause), withKey(key));
    assert.equal(later.statusCode, 201, later.body);
    assert.equal(later.headers['idempotent-replayed'], undefined);
    assert.equal(await casesWithCause(cause), 2);
    assert.ok((await keyRows()) >= 1);
  });

  test('OpenAPI: the idempotent POSTs describe the Idempotency-Key header, and every POST is either idempotent or listed here with its reason', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;
    };
    // POSTs that create nothing, or cannot join the request's transaction (platform/idempotency.ts)
    const notIdempotent = new Map([
      ['/api/v1/auth/login', 'opens a session; answering a replayed login would hand out a session cookie'],
      ['/api/v1/auth/logout', 'ends the session; repeating it is harmless'],
      ['/api/v1/auth/password', 'changes a password; a retry is refused by the current-password check and duplicates nothing'],
      ['/api/v1/review/classify', 'read-only'],
      ['/api/v1/cases/{caseId}/review-materials', 'read-only'],
      ['/api/v1/disclosure/redact', 'read-only'],
      ['/api/v1/ledger/tree-head', 'signs the current tree; a second signature of the same tree adds nothing'],
      ['/api/v1/case-destructions/{id}/decision', 'deletes files after its commit; a retry answers ALREADY_DECIDED'],
      [
        '/api/v1/cases/{id}/export',
        'answers with a stream (the case file); a retry exports again, which is recorded again and creates nothing',
      ],
    ]);
    const idempotent: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      const post = ops.post;
      if (!post) continue;
      const has = (post.parameters ?? []).some((p) => p.in === 'header' && p.name === 'idempotency-key');
      if (notIdempotent.has(path)) assert.equal(has, false, path);
      else {
        assert.ok(has, `POST ${path} neither takes an Idempotency-Key nor is listed as not idempotent`);
        idempotent.push(path);
      }
    }
    for (const p of [
      '/api/v1/cases',
      '/api/v1/cases/{id}/acts',
      '/api/v1/uploads',
      '/api/v1/users',
      '/api/v1/tokens',
      '/api/v1/access-requests',
      '/api/v1/registry/officer',
      '/api/v1/disclosures/{id}/publish',
      '/api/v1/public/decisions/{id}/corrections',
    ])
      assert.ok(idempotent.includes(p), p);
  });
});
