// What the access matrix and the bad-input catalogue share: every API route of the running app (from the OpenAPI
// document and from Fastify's own route table, so a route hidden from the document is not missed), the identities
// that call them, the fixture objects their path parameters name (built once through the API, like real work), and
// one valid call per route so that a refusal reflects authorisation, not validation.
import crypto from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/server/platform/app-types.ts';
import type { Db } from '../../src/server/platform/db.ts';
import { seedDemoCases } from '../../src/server/demo/seed-cases.ts';
import { insertDestruction } from '../../src/server/modules/cases/case.repo.ts';
import { demoCreditCode } from '../../src/server/demo/seed-demo.ts';
import { DEMO_PASSWORD, login, type Session } from '../support/app.ts';
import { IDENTITIES, type Identity } from './access-matrix.data.ts';

export { IDENTITIES, type Identity };

/** The division the test's division-scoped administrator is bound to (奈曼旗). */
export const DIVISION_ADMIN = { username: 'div.admin', divisionCode: '150525' };

// ---- routes ------------------------------------------------------------------------------------------------------

export interface ApiRoute {
  /** `METHOD /api/v1/path/{param}` as the OpenAPI document spells it. */
  key: string;
  method: string;
  path: string;
  inOpenApi: boolean;
}

const shape = (p: string) => p.replace(/\{[^}]+\}/g, '{}').replace(/:[A-Za-z0-9_]+(\|:[A-Za-z0-9_]+)*/g, '{}');

/** Parse `app.printRoutes({ commonPrefix: false })`: one node per line, four columns per level, methods in brackets. */
function fastifyRoutes(app: App): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    const full = stack.join('').replace(/^\/?/, '/');
    if (!m[3]) continue;
    const methods = m[3].split(', ');
    methods.forEach((method, i) => {
      // HEAD right after GET is the one Fastify adds to every GET route; an explicit HEAD (tus) stands elsewhere.
      if (method === 'HEAD' && methods[i - 1] === 'GET') return;
      out.push({ method, path: full });
    });
  }
  return out;
}

/** Every API route: the OpenAPI document's, plus the routes Fastify serves under /api/ that the document hides. */
export async function apiRoutes(app: App): Promise<ApiRoute[]> {
  const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  const routes = new Map<string, ApiRoute>();
  const byShape = new Map<string, string>();
  for (const [p, ops] of Object.entries(doc.paths)) {
    byShape.set(shape(p), p);
    for (const method of Object.keys(ops)) {
      const key = `${method.toUpperCase()} ${p}`;
      routes.set(key, { key, method: method.toUpperCase(), path: p, inOpenApi: true });
    }
  }
  for (const r of fastifyRoutes(app)) {
    if (!r.path.startsWith('/api/') || r.path.startsWith('/api/docs')) continue; // Swagger UI's own files
    const p = byShape.get(shape(r.path)) ?? r.path.replace(/:([A-Za-z0-9_]+)(\|:[A-Za-z0-9_]+)*/g, '{$1}');
    const key = `${r.method} ${p}`;
    if (!routes.has(key)) routes.set(key, { key, method: r.method, path: p, inOpenApi: false });
  }
  return [...routes.values()].sort((a, b) => a.key.localeCompare(b.key));
}

// ---- identities ----------------------------------------------------------------------------------------------------

export interface Caller {
  who: Identity;
  /** A call as this identity (anonymous: no cookie). Each identity comes from an address of its own (rate limits). */
  request(method: string, url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  session: Session | null;
  userId: string | null;
}

const ipOf = (who: Identity) => `127.0.1.${IDENTITIES.indexOf(who) + 1}`;

export function anonymous(app: App, remoteAddress = ipOf('anonymous')): Caller {
  return {
    who: 'anonymous',
    session: null,
    userId: null,
    request: (method, url, payload, headers = {}) =>
      app.inject({
        method: method as 'GET',
        url,
        headers,
        remoteAddress,
        ...(payload === undefined ? {} : { payload: payload as string }),
      }),
  };
}

export async function signIn(app: App, who: Identity): Promise<Caller> {
  if (who === 'anonymous') return anonymous(app);
  const username = who === 'divisionAdmin' ? DIVISION_ADMIN.username : who;
  const s = await login(app, username);
  const me = (await s.request('GET', '/api/v1/auth/me')).json().user as { id: string };
  const remoteAddress = ipOf(who);
  return {
    who,
    session: s,
    userId: me.id,
    request: (method, url, payload, headers = {}) =>
      app.inject({
        method: method as 'GET',
        url,
        remoteAddress,
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, ...headers },
        ...(payload === undefined ? {} : { payload: payload as string }),
      }),
  };
}

// ---- fixtures ------------------------------------------------------------------------------------------------------

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const tusMeta = (meta: Record<string, string>) =>
  Object.entries(meta)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
    .join(',');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's JSON, shaped by how each caller uses it
async function ok<T = any>(p: Promise<LightMyRequestResponse>, what: string): Promise<T> {
  const r = await p;
  if (r.statusCode >= 300) throw new Error(`fixture: ${what} failed (${r.statusCode}): ${r.body}`);
  return (r.body ? (r.headers['content-type']?.toString().includes('json') ? r.json() : r.rawPayload) : undefined) as T;
}

export interface Fixtures {
  agencyId: string; // 奈曼旗文化和旅游局
  xixiaAgencyId: string;
  archivedCase: string; // the archived penalty case (media, decision), handled by officer
  investigationCase: string; // under investigation, handled by officer
  majorCase: string; // under legal review
  xixiaCase: string; // another agency, another region
  decisionAct: string; // an act of the archived case
  evidenceId: string; // the archived case's audio record
  uploadId: string; // an unfinished upload of the officer
  reviewId: string;
  pendingDisclosure: string;
  publishedDisclosure: string;
  correctionId: string;
  correctionCode: string;
  attachmentId: string;
  officerRecordId: string; // a published officer
  draftVersionId: string; // an enforcement item draft by the editor
  lawChangeId: string;
  photoSha: string;
  accessRequestId: string; // officer2's pending request
  avExceptionId: string; // officer's pending AV exception
  destructionId: string; // custodian's pending destruction request
  tokenId: string;
  users: Record<string, string>; // username → id
  xixiaUserId: string; // a user of the other region created for the test
  xixiaRecordId: string; // a registry draft of the other region
  prepareBody: unknown; // a complete redaction of the pending disclosure
  officerData: Record<string, unknown>; // the published officer's data
  xlsx: Record<string, Buffer>; // each importable kind's own export
}

export async function buildFixtures(app: App, db: Db): Promise<Fixtures> {
  await seedDemoCases(app, DEMO_PASSWORD);
  const [admin, head, officer, officer2, editor, custodian, xixia] = await Promise.all(
    ['admin', 'head', 'officer', 'officer2', 'editor', 'custodian', 'xixia.officer'].map((u) => login(app, u)),
  );
  const users = Object.fromEntries(
    ((await ok(admin.request('GET', '/api/v1/users'), 'users')).items as { id: string; username: string }[]).map((u) => [u.username, u.id]),
  );
  const agencies = (await ok(admin.request('GET', '/api/v1/agencies'), 'agencies')).items as {
    id: string;
    name: string;
    divisionCode: string;
  }[];
  const agencyId = agencies.find((a) => a.name === '奈曼旗文化和旅游局')!.id;
  const xixiaAgencyId = agencies.find((a) => a.name === '西夏区综合执法监督局')!.id;

  // a division-scoped administrator (奈曼旗), and a user of the other region to manage
  await ok(
    admin.request('POST', '/api/v1/users', {
      username: DIVISION_ADMIN.username,
      displayName: '奈曼旗管理员',
      password: DEMO_PASSWORD,
      roles: ['administrator'],
      divisionCode: DIVISION_ADMIN.divisionCode,
    }),
    'division admin',
  );
  const xixiaUser = await ok(
    admin.request('POST', '/api/v1/users', {
      username: 'xixia.editor',
      displayName: '西夏公示员',
      password: DEMO_PASSWORD,
      roles: ['disclosureEditor'],
      agencyId: xixiaAgencyId,
    }),
    'xixia user',
  );

  const cases = (await ok(head.request('GET', '/api/v1/cases?pageSize=100'), 'cases')).items as {
    id: string;
    stage: string;
    cause: string;
  }[];
  const archivedCase = cases.find((c) => c.stage === 'archived')!.id;
  const investigationCase = cases.find((c) => c.cause === '擅自从事互联网上网服务经营活动')!.id;
  const majorCase = cases.find((c) => c.cause === '经营含有禁止内容的网络游戏')!.id;
  const archived = await ok(head.request('GET', `/api/v1/cases/${archivedCase}`), 'archived case');
  const decisionAct = (archived.acts as { id: string; type: string }[]).find((a) => a.type === 'decision')!.id;
  const evidenceId = (archived.acts as { media: { evidenceId: string }[] }[]).flatMap((a) => a.media)[0]!.evidenceId;
  const xixiaEditor = await login(app, 'xixia.editor');
  const xixiaRecordId = (
    await ok(
      xixiaEditor.request('POST', '/api/v1/registry/officer', {
        data: { ...REGISTRY_DATA.officer, certificateNumber: '64010520200001', area: '西夏区' },
      }),
      'xixia officer',
    )
  ).recordId as string;
  const xixiaCase = (
    await ok(
      xixia.request('POST', '/api/v1/cases', {
        actCategory: 'penalty',
        origin: 'exOfficio',
        cause: '未按规定公示收费标准',
        field: '综合执法',
        party: { kind: 'organisation', name: '银川市西夏区某商店' },
      }),
      'xixia case',
    )
  ).id as string;

  const upload = await officer.request('POST', '/api/v1/uploads', undefined, {
    'tus-resumable': '1.0.0',
    'upload-length': '1000',
    'upload-metadata': tusMeta({ filename: '现场照片.png', deviceId: 'DSJ-NM-001', place: '奈曼旗' }),
  });
  if (upload.statusCode !== 201) throw new Error(`fixture upload: ${upload.body}`);
  const uploadId = String(upload.headers.location).split('/').pop()!;

  const reviewId = ((await ok(head.request('GET', '/api/v1/reviews'), 'reviews')).items as { id: string }[])[0]!.id;
  const disclosures = (await ok(editor.request('GET', '/api/v1/disclosures?pageSize=100'), 'disclosures')).items as {
    id: string;
    state: string;
  }[];
  const pendingDisclosure = disclosures.find((d) => d.state === 'pending')!.id;
  const publishedDisclosure = disclosures.find((d) => d.state === 'published')!.id;
  const detail = await ok(editor.request('GET', `/api/v1/disclosures/${pendingDisclosure}`), 'disclosure');
  const prepareBody = {
    fields: Object.fromEntries(
      Object.entries(detail.proposal as Record<string, { findings: { start: number; end: number }[] }>).map(([f, p]) => [
        f,
        { masks: p.findings.map(({ start, end }) => ({ start, end })) },
      ]),
    ),
  };

  // a correction request with an attachment, filed by the public
  const anon = anonymous(app, '127.0.2.1');
  const attachment = await ok(
    anon.request('POST', `/api/v1/public/decisions/${publishedDisclosure}/correction-attachments`, PNG, {
      'content-type': 'image/png',
      'x-file-name': 'proof.png',
    }),
    'attachment',
  );
  const correction = await ok(
    anon.request('POST', `/api/v1/public/decisions/${publishedDisclosure}/corrections`, {
      name: '张三',
      contact: '13800000000',
      content: '决定日期有误',
      attachmentIds: [attachment.id],
    }),
    'correction',
  );
  const correctionId = ((await ok(editor.request('GET', '/api/v1/disclosure-corrections'), 'corrections')).items as { id: string }[])[0]!
    .id;

  const officers = (await ok(editor.request('GET', '/api/v1/registry/officer?pageSize=100'), 'officers')).items as { id: string }[];
  const officerRecordId = officers[0]!.id;
  const officerRecord = await ok(editor.request('GET', `/api/v1/registry/records/${officerRecordId}`), 'officer record');
  const officerData = (officerRecord.versions as { data: Record<string, unknown> }[]).at(-1)?.data ?? officerRecord.current?.data;
  const draft = await ok(editor.request('POST', '/api/v1/registry/enforcementItem', { data: REGISTRY_DATA.enforcementItem }), 'draft');
  const lawChange = await ok(
    editor.request('POST', '/api/v1/registry/law-changes', {
      kind: 'law',
      title: '《营业性演出管理条例》修订',
      effectiveDate: '2026-01-01',
    }),
    'law change',
  );
  const photo = await ok(editor.request('POST', '/api/v1/registry/photos', PNG, { 'content-type': 'image/png' }), 'photo');
  const xlsx: Record<string, Buffer> = {};
  for (const kind of IMPORTABLE) xlsx[kind] = await ok(editor.request('GET', `/api/v1/registry/${kind}/export.xlsx`), `export ${kind}`);

  const accessRequest = await ok(
    officer2.request('POST', '/api/v1/access-requests', { caseId: archivedCase, purpose: '办理类似案件参考', scope: 'view' }),
    'access request',
  );
  // on a case the agency head takes no part in (the matrix has the head record acts in the investigation case), so that
  // the head may approve it: approvals are never by someone who handled the case (000 §25-§32)
  const quietCase = cases.find((c) => c.cause === '接纳未成年人进入互联网上网服务营业场所')!.id;
  const avException = await ok(
    officer.request('POST', `/api/v1/cases/${quietCase}/av-exceptions`, { actType: 'inspection', reason: '执法记录仪故障，未能录像' }),
    'AV exception',
  );
  const destructionId = crypto.randomUUID();
  await insertDestruction(db, {
    id: destructionId,
    case_id: archivedCase,
    agency_id: agencyId,
    reason: '保存期满',
    requested_by: users.custodian!,
    requested_by_name: '记录管理员',
  });
  void custodian;
  const token = await ok(admin.request('POST', '/api/v1/tokens', { userId: users.officer, name: '测试令牌' }), 'token');

  return {
    agencyId,
    xixiaAgencyId,
    archivedCase,
    investigationCase,
    majorCase,
    xixiaCase,
    decisionAct,
    evidenceId,
    uploadId,
    reviewId,
    pendingDisclosure,
    publishedDisclosure,
    correctionId,
    correctionCode: correction.code,
    attachmentId: attachment.id,
    officerRecordId,
    draftVersionId: draft.versionId,
    lawChangeId: lawChange.id,
    photoSha: String(photo.photo).replace('sha256:', ''),
    accessRequestId: accessRequest.id,
    avExceptionId: avException.id,
    destructionId,
    tokenId: token.id,
    users: { ...users, [DIVISION_ADMIN.username]: '' },
    xixiaUserId: xixiaUser.id,
    xixiaRecordId,
    prepareBody,
    officerData,
    xlsx,
  };
}

export const IMPORTABLE = [
  'officer',
  'enforcementItem',
  'inspectionItem',
  'avItem',
  'majorCatalogueItem',
  'feeItem',
  'remedyChannel',
] as const;

/** Valid data for each registry kind. */
export const REGISTRY_DATA: Record<string, Record<string, unknown>> = {
  agencyProfile: {
    legalBasis: '《中华人民共和国行政处罚法》',
    duties: '文化市场综合执法',
    jurisdiction: '奈曼旗',
    officeAddress: '奈曼旗大沁他拉镇',
    consultationPhone: '0475-4211234',
    complaintPhone: '0475-4215678',
  },
  officer: {
    name: '孙执法',
    gender: '男',
    post: '执法队员',
    certificateNumber: '15052520190077',
    categories: ['文化市场'],
    area: '奈曼旗',
    validFrom: '2024-01-01',
    validTo: '2029-12-31',
  },
  enforcementItem: {
    code: 'NMWL-CF-099',
    name: '对擅自从事营业性演出经营活动的行政处罚',
    actCategory: 'penalty',
    basis: '《营业性演出管理条例》第四十三条',
    implementingBody: '奈曼旗文化和旅游局',
    responsibleBody: '文化市场综合执法大队',
  },
  inspectionItem: {
    name: '营业性演出场所检查',
    body: '奈曼旗文化和旅游局',
    basis: '《营业性演出管理条例》',
    targets: '营业性演出场所',
    content: '许可证件',
    ratio: '5%',
    method: '现场检查',
    frequency: '每年一次',
  },
  avItem: { name: '现场检查', actCategory: 'inspection', level: 'av' },
  majorCatalogueItem: { name: '较大数额罚款', actCategory: 'penalty', criteria: '罚款 1 万元以上' },
  serviceGuide: {
    name: '营业性演出许可',
    basis: '《营业性演出管理条例》',
    conditions: '具备条件',
    materials: ['申请书'],
    procedure: '受理、审查、决定',
    timeLimit: '20 个工作日',
    fees: '不收费',
    contact: '0475-4211234',
  },
  flowchart: {
    name: '行政处罚一般程序',
    actCategory: 'penalty',
    steps: [
      { id: 'a', kind: 'start', label: '立案', next: [{ to: 'b' }] },
      { id: 'b', kind: 'end', label: '结案' },
    ],
  },
  discretionBenchmark: {
    name: '擅自从事营业性演出',
    basis: '《营业性演出管理条例》第四十三条',
    levels: [{ circumstance: '初次违法', range: '警告' }],
  },
  feeItem: { name: '证照工本费', basis: '财政部文件', standard: '每证 10 元' },
  remedyChannel: { kind: 'reconsideration', body: '奈曼旗人民政府' },
};

export { demoCreditCode as creditCode };

// ---- one valid call per route ----------------------------------------------------------------------------------------

export interface Call {
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}
type CallOf = (f: Fixtures, c: Caller) => Call;

const CHECKLIST = ['authority', 'powers', 'facts', 'law', 'discretion', 'procedure', 'documents', 'crime', 'other'];
const json = (url: string, body: unknown): Call => ({ url, body });
const tus = { 'tus-resumable': '1.0.0' };
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
const fieldAct = (occurredMinutesAgo: number) => ({
  type: 'inquiry',
  occurredAt: new Date(Date.now() - occurredMinutesAgo * 60_000).toISOString(),
  officers: ['15052520190001', '15052520190002'],
  certificateShown: true,
  rightsTold: true,
  place: '奈曼旗大沁他拉镇',
  content: { person: '王某', relation: '负责人', transcript: '问：情况是否属实？\n答：属实。' },
});

/**
 * A valid request for each route (path parameters: the fixtures). Routes missing here are called at their path as
 * it stands, which only works for routes without parameters or bodies.
 */
export const CALLS: Record<string, CallOf> = {
  'POST /api/v1/auth/login': () => json('/api/v1/auth/login', { username: 'officer', password: DEMO_PASSWORD }),
  'POST /api/v1/auth/password': () => json('/api/v1/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD }),
  'GET /api/v1/users': () => ({ url: '/api/v1/users?q=officer' }),
  'POST /api/v1/users': (_f, c) =>
    json('/api/v1/users', {
      username: `new.${c.who.replace(/[^a-z0-9]/g, '')}`,
      displayName: '新用户',
      password: DEMO_PASSWORD,
      roles: ['officer'],
      agencyId: _f.agencyId,
    }),
  'PATCH /api/v1/users/{id}': (f) => json(`/api/v1/users/${f.users.officer2}`, { displayName: '王执法' }),
  'POST /api/v1/tokens': (f) => json('/api/v1/tokens', { userId: f.users.officer, name: '对接令牌' }),
  'DELETE /api/v1/tokens/{id}': (f) => ({ url: `/api/v1/tokens/${f.tokenId}` }),

  'GET /api/v1/divisions/{code}': () => ({ url: '/api/v1/divisions/150525' }),
  'POST /api/v1/divisions': (_f, c) =>
    json('/api/v1/divisions', {
      code: `1505${String(60 + IDENTITIES.indexOf(c.who)).padStart(2, '0')}`,
      name: '测试旗',
      parentCode: '150500',
    }),
  'GET /api/v1/agencies/{id}': (f) => ({ url: `/api/v1/agencies/${f.agencyId}` }),
  'POST /api/v1/agencies': (_f, c) =>
    json('/api/v1/agencies', {
      name: `奈曼旗测试局${IDENTITIES.indexOf(c.who)}`,
      creditCode: demoCreditCode('150525', 900 + IDENTITIES.indexOf(c.who)),
      divisionCode: '150525',
    }),
  'GET /api/v1/agencies/{id}/numbering': (f) => ({ url: `/api/v1/agencies/${f.agencyId}/numbering` }),
  'PUT /api/v1/agencies/{id}/numbering': (f) => json(`/api/v1/agencies/${f.agencyId}/numbering`, { prefix: '奈文旅' }),
  'PUT /api/v1/divisions/{code}/policy': () => json('/api/v1/divisions/150525/policy', { policyId: 'nmg-244' }),
  'GET /api/v1/policies/{id}': () => ({ url: '/api/v1/policies/nmg-244' }),
  'GET /api/v1/calendar/add-working-days': () => ({ url: '/api/v1/calendar/add-working-days?from=2026-03-02&days=5' }),
  'GET /api/v1/calendar/working-days-between': () => ({ url: '/api/v1/calendar/working-days-between?from=2026-03-02&to=2026-03-16' }),
  'GET /api/v1/calendar/days/{date}': () => ({ url: '/api/v1/calendar/days/2026-10-01' }),
  'GET /api/v1/calendar/years/{year}': () => ({ url: '/api/v1/calendar/years/2026' }),
  'POST /api/v1/calendar/years': (_f, c) =>
    json('/api/v1/calendar/years', {
      year: 2040 + IDENTITIES.indexOf(c.who),
      notice: '国办发明电〔2039〕1号',
      title: '测试年份节假日安排',
      holidays: [{ name: '国庆节', start: `${2040 + IDENTITIES.indexOf(c.who)}-10-01`, end: `${2040 + IDENTITIES.indexOf(c.who)}-10-01` }],
      adjustedWorkdays: [],
    }),

  'GET /api/v1/ledger/entries': () => ({ url: '/api/v1/ledger/entries?start=0&end=3' }),
  'GET /api/v1/ledger/proof/inclusion': () => ({ url: '/api/v1/ledger/proof/inclusion?index=0&treeSize=1' }),
  'GET /api/v1/ledger/proof/consistency': () => ({ url: '/api/v1/ledger/proof/consistency?first=1&second=1' }),

  'GET /api/v1/evidence/{id}': (f) => ({ url: `/api/v1/evidence/${f.evidenceId}` }),
  'GET /api/v1/evidence/{id}/content': (f) => ({ url: `/api/v1/evidence/${f.evidenceId}/content` }),
  'GET /api/v1/evidence/{id}/verify': (f) => ({ url: `/api/v1/evidence/${f.evidenceId}/verify` }),
  'OPTIONS /api/v1/uploads': () => ({ url: '/api/v1/uploads', headers: tus }),
  'POST /api/v1/uploads': () => ({
    url: '/api/v1/uploads',
    headers: { ...tus, 'upload-length': '100', 'upload-metadata': tusMeta({ filename: '照片.png', deviceId: 'DSJ-NM-002' }) },
  }),
  'HEAD /api/v1/uploads/{id}': (f) => ({ url: `/api/v1/uploads/${f.uploadId}`, headers: tus }),
  'GET /api/v1/uploads/{id}': (f) => ({ url: `/api/v1/uploads/${f.uploadId}`, headers: tus }),
  'PATCH /api/v1/uploads/{id}': (f) => ({
    url: `/api/v1/uploads/${f.uploadId}`,
    body: Buffer.alloc(10),
    headers: { ...tus, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
  }),
  'DELETE /api/v1/uploads/{id}': (f) => ({ url: `/api/v1/uploads/${f.uploadId}`, headers: tus }),

  'POST /api/v1/cases': (f) =>
    json('/api/v1/cases', {
      agencyId: f.agencyId,
      actCategory: 'penalty',
      origin: 'exOfficio',
      cause: '未经许可擅自从事营业性演出',
      field: '文化市场',
      party: { kind: 'organisation', name: '奈曼旗某演艺公司' },
    }),
  'GET /api/v1/cases': () => ({ url: '/api/v1/cases?pageSize=5' }),
  'GET /api/v1/cases/{id}': (f) => ({ url: `/api/v1/cases/${f.archivedCase}` }),
  'POST /api/v1/cases/{id}/acts': (f) => json(`/api/v1/cases/${f.investigationCase}/acts`, fieldAct(30)),
  'PUT /api/v1/cases/{id}/acts/{actId}': (f) => json(`/api/v1/cases/${f.archivedCase}/acts/${f.decisionAct}`, { content: {} }),
  'PATCH /api/v1/cases/{id}/acts/{actId}': (f) => json(`/api/v1/cases/${f.archivedCase}/acts/${f.decisionAct}`, { content: {} }),
  'DELETE /api/v1/cases/{id}/acts/{actId}': (f) => ({ url: `/api/v1/cases/${f.archivedCase}/acts/${f.decisionAct}` }),
  'POST /api/v1/cases/{id}/av-exceptions': (f) =>
    json(`/api/v1/cases/${f.investigationCase}/av-exceptions`, { actType: 'inspection', reason: '执法记录仪电量耗尽，未能录像' }),
  'POST /api/v1/cases/av-exceptions/{id}/decision': (f) =>
    json(`/api/v1/cases/av-exceptions/${f.avExceptionId}/decision`, { approved: true }),
  'GET /api/v1/cases/{id}/acts/{actId}/document': (f) => ({ url: `/api/v1/cases/${f.archivedCase}/acts/${f.decisionAct}/document` }),
  'GET /api/v1/cases/{id}/acts/{actId}/document.docx': (f) => ({
    url: `/api/v1/cases/${f.archivedCase}/acts/${f.decisionAct}/document.docx`,
  }),
  'POST /api/v1/cases/{id}/export': (f) => ({ url: `/api/v1/cases/${f.archivedCase}/export`, body: {} }),
  'POST /api/v1/cases/{id}/destruction': (f) => json(`/api/v1/cases/${f.archivedCase}/destruction`, { reason: '保存期限届满' }),
  'POST /api/v1/case-destructions/{id}/decision': (f) =>
    json(`/api/v1/case-destructions/${f.destructionId}/decision`, { approved: false, comment: '尚未期满' }),
  'POST /api/v1/access-requests': (f) =>
    json('/api/v1/access-requests', { caseId: f.archivedCase, purpose: '办理类似案件参考', scope: 'view' }),
  'POST /api/v1/access-requests/{id}/decision': (f) => json(`/api/v1/access-requests/${f.accessRequestId}/decision`, { approved: true }),
  'GET /api/v1/cases/{id}/access-log': (f) => ({ url: `/api/v1/cases/${f.archivedCase}/access-log` }),

  'POST /api/v1/review/classify': (f) =>
    json('/api/v1/review/classify', {
      agencyId: f.agencyId,
      actCategory: 'penalty',
      kinds: ['fine'],
      amountYuan: 50000,
      partyType: 'organisation',
      businessActivity: true,
    }),
  'GET /api/v1/reviews/{id}': (f) => ({ url: `/api/v1/reviews/${f.reviewId}` }),
  'GET /api/v1/reviews/{id}/reviewers': (f) => ({ url: `/api/v1/reviews/${f.reviewId}/reviewers` }),
  'GET /api/v1/cases/{caseId}/reviews': (f) => ({ url: `/api/v1/cases/${f.majorCase}/reviews` }),
  'POST /api/v1/cases/{caseId}/review-materials': (f) => json(`/api/v1/cases/${f.majorCase}/review-materials`, {}),
  'POST /api/v1/cases/{caseId}/reviews': (f) =>
    json(`/api/v1/cases/${f.majorCase}/reviews`, { investigationReport: '违法事实清楚，证据确实充分。' }),
  'POST /api/v1/reviews/{id}/assign': (f) => json(`/api/v1/reviews/${f.reviewId}/assign`, { reviewerId: f.users.reviewer }),
  'POST /api/v1/reviews/{id}/extension': (f) => json(`/api/v1/reviews/${f.reviewId}/extension`, { reason: '案情复杂，需要延长审核期限' }),
  'POST /api/v1/reviews/{id}/extension-decision': (f) => json(`/api/v1/reviews/${f.reviewId}/extension-decision`, { approved: true }),
  'POST /api/v1/reviews/{id}/supplement-request': (f) =>
    json(`/api/v1/reviews/${f.reviewId}/supplement-request`, { items: '补充现场照片', dueOn: inDays(5) }),
  'POST /api/v1/reviews/{id}/supply': (f) => json(`/api/v1/reviews/${f.reviewId}/supply`, { note: '已补充现场照片' }),
  'POST /api/v1/reviews/{id}/opinion': (f) =>
    json(`/api/v1/reviews/${f.reviewId}/opinion`, {
      outcome: 'change',
      checklist: CHECKLIST.map((item) =>
        item === 'discretion' ? { item, result: 'problem', note: '裁量偏重' } : { item, result: 'pass' },
      ),
      opinion: '建议减轻处罚',
    }),
  'POST /api/v1/reviews/{id}/contest': (f) =>
    json(`/api/v1/reviews/${f.reviewId}/contest`, { reason: '裁量适当', consultation: '已与法制机构沟通' }),
  'POST /api/v1/reviews/{id}/head-decision': (f) =>
    json(`/api/v1/reviews/${f.reviewId}/head-decision`, { adopt: 'review', reason: '采纳审核意见' }),
  'POST /api/v1/reviews/{id}/return': (f) => json(`/api/v1/reviews/${f.reviewId}/return`, { reason: '材料不齐全' }),

  'POST /api/v1/disclosure/redact': () =>
    json('/api/v1/disclosure/redact', { text: '当事人张三，身份证号 110101199003074518，电话 13800000000。' }),
  'GET /api/v1/disclosures/double-publicity': () => ({ url: '/api/v1/disclosures/double-publicity?kind=penalty&format=csv' }),
  'GET /api/v1/disclosures/{id}': (f) => ({ url: `/api/v1/disclosures/${f.pendingDisclosure}` }),
  'POST /api/v1/disclosures/{id}/prepare': (f) => json(`/api/v1/disclosures/${f.pendingDisclosure}/prepare`, f.prepareBody),
  'POST /api/v1/disclosures/{id}/publish': (f) => json(`/api/v1/disclosures/${f.pendingDisclosure}/publish`, undefined),
  'POST /api/v1/disclosures/{id}/exclude': (f) =>
    json(`/api/v1/disclosures/${f.publishedDisclosure}/exclude`, { reason: 'privacy', note: '涉及个人隐私' }),
  'POST /api/v1/disclosures/{id}/approve-publication': (f) =>
    json(`/api/v1/disclosures/${f.publishedDisclosure}/approve-publication`, { note: '权利人同意公开' }),
  'POST /api/v1/disclosures/{id}/change-notice': (f) =>
    json(`/api/v1/disclosures/${f.publishedDisclosure}/change-notice`, { explanation: '决定经复议被变更' }),
  'POST /api/v1/disclosure-corrections/{id}/answer': (f) =>
    json(`/api/v1/disclosure-corrections/${f.correctionId}/answer`, { result: 'rejected', answer: '经核实，公示内容无误' }),
  'GET /api/v1/disclosure-corrections/{id}/attachments/{attachmentId}': (f) => ({
    url: `/api/v1/disclosure-corrections/${f.correctionId}/attachments/${f.attachmentId}`,
  }),
  'GET /api/v1/public/decisions': () => ({ url: '/api/v1/public/decisions?q=网吧' }),
  'GET /api/v1/public/decisions/{id}': (f) => ({ url: `/api/v1/public/decisions/${f.publishedDisclosure}` }),
  'GET /api/v1/public/agencies/{id}/decisions.atom': (f) => ({ url: `/api/v1/public/agencies/${f.agencyId}/decisions.atom` }),
  'POST /api/v1/public/decisions/{id}/correction-attachments': (f) => ({
    url: `/api/v1/public/decisions/${f.publishedDisclosure}/correction-attachments`,
    body: PNG,
    headers: { 'content-type': 'image/png', 'x-file-name': 'proof.png' },
  }),
  'POST /api/v1/public/decisions/{id}/corrections': (f) =>
    json(`/api/v1/public/decisions/${f.publishedDisclosure}/corrections`, {
      name: '李四',
      contact: '13900000000',
      content: '当事人名称有误',
    }),
  'GET /api/v1/public/corrections/{code}': (f) => ({ url: `/api/v1/public/corrections/${f.correctionCode}` }),

  'POST /api/v1/registry/photos': (f) => ({
    url: `/api/v1/registry/photos?agency=${f.agencyId}`,
    body: PNG,
    headers: { 'content-type': 'image/png' },
  }),
  'GET /api/v1/registry/photos/{sha256}': (f) => ({ url: `/api/v1/registry/photos/${f.photoSha}` }),
  'GET /api/v1/registry/records/{id}': (f) => ({ url: `/api/v1/registry/records/${f.officerRecordId}` }),
  'POST /api/v1/registry/records/{id}/versions': (f) =>
    json(`/api/v1/registry/records/${f.officerRecordId}/versions`, {
      data: { ...f.officerData, post: '执法大队副队长' },
      note: '岗位调整',
    }),
  'POST /api/v1/registry/records/{id}/retire': (f) => json(`/api/v1/registry/records/${f.officerRecordId}/retire`, { note: '调离' }),
  'POST /api/v1/registry/versions/{id}/decision': (f) =>
    json(`/api/v1/registry/versions/${f.draftVersionId}/decision`, { decision: 'approved' }),
  'POST /api/v1/registry/law-changes': (f) =>
    json('/api/v1/registry/law-changes', {
      agencyId: f.agencyId,
      kind: 'law',
      title: '《娱乐场所管理条例》修订',
      effectiveDate: '2026-02-01',
    }),
  'GET /api/v1/registry/law-changes/{id}': (f) => ({ url: `/api/v1/registry/law-changes/${f.lawChangeId}` }),
  'GET /api/v1/public/agencies/{id}': (f) => ({ url: `/api/v1/public/agencies/${f.agencyId}` }),
  'GET /api/v1/public/agencies/{id}/lists/{kind}': (f) => ({ url: `/api/v1/public/agencies/${f.agencyId}/lists/enforcementItem` }),
  'GET /api/v1/public/officers/{id}': (f) => ({ url: `/api/v1/public/officers/${f.officerRecordId}` }),
  'GET /api/v1/public/officers/{id}/photo': (f) => ({ url: `/api/v1/public/officers/${f.officerRecordId}/photo` }),
  'GET /api/v1/public/certificates/{number}': () => ({ url: '/api/v1/public/certificates/15052520190001' }),
  'GET /api/v1/public/items': () => ({ url: '/api/v1/public/items?kind=enforcementItem&q=演出' }),
  'GET /api/v1/public/records/{id}': (f) => ({ url: `/api/v1/public/records/${f.officerRecordId}` }),
};

for (const kind of Object.keys(REGISTRY_DATA)) {
  CALLS[`POST /api/v1/registry/${kind}`] = (f) => json(`/api/v1/registry/${kind}`, { agencyId: f.agencyId, data: REGISTRY_DATA[kind] });
  CALLS[`POST /api/v1/registry/${kind}/import`] = (f) => ({
    url: `/api/v1/registry/${kind}/import?agency=${f.agencyId}`,
    body: f.xlsx[kind],
    headers: { 'content-type': XLSX },
  });
}

/**
 * Further rows for routes whose answer depends on the object (another region's, another scope's): a row each,
 * keyed `<route> · <what>`, called after the route itself.
 */
export const VARIANTS: Record<string, CallOf> = {
  'GET /api/v1/cases/{id} · a case of another region (西夏区)': (f) => ({ url: `/api/v1/cases/${f.xixiaCase}` }),
  'GET /api/v1/agencies/{id} · an agency of another region (西夏区)': (f) => ({ url: `/api/v1/agencies/${f.xixiaAgencyId}` }),
  'POST /api/v1/users · an administrator bound to no division': () =>
    json('/api/v1/users', { username: 'unbound.admin', displayName: '全域管理员', password: DEMO_PASSWORD, roles: ['administrator'] }),
  'PATCH /api/v1/users/{id} · a user of another region (西夏区)': (f) =>
    json(`/api/v1/users/${f.xixiaUserId}`, { displayName: '西夏公示审核员' }),
  'PATCH /api/v1/users/{id} · the deployment-wide administrator': (f) =>
    json(`/api/v1/users/${f.users.admin}`, { displayName: '系统管理员' }),
  'POST /api/v1/tokens · for a user of another region (西夏区)': (f) => json('/api/v1/tokens', { userId: f.xixiaUserId, name: '对接令牌' }),
  'GET /api/v1/registry/records/{id} · an officer of another region (西夏区)': (f) => ({
    url: `/api/v1/registry/records/${f.xixiaRecordId}`,
  }),
};

/** The call for a route (its path as it stands when no call is defined and it takes no parameters). */
export function callFor(route: ApiRoute, f: Fixtures, c: Caller): Call {
  const make = CALLS[route.key] ?? VARIANTS[route.key];
  if (make) return make(f, c);
  if (/\{/.test(route.path)) throw new Error(`no call for ${route.key}: add one to CALLS in test/security/api-calls.ts`);
  return { url: route.path };
}
