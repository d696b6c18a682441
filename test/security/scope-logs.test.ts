// Issue 14 (low): the audit log and GET /ledger/entries were read in full by anyone with the role. A division-scoped
// administrator or supervisor now sees only entries of agencies inside their division subtree; an entry of no
// agency (a failed login, a deployment-level ledger entry) only a deployment-wide administrator sees.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { describeApp, login, testConfig, type Session } from '../support/app.ts';
import { LedgerService } from '../../src/server/modules/ledger/ledger.service.ts';

describeApp("security: audit log and ledger entries are filtered to the caller's scope (issue 14)", (h) => {
  let tongliaoAdmin: Session;
  let tongliaoSupervisor: Session;
  let naimanCase: string;
  let xixiaCase: string;
  let ledger: LedgerService;

  before(async () => {
    ledger = await LedgerService.open(h.db, testConfig());
    const created = await h.admin.request('POST', '/api/v1/users', {
      username: 'tongliao.admin',
      displayName: '通辽市管理员',
      password: 'Grass#Window42',
      roles: ['administrator'],
      divisionCode: '150500',
    });
    assert.equal(created.statusCode, 201, created.body);
    tongliaoAdmin = await login(h.app, 'tongliao.admin', 'Grass#Window42');
    tongliaoSupervisor = await login(h.app, 'tongliao.supervisor');
    const open = async (username: string, name: string) => {
      const s = await login(h.app, username);
      const r = await s.request('POST', '/api/v1/cases', {
        actCategory: 'penalty',
        origin: 'exOfficio',
        cause: '擅自从事互联网上网服务经营活动',
        field: '文化市场',
        party: { kind: 'person', name },
      });
      assert.equal(r.statusCode, 201, r.body);
      return r.json().id as string;
    };
    naimanCase = await open('officer', '奈曼甲');
    xixiaCase = await open('xixia.officer', '西夏乙');
    // a failed login: an entry of no agency
    await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody.here', password: 'wrong-password' } });
    // a deployment-level ledger entry (no agency)
    await ledger.append(h.db, [
      { kind: 'test.deployment', subject: 'deployment/1', contentHash: ledger.contentHash('d'), agencyId: null, actor: 'tester' },
    ]);
    await ledger.settle(h.db);
  });

  const subjects = async (s: Session, query = '') => {
    const res = await s.request('GET', `/api/v1/audit-log?limit=500${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json().items as { action: string; subject: string | null; actorUsername: string | null }[];
  };

  test('audit log: a 通辽 administrator sees 奈曼旗 entries, not 西夏区 ones nor entries of no agency; the deployment administrator sees all', async () => {
    const scoped = await subjects(tongliaoAdmin, '&action=case.open');
    assert.ok(scoped.some((e) => e.subject === naimanCase));
    assert.ok(!scoped.some((e) => e.subject === xixiaCase));
    assert.ok(!(await subjects(tongliaoAdmin)).some((e) => e.subject === 'nobody.here'));
    const all = await subjects(h.admin);
    assert.ok(
      all.some((e) => e.subject === naimanCase) && all.some((e) => e.subject === xixiaCase) && all.some((e) => e.subject === 'nobody.here'),
    );
    // the scoped administrator's own creation is in their division: visible to them
    assert.ok((await subjects(tongliaoAdmin, '&action=user.create')).some((e) => e.subject !== null));
  });

  test('ledger entries: the 通辽 supervisor and administrator get only entries of agencies in 150500; the deployment administrator all', async () => {
    const size = await ledger.size(h.db);
    const read = async (s: Session) => {
      const res = await s.request('GET', `/api/v1/ledger/entries?start=0&end=${size - 1}`);
      assert.equal(res.statusCode, 200, res.body);
      return (res.json().entries as { index: number; leaf: string }[]).map((e) => ({
        index: e.index,
        ...JSON.parse(Buffer.from(e.leaf, 'base64').toString('utf8')),
      }));
    };
    const all = await read(h.admin);
    assert.equal(all.length, size);
    const agencyOf = async (caseId: string) =>
      (await sql<{ agency_id: string }>`select agency_id from cases where id = ${caseId}`.execute(h.db)).rows[0]!.agency_id;
    const naiman = await agencyOf(naimanCase);
    const xixia = await agencyOf(xixiaCase);
    assert.ok(
      all.some((e) => e.agency === naiman) && all.some((e) => e.agency === xixia),
      "both cases' registrations are in the ledger with their agency",
    );
    for (const s of [tongliaoSupervisor, tongliaoAdmin]) {
      const scoped = await read(s);
      assert.ok(scoped.length > 0 && scoped.length < size);
      assert.ok(
        scoped.every((e) => e.agency === naiman),
        JSON.stringify(scoped.map((e) => e.agency)),
      );
      assert.ok(!scoped.some((e) => e.kind === 'test.deployment'));
    }
    // the custodian of 奈曼旗文化和旅游局: their agency's entries only
    const custodian = await read(await login(h.app, 'custodian'));
    assert.ok(custodian.length > 0 && custodian.every((e) => e.agency === naiman));
  });
});
