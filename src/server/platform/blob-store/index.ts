// The configured blob store: SANXIANG_BLOB_STORE=fs (default, <data dir>/blobs) or s3 (SANXIANG_S3_*).
import path from 'node:path';
import type { Config } from '../config.ts';
import type { BlobStore } from './blob-store.ts';
import { FsBlobStore } from './fs-store.ts';
import { S3BlobStore } from './s3-store.ts';

export * from './blob-store.ts';
export { FsBlobStore } from './fs-store.ts';
export { S3BlobStore, type S3Options } from './s3-store.ts';

export function openBlobStore(config: Config): BlobStore {
  if (config.blobStore === 's3') {
    if (!config.s3.bucket) throw new Error('SANXIANG_BLOB_STORE=s3 needs SANXIANG_S3_BUCKET');
    return new S3BlobStore(config.s3);
  }
  return new FsBlobStore(path.join(config.dataDir, 'blobs'));
}
