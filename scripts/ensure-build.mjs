// Builds the web app (vite build) when dist/web is missing or older than its sources. Used by `npm start` and tests.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'dist/web/index.html');

function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((e) => newest(path.join(p, e))));
}

const sources = ['src/web', 'vite.config.ts', 'index.html', 'admin/index.html', 'package-lock.json'].map((p) => path.join(root, p));
const built = fs.existsSync(out) ? fs.statSync(out).mtimeMs : 0;
if (built && Math.max(...sources.map(newest)) <= built) process.exit(0);

console.log('Building the web app (vite build)…');
const vite = path.join(root, 'node_modules/vite/bin/vite.js');
const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
if (r.status === 0) fs.utimesSync(out, new Date(), new Date());
process.exit(r.status ?? 1);
