// Nothing acknowledged is lost from the ledger: a process appends from 16 concurrent writers while its integrator
// builds the tree, and is killed with SIGKILL mid-burst. After a restart every append that was acknowledged (its
// promise resolved, i.e. its commit returned) is in the log once integration has caught up, and the log verifies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describeEachEngine, postgresUrl, withDatabase } from './support/db.ts';
import { openDatabase } from '../src/server/platform/db.ts';
import { migrateToLatest } from '../src/server/platform/migrate.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { LedgerService } from '../src/server/modules/ledger/ledger.service.ts';
import { verifyLedger } from '../src/server/modules/ledger/ledger.verify.ts';

const root = path.resolve(import.meta.dirname, '..');

// The writer process: prints "ack <subject> <ref>" after each acknowledged append.
const WRITER = `
  const { openDatabase } = await import(${JSON.stringify(path.join(root, 'src/server/platform/db.ts'))});
  const { migrateToLatest } = await import(${JSON.stringify(path.join(root, 'src/server/platform/migrate.ts'))});
  const { loadConfig } = await import(${JSON.stringify(path.join(root, 'src/server/platform/config.ts'))});
  const { LedgerService } = await import(${JSON.stringify(path.join(root, 'src/server/modules/ledger/ledger.service.ts'))});
  const config = loadConfig(process.env);
  const database = await openDatabase({ databaseUrl: config.databaseUrl || undefined, dataDir: config.databaseUrl ? undefined : config.dataDir + '/pglite', poolSize: 20 });
  await migrateToLatest(database.db);
  const ledger = await LedgerService.open(database.db, config);
  ledger.start(database.db, { headIntervalMs: 50, onError: (e) => console.error(e) });
  let n = 0;
  console.log('ready');
  await Promise.all(Array.from({ length: 16 }, async (_, w) => {
    for (;;) {
      const subject = 'crash/' + w + '/' + n++;
      const e = { kind: 'test.crash', subject, contentHash: ledger.contentHash(subject), agencyId: null, actor: 'crash' };
      const [r] = w % 2 ? await database.db.transaction().execute((trx) => ledger.append(trx, [e])) : await ledger.append(database.db, [e]);
      process.stdout.write('ack ' + subject + ' ' + r.ref + '\\n');
    }
  }));
`;

describeEachEngine('ledger crash safety (kill -9 during concurrent appends and integration)', (h) => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-ledger-crash-'));
    env = {
      ...process.env,
      SANXIANG_DATA_DIR: dir,
      DATABASE_URL: h.engine === 'postgres' ? withDatabase(postgresUrl(), h.database.name) : '',
    };
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('every acknowledged append is in the log after a restart, and the log verifies', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', WRITER], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: root,
    });
    const acked = new Map<string, number>();
    let out = '';
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    const exited = new Promise((r) => child.once('exit', r));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`writer did not get going: ${err}`)), 30_000);
      child.stdout!.on('data', (d) => {
        out += d;
        const lines = out.split('\n');
        out = lines.pop()!;
        for (const l of lines) {
          const m = /^ack (\S+) (\d+)$/.exec(l);
          if (m) acked.set(m[1]!, Number(m[2]));
        }
        if (acked.size >= 1500) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`writer exited ${code}: ${err}`)));
    });
    child.kill('SIGKILL');
    await exited;
    assert.equal(err, '', 'the writer reported no errors before the kill');

    const config = loadConfig(env);
    const database = await openDatabase({
      databaseUrl: config.databaseUrl || undefined,
      dataDir: config.databaseUrl ? undefined : path.join(dir, 'pglite'),
    });
    try {
      await migrateToLatest(database.db);
      const ledger = await LedgerService.open(database.db, config);
      const integratedAtRestart = await ledger.size(database.db);
      await ledger.settle(database.db);
      const size = await ledger.size(database.db);
      assert.ok(size >= acked.size, `log holds ${size} entries, ${acked.size} were acknowledged`);
      const located = await ledger.locate(database.db, [...acked.values()]);
      const missing = [...acked].filter(([, ref]) => !located.has(ref)).map(([s]) => s);
      assert.deepEqual(missing, [], `${missing.length} acknowledged appends are missing`);
      const subjects = await database.db.selectFrom('ledger_entries').select(['subject', 'queue_id']).execute();
      const bySubject = new Map(subjects.map((r) => [r.subject, Number(r.queue_id)]));
      for (const [s, ref] of acked) assert.equal(bySubject.get(s), ref, s);
      assert.equal(subjects.length, bySubject.size, 'no entry is in the log twice');
      await ledger.signTreeHead(database.db);
      const report = await verifyLedger(database.db, ledger.suite, ledger.origin);
      assert.equal(report.ok, true, JSON.stringify(report.firstDivergence));
      assert.ok(report.treeHeadsChecked >= 1);
      // the kill landed with work in flight: integration was behind or heads were being signed
      assert.ok(integratedAtRestart <= size);
    } finally {
      await database.close();
    }
  });
});
