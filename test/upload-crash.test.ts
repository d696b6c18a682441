// kill -9 the server in the middle of a resumable upload: after a restart HEAD gives the offset of the bytes that
// reached the disk, the upload resumes from there and completes with the right hash (SPEC §8 "nothing lost").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describeEachEngine } from './support/db.ts';
import { loginOverHttp, serverProcess, type ServerProcess } from './support/server.ts';

const PASSWORD = 'Crash-Test-Passw0rd';
const SIZE = 48 * 1024 * 1024;
const TUS = { 'tus-resumable': '1.0.0' };

describeEachEngine('crash safety (kill -9 during an upload)', (h) => {
  let server: ServerProcess;
  before(() => {
    server = serverProcess(h, PASSWORD, 'sanxiang-upload-crash-');
  });
  after(() => server.dispose());
  const start = () => server.start();
  const loginOfficer = (base: string) => loginOverHttp(base, 'officer', PASSWORD);

  test('HEAD after a restart gives the staged offset; the upload resumes and completes with the right hash', async () => {
    const content = crypto.randomBytes(SIZE);
    const sha256 = crypto.createHash('sha256').update(content).digest('hex');
    let base = await start();
    let auth = await loginOfficer(base);
    // every blob file in the store (the demo cases' media): an interrupted upload must add none
    const blobFiles = (): string[] => {
      const root = path.join(server.dir, 'blobs');
      if (!fs.existsSync(root)) return [];
      return (fs.readdirSync(root, { recursive: true }) as string[])
        .filter((f) => !f.startsWith('tmp') && fs.statSync(path.join(root, f)).isFile())
        .sort();
    };
    const blobsBefore = blobFiles();
    const created = await fetch(`${base}/api/v1/uploads`, {
      method: 'POST',
      headers: {
        ...auth,
        ...TUS,
        'upload-length': String(SIZE),
        'upload-metadata': `filename ${Buffer.from('崩溃续传.bin').toString('base64')},sha256 ${Buffer.from(sha256).toString('base64')}`,
      },
    });
    assert.equal(created.status, 201);
    const url = `${base}${created.headers.get('location')}`;
    const uploadPath = created.headers.get('location')!;

    // Send the first 20 MiB of one PATCH and keep the request open (the body is not finished), then kill -9.
    const req = http.request(url, {
      method: 'PATCH',
      headers: { ...auth, ...TUS, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream', 'content-length': String(SIZE) },
    });
    req.on('error', () => {}); // the connection dies with the server
    const sent = 20 * 1024 * 1024;
    for (let o = 0; o < sent; o += 1024 * 1024)
      if (!req.write(content.subarray(o, o + 1024 * 1024))) await new Promise((r) => req.once('drain', r));
    const head = async (b: string) => fetch(`${b}${uploadPath}`, { method: 'HEAD', headers: { ...auth, ...TUS } });
    // wait (generously: CI machines are busy) until the server reports 16 MiB received
    let seen = 0;
    for (const end = Date.now() + 60_000; seen < 16 * 1024 * 1024 && Date.now() < end;) {
      seen = Number((await head(base)).headers.get('upload-offset'));
      if (seen < 16 * 1024 * 1024) await new Promise((r) => setTimeout(r, 25));
    }
    assert.ok(seen >= 16 * 1024 * 1024, `the server received only ${seen} bytes in 60 s`);
    await server.kill9();
    req.destroy();

    base = await start();
    auth = await loginOfficer(base);
    const after = await head(base);
    assert.equal(after.status, 200);
    const offset = Number(after.headers.get('upload-offset'));
    // every byte the server reported before the kill is still there
    assert.ok(offset >= seen && offset <= sent, `resumes at ${offset}, reported ${seen} before the kill`);
    assert.equal(after.headers.get('upload-length'), String(SIZE));
    // No blob or evidence yet: nothing partial is stored under a final name.
    assert.deepEqual(blobFiles(), blobsBefore);
    const blob = path.join(server.dir, 'blobs', sha256.slice(0, 2), sha256.slice(2, 4), sha256);

    const rest = await fetch(`${base}${uploadPath}`, {
      method: 'PATCH',
      headers: { ...auth, ...TUS, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
      body: content.subarray(offset),
    });
    assert.equal(rest.status, 204, await rest.text());
    assert.equal(rest.headers.get('upload-offset'), String(SIZE));
    const evidence = (await (await fetch(`${base}${rest.headers.get('evidence-location')}`, { headers: auth })).json()) as {
      sha256: string;
      size: number;
      fileName: string;
    };
    assert.deepEqual(evidence.sha256, sha256);
    assert.equal(evidence.size, SIZE);
    assert.equal(evidence.fileName, '崩溃续传.bin');
    assert.equal(crypto.createHash('sha256').update(fs.readFileSync(blob)).digest('hex'), sha256);
    server.child!.kill('SIGTERM');
  });
});
