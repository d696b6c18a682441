import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getSuite } from '../server/platform/crypto/suite.ts';
import { multiplyBase, parsePublicKey, SM2_CURVE, sm2Verify, sm3, zA } from './sm2.ts';

const hex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const utf8 = (s: string) => new TextEncoder().encode(s);

test('curve arithmetic: G is on the curve, [n]G is the point at infinity, [n-1]G = -G', () => {
  const { p, a, b, n, gx, gy } = SM2_CURVE;
  assert.equal((gy * gy - (gx * gx * gx + a * gx + b)) % p, 0n);
  assert.equal(multiplyBase(n), null);
  assert.deepEqual(multiplyBase(n - 1n), { x: gx, y: p - gy });
  assert.deepEqual(multiplyBase(1n), { x: gx, y: gy });
});

test('SM3 (GB/T 32905 example 1) and the GM/T 0003.5 Appendix A signature example', () => {
  assert.equal(toHex(sm3(utf8('abc'))), '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  const pub = hex(
    '04' +
      '09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020' +
      'ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
  );
  const sig = hex(
    'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3' + 'b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
  );
  assert.equal(toHex(zA(pub)), 'b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3');
  // [k]G for the example's k (the x1 of step A4).
  assert.equal(
    multiplyBase(0x59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21n)!.x.toString(16),
    '4ebfc718e8d1798620432268e77feb6415e2ede0e073c0f4f640ecd2e149a73',
  );
  // The public key is [d]G.
  assert.equal(
    '04' + multiplyBase(0x3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8n)!.x.toString(16).padStart(64, '0'),
    toHex(pub).slice(0, 66),
  );
  assert.equal(sm2Verify(pub, utf8('message digest'), sig), true);
  assert.equal(sm2Verify(pub, utf8('message digest'), sig, 'ALICE123@YAHOO.COM'), false);
  assert.equal(sm2Verify(pub, utf8('message digesT'), sig), false);
});

test('signatures made by the server suite (sm-crypto-v2) verify here; tampering and bad input fail', () => {
  const gm = getSuite('sm3-sm2');
  for (let i = 0; i < 10; i++) {
    const { privateKey, publicKey } = gm.generateKeyPair();
    const msg = utf8(`ledger.sanxiang.example/150525\n${i}\n${'A'.repeat(43)}=\n`);
    const sig = gm.sign(privateKey, msg);
    assert.equal(sm2Verify(publicKey, msg, sig), true);
    const bad = sig.slice();
    bad[i]! ^= 1;
    assert.equal(sm2Verify(publicKey, msg, bad), false);
    assert.equal(sm2Verify(publicKey, msg.subarray(1), sig), false);
  }
  const { publicKey } = gm.generateKeyPair();
  const offCurve = publicKey.slice();
  offCurve[64]! ^= 1;
  assert.equal(parsePublicKey(offCurve), null);
  assert.equal(sm2Verify(offCurve, utf8('x'), new Uint8Array(64).fill(1)), false);
  assert.equal(sm2Verify(publicKey, utf8('x'), new Uint8Array(64)), false); // r = s = 0
  assert.equal(sm2Verify(publicKey.subarray(1), utf8('x'), new Uint8Array(64).fill(1)), false);
});
