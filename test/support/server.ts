// The real server as a child process, started as `npm start` starts it (the compiled dist/server/main.js, which
// scripts/test.ts builds first), for tests that kill it: crash safety.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { postgresUrl, withDatabase, type TestDatabase } from './db.ts';
import type { Engine } from '../../src/server/platform/db.ts';

const root = path.resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  /** Its own data directory, and the environment it runs with (the engine's database, demo password, port 0). */
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Start (or start again) and resolve with the base URL once it listens. */
  start(): Promise<string>;
  readonly child: ChildProcess | undefined;
  /** Kill the current process with SIGKILL and wait until it is gone. */
  kill9(): Promise<void>;
  /** Kill whatever runs and remove the data directory. */
  dispose(): void;
}

export function serverProcess(h: { engine: Engine; database: TestDatabase }, password: string, prefix: string): ServerProcess {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SANXIANG_DATA_DIR: dir,
    SANXIANG_DEMO_PASSWORD: password,
    PORT: '0',
    LOG_LEVEL: 'silent',
    SANXIANG_WEB_DIR: path.join(dir, 'no-web'),
    DATABASE_URL: h.engine === 'postgres' ? withDatabase(postgresUrl(), h.database.name) : '',
  };
  let child: ChildProcess | undefined;
  return {
    dir,
    env,
    get child() {
      return child;
    },
    start() {
      const c = spawn(process.execPath, [path.join(root, 'dist/server/main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      child = c;
      let out = '';
      return new Promise((resolve, reject) => {
        // generous: a busy CI machine can take long for a cold PGlite start
        const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 90_000);
        c.stdout!.on('data', (d) => {
          out += d;
          const m = /back office\s+(http:\/\/[^/\s]+)\/admin/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        c.stderr!.on('data', (d) => (out += d));
        c.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
      });
    },
    async kill9() {
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
    dispose() {
      child?.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Log in over HTTP; the cookie and CSRF headers for later requests. */
export async function loginOverHttp(base: string, username: string, password: string): Promise<{ cookie: string; 'x-csrf-token': string }> {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  return { cookie: r.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': ((await r.json()) as { csrfToken: string }).csrfToken };
}
