// `npm run bench:ingest`: upload a 1 GiB file over HTTP on localhost to our tus endpoint (filesystem store, SHA-256
// while streaming, evidence row + ledger entry at the end) and, in the same run, to a plain @tus/server +
// @tus/file-store (no hashing, no database, no fsync). Each server is a child process; its RSS is sampled from
// /proc/<pid>/status while the upload runs. Dirty pages are flushed (`sync`) before each run so that one run's
// writeback does not slow the next. MB/s counts until the PATCH is answered: for us that is when the file is
// durable (fsync'ed) and recorded as evidence. Target: ours ≥ 2× the baseline's MB/s, and RSS < 200 MB.
// BENCH_DATABASE_URL=postgres://… runs our server on that PostgreSQL database instead of PGlite.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

const root = path.resolve(import.meta.dirname, '..');
const SIZE = Number(process.env.BENCH_INGEST_BYTES ?? 1024 ** 3);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PASSWORD = 'Bench-Passw0rd';
const TUS = { 'tus-resumable': '1.0.0' };
const MB = 1e6;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-bench-ingest-'));
process.on('exit', () => fs.rmSync(work, { recursive: true, force: true }));

/** The test file: random 16 MiB blocks, each different (so no layer can shortcut repeated data). */
function makeFile(): string {
  const file = path.join(work, 'upload.bin');
  const fd = fs.openSync(file, 'w');
  const block = Buffer.alloc(16 * 1024 * 1024);
  for (let written = 0; written < SIZE; written += block.length) {
    crypto.randomFillSync(block);
    fs.writeSync(fd, block, 0, Math.min(block.length, SIZE - written));
  }
  fs.closeSync(fd);
  return file;
}

function rssMb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

interface Result {
  mbps: number;
  /** RSS when the upload started, and its peak while the upload ran. */
  rssBefore: number;
  rssPeak: number;
  /** The process's peak RSS over its whole life (start-up included). */
  hwm: number;
}

async function waitFor(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = pattern.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.stderr!.on('data', (d) => (out += d));
    child.once('exit', (code) => reject(new Error(`child exited ${code}: ${out}`)));
  });
}

async function stop(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** POST (creation) then one streaming PATCH of the whole file; resolves with the PATCH's answer. */
function patchFile(url: string, file: string, headers: Record<string, string>): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'PATCH',
      headers: { ...headers, ...TUS, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream', 'content-length': String(SIZE) },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res));
    });
    req.on('error', reject);
    fs.createReadStream(file, { highWaterMark: 1024 * 1024 }).pipe(req);
  });
}

async function upload(pid: number, base: string, createPath: string, file: string, headers: Record<string, string>) {
  const created = await fetch(`${base}${createPath}`, { method: 'POST', headers: { ...headers, ...TUS, 'upload-length': String(SIZE) } });
  if (created.status !== 201) throw new Error(`creation failed: ${created.status} ${await created.text()}`);
  const location = new URL(created.headers.get('location')!, base).toString();
  spawnSync('sync');
  const rssBefore = rssMb(pid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(pid))), 10);
  const t0 = performance.now();
  const res = await patchFile(location, file, headers);
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  if (res.statusCode !== 204) throw new Error(`PATCH answered ${res.statusCode}`);
  return { res, mbps: SIZE / MB / seconds, rssBefore, rssPeak: Math.max(rssPeak, rssMb(pid)), hwm: rssMb(pid, 'VmHWM') };
}

async function runOurs(file: string): Promise<Result> {
  const dataDir = fs.mkdtempSync(path.join(work, 'sanxiang-'));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/server/main.ts')], {
    env: {
      ...process.env, SANXIANG_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', SANXIANG_DEMO_PASSWORD: PASSWORD,
      DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '', SANXIANG_BLOB_STORE: 'fs', SANXIANG_LEDGER_SUITE: 'sha256-ed25519',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const base = (await waitFor(child, /back office\s+(http:\/\/[^/\s]+)\/admin/))[1]!;
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'officer', password: PASSWORD }) });
    const auth = { cookie: login.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken };
    const { res, ...result } = await upload(child.pid!, base, '/api/v1/uploads', file, auth);
    const evidence = (await (await fetch(`${base}${res.headers['evidence-location']}`, { headers: auth })).json()) as { size: number };
    if (evidence.size !== SIZE) throw new Error('evidence not recorded');
    return result;
  } finally {
    await stop(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runBaseline(file: string): Promise<Result> {
  const dir = fs.mkdtempSync(path.join(work, 'tus-'));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/tus-baseline.ts')], { env: { ...process.env, BASELINE_DIR: dir }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const port = (await waitFor(child, /listening (\d+)/))[1]!;
    const { res: _res, ...result } = await upload(child.pid!, `http://127.0.0.1:${port}`, '/files', file, {});
    return result;
  } finally {
    await stop(child);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const file = makeFile();
const engine = process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite';
console.log(`ingest of ${(SIZE / 1024 ** 3).toFixed(2)} GiB over HTTP on localhost, ${RUNS} runs each, alternating; our server on ${engine} (${os.cpus().length} cores, node ${process.version})\n`);
const ours: Result[] = [];
const base: Result[] = [];
const line = (r: Result) => `${r.mbps.toFixed(0).padStart(4)} MB/s, RSS ${r.rssBefore.toFixed(0)} → peak ${r.rssPeak.toFixed(0)} MB`;
for (let i = 0; i < RUNS; i++) {
  ours.push(await runOurs(file));
  base.push(await runBaseline(file));
  console.log(`run ${i + 1}: sanxiang ${line(ours[i]!)}   @tus/server ${line(base[i]!)}`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const max = (xs: number[]) => Math.max(...xs);
const [o, b] = [median(ours.map((r) => r.mbps)), median(base.map((r) => r.mbps))];
const peak = max(ours.map((r) => r.rssPeak));
const growth = max(ours.map((r) => r.rssPeak - r.rssBefore));
const row = (name: string, rs: Result[], mbps: number) =>
  `${name.padEnd(46)} ${mbps.toFixed(0).padStart(6)} ${max(rs.map((r) => r.rssPeak)).toFixed(0).padStart(12)} ${max(rs.map((r) => r.rssPeak - r.rssBefore)).toFixed(0).padStart(11)} ${max(rs.map((r) => r.hwm)).toFixed(0).padStart(13)}`;
console.log(`
${''.padEnd(46)} median   peak RSS   RSS growth   process peak
${''.padEnd(46)}   MB/s   during, MB   during, MB   incl. start, MB
${row('sanxiang tus (SHA-256, fsync, fs store, ledger)', ours, o)}
${row('@tus/server + @tus/file-store (plain)', base, b)}
ratio ${(o / b).toFixed(2)}× (target ≥ 2×: ${o / b >= 2 ? 'OK' : 'MISSED'}); peak RSS during the upload ${peak.toFixed(0)} MB, growth ${growth.toFixed(0)} MB (target < 200 MB: ${peak < 200 ? 'OK' : 'MISSED'})`);
