// Every database test runs on both engines: PGlite always, the PostgreSQL server when TEST_DATABASE_URL (or
// DATABASE_URL) is set. With CI=true a missing server is a failure, never a silent skip.
// Each test file gets its own database: a clone of the migrated PGlite template, or a fresh PostgreSQL database
// created from the migrated template database (scripts/test.ts prepares both templates once per run).
import fs from 'node:fs';
import crypto from 'node:crypto';
import pg from 'pg';
import { describe, before, after } from 'node:test';
import type { Kysely } from 'kysely';
import { openDatabase, type Database, type Engine } from '../../src/server/platform/db.ts';
import type { DB } from '../../src/server/platform/db.schema.ts';
import { migrateToLatest } from '../../src/server/platform/migrate.ts';
import { ensureDivisions } from '../../src/server/modules/registry/reference-data.ts';

export const postgresUrl = () => process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || '';

export function testEngines(): Engine[] {
  if (postgresUrl()) return ['pglite', 'postgres'];
  if (process.env.CI === 'true')
    throw new Error('CI=true but neither TEST_DATABASE_URL nor DATABASE_URL is set: the PostgreSQL half of the suite cannot run');
  return ['pglite'];
}

/** A connection URL for database `name` on the test server. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestDatabase extends Database {
  name: string;
}

export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const template = process.env.SANXIANG_TEST_PGLITE_TEMPLATE;
    const database =
      template && fs.existsSync(template)
        ? await openDatabase({ pgliteTemplate: new Blob([fs.readFileSync(template)]) })
        : await migrated(await openDatabase({}));
    return { ...database, name: 'memory' };
  }
  const name = `sx_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const template = process.env.SANXIANG_TEST_PG_TEMPLATE;
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(
        template
          ? `create database ${name} template ${template}`
          : `create database ${name} template template0 encoding 'UTF8' locale 'C.UTF-8'`,
      );
      break;
    } catch (e) {
      // Two files cloning the template at the same instant: "source database is being accessed by other users".
      if (attempt >= 20 || !/being accessed/.test(String(e))) throw e;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const database = await openDatabase({ databaseUrl: withDatabase(postgresUrl(), name), poolSize: 5 });
  if (!template) await migrated(database);
  return {
    ...database,
    name,
    async close() {
      await database.close();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

async function migrated(database: Database): Promise<Database> {
  await migrateToLatest(database.db);
  await ensureDivisions(database.db);
  return database;
}

export interface EngineHandle {
  engine: Engine;
  /** The database of the current engine (valid inside tests). */
  readonly db: Kysely<DB>;
  readonly database: TestDatabase;
}

/** describe() once per engine, with a fresh database for the block: `[pglite] title`, `[postgres] title`. */
export function describeEachEngine(title: string, fn: (h: EngineHandle) => void): void {
  for (const engine of testEngines()) {
    describe(`[${engine}] ${title}`, () => {
      let database: TestDatabase | undefined;
      before(async () => {
        database = await createTestDatabase(engine);
      });
      after(async () => {
        await database?.close();
      });
      fn({
        engine,
        get db() {
          if (!database) throw new Error('database not ready');
          return database.db;
        },
        get database() {
          if (!database) throw new Error('database not ready');
          return database;
        },
      });
    });
  }
}
