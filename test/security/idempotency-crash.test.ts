// Idempotent writes across a crash (issue 14): the real server (compiled, as `npm start` runs it) dies by SIGKILL
// right after committing a case registration and before answering — the client sees a dropped connection. Started
// again, the retry with the same Idempotency-Key gets the original answer, and there is one case, not two.
// The fault is injected with SANXIANG_TEST_CRASH_AFTER_IDEMPOTENT_COMMIT, which the server honours only with
// NODE_ENV=test (config.ts refuses it otherwise; idempotency.test.ts checks that).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describeEachEngine } from '../support/db.ts';
import { loginOverHttp, serverProcess, type ServerProcess } from '../support/server.ts';
import { demoCreditCode } from '../../src/server/demo/seed-demo.ts';

const PASSWORD = 'Idem-Crash-Passw0rd';

describeEachEngine('idempotent writes: kill -9 between commit and answer, then a retry', (h) => {
  let server: ServerProcess;
  before(() => {
    server = serverProcess(h, PASSWORD, 'sanxiang-idem-crash-');
  });
  after(() => server.dispose());

  test('the retry after the crash gets the original answer and no duplicate case', async () => {
    server.env.NODE_ENV = 'test';
    server.env.SANXIANG_TEST_CRASH_AFTER_IDEMPOTENT_COMMIT = '1';
    let base = await server.start();
    const cause = '崩溃后重试的案件登记';
    const body = JSON.stringify({
      actCategory: 'penalty',
      origin: 'exOfficio',
      cause,
      field: '文化市场',
      party: { kind: 'organisation', name: '奈曼旗崩溃测试网吧', creditCode: demoCreditCode('150525', 8801) },
    });
    const key = `"${crypto.randomUUID()}"`;
    const post = async (auth: Record<string, string>) =>
      fetch(`${base}/api/v1/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key, ...auth },
        body,
      });

    const auth = await loginOverHttp(base, 'officer', PASSWORD);
    const exited = new Promise<number | null>((r) => server.child!.once('exit', (_code, signal) => r(signal === 'SIGKILL' ? 9 : null)));
    await assert.rejects(post(auth), 'the connection drops: the server died before answering');
    assert.equal(await exited, 9, 'the server was killed by SIGKILL after the commit');

    delete server.env.SANXIANG_TEST_CRASH_AFTER_IDEMPOTENT_COMMIT;
    base = await server.start();
    const auth2 = await loginOverHttp(base, 'officer', PASSWORD); // another session of the same caller
    const retry = await post(auth2);
    assert.equal(retry.status, 201, await retry.clone().text());
    assert.equal(retry.headers.get('idempotent-replayed'), 'true', 'the answer committed before the crash, not a new registration');
    const created = (await retry.json()) as { id: string; number: string; cause: string };
    assert.equal(created.cause, cause);

    const list = (await (await fetch(`${base}/api/v1/cases?q=${encodeURIComponent(cause)}`, { headers: auth2 })).json()) as {
      total: number;
      items: { id: string }[];
    };
    assert.equal(list.total, 1, 'one case, not two');
    assert.equal(list.items[0]!.id, created.id);
    server.child!.kill('SIGTERM');
  });
});
