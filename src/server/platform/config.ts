// Runtime configuration: every setting comes from an environment variable (documented in README.md).
import path from 'node:path';

export interface Config {
  host: string;
  port: number;
  /** PostgreSQL server URL; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Deployment's default policy pack (policies/<id>.json). */
  policyId: string;
  /** Password for the demo accounts; random (printed once) when absent. */
  demoPassword: string | undefined;
  /** Seed demo data at start when the database is empty. */
  seedDemo: boolean;
  /** Trust X-Forwarded-* headers (behind a TLS-terminating proxy). */
  trustProxy: boolean;
  /** Log name of this deployment's ledger and other signed artefacts. */
  deploymentName: string;
  logLevel: string;
  production: boolean;
  /** Directory with the built web app (vite build output). */
  webDir: string;
  /** Login attempts allowed per IP per minute. */
  loginRateLimit: number;
  /** Requests per IP per minute to the public (no-login) API. */
  publicRateLimit: number;
  sessionTtlHours: number;
  /** Ledger hash + signature suite, fixed when the log is created: 'sha256-ed25519' (default) or 'sm3-sm2'. */
  ledgerSuite: string;
  /** Ledger signer key string (PRIVATE+KEY+…); when absent it is read from / generated into ledgerKeyFile. */
  ledgerSignerKey: string | undefined;
  ledgerKeyFile: string;
  /** How often a new signed tree head is produced while the log grows. */
  treeHeadIntervalMs: number;
  /** Where evidence blobs are kept: 'fs' (<dataDir>/blobs, default) or 's3' (S3-compatible object storage). */
  blobStore: 'fs' | 's3';
  s3: {
    endpoint: string | undefined;
    bucket: string;
    region: string;
    accessKeyId: string | undefined;
    secretAccessKey: string | undefined;
    forcePathStyle: boolean;
    prefix: string;
  };
  /** Largest file a resumable upload accepts (bytes). */
  uploadMaxBytes: number;
  /** Fault injection for crash tests; only with NODE_ENV=test (any other NODE_ENV refuses to start with one set). */
  testFaults: { crashAfterIdempotentCommit: boolean };
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

function blobStoreKind(value: string | undefined): 'fs' | 's3' {
  if (!value) return 'fs';
  if (value === 'fs' || value === 's3') return value;
  throw new Error(`SANXIANG_BLOB_STORE must be fs or s3, got "${value}"`);
}

/** Test-only fault injection: honoured with NODE_ENV=test, refused (the server does not start) otherwise. */
function testFaults(env: NodeJS.ProcessEnv): Config['testFaults'] {
  const crash = bool(env.SANXIANG_TEST_CRASH_AFTER_IDEMPOTENT_COMMIT, false);
  if (crash && env.NODE_ENV !== 'test')
    throw new Error(
      'SANXIANG_TEST_CRASH_AFTER_IDEMPOTENT_COMMIT is a test-only fault injection: it needs NODE_ENV=test and must never be set in production',
    );
  return { crashAfterIdempotentCommit: crash };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const dataDir = path.resolve(env.SANXIANG_DATA_DIR || './data');
  return {
    host: env.HOST || '127.0.0.1',
    port: int('PORT', env.PORT, 3000),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    policyId: env.SANXIANG_POLICY || 'nmg-244',
    demoPassword: env.SANXIANG_DEMO_PASSWORD || undefined,
    seedDemo: bool(env.SANXIANG_SEED_DEMO, !production),
    trustProxy: bool(env.SANXIANG_TRUST_PROXY, false),
    deploymentName: env.SANXIANG_DEPLOYMENT_NAME || 'sanxiang.local',
    logLevel: env.LOG_LEVEL || (production ? 'info' : 'info'),
    production,
    webDir: path.resolve(env.SANXIANG_WEB_DIR || './dist/web'),
    loginRateLimit: int('SANXIANG_LOGIN_RATE_LIMIT', env.SANXIANG_LOGIN_RATE_LIMIT, 10),
    publicRateLimit: int('SANXIANG_PUBLIC_RATE_LIMIT', env.SANXIANG_PUBLIC_RATE_LIMIT, 600),
    sessionTtlHours: int('SANXIANG_SESSION_TTL_HOURS', env.SANXIANG_SESSION_TTL_HOURS, 12),
    ledgerSuite: env.SANXIANG_LEDGER_SUITE || 'sha256-ed25519',
    ledgerSignerKey: env.SANXIANG_LEDGER_SIGNER_KEY || undefined,
    ledgerKeyFile: path.resolve(env.SANXIANG_LEDGER_KEY_FILE || path.join(dataDir, 'ledger-signer.key')),
    treeHeadIntervalMs: int('SANXIANG_TREE_HEAD_INTERVAL_MS', env.SANXIANG_TREE_HEAD_INTERVAL_MS, 2000),
    blobStore: blobStoreKind(env.SANXIANG_BLOB_STORE),
    s3: {
      endpoint: env.SANXIANG_S3_ENDPOINT || undefined,
      bucket: env.SANXIANG_S3_BUCKET || '',
      region: env.SANXIANG_S3_REGION || 'us-east-1',
      accessKeyId: env.SANXIANG_S3_ACCESS_KEY_ID || undefined,
      secretAccessKey: env.SANXIANG_S3_SECRET_ACCESS_KEY || undefined,
      forcePathStyle: bool(env.SANXIANG_S3_FORCE_PATH_STYLE, true),
      prefix: env.SANXIANG_S3_PREFIX || '',
    },
    uploadMaxBytes: int('SANXIANG_UPLOAD_MAX_BYTES', env.SANXIANG_UPLOAD_MAX_BYTES, 20 * 1024 ** 3),
    testFaults: testFaults(env),
  };
}
