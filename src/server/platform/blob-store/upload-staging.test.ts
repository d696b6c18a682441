// Partial uploads staged on disk (upload-staging.ts) on their own, below the tus protocol (cases/upload.test.ts):
// odd offsets and sizes around direct I/O's pages, a full ring, a slow client, lost hash workers and a restart.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { hashWorkers } from './hash-workers.ts';
import { UploadStaging } from './upload-staging.ts';

describe('staging: the part is exactly the bytes received, and its hashes are right', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-staging-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
  const sm3 = (b: Buffer) => crypto.createHash('sm3').update(b).digest('hex');
  /** `content` as a request body arriving in pieces of the given sizes (cycled), optionally with a pause after each. */
  const body = (content: Buffer, pieces: number[], pauseMs = 0) =>
    Readable.from(
      (async function* () {
        for (let at = 0, i = 0; at < content.length; i++) {
          const n = pieces[i % pieces.length]!;
          yield content.subarray(at, at + n);
          at += n;
          if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
        }
      })(),
      { objectMode: false },
    );

  test('PATCHes that start and end mid-page, pieces of every size, more than the ring holds: same bytes, same hashes', async () => {
    const staging = new UploadStaging(dir);
    const id = crypto.randomUUID();
    const o = { sm3: true };
    // 1 byte, a page less one, a page and one, then 40 MiB in uneven pieces (more than the 16 MiB ring: backpressure)
    const content = crypto.randomBytes(1 + 4095 + 4097 + 40 * 1024 * 1024 + 333);
    const cuts = [0, 1, 4096, 8193, content.length];
    await staging.create(id, o);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const r = await staging.append(id, o, body(content.subarray(cuts[i]!, cuts[i + 1]!), [1, 65536, 7, 300_000, 4096]), content.length);
      assert.deepEqual(r, { offset: cuts[i + 1], outcome: 'complete' });
      assert.equal(await staging.offset(id), cuts[i + 1]);
    }
    assert.ok(fs.readFileSync(staging.pathOf(id)).equals(content));
    assert.deepEqual(await staging.digest(id, o), { sha256: sha256(content), sm3: sm3(content) });
    await staging.remove(id);
    assert.equal(await staging.offset(id), null);
  });

  test('a body longer than the upload stops at its length ("exceeded"); what fits is kept', async () => {
    const staging = new UploadStaging(dir);
    const id = crypto.randomUUID();
    const o = { sm3: false };
    const content = crypto.randomBytes(3 * 1024 * 1024 + 5);
    await staging.create(id, o);
    const r = await staging.append(id, o, body(content, [65536]), 2 * 1024 * 1024 + 1);
    assert.deepEqual(r, { offset: 2 * 1024 * 1024 + 1, outcome: 'exceeded' });
    assert.deepEqual(await staging.digest(id, o), { sha256: sha256(content.subarray(0, 2 * 1024 * 1024 + 1)), sm3: null });
    await staging.remove(id);
  });

  test('a slow client: what it sent reaches the part (and HEAD) while the request is still open', async () => {
    const staging = new UploadStaging(dir);
    const id = crypto.randomUUID();
    const o = { sm3: false };
    const content = crypto.randomBytes(10_000);
    await staging.create(id, o);
    const source = new Readable({ read() {} });
    const appending = staging.append(id, o, source, content.length);
    source.push(content.subarray(0, 6000));
    let seen = 0;
    for (const end = Date.now() + 10_000; seen < 6000 && Date.now() < end;) {
      await new Promise((r) => setTimeout(r, 50));
      seen = (await staging.offset(id))!;
    }
    assert.equal(seen, 6000, 'written out without waiting for a full batch');
    assert.equal(fs.statSync(staging.pathOf(id)).size, 6000);
    source.push(content.subarray(6000));
    source.push(null);
    assert.deepEqual(await appending, { offset: content.length, outcome: 'complete' });
    assert.equal((await staging.digest(id, o)).sha256, sha256(content));
    await staging.remove(id);
  });

  test('the hash workers are lost between PATCHes, or the process restarts: the hashes are rebuilt from the part', async () => {
    const o = { sm3: true };
    const content = crypto.randomBytes(5 * 1024 * 1024 + 77);
    const half = 2 * 1024 * 1024 + 3;
    const staging = new UploadStaging(dir);
    const id = crypto.randomUUID();
    await staging.create(id, o);
    await staging.append(id, o, body(content.subarray(0, half), [65536]), content.length);
    await hashWorkers.close(); // as if they had crashed (or exited idle)
    await staging.append(id, o, body(content.subarray(half), [65536]), content.length);
    assert.deepEqual(await staging.digest(id, o), { sha256: sha256(content), sm3: sm3(content) });

    // a new process: nothing in memory, only the part on disk
    const restarted = new UploadStaging(dir);
    const other = crypto.randomUUID();
    await staging.create(other, o);
    await staging.append(other, o, body(content.subarray(0, half), [65536]), content.length);
    assert.equal(await restarted.offset(other), half);
    await restarted.append(other, o, body(content.subarray(half), [65536]), content.length);
    assert.deepEqual(await restarted.digest(other, o), { sha256: sha256(content), sm3: sm3(content) });
    await staging.remove(id);
    await restarted.remove(other);
  });
});
