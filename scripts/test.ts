// `npm test`: the whole suite, every database test on PGlite and (when TEST_DATABASE_URL/DATABASE_URL is set) on
// the PostgreSQL server. Prepares one migrated template per engine so each test file starts from a clone.
// `npm test -- <file-or-dir> ...` runs a subset.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { openDatabase } from '../src/server/platform/db.ts';
import { migrateToLatest } from '../src/server/platform/migrate.ts';
import { ensureDivisions } from '../src/server/modules/registry/reference-data.ts';
import { adminQuery, postgresUrl, testEngines, withDatabase } from '../test/support/db.ts';

const root = path.resolve(import.meta.dirname, '..');
const started = Date.now();

function findTests(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  if (fs.statSync(dir).isFile()) return [dir];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : findTests(p);
    return /\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const args = process.argv.slice(2);
const files = (args.length ? args : ['src', 'test']).flatMap((a) => findTests(path.resolve(root, a))).sort();
if (!files.length) {
  console.error('no test files found');
  process.exit(1);
}

const engines = testEngines();
console.log(
  `# engines: ${engines.join(' + ')}${postgresUrl() ? ` (PostgreSQL at ${new URL(postgresUrl()).host})` : ' (set TEST_DATABASE_URL to run on a PostgreSQL server too)'}`,
);
console.log(`# ${files.length} test files`);

// PGlite template: migrated once, dumped, loaded by every test file.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-test-'));
const pgliteTemplate = path.join(tmp, 'pglite-template.tar');
{
  const t0 = Date.now();
  const database = await openDatabase({});
  await migrateToLatest(database.db);
  await ensureDivisions(database.db);
  const dump = await database.pglite!.dumpDataDir('none');
  fs.writeFileSync(pgliteTemplate, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  console.log(`# PGlite template ready in ${Date.now() - t0} ms`);
}

// PostgreSQL template database (UTF-8 ctype so Chinese text search works the same as on PGlite).
let pgTemplate = '';
if (engines.includes('postgres')) {
  const t0 = Date.now();
  await dropStaleDatabases();
  pgTemplate = `sx_tpl_${process.pid}`;
  await adminQuery(`create database ${pgTemplate} template template0 encoding 'UTF8' locale 'C.UTF-8'`);
  const database = await openDatabase({ databaseUrl: withDatabase(postgresUrl(), pgTemplate), poolSize: 1 });
  await migrateToLatest(database.db);
  await ensureDivisions(database.db);
  await database.close();
  console.log(`# PostgreSQL template ${pgTemplate} ready in ${Date.now() - t0} ms`);
}

// Browser tests need the built web app, and tests that start the server as a process run it as `npm start` does
// (compiled, dist/server); both are rebuilt only when their sources changed.
{
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/ensure-build.mjs')], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// Test files run this many at a time: most wait on a database server, a browser or a child process for much of
// their time, so one file more than there are cores keeps the cores busy (whole suite on 2 cores: 1,118 s with 2 at
// a time, 988 s with 3). SANXIANG_TEST_CONCURRENCY overrides.
const concurrency = Number(process.env.SANXIANG_TEST_CONCURRENCY) || Math.max(2, os.availableParallelism()) + 1;
const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${concurrency}`,
    // the usual output (spec in a terminal, TAP otherwise), and the ten slowest files at the end (on stderr)
    `--test-reporter=${process.stdout.isTTY ? 'spec' : 'tap'}`,
    '--test-reporter-destination=stdout',
    `--test-reporter=${path.join(root, 'scripts/slowest-files.mjs')}`,
    '--test-reporter-destination=stderr',
    ...files,
  ],
  {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, SANXIANG_TEST_PGLITE_TEMPLATE: pgliteTemplate, SANXIANG_TEST_PG_TEMPLATE: pgTemplate, NODE_ENV: 'test' },
  },
);
const code: number = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));

if (pgTemplate) await adminQuery(`drop database if exists ${pgTemplate} with (force)`).catch(() => {});
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`# engines ran: ${engines.join(' + ')}; total ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(code);

/** Databases left behind by test runs that were killed. */
async function dropStaleDatabases() {
  const pgm = (await import('pg')).default;
  const client = new pgm.Client({ connectionString: postgresUrl() });
  await client.connect();
  const { rows } = await client.query<{ datname: string }>(`select datname from pg_database where datname ~ '^sx_(tpl|test)_[0-9]+'`);
  await client.end();
  for (const { datname } of rows) {
    const pid = Number(/^sx_(?:tpl|test)_(\d+)/.exec(datname)![1]);
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {}
    if (!alive) await adminQuery(`drop database if exists ${datname} with (force)`).catch(() => {});
  }
}
