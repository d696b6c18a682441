// Reference data every deployment needs: the GB/T 2260 divisions shipped in data/divisions.json.
// Idempotent: inserts the codes that are missing, never changes existing rows.
import fs from 'node:fs';
import type { Db } from '../../platform/db.ts';
import { insertMissingDivisions } from './registry.repo.ts';

interface DivisionFile {
  divisions: { code: string; name: string; level: number; parentCode: string | null }[];
}

export async function ensureDivisions(db: Db): Promise<number> {
  const file = JSON.parse(fs.readFileSync(new URL('./data/divisions.json', import.meta.url), 'utf8')) as DivisionFile;
  const rows = [...file.divisions].sort((a, b) => a.level - b.level);
  return insertMissingDivisions(db, rows);
}
