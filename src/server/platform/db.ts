// Database connection: a PostgreSQL server when DATABASE_URL is set, otherwise embedded PGlite (data in
// SANXIANG_DATA_DIR), served by a process of its own over a Unix socket (platform/pglite-process.mjs), or in this
// process when in memory (tests). One code path on top: Kysely over the `pg` driver in every case.
import { fork } from 'node:child_process';
import fs from 'node:fs';
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
  const [{ PGlite }, { createPgConfig }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite/node-postgres')]);
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

/**
 * PGlite on a data directory, in a process of its own (see pglite-process.mjs for why), reached over a Unix socket in
 * a private temporary directory with the `pg` driver like a PostgreSQL server. If that process ends while the
 * database is open, this process ends too: a server without its database can only fail every request.
 */
async function openDatabaseProcess(dataDir: string): Promise<Database> {
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-db-')); // mode 0700: only this user connects
  const child = fork(fileURLToPath(new URL('./pglite-process.mjs', import.meta.url)), [], {
    execArgv: [], // plain JavaScript: no TypeScript loader, whatever this process runs with
    env: { ...process.env, SANXIANG_PGLITE_DIR: path.resolve(dataDir), SANXIANG_PGLITE_SOCKET: path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
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
