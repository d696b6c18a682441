// Database connection: a PostgreSQL server when DATABASE_URL is set, otherwise embedded PGlite
// (data in SANXIANG_DATA_DIR). One code path on top: Kysely over the `pg` driver in both cases.
import fs from 'node:fs';
import path from 'node:path';
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
  /** The embedded instance when engine is 'pglite' (e.g. to dump a test template). */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** PGlite data directory; 'memory://' for an in-memory database. */
  dataDir?: string;
  /** Start PGlite from a dumped data directory (test template clone). */
  pgliteTemplate?: Blob;
  poolSize?: number;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    pool.on('error', () => {}); // idle client errors (server restart) must not crash the process
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  // Loaded only here: a server on PostgreSQL never pays for the embedded engine's code.
  const [{ PGlite }, { createPgConfig }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite/node-postgres')]);
  const dataDir = opts.dataDir ?? 'memory://';
  const release = dataDir.startsWith('memory://') ? () => {} : lockDataDir(dataDir);
  const pglite = await PGlite.create(dataDir, opts.pgliteTemplate ? { loadDataDir: opts.pgliteTemplate } : {});
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'pglite',
    pglite,
    async close() {
      await db.destroy();
      await pglite.close();
      release();
    },
  };
}

/**
 * PGlite is a single-process database: two processes opening one data directory would corrupt it.
 * A lock file with the owner's pid keeps a second process (e.g. the CLI while the server runs) out.
 */
function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lock = path.join(dataDir, '..', `${path.basename(dataDir)}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lock, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(lock, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid))
        throw new Error(`嵌入式数据库 ${dataDir} 正被进程 ${pid} 使用（通常是正在运行的服务器）。请先停止它，或设置 DATABASE_URL 使用 PostgreSQL 服务器。`);
      fs.rmSync(lock, { force: true }); // stale lock of a crashed process
    }
  }
  throw new Error(`cannot lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A LIKE pattern matching `text` anywhere, with its own % _ \ taken literally. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
