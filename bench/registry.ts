// `npm run bench:registry`: portal search latency over the HTTP API with 100,000 published officers and 200,000
// published list items, on PGlite (on disk) and on the PostgreSQL server (TEST_DATABASE_URL / DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/postgres). Target (issue 3): p95 under 50 ms. The baseline in the same run is
// the naive substring search (`title like '%q%'`, which no index serves) over the same rows.
// Env: BENCH_OFFICERS (100000), BENCH_ITEMS (200000), BENCH_QUERIES per query kind (300), BENCH_ENGINES (pglite,postgres),
// BENCH_KEEP=1 keeps the PostgreSQL database (sx_bench_reg_<pid>) to EXPLAIN queries.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Database } from '../src/server/platform/db.ts';
import { benchDatabase, listenApp } from './support.ts';
import { migrateToLatest } from '../src/server/platform/migrate.ts';
import { seedDemo, demoCreditCode } from '../src/server/demo/seed-demo.ts';
import { recordTerms, titleOf, type RecordKind } from '../src/server/modules/registry/record.kinds.ts';

const OFFICERS = Number(process.env.BENCH_OFFICERS ?? 100_000);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 200_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 300);
const ENGINES = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',') as ('pglite' | 'postgres')[];
const TARGET_P95_MS = 50;
const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-bench-registry-'));

// Deterministic data: the same rows on both engines.
let seed = 20261123;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)]!;
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤包乌巴',
];
const GIVEN = [...'文明华建国军平志强伟芳娜秀英敏静丽俊磊洋勇艳杰娟涛超明霞刚平辉鹏斌宇浩凯晨阳雪梅兰琳婷慧波宁鑫海亮红飞健林峰玉兴德'];
const SUBJECTS = [
  '营业性演出',
  '旅行社',
  '网吧',
  '娱乐场所',
  '出版物',
  '文物保护单位',
  '食品经营',
  '药品零售',
  '建筑施工',
  '道路运输',
  '渔业捕捞',
  '草原',
  '林木采伐',
  '危险化学品',
  '特种设备',
  '广告发布',
  '价格',
  '计量器具',
  '燃气经营',
  '城市绿化',
  '户外广告',
  '建筑垃圾',
  '排水许可',
  '养犬',
  '殡葬服务',
  '民办学校',
  '校外培训',
  '体育场馆',
  '电影放映',
  '艺术品经营',
];
const VERBS = ['未经许可擅自从事', '超范围从事', '违反规定经营', '未按规定备案', '伪造许可证件从事', '拒不配合检查的', '未落实安全责任的'];
const CATS = ['penalty', 'licence', 'coercion', 'inspection', 'levy', 'confirmation'] as const;
const ITEM_KINDS: RecordKind[] = [
  'enforcementItem',
  'enforcementItem',
  'enforcementItem',
  'inspectionItem',
  'avItem',
  'majorCatalogueItem',
  'feeItem',
];

function officerData(i: number) {
  const name = pick(SURNAMES) + pick(GIVEN) + (rand() < 0.7 ? pick(GIVEN) : '');
  return {
    name,
    gender: rand() < 0.5 ? '男' : '女',
    post: '综合执法大队队员',
    certificateNumber: `BX${String(i).padStart(8, '0')}`,
    categories: [pick(SUBJECTS)],
    area: '本辖区',
    validFrom: '2024-01-01',
    validTo: '2029-12-31',
    status: 'valid',
  };
}

function itemData(kind: RecordKind, i: number) {
  const subject = pick(SUBJECTS);
  const name = `对${pick(VERBS)}${subject}活动的${rand() < 0.8 ? '行政处罚' : '行政强制'}（${i}）`;
  const basis = `《${subject}管理条例》第${1 + Math.floor(rand() * 60)}条`;
  switch (kind) {
    case 'inspectionItem':
      return {
        name: `${subject}经营者检查（${i}）`,
        body: '本部门',
        basis,
        targets: `${subject}经营者`,
        content: '经营资质、安全制度',
        ratio: '5%',
        method: '现场检查',
        frequency: '每年一次',
      };
    case 'avItem':
      return { name: `${subject}现场检查（${i}）`, actCategory: 'inspection', level: 'av', basis };
    case 'majorCatalogueItem':
      return { name: `${subject}大额罚款（${i}）`, actCategory: 'penalty', criteria: '对法人罚款 2 万元以上', basis };
    case 'feeItem':
      return { name: `${subject}检验费（${i}）`, basis, standard: '按物价部门核定标准' };
    default:
      return { code: `BX-${i}`, name, actCategory: pick(CATS), basis, implementingBody: '本部门', responsibleBody: '执法大队' };
  }
}

async function load(db: Database['db']) {
  const admin = (await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
  const divisions = [
    '150525',
    '150502',
    '150521',
    '150522',
    '150523',
    '150524',
    '150526',
    '150581',
    '220702',
    '220721',
    '640104',
    '640105',
    '640106',
  ];
  const agencies: { id: string; name: string; division: string }[] = [];
  for (let i = 0; i < 200; i++) {
    const division = divisions[i % divisions.length]!;
    const row = await db
      .insertInto('agencies')
      .values({ name: `基准测试执法局${i}`, credit_code: demoCreditCode(division, 50_000 + i), division_code: division })
      .returning('id')
      .executeTakeFirstOrThrow();
    agencies.push({ id: row.id, name: `基准测试执法局${i}`, division });
  }
  const insertBatch = async (batch: { kind: RecordKind; data: Record<string, unknown> }[]) => {
    const rows = batch.map((b) => {
      const agency = pick(agencies);
      const { title, code } = titleOf(b.kind, b.data, agency.name);
      return {
        id: crypto.randomUUID(),
        vid: crypto.randomUUID(),
        agency,
        kind: b.kind,
        data: b.data,
        title,
        code,
        terms: recordTerms(b.kind, b.data, title),
      };
    });
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('registry_records')
        .values(rows.map((r) => ({ id: r.id, agency_id: r.agency.id, kind: r.kind, created_by: admin })))
        .execute();
      await trx
        .insertInto('registry_versions')
        .values(
          rows.map((r) => ({
            id: r.vid,
            record_id: r.id,
            agency_id: r.agency.id,
            version_no: 1,
            action: 'publish' as const,
            data: JSON.stringify(r.data),
            note: null,
            created_by: admin,
            created_by_name: '基准测试',
          })),
        )
        .execute();
      await trx
        .insertInto('registry_decisions')
        .values(
          rows.map((r) => ({
            version_id: r.vid,
            agency_id: r.agency.id,
            decision: 'approved' as const,
            comment: null,
            decided_by: admin,
            decided_by_name: '基准测试',
          })),
        )
        .execute();
      await trx
        .insertInto('registry_published')
        .values(
          rows.map((r) => ({
            record_id: r.id,
            agency_id: r.agency.id,
            division_code: r.agency.division,
            kind: r.kind,
            version_id: r.vid,
            version_no: 1,
            data: JSON.stringify(r.data),
            title: r.title,
            code: r.code,
            terms: r.terms,
            published_at: new Date(),
          })),
        )
        .execute();
    });
  };
  const t0 = performance.now();
  for (let i = 0; i < OFFICERS; i += 500)
    await insertBatch(
      Array.from({ length: Math.min(500, OFFICERS - i) }, (_, k) => ({ kind: 'officer' as const, data: officerData(i + k) })),
    );
  for (let i = 0; i < ITEMS; i += 500)
    await insertBatch(
      Array.from({ length: Math.min(500, ITEMS - i) }, (_, k) => {
        const kind = pick(ITEM_KINDS);
        return { kind, data: itemData(kind, i + k) };
      }),
    );
  await sql`analyze`.execute(db);
  return { agencies, seconds: (performance.now() - t0) / 1000 };
}

async function measure(base: string, urls: string[]) {
  const ms: number[] = [];
  for (const u of urls) {
    const t = performance.now();
    const r = await fetch(base + u);
    if (r.status !== 200) throw new Error(`${u}: ${r.status} ${await r.text()}`);
    await r.arrayBuffer();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)]!, p95: ms[Math.floor(ms.length * 0.95)]! };
}

async function run(engine: 'pglite' | 'postgres') {
  const name = `sx_bench_reg_${process.pid}`;
  const { database, drop } = await benchDatabase(engine, { dir: path.join(tmp, 'pglite'), serverUrl, name });
  await migrateToLatest(database.db);
  await seedDemo(database.db, 'Bench-Passw0rd-1');
  process.stdout.write(`${engine}: loading ${OFFICERS.toLocaleString('en')} officers and ${ITEMS.toLocaleString('en')} items… `);
  const { agencies, seconds } = await load(database.db);
  console.log(`${seconds.toFixed(0)} s`);
  const { app, base } = await listenApp(database, path.join(tmp, `data-${engine}`));
  seed = 777;
  const q = (s: string) => encodeURIComponent(s);
  const kinds: Record<string, string[]> = {
    'officer by 2-char name': Array.from({ length: QUERIES }, () => `/api/v1/public/officers?q=${q(pick(GIVEN) + pick(GIVEN))}`),
    'officer by full name': Array.from(
      { length: QUERIES },
      () => `/api/v1/public/officers?q=${q(pick(SURNAMES) + pick(GIVEN) + pick(GIVEN))}`,
    ),
    'officer by certificate no.': Array.from(
      { length: QUERIES },
      () => `/api/v1/public/officers?q=BX${String(Math.floor(rand() * OFFICERS)).padStart(8, '0')}`,
    ),
    'certificate check': Array.from(
      { length: QUERIES },
      () => `/api/v1/public/certificates/BX${String(Math.floor(rand() * OFFICERS)).padStart(8, '0')}`,
    ),
    'items by keyword': Array.from(
      { length: QUERIES },
      () => `/api/v1/public/items?kind=enforcementItem&q=${q(pick(SUBJECTS).slice(0, 2 + Math.floor(rand() * 2)))}`,
    ),
    'items, common word 处罚': Array.from(
      { length: QUERIES },
      () => `/api/v1/public/items?kind=enforcementItem&q=${q('处罚')}&page=${1 + Math.floor(rand() * 5)}`,
    ),
    'one agency, keyword': Array.from(
      { length: QUERIES },
      () => `/api/v1/public/agencies/${pick(agencies).id}/lists/enforcementItem?q=${q(pick(SUBJECTS).slice(0, 2))}`,
    ),
  };
  const results: { kind: string; median: number; p95: number }[] = [];
  for (const [kind, urls] of Object.entries(kinds)) {
    await measure(base, urls.slice(0, 20)); // warm-up
    results.push({ kind, ...(await measure(base, urls)) });
  }
  // baseline: the same name searches as an unindexed substring scan
  const naive: number[] = [];
  for (let i = 0; i < Math.min(QUERIES, 50); i++) {
    const t = performance.now();
    await sql`select record_id, title from registry_published where kind = 'officer' and title like ${'%' + pick(GIVEN) + pick(GIVEN) + '%'} order by title limit 20`.execute(
      database.db,
    );
    naive.push(performance.now() - t);
  }
  naive.sort((a, b) => a - b);
  await app.close();
  await database.close();
  if (process.env.BENCH_KEEP) console.log(`kept the ${engine} database for inspection`);
  else await drop();
  return { engine, results, naive: { median: naive[Math.floor(naive.length / 2)]!, p95: naive[Math.floor(naive.length * 0.95)]! } };
}

console.log(
  `registry search benchmark — ${os.cpus().length} cores, node ${process.version}; ${QUERIES} queries per kind, sequential over HTTP; target p95 < ${TARGET_P95_MS} ms\n`,
);
const all = [];
for (const e of ENGINES) all.push(await run(e));
for (const r of all) {
  console.log(`\n${r.engine}`);
  console.log('query                           median ms   p95 ms   target');
  for (const x of r.results)
    console.log(
      `${x.kind.padEnd(30)} ${x.median.toFixed(1).padStart(10)} ${x.p95.toFixed(1).padStart(8)}   ${x.p95 < TARGET_P95_MS ? 'OK' : 'OVER'}`,
    );
  console.log(
    `${'baseline: like-scan, SQL only'.padEnd(30)} ${r.naive.median.toFixed(1).padStart(10)} ${r.naive.p95.toFixed(1).padStart(8)}   (no index; not over HTTP)`,
  );
}
if (process.env.BENCH_KEEP) console.log(`kept ${tmp}`);
else fs.rmSync(tmp, { recursive: true, force: true });
