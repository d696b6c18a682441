// The built web apps stay light: what a browser must download before the first page shows (the entry script, the
// chunks it preloads, the stylesheet) is under 500 KB gzipped for the portal and for the back office, and the
// route pages are not part of it (they load on demand). Reads dist/web, which scripts/test.ts builds first.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

const dist = path.resolve(import.meta.dirname, '../../dist/web');
const LIMIT_KB = 500;

function firstLoad(html: string) {
  const text = fs.readFileSync(path.join(dist, html), 'utf8');
  const files = [...text.matchAll(/<(?:script|link)\b[^>]*(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
  const gz = (b: Buffer) => zlib.gzipSync(b).length;
  const kb = (files.reduce((sum, f) => sum + gz(fs.readFileSync(path.join(dist, f))), 0) + gz(Buffer.from(text))) / 1024;
  return { files, kb };
}

describe('web bundle size', () => {
  for (const [name, html, pages] of [
    [
      'portal',
      'index.html',
      ['DirectoryPage', 'UnderConstructionPage', 'AgencyPage', 'OfficersPage', 'OfficerPage', 'CertificatePage', 'ItemsPage', 'RecordPage'],
    ],
    [
      'back office',
      'admin/index.html',
      [
        'LoginPage',
        'DashboardPage',
        'UsersPage',
        'TokensPage',
        'AgenciesPage',
        'CalendarPage',
        'PoliciesPage',
        'PolicyDetailPage',
        'RegistryPage',
        'RegistryChecksPage',
        'LawChangesPage',
        'LegalReviewsPage',
      ],
    ],
  ] as const) {
    it(`${name}: first load under ${LIMIT_KB} KB gzipped, pages loaded on demand`, (t) => {
      const { files, kb } = firstLoad(html);
      t.diagnostic(`${name} first load: ${files.length} files, ${kb.toFixed(1)} KB gzipped`);
      assert.ok(
        files.some((f) => f.endsWith('.js')),
        'no script found',
      );
      assert.ok(kb < LIMIT_KB, `${name} first load is ${kb.toFixed(1)} KB gzipped`);
      for (const page of pages) assert.ok(!files.some((f) => path.basename(f).startsWith(`${page}-`)), `${page} is in the first load`);
      for (const page of pages)
        assert.ok(
          fs.readdirSync(path.join(dist, 'assets')).some((f) => f.startsWith(`${page}-`)),
          `no chunk for ${page}`,
        );
    });
  }
});
