// Partial uploads staged on local disk (<data dir>/uploads/<id>.part), hashed while the bytes stream in.
// The hash state lives in memory between PATCH requests; after a restart it is rebuilt by re-reading the staged
// part. Memory stays flat whatever the file size: the request is read with backpressure into a bounded write buffer.
import crypto, { type Hash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { syncDir } from '../../platform/blob-store/fs-store.ts';

/** Write buffer per upload; incoming socket chunks (~64 KiB) are batched into writev calls of up to this size. */
const WRITE_HIGH_WATER_MARK = 8 * 1024 * 1024;
const READ_CHUNK = 4 * 1024 * 1024;
const open = promisify(fs.open);
const fsync = promisify(fs.fsync);
const fdatasync = promisify(fs.fdatasync);
/** Start an fdatasync in the background every this many bytes written. */
const SYNC_EVERY = 64 * 1024 * 1024;
const close = promisify(fs.close);

interface HashState {
  /** Bytes read from the client and hashed. */
  offset: number;
  /** Bytes handed to the operating system (they survive a kill -9 of this process): what HEAD reports. */
  written: number;
  sha256: Hash;
  sm3: Hash | null;
}

export interface StagedDigest {
  sha256: string;
  sm3: string | null;
}

/** SHA-256 is always computed; SM3 too when the ledger suite is sm3-sm2 or the client declared an SM3 hash. */
export interface HashOptions {
  sm3: boolean;
}

const fresh = (o: HashOptions): HashState => ({ offset: 0, written: 0, sha256: crypto.createHash('sha256'), sm3: o.sm3 ? crypto.createHash('sm3') : null });

export type AppendOutcome = 'complete' | 'aborted' | 'exceeded';

export class UploadStaging {
  private readonly states = new Map<string, HashState>();
  private readonly rebuilding = new Map<string, Promise<HashState>>();

  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  pathOf(id: string): string {
    return path.join(this.dir, `${id}.part`);
  }

  async create(id: string, o: HashOptions): Promise<void> {
    await (await fsp.open(this.pathOf(id), 'wx')).close();
    await syncDir(this.dir);
    this.states.set(id, fresh(o));
  }

  /** Bytes staged so far (written to the file, not merely received), else the file's size; null when the staged part is gone. */
  async offset(id: string): Promise<number | null> {
    const s = this.states.get(id);
    if (s) return s.written;
    try {
      return (await fsp.stat(this.pathOf(id))).size;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  /**
   * Append `source` at the current offset, up to `limit` bytes in total. Resolves when the source ended, was cut
   * off (client gone, or superseded), or overran `limit`; every byte read is written and fsync'ed before it
   * resolves, so the offset it reports is durable.
   */
  async append(id: string, o: HashOptions, source: Readable, limit: number): Promise<{ offset: number; outcome: AppendOutcome }> {
    const state = await this.state(id, o);
    // A raw descriptor: a FileHandle's own write stream keeps later handle.sync() waiting (Node 20).
    const fd = await open(this.pathOf(id), 'a');
    const out = fs.createWriteStream('', { fd, highWaterMark: WRITE_HIGH_WATER_MARK, autoClose: false });
    let syncedAt = state.offset;
    let syncing: Promise<void> | null = null;
    try {
      const outcome = await new Promise<AppendOutcome>((resolve, reject) => {
        let settled = false;
        const settle = (o: AppendOutcome | Error) => {
          if (settled) return;
          settled = true;
          source.off('data', onData).off('end', onEnd).off('error', onGone).off('close', onGone);
          source.on('error', () => {}); // a late reset of a request we are done with must not crash the process
          out.off('drain', onDrain).off('error', settle);
          source.resume(); // let the rest of an overrun or superseded body drain away
          if (o instanceof Error) reject(o);
          else resolve(o);
        };
        const onData = (chunk: Buffer) => {
          let bytes = chunk;
          const room = limit - state.offset;
          if (bytes.length > room) bytes = bytes.subarray(0, room);
          if (bytes.length) {
            state.sha256.update(bytes);
            state.sm3?.update(bytes);
            state.offset += bytes.length;
            const n = bytes.length;
            if (!out.write(bytes, (err) => { if (!err) state.written += n; })) source.pause();
            // Start writeback while the upload goes on, so the final fsync has little left to flush.
            if (state.offset - syncedAt >= SYNC_EVERY && !syncing) {
              syncedAt = state.offset;
              syncing = fdatasync(fd).catch(() => {}).finally(() => (syncing = null));
            }
          }
          if (bytes.length < chunk.length) settle('exceeded');
        };
        const onDrain = () => source.resume();
        const onEnd = () => settle('complete');
        const onGone = () => settle(source.readableEnded ? 'complete' : 'aborted');
        source.on('data', onData).on('end', onEnd).on('error', onGone).on('close', onGone);
        out.on('drain', onDrain).on('error', settle);
        if (source.readableEnded) settle('complete');
        else if (source.destroyed) settle('aborted'); // superseded before it started: 'close' has already been emitted
        else source.resume(); // flowing even if something paused it before
      });
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
      await syncing;
      await fsync(fd);
      return { offset: state.offset, outcome };
    } catch (e) {
      this.states.delete(id); // the in-memory hash may now differ from the file: rebuild from disk next time
      throw e;
    } finally {
      await close(fd);
    }
  }

  /** The digests of everything staged (the state is left as it is). */
  async digest(id: string, o: HashOptions): Promise<StagedDigest> {
    const s = await this.state(id, o);
    return { sha256: s.sha256.copy().digest('hex'), sm3: s.sm3 ? s.sm3.copy().digest('hex') : null };
  }

  /** Forget an upload and delete its staged part. */
  async remove(id: string): Promise<void> {
    this.states.delete(id);
    await fsp.rm(this.pathOf(id), { force: true });
  }

  /** The hash state, rebuilt from the staged part when this process has not seen the upload (e.g. after a restart). */
  private async state(id: string, o: HashOptions): Promise<HashState> {
    const known = this.states.get(id);
    if (known) return known;
    let pending = this.rebuilding.get(id);
    if (!pending) {
      pending = (async () => {
        const s = fresh(o);
        for await (const chunk of fs.createReadStream(this.pathOf(id), { highWaterMark: READ_CHUNK }) as AsyncIterable<Buffer>) {
          s.sha256.update(chunk);
          s.sm3?.update(chunk);
          s.offset += chunk.length;
        }
        s.written = s.offset;
        this.states.set(id, s);
        return s;
      })().finally(() => this.rebuilding.delete(id));
      this.rebuilding.set(id, pending);
    }
    return pending;
  }
}
