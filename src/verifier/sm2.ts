// SM2 signature verification (GB/T 32918.2-2016 §7) on the recommended curve (GB/T 32918.5-2017), self-contained:
// BigInt arithmetic in Jacobian coordinates, SM3 from Node's OpenSSL. Written for the offline verifier so that it
// trusts neither the server's code path nor its SM2 library (sm-crypto-v2). Verification only: no secrets, so
// constant-time arithmetic is not needed.
import { createHash, getHashes } from 'node:crypto';

export const SM2_DEFAULT_ID = '1234567812345678'; // GM/T 0009-2012 §10

const P = 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn;
const A = 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn;
const B = 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n;
const N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
const GX = 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n;
const GY = 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n;
export const SM2_CURVE = { p: P, a: A, b: B, n: N, gx: GX, gy: GY } as const;

export function sm3(data: Uint8Array): Uint8Array {
  if (!getHashes().includes('sm3')) throw new Error('this Node.js build has no SM3 (OpenSSL without SM3)');
  return new Uint8Array(createHash('sm3').update(data).digest());
}

const mod = (x: bigint, m = P) => {
  const r = x % m;
  return r < 0n ? r + m : r;
};
function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  for (b = mod(b, m); e > 0n; e >>= 1n, b = (b * b) % m) if (e & 1n) r = (r * b) % m;
  return r;
}
const toBig = (b: Uint8Array) => b.reduce((acc, v) => (acc << 8n) | BigInt(v), 0n);
const to32 = (v: bigint) => Uint8Array.from({ length: 32 }, (_, i) => Number((v >> BigInt(8 * (31 - i))) & 0xffn));

// Jacobian point (X, Y, Z) ~ affine (X/Z², Y/Z³); Z = 0 is the point at infinity.
type Jac = readonly [bigint, bigint, bigint];
const INFINITY: Jac = [1n, 1n, 0n];

function double([x, y, z]: Jac): Jac {
  if (z === 0n || y === 0n) return INFINITY;
  const yy = mod(y * y),
    zz = mod(z * z);
  const s = mod(4n * x * yy);
  const m = mod(3n * x * x + A * zz * zz);
  const x3 = mod(m * m - 2n * s);
  return [x3, mod(m * (s - x3) - 8n * yy * yy), mod(2n * y * z)];
}

function add(p: Jac, q: Jac): Jac {
  if (p[2] === 0n) return q;
  if (q[2] === 0n) return p;
  const [x1, y1, z1] = p,
    [x2, y2, z2] = q;
  const z1z1 = mod(z1 * z1),
    z2z2 = mod(z2 * z2);
  const u1 = mod(x1 * z2z2),
    u2 = mod(x2 * z1z1);
  const s1 = mod(y1 * z2 * z2z2),
    s2 = mod(y2 * z1 * z1z1);
  const h = mod(u2 - u1),
    r = mod(s2 - s1);
  if (h === 0n) return r === 0n ? double(p) : INFINITY;
  const hh = mod(h * h),
    hhh = mod(h * hh),
    v = mod(u1 * hh);
  const x3 = mod(r * r - hhh - 2n * v);
  return [x3, mod(r * (v - x3) - s1 * hhh), mod(h * z1 * z2)];
}

/** [k1]P1 + [k2]P2 by one shared double-and-add pass (Shamir's trick). */
function twoMultiply(k1: bigint, p1: Jac, k2: bigint, p2: Jac): Jac {
  const both = add(p1, p2);
  let acc = INFINITY;
  for (let i = 255; i >= 0; i--) {
    acc = double(acc);
    const b1 = (k1 >> BigInt(i)) & 1n,
      b2 = (k2 >> BigInt(i)) & 1n;
    if (b1 && b2) acc = add(acc, both);
    else if (b1) acc = add(acc, p1);
    else if (b2) acc = add(acc, p2);
  }
  return acc;
}

export function affine([x, y, z]: Jac): { x: bigint; y: bigint } | null {
  if (z === 0n) return null;
  const zi = modPow(z, P - 2n, P),
    zi2 = mod(zi * zi);
  return { x: mod(x * zi2), y: mod(y * zi2 * zi) };
}

/** Public key 04 ‖ X ‖ Y (65 bytes) on the curve (GB/T 32918.1 §6.2.1; cofactor 1, so on-curve suffices). */
export function parsePublicKey(pub: Uint8Array): Jac | null {
  if (pub.length !== 65 || pub[0] !== 0x04) return null;
  const x = toBig(pub.subarray(1, 33)),
    y = toBig(pub.subarray(33));
  if (x >= P || y >= P || mod(y * y) !== mod(x * x * x + A * x + B)) return null;
  return [x, y, 1n];
}

/** Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A) — GB/T 32918.2 §5.5. */
export function zA(pub: Uint8Array, id = SM2_DEFAULT_ID): Uint8Array {
  const idBytes = new TextEncoder().encode(id);
  const entl = idBytes.length * 8;
  return sm3(
    Uint8Array.from([entl >> 8, entl & 0xff, ...idBytes, ...to32(A), ...to32(B), ...to32(GX), ...to32(GY), ...pub.subarray(1, 65)]),
  );
}

/** GB/T 32918.2 §7.1 B1–B7 for a raw r ‖ s (64-byte) signature. */
export function sm2Verify(pub: Uint8Array, message: Uint8Array, signature: Uint8Array, id = SM2_DEFAULT_ID): boolean {
  const point = parsePublicKey(pub);
  if (!point || signature.length !== 64) return false;
  const r = toBig(signature.subarray(0, 32)),
    s = toBig(signature.subarray(32));
  if (r < 1n || r >= N || s < 1n || s >= N) return false; // B1, B2
  const e = toBig(sm3(Uint8Array.from([...zA(pub, id), ...message]))); // B3, B4
  const t = mod(r + s, N); // B5
  if (t === 0n) return false;
  const x1y1 = affine(twoMultiply(s, [GX, GY, 1n], t, point)); // B6
  if (!x1y1) return false;
  return mod(e + x1y1.x, N) === r; // B7
}

/** Exposed for tests: [k]G in affine coordinates. */
export const multiplyBase = (k: bigint) => affine(twoMultiply(k, [GX, GY, 1n], 0n, INFINITY));
