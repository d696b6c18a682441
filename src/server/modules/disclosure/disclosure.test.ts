// POST /api/v1/disclosure/redact on both engines: masks and offsets into the input; signed-in users only; bad input
// is a 400 with a Chinese message, an oversized text a clear refusal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeApp, login } from '../../../../test/support/app.ts';
import { assertError } from '../../../../test/support/http.ts';
import { MAX_REDACT_CHARS } from './disclosure.routes.ts';

describeApp('disclosure: redaction endpoint', (h) => {
  test('masks personal data, keeps credit codes; offsets are into the input; bad input refused', async () => {
    const editor = await login(h.app, 'editor');
    const text = '当事人王某，住址：奈曼旗幸福小区3栋301室，电话13812345678；某某公司统一社会信用代码91150525MA0000000X无误。';
    const r = await editor.request('POST', '/api/v1/disclosure/redact', { text });
    assert.equal(r.statusCode, 200, r.body);
    const out = r.json() as { text: string; findings: { kind: string; start: number; end: number }[] };
    assert.deepEqual(out.findings.map((f) => [f.kind, text.slice(f.start, f.end)]), [['address', '奈曼旗幸福小区3栋301室'], ['phone', '13812345678']]);
    assert.ok(!out.text.includes('13812345678') && !out.text.includes('幸福小区'));
    assert.ok(out.text.includes('91150525MA0000000X'));

    assert.equal((await h.app.inject({ method: 'POST', url: '/api/v1/disclosure/redact', payload: { text } })).statusCode, 401);
    assertError(await editor.request('POST', '/api/v1/disclosure/redact', { text: 42 }), 400, 'VALIDATION_FAILED');
    assertError(await editor.request('POST', '/api/v1/disclosure/redact', { text, extra: true }), 400, 'VALIDATION_FAILED');
    assertError(await editor.request('POST', '/api/v1/disclosure/redact', '{"text":', { 'content-type': 'application/json' }), 400, 'MALFORMED_JSON');
    assertError(await editor.request('POST', '/api/v1/disclosure/redact', { text: '字'.repeat(MAX_REDACT_CHARS + 1) }), 400, 'VALIDATION_FAILED');
  });
});
