// Officer photos on both engines: uploaded by an editor (type checked by the bytes), referenced from the officer's
// data, public only through a published officer.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { describeApp, login, type Session } from '../../../../test/support/app.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const officer = (photo: string) => ({
  name: '照片测试',
  gender: '女',
  post: '执法队员',
  certificateNumber: 'NMPHOTO0001',
  categories: ['文化市场'],
  area: '奈曼旗',
  validFrom: '2024-01-01',
  validTo: '2099-12-31',
  photo,
});

describeApp('registry: officer photos', (h) => {
  let editor: Session;
  let head: Session;
  before(async () => {
    editor = await login(h.app, 'editor');
    head = await login(h.app, 'head');
  });
  const put = (s: Session, body: Buffer, type = 'image/png') =>
    s.request('POST', '/api/v1/registry/photos', body, { 'content-type': type });

  test('upload, reference, approve: the portal serves the photo only once the officer is published', async () => {
    const up = await put(editor, PNG);
    assert.equal(up.statusCode, 201, up.body);
    const { photo, contentType } = up.json();
    assert.match(photo, /^sha256:[0-9a-f]{64}$/);
    assert.equal(contentType, 'image/png');
    const preview = await editor.request('GET', `/api/v1/registry/photos/${photo.slice(7)}`);
    assert.equal(preview.statusCode, 200);
    assert.deepEqual(preview.rawPayload, PNG);

    const d = (await editor.request('POST', '/api/v1/registry/officer', { data: officer(photo) })).json();
    assert.equal(
      (await h.app.inject({ method: 'GET', url: `/api/v1/public/officers/${d.recordId}/photo` })).statusCode,
      404,
      'not before approval',
    );
    await head.request('POST', `/api/v1/registry/versions/${d.versionId}/decision`, { decision: 'approved' });
    const pub = await h.app.inject({ method: 'GET', url: `/api/v1/public/officers/${d.recordId}/photo` });
    assert.equal(pub.statusCode, 200);
    assert.equal(pub.headers['content-type'], 'image/png');
    assert.equal(pub.headers['x-content-type-options'], 'nosniff');
    assert.deepEqual(pub.rawPayload, PNG);
  });

  test('bad photos: not an image (whatever the header says), too large, unknown reference, wrong role, another agency', async () => {
    const text = await put(editor, Buffer.from('<script>alert(1)</script>'));
    assert.equal(text.statusCode, 400);
    assert.equal(text.json().error.code, 'INVALID_PHOTO');
    assert.equal((await put(editor, Buffer.alloc(3 * 1024 * 1024, 1), 'image/jpeg')).statusCode, 413);
    assert.equal((await editor.request('POST', '/api/v1/registry/photos', { a: 1 })).statusCode, 415);
    assert.equal((await put(await login(h.app, 'officer'), PNG)).statusCode, 403);
    const forged = await editor.request('POST', '/api/v1/registry/officer', {
      data: { ...officer(`sha256:${'ab'.repeat(32)}`), certificateNumber: 'NMPHOTO0002' },
    });
    assert.equal(forged.statusCode, 400);
    assert.match(forged.json().error.message, /照片不存在/);
    const sha = (await put(editor, PNG)).json().photo.slice(7);
    assert.equal((await (await login(h.app, 'xixia.officer')).request('GET', `/api/v1/registry/photos/${sha}`)).statusCode, 404);
    assert.equal((await h.app.inject({ method: 'GET', url: `/api/v1/registry/photos/${sha}` })).statusCode, 401);
    assert.equal((await editor.request('GET', '/api/v1/registry/photos/..%2F..%2Fetc%2Fpasswd')).statusCode, 400);
  });
});
