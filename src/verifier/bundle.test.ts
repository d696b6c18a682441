// End to end: a log built and signed by the server code, checked by the independent verifier and its command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { consistencyProof, inclusionProof, leafHash, rootFromLeafHashes } from '../server/modules/ledger/merkle.ts';
import { formatVerifierKey, parseSignerKey, signCheckpoint, signerKey } from '../server/platform/crypto/checkpoint.ts';
import { getSuite, SUITE_IDS, type SuiteId } from '../server/platform/crypto/suite.ts';
import { BUNDLE_FORMAT, verifyBundle } from './bundle.ts';
import { runVerify } from './cli.ts';
import { parseVerifierKey, verifyCheckpoint } from './note.ts';

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const ORIGIN = 'ledger.sanxiang.example/150525';

function makeLog(suiteId: SuiteId, n: number, variant = '') {
  const suite = getSuite(suiteId);
  const signer = signerKey(ORIGIN, suiteId, suite.generateKeyPair().privateKey);
  const entries = Array.from({ length: n }, (_, i) =>
    new TextEncoder().encode(JSON.stringify({ seq: i, act: '立案审批', caseId: `C-${i % 7}${i === 17 ? variant : ''}` })),
  );
  const leaves = entries.map((e) => leafHash(suite.hash, e));
  const checkpointAt = (size: number) =>
    signCheckpoint({ origin: ORIGIN, size, rootHash: rootFromLeafHashes(suite.hash, leaves, size) }, [signer]);
  const bundle = (size: number, indices: number[], previous: number[] = []) => ({
    format: BUNDLE_FORMAT,
    checkpoint: checkpointAt(size),
    verifierKey: formatVerifierKey(signer),
    entries: indices.map((i) => ({
      index: i,
      entry: b64(entries[i]!),
      inclusionProof: inclusionProof(suite.hash, leaves, i, size).map(b64),
    })),
    previous: previous.map((m) => ({
      checkpoint: checkpointAt(m),
      consistencyProof: consistencyProof(suite.hash, leaves, m, size).map(b64),
    })),
  });
  return { signer, vkey: formatVerifierKey(signer), bundle, checkpointAt };
}

test('checkpoints signed by the server verify in the independent note reader, for both suites', () => {
  for (const suiteId of SUITE_IDS) {
    const log = makeLog(suiteId, 20);
    const key = parseVerifierKey(log.vkey);
    assert.equal(key.id, log.signer.keyId);
    assert.equal(key.suite, suiteId);
    const head = verifyCheckpoint(log.checkpointAt(13), [key]);
    assert.equal(head.size, 13n);
    assert.equal(head.origin, ORIGIN);
    assert.throws(() => verifyCheckpoint(log.checkpointAt(13).replace('\n13\n', '\n14\n'), [key]), /does not verify/);
    assert.throws(
      () => verifyCheckpoint(log.checkpointAt(13), [parseVerifierKey(makeLog(suiteId, 1).vkey)]),
      /no signature by a trusted key/,
    );
  }
  // The Go sumdb/note verifier key parses to the same key ID here.
  const go = parseVerifierKey('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW');
  assert.equal(go.id, 0xc74f20a3);
  const goSigner = parseSignerKey('PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz');
  const note = signCheckpoint({ origin: 'PeterNeumann', size: 0, rootHash: getSuite('sha256-ed25519').hash(new Uint8Array()) }, [goSigner]);
  assert.equal(verifyCheckpoint(note, [go]).size, 0n);
  assert.throws(() => parseVerifierKey('PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'), /key ID/);
});

test('bundles: entries and earlier tree heads verify; any tampering is reported', () => {
  for (const suiteId of SUITE_IDS) {
    const log = makeLog(suiteId, 40);
    const trusted = [parseVerifierKey(log.vkey)];
    const good = log.bundle(37, [0, 5, 36], [1, 16, 20, 37]);
    const report = verifyBundle(good, trusted);
    assert.equal(report.ok, true, JSON.stringify(report));
    assert.deepEqual(
      report.entries.map((e) => e.ok),
      [true, true, true],
    );
    assert.deepEqual(
      report.previous.map((p) => p.size),
      ['1', '16', '20', '37'],
    );

    // An altered record.
    const altered = structuredClone(good);
    altered.entries[1]!.entry = b64(new TextEncoder().encode('{"seq":5,"act":"立案审批","caseId":"C-9"}'));
    assert.deepEqual(
      verifyBundle(altered, trusted).entries.map((e) => e.ok),
      [true, false, true],
    );
    // A record claimed at another position.
    const moved = structuredClone(good);
    moved.entries[0]!.index = 1;
    assert.equal(verifyBundle(moved, trusted).ok, false);
    // A rewritten history: an "earlier" tree head from a different log with the same key.
    const fork = makeLog(suiteId, 40, 'rewritten');
    const forked = structuredClone(good);
    forked.previous[2]!.checkpoint = signCheckpoint(
      { origin: ORIGIN, size: 20, rootHash: verifyCheckpoint(fork.checkpointAt(20), [parseVerifierKey(fork.vkey)]).rootHash },
      [log.signer],
    );
    assert.deepEqual(
      verifyBundle(forked, trusted).previous.map((p) => p.ok),
      [true, true, false, true],
    );
    // Untrusted key, malformed input.
    assert.match(verifyBundle(good, [parseVerifierKey(fork.vkey)]).problems[0]!, /no signature by a trusted key/);
    assert.equal(verifyBundle({ format: 'other' }, trusted).ok, false);
    assert.equal(verifyBundle({ ...good, entries: [] }, trusted).ok, false);
    assert.equal(verifyBundle({ ...good, entries: [{ index: 'x', inclusionProof: [] }] }, trusted).ok, false);
  }
});

test('the verify command: exit 0 when verified, 1 when not, 2 on usage errors', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-verify-'));
  try {
    const log = makeLog('sm3-sm2', 12);
    const file = path.join(dir, 'bundle.json');
    fs.writeFileSync(file, JSON.stringify(log.bundle(12, [3, 11], [4])));
    const run = (...args: string[]) => {
      const lines: string[] = [];
      const code = runVerify(args, (l) => lines.push(l));
      return { code, text: lines.join('\n') };
    };

    const ok = run('--key', log.vkey, file);
    assert.equal(ok.code, 0, ok.text);
    assert.match(ok.text, /验证通过 VERIFIED/);
    assert.match(ok.text, /size 12 .*sm3-sm2/);

    const trustingBundle = run('--trust-bundle-key', file);
    assert.equal(trustingBundle.code, 0);
    assert.match(trustingBundle.text, /WARNING/);

    assert.equal(run('--key', makeLog('sm3-sm2', 1).vkey, file).code, 1);
    const tampered = JSON.parse(fs.readFileSync(file, 'utf8'));
    tampered.entries[0].entry = b64(new TextEncoder().encode('forged'));
    fs.writeFileSync(file, JSON.stringify(tampered));
    const bad = run('--key', log.vkey, file);
    assert.equal(bad.code, 1);
    assert.match(bad.text, /✗ entry 3: not included/);

    assert.equal(run(file).code, 2);
    assert.equal(run('--key', 'not-a-key', file).code, 2);
    assert.equal(run('--key', log.vkey, path.join(dir, 'missing.json')).code, 2);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
