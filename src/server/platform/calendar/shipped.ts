// The official holiday schedules shipped with the application (data/<year>.json, one per State Council notice).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { yearScheduleSchema, type YearSchedule } from './calendar.schema.ts';

export const SHIPPED_DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));

/** Reads and validates every data/<year>.json; throws if a file is invalid or its name disagrees with its year. */
export function loadShippedSchedules(dir: string = SHIPPED_DATA_DIR): YearSchedule[] {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}\.json$/.test(f))
    .sort();
  return files.map((file) => {
    const path = `${dir.replace(/[\\/]$/, '')}/${file}`;
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new Error(`holiday schedule ${file}: invalid JSON`, { cause: err });
    }
    const parsed = yearScheduleSchema.safeParse(json);
    if (!parsed.success) throw new Error(`holiday schedule ${file}: ${parsed.error.message}`, { cause: parsed.error });
    if (`${parsed.data.year}.json` !== file) throw new Error(`holiday schedule ${file} declares year ${parsed.data.year}`);
    return parsed.data;
  });
}
