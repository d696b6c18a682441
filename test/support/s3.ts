// A local S3-protocol server (s3rver) on a random loopback port with its data in a temp directory, for tests that
// run the S3 blob store. Nothing leaves the machine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { S3Options } from '../../src/server/platform/blob-store/index.ts';

export interface LocalS3 {
  options: S3Options;
  /** SANXIANG_* variables selecting this server as the blob store. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startLocalS3(bucket = 'sanxiang-test'): Promise<LocalS3> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const options: S3Options = {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region: 'us-east-1',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
    prefix: 'blobs/',
  };
  return {
    options,
    env: {
      SANXIANG_BLOB_STORE: 's3',
      SANXIANG_S3_ENDPOINT: options.endpoint!,
      SANXIANG_S3_BUCKET: bucket,
      SANXIANG_S3_ACCESS_KEY_ID: 'S3RVER',
      SANXIANG_S3_SECRET_ACCESS_KEY: 'S3RVER',
      SANXIANG_S3_PREFIX: 'blobs/',
    },
    async close() {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
