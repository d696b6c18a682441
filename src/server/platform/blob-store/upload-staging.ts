// Partial uploads staged on local disk (<data dir>/uploads/<id>.part), hashed while the bytes stream in.
// The request's bytes are copied once, into a ring in memory shared with the hash workers
// (hash-workers.ts): from there they are appended to the part (whole pages with direct I/O, see
// Ring) and hashed on the worker threads at the same time, while more bytes arrive. Memory stays flat whatever the
// file size: a request is paused while the ring is full. A PATCH is answered once its bytes are fdatasync'ed; HEAD
// reports the bytes written so far (they survive a kill -9). The running hashes live in the workers between PATCH
// requests; after a restart (or when a worker was lost) they are rebuilt by re-reading the staged part.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { syncDir } from './fs-store.ts';
import { hashWorkers, type HashAlgorithm } from './hash-workers.ts';
import { bodyBytesDropped } from '../young-garbage.ts';

/** Bytes in memory per PATCH in progress (the ring; a multiple of 64 KiB), and the least the writer or the hasher take at a time. */
const RING_SIZE = 16 * 1024 * 1024;
const BATCH = 1024 * 1024;
/** Direct I/O writes whole, aligned pages. */
const PAGE = 4096;
/** Fewer bytes than a batch are written and hashed once the client has sent nothing for this long. */
const SLOW_CLIENT_MS = 200;
/** Start an fdatasync in the background every this many bytes written, so the final one has little left to flush. */
const SYNC_EVERY = 64 * 1024 * 1024;
const open = promisify(fs.open);
const writev = promisify(fs.writev);
const fdatasync = promisify(fs.fdatasync);
const close = promisify(fs.close);

interface StagedState {
  /** Bytes handed to the operating system (they survive a kill -9 of this process): what HEAD reports. */
  written: number;
  /** The hash workers' generation holding this upload's running hashes; another generation means they are gone. */
  generation: number;
  /** False when the running hashes may not match the part (a write or hash failed): rebuild before use. */
  hashed: boolean;
}

export interface StagedDigest {
  sha256: string;
  sm3: string | null;
}

/** SHA-256 is always computed; SM3 too when the ledger suite is sm3-sm2 or the client declared an SM3 hash. */
export interface HashOptions {
  sm3: boolean;
}

/** The staged part opened for writing at explicit offsets, once through the page cache and once for direct I/O if the platform has it. */
async function openPart(file: string): Promise<{ fd: number; directFd: number | null }> {
  const fd = await open(file, fs.constants.O_WRONLY);
  let directFd: number | null = null;
  if (fs.constants.O_DIRECT !== undefined) {
    try {
      directFd = await open(file, fs.constants.O_WRONLY | fs.constants.O_DIRECT);
    } catch {
      // no direct I/O here (EINVAL on some filesystems): the page cache it is
    }
  }
  return { fd, directFd };
}

/**
 * Ring memories of finished PATCHes, kept for the next ones (a few: enough for the usual handful of concurrent
 * uploads, so memory neither grows nor waits for the garbage collector). A shared WebAssembly memory: its buffer is
 * page-aligned, as direct I/O requires (a SharedArrayBuffer's need not be), and the hash workers can read it.
 */
const spareRings: SharedArrayBuffer[] = [];
const SPARE_RINGS = 2;
const ringMemory = () =>
  spareRings.pop() ??
  (new WebAssembly.Memory({ initial: RING_SIZE / 65536, maximum: RING_SIZE / 65536, shared: true }).buffer as unknown as SharedArrayBuffer);

const algorithmsOf = (o: HashOptions): HashAlgorithm[] => (o.sm3 ? ['sha256', 'sm3'] : ['sha256']);

export type AppendOutcome = 'complete' | 'aborted' | 'exceeded';

export class UploadStaging {
  private readonly states = new Map<string, StagedState>();
  private readonly rebuilding = new Map<string, Promise<StagedState>>();

  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  pathOf(id: string): string {
    return path.join(this.dir, `${id}.part`);
  }

  async create(id: string, o: HashOptions): Promise<void> {
    await (await fsp.open(this.pathOf(id), 'wx')).close();
    await syncDir(this.dir);
    const generation = hashWorkers.generation;
    await hashWorkers.begin(id, algorithmsOf(o));
    this.states.set(id, { written: 0, generation, hashed: true });
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
   * off (client gone, or superseded), or overran `limit`; every byte read is written and fdatasync'ed before it
   * resolves, so the offset it reports is durable.
   */
  async append(id: string, o: HashOptions, source: Readable, limit: number): Promise<{ offset: number; outcome: AppendOutcome }> {
    const state = await this.state(id, o);
    const part = await openPart(this.pathOf(id));
    const ring = new Ring(part, id, algorithmsOf(o), state);
    let received = state.written;
    let intake: Promise<void> = Promise.resolve();
    try {
      const outcome = await new Promise<AppendOutcome>((resolve) => {
        let settled = false;
        const settle = (o: AppendOutcome) => {
          if (settled) return;
          settled = true;
          clearInterval(timer);
          source.off('data', onData).off('end', onEnd).off('error', onGone).off('close', onGone);
          source.on('error', () => {}); // a late reset of a request we are done with must not crash the process
          source.resume(); // let the rest of an overrun or superseded body drain away
          resolve(o);
        };
        const onData = (chunk: Buffer) => {
          let bytes = chunk;
          const room = limit - received;
          if (bytes.length > room) bytes = bytes.subarray(0, room);
          if (bytes.length) {
            received += bytes.length;
            const wait = ring.put(bytes);
            if (wait) {
              // the ring is full: hold the request until there is room
              source.pause();
              intake = wait.then(() => {
                if (!settled) source.resume();
              });
            }
          }
          bodyBytesDropped(chunk.length); // copied into the ring (unless it waits for room): the chunk is garbage now
          if (ring.failed) settle('aborted');
          else if (bytes.length < chunk.length) settle('exceeded');
        };
        const onEnd = () => settle('complete');
        const onGone = () => settle(source.readableEnded ? 'complete' : 'aborted');
        // Bytes trickling in slowly still reach the disk soon (HEAD reports them; a kill -9 keeps them).
        const timer = setInterval(() => ring.flushIfStale(), SLOW_CLIENT_MS);
        timer.unref();
        source.on('data', onData).on('end', onEnd).on('error', onGone).on('close', onGone);
        if (source.readableEnded) settle('complete');
        else if (source.destroyed)
          settle('aborted'); // superseded before it started: 'close' has already been emitted
        else source.resume(); // flowing even if something paused it before
      });
      await intake;
      await ring.finish();
      return { offset: state.written, outcome };
    } catch (e) {
      // The part holds what was written; the running hashes may hold more: rebuild them from the part next time.
      state.hashed = false;
      throw e;
    } finally {
      await close(part.fd);
      if (part.directFd !== null) await close(part.directFd);
      if (ring.idle && spareRings.length < SPARE_RINGS) spareRings.push(ring.memory);
    }
  }

  /** The digests of everything staged (the running hashes go on). */
  async digest(id: string, o: HashOptions): Promise<StagedDigest> {
    let d;
    try {
      await this.state(id, o);
      d = await hashWorkers.digest(id, algorithmsOf(o));
    } catch {
      // a hash worker was lost in between: rebuild once from the part
      const s = this.states.get(id);
      if (s) s.hashed = false;
      await this.state(id, o);
      d = await hashWorkers.digest(id, algorithmsOf(o));
    }
    return { sha256: d.sha256!, sm3: d.sm3 ?? null };
  }

  /** Forget an upload and delete its staged part. */
  async remove(id: string): Promise<void> {
    this.states.delete(id);
    await hashWorkers.forget(id);
    await fsp.rm(this.pathOf(id), { force: true });
  }

  /** The upload's state, its running hashes rebuilt from the staged part when they are missing (e.g. after a restart). */
  private async state(id: string, o: HashOptions): Promise<StagedState> {
    const known = this.states.get(id);
    if (known && known.hashed && known.generation === hashWorkers.generation) return known;
    let pending = this.rebuilding.get(id);
    if (!pending) {
      pending = (async () => {
        const generation = hashWorkers.generation;
        const size = await hashWorkers.hashFile(id, algorithmsOf(o), this.pathOf(id));
        const s: StagedState = { written: size, generation, hashed: true };
        this.states.set(id, s);
        return s;
      })().finally(() => this.rebuilding.delete(id));
      this.rebuilding.set(id, pending);
    }
    return pending;
  }
}

/**
 * One PATCH's path from the socket to the disk: a ring of RING_SIZE bytes in memory shared with the hash workers.
 * `put` copies the request's bytes in; a writer and a hasher each take everything filled since their last turn,
 * as soon as their previous turn is done (so their batches grow when the disk or a worker is slow, and one slow call
 * does not stall the stream); room is free again once both have passed it. The writer appends in order, one write
 * at a time, so the part is always the exact prefix of what was received.
 *
 * Whole pages go to the disk with direct I/O (O_DIRECT) straight from the ring: no second copy into the page cache
 * and no writeback later, which is most of what a buffered write of a large file costs. A part of a page (a PATCH
 * that starts or ends mid-page) is written through the page cache. Where the filesystem refuses direct I/O, every
 * write goes through the page cache.
 */
class Ring {
  readonly memory = ringMemory();
  private readonly bytes = Buffer.from(this.memory);
  /** File offsets: bytes copied into the ring up to `filled`, hashed up to `hashed`; written up to state.written. */
  private filled: number;
  private hashed: number;
  private writing = false;
  private hashing = false;
  /** From now on, write and hash even less than a batch (the end of the request). */
  private finishing = false;
  private lastPut = performance.now();
  /** Bytes that did not fit while the ring was full, in order, and who waits for room for them. */
  private readonly backlog: Buffer[] = [];
  private backlogDone: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private onTurnDone: (() => void) | null = null;
  private syncing: Promise<void> | null = null;
  private syncedAt: number;
  failed: Error | null = null;

  constructor(
    private readonly part: { fd: number; directFd: number | null },
    private readonly id: string,
    private readonly algorithms: HashAlgorithm[],
    private readonly state: StagedState,
  ) {
    this.filled = this.hashed = this.syncedAt = state.written;
  }

  /** Take `chunk`; returns a promise when part of it has to wait for room (it is taken as room frees up). */
  put(chunk: Buffer): Promise<void> | null {
    this.lastPut = performance.now();
    if (this.backlogDone) {
      this.backlog.push(chunk);
      return this.backlogDone;
    }
    const taken = this.take(chunk);
    if (taken === chunk.length) return null;
    this.backlog.push(chunk.subarray(taken));
    this.backlogDone = this.drainBacklog();
    return this.backlogDone;
  }

  /** Write out and hash what has waited SLOW_CLIENT_MS for a batch to fill (a slow client). */
  flushIfStale() {
    if (performance.now() - this.lastPut >= SLOW_CLIENT_MS) this.kick(1);
  }

  /** Neither writing nor hashing: the ring's memory is no longer read. */
  get idle(): boolean {
    return !this.writing && !this.hashing;
  }

  /** Write and hash everything taken, wait for it, then make it durable. Throws if a write failed. */
  async finish(): Promise<void> {
    if (this.backlogDone) await this.backlogDone;
    this.finishing = true;
    while (!this.idle || (!this.failed && (this.state.written < this.filled || this.hashed < this.filled))) {
      const turn = new Promise<void>((r) => (this.onTurnDone = r));
      this.kick();
      await turn;
    }
    await this.syncing;
    if (this.failed) throw this.failed;
    await fdatasync(this.part.fd);
  }

  /** Copy as much of `chunk` as there is room for; returns how many bytes were taken. */
  private take(chunk: Buffer): number {
    if (this.failed) return chunk.length; // nothing more is written: let the rest go
    const room = RING_SIZE - (this.filled - Math.min(this.state.written, this.hashed));
    const n = Math.min(room, chunk.length);
    for (let pos = 0; pos < n;) {
      const at = (this.filled + pos) % RING_SIZE;
      const k = Math.min(n - pos, RING_SIZE - at);
      chunk.copy(this.bytes, at, pos, pos + k);
      pos += k;
    }
    this.filled += n;
    this.kick();
    return n;
  }

  private async drainBacklog(): Promise<void> {
    try {
      while (this.backlog.length) {
        await new Promise<void>((r) => (this.wake = r));
        while (this.backlog.length) {
          const chunk = this.backlog[0]!;
          const taken = this.take(chunk);
          if (taken < chunk.length) {
            this.backlog[0] = chunk.subarray(taken);
            break;
          }
          this.backlog.shift();
        }
      }
    } finally {
      this.backlogDone = null; // at once: a chunk put after this point is taken directly
    }
  }

  /** Start the writer and the hasher on what has been filled, if they are idle and there is at least `least` for them. */
  private kick(least = this.finishing ? 1 : BATCH) {
    if (!this.writing && !this.failed && this.filled - this.state.written >= least) void this.writeTurn(least === 1);
    if (!this.hashing && this.filled - this.hashed >= least) void this.hashTurn();
  }

  /** The ring's bytes for file offsets [from, to), as at most two views (the range may wrap around the ring's end). */
  private views(from: number, to: number): Buffer[] {
    const a = from % RING_SIZE;
    const n = to - from;
    if (a + n <= RING_SIZE) return [this.bytes.subarray(a, a + n)];
    return [this.bytes.subarray(a, RING_SIZE), this.bytes.subarray(0, n - (RING_SIZE - a))];
  }

  /** Append what is filled: the rest of a started page and whole pages, and with `all` the last part of a page too. */
  private async writeTurn(all: boolean) {
    this.writing = true;
    const filled = this.filled;
    try {
      const at = this.state.written;
      const pageEnd = Math.min(filled, Math.ceil(at / PAGE) * PAGE);
      const wholePagesEnd = Math.max(pageEnd, Math.floor(filled / PAGE) * PAGE);
      if (this.part.directFd === null) await this.write(this.part.fd, at, all ? filled : wholePagesEnd);
      else {
        if (pageEnd > at) await this.write(this.part.fd, at, pageEnd);
        if (wholePagesEnd > pageEnd) await this.writeDirect(pageEnd, wholePagesEnd);
        if (all && filled > wholePagesEnd) await this.write(this.part.fd, wholePagesEnd, filled);
      }
      if (this.state.written - this.syncedAt >= SYNC_EVERY && !this.syncing) {
        this.syncedAt = this.state.written;
        // in the background, so that the final fdatasync has little left to do; that one reports errors
        this.syncing = fdatasync(this.part.fd)
          .catch(() => {})
          .finally(() => (this.syncing = null));
      }
    } catch (e) {
      this.failed = e as Error;
    }
    this.writing = false;
    this.turnDone();
  }

  /** Whole pages with direct I/O; if the filesystem refuses it (EINVAL: nothing was written), through the page cache. */
  private async writeDirect(from: number, to: number) {
    try {
      await this.write(this.part.directFd!, from, to);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EINVAL' || this.state.written !== from) throw e;
      await close(this.part.directFd!);
      this.part.directFd = null;
      await this.write(this.part.fd, from, to);
    }
  }

  /** Write the ring's bytes for [from, to) at file offset `from` (must be where the part ends). */
  private async write(fd: number, from: number, to: number) {
    const views = this.views(from, to);
    let at = from;
    while (views.length) {
      let n = (await writev(fd, views, at)).bytesWritten;
      at += n;
      this.state.written = at;
      // a short write: go on with the rest
      while (views.length && n >= views[0]!.length) n -= views.shift()!.length;
      if (views.length && n) views[0] = views[0]!.subarray(n);
    }
  }

  private async hashTurn() {
    this.hashing = true;
    const to = this.filled;
    if (this.state.hashed) {
      try {
        let at = this.hashed;
        for (const v of this.views(this.hashed, to)) {
          await hashWorkers.update(this.id, this.algorithms, this.memory, at % RING_SIZE, v.length);
          at += v.length;
        }
      } catch {
        // A hash worker lost on the way only costs a rebuild from the part later; the bytes are written all the same.
        this.state.hashed = false;
      }
    }
    this.hashed = to;
    this.hashing = false;
    this.turnDone();
  }

  /** A writer's or hasher's turn ended: room may have freed up, more may be waiting. */
  private turnDone() {
    const wake = this.wake;
    this.wake = null;
    wake?.();
    this.kick();
    const done = this.onTurnDone;
    this.onTurnDone = null;
    done?.();
  }
}
