// `npm run bench:cases`: case handling at 100,000 cases × 20 acts (issue: full-process recording at scale).
//  1. Recording acts through the service layer (`openCase` / `recordAct` with a real context, the real LedgerService
//     and its background integrator), measured on a database already at full size: acts/s and latency p50/p95/max.
//     PGlite with one writer (a single connection); PostgreSQL with one writer (uncontended latency) and then with
//     BENCH_CONCURRENCY concurrent writers (default 12), half the sample each.
//  2. The to-do list (`listTodos`) at full size for the busiest officer, a median officer, the unit head and the
//     agency head of the largest agency: p50/p95/max over BENCH_TODO_CALLS calls; target p95 < 100 ms.
// Recording 2,000,000 acts through the service would take hours on a small machine, so the database is first filled
// to size with set-based SQL producing rows of the same shape (cases with their projection, case_acts in time order
// with content, officer checks, canonical text and content hash, evidence rows for AV acts, AV exceptions), then the
// measured sample is recorded through the service on top of it. Every case, bulk or service-recorded, follows the
// same act plan (see `planActs`): the service sample refusing none of its acts is the check that the plan is legal.
// Bulk-filled acts differ from service-recorded ones in three ways, stated in the output: they have no ledger entry
// (ledger_ref 0), no audit rows, and their canonical text is PostgreSQL's jsonb text of the same fields rather than
// RFC 8785 bytes. Neither the recording path nor the to-do list reads any of these.
//
// Engines: PGlite on disk (always) and the PostgreSQL server when BENCH_DATABASE_URL or DATABASE_URL is set (a
// dedicated database sx_bench_cases_<pid> is created with locale C.UTF-8 and dropped at the end).
// Env: BENCH_CASES (100000) · BENCH_ACTS_PER_CASE (20, mean) · BENCH_SAMPLE_CASES (300 ≈ 6,000 acts through the service)
//      BENCH_CONCURRENCY (12, PostgreSQL writers in the second half) · BENCH_AGENCIES (20) · BENCH_OFFICERS (400, over all agencies)
//      BENCH_TODO_CALLS (200) · BENCH_ENGINES (pglite,postgres) · BENCH_QUICK=1 (5,000 cases: a ~1-minute smoke run)
//
// The parts: bench/cases/config.ts (settings) · data.ts (deterministic data) · plan.ts (the act plan) · setup.ts
// (agencies, officers, case specs) · bulk-fill.ts (set-based SQL) · sample.ts (through the service) · todos.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/server/platform/db.ts';
import { migrateToLatest } from '../src/server/platform/migrate.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { PolicyService } from '../src/server/platform/policy/policy.service.ts';
import { CalendarService } from '../src/server/platform/calendar/calendar.service.ts';
import { seedDemo } from '../src/server/demo/seed-demo.ts';
import { LedgerService } from '../src/server/modules/ledger/ledger.service.ts';
import type { CaseDeps } from '../src/server/modules/cases/case.service.ts';
import { connectModules } from '../src/server/app.ts';
import { EventBus } from '../src/server/platform/events.ts';
import { TodoBoard } from '../src/server/platform/todo.ts';
import { adminQuery as adminQueryOn } from './support.ts';
import {
  ACTS_PER_CASE,
  AGENCIES,
  CASES,
  CONCURRENCY,
  ENGINES,
  OFFICERS,
  QUICK,
  SAMPLE_CASES,
  serverUrl,
  TARGET_TODO_P95_MS,
  tmp,
  TODO_CALLS,
} from './cases/config.ts';
import { reseed } from './cases/data.ts';
import { makeSpecs, setup } from './cases/setup.ts';
import { bulkFill } from './cases/bulk-fill.ts';
import { serviceSample, shapeCheck } from './cases/sample.ts';
import { measureTodos, todoActors } from './cases/todos.ts';

const loadavg = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

// ---- one engine ----------------------------------------------------------------------------------------------------

const adminQuery = (q: string) => adminQueryOn(serverUrl, q);

async function run(engine: 'pglite' | 'postgres') {
  let database: Database;
  let drop: () => Promise<unknown>;
  let where: string;
  if (engine === 'pglite') {
    const dir = path.join(tmp, 'pglite');
    database = await openDatabase({ dataDir: dir }); // on disk, as in production
    where = dir;
    drop = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `sx_bench_cases_${process.pid}`;
    await adminQuery(`create database ${name} template template0 encoding 'UTF8' locale 'C.UTF-8'`);
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: u.toString(), poolSize: CONCURRENCY + 4 });
    where = `${u.host}/${name}`;
    drop = () => adminQuery(`drop database if exists ${name} with (force)`);
  }
  const db = database.db;
  console.log(`\n== ${engine} (${where}); load average ${loadavg()}`);
  try {
    await migrateToLatest(database.db);
    await seedDemo(database.db, 'Bench-Passw0rd-1');
    const config = loadConfig({ SANXIANG_DATA_DIR: path.join(tmp, `data-${engine}`), SANXIANG_SEED_DEMO: 'false' } as NodeJS.ProcessEnv);
    const policies = new PolicyService(config.policyId);
    reseed(); // the same data on both engines
    let t = performance.now();
    const agencies = await setup(db, policies);
    console.log(
      `  setup: ${agencies.length} agencies, ${agencies.reduce((n, a) => n + a.officers.length, 0)} officers with published certificates (record service: draft + second-person approval) — ${((performance.now() - t) / 1000).toFixed(0)} s`,
    );
    const specs = makeSpecs(agencies, Date.now());
    const sample = specs.slice(0, SAMPLE_CASES);
    const bulkSpecs = specs.slice(SAMPLE_CASES);
    console.log(
      `  bulk fill: ${bulkSpecs.length.toLocaleString('en')} cases with ${bulkSpecs.reduce((n, s) => n + s.n, 0).toLocaleString('en')} acts (set-based SQL)…`,
    );
    const bulk = await bulkFill(db, bulkSpecs, agencies);
    console.log(`  bulk fill done in ${bulk.seconds.toFixed(0)} s`);

    const ledger = await LedgerService.open(database.db, config);
    let ledgerErrors = 0;
    ledger.start(database.db, {
      headIntervalMs: config.treeHeadIntervalMs,
      onError: (e) => {
        ledgerErrors++;
        console.error(e);
      },
    });
    const events = new EventBus();
    const deps: CaseDeps = { ledger, policies, calendar: new CalendarService(), events };
    connectModules({ ...deps, events, todos: new TodoBoard() }); // as the app: a decision's disclosure record follows it
    // PGlite has one connection: one writer. PostgreSQL: half the sample with one writer, half with CONCURRENCY.
    const half = Math.ceil(sample.length / 2);
    const phases =
      engine === 'pglite'
        ? [{ writers: 1, specs: sample }]
        : [
            { writers: 1, specs: sample.slice(0, half) },
            { writers: CONCURRENCY, specs: sample.slice(half) },
          ];
    const svc = [];
    for (const ph of phases) {
      console.log(
        `  service sample: ${ph.specs.length} cases with ${ph.specs.reduce((n, s) => n + s.n, 0).toLocaleString('en')} acts through openCase/recordAct, ${ph.writers} concurrent writer${ph.writers > 1 ? 's' : ''}…`,
      );
      const r = await serviceSample(db, deps, ph.specs, ph.writers);
      console.log(
        `    ${r.acts} acts in ${r.seconds.toFixed(1)} s: ${(r.acts / r.seconds).toFixed(0)} acts/s; recordAct p50 ${r.act.p50.toFixed(1)} ms, p95 ${r.act.p95.toFixed(1)} ms (load average ${loadavg()})`,
      );
      svc.push({ writers: ph.writers, ...r });
    }
    t = performance.now();
    await ledger.stop(); // integrates what is still queued
    const settleSeconds = (performance.now() - t) / 1000;
    if (ledgerErrors) throw new Error(`${ledgerErrors} ledger integration errors`);
    const shape = await shapeCheck(db, deps, bulk.byStage);
    await ledger.settle(database.db);
    console.log(`  ledger: everything integrated ${settleSeconds.toFixed(1)} s after the last act`);
    console.log(
      `  shape check: the service read ${shape.read} bulk cases (one per stage) and recorded ${shape.recorded} further acts on them — OK`,
    );
    await sql`analyze`.execute(db);

    const totals = (
      await sql<{
        cases: string;
        acts: string;
      }>`select (select count(*) from cases) as cases, (select count(*) from case_acts) as acts`.execute(db)
    ).rows[0]!;
    const size = (await sql<{ mb: string }>`select pg_database_size(current_database()) / 1048576 as mb`.execute(db)).rows[0]!.mb;
    const actors = await todoActors(db, agencies);
    console.log(
      `  database: ${Number(totals.cases).toLocaleString('en')} cases, ${Number(totals.acts).toLocaleString('en')} acts, ${Number(size).toLocaleString('en')} MB; cases per officer min ${actors.spread.min} / median ${actors.spread.median} / max ${actors.spread.max}`,
    );
    const todos = [];
    for (const x of actors.list) {
      const r = await measureTodos(db, x.who, x.actor, x.scope);
      todos.push(r);
      console.log(
        `  to-do ${r.who}: ${r.items} items; p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms (load average ${loadavg()})`,
      );
      console.log(
        `    completeness: ${r.caseItems} case to-dos listed of ${r.due} due in scope${r.caseItems >= r.due ? ' — complete' : r.truncated ? ` — the ${r.caseItems} most urgent listed, the reply says ${r.casesWithTodos} cases have to-dos (truncated)` : ` — MISSING ${r.due - r.caseItems} due to-dos`}`,
      );
      for (const b of r.breakdown)
        console.log(`      ${b.ms.toFixed(2).padStart(8)} ms  ${b.sql.slice(0, 150)}${b.sql.length > 150 ? '…' : ''}`);
      if (process.env.BENCH_EXPLAIN) for (const b of r.breakdown) console.log(`\n${b.sql}\n${b.plan}\n`);
    }
    return { engine, bulk, svc, settleSeconds, cases: Number(totals.cases), acts: Number(totals.acts), sizeMb: Number(size), todos };
  } finally {
    await database.close();
    if (process.env.BENCH_KEEP) console.log(`  kept the ${engine} database: ${where}`);
    else await drop();
  }
}

// ---- main ----------------------------------------------------------------------------------------------------------

console.log(
  `case handling benchmark — ${os.cpus().length} cores, node ${process.version}${QUICK ? " — QUICK MODE (smoke run, not the issue's scale)" : ''}`,
);
console.log(
  `${CASES.toLocaleString('en')} cases × ${ACTS_PER_CASE} acts (mean) over ${AGENCIES} agencies and ~${OFFICERS} officers; ${SAMPLE_CASES} of the cases recorded through the service; engines: ${ENGINES.join(', ')}`,
);
const results = [];
try {
  for (const e of ENGINES) results.push(await run(e));
} finally {
  if (!process.env.BENCH_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
}

const f = (x: number, d = 1) => x.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d });
const rows: [string, string, string, string][] = [];
for (const r of results) {
  rows.push([r.engine, `database at measurement: cases / acts / size`, `${f(r.cases, 0)} / ${f(r.acts, 0)} / ${f(r.sizeMb, 0)} MB`, '']);
  rows.push([
    r.engine,
    `bulk fill: ${f(r.bulk.cases, 0)} cases, ${f(r.bulk.acts, 0)} acts, ${f(r.bulk.evidence, 0)} evidence rows`,
    `${f(r.bulk.seconds, 0)} s (${f(r.bulk.acts / r.bulk.seconds, 0)} acts/s)`,
    'set-based SQL, no ledger/audit',
  ]);
  for (const v of r.svc) {
    const w = `${v.writers} writer${v.writers > 1 ? 's' : ''}`;
    rows.push([
      r.engine,
      `recording throughput, ${w} (${v.cases} cases)`,
      `${f(v.acts / v.seconds, 0)} acts/s (${f(v.acts, 0)} acts in ${f(v.seconds)} s)`,
      'service: openCase + recordAct',
    ]);
    rows.push([
      r.engine,
      `recordAct latency p50 / p95 / max, ${w} (n=${v.act.n})`,
      `${f(v.act.p50)} / ${f(v.act.p95)} / ${f(v.act.max)} ms`,
      'service',
    ]);
    rows.push([
      r.engine,
      `openCase latency p50 / p95 / max, ${w} (n=${v.open.n})`,
      `${f(v.open.p50)} / ${f(v.open.p95)} / ${f(v.open.max)} ms`,
      'service',
    ]);
  }
  rows.push([r.engine, `ledger: integration after the last act`, `${f(r.settleSeconds)} s`, 'LedgerService']);
  for (const t of r.todos)
    rows.push([
      r.engine,
      `to-do ${t.who}: ${t.items} items (${t.caseItems} of ${t.due} case to-dos${t.truncated ? `, most urgent; ${t.casesWithTodos} cases flagged` : ''}), p50 / p95 / max`,
      `${f(t.p50)} / ${f(t.p95)} / ${f(t.max)} ms`,
      `listTodos, ${TODO_CALLS} calls — p95 < ${TARGET_TODO_P95_MS} ms ${t.p95 < TARGET_TODO_P95_MS ? 'PASS' : 'MISS'}`,
    ]);
}
const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['engine', 'figure', 'value'][i]!.length));
console.log(`\n${'engine'.padEnd(widths[0]!)}  ${'figure'.padEnd(widths[1]!)}  ${'value'.padEnd(widths[2]!)}  method / target`);
for (const r of rows) console.log(`${r[0].padEnd(widths[0]!)}  ${r[1].padEnd(widths[1]!)}  ${r[2].padEnd(widths[2]!)}  ${r[3]}`);
console.log(`\nload average at the end: ${loadavg()} (1, 5, 15 min)`);
console.log(`\nRecording figures come from the service sample only (recorded on top of the bulk-filled database, i.e. at full size);`);
console.log(
  `the bulk fill is set-based SQL and is not a recording figure. Bulk-filled acts have no ledger entry (ledger_ref 0) and no audit`,
);
console.log(
  `rows, and their canonical text is jsonb text of the same fields, not RFC 8785 bytes; neither recording nor the to-do list reads these.`,
);
console.log(`${os.cpus().length}-core machine; other work may have been running (see the load averages): expect noise.`);
