// `npm run bench:ingest`: upload a 1 GiB file over HTTP on localhost to our tus endpoint (filesystem store, SHA-256
// while streaming, fdatasync before the answer, evidence row + ledger entry at the end) and, in the same run, to a
// plain @tus/server + @tus/file-store (no hashing, no database, no fsync), alternating (and alternating which goes
// first). Two reference servers store nothing: one only reads and drops the body (the ceiling of the client and the
// loopback connection, which all servers share), one also computes its SHA-256 on a worker thread (the ceiling of any
// server that hashes what it receives, as the issue requires, on this machine; its hash is checked).
//
// Each server is a child process started the way it runs in production: ours compiled (`npm start`: dist/server) on
// an initialised data directory (migrated, demo data loaded — prepared once, copied for each run so every run stores
// the file anew), not in the minutes after creating its database. The upload starts once the server is at rest (it
// has used < 2% CPU for half a second), and RSS is read then ("at rest") and sampled from /proc/<pid>/status every
// 10 ms while the upload runs, the same way for every server; on PGlite the embedded database's own process is
// sampled too and reported beside it (as a PostgreSQL server's processes are not). CPU seconds per GiB are counted
// for the server (all threads) and the client. The client is the same for all: the file read in 1 MiB pieces and
// piped into one PATCH request. Dirty pages are flushed (`sync`) before each upload so that one run's writeback does
// not slow the next. MB/s counts until the PATCH is answered: for us that is when the file is durable and recorded
// as evidence.
// Target: ours ≥ 2× the baseline's MB/s, and RSS < 200 MB.
//   BENCH_DATABASE_URL=postgres://…  our server on that PostgreSQL database instead of PGlite
//   BENCH_LEDGER_SUITE=sm3-sm2       the 国密 suite (SM3 hashed as well as SHA-256)
//   BENCH_RUNS (3), BENCH_INGEST_BYTES (1 GiB)
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { adminQuery, compiledServer } from './support.ts';

const root = path.resolve(import.meta.dirname, '..');
const SIZE = Number(process.env.BENCH_INGEST_BYTES ?? 1024 ** 3);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SUITE = process.env.BENCH_LEDGER_SUITE ?? 'sha256-ed25519';
const PASSWORD = 'Bench-Passw0rd';
const TUS = { 'tus-resumable': '1.0.0' };
const MB = 1e6;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-bench-ingest-'));
process.on('exit', () => fs.rmSync(work, { recursive: true, force: true }));

// On PostgreSQL our server gets a database of its own (never the one BENCH_DATABASE_URL names), dropped at the end.
const serverUrl = process.env.BENCH_DATABASE_URL ?? '';
const benchDbName = `sx_bench_ingest_${process.pid}`;
let benchDbUrl = '';
if (serverUrl) {
  await adminQuery(serverUrl, `create database ${benchDbName} template template0 encoding 'UTF8' locale 'C.UTF-8'`);
  const u = new URL(serverUrl);
  u.pathname = `/${benchDbName}`;
  benchDbUrl = u.toString();
}

/** The test file: random 16 MiB blocks, each different (so no layer can shortcut repeated data); and its SHA-256. */
function makeFile(): { file: string; sha256: string } {
  const file = path.join(work, 'upload.bin');
  const fd = fs.openSync(file, 'w');
  const block = Buffer.alloc(16 * 1024 * 1024);
  const hash = crypto.createHash('sha256');
  for (let written = 0; written < SIZE; written += block.length) {
    crypto.randomFillSync(block);
    const n = Math.min(block.length, SIZE - written);
    fs.writeSync(fd, block, 0, n);
    hash.update(block.subarray(0, n));
  }
  fs.closeSync(fd);
  return { file, sha256: hash.digest('hex') };
}

function rssMb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** The pids of a process's children. */
function childrenOf(pid: number): number[] {
  return fs
    .readdirSync(`/proc/${pid}/task`)
    .flatMap((t) => fs.readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
}

/** CPU seconds (user + system, all threads) the process has used (/proc counts in 1/100 s). */
function cpuSeconds(pid: number): number {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

/** Resolve once the process used < 2% of a CPU over half a second (at most 30 s). */
async function atRest(pid: number): Promise<void> {
  const end = performance.now() + 30_000;
  let before = cpuSeconds(pid);
  while (performance.now() < end) {
    await new Promise((r) => setTimeout(r, 500));
    const now = cpuSeconds(pid);
    if (now - before < 0.01) return;
    before = now;
  }
}

interface Result {
  mbps: number;
  /** RSS at rest before the upload, and its peak while the upload ran. */
  rssBefore: number;
  rssPeak: number;
  /** The process's peak RSS over its whole life (start-up included). */
  hwm: number;
  /** Peak RSS (MB) of the server's child processes during the upload (ours on PGlite: the embedded database), 0 if none. */
  childPeak: number;
  /** CPU seconds per GiB during the upload: the server process (all its threads), and this process (the client). */
  serverCpu: number;
  clientCpu: number;
}

async function waitFor(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child did not start: ${out}`)), 120_000);
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

/** One streaming PATCH of the whole file; resolves with the answer. */
function patchFile(url: string, file: string, headers: Record<string, string>): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'PATCH',
      headers: {
        ...headers,
        ...TUS,
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
        'content-length': String(SIZE),
      },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res));
    });
    req.on('error', reject);
    fs.createReadStream(file, { highWaterMark: 1024 * 1024 }).pipe(req);
  });
}

/** Creation (POST) unless `createPath` is null, then the PATCH, timed, with RSS sampled. */
async function upload(pid: number, base: string, createPath: string | null, file: string, headers: Record<string, string>) {
  let location = `${base}/sink`;
  if (createPath !== null) {
    const created = await fetch(`${base}${createPath}`, { method: 'POST', headers: { ...headers, ...TUS, 'upload-length': String(SIZE) } });
    if (created.status !== 201) throw new Error(`creation failed: ${created.status} ${await created.text()}`);
    location = new URL(created.headers.get('location')!, base).toString();
  }
  spawnSync('sync');
  await atRest(pid);
  const rssBefore = rssMb(pid);
  let rssPeak = rssBefore;
  let childPeak = 0;
  const children = childrenOf(pid);
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, rssMb(pid));
    childPeak = Math.max(
      childPeak,
      children.reduce((sum, c) => sum + rssMb(c), 0),
    );
  }, 10);
  const [cpu0, client0] = [cpuSeconds(pid), process.cpuUsage()];
  const t0 = performance.now();
  const res = await patchFile(location, file, headers);
  const seconds = (performance.now() - t0) / 1000;
  const client = process.cpuUsage(client0);
  const gib = SIZE / 1024 ** 3;
  const [serverCpu, clientCpu] = [(cpuSeconds(pid) - cpu0) / gib, (client.user + client.system) / 1e6 / gib];
  clearInterval(sampler);
  if (res.statusCode !== 204) throw new Error(`PATCH answered ${res.statusCode}`);
  return {
    res,
    mbps: SIZE / MB / seconds,
    rssBefore,
    rssPeak: Math.max(rssPeak, rssMb(pid)),
    hwm: rssMb(pid, 'VmHWM'),
    childPeak,
    serverCpu,
    clientCpu,
  };
}

function ourServer(dataDir: string): ChildProcess {
  return spawn(process.execPath, [serverEntry], {
    env: {
      ...process.env,
      SANXIANG_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      SANXIANG_DEMO_PASSWORD: PASSWORD,
      DATABASE_URL: benchDbUrl,
      SANXIANG_BLOB_STORE: 'fs',
      SANXIANG_LEDGER_SUITE: SUITE,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
const READY = /back office\s+(http:\/\/[^/\s]+)\/admin/;

/** An initialised data directory (database created and migrated, demo data in, ledger key made): first start, then stop. */
async function prepareOurs(): Promise<string> {
  const dir = path.join(work, 'template');
  fs.mkdirSync(dir);
  const child = ourServer(dir);
  try {
    await waitFor(child, READY);
    await atRest(child.pid!);
  } finally {
    await stop(child);
  }
  return dir;
}

async function runOurs(template: string, file: string): Promise<Result> {
  const dataDir = fs.mkdtempSync(path.join(work, 'sanxiang-'));
  fs.cpSync(template, dataDir, { recursive: true });
  const child = ourServer(dataDir);
  try {
    const base = (await waitFor(child, READY))[1]!;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'officer', password: PASSWORD }),
    });
    const auth = {
      cookie: login.headers.get('set-cookie')!.split(';')[0]!,
      'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken,
    };
    const { res, ...result } = await upload(child.pid!, base, '/api/v1/uploads', file, auth);
    const evidence = (await (await fetch(`${base}${res.headers['evidence-location']}`, { headers: auth })).json()) as { size: number };
    if (evidence.size !== SIZE) throw new Error('evidence not recorded');
    return result;
  } finally {
    await stop(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The plain @tus/server, or (`sink`) one of the reference servers that store nothing (see bench/tus-baseline.mjs). */
async function runBaseline(file: string, sink: '' | 'drop' | 'sha256' = ''): Promise<Result> {
  const dir = fs.mkdtempSync(path.join(work, 'tus-'));
  const env = { ...process.env, BASELINE_DIR: dir, BASELINE_SINK: sink };
  const child = spawn(process.execPath, [path.join(root, 'bench/tus-baseline.mjs')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const port = (await waitFor(child, /listening (\d+)/))[1]!;
    const { res, ...result } = await upload(child.pid!, `http://127.0.0.1:${port}`, sink ? null : '/files', file, {});
    if (sink === 'sha256' && res.headers['x-sha256'] !== fileSha256)
      throw new Error(`the hashing reference server answered ${String(res.headers['x-sha256'])}`);
    return result;
  } finally {
    await stop(child);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const serverEntry = compiledServer();
const { file, sha256: fileSha256 } = makeFile();
const engine = process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite';
console.log(
  `ingest of ${(SIZE / 1024 ** 3).toFixed(2)} GiB over HTTP on localhost, ${RUNS} runs each, alternating; our server on ${engine}, ${SUITE} (${os.cpus().length} cores, node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)})\n`,
);
const template = await prepareOurs();
const ours: Result[] = [];
const base: Result[] = [];
const sink: Result[] = [];
const hashOnly: Result[] = [];
const line = (r: Result) => `${r.mbps.toFixed(0).padStart(4)} MB/s, RSS ${r.rssBefore.toFixed(0)} → ${r.rssPeak.toFixed(0)} MB`;
for (let i = 0; i < RUNS; i++) {
  // Alternate which server goes first: a run's page-cache and memory state can favour the one that follows.
  if (i % 2 === 0) {
    ours.push(await runOurs(template, file));
    base.push(await runBaseline(file));
  } else {
    base.push(await runBaseline(file));
    ours.push(await runOurs(template, file));
  }
  sink.push(await runBaseline(file, 'drop'));
  hashOnly.push(await runBaseline(file, 'sha256'));
  console.log(
    `run ${i + 1}: sanxiang ${line(ours[i]!)}   @tus/server ${line(base[i]!)}   drop ${sink[i]!.mbps.toFixed(0)} MB/s   SHA-256 only ${hashOnly[i]!.mbps.toFixed(0)} MB/s   ratio ${(ours[i]!.mbps / base[i]!.mbps).toFixed(2)}×`,
  );
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const max = (xs: number[]) => Math.max(...xs);
const min = (xs: number[]) => Math.min(...xs);
const [o, b, s, hs] = [ours, base, sink, hashOnly].map((rs) => median(rs.map((r) => r.mbps))) as [number, number, number, number];
const peak = max(ours.map((r) => r.rssPeak));
const row = (name: string, rs: Result[]) => {
  const mbps = rs.map((r) => r.mbps);
  return `${name.padEnd(48)} ${median(mbps).toFixed(0).padStart(6)} ${`${min(mbps).toFixed(0)}–${max(mbps).toFixed(0)}`.padStart(10)} ${median(
    rs.map((r) => r.rssBefore),
  )
    .toFixed(0)
    .padStart(9)} ${max(rs.map((r) => r.rssPeak))
    .toFixed(0)
    .padStart(9)} ${max(rs.map((r) => r.rssPeak - r.rssBefore))
    .toFixed(0)
    .padStart(8)} ${max(rs.map((r) => r.hwm))
    .toFixed(0)
    .padStart(11)} ${median(rs.map((r) => r.serverCpu))
    .toFixed(2)
    .padStart(8)} ${median(rs.map((r) => r.clientCpu))
    .toFixed(2)
    .padStart(8)}`;
};
const ratios = ours.map((r, i) => r.mbps / base[i]!.mbps);
console.log(`
${''.padEnd(48)} median      range   RSS at   peak RSS  growth  process peak   server   client
${''.padEnd(48)}   MB/s       MB/s  rest, MB   during    during  incl. start    CPU s/GiB (all threads)
${row(`sanxiang tus (${SUITE === 'sm3-sm2' ? 'SHA-256+SM3' : 'SHA-256'}, fdatasync, fs store, ledger)`, ours)}
${row('@tus/server + @tus/file-store (plain)', base)}
${row('reference: body read and dropped (client ceiling)', sink)}
${row('reference: SHA-256 on a worker, body dropped', hashOnly)}
ratio ${(o / b).toFixed(2)}× of medians, per run ${ratios.map((r) => r.toFixed(2)).join(' / ')} (target ≥ 2×: ${o / b >= 2 ? 'OK' : 'MISSED'}); the client alone reaches ${(s / b).toFixed(2)}× the baseline,
a server that only hashes (stores nothing) ${(hs / b).toFixed(2)}× (per run ${hashOnly.map((r, i) => (r.mbps / base[i]!.mbps).toFixed(2)).join(' / ')}); ours is ${((o / hs) * 100).toFixed(0)}% of that
peak RSS during the upload ${peak.toFixed(0)} MB (target < 200 MB: ${peak < 200 ? 'OK' : 'MISSED'})${engine === 'PGlite' ? `; the embedded database's own process (PGlite) beside it: ${max(ours.map((r) => r.childPeak)).toFixed(0)} MB peak` : ''}`);

if (serverUrl) await adminQuery(serverUrl, `drop database if exists ${benchDbName} with (force)`);
