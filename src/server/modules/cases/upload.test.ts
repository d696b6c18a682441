// The real tus client (tus-js-client) against the server over TCP, with the connection deliberately cut mid-upload
// by a proxy: the client asks HEAD for the offset and resumes; the evidence has the right hash. The staging underneath
// is tested on its own in platform/blob-store/upload-staging.test.ts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as tus from 'tus-js-client';
import { describeEachEngine } from '../../../../test/support/db.ts';
import { buildTestApp, login, type Session } from '../../../../test/support/app.ts';
import type { App } from '../../platform/app-types.ts';

/** A TCP proxy to `port` that cuts the connection once, after `cutAfter` bytes went upstream in total. */
async function cuttingProxy(port: number, cutAfter: number) {
  let relayed = 0;
  const stats = { cuts: 0, connections: 0 };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    stats.connections++;
    const upstream = net.connect(port, '127.0.0.1');
    sockets.add(client).add(upstream);
    const destroy = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (d: Buffer) => {
      relayed += d.length;
      if (stats.cuts === 0 && relayed > cutAfter) {
        stats.cuts++;
        destroy();
        return;
      }
      if (!upstream.write(d)) client.pause();
    });
    upstream.on('drain', () => client.resume());
    upstream.pipe(client);
    client.on('error', destroy).on('close', () => upstream.end());
    upstream.on('error', destroy);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const close = () => {
    for (const s of sockets) s.destroy(); // the client's keep-alive connections would hold server.close() open
    return new Promise((r) => server.close(r));
  };
  return { port: (server.address() as net.AddressInfo).port, stats, close };
}

describeEachEngine('tus-js-client uploads and resumes after a broken connection', (h) => {
  let app: App;
  let dataDir: string;
  let officer: Session;
  let port: number;
  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-tus-'));
    app = await buildTestApp(h.database, { SANXIANG_DATA_DIR: dataDir });
    officer = await login(app, 'officer');
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as net.AddressInfo).port;
  });
  after(async () => {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  function run(content: Buffer, endpointPort: number, metadata: Record<string, string>) {
    const heads: number[] = [];
    const patches: number[] = [];
    return new Promise<{ evidenceId: string; heads: number[]; patches: number[] }>((resolve, reject) => {
      const upload = new tus.Upload(content, {
        endpoint: `http://127.0.0.1:${endpointPort}/api/v1/uploads`,
        headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrfToken },
        metadata,
        retryDelays: [0, 100, 300, 1000],
        storeFingerprintForResuming: false,
        onBeforeRequest(req) {
          if (req.getMethod() === 'PATCH') patches.push(Number(req.getHeader('Upload-Offset')));
        },
        onAfterResponse(req, res) {
          if (req.getMethod() === 'HEAD') heads.push(Number(res.getHeader('upload-offset')));
        },
        onSuccess: ({ lastResponse }) => resolve({ evidenceId: lastResponse.getHeader('evidence-id')!, heads, patches }),
        onError: reject,
      });
      upload.start();
    });
  }

  test('a plain upload with the real client', async () => {
    const content = crypto.randomBytes(3 * 1024 * 1024 + 17);
    const r = await run(content, port, { filename: '执法记录仪.mp4', filetype: 'video/mp4' });
    const e = (await officer.request('GET', `/api/v1/evidence/${r.evidenceId}`)).json();
    assert.equal(e.sha256, crypto.createHash('sha256').update(content).digest('hex'));
    assert.equal(e.size, content.length);
    assert.equal(e.fileName, '执法记录仪.mp4');
    assert.equal(e.contentType, 'application/octet-stream', 'random bytes are not a video, whatever the client says');
  });

  test("the connection is cut mid-upload: the client resumes from the server's offset and the hash is right", async () => {
    const content = crypto.randomBytes(24 * 1024 * 1024);
    const sha256 = crypto.createHash('sha256').update(content).digest('hex');
    const proxy = await cuttingProxy(port, 9 * 1024 * 1024);
    try {
      const r = await run(content, proxy.port, { filename: 'resumed.bin', sha256 });
      assert.equal(proxy.stats.cuts, 1, 'the connection was cut once');
      assert.ok(proxy.stats.connections >= 2, 'the client reconnected');
      // After the break the client asks HEAD and resumes there. HEAD reports only bytes on disk, so if it came while the
      // cut PATCH was still being written out, the next PATCH gets 409 and the client asks again: every PATCH after the
      // first starts exactly at the offset the HEAD before it reported.
      assert.ok(r.heads.length >= 1 && r.heads.length <= 3, `HEADs after the break: ${r.heads.join(', ')}`);
      const resumedAt = r.heads[r.heads.length - 1]!;
      assert.ok(resumedAt > 0 && resumedAt < content.length, `resumed mid-file at ${resumedAt}`);
      assert.deepEqual(r.patches, [0, ...r.heads], 'each PATCH after the break starts where HEAD said');
      const e = (await officer.request('GET', `/api/v1/evidence/${r.evidenceId}`)).json();
      assert.equal(e.sha256, sha256);
      assert.equal(e.size, content.length);
      const dl = await officer.request('GET', `/api/v1/evidence/${r.evidenceId}/content`);
      assert.ok(dl.rawPayload.equals(content));
    } finally {
      await proxy.close();
    }
  });
});
