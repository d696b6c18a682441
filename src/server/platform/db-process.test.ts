// The embedded database's own process (pglite-process.mjs): the PostgreSQL wire protocol on a Unix socket, one
// session at a time, a dropped connection's transaction rolled back, the data directory's lock, and the socket
// directories a kill -9 leaves behind removed at the next start (issue 14).
// The session contract (a connection that drops mid-transaction leaves nothing behind, the next connection starts
// clean) is checked on both engines: on PostgreSQL the server gives it, on PGlite the process must.
import assert from 'node:assert/strict';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { postgresUrl, testEngines, withDatabase, adminQuery } from '../../../test/support/db.ts';
import { removeStaleSocketDirs } from './db.ts';

const ENTRY = path.resolve(import.meta.dirname, 'pglite-process.mjs');

interface Started {
  child: ChildProcess;
  socketDir: string;
  /** Resolves when the process is ready, rejects with its error message. */
  ready: Promise<void>;
}

/** Start the database process on `dataDir` the way platform/db.ts does. */
function startProcess(dataDir: string): Started {
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-db-test-'));
  const child = fork(ENTRY, [], {
    execArgv: [],
    env: { ...process.env, SANXIANG_PGLITE_DIR: dataDir, SANXIANG_PGLITE_SOCKET: path.join(socketDir, '.s.PGSQL.5432') },
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.once('message', (m: { ready?: boolean; error?: string }) => (m.ready ? resolve() : reject(new Error(m.error))));
    child.once('exit', (code) => reject(new Error(`exited ${code}`)));
  });
  ready.catch(() => {});
  child.once('exit', () => fs.rmSync(socketDir, { recursive: true, force: true }));
  return { child, socketDir, ready };
}

async function stopProcess(s: Started) {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  const exited = new Promise((r) => s.child.once('exit', r));
  if (s.child.connected) s.child.send({ close: true });
  else s.child.kill('SIGKILL');
  await exited;
}

const exitedWithin = (pid: number, ms: number) =>
  new Promise<boolean>((resolve) => {
    const end = Date.now() + ms;
    const poll = () => {
      try {
        process.kill(pid, 0);
      } catch {
        return resolve(true);
      }
      if (Date.now() > end) resolve(false);
      else setTimeout(poll, 50);
    };
    poll();
  });

for (const engine of testEngines()) {
  describe(`[${engine}] a dropped connection leaves nothing behind`, () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-db-session-'));
    let started: Started | null = null;
    let config: pg.ClientConfig;
    const dbName = `sx_session_${process.pid}`;

    before(async () => {
      if (engine === 'pglite') {
        started = startProcess(path.join(dataDir, 'pglite'));
        await started.ready;
        config = { host: started.socketDir, port: 5432, user: 'postgres', database: 'postgres' };
      } else {
        await adminQuery(`create database ${dbName}`);
        config = { connectionString: withDatabase(postgresUrl(), dbName) };
      }
      const c = new pg.Client(config);
      await c.connect();
      await c.query('create table t (x int)');
      await c.end();
    });

    after(async () => {
      if (started) await stopProcess(started);
      if (engine === 'postgres') await adminQuery(`drop database if exists ${dbName} with (force)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    test('an open transaction and the session settings of a connection that drops are gone for the next one', async () => {
      const a = new pg.Client(config);
      a.on('error', () => {});
      await a.connect();
      await a.query("set application_name = 'left-behind'");
      await a.query('begin');
      await a.query('insert into t values (1)');
      // the connection drops without COMMIT or Terminate (a crashed or killed client)
      (a as unknown as { connection: { stream: net.Socket } }).connection.stream.destroy();

      const b = new pg.Client(config);
      await b.connect();
      assert.deepEqual((await b.query('select count(*)::int as n from t')).rows, [{ n: 0 }]);
      assert.notEqual((await b.query('show application_name')).rows[0].application_name, 'left-behind');
      await b.query('insert into t values (2)');
      assert.deepEqual((await b.query('select x from t')).rows, [{ x: 2 }]);
      await b.end();
    });
  });
}

describe('[pglite] the embedded database process', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-db-process-'));
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  test('speaks the wire protocol: declines SSL, serves one session at a time, the next connection waits', async () => {
    const s = startProcess(path.join(root, 'one'));
    try {
      await s.ready;
      // SSLRequest (length 8, code 80877103) → 'N' (no encryption on a local socket)
      const answer = await new Promise<string>((resolve, reject) => {
        const sock = net.connect(path.join(s.socketDir, '.s.PGSQL.5432'));
        sock
          .once('data', (d) => {
            resolve(String(d));
            sock.destroy();
          })
          .once('error', reject);
        const req = Buffer.alloc(8);
        req.writeInt32BE(8, 0);
        req.writeInt32BE(80877103, 4);
        sock.write(req);
      });
      assert.equal(answer, 'N');

      const config = { host: s.socketDir, port: 5432, user: 'postgres', database: 'postgres' };
      const a = new pg.Client(config);
      await a.connect();
      await a.query('begin');
      await a.query('create table w (x int)');
      const b = new pg.Client(config);
      let bConnected = false;
      const bReady = b.connect().then(() => (bConnected = true));
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(bConnected, false, 'a second session waits while the first is open (PGlite has one session)');
      await a.query('insert into w values (7)');
      await a.query('commit');
      await a.end();
      await bReady;
      assert.deepEqual((await b.query('select x from w')).rows, [{ x: 7 }]);
      await b.end();
    } finally {
      await stopProcess(s);
    }
  });

  test('the data directory lock: refused while in use, waited for while closing, taken over from a dead owner', async () => {
    const dir = path.join(root, 'locked');
    const first = startProcess(dir);
    await first.ready;
    const lock = `${dir}.lock`;
    assert.equal(Number(fs.readFileSync(lock, 'utf8')), first.child.pid);

    const refused = startProcess(dir);
    await assert.rejects(refused.ready, /正被进程 \d+ 使用/);

    // the first one closes; one that starts meanwhile waits for it instead of giving up
    first.child.send({ close: true });
    const next = startProcess(dir);
    await next.ready;
    assert.equal(Number(fs.readFileSync(lock, 'utf8')), next.child.pid);
    await stopProcess(next);
    assert.equal(fs.existsSync(lock), false, 'a clean close removes the lock');

    // a parent killed with kill -9: its database process closes the database, removes its socket directory and
    // the lock, and exits
    const parent = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `
      import { fork } from 'node:child_process';
      const c = fork(${JSON.stringify(ENTRY)}, [], { execArgv: [], env: { ...process.env, SANXIANG_PGLITE_DIR: ${JSON.stringify(dir)}, SANXIANG_PGLITE_SOCKET: ${JSON.stringify(path.join(root, 'sock', '.s.PGSQL.5432'))} }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      c.on('message', (m) => m.ready && console.log('child ' + c.pid));`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    fs.mkdirSync(path.join(root, 'sock'));
    const childPid = await new Promise<number>((resolve) =>
      parent.stdout!.on('data', (d) => {
        const m = /child (\d+)/.exec(String(d));
        if (m) resolve(Number(m[1]));
      }),
    );
    parent.kill('SIGKILL');
    assert.equal(await exitedWithin(childPid, 15_000), true, 'the database process ends when its parent is gone');
    assert.equal(fs.existsSync(lock), false);
    assert.equal(fs.existsSync(path.join(root, 'sock')), false);

    // a lock left by a process that no longer exists (a kill -9 of the database process itself) is taken over
    fs.writeFileSync(lock, '999999999');
    const later = startProcess(dir);
    await later.ready;
    await stopProcess(later);
  });

  test('a server whose database process dies stops too (exit 1, saying why) rather than failing every request', async () => {
    const db = path.resolve(import.meta.dirname, 'db.ts');
    const server = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `
      const { openDatabase } = await import(${JSON.stringify(db)});
      await openDatabase({ dataDir: ${JSON.stringify(path.join(root, 'dies'))} });
      console.log('open'); setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    server.stderr!.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve) => server.stdout!.on('data', (d) => String(d).includes('open') && resolve()));
    const [databasePid] = fs
      .readdirSync(`/proc/${server.pid}/task`)
      .flatMap((t) => fs.readFileSync(`/proc/${server.pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
    assert.ok(databasePid, 'the database runs in a child process');
    process.kill(databasePid, 'SIGKILL');
    assert.equal(await exited, 1);
    assert.match(stderr, /嵌入式数据库进程意外退出（SIGKILL）/);
  });
  /** A process listening on a Unix socket at `socket`, killed with kill -9 so that the socket file stays. */
  async function staleSocket(socket: string) {
    const p = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(socket)}, () => console.log('up'))`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => p.stdout!.on('data', () => resolve()));
    const gone = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await gone;
    assert.ok(fs.existsSync(socket));
  }

  test('stale socket directories are removed: only those whose server and database process are both gone (issue 14)', async () => {
    const tmp = fs.mkdtempSync(path.join(root, 'tmp-'));
    const sleeper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      const live = sleeper.pid!;
      const make = (name: string, owners?: string) => {
        fs.mkdirSync(path.join(tmp, name));
        fs.writeFileSync(path.join(tmp, name, '.s.PGSQL.5432'), '');
        if (owners !== undefined) fs.writeFileSync(path.join(tmp, name, 'owners'), owners);
      };
      make('sanxiang-db-999999991-aaaaaa', '999999991 999999992'); // both gone: stale
      make('sanxiang-db-999999993-bbbbbb'); // server gone, killed before it wrote its owners: stale
      make(`sanxiang-db-${live}-cccccc`, `${live} 999999994`); // its server is alive
      make('sanxiang-db-999999995-dddddd', `999999995 ${live}`); // its database process is alive (closing)
      make('sanxiang-db-test-eeeeee'); // not a server's socket directory (a test's): never touched
      fs.mkdirSync(path.join(tmp, 'sanxiang-db-ffffff')); // an earlier version's, its socket dead: stale
      await staleSocket(path.join(tmp, 'sanxiang-db-ffffff', '.s.PGSQL.5432'));
      fs.mkdirSync(path.join(tmp, 'sanxiang-db-gggggg')); // an earlier version's, still listening
      const listening = net.createServer().listen(path.join(tmp, 'sanxiang-db-gggggg', '.s.PGSQL.5432'));
      await new Promise((r) => listening.once('listening', r));
      fs.mkdirSync(path.join(tmp, 'sanxiang-db-hhhhhh')); // an earlier version's without a socket (yet): kept

      const removed = (await removeStaleSocketDirs(tmp)).map((d) => path.basename(d)).sort();
      assert.deepEqual(removed, ['sanxiang-db-999999991-aaaaaa', 'sanxiang-db-999999993-bbbbbb', 'sanxiang-db-ffffff']);
      assert.deepEqual(
        fs.readdirSync(tmp).sort(),
        [
          `sanxiang-db-${live}-cccccc`,
          'sanxiang-db-999999995-dddddd',
          'sanxiang-db-gggggg',
          'sanxiang-db-hhhhhh',
          'sanxiang-db-test-eeeeee',
        ].sort(),
      );
      await new Promise((r) => listening.close(r));
    } finally {
      sleeper.kill('SIGKILL');
    }
  });

  test('after a kill -9 of the server and its database process together, the next start removes the socket directory they left (issue 14)', async () => {
    const tmp = fs.mkdtempSync(path.join(root, 'tmp-'));
    // (tsx keeps its cache in the temporary directory too)
    const socketDirs = (names = fs.readdirSync(tmp)) => names.filter((n) => n.startsWith('sanxiang-db-'));
    const db = path.resolve(import.meta.dirname, 'db.ts');
    const script = (then: string) => [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `
      const { openDatabase } = await import(${JSON.stringify(db)});
      const d = await openDatabase({ dataDir: ${JSON.stringify(path.join(root, 'killed'))} });
      ${then}`,
    ];
    // its own process group, so that one kill -9 takes the server and its database process at once
    const server = spawn(process.execPath, script("console.log('open'); setInterval(() => {}, 1000);"), {
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
      env: { ...process.env, TMPDIR: tmp },
    });
    await new Promise<void>((resolve) => server.stdout!.on('data', (d) => String(d).includes('open') && resolve()));
    const [left] = socketDirs();
    assert.match(left!, new RegExp(`^sanxiang-db-${server.pid}-[A-Za-z0-9]{6}$`));
    const [serverPid, databasePid] = fs
      .readFileSync(path.join(tmp, left!, 'owners'), 'utf8')
      .trim()
      .split(' ')
      .map(Number);
    assert.equal(serverPid, server.pid);
    process.kill(-server.pid!, 'SIGKILL');
    assert.equal(await exitedWithin(databasePid!, 15_000), true);
    assert.equal(await exitedWithin(server.pid!, 15_000), true);
    assert.ok(fs.existsSync(path.join(tmp, left!)), 'nobody was left to remove it');

    // the next start cleans it up, and its own directory goes at its clean close
    const next = spawn(
      process.execPath,
      script("console.log(JSON.stringify((await import('node:fs')).readdirSync(process.env.TMPDIR))); await d.close();"),
      { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TMPDIR: tmp } },
    );
    let out = '';
    next.stdout!.on('data', (d) => (out += d));
    assert.equal(await new Promise((r) => next.once('exit', r)), 0);
    const during = socketDirs(JSON.parse(out) as string[]);
    assert.equal(during.length, 1);
    assert.notEqual(during[0], left);
    assert.deepEqual(socketDirs(), []);
  });
});
