// Independent reading of signed tree heads: C2SP signed notes (c2sp.org/signed-note) carrying C2SP checkpoints
// (c2sp.org/tlog-checkpoint), verified against keys the user trusts — given as verifier-key strings
// `<name>+<8 hex key ID>+<base64(signature type ‖ public key)>`. The signature type fixes the whole suite:
//   0x01                         → sha256-ed25519 (SHA-256 tree, Ed25519 RFC 8032, 32-byte key)
//   0xFF ‖ "sanxiang/sm2-sm3"    → sm3-sm2 (SM3 tree, SM2 with ID 1234567812345678, 65-byte key 04‖X‖Y, sig r‖s)
// Key ID = SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4]. Only Node's crypto and ./sm2.ts are used.
import { createHash, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { bytesEqual, type Hash } from './rfc9162.ts';
import { sm2Verify, sm3 } from './sm2.ts';

export type SuiteName = 'sha256-ed25519' | 'sm3-sm2';

export class VerifyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VerifyError';
  }
}

const sha256: Hash = (d) => new Uint8Array(createHash('sha256').update(d).digest());

function ed25519Verify(pub: Uint8Array, msg: Uint8Array, sig: Uint8Array): boolean {
  if (pub.length !== 32 || sig.length !== 64) return false;
  try {
    // SPKI wrapping of a raw key: RFC 8410 §4.
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), pub]);
    return nodeVerify(null, msg, createPublicKey({ key: spki, format: 'der', type: 'spki' }), sig);
  } catch {
    return false;
  }
}

interface Algorithm {
  suite: SuiteName;
  type: Uint8Array;
  keyLength: number;
  hash: Hash;
  verify: typeof ed25519Verify;
}
const ALGORITHMS: Algorithm[] = [
  { suite: 'sha256-ed25519', type: Uint8Array.of(0x01), keyLength: 32, hash: sha256, verify: ed25519Verify },
  {
    suite: 'sm3-sm2',
    type: Uint8Array.of(0xff, ...new TextEncoder().encode('sanxiang/sm2-sm3')),
    keyLength: 65,
    hash: sm3,
    verify: (p, m, s) => sm2Verify(p, m, s),
  },
];
const algorithmOf = (suite: SuiteName) => ALGORITHMS.find((a) => a.suite === suite)!;
export const hashOf = (suite: SuiteName): Hash => algorithmOf(suite).hash;

function decodeBase64(s: string): Uint8Array | null {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s)) return null;
  const bytes = Buffer.from(s, 'base64');
  return bytes.toString('base64') === s ? new Uint8Array(bytes) : null;
}
export { decodeBase64 };

const validName = (name: string) => /^[^\s+]+$/u.test(name);

export interface TrustedKey {
  name: string;
  id: number;
  suite: SuiteName;
  publicKey: Uint8Array;
}

function keyIdOf(name: string, type: Uint8Array, publicKey: Uint8Array): number {
  const digest = sha256(Uint8Array.from([...new TextEncoder().encode(name), 0x0a, ...type, ...publicKey]));
  return ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0;
}

export function parseVerifierKey(vkey: string): TrustedKey {
  const m = /^([^+]+)\+([0-9a-fA-F]{8})\+(.+)$/s.exec(vkey.trim());
  const typed = m ? decodeBase64(m[3]!) : null;
  if (!m || !typed || !validName(m[1]!)) throw new VerifyError(`not a verifier key: ${vkey}`);
  const algorithm = ALGORITHMS.find((a) => typed.length === a.type.length + a.keyLength && a.type.every((b, i) => typed[i] === b));
  if (!algorithm) throw new VerifyError('unknown signature type or key length in verifier key');
  const publicKey = typed.slice(algorithm.type.length);
  const id = keyIdOf(m[1]!, algorithm.type, publicKey);
  if (id !== parseInt(m[2]!, 16)) throw new VerifyError('verifier key: key ID does not match the key');
  return { name: m[1]!, id, suite: algorithm.suite, publicKey };
}

export interface VerifiedCheckpoint {
  origin: string;
  size: bigint;
  rootHash: Uint8Array;
  suite: SuiteName;
  hash: Hash;
  /** Trusted keys whose signatures verified. */
  signers: TrustedKey[];
  /** The signed text (checkpoint body). */
  body: string;
}

/**
 * Verifies a signed checkpoint: signatures by keys not in `trusted` are ignored, a signature by a trusted key that
 * fails rejects the note, and at least one trusted signature is required. Then the body is parsed strictly.
 */
export function verifyCheckpoint(note: string, trusted: readonly TrustedKey[]): VerifiedCheckpoint {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note)) throw new VerifyError('signed note contains control characters');
  const cut = note.lastIndexOf('\n\n');
  if (!note.endsWith('\n') || cut < 0) throw new VerifyError('not a signed note (no blank line before signatures)');
  const body = note.slice(0, cut + 1);
  const lines = note
    .slice(cut + 2)
    .split('\n')
    .slice(0, -1);
  if (lines.length === 0 || lines.length > 100) throw new VerifyError('signed note must carry 1 to 100 signatures');
  const message = new TextEncoder().encode(body);
  const signers: TrustedKey[] = [];
  for (const line of lines) {
    const m = /^\u2014 ([^\s+]+) (\S+)$/u.exec(line);
    const blob = m ? decodeBase64(m[2]!) : null;
    if (!m || !blob || blob.length < 5) throw new VerifyError(`malformed signature line: ${line}`);
    const id = ((blob[0]! << 24) | (blob[1]! << 16) | (blob[2]! << 8) | blob[3]!) >>> 0;
    for (const key of trusted.filter((k) => k.name === m[1] && k.id === id)) {
      if (!algorithmOf(key.suite).verify(key.publicKey, message, blob.subarray(4))) {
        throw new VerifyError(`signature by ${key.name} does not verify: the tree head was altered or forged`);
      }
      if (!signers.includes(key)) signers.push(key);
    }
  }
  if (signers.length === 0) throw new VerifyError('no signature by a trusted key');
  const suites = new Set(signers.map((k) => k.suite));
  if (suites.size > 1) throw new VerifyError('trusted keys of different suites signed the same checkpoint');
  const suite = signers[0]!.suite;
  const hash = hashOf(suite);

  const [origin, sizeText, rootText, ...extensions] = body.slice(0, -1).split('\n');
  const rootHash = rootText === undefined ? null : decodeBase64(rootText);
  if (!origin || !sizeText || !/^(0|[1-9][0-9]*)$/.test(sizeText)) throw new VerifyError('checkpoint: bad origin or tree size');
  if (!rootHash || rootHash.length !== hash(new Uint8Array()).length) throw new VerifyError('checkpoint: bad root hash');
  if (extensions.some((l) => l === '')) throw new VerifyError('checkpoint: empty extension line');
  return { origin, size: BigInt(sizeText), rootHash, suite, hash, signers, body };
}

/** True when two verified checkpoints state the same tree (used to spot a log showing different views). */
export const sameTreeHead = (a: VerifiedCheckpoint, b: VerifiedCheckpoint) =>
  a.origin === b.origin && a.size === b.size && bytesEqual(a.rootHash, b.rootHash);
