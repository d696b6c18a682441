// The benchmark's settings (environment variables, see bench/cases.ts) and its scratch directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const QUICK = process.env.BENCH_QUICK === '1';
const env = (name: string, full: number, quick: number) => Number(process.env[name] ?? (QUICK ? quick : full));
export const CASES = env('BENCH_CASES', 100_000, 5_000);
export const ACTS_PER_CASE = env('BENCH_ACTS_PER_CASE', 20, 20);
export const SAMPLE_CASES = Math.min(CASES, env('BENCH_SAMPLE_CASES', 300, 40));
export const CONCURRENCY = env('BENCH_CONCURRENCY', 12, 8);
export const AGENCIES = env('BENCH_AGENCIES', 20, 6);
export const OFFICERS = env('BENCH_OFFICERS', 400, 40);
export const TODO_CALLS = env('BENCH_TODO_CALLS', 200, 50);
export const TARGET_TODO_P95_MS = 100;
export const serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || '';
export const ENGINES = (process.env.BENCH_ENGINES ?? (serverUrl ? 'pglite,postgres' : 'pglite')).split(',').filter(Boolean) as (
  'pglite' | 'postgres'
)[];
if (ENGINES.includes('postgres') && !serverUrl)
  throw new Error('BENCH_ENGINES includes postgres: set BENCH_DATABASE_URL (or DATABASE_URL)');
export const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-bench-cases-'));
export const DAY = 86_400_000;
export const MIN = 60_000;
