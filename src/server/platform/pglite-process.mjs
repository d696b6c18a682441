// @ts-check
// The embedded database (PGlite, PostgreSQL compiled to WebAssembly) in a process of its own, serving the PostgreSQL
// wire protocol on a Unix socket to the process that started it (platform/db.ts). The server then talks to it exactly
// as to a PostgreSQL server (the `pg` driver), and:
//   - a query never blocks the server's event loop: PGlite executes synchronously, so in the server's own process a
//     slow report or search held up every other request (and every upload's bytes) until it finished;
//   - the server's memory is the server's: the engine's WebAssembly heap and code (~150 MB) live here.
// One client connection is served at a time (PGlite has one session); a connection that arrives meanwhile waits.
// When a connection ends, an open transaction is rolled back and the session reset before the next one is served.
// The process holds the data directory's lock, and ends (closing the database cleanly) when its parent says so or
// is gone — a kill -9 of the parent included.
//
// Hand-written rather than @electric-sql/pglite-socket: that package pins an older PGlite exactly and pulls every
// PGlite extension in as a peer dependency.
//
// Plain JavaScript, so that it starts without a TypeScript loader whether the server runs compiled (dist) or from
// its TypeScript sources (tests, `npm run dev`, the CLI).
// Run by platform/db.ts as: node pglite-process.mjs with an IPC channel and the environment
//   SANXIANG_PGLITE_DIR (data directory), SANXIANG_PGLITE_SOCKET (socket path, in a directory made for it alone,
//   removed at the end).
// It sends { ready: true } once it accepts connections, or { error } and exits 1.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/** Startup-phase request codes (they have no type byte): SSL and GSS encryption requests, cancel, protocol 3.0. */
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
/** How long to wait for a data directory whose database process is closing (its server stopped or was killed). */
const CLOSING_WAIT_MS = 30_000;

/**
 * @typedef {object} Lock
 * @property {() => void} closing  mark the lock as closing: a process that wants the directory waits instead of giving up
 * @property {() => void} release
 */

/**
 * Two processes opening one PGlite data directory would corrupt it: a lock file `<dir>.lock` beside it with the
 * owner's pid keeps a second one out. A lock whose owner is gone (killed) is taken over; one whose owner is closing
 * is waited for (up to CLOSING_WAIT_MS); one whose owner is at work is refused at once.
 */
/** @param {string} dataDir @returns {Promise<Lock>} */
async function lockDataDir(dataDir) {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, '..', `${path.basename(dataDir)}.lock`);
  const deadline = Date.now() + CLOSING_WAIT_MS;
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      const ours = () => readLock(file).pid === process.pid;
      return {
        closing: () => ours() && fs.writeFileSync(file, `${process.pid} closing`),
        release: () => ours() && fs.rmSync(file, { force: true }),
      };
    } catch (e) {
      if (/** @type {NodeJS.ErrnoException} */ (e).code !== 'EEXIST') throw e;
    }
    const { pid, closing } = readLock(file);
    if (pid && pid !== process.pid && isAlive(pid)) {
      if (!closing || Date.now() > deadline)
        throw new Error(
          `嵌入式数据库 ${dataDir} 正被进程 ${pid} 使用（通常是正在运行的服务器）。请先停止它，或设置 DATABASE_URL 使用 PostgreSQL 服务器。`,
        );
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    fs.rmSync(file, { force: true }); // stale lock of a process that is gone
  }
}

/** @param {string} file @returns {{ pid: number, closing: boolean }} */
function readLock(file) {
  try {
    const [pid, state] = fs.readFileSync(file, 'utf8').trim().split(' ');
    return { pid: Number(pid), closing: state === 'closing' };
  } catch {
    return { pid: 0, closing: false };
  }
}

/** @param {number} pid */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return /** @type {NodeJS.ErrnoException} */ (e).code === 'EPERM';
  }
}

/** Bytes received on a connection, split into whole protocol messages without copying more than once. */
class MessageReader {
  /** @type {Buffer[]} */
  #chunks = [];
  #length = 0;
  /** Before the startup message, messages have no type byte. */
  startup = true;

  /** @param {Buffer} chunk */
  push(chunk) {
    this.#chunks.push(chunk);
    this.#length += chunk.length;
  }

  /** The next whole message, or null until more bytes arrive. @returns {Buffer | null} */
  next() {
    const headerSize = this.startup ? 4 : 5;
    if (this.#length < headerSize) return null;
    const head = this.#peek(headerSize);
    const size = this.startup ? head.readInt32BE(0) : 1 + head.readInt32BE(1);
    if (size < headerSize - 1 || size > 1024 ** 3) throw new Error(`malformed protocol message (length ${size})`);
    if (this.#length < size) return null;
    return this.#take(size);
  }

  /** @param {number} n */
  #peek(n) {
    return this.#front(n).subarray(0, n);
  }

  /** @param {number} n */
  #take(n) {
    const first = this.#front(n);
    if (first.length === n) this.#chunks.shift();
    else this.#chunks[0] = first.subarray(n);
    this.#length -= n;
    return first.subarray(0, n);
  }

  /** The first chunk, joined with the ones after it when it holds fewer than `n` bytes. @param {number} n */
  #front(n) {
    if (this.#chunks[0].length < n) this.#chunks = [Buffer.concat(this.#chunks)];
    return this.#chunks[0];
  }
}

/**
 * Serve one client connection until it ends; resolves once the session is clean for the next one.
 * @param {PGlite} db @param {net.Socket} socket @returns {Promise<void>}
 */
async function serve(db, socket) {
  const reader = new MessageReader();
  /** @type {(() => void) | null} */
  let wake = null;
  let ended = false;
  socket.on('data', (/** @type {Buffer} */ chunk) => {
    reader.push(chunk);
    wake?.();
  });
  const end = () => {
    ended = true;
    wake?.();
  };
  socket.on('end', end).on('close', end).on('error', end);
  socket.resume();
  try {
    for (;;) {
      const message = reader.next();
      if (!message) {
        if (ended) break;
        await new Promise((r) => (wake = () => r(undefined)));
        wake = null;
        continue;
      }
      if (reader.startup) {
        const code = message.readInt32BE(4);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          socket.write('N'); // no encryption on a local socket; the client goes on with the startup message
          continue;
        }
        if (code === CANCEL_REQUEST) break; // nothing to cancel: PGlite runs one statement at a time, to the end
        if (code !== PROTOCOL_3) throw new Error(`unsupported protocol version ${code}`);
        reader.startup = false;
      } else if (message[0] === 0x58) break; // 'X' Terminate
      await db.execProtocolRawStream(new Uint8Array(message.buffer, message.byteOffset, message.length), {
        onRawData: (data) => {
          if (!socket.destroyed) socket.write(Buffer.from(data));
        },
      });
      if (socket.writableNeedDrain && !socket.destroyed) await new Promise((r) => socket.once('drain', r).once('close', r));
    }
  } finally {
    socket.destroy();
    // The next connection starts with a clean session: no transaction left open, no prepared statements or settings.
    if (db.isInTransaction()) await db.exec('ROLLBACK');
    await db.exec('DISCARD ALL');
  }
}

async function main() {
  const dataDir = /** @type {string} */ (process.env.SANXIANG_PGLITE_DIR);
  const socketPath = /** @type {string} */ (process.env.SANXIANG_PGLITE_SOCKET);
  const lock = await lockDataDir(dataDir);
  const db = await PGlite.create(dataDir);
  let queue = Promise.resolve();
  const server = net.createServer({ pauseOnConnect: true }, (socket) => {
    queue = queue
      .then(() => serve(db, socket))
      .catch((e) => {
        console.error(`embedded database: ${e.message}`);
      });
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(socketPath, () => resolve(undefined)));

  /** @type {Promise<void> | null} */
  let closing = null;
  const close = () =>
    (closing ??= (async () => {
      lock.closing();
      server.close();
      await Promise.race([queue, new Promise((r) => setTimeout(r, 5_000))]);
      await db.close();
      lock.release();
      fs.rmSync(path.dirname(socketPath), { recursive: true, force: true }); // the private directory made for the socket
      process.exit(0);
    })());
  process.on('message', (/** @type {{ close?: boolean }} */ m) => m?.close && void close());
  process.on('disconnect', () => void close()); // the parent is gone (a kill -9 too)
  // The parent decides when the database closes (after its own requests are done); a Ctrl-C reaches both processes.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => {});
  process.send?.({ ready: true });
}

main().catch((e) => {
  process.send?.({ error: e.message });
  process.exit(1);
});
