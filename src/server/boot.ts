// Opening the configured database ready for use: connect, migrate, load reference data. Shared by server and CLI.
import path from 'node:path';
import type { Config } from './platform/config.ts';
import { openDatabase, type Database } from './platform/db.ts';
import { migrateToLatest } from './platform/migrate.ts';
import { ensureDivisions } from './modules/registry/reference-data.ts';

export const pgliteDir = (config: Config) => path.join(config.dataDir, 'pglite');

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: pgliteDir(config) });
  try {
    await migrateToLatest(database.db);
    await ensureDivisions(database.db);
  } catch (e) {
    await database.close();
    throw e;
  }
  return database;
}
