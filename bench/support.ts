// Shared by the benchmarks: one statement on the PostgreSQL server outside any bench database (create/drop them), the
// bench database of each engine, the app over HTTP, and the compiled server as `npm start` runs it.
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { openDatabase, type Database } from '../src/server/platform/db.ts';

export async function adminQuery(serverUrl: string, q: string): Promise<void> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(q);
  } finally {
    await c.end();
  }
}

/**
 * A bench database: PGlite on disk under `dir`, or a fresh database `name` (UTF-8, locale C.UTF-8, so Chinese search
 * works as on PGlite) on the PostgreSQL server at `serverUrl`. `drop` removes the server database (PGlite's directory
 * is the caller's).
 */
export async function benchDatabase(
  engine: 'pglite' | 'postgres',
  o: { dir: string; serverUrl: string; name: string; poolSize?: number },
): Promise<{ database: Database; drop(): Promise<void> }> {
  if (engine === 'pglite') return { database: await openDatabase({ dataDir: o.dir }), drop: async () => {} };
  await adminQuery(o.serverUrl, `create database ${o.name} template template0 encoding 'UTF8' locale 'C.UTF-8'`);
  const u = new URL(o.serverUrl);
  u.pathname = `/${o.name}`;
  return {
    database: await openDatabase({ databaseUrl: u.toString(), poolSize: o.poolSize }),
    drop: () => adminQuery(o.serverUrl, `drop database if exists ${o.name} with (force)`),
  };
}

/** The app on a bench database, listening on 127.0.0.1 (no demo seeding, no public rate limit, no logs). */
export async function listenApp(database: Database, dataDir: string) {
  const { loadConfig } = await import('../src/server/platform/config.ts');
  const { buildApp } = await import('../src/server/app.ts');
  const config = loadConfig({
    SANXIANG_DATA_DIR: dataDir,
    SANXIANG_PUBLIC_RATE_LIMIT: '100000000',
    LOG_LEVEL: 'silent',
    SANXIANG_SEED_DEMO: 'false',
  } as NodeJS.ProcessEnv);
  const app = await buildApp({ config, database, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, base: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` };
}

/** The compiled server's entry (what `npm start` runs), built first when its sources changed. */
export function compiledServer(): string {
  const root = path.resolve(import.meta.dirname, '..');
  if (spawnSync(process.execPath, [path.join(root, 'scripts/ensure-build.mjs')], { stdio: 'inherit' }).status !== 0) process.exit(1);
  return path.join(root, 'dist/server/main.js');
}
