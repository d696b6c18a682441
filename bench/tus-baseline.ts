// The baseline for `npm run bench:ingest`: a plain @tus/server + @tus/file-store, as its README sets it up.
// Run as a child process: BASELINE_DIR=<dir> node --import tsx bench/tus-baseline.ts → prints "listening <port>".
import http from 'node:http';
import { Server } from '@tus/server';
import { FileStore } from '@tus/file-store';

const tus = new Server({ path: '/files', datastore: new FileStore({ directory: process.env.BASELINE_DIR! }) });
const server = http.createServer((req, res) => void tus.handle(req, res));
server.listen(0, '127.0.0.1', () => console.log(`listening ${(server.address() as { port: number }).port}`));
