// Entry point: config → database (migrated) → demo data when enabled → app → listen.
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from './platform/config.ts';
import { openConfiguredDatabase } from './boot.ts';
import { buildApp } from './app.ts';
import { DEMO_ACCOUNTS, randomDemoPassword, seedDemo } from './demo/seed-demo.ts';
import { seedDemoCases } from './demo/seed-cases.ts';

const started = performance.now();
const config = loadConfig();
const database = await openConfiguredDatabase(config);

let demoPassword: string | null = null;
let seededNow: string | null = null;
if (config.seedDemo) {
  const file = path.join(config.dataDir, 'demo-password.txt');
  const password = config.demoPassword ?? (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : randomDemoPassword());
  if (await seedDemo(database.db, password)) {
    seededNow = password;
    if (!config.demoPassword) {
      fs.mkdirSync(config.dataDir, { recursive: true });
      fs.writeFileSync(file, password + '\n', { mode: 0o600 });
    }
  }
  demoPassword = config.demoPassword ?? (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : null);
}

const app = await buildApp({ config, database });
// demo cases go through the API (ledger, audit, checks), so they follow the app; only on the first, seeding start
if (seededNow) await seedDemoCases(app, seededNow);
await app.listen({ host: config.host, port: config.port });
const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${(app.server.address() as { port: number }).port}`;

const lines = [
  '',
  `Sanxiang 三项 is ready in ${Math.round(performance.now() - started)} ms on ${database.engine === 'pglite' ? `PGlite (${path.join(config.dataDir, 'pglite')})` : 'PostgreSQL'}`,
  `  public portal   ${url}/`,
  `  back office     ${url}/admin`,
  `  API docs        ${url}/api/docs`,
];
if (config.seedDemo) {
  lines.push('', `Demo accounts (password: ${demoPassword ?? '(set at first start; see SANXIANG_DEMO_PASSWORD)'})`);
  for (const a of DEMO_ACCOUNTS) lines.push(`  ${a.username.padEnd(20)} ${a.roles.join(',').padEnd(18)} ${a.note}`);
}
console.log(lines.join('\n') + '\n');

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (closing) return;
    closing = true;
    await app.close();
    await database.close();
    process.exit(0);
  });
}
