// Incremental hashing on worker threads, so that hashing a file overlaps receiving and writing it, and SM3 (about
// four times slower than SHA-256 on one core) runs beside SHA-256 rather than after it. One worker per algorithm,
// shared by every caller. A worker keeps a running hash per key (an upload id) and hashes bytes that the caller put
// in shared memory, in the order they were sent. Nothing is copied between threads.
//
// A worker exits when it has been idle for a while: soon when it holds no running hash, after IDLE_HOLDING_MS when
// it does (an upload left unfinished). The running hashes it held are then gone (`generation` changes), and the
// caller rebuilds them from its file with `hashFile`, as after a restart.
import { Worker } from 'node:worker_threads';

export type HashAlgorithm = 'sha256' | 'sm3';

const IDLE_EMPTY_MS = 5_000;
const IDLE_HOLDING_MS = 10 * 60_000;

// Plain CommonJS evaluated as the worker's source, so the worker does not depend on the TypeScript loader.
const WORKER_SOURCE = `
const { parentPort, workerData: algorithm } = require('node:worker_threads');
const crypto = require('node:crypto');
const fs = require('node:fs');
const running = new Map();
const READ_CHUNK = 4 * 1024 * 1024;
function get(key) {
  const h = running.get(key);
  if (!h) throw new Error('no running hash for ' + key);
  return h;
}
async function hashFile(key, file) {
  running.delete(key);
  const h = crypto.createHash(algorithm);
  const handle = await fs.promises.open(file, 'r');
  const buf = Buffer.allocUnsafe(READ_CHUNK);
  let size = 0;
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, READ_CHUNK, size);
      if (bytesRead === 0) break;
      h.update(buf.subarray(0, bytesRead));
      size += bytesRead;
    }
  } finally {
    await handle.close();
  }
  running.set(key, h);
  return size;
}
async function run(m) {
  switch (m.op) {
    case 'begin': running.set(m.key, crypto.createHash(algorithm)); return null;
    case 'update': get(m.key).update(new Uint8Array(m.memory, m.start, m.length)); return null;
    case 'digest': return get(m.key).copy().digest('hex');
    case 'forget': running.delete(m.key); return null;
    case 'file': return hashFile(m.key, m.file);
  }
  throw new Error('unknown op ' + m.op);
}
parentPort.on('message', (m) => {
  run(m).then((value) => parentPort.postMessage({ seq: m.seq, value }), (e) => parentPort.postMessage({ seq: m.seq, error: String(e && e.message || e) }));
});
`;

type Message =
  | { op: 'begin' | 'digest' | 'forget'; key: string }
  | { op: 'update'; key: string; memory: SharedArrayBuffer; start: number; length: number }
  | { op: 'file'; key: string; file: string };

class HashWorker {
  private worker: Worker | null = null;
  private seq = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly held = new Set<string>();
  private idle: NodeJS.Timeout | undefined;

  constructor(
    readonly algorithm: HashAlgorithm,
    private readonly onLost: () => void,
  ) {}

  call<T>(m: Message): Promise<T> {
    if (m.op === 'forget' && !this.worker) {
      this.held.delete(m.key);
      return Promise.resolve(null as T); // nothing held anywhere
    }
    const w = this.worker ?? this.start();
    const seq = ++this.seq;
    if (m.op === 'begin' || m.op === 'file') this.held.add(m.key);
    else if (m.op === 'forget') this.held.delete(m.key);
    if (this.pending.size === 0) {
      w.ref(); // a reply is awaited: keep the process alive until it comes
      clearTimeout(this.idle);
    }
    return new Promise<T>((resolve, reject) => {
      this.pending.set(seq, { resolve: resolve as (v: unknown) => void, reject });
      w.postMessage({ ...m, seq });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    if (w) await w.terminate();
  }

  private start(): Worker {
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: this.algorithm, name: `hash-${this.algorithm}` });
    this.worker = w;
    w.on('message', (r: { seq: number; value?: unknown; error?: string }) => {
      const p = this.pending.get(r.seq);
      if (!p) return;
      this.pending.delete(r.seq);
      if (r.error !== undefined) p.reject(new Error(r.error));
      else p.resolve(r.value);
      if (this.pending.size === 0) this.rest(w);
    });
    const gone = (e: unknown) => {
      if (this.worker !== w) return;
      this.worker = null;
      this.held.clear();
      clearTimeout(this.idle);
      const error = e instanceof Error ? e : new Error(`hash worker (${this.algorithm}) exited`);
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
      this.onLost();
    };
    w.on('error', gone).on('exit', gone);
    return w;
  }

  /** Nothing awaited: let the process exit if it wants to, and end the worker after a while. */
  private rest(w: Worker) {
    w.unref();
    clearTimeout(this.idle);
    this.idle = setTimeout(() => void w.terminate(), this.held.size ? IDLE_HOLDING_MS : IDLE_EMPTY_MS);
    this.idle.unref();
  }
}

/**
 * Running hashes (one per key, for each requested algorithm) on worker threads. `generation` changes whenever a
 * worker is lost (idle exit, crash): running hashes begun in an earlier generation must be rebuilt with `hashFile`.
 */
export class HashWorkers {
  private readonly workers: Record<HashAlgorithm, HashWorker>;
  private gen = 0;

  constructor() {
    const lost = () => void this.gen++;
    this.workers = { sha256: new HashWorker('sha256', lost), sm3: new HashWorker('sm3', lost) };
  }

  get generation(): number {
    return this.gen;
  }

  /** Start empty running hashes for `key`. */
  async begin(key: string, algorithms: readonly HashAlgorithm[]): Promise<void> {
    await Promise.all(algorithms.map((a) => this.workers[a].call({ op: 'begin', key })));
  }

  /** Hash the whole of `file` as `key`'s running hashes (replacing any); resolves with the number of bytes hashed. */
  async hashFile(key: string, algorithms: readonly HashAlgorithm[], file: string): Promise<number> {
    const sizes = await Promise.all(algorithms.map((a) => this.workers[a].call<number>({ op: 'file', key, file })));
    if (sizes.some((s) => s !== sizes[0])) throw new Error(`${file} changed while it was hashed`);
    return sizes[0] ?? 0;
  }

  /** Add `memory[start, start + length)` to `key`'s running hashes; resolves once every algorithm has read them. */
  async update(key: string, algorithms: readonly HashAlgorithm[], memory: SharedArrayBuffer, start: number, length: number): Promise<void> {
    await Promise.all(algorithms.map((a) => this.workers[a].call({ op: 'update', key, memory, start, length })));
  }

  /** The hex digests of everything hashed so far (the running hashes go on). */
  async digest(key: string, algorithms: readonly HashAlgorithm[]): Promise<Partial<Record<HashAlgorithm, string>>> {
    const hex = await Promise.all(algorithms.map((a) => this.workers[a].call<string>({ op: 'digest', key })));
    return Object.fromEntries(algorithms.map((a, i) => [a, hex[i]]));
  }

  /** Drop `key`'s running hashes. */
  async forget(key: string): Promise<void> {
    await Promise.all(Object.values(this.workers).map((w) => w.call({ op: 'forget', key }).catch(() => {})));
  }

  /** End the workers (tests; the process exits without it). */
  async close(): Promise<void> {
    await Promise.all(Object.values(this.workers).map((w) => w.close()));
  }
}

/** The process's hash workers (started on first use). */
export const hashWorkers = new HashWorkers();
