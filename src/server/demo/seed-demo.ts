// Demo data from the seeds' own jurisdictions: justice bureaus and agencies named in the regulations, real division
// codes, one user per role (SPEC §1). The credit codes are fictional but carry valid GB 32100 check characters.
import crypto from 'node:crypto';
import type { Db } from '../platform/db.ts';
import type { Role } from '../platform/access.ts';
import { creditCodeCheckChar } from '../platform/codes.ts';
import { inTransaction } from '../platform/context.ts';
import { hashPassword } from '../modules/identity/password.ts';
import { ensureDivisions } from '../modules/registry/reference-data.ts';

/** GB 11714 organisation-code check digit, so the demo codes look like real ones all the way through. */
function orgCode(base8: string): string {
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...base8].reduce((s, ch, i) => s + Number(ch) * w[i]!, 0);
  const c = 11 - (sum % 11);
  return base8 + (c === 10 ? 'X' : c === 11 ? '0' : String(c));
}

export function demoCreditCode(divisionCode: string, serial: number): string {
  const first17 = `11${divisionCode}${orgCode(String(11000000 + serial))}`;
  return first17 + creditCodeCheckChar(first17);
}

export const DEMO_AGENCIES = [
  { key: 'nmg-justice', name: '内蒙古自治区司法厅', division: '150000' },
  { key: 'tongliao-justice', name: '通辽市司法局', division: '150500' },
  { key: 'hohhot-civil', name: '呼和浩特市民政局', division: '150100' },
  { key: 'naiman-culture', name: '奈曼旗文化和旅游局', division: '150525' },
  { key: 'naiman-justice', name: '奈曼旗司法局', division: '150525' },
  { key: 'songyuan-justice', name: '松原市司法局', division: '220700' },
  { key: 'songyuan-market', name: '松原市市场监督管理局', division: '220700' },
  { key: 'xixia-justice', name: '西夏区司法局', division: '640105' },
  { key: 'xixia-enforcement', name: '西夏区综合执法监督局', division: '640105' },
  { key: 'xixia-education', name: '西夏区教育局', division: '640105' },
] as const;

type AgencyKey = (typeof DEMO_AGENCIES)[number]['key'];

export interface DemoAccount {
  username: string;
  displayName: string;
  roles: Role[];
  agency?: AgencyKey;
  division?: string;
  note: string;
}

/** One account per role (and a second officer and another agency's officer, which cases and tests need). */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', displayName: '系统管理员', roles: ['administrator'], note: '全系统' },
  {
    username: 'supervisor',
    displayName: '内蒙古司法厅监督员',
    roles: ['supervisor'],
    division: '150000',
    note: '内蒙古自治区（150000）及以下',
  },
  {
    username: 'tongliao.supervisor',
    displayName: '通辽市司法局监督员',
    roles: ['supervisor'],
    division: '150500',
    note: '通辽市（150500）及以下',
  },
  { username: 'head', displayName: '王局长', roles: ['agencyHead'], agency: 'naiman-culture', note: '奈曼旗文化和旅游局' },
  { username: 'unithead', displayName: '李科长', roles: ['unitHead'], agency: 'naiman-culture', note: '奈曼旗文化和旅游局' },
  { username: 'officer', displayName: '张执法', roles: ['officer'], agency: 'naiman-culture', note: '奈曼旗文化和旅游局' },
  { username: 'officer2', displayName: '赵执法', roles: ['officer'], agency: 'naiman-culture', note: '奈曼旗文化和旅游局' },
  { username: 'reviewer', displayName: '刘审核', roles: ['reviewer'], agency: 'naiman-culture', note: '奈曼旗文化和旅游局' },
  { username: 'editor', displayName: '陈公示', roles: ['disclosureEditor'], agency: 'naiman-culture', note: '奈曼旗文化和旅游局' },
  { username: 'custodian', displayName: '孙档案', roles: ['recordsCustodian'], agency: 'naiman-culture', note: '奈曼旗文化和旅游局' },
  {
    username: 'external',
    displayName: '奈曼旗监察委员会调阅员',
    roles: ['externalAuthority'],
    division: '150525',
    note: '奈曼旗（150525）',
  },
  {
    username: 'xixia.officer',
    displayName: '马执法',
    roles: ['officer'],
    agency: 'xixia-enforcement',
    note: '西夏区综合执法监督局（另一部门）',
  },
];

export function randomDemoPassword(): string {
  return `Sx-${crypto.randomBytes(6).toString('hex')}-Demo9`;
}

/** Seed the demo data unless it is there already. Returns false when the database already had it. */
export async function seedDemo(db: Db, password: string): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    await ensureDivisions(trx);
    const existing = await trx.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirst();
    if (existing) return false;
    const agencyIds = new Map<string, string>();
    let serial = 1;
    for (const a of DEMO_AGENCIES) {
      const creditCode = demoCreditCode(a.division, serial++);
      const row = await trx
        .insertInto('agencies')
        .values({ name: a.name, credit_code: creditCode, division_code: a.division })
        .onConflict((oc) => oc.column('credit_code').doUpdateSet({ name: a.name }))
        .returning('id')
        .executeTakeFirstOrThrow();
      agencyIds.set(a.key, row.id);
    }
    const passwordHash = await hashPassword(password);
    for (const u of DEMO_ACCOUNTS) {
      await trx
        .insertInto('users')
        .values({
          username: u.username,
          display_name: u.displayName,
          password_hash: passwordHash,
          roles: u.roles,
          agency_id: u.agency ? agencyIds.get(u.agency)! : null,
          division_code: u.division ?? null,
        })
        .execute();
    }
    return true;
  });
}
