// Nothing acknowledged is lost: kill -9 the server while it is writing, start it again, and every write that was
// answered 201 is there (and the database opens cleanly).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachEngine } from './support/db.ts';
import { loginOverHttp, serverProcess, type ServerProcess } from './support/server.ts';
import { demoCreditCode } from '../src/server/demo/seed-demo.ts';

const PASSWORD = 'Crash-Test-Passw0rd';

describeEachEngine('crash safety (kill -9 during writes)', (h) => {
  let server: ServerProcess;
  before(() => {
    server = serverProcess(h, PASSWORD, 'sanxiang-crash-');
  });
  after(() => server.dispose());

  test('every acknowledged write survives kill -9', async () => {
    let base = await server.start();
    const auth = await loginOverHttp(base, 'admin', PASSWORD);

    const acknowledged: string[] = [];
    let serial = 5000;
    let stop = false;
    const writer = async () => {
      while (!stop) {
        const creditCode = demoCreditCode('150525', serial++);
        try {
          const r = await fetch(`${base}/api/v1/agencies`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...auth },
            body: JSON.stringify({ name: `崩溃测试局${serial}`, creditCode, divisionCode: '150525' }),
          });
          if (r.status === 201) acknowledged.push(creditCode);
        } catch {
          return; // connection cut by the kill
        }
      }
    };
    const writers = [writer(), writer(), writer(), writer()];
    await new Promise((r) => setTimeout(r, 1500));
    const killed = server.kill9();
    stop = true;
    await Promise.all(writers);
    await killed;
    assert.ok(acknowledged.length >= 5, `only ${acknowledged.length} writes acknowledged before the kill`);

    base = await server.start();
    const auth2 = await loginOverHttp(base, 'admin', PASSWORD);
    const list = (await (await fetch(`${base}/api/v1/agencies?division=150525`, { headers: auth2 })).json()) as {
      items: { creditCode: string }[];
    };
    const present = new Set(list.items.map((a) => a.creditCode));
    const lost = acknowledged.filter((c) => !present.has(c));
    assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.length} acknowledged writes lost`);
    server.child!.kill('SIGTERM');
  });
});
