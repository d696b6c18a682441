// The ledger on both engines: concurrent appends, the RFC 6962-style API checked by the independent verifier
// (src/verifier, which shares no code with the server's Merkle functions), bad input, and tampering.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { describeApp, login, testConfig } from '../../../../test/support/app.ts';
import { describeEachEngine } from '../../../../test/support/db.ts';
import { LedgerService } from './ledger.service.ts';
import { verifyLedger } from './ledger.verify.ts';
import * as independent from '../../../verifier/rfc9162.ts';
import { parseVerifierKey, verifyCheckpoint } from '../../../verifier/note.ts';

const fromB64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
const hash = (d: Uint8Array) => new Uint8Array(crypto.createHash('sha256').update(d).digest());

describeApp('ledger: appends, tree heads and proofs over HTTP', (h) => {
  let ledger: LedgerService;
  before(async () => {
    ledger = await LedgerService.open(h.db, testConfig());
  });
  const entry = (i: number) => ({
    kind: 'test.entry',
    subject: `subject/${i}`,
    contentHash: ledger.contentHash(`content ${i}`),
    agencyId: null,
    actor: 'tester',
  });

  test('concurrent appends are acknowledged at once and integrated in queue order: contiguous sequence numbers, a tree that verifies', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => ledger.append(h.db, [entry(i), entry(i + 1000)])));
    const refs = results.flat().map((r) => r.ref);
    // (the app's own background integrator may already be at work on them)
    // two integrators at once (as two processes would): the lock lets one work at a time, nothing twice
    await Promise.all([ledger.settle(h.db), ledger.settle(h.db)]);
    assert.equal(await ledger.pendingCount(h.db), 0);
    const located = await ledger.locate(h.db, refs);
    const bySeq = [...refs].sort((a, b) => a - b).map((r) => located.get(r)!.seq);
    assert.deepEqual(
      bySeq,
      Array.from({ length: 80 }, (_, i) => i),
      'seq follows queue order',
    );
    await ledger.signTreeHead(h.db);
    const report = await verifyLedger(h.db, ledger.suite, ledger.origin);
    assert.equal(report.ok, true, JSON.stringify(report.firstDivergence));
    assert.equal(report.entriesChecked, 80);
  });

  test('tree head and checkpoint are public and verify with the independent verifier', async () => {
    const head = (await h.app.inject({ method: 'GET', url: '/api/v1/ledger/tree-head' })).json();
    assert.equal(head.treeSize, 80);
    assert.equal(head.suite, 'sha256-ed25519');
    assert.equal(fromB64(head.publicKey).length, 32);
    const keys = (await h.app.inject({ method: 'GET', url: '/api/v1/ledger/keys' })).json();
    const trusted = parseVerifierKey(keys.current);
    const note = await h.app.inject({ method: 'GET', url: '/api/v1/ledger/checkpoint' });
    assert.match(String(note.headers['content-type']), /^text\/plain/);
    const cp = verifyCheckpoint(note.body, [trusted]);
    assert.equal(cp.size, 80n);
    assert.deepEqual(cp.rootHash, fromB64(head.rootHash));
    // the JSON signature signs exactly the checkpoint body
    assert.equal(cp.body, `${head.origin}\n80\n${head.rootHash}\n`);
  });

  test('every entry is included, per the independent verifier; entries need the supervisor, custodian or administrator role', async () => {
    const head = (await h.app.inject({ method: 'GET', url: '/api/v1/ledger/tree-head' })).json();
    const root = fromB64(head.rootHash);
    assert.equal((await h.app.inject({ method: 'GET', url: '/api/v1/ledger/entries?start=0&end=79' })).statusCode, 401);
    const officer = await login(h.app, 'officer');
    assert.equal((await officer.request('GET', '/api/v1/ledger/entries?start=0&end=79')).statusCode, 403);
    // these entries name no agency (deployment-level): only a deployment-wide administrator reads them (issue 14)
    const custodian = await login(h.app, 'custodian');
    assert.deepEqual((await custodian.request('GET', '/api/v1/ledger/entries?start=0&end=79')).json().entries, []);
    const { entries } = (await h.admin.request('GET', '/api/v1/ledger/entries?start=0&end=79')).json();
    assert.equal(entries.length, 80);
    assert.deepEqual(
      independent.rootFromEntries(
        hash,
        entries.map((e: { leaf: string }) => fromB64(e.leaf)),
      ),
      root,
    );
    for (const e of entries) {
      const proof = (await h.app.inject({ method: 'GET', url: `/api/v1/ledger/proof/inclusion?index=${e.index}&treeSize=80` })).json();
      assert.equal(proof.leafIndex, e.index);
      const ok = independent.verifyInclusion(
        hash,
        e.index,
        80,
        independent.hashLeaf(hash, fromB64(e.leaf)),
        proof.auditPath.map(fromB64),
        root,
      );
      assert.ok(ok, `entry ${e.index}`);
    }
    const decoded = JSON.parse(Buffer.from(entries[3].leaf, 'base64').toString('utf8'));
    assert.equal(decoded.seq, 3);
    assert.equal(decoded.v, 1);
  });

  test('consistency between an old and a new head, per the independent verifier', async () => {
    const old = (await h.app.inject({ method: 'GET', url: '/api/v1/ledger/tree-head' })).json();
    await ledger.append(
      h.db,
      Array.from({ length: 13 }, (_, i) => entry(2000 + i)),
    );
    await ledger.settle(h.db);
    const custodian = await login(h.app, 'custodian');
    const signed = await custodian.request('POST', '/api/v1/ledger/tree-head');
    assert.equal(signed.statusCode, 201);
    const now = signed.json();
    assert.equal(now.treeSize, 93);
    for (const first of [1, 7, 64, 80, 93]) {
      const p = (await h.app.inject({ method: 'GET', url: `/api/v1/ledger/proof/consistency?first=${first}&second=93` })).json();
      const firstRoot = first === 80 ? fromB64(old.rootHash) : await ledger.root(h.db, first);
      assert.ok(
        independent.verifyConsistency(hash, first, 93, firstRoot, fromB64(now.rootHash), p.consistency.map(fromB64)),
        `first=${first}`,
      );
    }
  });

  test('corrections point at an existing entry, by seq or by queue reference; a forged target writes nothing', async () => {
    const before = await ledger.size(h.db);
    const [bySeq] = await ledger.append(h.db, [{ ...entry(3000), kind: 'test.correction', corrects: 5 }]);
    const [original] = await ledger.append(h.db, [entry(3001)]);
    const [byRef] = await ledger.append(h.db, [{ ...entry(3002), kind: 'test.correction', correctsRef: original!.ref }]);
    await assert.rejects(ledger.append(h.db, [{ ...entry(3003), corrects: 999999 }]), /被更正的账本条目/);
    await assert.rejects(ledger.append(h.db, [{ ...entry(3004), correctsRef: 999999 }]), /被更正的账本条目/);
    await ledger.settle(h.db);
    assert.equal(await ledger.size(h.db), before + 3);
    const at = await ledger.locate(h.db, [bySeq!.ref, original!.ref, byRef!.ref]);
    const leafOf = async (seq: number) => {
      const { entries } = (await h.admin.request('GET', `/api/v1/ledger/entries?start=${seq}&end=${seq}`)).json();
      return JSON.parse(Buffer.from(entries[0].leaf, 'base64').toString('utf8'));
    };
    assert.equal((await leafOf(at.get(bySeq!.ref)!.seq)).corrects, 5);
    assert.equal((await leafOf(at.get(byRef!.ref)!.seq)).corrects, at.get(original!.ref)!.seq);
  });

  test('bad proof requests answer 400 with a code', async () => {
    for (const url of [
      '/api/v1/ledger/proof/inclusion?index=5&treeSize=100000',
      '/api/v1/ledger/proof/inclusion?index=94&treeSize=94',
      '/api/v1/ledger/proof/inclusion?index=-1&treeSize=10',
      '/api/v1/ledger/proof/inclusion?index=x&treeSize=10',
      '/api/v1/ledger/proof/consistency?first=0&second=10',
      '/api/v1/ledger/proof/consistency?first=11&second=10',
      '/api/v1/ledger/proof/consistency?first=1',
    ]) {
      const r = await h.app.inject({ method: 'GET', url });
      assert.equal(r.statusCode, 400, url);
      assert.match(r.json().error.code, /^(BAD_REQUEST|VALIDATION_FAILED)$/);
    }
    const custodian = await login(h.app, 'custodian');
    assert.equal((await custodian.request('GET', '/api/v1/ledger/entries?start=5&end=2')).statusCode, 400);
    assert.equal((await custodian.request('GET', '/api/v1/ledger/entries?start=100000&end=100001')).statusCode, 400);
  });
});

describeEachEngine('ledger: the database refuses changes, and verify finds tampering', (h) => {
  let ledger: LedgerService;
  before(async () => {
    ledger = await LedgerService.open(h.db, testConfig());
    for (let i = 0; i < 10; i++)
      await ledger.append(h.db, [
        { kind: 'test.entry', subject: `s/${i}`, contentHash: ledger.contentHash(String(i)), agencyId: null, actor: 'tester' },
      ]);
    await ledger.settle(h.db);
    await ledger.signTreeHead(h.db);
  });

  test('UPDATE, DELETE and TRUNCATE are refused on every ledger table, even for the database owner', async () => {
    for (const stmt of [
      sql`update ledger_entries set actor = 'mallory' where seq = 3`,
      sql`delete from ledger_entries where seq = 9`,
      sql`update ledger_nodes set hash = '\\x00' where level = 0 and idx = 1`,
      sql`delete from ledger_tree_heads`,
      sql`truncate ledger_nodes`,
      sql`update ledger_keys set verifier_key = 'x'`,
      sql`delete from ledger_log`,
    ])
      await assert.rejects(stmt.execute(h.db), /append-only/);
    assert.equal((await verifyLedger(h.db, ledger.suite, ledger.origin)).ok, true);
  });

  test('a queued (acknowledged, not yet integrated) entry cannot be changed or removed; once integrated its queue row goes', async () => {
    const [q] = await ledger.append(h.db, [
      { kind: 'test.entry', subject: 's/queued', contentHash: ledger.contentHash('q'), agencyId: null, actor: 'tester' },
    ]);
    for (const stmt of [
      sql`delete from ledger_queue where id = ${q!.ref}`,
      sql`update ledger_queue set subject = 's/forged' where id = ${q!.ref}`,
      sql`truncate ledger_queue`,
    ])
      await assert.rejects(stmt.execute(h.db), /append-only/);
    assert.equal(await ledger.pendingCount(h.db), 1);
    await ledger.settle(h.db);
    assert.equal(await ledger.pendingCount(h.db), 0);
    assert.equal((await sql<{ n: string }>`select count(*) as n from ledger_queue`.execute(h.db)).rows[0]!.n, '0');
    assert.equal((await ledger.locate(h.db, [q!.ref])).get(q!.ref)!.seq, 10);
    assert.equal((await verifyLedger(h.db, ledger.suite, ledger.origin)).ok, true);
  });

  test('if someone disables the triggers and edits a row, verify reports the first divergence', async () => {
    await sql`alter table ledger_entries disable trigger ledger_entries_append_only`.execute(h.db);
    await sql`update ledger_entries set subject = 's/forged' where seq = 4`.execute(h.db);
    await sql`alter table ledger_entries enable trigger ledger_entries_append_only`.execute(h.db);
    const r = await verifyLedger(h.db, ledger.suite, ledger.origin);
    assert.equal(r.ok, false);
    assert.deepEqual([r.firstDivergence!.kind, r.firstDivergence!.at], ['entry', '4']);
    assert.match(r.firstDivergence!.message, /subject/);
  });
});
