// One test body, two backends: the filesystem store and the S3 store against a local s3rver.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { FsBlobStore, S3BlobStore, BlobNotFoundError, verifyBlob, type BlobStore } from './index.ts';
import { startLocalS3 } from '../../../../test/support/s3.ts';

const sha256 = (b: Buffer | string) => crypto.createHash('sha256').update(b).digest('hex');

const backends: { name: string; open(): Promise<{ store: BlobStore; close(): Promise<void> }> }[] = [
  {
    name: 'fs',
    async open() {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-blobs-'));
      return { store: new FsBlobStore(root), close: async () => fs.rmSync(root, { recursive: true, force: true }) };
    },
  },
  {
    name: 's3',
    async open() {
      const s3 = await startLocalS3();
      const store = new S3BlobStore(s3.options);
      return {
        store,
        close: async () => {
          store.client.destroy();
          await s3.close();
        },
      };
    },
  },
];

for (const backend of backends) {
  describe(`blob store [${backend.name}]`, () => {
    let store: BlobStore;
    let close: () => Promise<void>;
    let work: string;
    before(async () => {
      ({ store, close } = await backend.open());
      work = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-blob-src-'));
    });
    after(async () => {
      await close();
      fs.rmSync(work, { recursive: true, force: true });
    });

    const file = (name: string, content: Buffer | string) => {
      const p = path.join(work, name);
      fs.writeFileSync(p, content);
      return p;
    };

    test('put, stat, get whole and by byte range; the caller keeps its file', async () => {
      const content = Buffer.from('执法记录仪视频 0123456789 '.repeat(1000));
      const key = sha256(content);
      const src = file('a.bin', content);
      assert.equal(await store.stat(key), null);
      assert.deepEqual(await store.putFile(key, src), { created: true });
      assert.ok(fs.existsSync(src), 'source file left to the caller');
      assert.deepEqual(await store.stat(key), { size: content.length });
      assert.ok((await buffer(await store.get(key))).equals(content));
      // (bytes=0-0 is not used: s3rver, the test server, reads an end of 0 as "to the end")
      assert.ok((await buffer(await store.get(key, { start: 0, end: 9 }))).equals(content.subarray(0, 10)));
      assert.ok((await buffer(await store.get(key, { start: 7, end: 7 }))).equals(content.subarray(7, 8)));
      assert.ok((await buffer(await store.get(key, { start: 100, end: 4999 }))).equals(content.subarray(100, 5000)));
      const last = content.length - 1;
      assert.ok((await buffer(await store.get(key, { start: last - 9, end: last }))).equals(content.subarray(last - 9)));
    });

    test('the same bytes stored twice are stored once', async () => {
      const content = Buffer.from(`same bytes ${backend.name}`);
      const key = sha256(content);
      assert.equal((await store.putFile(key, file('s1.bin', content))).created, true);
      assert.equal((await store.putFile(key, file('s2.bin', content))).created, false);
      assert.ok((await buffer(await store.get(key))).equals(content));
    });

    test('a blob larger than one multipart part round-trips', async () => {
      const content = crypto.randomBytes(17 * 1024 * 1024 + 123);
      const key = sha256(content);
      await store.putFile(key, file('big.bin', content));
      assert.deepEqual(await store.stat(key), { size: content.length });
      const check = await verifyBlob(store, key);
      assert.deepEqual(check, { sha256: key, ok: true, present: true, actualSha256: key, size: content.length });
    });

    test('a missing blob: stat null, get BlobNotFoundError, verify reports absent; keys must be SHA-256 hex', async () => {
      const key = sha256('never stored');
      assert.equal(await store.stat(key), null);
      await assert.rejects(store.get(key), BlobNotFoundError);
      assert.deepEqual(await verifyBlob(store, key), { sha256: key, ok: false, present: false, actualSha256: null, size: null });
      await assert.rejects(async () => store.stat('../../etc/passwd'), TypeError);
      await assert.rejects(async () => store.putFile('ABC', file('x.bin', 'x')), TypeError);
    });
  });
}

describe('blob store [fs] on disk', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-blobs-'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  test('sharded by hash prefix, no temp files left, and a flipped byte is reported by verifyBlob', async () => {
    const store = new FsBlobStore(root);
    const content = Buffer.from('原始记录不得修改'.repeat(500));
    const key = sha256(content);
    const src = path.join(root, '..', `${path.basename(root)}-src.bin`);
    fs.writeFileSync(src, content);
    await store.putFile(key, src);
    fs.rmSync(src);
    const onDisk = path.join(root, key.slice(0, 2), key.slice(2, 4), key);
    assert.equal(store.pathOf(key), onDisk);
    assert.deepEqual(fs.readdirSync(path.join(root, 'tmp')), []);
    assert.equal((await verifyBlob(store, key)).ok, true);

    const bytes = fs.readFileSync(onDisk);
    bytes[1234] ^= 0x01;
    fs.chmodSync(onDisk, 0o644);
    fs.writeFileSync(onDisk, bytes);
    const check = await verifyBlob(store, key);
    assert.equal(check.ok, false);
    assert.equal(check.present, true);
    assert.equal(check.actualSha256, sha256(bytes));
  });
});
