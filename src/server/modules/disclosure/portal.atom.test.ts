// The Atom feed writer (issue 14, finding 8): text constructs only, escaped; characters XML cannot carry dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { atomXml, xmlText } from './portal.atom.ts';

test('xmlText escapes markup and drops what XML 1.0 cannot carry', () => {
  const table: [string, string][] = [
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['<iframe src=javascript:alert(1)>', '&lt;iframe src=javascript:alert(1)&gt;'],
    [']]><x>', ']]&gt;&lt;x&gt;'],
    ['a & b "c" \'d\'', 'a &amp; b &quot;c&quot; &apos;d&apos;'],
    ['控制\u0001字符\u0008\uffff', '控制字符'],
    ['行\n换\t行\r', '行\n换\t行\r'],
    ['😀 中文', '😀 中文'],
    ['lone \ud800 surrogate', 'lone  surrogate'],
  ];
  for (const [input, want] of table) assert.equal(xmlText(input), want, input);
});

test('every text construct of the feed is type="text"; hostile titles, summaries, content and links stay text', () => {
  const hostile = '<script>alert(1)</script><iframe src=javascript:alert(2)></iframe>]]>';
  const xml = atomXml({
    id: 'https://x/decisions?agency=1',
    title: hostile,
    link: 'https://x/agencies/1?a=1&b=2',
    self: 'https://x/feed.atom',
    author: hostile,
    rights: hostile,
    updated: new Date('2026-03-01T00:00:00Z'),
    entries: [
      {
        id: 'https://x/decisions/1',
        title: hostile,
        link: 'https://x/decisions/1"><script>',
        updated: new Date('2026-03-01T00:00:00Z'),
        summary: hostile,
        content: hostile,
      },
    ],
  });
  assert.ok(!/<script|<iframe|CDATA|type="x?html"/.test(xml), xml);
  const constructs = [...xml.matchAll(/<(title|summary|content|rights)\b([^>]*)>/g)];
  assert.equal(constructs.length, 5);
  for (const [tag, , attrs] of constructs) assert.equal(attrs, ' type="text"', tag);
  assert.ok(xml.includes('href="https://x/agencies/1?a=1&amp;b=2"'));
  assert.ok(xml.includes('href="https://x/decisions/1&quot;&gt;&lt;script&gt;"'));
  assert.match(xml, /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
  assert.ok(xml.includes('<updated>2026-03-01T00:00:00.000Z</updated>'));
});
