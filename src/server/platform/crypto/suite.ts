// Hash + signature suites for the tamper-evident ledger (SPEC §3.4: configurable, SHA-256/Ed25519 by default,
// SM3/SM2 for deployments that must use the Chinese national algorithms). Pure functions over bytes; no I/O.
//
// Canonical encodings (every other part of Sanxiang and every external verifier relies on these):
//   sha256-ed25519  hash   SHA-256 (FIPS 180-4), 32 bytes
//                   keys   private = the 32-byte RFC 8032 secret key (seed); public = the raw 32-byte RFC 8032 key
//                   sig    the 64-byte RFC 8032 Ed25519 signature over the message itself
//   sm3-sm2         hash   SM3 (GB/T 32905-2016), 32 bytes
//                   keys   private = the 32-byte big-endian scalar d (1 ≤ d ≤ n-2);
//                          public  = the uncompressed point 04 ‖ X ‖ Y (65 bytes, GB/T 32918.1 §4.2.8)
//                   sig    GB/T 32918.2 SM2 signature with e = SM3(Z_A ‖ M), Z_A computed with the standard default
//                          signer ID "1234567812345678" (GM/T 0009-2012 §10), encoded as raw r ‖ s (2 × 32 bytes,
//                          big-endian, zero-padded). Raw is fixed-length and has exactly one encoding per signature;
//                          tools that want ASN.1 (OpenSSL, GmSSL, BouncyCastle: SEQUENCE { r INTEGER, s INTEGER })
//                          convert with sm2SignatureToDer / sm2SignatureFromDer below.
// Private keys are stored as these 32 raw bytes (hex or base64 in configuration, the caller's choice); they never
// leave the server.
import { createHash, createPrivateKey, createPublicKey, getHashes, randomBytes, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { sm2, sm3 as sm3Js } from 'sm-crypto-v2';
import { z } from 'zod';

export const SUITE_IDS = ['sha256-ed25519', 'sm3-sm2'] as const;
export type SuiteId = (typeof SUITE_IDS)[number];
export const DEFAULT_SUITE_ID: SuiteId = 'sha256-ed25519';
export const suiteIdSchema = z.enum(SUITE_IDS);
export const isSuiteId = (v: unknown): v is SuiteId => typeof v === 'string' && (SUITE_IDS as readonly string[]).includes(v);

/** GM/T 0009-2012 §10 default distinguishing identifier of the signer, used in Z_A. */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

export interface KeyPair {
  /** 32 raw bytes (Ed25519 seed / SM2 scalar). */
  privateKey: Uint8Array;
  /** Ed25519: 32 bytes; SM2: 65 bytes 04 ‖ X ‖ Y. */
  publicKey: Uint8Array;
}

export interface Suite {
  readonly id: SuiteId;
  readonly hashSize: 32;
  readonly publicKeySize: 32 | 65;
  readonly signatureSize: 64;
  hash(data: Uint8Array): Uint8Array;
  generateKeyPair(): KeyPair;
  publicKeyFromPrivateKey(privateKey: Uint8Array): Uint8Array;
  sign(privateKey: Uint8Array, message: Uint8Array): Uint8Array;
  /** False (never throws) for a wrong signature, a malformed key or a malformed signature. */
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}

const toHex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
const fromHex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
const u8 = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

// ---- SHA-256 + Ed25519 (Node's OpenSSL) ----

// Fixed DER prefixes that wrap raw RFC 8032 keys as PKCS#8 / SPKI (RFC 8410 §7, §4).
const ED25519_PKCS8_PREFIX = fromHex('302e020100300506032b657004220420');
const ED25519_SPKI_PREFIX = fromHex('302a300506032b6570032100');

function ed25519PrivateKeyObject(seed: Uint8Array) {
  if (seed.length !== 32) throw new RangeError('Ed25519 private key must be 32 bytes');
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

function ed25519PublicFromSeed(seed: Uint8Array): Uint8Array {
  const spki = createPublicKey(ed25519PrivateKeyObject(seed)).export({ format: 'der', type: 'spki' });
  return u8(spki).slice(ED25519_SPKI_PREFIX.length);
}

const sha256Ed25519: Suite = {
  id: 'sha256-ed25519',
  hashSize: 32,
  publicKeySize: 32,
  signatureSize: 64,
  hash: (data) => u8(createHash('sha256').update(data).digest()),
  generateKeyPair() {
    const privateKey = new Uint8Array(randomBytes(32));
    return { privateKey, publicKey: ed25519PublicFromSeed(privateKey) };
  },
  publicKeyFromPrivateKey: ed25519PublicFromSeed,
  sign: (privateKey, message) => u8(nodeSign(null, message, ed25519PrivateKeyObject(privateKey))),
  verify(publicKey, message, signature) {
    if (publicKey.length !== 32 || signature.length !== 64) return false;
    try {
      const key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
      return nodeVerify(null, message, key, signature);
    } catch {
      return false;
    }
  },
};

// ---- SM3 + SM2 (Node's OpenSSL for SM3; sm-crypto-v2 for SM2, the only library here that sets the signer ID) ----

// Node's OpenSSL has SM3 unless it was built without it; sm-crypto-v2's SM3 is the fallback.
const nodeHasSm3 = getHashes().includes('sm3');
const sm3 = (data: Uint8Array): Uint8Array => (nodeHasSm3 ? u8(createHash('sm3').update(data).digest()) : fromHex(sm3Js(data)));

/** Order n of the SM2 base point (GB/T 32918.5 recommended curve). */
const SM2_N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');

const bytesToBigInt = (b: Uint8Array) => (b.length ? BigInt('0x' + toHex(b)) : 0n);

function sm2PrivateHex(privateKey: Uint8Array): string {
  const d = bytesToBigInt(privateKey);
  // 1 ≤ d ≤ n-2: GB/T 32918.1 §6.1 (d = n-1 would make (1+d) non-invertible in the signature).
  if (privateKey.length !== 32 || d < 1n || d > SM2_N - 2n) throw new RangeError('SM2 private key must be 32 bytes, 1 ≤ d ≤ n-2');
  return toHex(privateKey);
}

function sm2PublicFromPrivate(privateKey: Uint8Array): Uint8Array {
  const pub = fromHex(sm2.getPublicKeyFromPrivateKey(sm2PrivateHex(privateKey)));
  if (pub.length !== 65 || pub[0] !== 0x04) throw new Error('unexpected SM2 public key encoding');
  return pub;
}

const sm3Sm2: Suite = {
  id: 'sm3-sm2',
  hashSize: 32,
  publicKeySize: 65,
  signatureSize: 64,
  hash: sm3,
  generateKeyPair() {
    const { privateKey } = sm2.generateKeyPairHex();
    const priv = fromHex(privateKey.padStart(64, '0'));
    return { privateKey: priv, publicKey: sm2PublicFromPrivate(priv) };
  },
  publicKeyFromPrivateKey: sm2PublicFromPrivate,
  sign(privateKey, message) {
    const d = sm2PrivateHex(privateKey);
    const publicKey = toHex(sm2PublicFromPrivate(privateKey));
    // hash: true → e = SM3(Z_A ‖ M) with Z_A over the given user ID (GB/T 32918.2 §6.1 A1–A2).
    const sig = sm2.doSignature(message, d, { hash: true, publicKey, userId: SM2_DEFAULT_USER_ID, der: false });
    const raw = fromHex(sig);
    if (raw.length !== 64) throw new Error('unexpected SM2 signature length');
    return raw;
  },
  verify(publicKey, message, signature) {
    if (publicKey.length !== 65 || publicKey[0] !== 0x04 || signature.length !== 64) return false;
    // GB/T 32918.2 §7.1 B1–B2: r, s ∈ [1, n-1] (the library does not check this itself).
    const r = bytesToBigInt(signature.subarray(0, 32));
    const s = bytesToBigInt(signature.subarray(32));
    if (r < 1n || r >= SM2_N || s < 1n || s >= SM2_N) return false;
    try {
      const pubHex = toHex(publicKey);
      if (!sm2.verifyPublicKey(pubHex)) return false;
      return sm2.doVerifySignature(message, toHex(signature), pubHex, { hash: true, userId: SM2_DEFAULT_USER_ID, der: false });
    } catch {
      return false;
    }
  },
};

const SUITES: Record<SuiteId, Suite> = { 'sha256-ed25519': sha256Ed25519, 'sm3-sm2': sm3Sm2 };

export function getSuite(id: SuiteId): Suite {
  const suite = SUITES[id];
  if (!suite) throw new RangeError(`unknown ledger suite: ${String(id)}`);
  return suite;
}

// ---- SM2 signature encodings: raw r ‖ s (canonical here) ⇄ DER SEQUENCE { r INTEGER, s INTEGER } (GM/T 0009 §7.3) ----

function derInteger(v: Uint8Array): Uint8Array {
  let i = 0;
  while (i < v.length - 1 && v[i] === 0) i++;
  const body = v[i]! & 0x80 ? [0, ...v.subarray(i)] : [...v.subarray(i)];
  return Uint8Array.from([0x02, body.length, ...body]);
}

export function sm2SignatureToDer(raw: Uint8Array): Uint8Array {
  if (raw.length !== 64) throw new RangeError('raw SM2 signature must be 64 bytes');
  const body = [...derInteger(raw.subarray(0, 32)), ...derInteger(raw.subarray(32))];
  return Uint8Array.from([0x30, body.length, ...body]);
}

/** Strict DER (minimal integers, no trailing bytes) to raw r ‖ s; throws on anything else. */
export function sm2SignatureFromDer(der: Uint8Array): Uint8Array {
  const fail = () => new RangeError('malformed DER SM2 signature');
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) throw fail();
  const out = new Uint8Array(64);
  let pos = 2;
  for (const offset of [0, 32]) {
    if (der[pos] !== 0x02) throw fail();
    const len = der[pos + 1]!;
    const v = der.subarray(pos + 2, pos + 2 + len);
    if (len < 1 || v.length !== len || v[0]! & 0x80 || (len > 1 && v[0] === 0 && !(v[1]! & 0x80))) throw fail();
    const digits = v[0] === 0 && len > 1 ? v.subarray(1) : v;
    if (digits.length > 32) throw fail();
    out.set(digits, offset + 32 - digits.length);
    pos += 2 + len;
  }
  if (pos !== der.length) throw fail();
  return out;
}
