// The Atom feed (RFC 4287) of an agency's published decisions, written here rather than by a feed library: every
// text construct is type="text" (RFC 4287 §3.1.1.1) with its characters escaped, never type="html" — decision texts
// are typed by people, and an HTML title or content would let a `<script>` or `<iframe src=javascript:…>` in them run
// in a feed reader or on a website that shows the feed (issue 14, finding 8). Pure.

export interface AtomEntry {
  id: string;
  title: string;
  link: string;
  updated: Date;
  summary?: string;
  content?: string;
}
export interface AtomFeed {
  id: string;
  title: string;
  link: string;
  self: string;
  author: string;
  rights?: string;
  updated: Date;
  entries: AtomEntry[];
}

// characters XML 1.0 does not allow at all (control characters, lone surrogates, U+FFFE/U+FFFF): dropped
const NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text as XML character data or an attribute value: escaped, characters XML cannot carry removed. */
export const xmlText = (s: string) => s.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const text = (tag: string, value: string, indent: string) => `${indent}<${tag} type="text">${xmlText(value)}</${tag}>`;

export function atomXml(f: AtomFeed): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <id>${xmlText(f.id)}</id>`,
    text('title', f.title, '  '),
    `  <updated>${f.updated.toISOString()}</updated>`,
    `  <link rel="alternate" href="${xmlText(f.link)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(f.self)}"/>`,
    `  <author><name>${xmlText(f.author)}</name></author>`,
    ...(f.rights ? [text('rights', f.rights, '  ')] : []),
    '  <generator>Sanxiang</generator>',
  ];
  for (const e of f.entries) {
    lines.push(
      '  <entry>',
      `    <id>${xmlText(e.id)}</id>`,
      text('title', e.title, '    '),
      `    <link rel="alternate" href="${xmlText(e.link)}"/>`,
      `    <updated>${e.updated.toISOString()}</updated>`,
      ...(e.summary ? [text('summary', e.summary, '    ')] : []),
      ...(e.content ? [text('content', e.content, '    ')] : []),
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
