// Filesystem backend: <root>/<2 hex>/<2 hex>/<sha256>. A blob appears under its final name only complete and
// durable: hard-linked from the caller's fsync'ed file (or copied to a temp file, fsync'ed, renamed), then the
// directory is fsync'ed. A kill -9 at any moment leaves either no blob or the whole blob.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { assertSha256, BlobNotFoundError, type BlobStore, type ByteRange } from './blob-store.ts';

const READ_CHUNK = 1024 * 1024;

export class FsBlobStore implements BlobStore {
  readonly kind = 'fs' as const;
  private readonly tmp: string;

  constructor(readonly root: string) {
    this.tmp = path.join(root, 'tmp');
    fs.mkdirSync(this.tmp, { recursive: true });
  }

  /** Where a blob lives (sharded by hash prefix so no directory grows too large). */
  pathOf(sha256: string): string {
    assertSha256(sha256);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async putFile(sha256: string, file: string): Promise<{ created: boolean }> {
    const dest = this.pathOf(sha256);
    if (await exists(dest)) return { created: false };
    const dir = path.dirname(dest);
    const made = await fsp.mkdir(dir, { recursive: true });
    try {
      await fsp.link(file, dest); // same inode: the caller fsync'ed its data already
      await syncFile(dest);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return { created: false };
      if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EMLINK') throw e;
      const tmp = path.join(this.tmp, `${sha256}.${crypto.randomBytes(6).toString('hex')}`);
      try {
        await fsp.copyFile(file, tmp);
        await syncFile(tmp);
        await fsp.rename(tmp, dest);
      } finally {
        await fsp.rm(tmp, { force: true });
      }
    }
    // Make the new name (and any new shard directories) durable.
    await syncDir(dir);
    if (made) for (let d = path.dirname(dir); d.length >= this.root.length; d = path.dirname(d)) await syncDir(d);
    return { created: true };
  }

  async delete(sha256: string): Promise<void> {
    const file = this.pathOf(sha256);
    await fsp.rm(file, { force: true });
    await syncDir(path.dirname(file)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }

  async stat(sha256: string): Promise<{ size: number } | null> {
    try {
      return { size: (await fsp.stat(this.pathOf(sha256))).size };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async get(sha256: string, range?: ByteRange): Promise<Readable> {
    const file = this.pathOf(sha256);
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(file, 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFoundError(sha256);
      throw e;
    }
    return handle.createReadStream({ start: range?.start, end: range?.end, highWaterMark: READ_CHUNK, autoClose: true });
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await fsp.access(p);
    return true;
  } catch {
    return false;
  }
}

export async function syncFile(file: string): Promise<void> {
  const h = await fsp.open(file, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

export async function syncDir(dir: string): Promise<void> {
  const h = await fsp.open(dir, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}
