// `npm run bench:cases`: case handling at 100,000 cases × 20 acts (issue: full-process recording at scale).
//  1. Recording acts through the service layer (`openCase` / `recordAct` with a real context, the real LedgerService
//     and its background integrator), measured on a database already at full size: acts/s and latency p50/p95/max.
//     PGlite with one writer (a single connection); PostgreSQL with one writer (uncontended latency) and then with
//     BENCH_CONCURRENCY concurrent writers (default 12), half the sample each.
//  2. The to-do list (`listTodos`) at full size for the busiest officer, a median officer, the unit head and the
//     agency head of the largest agency: p50/p95/max over BENCH_TODO_CALLS calls; target p95 < 100 ms.
// Recording 2,000,000 acts through the service would take hours on a small machine, so the database is first filled
// to size with set-based SQL producing rows of the same shape (cases with their projection, case_acts in time order
// with content, officer checks, canonical text and content hash, evidence rows for AV acts, AV exceptions), then the
// measured sample is recorded through the service on top of it. Every case, bulk or service-recorded, follows the
// same act plan (see `planActs`): the service sample refusing none of its acts is the check that the plan is legal.
// Bulk-filled acts differ from service-recorded ones in three ways, stated in the output: they have no ledger entry
// (ledger_ref 0), no audit rows, and their canonical text is PostgreSQL's jsonb text of the same fields rather than
// RFC 8785 bytes. Neither the recording path nor the to-do list reads any of these.
//
// Engines: PGlite on disk (always) and the PostgreSQL server when BENCH_DATABASE_URL or DATABASE_URL is set (a
// dedicated database sx_bench_cases_<pid> is created with locale C.UTF-8 and dropped at the end).
// Env: BENCH_CASES (100000) · BENCH_ACTS_PER_CASE (20, mean) · BENCH_SAMPLE_CASES (300 ≈ 6,000 acts through the service)
//      BENCH_CONCURRENCY (12, PostgreSQL writers in the second half) · BENCH_AGENCIES (20) · BENCH_OFFICERS (400, over all agencies)
//      BENCH_TODO_CALLS (200) · BENCH_ENGINES (pglite,postgres) · BENCH_QUICK=1 (5,000 cases: a ~1-minute smoke run)
//      BENCH_EXPLAIN=1 (print EXPLAIN ANALYZE of every to-do statement) · BENCH_KEEP=1 (keep the databases)
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CompiledQuery, sql, type Kysely, type KyselyPlugin } from 'kysely';
import { openDatabase, type Database } from '../src/server/platform/db.ts';
import { migrateToLatest } from '../src/server/platform/migrate.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import type { Actor, Role } from '../src/server/platform/access.ts';
import type { Ctx } from '../src/server/platform/context.ts';
import { creditCodeCheckChar } from '../src/server/platform/codes.ts';
import { shanghaiDate } from '../src/server/platform/calendar/calendar.dates.ts';
import { PolicyService } from '../src/server/platform/policy/policy.service.ts';
import { CalendarService } from '../src/server/platform/calendar/calendar.service.ts';
import { seedDemo, demoCreditCode } from '../src/server/demo/seed-demo.ts';
import { hashPassword } from '../src/server/modules/identity/password.ts';
import { LedgerService } from '../src/server/modules/ledger/ledger.service.ts';
import * as records from '../src/server/modules/registry/record.service.ts';
import { recordEvidence } from '../src/server/modules/cases/evidence.service.ts';
import { getCase, openCase, recordAct, type CaseDeps } from '../src/server/modules/cases/case.service.ts';
import { listTodos } from '../src/server/modules/cases/case.todo.ts';
import { openCaseBody, recordActBody } from '../src/server/modules/cases/case.schema.ts';
import { addDays, defaultAvLevel, isFieldAct, PENALTY_DECISION_DAYS, type ActType, type Stage } from '../src/server/modules/cases/case.rules.ts';
import { adminQuery as adminQueryOn } from './support.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const env = (name: string, full: number, quick: number) => Number(process.env[name] ?? (QUICK ? quick : full));
const CASES = env('BENCH_CASES', 100_000, 5_000);
const ACTS_PER_CASE = env('BENCH_ACTS_PER_CASE', 20, 20);
const SAMPLE_CASES = Math.min(CASES, env('BENCH_SAMPLE_CASES', 300, 40));
const CONCURRENCY = env('BENCH_CONCURRENCY', 12, 8);
const AGENCIES = env('BENCH_AGENCIES', 20, 6);
const OFFICERS = env('BENCH_OFFICERS', 400, 40);
const TODO_CALLS = env('BENCH_TODO_CALLS', 200, 50);
const TARGET_TODO_P95_MS = 100;
const serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || '';
const ENGINES = (process.env.BENCH_ENGINES ?? (serverUrl ? 'pglite,postgres' : 'pglite')).split(',').filter(Boolean) as ('pglite' | 'postgres')[];
if (ENGINES.includes('postgres') && !serverUrl) throw new Error('BENCH_ENGINES includes postgres: set BENCH_DATABASE_URL (or DATABASE_URL)');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-bench-cases-'));
const DAY = 86_400_000;
const MIN = 60_000;

// ---- deterministic data --------------------------------------------------------------------------------------------

let seed = 20261201;
/** mulberry32: deterministic, and unlike a plain LCG its consecutive values are not correlated (fair shares per officer). */
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
};
const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)]!;
const between = (lo: number, hi: number) => lo + rand() * (hi - lo);

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤包乌巴'];
const GIVEN = [...'文明华建国军平志强伟芳娜秀英敏静丽俊磊洋勇艳杰娟涛超明霞刚平辉鹏斌宇浩凯晨阳雪梅兰琳婷慧波宁鑫海亮红飞健林峰玉兴德'];
const personName = () => pick(SURNAMES) + pick(GIVEN) + (rand() < 0.7 ? pick(GIVEN) : '');

/** Agency kinds: name suffix, the enforcement field (officers' certificate category = the cases' field), causes, parties. */
const KINDS = [
  { suffix: '市场监督管理局', field: '市场监管', causes: ['销售不符合食品安全标准的食品', '未取得食品经营许可从事食品经营活动', '使用未经检定的计量器具', '发布虚假违法广告', '销售过期药品'], parties: ['超市', '药店', '餐馆', '商贸有限公司', '农资经营部'] },
  { suffix: '文化和旅游局', field: '文化市场', causes: ['擅自从事互联网上网服务经营活动', '接纳未成年人进入互联网上网服务营业场所', '未经批准举办营业性演出', '旅行社未与旅游者签订旅游合同', '经营含有禁止内容的出版物'], parties: ['网吧', '歌舞厅', '旅行社', '书店', '演艺有限公司'] },
  { suffix: '综合行政执法局', field: '城市管理', causes: ['未经批准设置户外广告', '随意倾倒建筑垃圾', '占用城市道路经营', '未取得建设工程规划许可证进行建设', '擅自砍伐城市树木'], parties: ['建筑工程有限公司', '装饰有限公司', '广告有限公司', '烧烤店', '物业服务有限公司'] },
  { suffix: '生态环境分局', field: '生态环境', causes: ['超标排放大气污染物', '未批先建建设项目', '未按规定贮存危险废物', '夜间施工产生噪声污染', '私设暗管排放水污染物'], parties: ['化工有限公司', '砖厂', '洗车行', '混凝土有限公司', '养殖场'] },
] as const;

/** Divisions (GB/T 2260) the bench agencies sit in: Songyuan (songyuan-2019 pack: archive within 30 days), Tongliao, Yinchuan. */
const DIVISIONS = ['220702', '150502', '640104', '220721', '150521', '640105', '220722', '150522', '640106', '220723', '150523', '640121', '220781', '150524', '640122', '150525', '640181', '150526', '150581'];

/** Stages across the lifecycle: share of cases, age of the case (days since registration) and of its last act. */
const STAGE_MIX: { stage: Stage; share: number; created: [number, number]; last: [number, number] | 'fraction' }[] = [
  { stage: 'opening', share: 0.02, created: [0.05, 7], last: [0, 0] },
  { stage: 'notOpened', share: 0.03, created: [7, 1000], last: 'fraction' },
  { stage: 'investigation', share: 0.12, created: [1, 100], last: 'fraction' },
  { stage: 'decision', share: 0.06, created: [30, 110], last: [0, 20] },
  { stage: 'service', share: 0.03, created: [40, 120], last: [0, 15] },
  { stage: 'execution', share: 0.06, created: [60, 400], last: [0, 60] },
  { stage: 'concluded', share: 0.06, created: [60, 400], last: [0, 45] },
  { stage: 'archived', share: 0.62, created: [60, 1095], last: 'fraction' },
];

// ---- the act plan: what a case at a given stage has been through ---------------------------------------------------

type By = 'officer' | 'unitHead' | 'agencyHead';
interface PlannedAct { type: ActType; by: By; field: boolean; av: 'none' | 'av' | 'fullAv'; refSeq: number | null; content: Record<string, unknown> }

const BASIS = '《中华人民共和国行政处罚法》及相关法律、法规的规定';
const INVESTIGATION: ActType[] = ['inquiry', 'inspection', 'inquiry', 'inquiry', 'evidenceRetrieval', 'inquiry'];

function template(type: ActType, o: { n: number; hearing: boolean; approved?: boolean; completed?: boolean }): Record<string, unknown> {
  switch (type) {
    case 'opening':
      return o.approved === false
        ? { approved: false, opinion: '经核查，违法事实不能成立，不予立案', replyToComplainant: '已书面告知投诉举报人不予立案的理由' }
        : { approved: true, opinion: '经审查，符合立案条件，同意立案调查' };
    case 'inquiry':
      return { person: '王某', relation: '负责人', transcript: `问：我们是执法人员，现依法向你询问有关情况，你是否清楚？答：清楚。问：你单位是否取得相关许可？答：没有取得。（第${o.n}次询问）` };
    case 'inspection':
      return { findings: '现场检查发现当事人正在从事经营活动，未能出示有效许可证件；执法人员对现场进行了拍照和录像。' };
    case 'evidenceRetrieval':
      return { items: [{ name: '营业执照复印件', quantity: '1 份' }, { name: '经营台账', quantity: '3 册' }, { name: '销售票据', quantity: '12 张' }], note: '当事人签字确认' };
    case 'rightsNotice':
      return { facts: '经查，当事人未经许可擅自从事经营活动，违法事实清楚，证据确凿。', basis: BASIS, proposed: '拟处罚款人民币五千元', hearingEligible: true };
    case 'statementDefence':
      return { waived: false, statement: '当事人称系初次违法，已停止违法行为，请求从轻处罚。', hearingRequested: o.hearing, adopted: '经复核，当事人初次违法且主动改正，部分采纳' };
    case 'hearingNotice':
      return { hearingAt: '2026-01-01T09:00:00.000Z', place: '本局听证室', presider: '孙主持' };
    case 'hearing':
      return { presider: '孙主持', transcript: '听证会依法公开举行。调查人员提出当事人违法的事实、证据和处罚建议；当事人进行了申辩和质证。' };
    case 'draftDecision':
      return { proposal: '罚款人民币三千元', basis: BASIS, fineFen: 300_000, discretion: { level: '初次违法、主动改正：从轻处罚', reason: '当事人系初次违法，且已停止违法行为并主动改正' } };
    case 'collectiveDiscussion':
      return { participants: ['王局长', '李科长', '刘审核'], conclusion: '同意承办机构的拟处理意见，罚款人民币三千元' };
    case 'decision':
      return { decision: '罚款人民币三千元', basis: BASIS, fineFen: 300_000, remedy: '如不服本决定，可在六十日内申请行政复议，或者在六个月内提起行政诉讼' };
    case 'service':
      return { documentActId: '', method: 'mail', recipient: '王某' };
    case 'execution':
      return o.completed
        ? { method: 'voluntary', detail: '当事人已按期缴纳全部罚款', amountFen: 300_000, completed: true }
        : { method: 'voluntary', detail: '当事人已缴纳部分罚款，余款申请延期缴纳', amountFen: 100_000, completed: false };
    case 'conclusion':
      return { outcome: 'executed', summary: '当事人已履行处罚决定，执行完毕，予以结案' };
    case 'archive':
      return { location: '档案室 A-3', note: '卷宗共 1 册' };
    default:
      throw new Error(`no template for ${type}`);
  }
}

/**
 * The n acts of a penalty case now at `stage`: registration, opening, investigation acts (inquiries, on-site
 * inspections and evidence retrieval, one in three on AV), then as far along the lifecycle as the stage says.
 * `hearing`: the party asked for a hearing. Archived cases take the acts the early stages lack (see `makeSpecs`).
 */
function planActs(stage: Stage, hearing: boolean, n: number): PlannedAct[] {
  const acts: { type: ActType; by?: By; content?: Record<string, unknown>; ref?: ActType; method?: string }[] = [{ type: 'registration' }];
  if (stage === 'opening') return finish(acts);
  if (stage === 'notOpened') return finish([...acts, { type: 'opening', by: 'unitHead', content: template('opening', { n: 0, hearing, approved: false }) }]);
  acts.push({ type: 'opening', by: 'unitHead' });
  const decisionPhase: ActType[] = hearing
    ? ['rightsNotice', 'statementDefence', 'hearingNotice', 'hearing', 'draftDecision', 'collectiveDiscussion']
    : ['rightsNotice', 'statementDefence', 'draftDecision', 'collectiveDiscussion'];
  const tail: typeof acts = [];
  if (stage !== 'investigation') tail.push(...decisionPhase.map((type) => ({ type })));
  if (['service', 'execution', 'concluded', 'archived'].includes(stage)) tail.push({ type: 'decision', by: 'agencyHead' });
  if (['execution', 'concluded', 'archived'].includes(stage))
    tail.push({ type: 'service', ref: 'decision', method: 'mail' }, { type: 'service', ref: 'rightsNotice', method: 'direct' });
  if (stage === 'execution') tail.push({ type: 'execution', content: template('execution', { n: 0, hearing, completed: false }) });
  if (stage === 'concluded' || stage === 'archived') tail.push({ type: 'execution', content: template('execution', { n: 0, hearing, completed: true }) }, { type: 'conclusion', by: 'unitHead' });
  if (stage === 'archived') tail.push({ type: 'archive' });
  const investigation = Math.max(1, n - acts.length - tail.length);
  for (let i = 0; i < investigation; i++) acts.push({ type: INVESTIGATION[i % INVESTIGATION.length]! });
  return finish([...acts, ...tail]);

  function finish(list: typeof acts): PlannedAct[] {
    let inquiries = 0;
    return list.map((a, i) => {
      const content = a.type === 'registration' ? {} : { ...(a.content ?? template(a.type, { n: a.type === 'inquiry' ? ++inquiries : 0, hearing })) };
      if (a.method) content.method = a.method;
      const refSeq = a.ref ? list.findIndex((x) => x.type === a.ref) + 1 : null;
      return { type: a.type, by: a.by ?? 'officer', field: isFieldAct(a.type, content), av: defaultAvLevel(a.type, content), refSeq: i === 0 ? null : refSeq, content };
    });
  }
}

// ---- setup: agencies, staff, published officer records -------------------------------------------------------------

interface Person { userId: string; username: string; name: string }
interface Officer extends Person { cert: string; recordId: string }
interface Agency {
  id: string; name: string; division: string; kind: (typeof KINDS)[number]; weight: number; archiveDays: number | null;
  head: Person; unitHead: Person; editor: Person; officers: Officer[];
}

const actorOf = (p: Person, roles: Role[], agencyId: string): Actor => ({
  userId: p.userId, username: p.username, displayName: p.name, roles, agencyId, divisionCode: null, via: 'session',
});

async function setup(db: Kysely<any>, policies: PolicyService): Promise<Agency[]> {
  const admin = await db.selectFrom('users').select(['id', 'username', 'display_name']).where('username', '=', 'admin').executeTakeFirstOrThrow();
  const adminCtx: Ctx = { db, actor: { userId: admin.id, username: admin.username, displayName: admin.display_name, roles: ['administrator'], agencyId: null, divisionCode: null, via: 'session' } };
  // the Songyuan and Yinchuan agencies work under their own cities' policy packs, as a deployment would assign them
  await policies.assign(adminCtx, '220700', 'songyuan-2019');
  await policies.assign(adminCtx, '640100', 'yinchuan-2018');
  const divisionNames = new Map((await db.selectFrom('divisions').select(['code', 'name']).execute()).map((d) => [String(d.code).trim(), d.name as string]));
  const passwordHash = await hashPassword('Bench-Passw0rd-1');
  const weights = Array.from({ length: AGENCIES }, (_, k) => 1 / (k + 1) ** 0.6); // a few large agencies, many small ones
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const agencies: Agency[] = [];
  let userNo = 0;
  const newUser = async (agencyId: string, roles: Role[], name = personName()): Promise<Person> => {
    const username = `bench.${++userNo}`;
    const row = await db.insertInto('users').values({ username, display_name: name, password_hash: passwordHash, roles, agency_id: agencyId, division_code: null }).returning('id').executeTakeFirstOrThrow();
    return { userId: row.id, username, name };
  };
  for (let k = 0; k < AGENCIES; k++) {
    const division = DIVISIONS[k % DIVISIONS.length]!;
    const kind = KINDS[k % KINDS.length]!;
    const name = `${divisionNames.get(division) ?? division}${kind.suffix}${k >= DIVISIONS.length ? `（${Math.floor(k / DIVISIONS.length) + 1}）` : ''}`;
    const row = await db.insertInto('agencies').values({ name, credit_code: demoCreditCode(division, 70_000 + k), division_code: division }).returning('id').executeTakeFirstOrThrow();
    const pack = await policies.forDivision(db, division);
    const days = pack.recording.archiveDaysAfterConclusion.value;
    const a: Agency = {
      id: row.id, name, division, kind, weight: weights[k]! / totalWeight, archiveDays: typeof days === 'number' ? days : null,
      head: await newUser(row.id, ['agencyHead']), unitHead: await newUser(row.id, ['unitHead']), editor: await newUser(row.id, ['disclosureEditor']), officers: [],
    };
    // officers: every one with a published, valid certificate covering the agency's field, approved by a second person
    const count = Math.max(4, Math.round(OFFICERS * a.weight));
    const editorCtx: Ctx = { db, actor: actorOf(a.editor, ['disclosureEditor'], a.id) };
    const headCtx: Ctx = { db, actor: actorOf(a.head, ['agencyHead'], a.id) };
    for (let i = 0; i < count; i++) {
      const person = await newUser(a.id, ['officer']);
      const cert = `BC${String(k).padStart(3, '0')}${String(i).padStart(5, '0')}`;
      const draft = await records.createRecord(editorCtx, 'officer', {
        data: { name: person.name, gender: rand() < 0.7 ? '男' : '女', post: `${kind.field}执法大队队员`, certificateNumber: cert, categories: [kind.field], area: divisionNames.get(division) ?? division, validFrom: '2020-01-01', validTo: '2099-12-31', status: 'valid' },
      });
      await records.decide(headCtx, draft.versionId, { decision: 'approved' });
      a.officers.push({ ...person, cert, recordId: draft.recordId });
    }
    agencies.push(a);
  }
  return agencies;
}

// ---- case specs ----------------------------------------------------------------------------------------------------

interface Spec {
  agency: Agency; handlers: Officer[]; second: Officer; stage: Stage; hearing: boolean; n: number;
  origin: 'application' | 'exOfficio' | 'complaint' | 'emergency'; cause: string; partyName: string; creditCode: string;
  t0: number; stepMs: number;
}

function weightedAgency(agencies: Agency[]): Agency {
  let r = rand();
  for (const a of agencies) if ((r -= a.weight) < 0) return a;
  return agencies[agencies.length - 1]!;
}

function makeSpecs(agencies: Agency[], now: number): Spec[] {
  const specs: Spec[] = [];
  let serial = 0;
  for (const mix of STAGE_MIX) {
    const count = mix === STAGE_MIX[STAGE_MIX.length - 1] ? CASES - specs.length : Math.round(CASES * mix.share);
    for (let i = 0; i < count; i++) {
      const agency = weightedAgency(agencies);
      const h1 = pick(agency.officers);
      let h2 = pick(agency.officers);
      while (h2 === h1) h2 = pick(agency.officers);
      const handlers = rand() < 0.7 ? [h1, h2] : [h1];
      const origin = mix.stage === 'notOpened' ? 'complaint' : mix.stage === 'opening' ? pick(['application', 'exOfficio', 'complaint'] as const)
        : rand() < 0.05 ? 'emergency' : pick(['application', 'exOfficio', 'exOfficio', 'complaint'] as const);
      const ageDays = between(...mix.created);
      const t0 = now - ageDays * DAY;
      const lastAge = mix.last === 'fraction' ? (mix.stage === 'archived' ? Math.max(1, ageDays - between(40, Math.min(200, ageDays - 2))) : ageDays * rand() * 0.9) : Math.min(between(...mix.last), ageDays * 0.9);
      const code17 = `91${agency.division}MA${String(1_000_000 + ++serial).slice(-7)}`;
      specs.push({
        agency, handlers, second: handlers[1] ?? h2, stage: mix.stage, hearing: rand() < 0.3, n: 0, origin, cause: pick(agency.kind.causes),
        partyName: `${agency.name.slice(0, 3)}${pick(SURNAMES)}${pick(GIVEN)}${pick(agency.kind.parties)}`, creditCode: code17 + creditCodeCheckChar(code17),
        t0, stepMs: now - lastAge * DAY - t0, // divided by n - 1 once n is known
      });
    }
  }
  // act counts: every case ACTS_PER_CASE acts, but a case awaiting its opening approval has 1 and a case not opened has
  // 2; archived cases (more investigation) take what those lack, so that the total is CASES × ACTS_PER_CASE
  const short = specs.filter((s) => s.stage === 'opening' || s.stage === 'notOpened');
  const archived = specs.filter((s) => s.stage === 'archived');
  let deficit = short.reduce((d, s) => d + ACTS_PER_CASE - (s.stage === 'opening' ? 1 : 2), 0);
  for (const s of specs) s.n = s.stage === 'opening' ? 1 : s.stage === 'notOpened' ? 2 : ACTS_PER_CASE;
  for (let i = 0; deficit > 0 && archived.length; i++, deficit--) archived[i % archived.length]!.n++;
  for (const s of specs) s.stepMs = s.n > 1 ? Math.floor(s.stepMs / (s.n - 1)) : 0;
  // shuffle (deterministically), so that the service sample gets the same mix of stages and agencies
  for (let i = specs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [specs[i], specs[j]] = [specs[j]!, specs[i]!];
  }
  return specs;
}

const partyOf = (s: Spec) => ({ kind: 'organisation' as const, name: s.partyName, creditCode: s.creditCode, representative: '王某' });
const recordedAt = (s: Spec, seq: number) => s.t0 + (seq - 1) * s.stepMs + (seq > 1 ? 10 * MIN : 0);

// ---- bulk fill (set-based SQL) -------------------------------------------------------------------------------------

async function bulkFill(db: Kysely<any>, specs: Spec[], agencies: Agency[]) {
  const t0 = performance.now();
  const log = (m: string) => console.log(`  … ${m} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  // the act plans (one row per stage × hearing × act count × seq), the agencies' approvers, and per-case facts
  await sql`create table bench_plan (stage text, hearing boolean, n int, seq int, type text, by_role text, field boolean, av text, ref_seq int, ref_type text, content jsonb, primary key (stage, hearing, n, seq))`.execute(db);
  await sql`create table bench_agency (agency_id uuid primary key, unit_id uuid, unit_username text, unit_name text, head_id uuid, head_username text, head_name text)`.execute(db);
  await sql`create table bench_meta (case_id uuid primary key, stage text, hearing boolean, n int, t0 timestamptz, step_ms bigint, t_end timestamptz, off_id uuid, off_username text, off_name text, o1 jsonb, o2 jsonb)`.execute(db);
  const planKeys = new Map<string, { stage: Stage; hearing: boolean; n: number }>();
  for (const s of specs) planKeys.set(`${s.stage}|${s.hearing}|${s.n}`, { stage: s.stage, hearing: s.hearing, n: s.n });
  const planRows = [...planKeys.values()].flatMap(({ stage, hearing, n }) => planActs(stage, hearing, n).map((a, i, all) => ({
    stage, hearing, n, seq: i + 1, type: a.type, by_role: a.by, field: a.field, av: a.av, ref_seq: a.refSeq, ref_type: a.refSeq ? all[a.refSeq - 1]!.type : null, content: JSON.stringify(a.content),
  })));
  for (let i = 0; i < planRows.length; i += 1000) await db.insertInto('bench_plan').values(planRows.slice(i, i + 1000)).execute();
  await db.insertInto('bench_agency').values(agencies.map((a) => ({
    agency_id: a.id, unit_id: a.unitHead.userId, unit_username: a.unitHead.username, unit_name: a.unitHead.name, head_id: a.head.userId, head_username: a.head.username, head_name: a.head.name,
  }))).execute();

  // cases, in registration order, with their projection (stage, dates, counters) as the service keeps it
  const ordered = [...specs].sort((a, b) => a.t0 - b.t0);
  const counters = new Map<string, number>();
  const byStage = new Map<Stage, { id: string; spec: Spec }>(); // one bulk case per stage, for the shape check
  const check = (o: Officer) => JSON.stringify({ certificateNumber: o.cert, name: o.name, recordId: o.recordId, validFrom: '2020-01-01', validTo: '2099-12-31', ok: true, problems: [] });
  for (let i = 0; i < ordered.length; i += 1000) {
    const batch = ordered.slice(i, i + 1000).map((s) => {
      const id = crypto.randomUUID();
      if (s.t0 < Date.now() - 2 * DAY) byStage.set(s.stage, { id, spec: s });
      const plan = planActs(s.stage, s.hearing, s.n);
      const at = (type: ActType) => { const k = plan.findIndex((a) => a.type === type); return k < 0 ? null : new Date(recordedAt(s, k + 1)); };
      const created = new Date(s.t0);
      const year = Number(shanghaiDate(created).slice(0, 4));
      const key = `${s.agency.id}|${year}`;
      const no = (counters.get(key) ?? 0) + 1;
      counters.set(key, no);
      const emergency = s.origin === 'emergency';
      const openedAt = emergency ? created : s.stage === 'opening' || s.stage === 'notOpened' ? null : at('opening');
      const concludedAt = at('conclusion');
      const number = `${s.agency.name}立〔${year}〕${no}号`;
      return {
        c: {
          id, agency_id: s.agency.id, division_code: s.agency.division, number, act_category: 'penalty', origin: s.origin, cause: s.cause, field: s.agency.kind.field,
          item_record_id: null, party: JSON.stringify(partyOf(s)), summary: `${s.cause}（${s.origin === 'complaint' ? '群众投诉举报' : '执法检查发现'}）`, major: false,
          handler_ids: s.handlers.map((h) => h.userId), created_by: s.handlers[0]!.userId, created_at: created, stage: s.stage,
          opened_at: openedAt, opening_due_at: emergency ? new Date(s.t0 + 24 * 3600_000) : null, opening_decided_at: at('opening'),
          decision_due: openedAt ? addDays(shanghaiDate(openedAt), PENALTY_DECISION_DAYS) : null,
          decided_at: at('decision'), concluded_at: concludedAt,
          archive_due: concludedAt && s.agency.archiveDays !== null ? addDays(shanghaiDate(concludedAt), s.agency.archiveDays) : null,
          archived_at: at('archive'), act_count: s.n, updated_at: new Date(recordedAt(s, s.n)),
        },
        m: {
          case_id: id, stage: s.stage, hearing: s.hearing, n: s.n, t0: created, step_ms: s.stepMs, t_end: new Date(recordedAt(s, s.n)),
          off_id: s.handlers[0]!.userId, off_username: s.handlers[0]!.username, off_name: s.handlers[0]!.name, o1: check(s.handlers[0]!), o2: check(s.second),
        },
      };
    });
    await db.insertInto('cases').values(batch.map((b) => b.c)).execute();
    await db.insertInto('bench_meta').values(batch.map((b) => b.m)).execute();
  }
  for (const [key, last] of counters) {
    const [agencyId, year] = key.split('|');
    await db.insertInto('case_counters').values({ agency_id: agencyId, series: 'case', year: Number(year), last }).execute();
  }
  log(`${ordered.length.toLocaleString('en')} cases`);

  // acts and their evidence, window by window in time order, so that one case's acts lie apart on disk as they do
  // when they are recorded over weeks between other cases' acts
  const first = ordered[0]!.t0;
  const end = Date.now() + DAY;
  const WINDOW = 30 * DAY;
  const iso = (col: string) => sql.raw(`to_char((${col}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
  let acts = 0;
  let evidence = 0;
  for (let w0 = first - 1; w0 < end; w0 += WINDOW) {
    const from = new Date(w0);
    const to = new Date(w0 + WINDOW);
    const source = sql`
      select c.id as case_id, c.agency_id, c.party, c.number, c.act_category, c.origin, c.cause, c.field, c.summary, c.major, c.handler_ids,
             p.seq, p.type, p.by_role, p.field as field_act, p.av, p.ref_seq, p.ref_type, p.content as tpl, m.o1, m.o2, m.off_id, m.off_username, m.off_name,
             g.unit_id, g.unit_username, g.unit_name, g.head_id, g.head_username, g.head_name,
             m.t0 + (p.seq - 1) * m.step_ms * interval '1 millisecond' as occurred_at
      from bench_meta m
      join cases c on c.id = m.case_id
      join bench_agency g on g.agency_id = c.agency_id
      join bench_plan p on p.stage = m.stage and p.hearing = m.hearing and p.n = m.n
      where m.t0 < ${to} and m.t_end >= ${from}
        and m.t0 + (p.seq - 1) * m.step_ms * interval '1 millisecond' >= ${from}
        and m.t0 + (p.seq - 1) * m.step_ms * interval '1 millisecond' < ${to}`;
    const ev = await sql`
      insert into evidence_files (id, agency_id, uploaded_by, uploaded_at, upload_id, size, sha256, content_type, file_name, device_id, officer_user_id, officer_name, recording_start, recording_end, place)
      select md5(s.case_id::text || ':ev:' || s.seq)::uuid, s.agency_id, s.off_id, s.occurred_at + interval '2 hours', md5(s.case_id::text || ':up:' || s.seq)::uuid,
             40000000 + (hashtext(s.case_id::text) & 65535) * 1000, encode(sha256(convert_to(s.case_id::text || ':ev:' || s.seq, 'UTF8')), 'hex'),
             'video/mp4', '执法记录仪_' || s.seq || '.mp4', 'DSJ-' || substr(md5(s.off_id::text), 1, 6), s.off_id, s.off_name,
             s.occurred_at - interval '2 minutes', s.occurred_at + interval '40 minutes', '当事人经营场所'
      from (${source}) s where s.av <> 'none' order by s.occurred_at`.execute(db);
    evidence += Number(ev.numAffectedRows ?? 0);
    const r = await sql`
      insert into case_acts (id, case_id, agency_id, seq, type, occurred_at, place, officers, party_present, certificate_shown, rights_told, content, media,
                             av_required, recorded_by, recorded_by_name, recorded_at, canonical, content_hash, ledger_ref)
      select id, case_id, agency_id, seq, type, occurred_at, place, officers, party_present, certificate_shown, rights_told, content, media,
             av, by_id, by_name, recorded_at, canonical, 'sha256:' || encode(sha256(convert_to(canonical, 'UTF8')), 'hex'), 0
      from (
        select x.*, jsonb_build_object(
                 'v', 1, 'id', x.id, 'caseId', x.case_id, 'agencyId', x.agency_id, 'seq', x.seq, 'type', x.type, 'occurredAt', ${iso('x.occurred_at')},
                 'endedAt', null, 'place', x.place, 'officers', x.officers, 'partyPresent', x.party_present, 'certificateShown', x.certificate_shown,
                 'rightsTold', x.rights_told, 'content', x.content, 'media', x.media, 'avRequired', x.av, 'avExceptionId', null, 'corrects', null,
                 'correctionReason', null, 'recordedBy', x.by_username, 'recordedAt', ${iso('x.recorded_at')})::text as canonical
        from (
          select md5(s.case_id::text || ':' || s.seq)::uuid as id, s.case_id, s.agency_id, s.seq, s.type, s.occurred_at, s.av,
                 s.occurred_at + case when s.seq = 1 then interval '0' else interval '10 minutes' end as recorded_at,
                 case when s.field_act then '当事人经营场所' end as place,
                 case when s.field_act then '王某（负责人）' end as party_present,
                 case when s.field_act then true end as certificate_shown,
                 case when s.type in ('rightsNotice', 'inquiry') then true end as rights_told,
                 case when s.field_act then jsonb_build_array(
                   s.o1 || jsonb_build_object('checkedFor', to_char((s.occurred_at + interval '8 hours') at time zone 'UTC', 'YYYY-MM-DD')),
                   s.o2 || jsonb_build_object('checkedFor', to_char((s.occurred_at + interval '8 hours') at time zone 'UTC', 'YYYY-MM-DD')))
                 else '[]'::jsonb end as officers,
                 case s.type
                   when 'registration' then jsonb_build_object('number', s.number, 'actCategory', s.act_category, 'origin', s.origin, 'cause', s.cause, 'field', s.field,
                     'itemRecordId', null, 'party', s.party, 'summary', s.summary, 'major', s.major, 'handlerIds', to_jsonb(s.handler_ids))
                   when 'service' then s.tpl || jsonb_build_object('documentActId', md5(s.case_id::text || ':' || s.ref_seq)::uuid, 'documentType', s.ref_type)
                   when 'hearingNotice' then s.tpl || jsonb_build_object('hearingAt', ${iso("s.occurred_at + interval '3 days'")})
                   else s.tpl end as content,
                 case when s.av <> 'none' then jsonb_build_array(jsonb_build_object('evidenceId', md5(s.case_id::text || ':ev:' || s.seq)::uuid,
                   'sha256', encode(sha256(convert_to(s.case_id::text || ':ev:' || s.seq, 'UTF8')), 'hex'))) else '[]'::jsonb end as media,
                 case s.by_role when 'unitHead' then s.unit_id when 'agencyHead' then s.head_id else s.off_id end as by_id,
                 case s.by_role when 'unitHead' then s.unit_name when 'agencyHead' then s.head_name else s.off_name end as by_name,
                 case s.by_role when 'unitHead' then s.unit_username when 'agencyHead' then s.head_username else s.off_username end as by_username
          from (${source}) s
        ) x
      ) y
      order by occurred_at`.execute(db);
    acts += Number(r.numAffectedRows ?? 0);
    if (Math.floor((w0 - first) / WINDOW) % 6 === 5) log(`${acts.toLocaleString('en')} acts, ${evidence.toLocaleString('en')} evidence files`);
  }
  // written explanations for missing AV on ~1% of opened cases, most approved by the agency head, some pending
  await sql`
    insert into case_av_exceptions (id, case_id, agency_id, act_type, reason, requested_by, requested_by_name, requested_at)
    select md5(m.case_id::text || ':avx')::uuid, m.case_id, c.agency_id, 'inspection', '执法记录仪电量耗尽，未能对现场检查进行音像记录', m.off_id, m.off_name,
           least(m.t0 + interval '1 day', now() - interval '1 hour')
    from bench_meta m join cases c on c.id = m.case_id
    where m.stage not in ('opening', 'notOpened') and get_byte(decode(md5(m.case_id::text || 'x'), 'hex'), 0) < 3`.execute(db);
  await sql`
    insert into case_av_exception_decisions (exception_id, agency_id, approved, comment, decided_by, decided_by_name, decided_at)
    select e.id, e.agency_id, true, '同意', g.head_id, g.head_name, least(e.requested_at + interval '1 day', now())
    from case_av_exceptions e join bench_agency g on g.agency_id = e.agency_id
    where get_byte(decode(md5(e.id::text), 'hex'), 0) >= 40`.execute(db);
  for (const t of ['bench_plan', 'bench_agency', 'bench_meta']) await sql`drop table ${sql.table(t)}`.execute(db);
  log(`${acts.toLocaleString('en')} acts, ${evidence.toLocaleString('en')} evidence files; vacuum analyze`);
  await sql`vacuum analyze`.execute(db);
  return { cases: ordered.length, acts, evidence, seconds: (performance.now() - t0) / 1000, byStage };
}

// ---- the measured sample, through the service layer ----------------------------------------------------------------

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return { n: s.length, p50: pct(s, 0.5), p95: pct(s, 0.95), max: s[s.length - 1] ?? NaN };
};

async function serviceSample(db: Kysely<any>, deps: CaseDeps, specs: Spec[], concurrency: number) {
  // evidence files for the AV acts, recorded beforehand as a finished upload would (not part of the timing)
  const media = new Map<Spec, string[]>();
  for (const s of specs) {
    const ids: string[] = [];
    for (const a of planActs(s.stage, s.hearing, s.n).filter((x) => x.av !== 'none')) {
      const id = crypto.randomUUID();
      const sha256 = crypto.createHash('sha256').update(id).digest('hex');
      const h = s.handlers[0]!;
      await recordEvidence(db, deps.ledger, {
        id, agency_id: s.agency.id, uploaded_by: h.userId, upload_id: crypto.randomUUID(), size: 50_000_000, sha256, sm3: null, content_type: 'video/mp4',
        file_name: `执法记录仪_${a.type}.mp4`, device_id: 'DSJ-BENCH', officer_user_id: h.userId, officer_name: h.name,
        recording_start: new Date(Date.now() - 30 * MIN), recording_end: new Date(Date.now() + 6 * 3600_000), place: '当事人经营场所',
        interruptions: [], upload_deadline: null, late: false, late_reason: null,
      }, { username: h.username }, async () => {});
      ids.push(id);
    }
    media.set(s, ids);
  }
  const openMs: number[] = [];
  const actMs: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < specs.length) {
      const s = specs[next++]!;
      const a = s.agency;
      const ctx = (by: By): Ctx => ({
        db, ip: '127.0.0.1',
        actor: by === 'unitHead' ? actorOf(a.unitHead, ['unitHead'], a.id) : by === 'agencyHead' ? actorOf(a.head, ['agencyHead'], a.id) : actorOf(s.handlers[0]!, ['officer'], a.id),
      });
      const plan = planActs(s.stage, s.hearing, s.n);
      let t = performance.now();
      const c = await openCase(ctx('officer'), deps, openCaseBody.parse({
        agencyId: a.id, actCategory: 'penalty', origin: s.origin, cause: s.cause, field: a.kind.field, party: partyOf(s),
        summary: `${s.cause}（${s.origin === 'complaint' ? '群众投诉举报' : '执法检查发现'}）`, handlerIds: s.handlers.map((h) => h.userId),
      }));
      openMs.push(performance.now() - t);
      const ids = [c.acts[0]!.id];
      const evidence = [...media.get(s)!];
      for (const p of plan.slice(1)) {
        const content = { ...p.content };
        if (p.type === 'service') content.documentActId = ids[p.refSeq! - 1];
        if (p.type === 'hearingNotice') content.hearingAt = new Date(Date.now() + 3 * DAY).toISOString();
        const input = recordActBody.parse({
          type: p.type, occurredAt: new Date(Date.now() - 5 * MIN).toISOString(), content,
          ...(p.field ? { officers: [s.handlers[0]!.cert, s.second.cert], certificateShown: true, place: '当事人经营场所', partyPresent: '王某（负责人）' } : {}),
          ...(p.type === 'inquiry' ? { rightsTold: true } : {}),
          ...(p.av !== 'none' ? { media: [evidence.shift()!] } : {}),
        });
        t = performance.now();
        const act = await recordAct(ctx(p.by), deps, c.id, input);
        actMs.push(performance.now() - t);
        ids.push(act.id);
      }
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  return { cases: specs.length, acts: openMs.length + actMs.length, seconds, open: stats(openMs), act: stats(actMs) };
}

/**
 * Bulk rows are of the service's shape: the service reads one bulk case per stage (every act there) and records the
 * next acts on some of them — an inquiry in investigation, execution and conclusion, archiving (which checks that
 * both documents were served, i.e. that the bulk service acts point at the right acts).
 */
async function shapeCheck(db: Kysely<any>, deps: CaseDeps, byStage: Map<Stage, { id: string; spec: Spec }>) {
  let read = 0;
  let recorded = 0;
  for (const [stage, { id, spec: s }] of byStage) {
    const a = s.agency;
    const officer: Ctx = { db, actor: actorOf(s.handlers[0]!, ['officer'], a.id) };
    const unitHead: Ctx = { db, actor: actorOf(a.unitHead, ['unitHead'], a.id) };
    const c = await getCase(officer, deps.ledger, id);
    if (c.acts.length !== s.n || c.stage !== stage) throw new Error(`bulk case ${id}: ${c.acts.length} acts at ${c.stage}, planned ${s.n} at ${stage}`);
    read++;
    const act = (ctx: Ctx, type: ActType, content: Record<string, unknown>, field = false) => recordAct(ctx, deps, id, recordActBody.parse({
      type, occurredAt: new Date(Date.now() - MIN).toISOString(), content, ...(field ? { officers: [s.handlers[0]!.cert, s.second.cert], certificateShown: true } : {}),
    })).then(() => recorded++);
    const hearing = s.hearing;
    if (stage === 'investigation') await act(officer, 'inquiry', template('inquiry', { n: 99, hearing }), true);
    if (stage === 'execution') {
      await act(officer, 'execution', template('execution', { n: 0, hearing, completed: true }));
      await act(unitHead, 'conclusion', template('conclusion', { n: 0, hearing }));
    }
    if (stage === 'concluded') await act(officer, 'archive', template('archive', { n: 0, hearing }));
  }
  return { read, recorded };
}

// ---- the to-do list ------------------------------------------------------------------------------------------------

/** Captures the SQL of the statements a call runs, to EXPLAIN them afterwards. */
function captureSql(db: Kysely<any>) {
  const statements: CompiledQuery[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      statements.push(db.getExecutor().compileQuery(args.node, args.queryId));
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { db: db.withPlugin(plugin), statements };
}

const CASE_TODO_KINDS = ['openingApproval', 'emergencyApproval', 'decisionDue', 'archiveDue'];

/** The case to-dos that exist in the actor's scope, over all its cases: the conditions listTodos applies, in one count. */
async function dueInScope(db: Kysely<any>, actor: Actor): Promise<number> {
  const heads = actor.roles.includes('unitHead') || actor.roles.includes('agencyHead');
  const r = await sql<{ n: string }>`
    select count(*) filter (where ${heads} and c.stage = 'opening')
         + count(*) filter (where c.opening_due_at is not null and c.stage <> 'notOpened'
                              and not exists (select 1 from case_acts a where a.case_id = c.id and a.type = 'opening'))
         + count(*) filter (where c.decision_due is not null and c.stage in ('investigation', 'decision'))
         + count(*) filter (where c.archive_due is not null and c.stage = 'concluded') as n
    from cases c
    where c.agency_id = ${actor.agencyId} and (${heads} or c.handler_ids @> array[${actor.userId}]::uuid[])`.execute(db);
  return Number(r.rows[0]!.n);
}

async function measureTodos(db: Kysely<any>, who: string, actor: Actor, scopeCases: number) {
  const ctx: Ctx = { db, actor };
  for (let i = 0; i < Math.min(20, TODO_CALLS); i++) await listTodos(ctx); // warm-up
  const ms: number[] = [];
  let items = 0;
  let caseItems = 0;
  let casesWithTodos = 0;
  let truncated = false;
  for (let i = 0; i < TODO_CALLS; i++) {
    const t = performance.now();
    const list = await listTodos(ctx);
    ms.push(performance.now() - t);
    items = list.items.length;
    caseItems = list.items.filter((x) => CASE_TODO_KINDS.includes(x.kind)).length;
    ({ casesWithTodos, truncated } = list);
  }
  const due = await dueInScope(db, actor);
  // where the time goes: each statement of one call, EXPLAIN ANALYZEd
  const cap = captureSql(db);
  await listTodos({ db: cap.db, actor });
  const breakdown: { sql: string; ms: number; plan: string }[] = [];
  for (const q of cap.statements) {
    const r = await db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain (analyze, buffers) ${q.sql}`, [...q.parameters]));
    const plan = r.rows.map((x) => x['QUERY PLAN']).join('\n');
    breakdown.push({ sql: q.sql.replace(/\s+/g, ' '), ms: Number(/Execution Time: ([\d.]+)/.exec(plan)?.[1] ?? NaN), plan });
  }
  return { who, scopeCases, items, caseItems, casesWithTodos, truncated, due, ...stats(ms), breakdown };
}

async function todoActors(db: Kysely<any>, agencies: Agency[]) {
  const perOfficer = await sql<{ user_id: string; n: string }>`select u as user_id, count(*) as n from cases, unnest(handler_ids) u group by u order by count(*) desc, u`.execute(db);
  const counts = perOfficer.rows.map((r) => ({ userId: r.user_id, n: Number(r.n) }));
  const officers = new Map(agencies.flatMap((a) => a.officers.map((o) => [o.userId, { o, a }] as const)));
  const busiest = counts.find((c) => officers.has(c.userId))!;
  const ofOfficers = counts.filter((c) => officers.has(c.userId));
  const median = ofOfficers[Math.floor(ofOfficers.length / 2)]!;
  const perAgency = await sql<{ agency_id: string; n: string }>`select agency_id, count(*) as n from cases group by agency_id order by count(*) desc`.execute(db);
  const largest = agencies.find((a) => a.id === perAgency.rows.find((r) => agencies.some((x) => x.id === r.agency_id))!.agency_id)!;
  const largestCases = Number(perAgency.rows.find((r) => r.agency_id === largest.id)!.n);
  const o = (c: { userId: string }) => officers.get(c.userId)!;
  const spread = ofOfficers.map((c) => c.n);
  return {
    spread: { min: spread[spread.length - 1]!, median: median.n, max: busiest.n },
    list: [
      { who: `officer, busiest (${busiest.n} cases as handler)`, actor: actorOf(o(busiest).o, ['officer'], o(busiest).a.id), scope: busiest.n },
      { who: `officer, median (${median.n} cases)`, actor: actorOf(o(median).o, ['officer'], o(median).a.id), scope: median.n },
      { who: `unit head, largest agency (${largestCases} cases)`, actor: actorOf(largest.unitHead, ['unitHead'], largest.id), scope: largestCases },
      { who: `agency head, largest agency (${largestCases} cases)`, actor: actorOf(largest.head, ['agencyHead'], largest.id), scope: largestCases },
    ],
  };
}

const loadavg = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');

// ---- one engine ----------------------------------------------------------------------------------------------------

const adminQuery = (q: string) => adminQueryOn(serverUrl, q);

async function run(engine: 'pglite' | 'postgres') {
  let database: Database;
  let drop = async () => {};
  let where: string;
  if (engine === 'pglite') {
    const dir = path.join(tmp, 'pglite');
    database = await openDatabase({ dataDir: dir }); // on disk, as in production
    where = dir;
    drop = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `sx_bench_cases_${process.pid}`;
    await adminQuery(`create database ${name} template template0 encoding 'UTF8' locale 'C.UTF-8'`);
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: u.toString(), poolSize: CONCURRENCY + 4 });
    where = `${u.host}/${name}`;
    drop = () => adminQuery(`drop database if exists ${name} with (force)`);
  }
  const db = database.db as unknown as Kysely<any>;
  console.log(`\n== ${engine} (${where}); load average ${loadavg()}`);
  try {
    await migrateToLatest(database.db);
    await seedDemo(database.db, 'Bench-Passw0rd-1');
    const config = loadConfig({ SANXIANG_DATA_DIR: path.join(tmp, `data-${engine}`), SANXIANG_SEED_DEMO: 'false' } as NodeJS.ProcessEnv);
    const policies = new PolicyService(config.policyId);
    seed = 20261201; // the same data on both engines
    let t = performance.now();
    const agencies = await setup(db, policies);
    console.log(`  setup: ${agencies.length} agencies, ${agencies.reduce((n, a) => n + a.officers.length, 0)} officers with published certificates (record service: draft + second-person approval) — ${((performance.now() - t) / 1000).toFixed(0)} s`);
    const specs = makeSpecs(agencies, Date.now());
    const sample = specs.slice(0, SAMPLE_CASES);
    const bulkSpecs = specs.slice(SAMPLE_CASES);
    console.log(`  bulk fill: ${bulkSpecs.length.toLocaleString('en')} cases with ${bulkSpecs.reduce((n, s) => n + s.n, 0).toLocaleString('en')} acts (set-based SQL)…`);
    const bulk = await bulkFill(db, bulkSpecs, agencies);
    console.log(`  bulk fill done in ${bulk.seconds.toFixed(0)} s`);

    const ledger = await LedgerService.open(database.db, config);
    let ledgerErrors = 0;
    ledger.start(database.db, { headIntervalMs: config.treeHeadIntervalMs, onError: (e) => { ledgerErrors++; console.error(e); } });
    const deps: CaseDeps = { ledger, policies, calendar: new CalendarService() };
    // PGlite has one connection: one writer. PostgreSQL: half the sample with one writer, half with CONCURRENCY.
    const half = Math.ceil(sample.length / 2);
    const phases = engine === 'pglite' ? [{ writers: 1, specs: sample }] : [{ writers: 1, specs: sample.slice(0, half) }, { writers: CONCURRENCY, specs: sample.slice(half) }];
    const svc = [];
    for (const ph of phases) {
      console.log(`  service sample: ${ph.specs.length} cases with ${ph.specs.reduce((n, s) => n + s.n, 0).toLocaleString('en')} acts through openCase/recordAct, ${ph.writers} concurrent writer${ph.writers > 1 ? 's' : ''}…`);
      const r = await serviceSample(db, deps, ph.specs, ph.writers);
      console.log(`    ${r.acts} acts in ${r.seconds.toFixed(1)} s: ${(r.acts / r.seconds).toFixed(0)} acts/s; recordAct p50 ${r.act.p50.toFixed(1)} ms, p95 ${r.act.p95.toFixed(1)} ms (load average ${loadavg()})`);
      svc.push({ writers: ph.writers, ...r });
    }
    t = performance.now();
    await ledger.stop(); // integrates what is still queued
    const settleSeconds = (performance.now() - t) / 1000;
    if (ledgerErrors) throw new Error(`${ledgerErrors} ledger integration errors`);
    const shape = await shapeCheck(db, deps, bulk.byStage);
    await ledger.settle(database.db);
    console.log(`  ledger: everything integrated ${settleSeconds.toFixed(1)} s after the last act`);
    console.log(`  shape check: the service read ${shape.read} bulk cases (one per stage) and recorded ${shape.recorded} further acts on them — OK`);
    await sql`analyze`.execute(db);

    const totals = (await sql<{ cases: string; acts: string }>`select (select count(*) from cases) as cases, (select count(*) from case_acts) as acts`.execute(db)).rows[0]!;
    const size = (await sql<{ mb: string }>`select pg_database_size(current_database()) / 1048576 as mb`.execute(db)).rows[0]!.mb;
    const actors = await todoActors(db, agencies);
    console.log(`  database: ${Number(totals.cases).toLocaleString('en')} cases, ${Number(totals.acts).toLocaleString('en')} acts, ${Number(size).toLocaleString('en')} MB; cases per officer min ${actors.spread.min} / median ${actors.spread.median} / max ${actors.spread.max}`);
    const todos = [];
    for (const x of actors.list) {
      const r = await measureTodos(db, x.who, x.actor, x.scope);
      todos.push(r);
      console.log(`  to-do ${r.who}: ${r.items} items; p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms (load average ${loadavg()})`);
      console.log(`    completeness: ${r.caseItems} case to-dos listed of ${r.due} due in scope${r.caseItems >= r.due ? ' — complete' : r.truncated ? ` — the ${r.caseItems} most urgent listed, the reply says ${r.casesWithTodos} cases have to-dos (truncated)` : ` — MISSING ${r.due - r.caseItems} due to-dos`}`);
      for (const b of r.breakdown) console.log(`      ${b.ms.toFixed(2).padStart(8)} ms  ${b.sql.slice(0, 150)}${b.sql.length > 150 ? '…' : ''}`);
      if (process.env.BENCH_EXPLAIN) for (const b of r.breakdown) console.log(`\n${b.sql}\n${b.plan}\n`);
    }
    return { engine, bulk, svc, settleSeconds, cases: Number(totals.cases), acts: Number(totals.acts), sizeMb: Number(size), todos };
  } finally {
    await database.close();
    if (process.env.BENCH_KEEP) console.log(`  kept the ${engine} database: ${where}`);
    else await drop();
  }
}

// ---- main ----------------------------------------------------------------------------------------------------------

console.log(`case handling benchmark — ${os.cpus().length} cores, node ${process.version}${QUICK ? ' — QUICK MODE (smoke run, not the issue\'s scale)' : ''}`);
console.log(`${CASES.toLocaleString('en')} cases × ${ACTS_PER_CASE} acts (mean) over ${AGENCIES} agencies and ~${OFFICERS} officers; ${SAMPLE_CASES} of the cases recorded through the service; engines: ${ENGINES.join(', ')}`);
const results = [];
try {
  for (const e of ENGINES) results.push(await run(e));
} finally {
  if (!process.env.BENCH_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
}

const f = (x: number, d = 1) => x.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d });
const rows: [string, string, string, string][] = [];
for (const r of results) {
  rows.push([r.engine, `database at measurement: cases / acts / size`, `${f(r.cases, 0)} / ${f(r.acts, 0)} / ${f(r.sizeMb, 0)} MB`, '']);
  rows.push([r.engine, `bulk fill: ${f(r.bulk.cases, 0)} cases, ${f(r.bulk.acts, 0)} acts, ${f(r.bulk.evidence, 0)} evidence rows`, `${f(r.bulk.seconds, 0)} s (${f(r.bulk.acts / r.bulk.seconds, 0)} acts/s)`, 'set-based SQL, no ledger/audit']);
  for (const v of r.svc) {
    const w = `${v.writers} writer${v.writers > 1 ? 's' : ''}`;
    rows.push([r.engine, `recording throughput, ${w} (${v.cases} cases)`, `${f(v.acts / v.seconds, 0)} acts/s (${f(v.acts, 0)} acts in ${f(v.seconds)} s)`, 'service: openCase + recordAct']);
    rows.push([r.engine, `recordAct latency p50 / p95 / max, ${w} (n=${v.act.n})`, `${f(v.act.p50)} / ${f(v.act.p95)} / ${f(v.act.max)} ms`, 'service']);
    rows.push([r.engine, `openCase latency p50 / p95 / max, ${w} (n=${v.open.n})`, `${f(v.open.p50)} / ${f(v.open.p95)} / ${f(v.open.max)} ms`, 'service']);
  }
  rows.push([r.engine, `ledger: integration after the last act`, `${f(r.settleSeconds)} s`, 'LedgerService']);
  for (const t of r.todos)
    rows.push([r.engine, `to-do ${t.who}: ${t.items} items (${t.caseItems} of ${t.due} case to-dos${t.truncated ? `, most urgent; ${t.casesWithTodos} cases flagged` : ''}), p50 / p95 / max`, `${f(t.p50)} / ${f(t.p95)} / ${f(t.max)} ms`, `listTodos, ${TODO_CALLS} calls — p95 < ${TARGET_TODO_P95_MS} ms ${t.p95 < TARGET_TODO_P95_MS ? 'PASS' : 'MISS'}`]);
}
const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['engine', 'figure', 'value'][i]!.length));
console.log(`\n${'engine'.padEnd(widths[0]!)}  ${'figure'.padEnd(widths[1]!)}  ${'value'.padEnd(widths[2]!)}  method / target`);
for (const r of rows) console.log(`${r[0].padEnd(widths[0]!)}  ${r[1].padEnd(widths[1]!)}  ${r[2].padEnd(widths[2]!)}  ${r[3]}`);
console.log(`\nload average at the end: ${loadavg()} (1, 5, 15 min)`);
console.log(`\nRecording figures come from the service sample only (recorded on top of the bulk-filled database, i.e. at full size);`);
console.log(`the bulk fill is set-based SQL and is not a recording figure. Bulk-filled acts have no ledger entry (ledger_ref 0) and no audit`);
console.log(`rows, and their canonical text is jsonb text of the same fields, not RFC 8785 bytes; neither recording nor the to-do list reads these.`);
console.log(`${os.cpus().length}-core machine; other work may have been running (see the load averages): expect noise.`);
