import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatCheckpoint,
  formatSignerKey,
  formatVerifierKey,
  NoteError,
  noteKeyId,
  openCheckpoint,
  openNote,
  parseCheckpoint,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signCheckpoint,
  signerKey,
  signNote,
  type NoteErrorCode,
} from './checkpoint.ts';
import { getSuite, SUITE_IDS } from './suite.ts';

const isCode = (code: NoteErrorCode) => (e: unknown) => e instanceof NoteError && e.code === code;

// golang.org/x/mod/sumdb/note note_test.go (TestSign, TestOpen, TestNewVerifier): keys, text and the exact signed note.
const GO = {
  skey: 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz',
  vkey: 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
  enochVkey: 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop',
  text: "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n",
  peterSig: '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n',
  enochSig: '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n',
};

test('Go sumdb/note vector: key strings, key ID and the signed note match byte for byte', () => {
  const signer = parseSignerKey(GO.skey);
  assert.equal(signer.keyName, 'PeterNeumann');
  assert.equal(signer.keyId, 0xc74f20a3);
  assert.equal(noteKeyId('PeterNeumann', 'sha256-ed25519', signer.publicKey), 0xc74f20a3);
  assert.equal(formatSignerKey(signer), GO.skey);
  assert.equal(formatVerifierKey(signer), GO.vkey);
  assert.deepEqual(parseVerifierKey(GO.vkey), {
    keyName: signer.keyName,
    keyId: signer.keyId,
    suiteId: signer.suiteId,
    publicKey: signer.publicKey,
  });
  assert.equal(signNote(GO.text, [signer]), `${GO.text}\n${GO.peterSig}`);
});

test('Go sumdb/note vector: open with known and unknown keys (TestOpen)', () => {
  const peter = parseVerifierKey(GO.vkey);
  const enoch = parseVerifierKey(GO.enochVkey);
  const note = `${GO.text}\n${GO.peterSig}${GO.enochSig}`;
  const one = openNote(note, [peter]);
  assert.equal(one.text, GO.text);
  assert.deepEqual(
    one.verified.map((s) => s.keyName),
    ['PeterNeumann'],
  );
  assert.deepEqual(
    one.unverified.map((s) => [s.keyName, s.keyId]),
    [['EnochRoot', 0xaf0cfe78]],
  );
  assert.deepEqual(
    openNote(note, [peter, enoch]).verified.map((s) => s.keyName),
    ['PeterNeumann', 'EnochRoot'],
  );
  assert.throws(() => openNote(note, []), isCode('UNVERIFIED_NOTE'));
  // A known key's bad signature rejects the whole note.
  const corrupted = `${GO.text}\n${GO.peterSig.slice(0, 60)}ABCD${GO.peterSig.slice(60)}`;
  assert.throws(() => openNote(corrupted, [peter]), isCode('INVALID_SIGNATURE'));
  // Duplicates collapse; an unknown key's corrupted duplicate is just unverified.
  const dup = openNote(`${GO.text}\n${GO.peterSig}${GO.peterSig}${GO.enochSig}${GO.enochSig}`, [peter]);
  assert.equal(dup.verified.length, 1);
  assert.equal(dup.unverified.length, 1);
  // Same name, different ID: not our key, ignored.
  const renamedId = GO.peterSig.replace('x08g', 'xxxx');
  assert.throws(() => openNote(`${GO.text}\n${renamedId}`, [peter]), isCode('UNVERIFIED_NOTE'));
  // Too many signatures.
  assert.throws(() => openNote(`${GO.text}\n${GO.peterSig.repeat(101)}`, [peter]), isCode('MALFORMED_NOTE'));
});

test('Go sumdb/note vector: malformed notes are rejected (TestOpen badMsgs)', () => {
  const peter = parseVerifierKey(GO.vkey);
  const bad = [
    GO.text,
    `${GO.text}\n`,
    `${GO.text}\n${GO.peterSig.slice(0, -1)}`,
    `\x01${GO.text}\n${GO.peterSig}`,
    `${GO.text}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
    `${GO.text}\n${GO.peterSig}Unexpected line.\n`,
    `${GO.text}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM\n`, // unpadded
    `${GO.text}\n- PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`, // hyphen
    `${GO.text}\n— PeterNeumann AAAA\n`, // shorter than key ID + 1 byte
  ];
  for (const msg of bad) assert.throws(() => openNote(msg, [peter]), isCode('MALFORMED_NOTE'), JSON.stringify(msg));
  assert.throws(() => parseNote(Uint8Array.of(0xff, 0x0a, 0x0a)), isCode('MALFORMED_NOTE'));
  // Key strings: every truncation and every single-character change is refused (TestNewVerifier).
  for (let i = 1; i < GO.vkey.length; i++) assert.throws(() => parseVerifierKey(GO.vkey.slice(0, i)), NoteError);
  for (let i = 0; i < GO.vkey.length; i++) {
    const changed = GO.vkey.slice(0, i) + String.fromCharCode(GO.vkey.charCodeAt(i) + 1) + GO.vkey.slice(i + 1);
    assert.throws(() => parseVerifierKey(changed), NoteError, changed);
  }
});

test('checkpoint body: exact C2SP tlog-checkpoint format, strict parsing', () => {
  // The example in c2sp.org/tlog-checkpoint.
  const example = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
  const cp = parseCheckpoint(example);
  assert.equal(cp.origin, 'example.com/behind-the-sofa');
  assert.equal(cp.size, 20852163);
  assert.equal(cp.rootHash.length, 32);
  assert.equal(formatCheckpoint(cp), example);
  const empty = formatCheckpoint({
    origin: 'ledger.sanxiang.example/150525',
    size: 0,
    rootHash: getSuite('sha256-ed25519').hash(new Uint8Array()),
  });
  assert.equal(empty, 'ledger.sanxiang.example/150525\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n');
  for (const bad of [
    'a\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', // no final newline
    'a\n01\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n', // leading zero
    'a\n-1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
    '\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n', // empty origin
    'a\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n', // unpadded
    'a\n1\nAAAA\n', // wrong hash length
    'a\n1\n',
    'a\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n', // empty extension line
  ])
    assert.throws(() => parseCheckpoint(bad), isCode('MALFORMED_CHECKPOINT'), JSON.stringify(bad));
  assert.throws(() => formatCheckpoint({ origin: 'a\nb', size: 1, rootHash: new Uint8Array(32) }), isCode('MALFORMED_CHECKPOINT'));
  assert.throws(() => formatCheckpoint({ origin: 'a', size: 1.5, rootHash: new Uint8Array(32) }), isCode('MALFORMED_CHECKPOINT'));
});

test('signed checkpoints for both suites: round trip, key strings, tampering, wrong key, wrong origin', () => {
  for (const suiteId of SUITE_IDS) {
    const suite = getSuite(suiteId);
    const signer = signerKey('ledger.sanxiang.example/150525', suiteId, suite.generateKeyPair().privateKey);
    assert.deepEqual(parseSignerKey(formatSignerKey(signer)), signer);
    const trusted = parseVerifierKey(formatVerifierKey(signer));
    assert.equal(trusted.suiteId, suiteId);
    const cp = { origin: signer.keyName, size: 1234, rootHash: suite.hash(new Uint8Array([1, 2, 3])) };
    const note = signCheckpoint(cp, [signer]);
    assert.match(
      note,
      /^ledger\.sanxiang\.example\/150525\n1234\n[A-Za-z0-9+/]{43}=\n\n— ledger\.sanxiang\.example\/150525 [A-Za-z0-9+/]{91}=\n$/,
    );
    const opened = openCheckpoint(note, [trusted], signer.keyName);
    assert.deepEqual(opened.checkpoint, { ...cp, extensions: [] });
    assert.equal(opened.verified[0]!.signature.length, 64);
    // A changed size or root fails the signature.
    const forged = note.replace('\n1234\n', '\n1235\n');
    assert.throws(() => openCheckpoint(forged, [trusted]), isCode('INVALID_SIGNATURE'), suiteId);
    // Another key under the same name has another key ID, so its signature is merely unknown.
    const other = signerKey(signer.keyName, suiteId, suite.generateKeyPair().privateKey);
    assert.throws(() => openCheckpoint(signCheckpoint(cp, [other]), [trusted]), isCode('UNVERIFIED_NOTE'));
    assert.throws(() => openCheckpoint(note, [trusted], 'another.example/log'), isCode('MALFORMED_CHECKPOINT'));
    // Cosigning keeps earlier signatures by other keys.
    const witness = signerKey('witness.example/w1', 'sha256-ed25519', getSuite('sha256-ed25519').generateKeyPair().privateKey);
    const cosigned = signNote(parseNote(note).text, [witness], parseNote(note).signatures);
    assert.deepEqual(
      openNote(cosigned, [trusted, witness]).verified.map((s) => s.keyName),
      [signer.keyName, 'witness.example/w1'],
    );
  }
  // The two suites never share a key ID for the same name and key bytes: the type byte differs.
  const pub = new Uint8Array(65);
  pub[0] = 4;
  assert.notEqual(noteKeyId('x', 'sm3-sm2', pub), noteKeyId('x', 'sha256-ed25519', pub));
  assert.throws(() => signerKey('bad name', 'sha256-ed25519', new Uint8Array(32)), isCode('MALFORMED_KEY'));
  assert.throws(() => signerKey('a+b', 'sha256-ed25519', new Uint8Array(32)), isCode('MALFORMED_KEY'));
});

test('an SM2 key string carries the 0xFF type and its identifier', () => {
  const signer = signerKey('ledger.sanxiang.example/150525', 'sm3-sm2', getSuite('sm3-sm2').generateKeyPair().privateKey);
  const vkey = formatVerifierKey(signer);
  const typed = Buffer.from(vkey.split('+').slice(2).join('+'), 'base64');
  assert.equal(typed[0], 0xff);
  assert.equal(typed.subarray(1, 17).toString('ascii'), 'sanxiang/sm2-sm3');
  assert.equal(typed.length, 1 + 16 + 65);
});
