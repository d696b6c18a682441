import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { weierstrassN } from '@noble/curves/abstract/weierstrass';
import { getSuite, isSuiteId, SM2_DEFAULT_USER_ID, sm2SignatureFromDer, sm2SignatureToDer, SUITE_IDS } from './suite.ts';

const hex = (h: string) => new Uint8Array(Buffer.from(h.replace(/[\s_]/g, ''), 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const utf8 = (s: string) => new TextEncoder().encode(s);
const ed = getSuite('sha256-ed25519');
const gm = getSuite('sm3-sm2');

test('SM3: GB/T 32905-2016 Appendix A examples', () => {
  assert.equal(toHex(gm.hash(utf8('abc'))), '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  assert.equal(toHex(gm.hash(utf8('abcd'.repeat(16)))), 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
});

test('SHA-256: FIPS 180-2 "abc" and the empty string', () => {
  assert.equal(toHex(ed.hash(utf8('abc'))), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(toHex(ed.hash(new Uint8Array())), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
});

test('Ed25519: RFC 8032 §7.1 tests 1 and 2 (deterministic signatures match byte for byte)', () => {
  const vectors = [
    [
      '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
      'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
      '',
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    ],
    [
      '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
      '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
      '72',
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
    ],
  ];
  for (const [secret, pub, msg, sig] of vectors) {
    assert.equal(toHex(ed.publicKeyFromPrivateKey(hex(secret!))), pub);
    assert.equal(toHex(ed.sign(hex(secret!), hex(msg!))), sig);
    assert.equal(ed.verify(hex(pub!), hex(msg!), hex(sig!)), true);
  }
});

test('every suite: generated keys sign and verify; tampering and malformed input fail without throwing', () => {
  for (const id of SUITE_IDS) {
    const suite = getSuite(id);
    const { privateKey, publicKey } = suite.generateKeyPair();
    assert.equal(privateKey.length, 32);
    assert.equal(publicKey.length, suite.publicKeySize);
    assert.deepEqual(suite.publicKeyFromPrivateKey(privateKey), publicKey);
    const msg = utf8('sanxiang.example/ledger\n42\nAAAA\n');
    const sig = suite.sign(privateKey, msg);
    assert.equal(sig.length, 64, id);
    assert.equal(suite.verify(publicKey, msg, sig), true, id);
    const badMsg = msg.slice();
    badMsg[3]! ^= 1;
    assert.equal(suite.verify(publicKey, badMsg, sig), false, `${id} tampered message`);
    for (let i = 0; i < 64; i += 21) {
      const badSig = sig.slice();
      badSig[i]! ^= 0x40;
      assert.equal(suite.verify(publicKey, msg, badSig), false, `${id} tampered signature byte ${i}`);
    }
    const other = suite.generateKeyPair().publicKey;
    assert.equal(suite.verify(other, msg, sig), false, `${id} other key`);
    assert.equal(suite.verify(publicKey.subarray(1), msg, sig), false, `${id} short key`);
    assert.equal(suite.verify(publicKey, msg, sig.subarray(1)), false, `${id} short signature`);
    assert.equal(suite.verify(new Uint8Array(suite.publicKeySize), msg, sig), false, `${id} zero key`);
  }
  assert.equal(isSuiteId('sm3-sm2'), true);
  assert.equal(isSuiteId('sha1-rsa'), false);
  assert.throws(() => getSuite('sha1-rsa' as never), RangeError);
});

test('SM2: r or s outside [1, n-1] is rejected (GB/T 32918.2 §7.1 B1-B2)', () => {
  const { privateKey, publicKey } = gm.generateKeyPair();
  const msg = utf8('m');
  const sig = gm.sign(privateKey, msg);
  const n = hex('FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');
  const zero = new Uint8Array(32);
  for (const bad of [
    [zero, sig.subarray(32)],
    [sig.subarray(0, 32), zero],
    [n, sig.subarray(32)],
    [sig.subarray(0, 32), n],
  ]) {
    assert.equal(gm.verify(publicKey, msg, Uint8Array.from([...bad[0]!, ...bad[1]!])), false);
  }
  assert.throws(() => gm.sign(new Uint8Array(32), msg), RangeError);
});

// ---- SM2 interoperability evidence ----
// An independent SM2 verifier: the curve from GB/T 32918.5 put into @noble/curves' generic Weierstrass arithmetic,
// Z_A and e written out from GB/T 32918.2 §5.5 / §7.1 with Node's SM3. It shares no code with sm-crypto-v2's SM2.
const SM2_CURVE = {
  p: BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF'),
  a: BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC'),
  b: BigInt('0x28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93'),
  n: BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123'),
  h: 1n,
  Gx: BigInt('0x32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7'),
  Gy: BigInt('0xBC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0'),
};
const Point = weierstrassN(SM2_CURVE);
const be32 = (v: bigint) => hex(v.toString(16).padStart(64, '0'));
const num = (b: Uint8Array) => BigInt('0x' + toHex(b));
const sm3 = (b: Uint8Array) => new Uint8Array(createHash('sm3').update(b).digest());
const mod = (a: bigint, m: bigint) => ((a % m) + m) % m;

function zA(id: string, pub: Uint8Array): Uint8Array {
  const idBytes = utf8(id);
  const entl = idBytes.length * 8;
  const { a, b, Gx, Gy } = SM2_CURVE;
  return sm3(Uint8Array.from([entl >> 8, entl & 0xff, ...idBytes, ...be32(a), ...be32(b), ...be32(Gx), ...be32(Gy), ...pub.subarray(1)]));
}
const eOf = (msg: Uint8Array, pub: Uint8Array, id = SM2_DEFAULT_USER_ID) => num(sm3(Uint8Array.from([...zA(id, pub), ...msg])));

function independentVerify(pub: Uint8Array, msg: Uint8Array, sig: Uint8Array): boolean {
  const { n } = SM2_CURVE;
  const r = num(sig.subarray(0, 32)),
    s = num(sig.subarray(32));
  if (r < 1n || r >= n || s < 1n || s >= n) return false;
  const t = mod(r + s, n);
  if (t === 0n) return false;
  const P = Point.fromBytes(pub);
  const x1 = Point.BASE.multiply(s).add(P.multiply(t)).toAffine().x;
  return mod(eOf(msg, pub) + x1, n) === r;
}

function independentSignWithK(d: bigint, pub: Uint8Array, msg: Uint8Array, k: bigint, id = SM2_DEFAULT_USER_ID): Uint8Array {
  const { n } = SM2_CURVE;
  const r = mod(eOf(msg, pub, id) + Point.BASE.multiply(k).toAffine().x, n);
  const s = mod(modInverse(1n + d, n) * (k - r * d), n);
  return Uint8Array.from([...be32(r), ...be32(s)]);
}
function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1, t0, t1] = [mod(a, m), m, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  return mod(t0, m);
}

// GM/T 0003.5-2012 (= GB/T 32918.5-2017) Appendix A signature example on the recommended curve, with the default ID:
// also in OpenSSL's test/sm2_internal_test.c and e.g. github.com/ww-rm/gmalg tests/test_core.py.
const STD = {
  d: hex('3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8'),
  pub: hex(
    '04' +
      '09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020' +
      'CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13',
  ),
  za: 'b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3',
  e: 'f0b43e94ba45accaace692ed534382eb17e6ab5a19ce7b31f4486fdfc0d28640',
  k: BigInt('0x59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21'),
  msg: utf8('message digest'),
  sig: hex(
    'F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3' + 'B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA',
  ),
};

test('SM2: the standard example (GM/T 0003.5 Appendix A, ID 1234567812345678) — key, Z_A, e, signature', () => {
  assert.deepEqual(gm.publicKeyFromPrivateKey(STD.d), STD.pub);
  // The independent implementation reproduces the published intermediate values and the signature itself …
  assert.equal(toHex(zA(SM2_DEFAULT_USER_ID, STD.pub)), STD.za);
  assert.equal(eOf(STD.msg, STD.pub).toString(16), STD.e);
  assert.deepEqual(independentSignWithK(num(STD.d), STD.pub, STD.msg, STD.k), STD.sig);
  // … and the suite accepts the published signature, rejecting it for another message or another ID's Z_A.
  assert.equal(gm.verify(STD.pub, STD.msg, STD.sig), true);
  assert.equal(gm.verify(STD.pub, utf8('message digesT'), STD.sig), false);
  const withOtherId = independentSignWithK(num(STD.d), STD.pub, STD.msg, STD.k, 'ALICE123@YAHOO.COM');
  assert.equal(gm.verify(STD.pub, STD.msg, withOtherId), false);
});

test('SM2: signatures made by the suite verify under the independent implementation, and vice versa', () => {
  for (let i = 0; i < 8; i++) {
    const { privateKey, publicKey } = gm.generateKeyPair();
    const msg = utf8(`checkpoint ${i}\n${'x'.repeat(i * 37)}`);
    const sig = gm.sign(privateKey, msg);
    assert.equal(independentVerify(publicKey, msg, sig), true);
    const k = 1n + (num(ed.hash(msg)) % (SM2_CURVE.n - 2n));
    const theirs = independentSignWithK(num(privateKey), publicKey, msg, k);
    assert.equal(gm.verify(publicKey, msg, theirs), true);
  }
});

test('SM2: DER conversion round-trips and is strict', () => {
  for (let i = 0; i < 20; i++) {
    const { privateKey } = gm.generateKeyPair();
    const raw = gm.sign(privateKey, utf8(String(i)));
    const der = sm2SignatureToDer(raw);
    assert.deepEqual(sm2SignatureFromDer(der), raw);
  }
  const small = new Uint8Array(64);
  small[31] = 1;
  small[63] = 0x80;
  assert.equal(toHex(sm2SignatureToDer(small)), '3007020101020200' + '80');
  assert.throws(() => sm2SignatureFromDer(hex('3008020200010202000080')), RangeError); // non-minimal r
  assert.throws(() => sm2SignatureFromDer(hex('300702010102020080' + '00')), RangeError); // trailing byte
  assert.throws(() => sm2SignatureFromDer(hex('30060201ff020101')), RangeError); // negative r
});

// OpenSSL 3 implements SM2 with a settable distinguishing ID: the strongest interoperability check available offline.
const SM2_SPKI_PREFIX = '3059301306072a8648ce3d020106082a811ccf5501822d034200';
function opensslHasSm2(): boolean {
  try {
    return execFileSync('openssl', ['list', '-public-key-algorithms'], { encoding: 'utf8' }).includes('SM2');
  } catch {
    return false;
  }
}

test(
  "SM2: OpenSSL verifies our signatures and we verify OpenSSL's (distid 1234567812345678)",
  { skip: !opensslHasSm2() && 'openssl with SM2 not available' },
  () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-sm2-'));
    try {
      const f = (name: string) => path.join(dir, name);
      const msg = utf8('sanxiang.example/ledger\n7\nq83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=\n');
      fs.writeFileSync(f('msg'), msg);
      // Ours → OpenSSL.
      const { privateKey, publicKey } = gm.generateKeyPair();
      const spki = Buffer.concat([Buffer.from(SM2_SPKI_PREFIX, 'hex'), publicKey]);
      fs.writeFileSync(f('ours.pub.pem'), `-----BEGIN PUBLIC KEY-----\n${spki.toString('base64')}\n-----END PUBLIC KEY-----\n`);
      fs.writeFileSync(f('ours.sig'), sm2SignatureToDer(gm.sign(privateKey, msg)));
      const out = execFileSync(
        'openssl',
        ['dgst', '-sm3', '-verify', f('ours.pub.pem'), '-sigopt', `distid:${SM2_DEFAULT_USER_ID}`, '-signature', f('ours.sig'), f('msg')],
        { encoding: 'utf8' },
      );
      assert.match(out, /Verified OK/);
      // OpenSSL → ours.
      execFileSync('openssl', ['genpkey', '-algorithm', 'SM2', '-out', f('theirs.pem')]);
      execFileSync('openssl', [
        'dgst',
        '-sm3',
        '-sign',
        f('theirs.pem'),
        '-sigopt',
        `distid:${SM2_DEFAULT_USER_ID}`,
        '-out',
        f('theirs.sig'),
        f('msg'),
      ]);
      const theirSpki = execFileSync('openssl', ['pkey', '-in', f('theirs.pem'), '-pubout', '-outform', 'DER']);
      const theirPub = new Uint8Array(theirSpki.subarray(theirSpki.length - 65));
      const theirSig = sm2SignatureFromDer(new Uint8Array(fs.readFileSync(f('theirs.sig'))));
      assert.equal(gm.verify(theirPub, msg, theirSig), true);
      assert.equal(independentVerify(theirPub, msg, theirSig), true);
      assert.equal(gm.verify(theirPub, msg.subarray(1), theirSig), false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);
