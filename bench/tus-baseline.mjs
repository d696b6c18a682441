// The baseline for `npm run bench:ingest`: a plain @tus/server + @tus/file-store, as its README sets it up.
// Run as a child process: BASELINE_DIR=<dir> node bench/tus-baseline.mjs → prints "listening <port>". Plain
// JavaScript, like our compiled server, so neither pays for a TypeScript loader.
// Two reference servers instead, bare node:http, with no storage at all:
//   BASELINE_SINK=drop    reads each request body and drops it: what the benchmark's client and the loopback
//                         connection can carry at most;
//   BASELINE_SINK=sha256  also computes the body's SHA-256 on a worker thread (the body's buffers move there without
//                         a copy, 1 MiB at a time) and answers with it: the most any server that hashes what it
//                         receives can do on this machine, before storing anything.
import http from 'node:http';
import { Worker } from 'node:worker_threads';
import { Server } from '@tus/server';
import { FileStore } from '@tus/file-store';

const mode = process.env.BASELINE_SINK ?? '';

const HASHER = `
const { parentPort } = require('node:worker_threads');
const crypto = require('node:crypto');
let hash = null;
parentPort.on('message', (m) => {
  if (m === 'begin') hash = crypto.createHash('sha256');
  else if (m === 'end') parentPort.postMessage(hash.digest('hex'));
  else for (const b of m) hash.update(new Uint8Array(b));
});`;
const hasher = mode === 'sha256' ? new Worker(HASHER, { eval: true }) : null;

/** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
const drop = (req, res) => {
  req.on('data', () => {}).on('end', () => res.writeHead(204).end());
};

/** One request at a time (the benchmark sends one): the worker holds a single running hash. */
/** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
const hashAndDrop = (req, res) => {
  const worker = /** @type {Worker} */ (hasher);
  worker.postMessage('begin');
  /** @type {ArrayBuffer[]} */
  let batch = [];
  let bytes = 0;
  const send = () => {
    worker.postMessage(batch, batch);
    batch = [];
    bytes = 0;
  };
  req.on('data', (/** @type {Buffer} */ c) => {
    // the parser's buffers own their memory: moved, not copied (anything else is copied first)
    batch.push(c.byteOffset === 0 && c.buffer.byteLength === c.length ? c.buffer : new Uint8Array(c).buffer);
    bytes += c.length;
    if (bytes >= 1024 * 1024) send();
  });
  req.on('end', () => {
    send();
    worker.postMessage('end');
    worker.once('message', (digest) => res.writeHead(204, { 'x-sha256': digest }).end());
  });
};

const tus = mode ? null : new Server({ path: '/files', datastore: new FileStore({ directory: process.env.BASELINE_DIR }) });
const server = http.createServer((req, res) =>
  tus ? void tus.handle(req, res) : mode === 'sha256' ? hashAndDrop(req, res) : drop(req, res),
);
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
