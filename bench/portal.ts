// `npm run bench:portal`: the decision portal at 1,000,000 published decisions (issue: decision publication).
//  1. Portal search over the HTTP API (GET /api/v1/public/decisions, sequential requests on keep-alive): 2-, 3- and
//     4-character Chinese keywords, a keyword found in nearly every record, filters (agency, division + category, date
//     range), an agency with a keyword, and the second page by cursor — median and p95 against the target p95 < 50 ms.
//     Baseline in the same run: the same words as a substring scan (`like '%q%'`, which no index serves), SQL only:
//     a word of medium frequency and a word found nowhere.
//  2. Redaction throughput (`redact`, the detectors the editor's screen and POST /disclosure/redact use) on a corpus
//     of decision texts with personal data in them (BENCH_REDACT_MB, default 100 MB): MB/s and findings/s.
// The database is filled with rows of the portal's shape (published record, bigram terms from the real
// `searchTerms`, decision dates over five years) by batched inserts; the disclosures' foreign keys to cases and
// case acts are dropped in the bench database so that a million cases need not be created first — the portal's
// queries read neither table.
// Engines: PGlite on disk and the PostgreSQL server (TEST_DATABASE_URL / DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/postgres; database sx_bench_portal_<pid>, locale C.UTF-8, dropped at the end).
// Env: BENCH_DECISIONS (1000000) · BENCH_QUERIES per kind (200) · BENCH_ENGINES (pglite,postgres) · BENCH_REDACT_MB (100)
//      BENCH_QUICK=1 (50,000 decisions, 10 MB) · BENCH_KEEP=1 (keep the databases) · BENCH_EXPLAIN=1 (plans of the queries)
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Database } from '../src/server/platform/db.ts';
import { benchDatabase, listenApp } from './support.ts';
import { migrateToLatest } from '../src/server/platform/migrate.ts';
import { seedDemo, demoCreditCode } from '../src/server/demo/seed-demo.ts';
import { idNumberCheckChar } from '../src/server/platform/codes.ts';
import { searchTerms } from '../src/server/modules/registry/record.kinds.ts';
import { redact } from '../src/server/modules/disclosure/redaction.rules.ts';
import type { PublishedRecord } from '../src/server/modules/disclosure/disclosure.rules.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const DECISIONS = Number(process.env.BENCH_DECISIONS ?? (QUICK ? 50_000 : 1_000_000));
const QUERIES = Number(process.env.BENCH_QUERIES ?? (QUICK ? 60 : 200));
const REDACT_MB = Number(process.env.BENCH_REDACT_MB ?? (QUICK ? 10 : 100));
const ENGINES = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',').filter(Boolean) as ('pglite' | 'postgres')[];
const TARGET_P95_MS = 50;
const BATCH = 2000;
const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-bench-portal-'));

// Deterministic data: the same rows on both engines.
// mulberry32: successive draws are independent enough that a record's date, agency, category and words are not
// correlated (a plain LCG made the newest records share a few brands, which no real register does)
let seed = 20261201;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)]!;
const PLACES = [
  '奈曼旗',
  '科尔沁区',
  '开鲁县',
  '库伦旗',
  '扎鲁特旗',
  '霍林郭勒市',
  '宁江区',
  '扶余市',
  '长岭县',
  '乾安县',
  '西夏区',
  '兴庆区',
  '金凤区',
  '永宁县',
  '贺兰县',
];
const BRANDS = [
  '星光',
  '飞翔',
  '阳光',
  '金色',
  '蓝天',
  '白云',
  '鸿运',
  '华美',
  '盛世',
  '东方',
  '明珠',
  '新纪',
  '富民',
  '兴旺',
  '恒通',
  '永安',
  '汇丰',
  '嘉禾',
  '天润',
  '瑞祥',
  '宏图',
  '龙腾',
  '凤翔',
  '春晖',
  '秋实',
  '绿洲',
  '草原',
  '松涛',
  '翠湖',
  '长城',
];
const TYPES = [
  '网吧',
  '歌舞厅',
  '游艺厅',
  '书店',
  '旅行社',
  '食品店',
  '药店',
  '建筑有限公司',
  '运输有限公司',
  '商贸有限公司',
  '餐饮店',
  '加油站',
  '宾馆',
  '超市',
  '养殖场',
  '家具厂',
  '印刷厂',
  '电竞馆',
  '培训学校',
  '洗浴中心',
];
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟'];
const CAUSES = [
  '未经许可擅自从事营业性演出',
  '接纳未成年人进入营业场所',
  '超时营业',
  '未按规定核对身份证件',
  '销售过期食品',
  '未取得许可证经营',
  '违规储存危险化学品',
  '未按规定设置安全警示标志',
  '超范围经营',
  '使用未经检验的特种设备',
  '虚假宣传',
  '不明码标价',
  '擅自改变房屋用途',
  '违法排放污水',
  '未按规定处置建筑垃圾',
  '无证运输',
  '擅自采伐林木',
  '非法占用草原',
];
const CATS = ['penalty', 'penalty', 'penalty', 'penalty', 'licence', 'licence', 'coercion', 'inspection', 'levy', 'confirmation'] as const;

function decisionOn(i: number) {
  // five years of decisions, newer ones more frequent
  const day = Math.floor(Math.sqrt(rand()) * 5 * 365);
  const d = new Date(Date.UTC(2021, 10, 1) + day * 86_400_000);
  return { date: d.toISOString().slice(0, 10), i };
}

function record(agency: { name: string; creditCode: string }, cat: string, date: string): PublishedRecord {
  const person = rand() < 0.2;
  const name = person ? `${pick(SURNAMES)}某${rand() < 0.5 ? '某' : ''}` : `${pick(PLACES)}${pick(BRANDS)}${pick(TYPES)}`;
  const cause = pick(CAUSES);
  const fine = cat === 'penalty' ? (1 + Math.floor(rand() * 50)) * 1000 : null;
  return {
    documentNumber: `${agency.name.slice(0, 4)}罚决〔${date.slice(0, 4)}〕${1 + Math.floor(rand() * 900)}号`,
    caseName: cause,
    party: {
      kind: person ? 'person' : 'organisation',
      name,
      creditCode: person ? null : '91150525MA0000000X',
      representative: person ? null : `${pick(SURNAMES)}某`,
    },
    facts: `经查，当事人于${date.slice(0, 4)}年${Number(date.slice(5, 7))}月在${pick(PLACES)}${cause}，经营者手机***********，违法所得${1 + Math.floor(rand() * 99)}元，现场检查笔录、询问笔录和视听资料在案为证。`,
    basis: `《${pick(['互联网上网服务营业场所管理条例', '营业性演出管理条例', '食品安全法', '安全生产法', '价格法', '草原法', '森林法'])}》第${1 + Math.floor(rand() * 80)}条`,
    result: fine ? `警告，并处罚款人民币${fine}元` : cat === 'licence' ? '准予行政许可' : '依法作出决定',
    actCategory: cat,
    fineYuan: fine,
    agencyName: agency.name,
    agencyCreditCode: agency.creditCode,
    decidedOn: date,
  };
}

async function load(db: Database['db']) {
  await sql`alter table disclosures drop constraint disclosures_case_id_fkey, drop constraint disclosures_decision_act_id_fkey`.execute(db);
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
  const agencies: { id: string; name: string; creditCode: string; division: string }[] = [];
  for (let i = 0; i < 300; i++) {
    const division = divisions[i % divisions.length]!;
    const name = `${pick(PLACES)}基准测试执法局${i}`;
    const creditCode = demoCreditCode(division, 60_000 + i);
    const row = await db
      .insertInto('agencies')
      .values({ name, credit_code: creditCode, division_code: division })
      .returning('id')
      .executeTakeFirstOrThrow();
    agencies.push({ id: row.id, name, creditCode, division });
  }
  const t0 = performance.now();
  let last = t0;
  for (let i = 0; i < DECISIONS; i += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, DECISIONS - i) }, (_, k) => {
      const agency = pick(agencies);
      const cat = pick(CATS);
      const { date } = decisionOn(i + k);
      const p = record(agency, cat, date);
      return {
        id: crypto.randomUUID(),
        case_id: crypto.randomUUID(),
        agency_id: agency.id,
        division_code: agency.division,
        decision_act_id: crypto.randomUUID(),
        act_category: cat,
        record: JSON.stringify(p),
        decided_on: date,
        working_days: 7,
        due_on: date,
        state: 'published' as const,
        published: JSON.stringify(p),
        published_on: date,
        published_at: new Date(`${date}T10:00:00+08:00`),
        working_days_late: 0,
        terms: searchTerms([p.party.name, p.documentNumber ?? '', p.caseName, p.facts, p.result]),
      };
    });
    await db.insertInto('disclosures').values(rows).execute();
    if (performance.now() - last > 15_000) {
      last = performance.now();
      process.stdout.write(`${(i + BATCH).toLocaleString('en')} `);
    }
  }
  await sql`analyze disclosures`.execute(db);
  return { agencies, seconds: (performance.now() - t0) / 1000 };
}

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, p95: s[Math.floor(s.length * 0.95)]!, n: s.length };
};

async function measure(base: string, urls: string[], hits: number[]) {
  const ms: number[] = [];
  for (const u of urls) {
    const t = performance.now();
    const r = await fetch(base + u);
    if (r.status !== 200) throw new Error(`${u}: ${r.status} ${await r.text()}`);
    const body = (await r.json()) as { items: unknown[] };
    ms.push(performance.now() - t);
    hits.push(body.items.length);
  }
  return stats(ms);
}

async function run(engine: 'pglite' | 'postgres') {
  const name = `sx_bench_portal_${process.pid}`;
  const { database, drop } = await benchDatabase(engine, { dir: path.join(tmp, 'pglite'), serverUrl, name });
  await migrateToLatest(database.db);
  await seedDemo(database.db, 'Bench-Passw0rd-1');
  process.stdout.write(`${engine}: loading ${DECISIONS.toLocaleString('en')} published decisions… `);
  const { agencies, seconds } = await load(database.db);
  console.log(`${seconds.toFixed(0)} s`);
  const { app, base } = await listenApp(database, path.join(tmp, `data-${engine}`));
  seed = 777;
  const q = (s: string) => encodeURIComponent(s);
  const words = () => `${pick(BRANDS)}${pick(TYPES)}`;
  const year = () => 2022 + Math.floor(rand() * 4);
  const kinds: Record<string, string[]> = {
    '2-char keyword (brand)': Array.from({ length: QUERIES }, () => `/api/v1/public/decisions?q=${q(pick(BRANDS))}`),
    '3-char keyword': Array.from({ length: QUERIES }, () => `/api/v1/public/decisions?q=${q(words().slice(1, 4))}`),
    '4-char keyword (brand+type)': Array.from({ length: QUERIES }, () => `/api/v1/public/decisions?q=${q(words().slice(0, 4))}`),
    '2-char, in ~every record 罚款': Array.from({ length: QUERIES }, () => `/api/v1/public/decisions?q=${q('罚款')}`),
    agency: Array.from({ length: QUERIES }, () => `/api/v1/public/decisions?agencyId=${pick(agencies).id}`),
    'division + category': Array.from(
      { length: QUERIES },
      () => `/api/v1/public/decisions?division=${pick(agencies).division}&actCategory=${pick(['licence', 'coercion', 'penalty'])}`,
    ),
    'date range (one month)': Array.from({ length: QUERIES }, () => {
      const y = year();
      const m = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
      return `/api/v1/public/decisions?from=${y}-${m}-01&to=${y}-${m}-28`;
    }),
    'agency + 2-char keyword': Array.from(
      { length: QUERIES },
      () => `/api/v1/public/decisions?agencyId=${pick(agencies).id}&q=${q(pick(TYPES).slice(0, 2))}`,
    ),
    'rare 4-char + date range': Array.from(
      { length: QUERIES },
      () => `/api/v1/public/decisions?q=${q(words().slice(0, 4))}&from=${year()}-01-01&to=${year() + 1}-12-31`,
    ),
    'party + document no. (1 hit)': Array.from(
      { length: QUERIES },
      () => `/api/v1/public/decisions?q=${q(`${words()} ${1 + Math.floor(rand() * 900)}号`)}`,
    ),
    'no match (火星)': Array.from({ length: QUERIES }, () => `/api/v1/public/decisions?q=${q('火星')}`),
  };
  // the second page: the cursor of a first page of a common query
  const first = (await (await fetch(`${base}/api/v1/public/decisions?q=${q('网吧')}`)).json()) as { nextCursor: string };
  kinds['next page by cursor (网吧)'] = Array.from(
    { length: QUERIES },
    () => `/api/v1/public/decisions?q=${q('网吧')}&cursor=${first.nextCursor}`,
  );
  const results: { kind: string; median: number; p95: number; hits: number }[] = [];
  for (const [kind, urls] of Object.entries(kinds)) {
    await measure(base, urls.slice(0, 10), []); // warm-up
    const hits: number[] = [];
    results.push({ kind, ...(await measure(base, urls, hits)), hits: hits.reduce((a, b) => a + b, 0) / hits.length });
    if (process.env.BENCH_EXPLAIN) {
      const plan = await sql
        .raw(
          `explain analyze select id from disclosures where state = 'published' and terms @> array['网吧'] order by decided_on desc, id desc limit 21`,
        )
        .execute(database.db);
      console.log((plan.rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n'));
    }
  }
  // baseline: the same searches as a substring scan (`like '%q%'`, which no index serves), SQL only — a word of
  // medium frequency (the 4-character brand and type) and a word found nowhere (the whole table is read)
  const naive = async (word: () => string, n: number) => {
    const ms: number[] = [];
    for (let i = 0; i < n; i++) {
      const w = `%${word()}%`;
      const t = performance.now();
      await sql`select id from disclosures where state = 'published' and (published->>'facts' like ${w} or published->'party'->>'name' like ${w}) order by decided_on desc, id desc limit 21`.execute(
        database.db,
      );
      ms.push(performance.now() - t);
    }
    return stats(ms);
  };
  const baseline = { medium: await naive(() => words().slice(0, 4), Math.min(QUERIES, 20)), none: await naive(() => '火星', 5) };
  await app.close();
  await database.close();
  if (process.env.BENCH_KEEP) console.log(`kept the ${engine} database (${engine === 'pglite' ? path.join(tmp, 'pglite') : name})`);
  else await drop();
  return { engine, seconds, results, baseline };
}

/** Redaction over a corpus of decision texts with personal data in them: MB/s of UTF-8 text and findings/s. */
function redactionThroughput() {
  seed = 4242;
  const texts: string[] = [];
  let bytes = 0;
  const id = () => {
    const first17 = `1505251${String(970 + Math.floor(rand() * 30))}0${1 + Math.floor(rand() * 9)}1${Math.floor(rand() * 9)}${String(Math.floor(rand() * 1000)).padStart(3, '0')}`;
    return first17 + idNumberCheckChar(first17);
  };
  while (bytes < REDACT_MB * 1024 * 1024) {
    const t =
      `当事人${pick(SURNAMES)}某（公民身份号码${id()}，住址：${pick(PLACES)}幸福小区${1 + Math.floor(rand() * 20)}栋${101 + Math.floor(rand() * 500)}室，联系电话1${3 + Math.floor(rand() * 6)}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}）于${pick(PLACES)}${pick(CAUSES)}。` +
      `${pick(PLACES)}${pick(BRANDS)}${pick(TYPES)}（统一社会信用代码91150525MA0000000X，住所：${pick(PLACES)}工业园区）负责人陈述，违法所得已存入其银行账号6222${String(Math.floor(rand() * 1e12)).padStart(12, '0')}。` +
      `执法人员现场检查，制作现场检查笔录、询问笔录各一份，车辆号牌蒙G${String(Math.floor(rand() * 1e5)).padStart(5, '0')}，证据确实充分。`.repeat(
        1 + Math.floor(rand() * 3),
      );
    texts.push(t);
    bytes += Buffer.byteLength(t);
  }
  const t0 = performance.now();
  let findings = 0;
  for (const t of texts) findings += redact(t).findings.length;
  const s = (performance.now() - t0) / 1000;
  return {
    mb: bytes / 1024 / 1024,
    texts: texts.length,
    seconds: s,
    mbps: bytes / 1024 / 1024 / s,
    findingsPerSecond: findings / s,
    findings,
  };
}

console.log(
  `portal benchmark — ${os.cpus().length} cores, node ${process.version}; ${DECISIONS.toLocaleString('en')} published decisions; ${QUERIES} queries per kind, sequential over HTTP; target p95 < ${TARGET_P95_MS} ms\n`,
);
const red = redactionThroughput();
console.log(
  `redaction: ${red.mb.toFixed(0)} MB in ${red.texts.toLocaleString('en')} texts, ${red.seconds.toFixed(1)} s → ${red.mbps.toFixed(1)} MB/s, ${Math.round(red.findingsPerSecond).toLocaleString('en')} findings/s (${red.findings.toLocaleString('en')} findings)\n`,
);
const all = [];
for (const e of ENGINES) all.push(await run(e));
for (const r of all) {
  console.log(`\n${r.engine} (loaded in ${r.seconds.toFixed(0)} s)`);
  console.log('query                               median ms   p95 ms   rows/page   target');
  for (const x of r.results)
    console.log(
      `${x.kind.padEnd(34)} ${x.median.toFixed(1).padStart(10)} ${x.p95.toFixed(1).padStart(8)} ${x.hits.toFixed(1).padStart(11)}   ${x.p95 < TARGET_P95_MS ? 'OK' : 'OVER'}`,
    );
  console.log(
    `${'baseline: like-scan, 4-char'.padEnd(34)} ${r.baseline.medium.median.toFixed(1).padStart(10)} ${r.baseline.medium.p95.toFixed(1).padStart(8)}               (no index; SQL only)`,
  );
  console.log(
    `${'baseline: like-scan, no match'.padEnd(34)} ${r.baseline.none.median.toFixed(1).padStart(10)} ${r.baseline.none.p95.toFixed(1).padStart(8)}               (no index; SQL only)`,
  );
}
if (process.env.BENCH_KEEP) console.log(`kept ${tmp}`);
else fs.rmSync(tmp, { recursive: true, force: true });
