// Database connection: a PostgreSQL server when DATABASE_URL is set, otherwise embedded PGlite (data in
// SANXIANG_DATA_DIR), served by a process of its own over a Unix socket (platform/pglite-process.mjs), or in this
// process when in memory (tests). One code path on top: Kysely over the `pg` driver in every case.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import type { PGlite } from '@electric-sql/pglite';
import type { DB } from './db.schema.ts';

// `date` columns stay 'YYYY-MM-DD' strings; int8 (bigserial ids, counts) as strings is pg's default.
pg.types.setTypeParser(1082, (v: string) => v);

export type Db = Kysely<DB> | Transaction<DB>;
export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** The embedded instance when it runs in this process (in memory: tests dump templates from it). */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** PGlite data directory, served by a database process of its own; absent or 'memory://' for an in-memory database in this process. */
  dataDir?: string;
  /** Start an in-memory PGlite from a dumped data directory (test template clone). */
  pgliteTemplate?: Blob;
  /** Connections to a PostgreSQL server (PGlite has one session: always one). */
  poolSize?: number;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) return withPool('postgres', new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 }));
  const dataDir = opts.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) return openDatabaseProcess(dataDir);
  // In memory (tests): in this process. Loaded only here: a server on PostgreSQL never pays for the engine's code.
  const [{ PGlite }, { createPgConfig }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/node-postgres'),
  ]);
  const pglite = await PGlite.create(dataDir, opts.pgliteTemplate ? { loadDataDir: opts.pgliteTemplate } : {});
  const database = withPool('pglite', new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig));
  return { ...database, pglite, close: () => database.close().then(() => pglite.close()) };
}

function withPool(engine: Engine, pool: pg.Pool): Database {
  pool.on('error', () => {}); // idle client errors (server restart) must not crash the process
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine, close: () => db.destroy() };
}

/** The embedded database process (platform/pglite-process.mjs) listens on `<socket dir>/.s.PGSQL.<port>`, as PostgreSQL does. */
const SOCKET_PORT = 5432;

const SOCKET_DIR_PREFIX = 'sanxiang-db-';
/** Ours (mkdtemp adds six characters); the server's pid since issue 14, none before. Not the tests' sanxiang-db-test-…. */
const SOCKET_DIR_NAME = new RegExp(`^${SOCKET_DIR_PREFIX}(?:(\\d+)-)?[A-Za-z0-9]{6}$`);
/** In a socket directory: the pids of the server that made it and of its database process. */
const OWNERS_FILE = 'owners';

/** Is a process with this pid running? (One with our own pid is a previous incarnation's: we have not made ours yet.) */
function isAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

/** Does anything accept connections on this Unix socket? ENOENT / ECONNREFUSED: nothing does. */
function socketListening(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const conn = net.connect(socket);
    const done = (live: boolean) => {
      conn.destroy();
      resolve(live);
    };
    conn.setTimeout(1000, () => done(true)); // no answer either way: assume someone is there
    conn
      .once('connect', () => done(true))
      .once('error', (e: NodeJS.ErrnoException) => done(e.code !== 'ENOENT' && e.code !== 'ECONNREFUSED'));
  });
}

/**
 * Remove the socket directories in `tmp` that database processes left behind when they and their server were killed
 * together (kill -9 of the process group, the OOM killer): a directory goes when neither the server that made it nor
 * its database process is alive (named sanxiang-db-<server pid>-XXXXXX, with both pids in `owners`). A directory of
 * an earlier version (sanxiang-db-XXXXXX, no pids) goes only when its socket refuses connections. Never a live one,
 * never another user's. Returns the directories removed.
 */
export async function removeStaleSocketDirs(tmp = os.tmpdir()): Promise<string[]> {
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(tmp);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = SOCKET_DIR_NAME.exec(name);
    if (!m) continue;
    const dir = path.join(tmp, name);
    try {
      const st = fs.lstatSync(dir);
      if (!st.isDirectory() || (process.getuid && st.uid !== process.getuid())) continue;
      if (m[1]) {
        const owners = fs.existsSync(path.join(dir, OWNERS_FILE))
          ? fs.readFileSync(path.join(dir, OWNERS_FILE), 'utf8').trim().split(/\s+/).map(Number)
          : [];
        if ([Number(m[1]), ...owners].some(isAlive)) continue;
      } else {
        const socket = path.join(dir, `.s.PGSQL.${SOCKET_PORT}`);
        if (!fs.existsSync(socket) || (await socketListening(socket))) continue;
      }
      fs.rmSync(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
      // removed meanwhile by its owner, or not ours to read: leave it
    }
  }
  return removed;
}

/**
 * PGlite on a data directory, in a process of its own (see pglite-process.mjs for why), reached over a Unix socket in
 * a private temporary directory with the `pg` driver like a PostgreSQL server. If that process ends while the
 * database is open, this process ends too: a server without its database can only fail every request.
 */
async function openDatabaseProcess(dataDir: string): Promise<Database> {
  await removeStaleSocketDirs();
  // mode 0700: only this user connects; named after this process so that a later start knows whose it was
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), `${SOCKET_DIR_PREFIX}${process.pid}-`));
  const child = fork(fileURLToPath(new URL('./pglite-process.mjs', import.meta.url)), [], {
    execArgv: [], // plain JavaScript: no TypeScript loader, whatever this process runs with
    env: {
      ...process.env,
      SANXIANG_PGLITE_DIR: path.resolve(dataDir),
      SANXIANG_PGLITE_SOCKET: path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  fs.writeFileSync(path.join(socketDir, OWNERS_FILE), `${process.pid} ${child.pid ?? ''}\n`);
  let closing = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('message', (m: { ready?: boolean; error?: string }) => (m.ready ? resolve() : reject(new Error(m.error))));
      child.once('exit', (code) => reject(new Error(`嵌入式数据库进程启动失败（退出码 ${code}）`)));
    });
  } catch (e) {
    child.kill('SIGKILL');
    fs.rmSync(socketDir, { recursive: true, force: true });
    throw e;
  }
  child.once('exit', (code, signal) => {
    if (closing) return;
    console.error(`嵌入式数据库进程意外退出（${signal ?? `退出码 ${code}`}），服务停止。`);
    fs.rmSync(socketDir, { recursive: true, force: true });
    process.exit(1);
  });
  const database = withPool('pglite', new pg.Pool({ host: socketDir, port: SOCKET_PORT, user: 'postgres', database: 'postgres', max: 1 }));
  return {
    ...database,
    async close() {
      await database.close();
      closing = true;
      if (child.connected) child.send({ close: true });
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
      fs.rmSync(socketDir, { recursive: true, force: true });
    },
  };
}

// Every LIKE/ILIKE on user text goes through these two (issue 14: `%` and `_` in a search acted as wildcards).
// Backslash is the default LIKE escape character of PostgreSQL, and so of PGlite; the patterns rely on it.
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (m) => `\\${m}`);

/** A LIKE pattern matching `text` anywhere, with its own % _ \ taken literally. */
export const containsPattern = (text: string) => `%${escapeLike(text)}%`;

/** A LIKE pattern matching values that start with `text`, with its own % _ \ taken literally. */
export const startsWithPattern = (text: string) => `${escapeLike(text)}%`;
