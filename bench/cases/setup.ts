// Setup (agencies, staff, published officer records) and the specs of the cases to create.
import type { Kysely } from 'kysely';
import type { DB } from '../../src/server/platform/db.schema.ts';
import type { Actor, Role } from '../../src/server/platform/access.ts';
import type { Ctx } from '../../src/server/platform/context.ts';
import { creditCodeCheckChar } from '../../src/server/platform/codes.ts';
import type { PolicyService } from '../../src/server/platform/policy/policy.service.ts';
import { demoCreditCode } from '../../src/server/demo/seed-demo.ts';
import { hashPassword } from '../../src/server/modules/identity/password.ts';
import * as records from '../../src/server/modules/registry/record.service.ts';
import type { Stage } from '../../src/server/modules/cases/case.rules.ts';
import { ACTS_PER_CASE, AGENCIES, CASES, DAY, MIN, OFFICERS } from './config.ts';
import { between, DIVISIONS, GIVEN, KINDS, personName, pick, rand, STAGE_MIX, SURNAMES } from './data.ts';

// ---- setup: agencies, staff, published officer records -------------------------------------------------------------

export interface Person {
  userId: string;
  username: string;
  name: string;
}
export interface Officer extends Person {
  cert: string;
  recordId: string;
}
export interface Agency {
  id: string;
  name: string;
  division: string;
  kind: (typeof KINDS)[number];
  weight: number;
  archiveDays: number | null;
  head: Person;
  unitHead: Person;
  editor: Person;
  officers: Officer[];
}

export const actorOf = (p: Person, roles: Role[], agencyId: string): Actor => ({
  userId: p.userId,
  username: p.username,
  displayName: p.name,
  roles,
  agencyId,
  divisionCode: null,
  via: 'session',
});

export async function setup(db: Kysely<DB>, policies: PolicyService): Promise<Agency[]> {
  const admin = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name'])
    .where('username', '=', 'admin')
    .executeTakeFirstOrThrow();
  const adminCtx: Ctx = {
    db,
    actor: {
      userId: admin.id,
      username: admin.username,
      displayName: admin.display_name,
      roles: ['administrator'],
      agencyId: null,
      divisionCode: null,
      via: 'session',
    },
  };
  // the Songyuan and Yinchuan agencies work under their own cities' policy packs, as a deployment would assign them
  await policies.assign(adminCtx, '220700', 'songyuan-2019');
  await policies.assign(adminCtx, '640100', 'yinchuan-2018');
  const divisionNames = new Map(
    (await db.selectFrom('divisions').select(['code', 'name']).execute()).map((d) => [String(d.code).trim(), d.name as string]),
  );
  const passwordHash = await hashPassword('Bench-Passw0rd-1');
  const weights = Array.from({ length: AGENCIES }, (_, k) => 1 / (k + 1) ** 0.6); // a few large agencies, many small ones
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const agencies: Agency[] = [];
  let userNo = 0;
  const newUser = async (agencyId: string, roles: Role[], name = personName()): Promise<Person> => {
    const username = `bench.${++userNo}`;
    const row = await db
      .insertInto('users')
      .values({ username, display_name: name, password_hash: passwordHash, roles, agency_id: agencyId, division_code: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { userId: row.id, username, name };
  };
  for (let k = 0; k < AGENCIES; k++) {
    const division = DIVISIONS[k % DIVISIONS.length]!;
    const kind = KINDS[k % KINDS.length]!;
    const name = `${divisionNames.get(division) ?? division}${kind.suffix}${k >= DIVISIONS.length ? `（${Math.floor(k / DIVISIONS.length) + 1}）` : ''}`;
    const row = await db
      .insertInto('agencies')
      .values({ name, credit_code: demoCreditCode(division, 70_000 + k), division_code: division })
      .returning('id')
      .executeTakeFirstOrThrow();
    const pack = await policies.forDivision(db, division);
    const days = pack.recording.archiveDaysAfterConclusion.value;
    const a: Agency = {
      id: row.id,
      name,
      division,
      kind,
      weight: weights[k]! / totalWeight,
      archiveDays: typeof days === 'number' ? days : null,
      head: await newUser(row.id, ['agencyHead']),
      unitHead: await newUser(row.id, ['unitHead']),
      editor: await newUser(row.id, ['disclosureEditor']),
      officers: [],
    };
    // officers: every one with a published, valid certificate covering the agency's field, approved by a second person
    const count = Math.max(4, Math.round(OFFICERS * a.weight));
    const editorCtx: Ctx = { db, actor: actorOf(a.editor, ['disclosureEditor'], a.id) };
    const headCtx: Ctx = { db, actor: actorOf(a.head, ['agencyHead'], a.id) };
    for (let i = 0; i < count; i++) {
      const person = await newUser(a.id, ['officer']);
      const cert = `BC${String(k).padStart(3, '0')}${String(i).padStart(5, '0')}`;
      const draft = await records.createRecord(editorCtx, 'officer', {
        data: {
          name: person.name,
          gender: rand() < 0.7 ? '男' : '女',
          post: `${kind.field}执法大队队员`,
          certificateNumber: cert,
          categories: [kind.field],
          area: divisionNames.get(division) ?? division,
          validFrom: '2020-01-01',
          validTo: '2099-12-31',
          status: 'valid',
        },
      });
      await records.decide(headCtx, draft.versionId, { decision: 'approved' });
      a.officers.push({ ...person, cert, recordId: draft.recordId });
    }
    agencies.push(a);
  }
  return agencies;
}

// ---- case specs ----------------------------------------------------------------------------------------------------

export interface Spec {
  agency: Agency;
  handlers: Officer[];
  second: Officer;
  stage: Stage;
  hearing: boolean;
  n: number;
  origin: 'application' | 'exOfficio' | 'complaint' | 'emergency';
  cause: string;
  partyName: string;
  creditCode: string;
  t0: number;
  stepMs: number;
}

function weightedAgency(agencies: Agency[]): Agency {
  let r = rand();
  for (const a of agencies) if ((r -= a.weight) < 0) return a;
  return agencies[agencies.length - 1]!;
}

export function makeSpecs(agencies: Agency[], now: number): Spec[] {
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
      const origin =
        mix.stage === 'notOpened'
          ? 'complaint'
          : mix.stage === 'opening'
            ? pick(['application', 'exOfficio', 'complaint'] as const)
            : rand() < 0.05
              ? 'emergency'
              : pick(['application', 'exOfficio', 'exOfficio', 'complaint'] as const);
      const ageDays = between(...mix.created);
      const t0 = now - ageDays * DAY;
      const lastAge =
        mix.last === 'fraction'
          ? mix.stage === 'archived'
            ? Math.max(1, ageDays - between(40, Math.min(200, ageDays - 2)))
            : ageDays * rand() * 0.9
          : Math.min(between(...mix.last), ageDays * 0.9);
      const code17 = `91${agency.division}MA${String(1_000_000 + ++serial).slice(-7)}`;
      specs.push({
        agency,
        handlers,
        second: handlers[1] ?? h2,
        stage: mix.stage,
        hearing: rand() < 0.3,
        n: 0,
        origin,
        cause: pick(agency.kind.causes),
        partyName: `${agency.name.slice(0, 3)}${pick(SURNAMES)}${pick(GIVEN)}${pick(agency.kind.parties)}`,
        creditCode: code17 + creditCodeCheckChar(code17),
        t0,
        stepMs: now - lastAge * DAY - t0, // divided by n - 1 once n is known
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

export const partyOf = (s: Spec) => ({
  kind: 'organisation' as const,
  name: s.partyName,
  creditCode: s.creditCode,
  representative: '王某',
});
export const recordedAt = (s: Spec, seq: number) => s.t0 + (seq - 1) * s.stepMs + (seq > 1 ? 10 * MIN : 0);
