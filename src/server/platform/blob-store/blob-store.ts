// Content-addressed blob store (SPEC §3.3): blobs are keyed by the SHA-256 of their bytes, written once, never
// changed. Two backends behind one interface: the local filesystem (default) and S3-compatible object storage.
import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Inclusive byte range, as in HTTP `Range: bytes=start-end`. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface BlobStore {
  readonly kind: 'fs' | 's3';
  /**
   * Store the complete, fsync'ed file at `file` under `sha256`, which the caller computed over exactly these bytes
   * (uploads hash while the bytes stream in; `verifyBlob` re-checks). The caller keeps `file` and removes it.
   * Returns once the blob is durable; `created` is false when the same bytes were already stored (stored once).
   */
  putFile(sha256: string, file: string): Promise<{ created: boolean }>;
  /** Size of the stored blob, or null when absent. */
  stat(sha256: string): Promise<{ size: number } | null>;
  /** The blob's bytes (or the inclusive `range` of them) as a stream; BlobNotFoundError when absent. */
  get(sha256: string, range?: ByteRange): Promise<Readable>;
  /**
   * Remove a blob for good — only for destruction after the retention period, once the destruction is committed
   * (and ledgered) and no other evidence file holds the same bytes. Absent blobs are not an error.
   */
  delete(sha256: string): Promise<void>;
}

/** Store a small in-memory body (a photo, an attachment): hashed, written to a temporary fsync'ed file, put, removed. */
export async function putBuffer(store: BlobStore, body: Buffer): Promise<string> {
  const sha256 = crypto.createHash('sha256').update(body).digest('hex');
  const tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'sanxiang-blob-'));
  try {
    const file = path.join(tmp, sha256);
    const handle = await fsp.open(file, 'w');
    await handle.writeFile(body);
    await handle.sync();
    await handle.close();
    await store.putFile(sha256, file);
  } finally {
    await fsp.rm(tmp, { recursive: true, force: true });
  }
  return sha256;
}

export class BlobNotFoundError extends Error {
  constructor(readonly sha256: string) {
    super(`blob ${sha256} not found`);
    this.name = 'BlobNotFoundError';
  }
}

export function assertSha256(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new TypeError(`not a lowercase SHA-256 hex digest: "${sha256}"`);
}

export interface BlobCheck {
  sha256: string;
  ok: boolean;
  /** False when the blob is missing from the store. */
  present: boolean;
  /** SHA-256 of the bytes the store returns now. */
  actualSha256: string | null;
  size: number | null;
}

/** Re-read a blob and check that its bytes still hash to its key (detects bit rot and tampering). */
export async function verifyBlob(store: BlobStore, sha256: string): Promise<BlobCheck> {
  assertSha256(sha256);
  let stream: Readable;
  try {
    stream = await store.get(sha256);
  } catch (e) {
    if (e instanceof BlobNotFoundError) return { sha256, ok: false, present: false, actualSha256: null, size: null };
    throw e;
  }
  const hash = crypto.createHash('sha256');
  let size = 0;
  await pipeline(
    stream,
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        size += chunk.length;
        cb();
      },
    }),
  );
  const actualSha256 = hash.digest('hex');
  return { sha256, ok: actualSha256 === sha256, present: true, actualSha256, size };
}
