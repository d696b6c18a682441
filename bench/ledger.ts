// `npm run bench:ledger`: ledger append throughput and proof latency.
//  1. appends/s with 16 concurrent writers, each append its own durable transaction (the acknowledgement a request
//     gets), the integrator running as in the server; measured until every entry is in the tree, on the PostgreSQL
//     server (TEST_DATABASE_URL / DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres) and on PGlite.
//     Target ≥ 5,000/s on PostgreSQL; named baseline: Tessera's published POSIX figure, ~1,600/s on a small VM.
//  2. inclusion-proof latency at 1,000,000 entries (target p95 < 5 ms), on PostgreSQL.
// Env: BENCH_APPENDS (default 20000), BENCH_PROOF_ENTRIES (default 1000000), BENCH_PROOFS (default 2000).
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Database } from '../src/server/platform/db.ts';
import { migrateToLatest } from '../src/server/platform/migrate.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { LedgerService } from '../src/server/modules/ledger/ledger.service.ts';
import { adminQuery as adminQueryOn } from './support.ts';

const WRITERS = 16;
const APPENDS = Number(process.env.BENCH_APPENDS ?? 20_000);
const PROOF_ENTRIES = Number(process.env.BENCH_PROOF_ENTRIES ?? 1_000_000);
const PROOFS = Number(process.env.BENCH_PROOFS ?? 2000);
const TARGET_PER_S = 5000;
const TESSERA_POSIX_PER_S = 1600;
const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-bench-ledger-'));

const adminQuery = (q: string) => adminQueryOn(serverUrl, q);

async function freshDatabase(engine: 'postgres' | 'pglite'): Promise<Database & { drop(): Promise<void> }> {
  if (engine === 'pglite') {
    const dir = fs.mkdtempSync(path.join(tmp, 'pglite-'));
    const d = await openDatabase({ dataDir: dir }); // on disk, as in production, not in memory
    await migrateToLatest(d.db);
    return { ...d, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `sx_bench_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  await adminQuery(`create database ${name} template template0 encoding 'UTF8' locale 'C.UTF-8'`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const d = await openDatabase({ databaseUrl: u.toString(), poolSize: WRITERS + 4 });
  await migrateToLatest(d.db);
  return { ...d, drop: () => adminQuery(`drop database if exists ${name} with (force)`) };
}

const config = (dir: string) => loadConfig({ SANXIANG_DATA_DIR: dir } as NodeJS.ProcessEnv);
const entry = (ledger: LedgerService, i: number) => ({
  kind: 'bench.entry',
  subject: `case/${i}`,
  contentHash: ledger.contentHash(`content ${i}`),
  agencyId: null,
  actor: 'bench',
});

type Mode = 'standalone' | 'in request transaction';

async function appendThroughput(engine: 'postgres' | 'pglite', mode: Mode) {
  const d = await freshDatabase(engine);
  const ledger = await LedgerService.open(d.db, config(fs.mkdtempSync(path.join(tmp, 'key-'))));
  let errors = 0;
  ledger.start(d.db, { headIntervalMs: 2000, onError: () => errors++ });
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < APPENDS) {
        const i = next++;
        const s = performance.now();
        if (mode === 'standalone')
          await ledger.append(d.db, [entry(ledger, i)]); // resolves after its (group) commit
        // one request's transaction: its record would be written here too; commit = acknowledgement
        else await d.db.transaction().execute((trx) => ledger.append(trx, [entry(ledger, i)]));
        latencies.push(performance.now() - s);
      }
    }),
  );
  const acked = performance.now() - t0;
  while ((await ledger.pendingCount(d.db)) > 0) await new Promise((r) => setTimeout(r, 5));
  const integrated = performance.now() - t0;
  await ledger.stop();
  const size = await ledger.size(d.db);
  if (size !== APPENDS || errors) throw new Error(`${engine}: ${size} of ${APPENDS} integrated, ${errors} errors`);
  await d.close();
  await d.drop();
  latencies.sort((a, b) => a - b);
  return {
    engine,
    mode,
    ackPerS: APPENDS / (acked / 1000),
    endToEndPerS: APPENDS / (integrated / 1000),
    p50: latencies[Math.floor(latencies.length * 0.5)]!,
    p95: latencies[Math.floor(latencies.length * 0.95)]!,
  };
}

async function proofLatency() {
  const d = await freshDatabase('postgres');
  const ledger = await LedgerService.open(d.db, config(fs.mkdtempSync(path.join(tmp, 'key-'))));
  const t0 = performance.now();
  for (let i = 0; i < PROOF_ENTRIES; i += 5000) {
    await ledger.append(
      d.db,
      Array.from({ length: Math.min(5000, PROOF_ENTRIES - i) }, (_, k) => entry(ledger, i + k)),
    );
    await ledger.settle(d.db);
    if ((i / 5000) % 40 === 39) process.stdout.write(`  … ${i + 5000} entries (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
  }
  const build = (performance.now() - t0) / 1000;
  await ledger.signTreeHead(d.db);
  const size = await ledger.size(d.db);
  const ms: number[] = [];
  for (let k = 0; k < PROOFS; k++) {
    const index = Math.floor(Math.random() * size);
    const s = performance.now();
    await ledger.inclusionProof(d.db, index, size);
    ms.push(performance.now() - s);
  }
  await d.close();
  await d.drop();
  ms.sort((a, b) => a - b);
  return { size, build, p50: ms[Math.floor(ms.length * 0.5)]!, p95: ms[Math.floor(ms.length * 0.95)]!, max: ms[ms.length - 1]! };
}

console.log(
  `ledger benchmark — ${os.cpus().length} cores, node ${process.version}, ${WRITERS} concurrent writers, ${APPENDS} appends per engine`,
);
console.log(`PostgreSQL: ${new URL(serverUrl).host} (synchronous_commit on: every acknowledged append is durable)\n`);
const results = [];
for (const engine of ['postgres', 'pglite'] as const)
  for (const mode of ['standalone', 'in request transaction'] as const) results.push(await appendThroughput(engine, mode));
console.log(
  'engine     append mode              acknowledged/s   in tree/s   append p50 ms   p95 ms   vs target 5,000/s   vs Tessera POSIX ~1,600/s',
);
for (const r of results)
  console.log(
    `${r.engine.padEnd(10)} ${r.mode.padEnd(24)} ${r.ackPerS.toFixed(0).padStart(14)} ${r.endToEndPerS.toFixed(0).padStart(11)} ${r.p50.toFixed(2).padStart(15)} ${r.p95.toFixed(2).padStart(8)}   ${(r.endToEndPerS / TARGET_PER_S).toFixed(2).padStart(6)}× ${r.engine === 'postgres' ? (r.endToEndPerS >= TARGET_PER_S ? 'OK  ' : 'BELOW') : '(no target)'}   ${(r.endToEndPerS / TESSERA_POSIX_PER_S).toFixed(2)}×`,
  );
if (PROOF_ENTRIES > 0) {
  console.log(`\nbuilding a ${PROOF_ENTRIES.toLocaleString('en')}-entry log on PostgreSQL for proof latency…`);
  const p = await proofLatency();
  console.log(
    `inclusion proof at ${p.size.toLocaleString('en')} entries (built in ${p.build.toFixed(0)} s): p50 ${p.p50.toFixed(2)} ms, p95 ${p.p95.toFixed(2)} ms, max ${p.max.toFixed(2)} ms over ${PROOFS} random proofs — target p95 < 5 ms ${p.p95 < 5 ? 'OK' : 'OVER'}`,
  );
}
fs.rmSync(tmp, { recursive: true, force: true });
