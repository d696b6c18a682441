// S3-compatible backend (AWS S3, MinIO, Ceph RGW, OSS/COS in S3 mode): key <prefix><2 hex>/<sha256>.
// Checksums are sent only when the service requires them, so servers without the newer S3 checksum headers work.
// The AWS SDK is loaded when the first S3 store is made: it is large, and a filesystem deployment never needs it.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { assertSha256, BlobNotFoundError, type BlobStore, type ByteRange } from './blob-store.ts';

const require = createRequire(import.meta.url);
const clientS3 = () => require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
const libStorage = () => require('@aws-sdk/lib-storage') as typeof import('@aws-sdk/lib-storage');

export interface S3Options {
  endpoint: string | undefined;
  bucket: string;
  region: string;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  forcePathStyle: boolean;
  /** Key prefix, e.g. "evidence/" to share a bucket. */
  prefix: string;
}

const PART_SIZE = 16 * 1024 * 1024;

export class S3BlobStore implements BlobStore {
  readonly kind = 's3' as const;
  readonly client: S3Client;

  constructor(private readonly o: S3Options) {
    const { S3Client } = clientS3();
    this.client = new S3Client({
      endpoint: o.endpoint,
      region: o.region,
      forcePathStyle: o.forcePathStyle,
      credentials: o.accessKeyId && o.secretAccessKey ? { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey } : undefined,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  keyOf(sha256: string): string {
    assertSha256(sha256);
    return `${this.o.prefix}${sha256.slice(0, 2)}/${sha256}`;
  }

  async putFile(sha256: string, file: string): Promise<{ created: boolean }> {
    if (await this.stat(sha256)) return { created: false };
    const { size } = await fs.promises.stat(file);
    // A completed PUT / multipart upload is durable in the object store.
    const { Upload } = libStorage();
    await new Upload({
      client: this.client,
      params: {
        Bucket: this.o.bucket,
        Key: this.keyOf(sha256),
        Body: fs.createReadStream(file, { highWaterMark: 1024 * 1024 }),
        ContentLength: size,
        ContentType: 'application/octet-stream',
      },
      partSize: PART_SIZE,
      queueSize: 4,
      leavePartsOnError: false,
    }).done();
    return { created: true };
  }

  async delete(sha256: string): Promise<void> {
    const { DeleteObjectCommand } = clientS3();
    await this.client.send(new DeleteObjectCommand({ Bucket: this.o.bucket, Key: this.keyOf(sha256) }));
  }

  async stat(sha256: string): Promise<{ size: number } | null> {
    try {
      const { HeadObjectCommand } = clientS3();
      const r = await this.client.send(new HeadObjectCommand({ Bucket: this.o.bucket, Key: this.keyOf(sha256) }));
      return { size: Number(r.ContentLength ?? 0) };
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  async get(sha256: string, range?: ByteRange): Promise<Readable> {
    try {
      const { GetObjectCommand } = clientS3();
      const r = await this.client.send(
        new GetObjectCommand({
          Bucket: this.o.bucket,
          Key: this.keyOf(sha256),
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
      return r.Body as Readable;
    } catch (e) {
      if (isNotFound(e)) throw new BlobNotFoundError(sha256);
      throw e;
    }
  }
}

function isNotFound(e: unknown): boolean {
  return (
    e instanceof clientS3().S3ServiceException && (e.$metadata.httpStatusCode === 404 || e.name === 'NotFound' || e.name === 'NoSuchKey')
  );
}
