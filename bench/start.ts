// `npm run bench:start`: how long until `npm start`'s server answers /api/v1/health on PGlite, against the
// issue's target of 10 s. Cold = empty data directory (initdb, migrations, demo data); warm = existing data.
// The server runs as `npm start` runs it, compiled (dist/server), built first when out of date (the build itself is
// not part of the start time).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { compiledServer } from './support.ts';

const TARGET_MS = 10_000;
const runs = Number(process.env.BENCH_RUNS ?? 3);
const serverEntry = compiledServer();

async function startOnce(dataDir: string): Promise<number> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const t0 = performance.now();
  const child = spawn(process.execPath, [serverEntry], {
    env: {
      ...process.env,
      SANXIANG_DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'silent',
      SANXIANG_DEMO_PASSWORD: 'Bench-Passw0rd',
      DATABASE_URL: '',
    },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (performance.now() - t0 > 60_000) throw new Error('server did not become ready within 60 s');
      try {
        const r = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
        if (r.ok) return performance.now() - t0;
      } catch {}
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

const rows: { kind: string; ms: number }[] = [];
for (let i = 0; i < runs; i++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-bench-'));
  rows.push({ kind: 'cold (empty data dir)', ms: await startOnce(dir) });
  rows.push({ kind: 'warm (existing data)', ms: await startOnce(dir) });
  fs.rmSync(dir, { recursive: true, force: true });
}
const summary = (kind: string) => {
  const ms = rows
    .filter((r) => r.kind === kind)
    .map((r) => r.ms)
    .sort((a, b) => a - b);
  return { kind, runs: ms.length, median: ms[Math.floor(ms.length / 2)]!, max: ms[ms.length - 1]! };
};
console.log(`start-to-ready on PGlite (${os.cpus().length} cores, node ${process.version}); target ${TARGET_MS} ms\n`);
console.log('kind                     runs   median ms   max ms   vs target');
for (const s of [summary('cold (empty data dir)'), summary('warm (existing data)')]) {
  console.log(
    `${s.kind.padEnd(24)} ${String(s.runs).padStart(4)} ${s.median.toFixed(0).padStart(11)} ${s.max.toFixed(0).padStart(8)}   ${((s.max / TARGET_MS) * 100).toFixed(0)}% of target ${s.max <= TARGET_MS ? 'OK' : 'OVER'}`,
  );
}
