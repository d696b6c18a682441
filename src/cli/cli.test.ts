// The operator CLI against a real database: PGlite in a data directory, and the PostgreSQL server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync, spawn } from 'node:child_process';
import { describeEachEngine, postgresUrl, withDatabase } from '../../test/support/db.ts';
import { sql } from 'kysely';
import { openDatabase } from '../server/platform/db.ts';
import { LedgerService } from '../server/modules/ledger/ledger.service.ts';
import { testConfig } from '../../test/support/app.ts';

const bin = path.resolve(import.meta.dirname, '../../bin/sanxiang.js');

describeEachEngine('sanxiang CLI', (h) => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-cli-'));
    env = { ...process.env, SANXIANG_DATA_DIR: dir, SANXIANG_DEMO_PASSWORD: 'Cli-Demo-Passw0rd', DATABASE_URL: '' };
    // PostgreSQL: the CLI works on this file's test database while the test holds connections to it
    if (h.engine === 'postgres') env.DATABASE_URL = withDatabase(postgresUrl(), h.database.name);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 60_000 });

  test('migrate, seed-demo, then create the first administrator and a token', () => {
    assert.equal(cli('migrate').status, 0);
    const seeded = cli('seed-demo');
    assert.equal(seeded.status, 0, seeded.stderr);
    assert.match(seeded.stdout, /演示数据已载入|演示数据已存在/);
    if (/演示数据已载入/.test(seeded.stdout)) assert.match(seeded.stdout, /演示案件已登记：11 件/);
    const user = cli('user', 'create', '--username', 'ops.admin', '--password', 'Ops-Passw0rd!', '--role', 'administrator');
    assert.equal(user.status, 0, user.stderr);
    assert.match(user.stdout, /已创建用户 ops\.admin/);
    const officer = cli(
      'user',
      'create',
      '--username',
      'ops.officer',
      '--password',
      'Ops-Passw0rd!',
      '--role',
      'officer',
      '--agency',
      h.engine === 'postgres' ? '' : '',
    );
    assert.notEqual(officer.status, 0, 'officer without an agency is refused');
    assert.match(officer.stderr, /INVALID_ROLE_BINDING|VALIDATION_FAILED/);
    const token = cli('token', 'create', '--username', 'ops.admin', '--name', '脚本');
    assert.equal(token.status, 0, token.stderr);
    assert.match(token.stdout.trim(), /^sx_[A-Za-z0-9_-]{43}$/);
  });

  test('bad input: unknown role, weak password, unknown command', () => {
    const role = cli('user', 'create', '--username', 'x.y', '--password', 'Ops-Passw0rd!', '--role', 'king');
    assert.equal(role.status, 1);
    assert.match(role.stderr, /未知角色/);
    const weak = cli('user', 'create', '--username', 'x.z', '--password', 'weak', '--role', 'administrator');
    assert.equal(weak.status, 1);
    assert.match(weak.stderr, /WEAK_PASSWORD/);
    assert.equal(cli('frobnicate').status, 2);
  });

  test('calendar import loads a schedule file and rejects a broken one', () => {
    const file = path.join(dir, '2027.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        year: 2027,
        notice: '测试用通知〔2026〕2号',
        title: '测试用：2027年安排',
        holidays: [{ name: '元旦', start: '2027-01-01', end: '2027-01-03' }],
        adjustedWorkdays: [],
      }),
    );
    const ok = cli('calendar', 'import', file);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /已加载 2027 年/);
    fs.writeFileSync(file, '{"year": 2027,');
    const bad = cli('calendar', 'import', file);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /INVALID_SCHEDULE/);
  });

  test('ledger verify: passes on an intact log, exits 1 naming the first divergence after tampering', async () => {
    if (h.engine === 'pglite') {
      // the CLI opens its own PGlite data directory here: a log that has not been created yet
      const r = cli('ledger', 'verify');
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /账本尚未建立|账本校验通过/);
      return;
    }
    const ledger = await LedgerService.open(h.db, testConfig());
    await ledger.settle(h.db);
    const before = await ledger.size(h.db); // seed-demo's demo cases are in the log already
    await ledger.append(
      h.db,
      Array.from({ length: 25 }, (_, i) => ({
        kind: 'test.entry',
        subject: `s/${i}`,
        contentHash: ledger.contentHash(String(i)),
        agencyId: null,
        actor: 'tester',
      })),
    );
    await ledger.settle(h.db);
    await ledger.signTreeHead(h.db);
    const ok = cli('ledger', 'verify');
    assert.equal(ok.status, 0, ok.stderr);
    const heads = Number((await sql<{ n: string }>`select count(*) as n from ledger_tree_heads`.execute(h.db)).rows[0]!.n);
    assert.match(ok.stdout, new RegExp(`账本校验通过.*，${before + 25} 条目.*，${heads} 个签名树头`));
    await sql`alter table ledger_nodes disable trigger ledger_nodes_append_only`.execute(h.db);
    await sql`update ledger_nodes set hash = sha256(hash) where level = 1 and idx = 3`.execute(h.db);
    await sql`alter table ledger_nodes enable trigger ledger_nodes_append_only`.execute(h.db);
    const bad = cli('ledger', 'verify');
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /账本校验失败：第一处不一致在 node 1\/3/);
  });

  if (h.engine === 'pglite') {
    test('refuses to open the embedded database while another process uses it', async () => {
      // a server-like holder of the data directory
      const holder = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          '-e',
          `
        const { openDatabase } = await import(${JSON.stringify(path.resolve(import.meta.dirname, '../server/platform/db.ts'))});
        await openDatabase({ dataDir: ${JSON.stringify(path.join(dir, 'pglite'))} });
        console.log('holding'); setInterval(() => {}, 1000);`,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      await new Promise<void>((resolve) => holder.stdout!.on('data', (d) => String(d).includes('holding') && resolve()));
      const r = cli('migrate');
      const exited = new Promise((done) => holder.once('exit', done));
      holder.kill('SIGKILL');
      assert.equal(r.status, 1);
      assert.match(r.stderr, /正被进程 \d+ 使用/);
      // after the holder died (kill -9) and was reaped (a zombie's pid still answers), the stale lock is taken over
      await exited;
      assert.equal(cli('migrate').status, 0);
      void openDatabase;
    });
  }
});
