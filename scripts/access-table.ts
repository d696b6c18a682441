// Renders the access matrix (test/security/access-matrix.data.ts) as README's roles × actions table, between the
// markers <!-- access-matrix:start --> and <!-- access-matrix:end -->. Run after changing the matrix:
//   node --import tsx scripts/access-table.ts
// (test/security/access-matrix.test.ts fails while README's table differs from what this prints.)
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { IDENTITIES, MATRIX } from '../test/security/access-matrix.data.ts';

const START = '<!-- access-matrix:start -->';
const END = '<!-- access-matrix:end -->';

const HEADERS: Record<string, string> = {
  anonymous: '匿名',
  admin: 'admin',
  divisionAdmin: '旗管理员',
  supervisor: 'supervisor',
  'tongliao.supervisor': 'tongliao',
  head: 'head',
  unithead: 'unithead',
  officer: 'officer',
  officer2: 'officer2',
  reviewer: 'reviewer',
  editor: 'editor',
  custodian: 'custodian',
  external: 'external',
  'xixia.officer': 'xixia',
};

/** ✓ allowed (2xx); ✗ the role may not (403); 404 outside the caller's scope; 🔒 sign in first (401); another status: allowed, refused on its merits. */
function cell(status: number): string {
  if (status >= 200 && status < 300) return '✓';
  if (status === 403) return '✗';
  if (status === 401) return '🔒';
  if (status === 404) return '404';
  return `✓ ${status}`;
}

const GROUPS: [string, RegExp][] = [
  [
    'Portal and public reference data (no sign-in)',
    /^(\S+ \/api\/v1\/public|GET \/api\/v1\/(ledger\/(tree-head|checkpoint|keys|proof)|divisions|policies|calendar|health|openapi))/,
  ],
  ['Sign-in, users and tokens', /\/api\/v1\/(auth|users|tokens)/],
  ['Agencies, divisions, policies, calendar, audit', /\/api\/v1\/(agencies|divisions|calendar|audit|policies)/],
  ['Registry (事前公开)', /\/api\/v1\/registry/],
  [
    'Cases, evidence and uploads (全过程记录)',
    /\/api\/v1\/(cases|case-destructions|access-requests|evidence|uploads)(?!.*reviews?)(?!.*review-materials)/,
  ],
  ['Legal review (法制审核)', /\/api\/v1\/(review|cases\/\{caseId\})/],
  ['Decision publication (事后公开)', /\/api\/v1\/disclosure/],
  ['Ledger', /\/api\/v1\/ledger/],
];

export function renderTable(): string {
  const head = `| route | ${IDENTITIES.map((i) => HEADERS[i] ?? i).join(' | ')} |\n|---|${IDENTITIES.map(() => ':-:').join('|')}|`;
  const keys = Object.keys(MATRIX).sort((a, b) => a.split(' ')[1]!.localeCompare(b.split(' ')[1]!) || a.localeCompare(b));
  const grouped = new Map<string, string[]>(GROUPS.map(([g]) => [g, []]));
  for (const k of keys) {
    const g = GROUPS.find(([, re]) => re.test(k))?.[0] ?? 'Other';
    if (!grouped.has(g)) grouped.set(g, []);
    grouped.get(g)!.push(k);
  }
  const parts: string[] = [];
  for (const [g, ks] of grouped) {
    if (!ks.length) continue;
    parts.push(
      `**${g}**\n\n${head}\n${ks
        .map(
          (k) =>
            `| \`${k}\` | ${MATRIX[k]!.trim()
              .split(/\s+/)
              .map((s) => cell(Number(s)))
              .join(' | ')} |`,
        )
        .join('\n')}`,
    );
  }
  return parts.join('\n\n');
}

export function renderReadme(readme: string): string {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md has no ${START} … ${END} markers`);
  return `${readme.slice(0, a + START.length)}\n${renderTable()}\n${readme.slice(b)}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = path.resolve(import.meta.dirname, '../README.md');
  const before = fs.readFileSync(file, 'utf8');
  const after = renderReadme(before);
  if (after !== before) fs.writeFileSync(file, after);
  console.log(after === before ? 'README.md: access table up to date' : 'README.md: access table rewritten');
}
