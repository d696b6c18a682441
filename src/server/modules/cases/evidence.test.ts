// Evidence store over HTTP: the tus protocol (creation, HEAD, PATCH offsets, termination), scope, limits,
// declared hashes, names, deadlines, downloads with Range, audit, ledger entries, append-only metadata.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { spawnSync } from 'node:child_process';
import { describeEachEngine, postgresUrl, withDatabase } from '../../../../test/support/db.ts';
import { buildTestApp, login, type Session } from '../../../../test/support/app.ts';
import type { App } from '../../platform/app-types.ts';
import { S3BlobStore } from '../../platform/blob-store/index.ts';
import { startLocalS3, type LocalS3 } from '../../../../test/support/s3.ts';
import { TUS, assertError } from '../../../../test/support/http.ts';

const MAX = 8 * 1024 * 1024;
const b64 = (s: string) => Buffer.from(s).toString('base64');
export const uploadMetadata = (m: Record<string, string>) =>
  Object.entries(m)
    .map(([k, v]) => `${k} ${b64(v)}`)
    .join(',');
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

/** A PNG by its magic bytes (signature, IHDR, some IDAT, IEND), whatever the client says it is. */
function png(size = 5000): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type), data, Buffer.alloc(4)]);
  };
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', Buffer.alloc(13, 1)),
    chunk('IDAT', crypto.randomBytes(size)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describeEachEngine('evidence store and tus uploads', (h) => {
  let app: App;
  let dataDir: string;
  let officer: Session;
  let officer2: Session;
  let xixia: Session;
  let supervisor: Session;
  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-evidence-'));
    app = await buildTestApp(h.database, { SANXIANG_DATA_DIR: dataDir, SANXIANG_UPLOAD_MAX_BYTES: String(MAX) });
    [officer, officer2, xixia, supervisor] = await Promise.all(
      ['officer', 'officer2', 'xixia.officer', 'supervisor'].map((u) => login(app, u)),
    );
  });
  after(async () => {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const create = (s: Session, length: number, meta: Record<string, string> = {}, headers: Record<string, string> = {}) =>
    s.request('POST', '/api/v1/uploads', undefined, {
      ...TUS,
      'upload-length': String(length),
      'upload-metadata': uploadMetadata(meta),
      ...headers,
    });
  const patch = (s: Session, url: string, offset: number, body: Buffer, headers: Record<string, string> = {}) =>
    s.request('PATCH', url, body, {
      ...TUS,
      'upload-offset': String(offset),
      'content-type': 'application/offset+octet-stream',
      ...headers,
    });
  const head = (s: Session, url: string) => s.request('HEAD', url, undefined, TUS);
  const stagedPart = (url: string) => path.join(dataDir, 'uploads', `${url.split('/').pop()}.part`);
  const blobPath = (hex: string) => path.join(dataDir, 'blobs', hex.slice(0, 2), hex.slice(2, 4), hex);

  /** Upload `content` in one PATCH; returns the evidence id. */
  async function upload(s: Session, content: Buffer, meta: Record<string, string> = {}): Promise<string> {
    const c = await create(s, content.length, meta);
    assert.equal(c.statusCode, 201, c.body);
    const p = await patch(s, c.headers.location as string, 0, content);
    assert.equal(p.statusCode, 204, p.body);
    return p.headers['evidence-id'] as string;
  }

  test('OPTIONS tells the version, extensions and maximum size', async () => {
    const r = await app.inject({ method: 'OPTIONS', url: '/api/v1/uploads' });
    assert.equal(r.statusCode, 204);
    assert.equal(r.headers['tus-resumable'], '1.0.0');
    assert.equal(r.headers['tus-version'], '1.0.0');
    assert.deepEqual(String(r.headers['tus-extension']).split(','), ['creation', 'termination']);
    assert.equal(r.headers['tus-max-size'], String(MAX));
  });

  test('creation, HEAD and PATCH at the right offsets; 409 on a wrong offset; completion records the evidence', async () => {
    const content = png(300_000);
    const c = await create(officer, content.length, {
      filename: '现场照片.png',
      filetype: 'text/plain',
      deviceId: 'DSJ-001',
      place: '奈曼旗大沁他拉镇',
    });
    assert.equal(c.statusCode, 201, c.body);
    assert.equal(c.headers['tus-resumable'], '1.0.0');
    const url = c.headers.location as string;
    assert.match(url, /^\/api\/v1\/uploads\/[0-9a-f-]{36}$/);
    let hd = await head(officer, url);
    assert.equal(hd.statusCode, 200);
    assert.equal(hd.headers['upload-offset'], '0');
    assert.equal(hd.headers['upload-length'], String(content.length));
    assert.equal(hd.headers['cache-control'], 'no-store');

    const first = await patch(officer, url, 0, content.subarray(0, 100_000));
    assert.equal(first.statusCode, 204, first.body);
    assert.equal(first.headers['upload-offset'], '100000');
    assert.equal(first.headers['evidence-id'], undefined);
    assertError(await patch(officer, url, 0, content.subarray(0, 10)), 409, 'UPLOAD_OFFSET_MISMATCH');
    assertError(await patch(officer, url, 200_000, content.subarray(200_000)), 409, 'UPLOAD_OFFSET_MISMATCH');
    assertError(await officer2.request('GET', url), 404, 'NOT_FOUND'); // an upload is its creator's alone (issue 14)
    hd = await head(officer, url);
    assert.equal(hd.headers['upload-offset'], '100000');

    const last = await patch(officer, url, 100_000, content.subarray(100_000));
    assert.equal(last.statusCode, 204, last.body);
    assert.equal(last.headers['upload-offset'], String(content.length));
    const id = last.headers['evidence-id'] as string;
    assert.ok(id);
    assert.equal(last.headers['evidence-location'], `/api/v1/evidence/${id}`);
    assert.ok(!fs.existsSync(stagedPart(url)), 'staged part removed');
    assert.ok(fs.readFileSync(blobPath(sha256(content))).equals(content), 'blob stored under its SHA-256');

    const e = (await officer.request('GET', `/api/v1/evidence/${id}`)).json();
    assert.equal(e.sha256, sha256(content));
    assert.equal(e.sm3, null);
    assert.equal(e.size, content.length);
    assert.equal(e.contentType, 'image/png', 'detected from the bytes, not the declared text/plain');
    assert.equal(e.fileName, '现场照片.png');
    assert.equal(e.deviceId, 'DSJ-001');
    assert.equal(e.place, '奈曼旗大沁他拉镇');
    assert.equal(e.late, false);
    const status = (await officer.request('GET', url)).json();
    assert.deepEqual(
      { status: status.status, offset: status.offset, evidenceId: status.evidenceId },
      { status: 'completed', offset: content.length, evidenceId: id },
    );

    // the ledger commits to the content in the same transaction as the row
    const entries = await sql<{ content_hash: string; kind: string; actor: string }>`
      select content_hash, kind, actor from ledger_entries where subject = ${id}
      union all select content_hash, kind, actor from ledger_queue where subject = ${id}`.execute(h.db);
    assert.ok(entries.rows.length >= 1, 'ledger entry appended');
    for (const r of entries.rows)
      assert.deepEqual(r, { content_hash: `sha256:${sha256(content)}`, kind: 'evidence.file', actor: 'officer' });
  });

  test("another agency's upload and evidence answer 404; lists are scoped; supervisors see their division", async () => {
    const c = await create(officer, 10);
    const url = c.headers.location as string;
    assert.equal((await head(xixia, url)).statusCode, 404, 'HEAD answers have no body');
    assertError(await patch(xixia, url, 0, Buffer.alloc(10)), 404, 'NOT_FOUND');
    assertError(await xixia.request('DELETE', url, undefined, TUS), 404, 'NOT_FOUND');
    assert.equal((await head(officer, url)).headers['upload-offset'], '0', 'untouched');
    const id = await upload(officer, Buffer.from('奈曼旗的证据'));
    assertError(await xixia.request('GET', `/api/v1/evidence/${id}`), 404, 'NOT_FOUND');
    assertError(await xixia.request('GET', `/api/v1/evidence/${id}/content`), 404, 'NOT_FOUND');
    const theirs = await upload(xixia, Buffer.from('西夏区的证据'));
    const mine = (await officer.request('GET', '/api/v1/evidence')).json().items.map((e: { id: string }) => e.id);
    assert.ok(mine.includes(id) && !mine.includes(theirs));
    const sup = (await supervisor.request('GET', '/api/v1/evidence')).json().items.map((e: { id: string }) => e.id);
    assert.ok(sup.includes(id) && !sup.includes(theirs), '内蒙古 supervisor sees 奈曼旗, not 西夏区');
    assert.equal((await supervisor.request('GET', `/api/v1/evidence/${id}`)).statusCode, 200);
    assertError(await create(supervisor, 10), 403, 'FORBIDDEN');
  });

  test('protocol errors: 412 without Tus-Resumable, 415 wrong content type, 413 too large, 400 bad headers, 401 anonymous, 403 without CSRF', async () => {
    const r = await officer.request('POST', '/api/v1/uploads', undefined, { 'upload-length': '10' });
    assertError(r, 412, 'TUS_VERSION_UNSUPPORTED');
    assert.equal(r.headers['tus-version'], '1.0.0');
    const url = (await create(officer, 10)).headers.location as string;
    assertError(
      await patch(officer, url, 0, Buffer.alloc(10), { 'content-type': 'application/octet-stream' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    assertError(await officer.request('PATCH', url, { a: 1 }, { ...TUS, 'upload-offset': '0' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    assertError(await create(officer, MAX + 1), 413, 'PAYLOAD_TOO_LARGE');
    assertError(await officer.request('POST', '/api/v1/uploads', undefined, TUS), 400, 'BAD_REQUEST');
    assertError(await create(officer, 10, {}, { 'upload-length': '-1' }), 400, 'BAD_REQUEST');
    assertError(await create(officer, 10, {}, { 'upload-defer-length': '1' }), 400, 'BAD_REQUEST');
    assertError(await create(officer, 10, {}, { 'upload-metadata': 'filename ***' }), 400, 'BAD_REQUEST');
    assertError(await create(officer, 10, { sha256: 'abc' }), 400, 'VALIDATION_FAILED');
    assertError(
      await create(officer, 10, {
        recordingStart: '2025-03-01T10:00:00+08:00',
        recordingEnd: '2025-03-01T09:00:00+08:00',
        lateReason: '补传',
      }),
      400,
      'VALIDATION_FAILED',
    );
    assertError(await create(officer, 10, { interruptions: '[{"start":"2025-03-01T10:00:00+08:00"}]' }), 400, 'VALIDATION_FAILED');
    assertError(await patch(officer, url, 0, Buffer.alloc(11)), 400, 'UPLOAD_EXCEEDS_LENGTH');
    assertError(await patch(officer, url, 0, Buffer.alloc(4), { 'upload-offset': 'x' }), 400, 'BAD_REQUEST');
    assertError(
      await app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { ...TUS, 'upload-length': '10' } }),
      401,
      'UNAUTHENTICATED',
    );
    assert.equal((await app.inject({ method: 'HEAD', url, headers: TUS })).statusCode, 401);
    const noCsrf = await app.inject({
      method: 'POST',
      url: '/api/v1/uploads',
      headers: { ...TUS, 'upload-length': '10', cookie: officer.cookie },
    });
    assertError(noCsrf, 403, 'CSRF_TOKEN_INVALID');
    assert.equal((await head(officer, url)).headers['upload-offset'], '0', 'nothing was written by the refused requests');
  });

  test('termination discards the staged part; a completed upload cannot be terminated', async () => {
    const c = await create(officer, 1000);
    const url = c.headers.location as string;
    await patch(officer, url, 0, Buffer.alloc(400, 7));
    assert.equal(fs.statSync(stagedPart(url)).size, 400);
    const del = await officer.request('DELETE', url, undefined, TUS);
    assert.equal(del.statusCode, 204, del.body);
    assert.equal(del.headers['tus-resumable'], '1.0.0');
    assert.ok(!fs.existsSync(stagedPart(url)));
    assert.equal((await head(officer, url)).statusCode, 404);
    assertError(await patch(officer, url, 400, Buffer.alloc(600)), 404, 'NOT_FOUND');
    const done = await create(officer, 3);
    await patch(officer, done.headers.location as string, 0, Buffer.from('abc'));
    assertError(await officer.request('DELETE', done.headers.location as string, undefined, TUS), 409, 'CONFLICT');
  });

  test('the same bytes uploaded twice: two evidence records, one blob', async () => {
    const content = crypto.randomBytes(50_000);
    const a = await upload(officer, content, { filename: 'a.bin' });
    const b = await upload(officer2, content, { filename: 'b.bin' });
    assert.notEqual(a, b);
    const rows = await h.db.selectFrom('evidence_files').select(['id', 'sha256']).where('sha256', '=', sha256(content)).execute();
    assert.equal(rows.length, 2);
    const shard = path.dirname(blobPath(sha256(content)));
    assert.deepEqual(
      fs.readdirSync(shard).filter((f) => f === sha256(content)),
      [sha256(content)],
    );
    const created = await h.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'evidence.create')
      .where('subject', 'in', [a, b])
      .execute();
    assert.equal(created.length, 2);
  });

  test('a declared SHA-256 that does not match: rejected, nothing stored', async () => {
    const content = crypto.randomBytes(20_000);
    const wrong = sha256(Buffer.from('something else'));
    const before = await h.db
      .selectFrom('evidence_files')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const c = await create(officer, content.length, { sha256: wrong });
    const url = c.headers.location as string;
    const r = await patch(officer, url, 0, content);
    assertError(r, 400, 'UPLOAD_HASH_MISMATCH');
    assert.equal(r.json().error.details.received, sha256(content));
    const after = await h.db
      .selectFrom('evidence_files')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(after.n, before.n);
    assert.ok(!fs.existsSync(blobPath(sha256(content))), 'no blob');
    assert.ok(!fs.existsSync(stagedPart(url)), 'no staged part');
    assert.equal((await head(officer, url)).statusCode, 404);
    const audit = await h.db
      .selectFrom('audit_log')
      .select(['outcome'])
      .where('action', '=', 'evidence.upload.reject')
      .where('subject', '=', url.split('/').pop()!)
      .execute();
    assert.deepEqual(audit, [{ outcome: 'failure' }]);
    // the right hash (upper case accepted) is accepted
    assert.ok(await upload(officer, content, { sha256: sha256(content).toUpperCase() }));
  });

  test('file names: path tricks, control characters and ".." are stripped; Chinese names kept; U+0000 refused', async () => {
    const names: [string, string][] = [
      ['../../../etc/passwd', 'passwd'],
      ['..\\..\\Windows\\win.ini', 'win.ini'],
      ['执法记录\u0007仪\r\n视频.mp4', '执法记录仪视频.mp4'],
      ['..', '未命名文件'],
      ['报告\u202Efdp.exe', '报告fdp.exe'],
    ];
    for (const [raw, expected] of names) {
      const id = await upload(officer, Buffer.from(raw), { filename: raw });
      assert.equal((await officer.request('GET', `/api/v1/evidence/${id}`)).json().fileName, expected, JSON.stringify(raw));
    }
    // U+0000 is refused in every text the server takes, the metadata included (issue 14, platform/input-text.ts)
    assertError(await create(officer, 4, { filename: '执法记录\u0000仪.mp4' }), 400, 'VALIDATION_FAILED');
  });

  test('AV upload deadline from the policy in force: late without a reason → 400; with one → recorded as late', async () => {
    const hoursAgo = (n: number) => new Date(Date.now() - n * 3600_000).toISOString();
    const late = await create(officer, 4, { recordingStart: hoursAgo(27), recordingEnd: hoursAgo(25), deviceId: 'DSJ-002' });
    assertError(late, 400, 'UPLOAD_LATE_REASON_REQUIRED');
    assert.match(late.json().error.message, /24 小时/);
    assert.equal(late.json().error.details.policyId, 'nmg-244');
    const withReason = await upload(officer, Buffer.from('late'), {
      recordingStart: hoursAgo(27),
      recordingEnd: hoursAgo(25),
      lateReason: '偏远牧区无网络，返回后补传',
      officerName: '张执法',
      interruptions: JSON.stringify([{ start: hoursAgo(26.5), end: hoursAgo(26), reason: '设备电量不足更换电池' }]),
    });
    const e = (await officer.request('GET', `/api/v1/evidence/${withReason}`)).json();
    assert.equal(e.late, true);
    assert.equal(e.lateReason, '偏远牧区无网络，返回后补传');
    assert.equal(e.officerName, '张执法');
    assert.equal(e.interruptions.length, 1);
    assert.equal(e.interruptions[0].reason, '设备电量不足更换电池');
    assert.equal(Date.parse(e.uploadDeadline), Date.parse(e.recordingEnd) + 24 * 3600_000);

    const onTime = await upload(officer, Buffer.from('on time'), { recordingEnd: hoursAgo(23) });
    assert.equal((await officer.request('GET', `/api/v1/evidence/${onTime}`)).json().late, false);

    // 西夏区 under the Yinchuan pack: one working day, counted on the holiday calendar
    const admin = await login(app, 'admin');
    assert.equal((await admin.request('PUT', '/api/v1/divisions/640100/policy', { policyId: 'yinchuan-2018' })).statusCode, 200);
    const friday = await upload(xixia, Buffer.from('friday'), { recordingEnd: '2025-03-07T22:30:00+08:00', lateReason: '测试' });
    const f = (await xixia.request('GET', `/api/v1/evidence/${friday}`)).json();
    assert.equal(f.uploadDeadline, new Date('2025-03-11T00:00:00+08:00').toISOString());
    assert.equal(f.late, true);
    const tooLate = await create(xixia, 4, { recordingEnd: '2025-03-07T22:30:00+08:00' });
    assert.match(tooLate.json().error.message, /1 个工作日/);
    assert.equal((await create(officer, 4, { officerUserId: crypto.randomUUID() })).json().error.code, 'VALIDATION_FAILED');
  });

  test('downloads: whole file and byte ranges (206, 416), detected type, RFC 5987 name, nosniff; every download audited', async () => {
    const content = png(10_000);
    const id = await upload(officer, content, { filename: '现场 照片.png', filetype: 'text/html' });
    const url = `/api/v1/evidence/${id}/content`;
    const auditCount = async () =>
      (await h.db.selectFrom('audit_log').select('id').where('action', '=', 'evidence.download').where('subject', '=', id).execute())
        .length;

    // a colleague outside the (not yet linked) file's uploader and the heads needs an approved access request
    assertError(await officer2.request('GET', url), 403, 'ACCESS_REQUEST_REQUIRED');
    const whole = await officer.request('GET', url);
    assert.equal(whole.statusCode, 200);
    assert.ok(whole.rawPayload.equals(content));
    assert.equal(whole.headers['content-type'], 'image/png');
    assert.equal(whole.headers['x-content-type-options'], 'nosniff');
    assert.equal(whole.headers['accept-ranges'], 'bytes');
    assert.equal(whole.headers['content-length'], String(content.length));
    assert.equal(
      whole.headers['content-disposition'],
      `attachment; filename="__ __.png"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%20%E7%85%A7%E7%89%87.png`,
    );

    const part = await officer.request('GET', url, undefined, { range: 'bytes=100-199' });
    assert.equal(part.statusCode, 206);
    assert.equal(part.headers['content-range'], `bytes 100-199/${content.length}`);
    assert.ok(part.rawPayload.equals(content.subarray(100, 200)));
    const suffix = await officer.request('GET', url, undefined, { range: 'bytes=-10' });
    assert.equal(suffix.statusCode, 206);
    assert.ok(suffix.rawPayload.equals(content.subarray(content.length - 10)));
    const open = await officer.request('GET', url, undefined, { range: `bytes=${content.length - 5}-` });
    assert.ok(open.rawPayload.equals(content.subarray(content.length - 5)));
    const bad = await officer.request('GET', url, undefined, { range: `bytes=${content.length}-` });
    assertError(bad, 416, 'RANGE_NOT_SATISFIABLE');
    assert.equal(bad.headers['content-range'], `bytes */${content.length}`);
    assert.equal(
      (await officer.request('GET', url, undefined, { range: 'pages=1-2' })).statusCode,
      200,
      'an unknown unit gets the whole file',
    );

    assert.equal(await auditCount(), 5, 'five downloads audited (the refused one is not a download)');
    const rows = await h.db
      .selectFrom('audit_log')
      .select(['actor_username', 'details'])
      .where('action', '=', 'evidence.download')
      .where('subject', '=', id)
      .orderBy('id')
      .execute();
    assert.equal(rows[0]!.actor_username, 'officer');
    assert.equal((rows[1]!.details as { range: string }).range, '100-199');
  });

  test('evidence_files refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    const id = await upload(officer, Buffer.from('不得修改'));
    for (const statement of [
      sql`update evidence_files set file_name = 'x' where id = ${id}`,
      sql`update evidence_files set late = false`,
      sql`delete from evidence_files where id = ${id}`,
      sql`truncate evidence_files cascade`,
    ]) {
      await assert.rejects(statement.execute(h.db), /append-only/);
    }
    assert.equal((await officer.request('GET', `/api/v1/evidence/${id}`)).json().fileName, '未命名文件');
  });

  test('tampering is detected: a flipped byte in a stored blob fails GET …/verify and `sanxiang ledger verify`', async () => {
    const content = crypto.randomBytes(64 * 1024);
    const id = await upload(officer, content, { filename: '现场照片.jpg' });
    let v = (await officer.request('GET', `/api/v1/evidence/${id}/verify`)).json();
    for (const end = Date.now() + 10_000; v.ledger.seq === null && Date.now() < end;) {
      await new Promise((r) => setTimeout(r, 50)); // the integrator gives the entry its sequence number
      v = (await officer.request('GET', `/api/v1/evidence/${id}/verify`)).json();
    }
    assert.equal(v.ok, true, JSON.stringify(v));
    assert.deepEqual([v.blob.ok, v.ledger.matches, v.ledger.included], [true, true, true]);
    assert.equal((await xixia.request('GET', `/api/v1/evidence/${id}/verify`)).statusCode, 404);

    const sha = crypto.createHash('sha256').update(content).digest('hex');
    const file = blobPath(sha);
    fs.chmodSync(file, 0o644);
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.from([content[1000]! ^ 0xff]), 0, 1, 1000);
    fs.closeSync(fd);
    v = (await officer.request('GET', `/api/v1/evidence/${id}/verify`)).json();
    assert.equal(v.ok, false);
    assert.equal(v.blob.ok, false);
    assert.notEqual(v.blob.actualSha256, sha);
    assert.equal(v.ledger.matches, true, 'the ledger still holds the original hash');

    if (h.engine === 'postgres') {
      // the operator's check of the whole deployment, as a separate process on the same database and data dir
      const env = { ...process.env, SANXIANG_DATA_DIR: dataDir, DATABASE_URL: withDatabase(postgresUrl(), h.database.name) };
      const r = spawnSync(
        process.execPath,
        ['--import', 'tsx', path.resolve(import.meta.dirname, '../../../cli/main.ts'), 'ledger', 'verify'],
        { env, encoding: 'utf8', timeout: 120_000 },
      );
      assert.equal(r.status, 1, r.stdout + r.stderr);
      assert.match(r.stdout, /账本校验通过/);
      assert.match(r.stderr, new RegExp(`证据文件校验失败：1 处问题，第一处在证据文件 ${id}：文件内容已被改动`));
    }
  });

  test('the OpenAPI document describes the evidence endpoints', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    for (const p of [
      '/api/v1/uploads',
      '/api/v1/uploads/{id}',
      '/api/v1/evidence',
      '/api/v1/evidence/{id}',
      '/api/v1/evidence/{id}/content',
    ])
      assert.ok(doc.paths[p], `${p} documented`);
    assert.ok(doc.paths['/api/v1/evidence/{id}'].get.responses['200']);
  });
});

describeEachEngine('evidence on the S3 store under the SM3/SM2 ledger suite', (h) => {
  let app: App;
  let dataDir: string;
  let s3: LocalS3;
  let officer: Session;
  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-evidence-s3-'));
    s3 = await startLocalS3();
    app = await buildTestApp(h.database, { ...s3.env, SANXIANG_DATA_DIR: dataDir, SANXIANG_LEDGER_SUITE: 'sm3-sm2' });
    officer = await login(app, 'officer');
  });
  after(async () => {
    await app?.close();
    await s3?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const sm3 = (b: Buffer) => crypto.createHash('sm3').update(b).digest('hex');
  const create = (length: number, meta: Record<string, string> = {}) =>
    officer.request('POST', '/api/v1/uploads', undefined, {
      ...TUS,
      'upload-length': String(length),
      'upload-metadata': uploadMetadata(meta),
    });
  const patch = (url: string, offset: number, body: Buffer) =>
    officer.request('PATCH', url, body, { ...TUS, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' });

  test('SM3 is computed on the way in, the ledger commits with sm3:, the blob lives in the object store, ranges work', async () => {
    const content = png(40_000);
    const c = await create(content.length, { filename: '国密.png', sm3: sm3(content) });
    const url = c.headers.location as string;
    assert.equal((await patch(url, 0, content.subarray(0, 1000))).statusCode, 204);
    const done = await patch(url, 1000, content.subarray(1000));
    assert.equal(done.statusCode, 204, done.body);
    const id = done.headers['evidence-id'] as string;
    const e = (await officer.request('GET', `/api/v1/evidence/${id}`)).json();
    assert.equal(e.sm3, sm3(content));
    assert.equal(e.sha256, sha256(content));
    assert.equal(e.contentType, 'image/png');
    const entries = await sql<{ content_hash: string }>`
      select content_hash from ledger_entries where subject = ${id} union all select content_hash from ledger_queue where subject = ${id}`.execute(
      h.db,
    );
    assert.ok(entries.rows.length >= 1);
    for (const r of entries.rows) assert.equal(r.content_hash, `sm3:${sm3(content)}`);
    const store = new S3BlobStore(s3.options);
    assert.deepEqual(await store.stat(sha256(content)), { size: content.length });
    store.client.destroy();
    assert.ok(!fs.existsSync(path.join(dataDir, 'blobs', sha256(content).slice(0, 2))), 'nothing in the filesystem store');
    const part = await officer.request('GET', `/api/v1/evidence/${id}/content`, undefined, { range: 'bytes=1000-1999' });
    assert.equal(part.statusCode, 206);
    assert.ok(part.rawPayload.equals(content.subarray(1000, 2000)));
  });

  test('a declared SM3 that does not match is rejected and nothing is stored', async () => {
    const content = crypto.randomBytes(5000);
    const c = await create(content.length, { sm3: sm3(Buffer.from('other')) });
    const r = await patch(c.headers.location as string, 0, content);
    assertError(r, 400, 'UPLOAD_HASH_MISMATCH');
    assert.equal(r.json().error.details.algorithm, 'sm3');
    const store = new S3BlobStore(s3.options);
    assert.equal(await store.stat(sha256(content)), null);
    store.client.destroy();
  });
});
