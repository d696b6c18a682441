// Independent Merkle verification (RFC 9162 §2.1), written from the RFC text and NOT from src/server: the inclusion
// and consistency checks are the RFC's own bit loops (§2.1.3.2, §2.1.4.2) over BigInt indices, and the root is
// recomputed level by level. Nothing here imports server code; src/verifier/verifier.test.ts checks both agree.

export type Hash = (data: Uint8Array) => Uint8Array;

function prefixed(prefix: number, ...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(1 + parts.reduce((n, p) => n + p.length, 0));
  out[0] = prefix;
  let at = 1;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** RFC 9162 §2.1.1: HASH(0x00 ‖ d). */
export const hashLeaf = (hash: Hash, entry: Uint8Array) => hash(prefixed(0x00, entry));
/** RFC 9162 §2.1.1: HASH(0x01 ‖ left ‖ right). */
export const hashChildren = (hash: Hash, left: Uint8Array, right: Uint8Array) => hash(prefixed(0x01, left, right));

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/**
 * MTH over leaf hashes, one level at a time: pair neighbours left to right; an unpaired last node moves up unchanged.
 * This builds the same tree as RFC 9162 §2.1.1's split at the largest power of two below n.
 */
export function rootFromLeafHashes(hash: Hash, leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return hash(new Uint8Array(0));
  let level = [...leafHashes];
  while (level.length > 1) {
    const up: Uint8Array[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) up.push(hashChildren(hash, level[i]!, level[i + 1]!));
    if (level.length % 2 === 1) up.push(level[level.length - 1]!);
    level = up;
  }
  return level[0]!;
}

export const rootFromEntries = (hash: Hash, entries: readonly Uint8Array[]) =>
  rootFromLeafHashes(
    hash,
    entries.map((e) => hashLeaf(hash, e)),
  );

const big = (v: number | bigint) => (typeof v === 'bigint' ? v : Number.isSafeInteger(v) ? BigInt(v) : -1n);
const odd = (x: bigint) => (x & 1n) === 1n;

/** RFC 9162 §2.1.3.2, step by step. */
export function verifyInclusion(
  hash: Hash,
  leafIndex: number | bigint,
  treeSize: number | bigint,
  leafHash: Uint8Array,
  inclusionPath: readonly Uint8Array[],
  rootHash: Uint8Array,
): boolean {
  const index = big(leafIndex),
    size = big(treeSize);
  const width = hash(new Uint8Array(0)).length;
  if (leafHash.length !== width || rootHash.length !== width || inclusionPath.some((p) => p.length !== width)) return false;
  // 1. leaf_index must be < tree_size.
  if (index < 0n || size < 0n || index >= size) return false;
  // 2. fn = leaf_index, sn = tree_size - 1.  3. r = hash.
  let fn = index,
    sn = size - 1n,
    r = leafHash;
  // 4. For each p in inclusion_path:
  for (const p of inclusionPath) {
    if (sn === 0n) return false; // a.
    if (odd(fn) || fn === sn) {
      // b.
      r = hashChildren(hash, p, r); // i.
      if (!odd(fn))
        while (!odd(fn) && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        } // ii.
    } else {
      r = hashChildren(hash, r, p);
    }
    fn >>= 1n;
    sn >>= 1n; // c.
  }
  // 5. sn must be 0 and r must equal root_hash.
  return sn === 0n && bytesEqual(r, rootHash);
}

/**
 * RFC 9162 §2.1.4.2, step by step, for 0 < first < second. Equal sizes are consistent iff the roots are equal and
 * the proof is empty; first = 0 is refused (no proof is defined for it); first > second is refused.
 */
export function verifyConsistency(
  hash: Hash,
  firstSize: number | bigint,
  secondSize: number | bigint,
  firstHash: Uint8Array,
  secondHash: Uint8Array,
  consistencyPath: readonly Uint8Array[],
): boolean {
  const first = big(firstSize),
    second = big(secondSize);
  const width = hash(new Uint8Array(0)).length;
  if (firstHash.length !== width || secondHash.length !== width || consistencyPath.some((p) => p.length !== width)) return false;
  if (first < 0n || second < 0n || first > second) return false;
  if (first === second) return consistencyPath.length === 0 && bytesEqual(firstHash, secondHash);
  if (first === 0n) return false;
  // 1. An empty path fails.
  if (consistencyPath.length === 0) return false;
  // 2. If first is an exact power of 2, prepend first_hash.
  const path = (first & (first - 1n)) === 0n ? [firstHash, ...consistencyPath] : [...consistencyPath];
  // 3. fn = first - 1, sn = second - 1.
  let fn = first - 1n,
    sn = second - 1n;
  // 4. While LSB(fn) is set, shift both right.
  while (odd(fn)) {
    fn >>= 1n;
    sn >>= 1n;
  }
  // 5. fr = sr = path[0].
  let fr = path[0]!,
    sr = path[0]!;
  // 6. For each subsequent c:
  for (const c of path.slice(1)) {
    if (sn === 0n) return false; // a.
    if (odd(fn) || fn === sn) {
      // b.
      fr = hashChildren(hash, c, fr); // i.
      sr = hashChildren(hash, c, sr); // ii.
      if (!odd(fn))
        while (!odd(fn) && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        } // iii.
    } else {
      sr = hashChildren(hash, sr, c);
    }
    fn >>= 1n;
    sn >>= 1n; // c.
  }
  // 7. fr = first_hash, sr = second_hash, sn = 0.
  return sn === 0n && bytesEqual(fr, firstHash) && bytesEqual(sr, secondHash);
}
