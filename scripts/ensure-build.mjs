// Builds what `npm start` runs, each part only when it is missing or older than its sources (`--force`: always):
//   the web apps   vite build → dist/web
//   the server     tsc -p tsconfig.build.json → dist/server, dist/cli, dist/verifier (plain JavaScript: no TypeScript
//                  loader in the running server), plus the .mjs modules and the data files it reads at run time.
// Used by `npm run build`, `npm start`, the tests and the benchmarks.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const root = path.resolve(import.meta.dirname, '..');
const force = process.argv.includes('--force');

function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((e) => newest(path.join(p, e))));
}

const at = (...ps) => ps.map((p) => path.join(root, p));

/** Run `build` unless `stamp` is newer than every source; the stamp's time is set after a successful build. */
function part(name, stamp, sources, build) {
  const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  if (!force && built && Math.max(...sources.map(newest)) <= built) return;
  console.log(`Building ${name}…`);
  if (!build()) process.exit(1);
  fs.utimesSync(stamp, new Date(), new Date());
}

const node = (...args) => spawnSync(process.execPath, args, { stdio: 'inherit', cwd: root }).status === 0;

part(
  'the web app (vite build)',
  path.join(root, 'dist/web/index.html'),
  at('src/web', 'vite.config.ts', 'index.html', 'admin/index.html', 'package-lock.json'),
  () => node(path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'),
);

const SERVER_DIRS = ['server', 'shared', 'cli', 'verifier'];
part(
  'the server (tsc)',
  path.join(root, 'dist/server/main.js'),
  at(...SERVER_DIRS.map((d) => `src/${d}`), 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'),
  () => {
    for (const d of SERVER_DIRS) fs.rmSync(path.join(root, 'dist', d), { recursive: true, force: true });
    if (!node(path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json')) return false;
    // Plain JavaScript modules (*.mjs: run without a TypeScript loader) and the data files read at run time
    // (src/**/data/*.json), next to the code that uses them.
    for (const d of SERVER_DIRS) {
      for (const rel of fs.readdirSync(path.join(root, 'src', d), { recursive: true })) {
        if (!/\.mjs$/.test(rel) && !/(^|[/\\])data[/\\][^/\\]+\.json$/.test(rel)) continue;
        const to = path.join(root, 'dist', d, rel);
        fs.mkdirSync(path.dirname(to), { recursive: true });
        fs.copyFileSync(path.join(root, 'src', d, rel), to);
      }
    }
    return true;
  },
);
