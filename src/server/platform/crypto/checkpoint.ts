// Signed tree heads as C2SP checkpoints (c2sp.org/tlog-checkpoint) inside C2SP signed notes (c2sp.org/signed-note),
// the text format Go's golang.org/x/mod/sumdb/note, transparency-dev witnesses and sigsum read. Pure; no I/O.
//
//   <origin>\n<tree size, decimal>\n<base64 root hash>\n      ← checkpoint body = note text (what is signed)
//   \n                                                       ← blank line
//   — <key name> <base64(4-byte key ID ‖ signature)>\n        ← one line per signature (em dash U+2014, space)
//
// Key ID = SHA-256(key name ‖ 0x0A ‖ signature type ‖ public key)[:4], big-endian (signed-note §Signatures), with
//   sha256-ed25519: type 0x01, the 32-byte RFC 8032 key (the registered Ed25519 type; byte-compatible with Go);
//   sm3-sm2:        type 0xFF ‖ "sanxiang/sm2-sm3" (0xFF is the spec's byte for unregistered algorithms, followed by
//                   an identifier unlikely to collide), the 65-byte key 04 ‖ X ‖ Y; the signature is the 64-byte
//                   raw r ‖ s SM2 signature (ID 1234567812345678) over the note text, see suite.ts.
// The key ID hash is SHA-256 in both suites: it is an identifier defined by the note spec, not a security function.
//
// Key strings (Go sumdb/note conventions, so Ed25519 keys work with Go tooling unchanged):
//   verifier key  <name>+<8 hex key ID>+<base64(type ‖ public key)>           (publish this)
//   signer key    PRIVATE+KEY+<name>+<8 hex key ID>+<base64(type ‖ private key)>  (keep in configuration)
import { createHash } from 'node:crypto';
import { getSuite, type SuiteId } from './suite.ts';

export type NoteErrorCode =
  'MALFORMED_NOTE' | 'MALFORMED_CHECKPOINT' | 'MALFORMED_KEY' | 'UNVERIFIED_NOTE' | 'INVALID_SIGNATURE' | 'AMBIGUOUS_KEY';
export class NoteError extends Error {
  constructor(
    readonly code: NoteErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'NoteError';
  }
}

const enc = new TextEncoder();
const SIG_PREFIX = '\u2014 '; // em dash, space
/** Go's sumdb/note limit; the spec requires accepting at least 16. */
export const MAX_NOTE_SIGNATURES = 100;

/** Signature type bytes per suite (see header). */
export const NOTE_SIGNATURE_TYPE: Record<SuiteId, Uint8Array> = {
  'sha256-ed25519': Uint8Array.of(0x01),
  'sm3-sm2': Uint8Array.of(0xff, ...enc.encode('sanxiang/sm2-sm3')),
};

// ---- base64 (RFC 4648 §4, padded, canonical: re-encoding gives the same text) ----
const B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
export const toBase64 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
export function fromBase64Strict(s: string): Uint8Array | null {
  if (!B64.test(s)) return null;
  const b = Buffer.from(s, 'base64');
  return b.toString('base64') === s ? new Uint8Array(b) : null;
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_NL = /[\u0000-\u0009\u000B-\u001F]/;

/** signed-note §Format: key names are non-empty, without Unicode spaces or '+'. */
export const isValidKeyName = (name: string) =>
  name.length > 0 && !/[\s+]/u.test(name) && !CONTROL_EXCEPT_NL.test(name) && !name.includes('\n') && !LONE_SURROGATE.test(name);

// ---- keys ----

export function noteKeyId(keyName: string, suiteId: SuiteId, publicKey: Uint8Array): number {
  const digest = createHash('sha256')
    .update(concat(enc.encode(keyName), Uint8Array.of(0x0a), NOTE_SIGNATURE_TYPE[suiteId], publicKey))
    .digest();
  return digest.readUInt32BE(0);
}
const hex8 = (id: number) => id.toString(16).padStart(8, '0');

export interface NoteVerifierKey {
  keyName: string;
  keyId: number;
  suiteId: SuiteId;
  publicKey: Uint8Array;
}
export interface NoteSignerKey extends NoteVerifierKey {
  privateKey: Uint8Array;
}

function checkKey(keyName: string, suiteId: SuiteId, publicKey: Uint8Array) {
  if (!isValidKeyName(keyName)) throw new NoteError('MALFORMED_KEY', `invalid key name: ${JSON.stringify(keyName)}`);
  if (publicKey.length !== getSuite(suiteId).publicKeySize) throw new NoteError('MALFORMED_KEY', `wrong public key length for ${suiteId}`);
}

export function verifierKey(keyName: string, suiteId: SuiteId, publicKey: Uint8Array): NoteVerifierKey {
  checkKey(keyName, suiteId, publicKey);
  return { keyName, keyId: noteKeyId(keyName, suiteId, publicKey), suiteId, publicKey };
}

export function signerKey(keyName: string, suiteId: SuiteId, privateKey: Uint8Array): NoteSignerKey {
  return { ...verifierKey(keyName, suiteId, getSuite(suiteId).publicKeyFromPrivateKey(privateKey)), privateKey };
}

export const formatVerifierKey = (k: NoteVerifierKey) =>
  `${k.keyName}+${hex8(k.keyId)}+${toBase64(concat(NOTE_SIGNATURE_TYPE[k.suiteId], k.publicKey))}`;
export const formatSignerKey = (k: NoteSignerKey) =>
  `PRIVATE+KEY+${k.keyName}+${hex8(k.keyId)}+${toBase64(concat(NOTE_SIGNATURE_TYPE[k.suiteId], k.privateKey))}`;

/** Splits `name+hex8+base64(type ‖ key)` and identifies the suite by its type bytes. */
function parseKeyString(s: string): { keyName: string; keyId: number; suiteId: SuiteId; key: Uint8Array } {
  const bad = () => new NoteError('MALFORMED_KEY', 'malformed note key');
  const a = s.indexOf('+');
  const b = s.indexOf('+', a + 1);
  if (a < 0 || b < 0) throw bad();
  const [keyName, idHex, b64] = [s.slice(0, a), s.slice(a + 1, b), s.slice(b + 1)];
  const typed = fromBase64Strict(b64);
  if (!isValidKeyName(keyName) || !/^[0-9a-fA-F]{8}$/.test(idHex) || !typed) throw bad();
  for (const [suiteId, type] of Object.entries(NOTE_SIGNATURE_TYPE) as [SuiteId, Uint8Array][]) {
    if (typed.length > type.length && type.every((v, i) => typed[i] === v)) {
      return { keyName, keyId: parseInt(idHex, 16), suiteId, key: typed.slice(type.length) };
    }
  }
  throw new NoteError('MALFORMED_KEY', 'unknown note signature type');
}

export function parseVerifierKey(vkey: string): NoteVerifierKey {
  const { keyName, keyId, suiteId, key } = parseKeyString(vkey);
  const k = verifierKey(keyName, suiteId, key);
  if (k.keyId !== keyId) throw new NoteError('MALFORMED_KEY', 'key ID does not match the key');
  return k;
}

export function parseSignerKey(skey: string): NoteSignerKey {
  if (!skey.startsWith('PRIVATE+KEY+')) throw new NoteError('MALFORMED_KEY', 'malformed signer key');
  const { keyName, keyId, suiteId, key } = parseKeyString(skey.slice('PRIVATE+KEY+'.length));
  let k: NoteSignerKey;
  try {
    k = signerKey(keyName, suiteId, key);
  } catch (e) {
    throw e instanceof NoteError ? e : new NoteError('MALFORMED_KEY', 'invalid private key');
  }
  if (k.keyId !== keyId) throw new NoteError('MALFORMED_KEY', 'key ID does not match the key');
  return k;
}

// ---- notes ----

export interface NoteSignature {
  keyName: string;
  keyId: number;
  signature: Uint8Array;
}

function checkText(text: string, code: NoteErrorCode = 'MALFORMED_NOTE') {
  if (!text.endsWith('\n') || CONTROL_EXCEPT_NL.test(text) || LONE_SURROGATE.test(text)) {
    throw new NoteError(code, 'note text must be UTF-8 ending in a newline, without control characters');
  }
}

export const formatSignatureLine = (s: NoteSignature) =>
  `${SIG_PREFIX}${s.keyName} ${toBase64(concat(Uint8Array.of(s.keyId >>> 24, s.keyId >>> 16, s.keyId >>> 8, s.keyId), s.signature))}\n`;

/** Signs `text` with each signer; `keep` are existing signatures by other keys (e.g. witness cosignatures). */
export function signNote(text: string, signers: NoteSignerKey[], keep: NoteSignature[] = []): string {
  checkText(text);
  const bytes = enc.encode(text);
  const fresh = signers.map((k) => ({ keyName: k.keyName, keyId: k.keyId, signature: getSuite(k.suiteId).sign(k.privateKey, bytes) }));
  const sigs = [...keep.filter((s) => !fresh.some((f) => f.keyName === s.keyName && f.keyId === s.keyId)), ...fresh];
  if (sigs.length === 0 || sigs.length > MAX_NOTE_SIGNATURES) throw new NoteError('MALFORMED_NOTE', 'a note needs 1 to 100 signatures');
  for (const s of sigs) if (!isValidKeyName(s.keyName)) throw new NoteError('MALFORMED_NOTE', 'invalid key name');
  return `${text}\n${sigs.map(formatSignatureLine).join('')}`;
}

/** Splits a note into text and signature lines; checks syntax only (signed-note §Format). */
export function parseNote(note: string | Uint8Array): { text: string; signatures: NoteSignature[] } {
  const bad = (why: string) => new NoteError('MALFORMED_NOTE', `malformed note: ${why}`);
  let s: string;
  try {
    s = typeof note === 'string' ? note : new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(note);
  } catch {
    throw bad('not UTF-8');
  }
  if (CONTROL_EXCEPT_NL.test(s) || LONE_SURROGATE.test(s)) throw bad('control character');
  if (!s.endsWith('\n')) throw bad('no final newline');
  const split = s.lastIndexOf('\n\n');
  if (split < 0) throw bad('no blank line before the signatures');
  const text = s.slice(0, split + 1);
  const lines = s.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) throw bad('too many signatures');
  const signatures = lines.map((line) => {
    if (!line.startsWith(SIG_PREFIX)) throw bad('signature line must start with "— "');
    const rest = line.slice(SIG_PREFIX.length);
    const sp = rest.indexOf(' ');
    const keyName = rest.slice(0, sp);
    const raw = sp > 0 ? fromBase64Strict(rest.slice(sp + 1)) : null;
    if (!raw || raw.length < 5 || !isValidKeyName(keyName)) throw bad('bad signature line');
    return { keyName, keyId: Buffer.from(raw).readUInt32BE(0), signature: raw.slice(4) };
  });
  return { text, signatures };
}

/**
 * Verifies a note against trusted keys (signed-note §Signatures): signatures by unknown keys are ignored; a
 * signature by a known key (same name and ID) must verify, otherwise the whole note is rejected; at least one must.
 */
export function openNote(
  note: string | Uint8Array,
  trusted: NoteVerifierKey[],
): { text: string; verified: NoteSignature[]; unverified: NoteSignature[] } {
  const { text, signatures } = parseNote(note);
  const bytes = enc.encode(text);
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  for (const sig of signatures) {
    const keys = trusted.filter((k) => k.keyName === sig.keyName && k.keyId === sig.keyId);
    const distinct = new Set(keys.map((k) => `${k.suiteId}:${toBase64(k.publicKey)}`));
    if (distinct.size > 1) throw new NoteError('AMBIGUOUS_KEY', `ambiguous key ${sig.keyName}+${hex8(sig.keyId)}`);
    const key = keys[0];
    const seen = (list: NoteSignature[]) =>
      list.some((s) => s.keyName === sig.keyName && s.keyId === sig.keyId && toBase64(s.signature) === toBase64(sig.signature));
    if (!key) {
      if (!seen(unverified)) unverified.push(sig);
      continue;
    }
    if (!getSuite(key.suiteId).verify(key.publicKey, bytes, sig.signature)) {
      throw new NoteError('INVALID_SIGNATURE', `invalid signature for key ${sig.keyName}+${hex8(sig.keyId)}`);
    }
    if (!verified.some((s) => s.keyName === sig.keyName && s.keyId === sig.keyId)) verified.push(sig);
  }
  if (verified.length === 0) throw new NoteError('UNVERIFIED_NOTE', 'note has no verifiable signatures');
  return { text, verified, unverified };
}

// ---- checkpoints ----

export interface Checkpoint {
  /** The log's origin line, e.g. "ledger.sanxiang.example/150525"; also the signing key's name. */
  origin: string;
  size: number;
  rootHash: Uint8Array;
  /** Optional extension lines (NOT RECOMMENDED by the spec; Sanxiang writes none). */
  extensions?: string[];
}

/** The checkpoint body: origin, decimal size, base64 root, each followed by "\n" (tlog-checkpoint §Note text). */
export function formatCheckpoint(cp: Checkpoint): string {
  const lines = [cp.origin, String(cp.size), toBase64(cp.rootHash), ...(cp.extensions ?? [])];
  if (!Number.isSafeInteger(cp.size) || cp.size < 0)
    throw new NoteError('MALFORMED_CHECKPOINT', 'tree size must be a non-negative integer');
  if (cp.rootHash.length === 0 || lines.some((l) => l.length === 0 || l.includes('\n'))) {
    throw new NoteError('MALFORMED_CHECKPOINT', 'checkpoint lines must be non-empty single lines');
  }
  const body = lines.join('\n') + '\n';
  checkText(body, 'MALFORMED_CHECKPOINT');
  return body;
}

export function parseCheckpoint(text: string, hashSize = 32): Checkpoint {
  const bad = (why: string) => new NoteError('MALFORMED_CHECKPOINT', `malformed checkpoint: ${why}`);
  if (!text.endsWith('\n')) throw bad('no final newline');
  const [origin, size, root, ...extensions] = text.slice(0, -1).split('\n');
  if (!origin || size === undefined || root === undefined) throw bad('fewer than three lines');
  if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size))) throw bad('tree size');
  const rootHash = fromBase64Strict(root);
  if (!rootHash || rootHash.length !== hashSize) throw bad('root hash');
  if (extensions.some((l) => l.length === 0)) throw bad('empty extension line');
  return { origin, size: Number(size), rootHash, extensions };
}

export const signCheckpoint = (cp: Checkpoint, signers: NoteSignerKey[], keep: NoteSignature[] = []) =>
  signNote(formatCheckpoint(cp), signers, keep);

/** Verifies the note and parses its body; rejects it when the origin is not the expected log. */
export function openCheckpoint(note: string | Uint8Array, trusted: NoteVerifierKey[], expectedOrigin?: string) {
  const { text, verified, unverified } = openNote(note, trusted);
  const checkpoint = parseCheckpoint(text);
  if (expectedOrigin !== undefined && checkpoint.origin !== expectedOrigin) {
    throw new NoteError('MALFORMED_CHECKPOINT', `checkpoint is for log ${checkpoint.origin}, not ${expectedOrigin}`);
  }
  return { checkpoint, verified, unverified };
}
