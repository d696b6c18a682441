// Reference data every deployment needs: the GB/T 2260 divisions shipped in data/divisions.json.
// Idempotent: inserts the codes that are missing, never changes existing rows.
import fs from 'node:fs';
import type { Db } from '../../platform/db.ts';

interface DivisionFile {
  divisions: { code: string; name: string; level: number; parentCode: string | null }[];
}

export async function ensureDivisions(db: Db): Promise<number> {
  const file = JSON.parse(fs.readFileSync(new URL('./data/divisions.json', import.meta.url), 'utf8')) as DivisionFile;
  const rows = [...file.divisions].sort((a, b) => a.level - b.level);
  const result = await db
    .insertInto('divisions')
    .values(rows.map((d) => ({ code: d.code, name: d.name, level: d.level, parent_code: d.parentCode })))
    .onConflict((oc) => oc.column('code').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}
