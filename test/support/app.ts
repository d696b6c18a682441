// An app on a test database, with helpers to log in as demo users and call the API like the browser does.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, after } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { describeEachEngine, type EngineHandle } from './db.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/platform/config.ts';
import type { App } from '../../src/server/platform/app-types.ts';
import type { Database } from '../../src/server/platform/db.ts';
import { seedDemo } from '../../src/server/demo/seed-demo.ts';

export const DEMO_PASSWORD = 'Test-Demo-Passw0rd';

let dataDir: string | undefined;
/** A data directory (ledger key file) for this test process, removed at exit. */
function testDataDir(): string {
  if (!dataDir) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-app-'));
    process.on('exit', () => fs.rmSync(dataDir!, { recursive: true, force: true }));
  }
  return dataDir;
}

/** The configuration test apps run with (a per-process data directory for the ledger key). */
export const testConfig = (env: Record<string, string> = {}) =>
  loadConfig({ SANXIANG_LOGIN_RATE_LIMIT: '1000', SANXIANG_DATA_DIR: testDataDir(), ...env } as NodeJS.ProcessEnv);

export async function buildTestApp(database: Database, env: Record<string, string> = {}): Promise<App> {
  await seedDemo(database.db, DEMO_PASSWORD);
  return buildApp({ config: testConfig(env), database, logger: false });
}

/**
 * Like the web client (src/web/shared/api.ts), every POST carries a fresh Idempotency-Key, so the suite runs the
 * routes the way the browser calls them: inside the request's idempotent transaction (platform/idempotency.ts; on
 * PGlite's single test connection a route reaching for the global database handle there would hang). Pass
 * `'idempotency-key': undefined` to send none.
 */
export function withIdempotencyKey(method: string, headers: Record<string, string | undefined>): Record<string, string> {
  const all =
    method.toUpperCase() === 'POST' && !('idempotency-key' in headers)
      ? { ...headers, 'idempotency-key': `"${crypto.randomUUID()}"` }
      : headers;
  return Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined));
}

export interface Session {
  cookie: string;
  csrfToken: string;
  /** Call the API as this user (cookie + CSRF header). */
  request(method: string, url: string, payload?: unknown, headers?: Record<string, string | undefined>): Promise<LightMyRequestResponse>;
}

export async function login(app: App, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0]! : setCookie!).split(';')[0]!;
  const csrfToken = res.json().csrfToken as string;
  return {
    cookie,
    csrfToken,
    request: (method, url, payload, headers = {}) =>
      app.inject({
        method: method as 'GET',
        url,
        headers: withIdempotencyKey(method, { cookie, 'x-csrf-token': csrfToken, ...headers }),
        ...(payload === undefined ? {} : { payload: payload as object }),
      }),
  };
}

export interface AppHandle extends EngineHandle {
  /** The app on this engine's database, with demo data (valid inside tests). */
  readonly app: App;
  /** A logged-in session of the demo administrator. */
  readonly admin: Session;
}

/** describeEachEngine with an app built on the engine's database and the administrator logged in. */
export function describeApp(title: string, fn: (h: AppHandle) => void): void {
  describeEachEngine(title, (h) => {
    let app: App | undefined;
    let admin: Session | undefined;
    before(async () => {
      app = await buildTestApp(h.database);
      admin = await login(app, 'admin');
    });
    after(async () => app?.close());
    fn({
      engine: h.engine,
      get db() {
        return h.db;
      },
      get database() {
        return h.database;
      },
      get app() {
        if (!app) throw new Error('app not ready');
        return app;
      },
      get admin() {
        if (!admin) throw new Error('app not ready');
        return admin;
      },
    });
  });
}

/**
 * Upload `content` as evidence in one tus creation + PATCH, as `s`, with this Upload-Metadata (filename, recording
 * times…); asserts both steps and returns the evidence id.
 */
export async function uploadEvidence(s: Session, content: Buffer, metadata: Record<string, string>): Promise<string> {
  const { TUS, uploadMetadata } = await import('./http.ts');
  const c = await s.request('POST', '/api/v1/uploads', undefined, {
    ...TUS,
    'upload-length': String(content.length),
    'upload-metadata': uploadMetadata(metadata),
  });
  if (c.statusCode !== 201) throw new Error(`upload creation: ${c.statusCode} ${c.body}`);
  const p = await s.request('PATCH', c.headers.location as string, content, {
    ...TUS,
    'upload-offset': '0',
    'content-type': 'application/offset+octet-stream',
  });
  if (p.statusCode !== 204) throw new Error(`upload PATCH: ${p.statusCode} ${p.body}`);
  return p.headers['evidence-id'] as string;
}
