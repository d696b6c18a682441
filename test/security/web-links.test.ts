// Issue 14 (low): a javascript: URL was accepted as an agency's website and shown as a link on the portal. Every URL
// a request may carry now goes through httpUrl() (platform/http.ts): http and https only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { describeApp, login } from '../support/app.ts';
import { assertError } from '../support/http.ts';
import { httpUrl } from '../../src/server/platform/http.ts';

test('httpUrl: http and https only', () => {
  const ok = ['http://www.naiman.gov.cn', 'https://www.nmg.gov.cn/zwgk/', 'HTTPS://WWW.GOV.CN/a?b=1', ' https://奈曼.中国 '];
  const bad = [
    'javascript:alert(1)',
    'JavaScript://www.gov.cn/%0aalert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'ftp://www.gov.cn',
    'https:www.gov.cn',
    'www.gov.cn',
    'http://',
  ];
  for (const u of ok) assert.ok(httpUrl().safeParse(u).success, u);
  for (const u of bad) assert.equal(httpUrl().safeParse(u).success, false, u);
});

describeApp('security: profile links are http or https only (issue 14)', (h) => {
  test('the agency profile website: javascript: and data: refused with a Chinese message, https accepted', async () => {
    const editor = await login(h.app, 'editor');
    const profile = {
      legalBasis: '《中华人民共和国行政处罚法》',
      duties: '文化、旅游市场行政执法',
      jurisdiction: '奈曼旗行政区域',
      officeAddress: '奈曼旗大沁他拉镇',
      consultationPhone: '0475-4212345',
      complaintPhone: '12345',
    };
    const versions = async () => Number((await sql<{ n: string }>`select count(*) as n from registry_versions`.execute(h.db)).rows[0]!.n);
    const before = await versions();
    for (const website of ['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>']) {
      const res = await editor.request('POST', '/api/v1/registry/agencyProfile', { data: { ...profile, website } });
      assertError(res, 400, 'VALIDATION_FAILED');
      assert.match(res.json().error.message, /http:\/\/ 或 https:\/\//);
    }
    assert.equal(await versions(), before);
    const ok = await editor.request('POST', '/api/v1/registry/agencyProfile', {
      data: { ...profile, website: 'https://www.naiman.gov.cn/' },
    });
    assert.equal(ok.statusCode, 201, ok.body);
    // a revision is held to the same rule
    const head = await login(h.app, 'head');
    assert.equal(
      (await head.request('POST', `/api/v1/registry/versions/${ok.json().versionId}/decision`, { decision: 'approved' })).statusCode,
      200,
    );
    const revised = await editor.request('POST', `/api/v1/registry/records/${ok.json().recordId}/versions`, {
      data: { ...profile, website: 'javascript:alert(1)' },
    });
    assertError(revised, 400, 'VALIDATION_FAILED');
  });
});
