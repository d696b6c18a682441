// The baseline for `npm run bench:ingest`: a plain @tus/server + @tus/file-store, as its README sets it up.
// Run as a child process: BASELINE_DIR=<dir> node bench/tus-baseline.mjs → prints "listening <port>". Plain
// JavaScript, like our compiled server, so neither pays for a TypeScript loader.
// With BASELINE_SINK=1 it is instead a bare node:http server that reads each request body and drops it: what the
// benchmark's client and the loopback connection can carry at most, with no storage at all.
import http from 'node:http';
import { Server } from '@tus/server';
import { FileStore } from '@tus/file-store';

/** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
const sink = (req, res) => {
  req.on('data', () => {}).on('end', () => res.writeHead(204).end());
};
const tus = process.env.BASELINE_SINK ? null : new Server({ path: '/files', datastore: new FileStore({ directory: process.env.BASELINE_DIR }) });
const server = http.createServer((req, res) => (tus ? void tus.handle(req, res) : sink(req, res)));
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
