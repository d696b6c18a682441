// Shared by the benchmarks: one statement on the PostgreSQL server outside any bench database (create/drop them).
import pg from 'pg';

export async function adminQuery(serverUrl: string, q: string): Promise<void> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(q);
  } finally {
    await c.end();
  }
}
