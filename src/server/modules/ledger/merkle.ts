// The ledger's Merkle tree: RFC 6962 §2.1 (= RFC 9162 §2.1) over a configurable hash (suite.ts). Pure; no I/O.
//
//   leaf hash   H(0x00 ‖ entry)            node hash   H(0x01 ‖ left ‖ right)          empty tree   H()
//   MTH(D[n]) = H(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n])), k the largest power of two < n
//
// Part 1 is the reference: RFC 6962's recursive definitions over an in-memory list of leaf hashes (O(n) per call).
// Part 2 verifies proofs (RFC 9162 §2.1.3.2 / §2.1.4.2, in the inner/border form of transparency-dev/merkle).
// Part 3 is what the repository uses for a large log: every perfect subtree is stored once as leaves append, and
// roots and proofs are assembled from O(log n) stored nodes (see README.md "Stored nodes").
//
// Tree sizes and indices are JS numbers (exact to 2^53). Bitwise operators truncate to 32 bits, so this file uses
// arithmetic (Math.floor(x / 2), x % 2) instead.

export type HashFn = (data: Uint8Array) => Uint8Array;

export function leafHash(h: HashFn, entry: Uint8Array): Uint8Array {
  const buf = new Uint8Array(1 + entry.length);
  buf[0] = 0x00;
  buf.set(entry, 1);
  return h(buf);
}

export function nodeHash(h: HashFn, left: Uint8Array, right: Uint8Array): Uint8Array {
  const buf = new Uint8Array(1 + left.length + right.length);
  buf[0] = 0x01;
  buf.set(left, 1);
  buf.set(right, 1 + left.length);
  return h(buf);
}

/** MTH({}) = HASH() — the root of the empty tree (RFC 6962 §2.1). */
export const emptyRoot = (h: HashFn) => h(new Uint8Array(0));

/** k: the largest power of two smaller than n, for n ≥ 2 (RFC 6962 §2.1). */
export function splitPoint(n: number): number {
  if (!(n >= 2)) throw new RangeError('splitPoint needs n ≥ 2');
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function checkSize(size: number, available = Infinity) {
  if (!Number.isSafeInteger(size) || size < 0 || size > available) throw new RangeError(`invalid tree size ${size}`);
}

// ---- Part 1: reference definitions (RFC 6962 §2.1, §2.1.1, §2.1.2) over leaf hashes ----

function mth(h: HashFn, leaves: readonly Uint8Array[], lo: number, hi: number): Uint8Array {
  if (hi - lo === 0) return emptyRoot(h);
  if (hi - lo === 1) return leaves[lo]!;
  const k = splitPoint(hi - lo);
  return nodeHash(h, mth(h, leaves, lo, lo + k), mth(h, leaves, lo + k, hi));
}

/** MTH(D[0:size]) given the leaf hashes (not the entries). */
export function rootFromLeafHashes(h: HashFn, leafHashes: readonly Uint8Array[], size = leafHashes.length): Uint8Array {
  checkSize(size, leafHashes.length);
  return mth(h, leafHashes, 0, size);
}

/** PATH(index, D[0:treeSize]) — RFC 6962 §2.1.1; the sibling of the leaf first, the root's child last. */
export function inclusionProof(h: HashFn, leafHashes: readonly Uint8Array[], index: number, treeSize: number): Uint8Array[] {
  checkSize(treeSize, leafHashes.length);
  if (!Number.isSafeInteger(index) || index < 0 || index >= treeSize) throw new RangeError(`leaf ${index} is not in a tree of ${treeSize}`);
  const path = (lo: number, hi: number): Uint8Array[] => {
    if (hi - lo === 1) return [];
    const k = splitPoint(hi - lo);
    return index < lo + k ? [...path(lo, lo + k), mth(h, leafHashes, lo + k, hi)] : [...path(lo + k, hi), mth(h, leafHashes, lo, lo + k)];
  };
  return path(0, treeSize);
}

/** PROOF(m, D[0:n]) = SUBPROOF(m, D[n], true) — RFC 6962 §2.1.2, defined for 0 < m ≤ n (m = n gives []). */
export function consistencyProof(h: HashFn, leafHashes: readonly Uint8Array[], m: number, n: number): Uint8Array[] {
  checkSize(n, leafHashes.length);
  if (!Number.isSafeInteger(m) || m < 1 || m > n) throw new RangeError(`no consistency proof from ${m} to ${n}`);
  // SUBPROOF over D[lo:hi] with m kept absolute (the RFC's m - k becomes lo + k on the right).
  const subproof = (lo: number, hi: number, b: boolean): Uint8Array[] => {
    if (m === hi) return b ? [] : [mth(h, leafHashes, lo, hi)];
    const k = splitPoint(hi - lo);
    return m <= lo + k
      ? [...subproof(lo, lo + k, b), mth(h, leafHashes, lo + k, hi)]
      : [...subproof(lo + k, hi, false), mth(h, leafHashes, lo, lo + k)];
  };
  return subproof(0, n, true);
}

// ---- Part 2: verification ----
// RFC 9162 §2.1.3.2 walks the path bit by bit; here the same walk is split as in transparency-dev/merkle proof/verify.go:
// the first `inner` hashes lie below the level where the paths to `index` and to `size - 1` meet (the side is the
// index bit), the remaining `border` hashes are left siblings on the tree's right border.

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);
const bitAt = (x: number, i: number) => Math.floor(x / 2 ** i) % 2;
const popCount = (x: number) => {
  let c = 0;
  for (; x > 0; x = Math.floor(x / 2)) c += x % 2;
  return c;
};
const trailingZeros = (x: number) => {
  let c = 0;
  for (; x > 0 && x % 2 === 0; x /= 2) c++;
  return c;
};
/** Number of levels below the meeting point of the paths to leaves a and b: bit length of a XOR b. */
const innerSize = (a: number, b: number) => {
  let c = 0;
  for (; a !== b; c++) {
    a = Math.floor(a / 2);
    b = Math.floor(b / 2);
  }
  return c;
};

function chainInner(h: HashFn, seed: Uint8Array, proof: readonly Uint8Array[], index: number): Uint8Array {
  return proof.reduce((acc, p, i) => (bitAt(index, i) === 0 ? nodeHash(h, acc, p) : nodeHash(h, p, acc)), seed);
}
/** Like chainInner, but only the left siblings: recomputes the smaller tree's root in a consistency proof. */
function chainInnerRight(h: HashFn, seed: Uint8Array, proof: readonly Uint8Array[], index: number): Uint8Array {
  return proof.reduce((acc, p, i) => (bitAt(index, i) === 1 ? nodeHash(h, p, acc) : acc), seed);
}
const chainBorderRight = (h: HashFn, seed: Uint8Array, proof: readonly Uint8Array[]) => proof.reduce((acc, p) => nodeHash(h, p, acc), seed);

const validSize = (x: number) => Number.isSafeInteger(x) && x >= 0;

/** RFC 9162 §2.1.3.2: true iff `proof` proves the leaf hash is at `index` in the tree of `treeSize` with `root`. */
export function verifyInclusion(
  h: HashFn,
  leaf: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!validSize(index) || !validSize(treeSize) || index >= treeSize) return false;
  const size = emptyRoot(h).length;
  if (leaf.length !== size || root.length !== size || proof.some((p) => p.length !== size)) return false;
  const inner = innerSize(index, treeSize - 1);
  const border = popCount(Math.floor(index / 2 ** inner));
  if (proof.length !== inner + border) return false;
  const computed = chainBorderRight(h, chainInner(h, leaf, proof.slice(0, inner), index), proof.slice(inner));
  return sameBytes(computed, root);
}

/**
 * RFC 9162 §2.1.4.2: true iff `proof` shows the tree of size m with rootM is a prefix of the tree of size n with rootN.
 * m = n needs an empty proof and equal roots. m = 0 < n is refused: RFC 6962 §2.1.2 defines proofs only for 0 < m
 * (a client without an earlier tree head has nothing to check). m > n is refused.
 */
export function verifyConsistency(
  h: HashFn,
  m: number,
  n: number,
  rootM: Uint8Array,
  rootN: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!validSize(m) || !validSize(n) || m > n) return false;
  const size = emptyRoot(h).length;
  if (rootM.length !== size || rootN.length !== size || proof.some((p) => p.length !== size)) return false;
  if (m === n) return proof.length === 0 && sameBytes(rootM, rootN);
  if (m === 0 || proof.length === 0) return false;
  // The proof is, after an optional first hash, the upper part of the inclusion proof of leaf m-1 in tree n,
  // starting at level `shift` (the largest perfect subtree ending at m).
  const shift = trailingZeros(m);
  const fullInner = innerSize(m - 1, n - 1);
  const inner = fullInner - shift;
  const border = popCount(Math.floor((m - 1) / 2 ** fullInner));
  const mIsPerfect = m === 2 ** shift;
  const seed = mIsPerfect ? rootM : proof[0]!;
  const rest = mIsPerfect ? proof : proof.slice(1);
  if (rest.length !== inner + border) return false;
  const mask = Math.floor((m - 1) / 2 ** shift);
  const innerPart = rest.slice(0, inner);
  const borderPart = rest.slice(inner);
  return (
    sameBytes(chainBorderRight(h, chainInnerRight(h, seed, innerPart, mask), borderPart), rootM) &&
    sameBytes(chainBorderRight(h, chainInner(h, seed, innerPart, mask), borderPart), rootN)
  );
}

// ---- Part 3: stored nodes ----
// Node (level, index) is the perfect subtree over leaves [index·2^level, (index+1)·2^level); level 0 is the leaf hash.
// A node is written once, when its last leaf is appended, and never changes (append-only, like C2SP tlog-tiles).
// Every root and proof element is the hash of a range [a, b) that RFC 6962 splits into perfect subtrees of strictly
// decreasing size, so it is the right fold of O(log n) stored nodes.

export interface NodeId {
  level: number;
  index: number;
}
export interface StoredNode extends NodeId {
  hash: Uint8Array;
}
/** Returns the stored hashes for `ids`, in the same order; must throw if any is missing. */
export type NodeFetcher = (ids: readonly NodeId[]) => Promise<readonly Uint8Array[]> | readonly Uint8Array[];
export const nodeKey = (id: NodeId) => `${id.level}/${id.index}`;

/** The perfect subtrees that make up [start, end), left to right; throws unless their sizes strictly decrease. */
export function rangeNodes(start: number, end: number): NodeId[] {
  const ids: NodeId[] = [];
  let lastSize = Infinity;
  while (start < end) {
    let size = 1,
      level = 0;
    while (start % (size * 2) === 0 && start + size * 2 <= end) {
      size *= 2;
      level++;
    }
    if (size >= lastSize) throw new RangeError(`[${start}, ${end}) is not a range of an RFC 6962 tree`);
    ids.push({ level, index: start / size });
    start += size;
    lastSize = size;
  }
  return ids;
}

/** MTH of a range from its perfect subtrees: H(n0, H(n1, … H(n_{k-1}, n_k))). */
function foldRange(h: HashFn, hashes: readonly Uint8Array[]): Uint8Array {
  let acc = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i--) acc = nodeHash(h, hashes[i]!, acc);
  return acc;
}

/** The nodes whose hashes give the root of the tree of `size` leaves (its compact range; size 0: none). */
export function rootPlan(size: number): NodeId[] {
  checkSize(size);
  return rangeNodes(0, size);
}

/** The same walk as PATH (Part 1) producing, per proof element, the stored nodes to fold. */
export function inclusionPlan(index: number, size: number): NodeId[][] {
  checkSize(size);
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  const topDown: NodeId[][] = [];
  for (let lo = 0, hi = size; hi - lo > 1;) {
    const k = splitPoint(hi - lo);
    if (index < lo + k) {
      topDown.push(rangeNodes(lo + k, hi));
      hi = lo + k;
    } else {
      topDown.push(rangeNodes(lo, lo + k));
      lo += k;
    }
  }
  return topDown.reverse();
}

/** The same walk as SUBPROOF (Part 1) producing, per proof element, the stored nodes to fold. */
export function consistencyPlan(m: number, n: number): NodeId[][] {
  checkSize(n);
  if (!Number.isSafeInteger(m) || m < 1 || m > n) throw new RangeError(`no consistency proof from ${m} to ${n}`);
  const topDown: NodeId[][] = [];
  let lo = 0,
    hi = n,
    b = true;
  while (m !== hi) {
    const k = splitPoint(hi - lo);
    if (m <= lo + k) {
      topDown.push(rangeNodes(lo + k, hi));
      hi = lo + k;
    } else {
      topDown.push(rangeNodes(lo, lo + k));
      lo += k;
      b = false;
    }
  }
  if (!b) topDown.push(rangeNodes(lo, hi));
  return topDown.reverse();
}

/** Distinct node IDs of a plan, for one batched read. */
export function planNodeIds(plan: readonly (readonly NodeId[])[]): NodeId[] {
  const seen = new Map<string, NodeId>();
  for (const id of plan.flat()) seen.set(nodeKey(id), id);
  return [...seen.values()];
}

async function fetchPlan(h: HashFn, fetch: NodeFetcher, plan: readonly (readonly NodeId[])[]): Promise<Uint8Array[]> {
  const ids = planNodeIds(plan);
  const hashes = await fetch(ids);
  if (hashes.length !== ids.length) throw new Error('node fetcher returned the wrong number of hashes');
  const byKey = new Map(ids.map((id, i) => [nodeKey(id), hashes[i]!]));
  return plan.map((ranges) =>
    foldRange(
      h,
      ranges.map((id) => byKey.get(nodeKey(id))!),
    ),
  );
}

export async function rootFromStore(h: HashFn, fetch: NodeFetcher, size: number): Promise<Uint8Array> {
  return size === 0 ? emptyRoot(h) : (await fetchPlan(h, fetch, [rootPlan(size)]))[0]!;
}
export const inclusionProofFromStore = (h: HashFn, fetch: NodeFetcher, index: number, size: number) =>
  fetchPlan(h, fetch, inclusionPlan(index, size));
export const consistencyProofFromStore = (h: HashFn, fetch: NodeFetcher, m: number, n: number) =>
  fetchPlan(h, fetch, consistencyPlan(m, n));

export interface AppendResult {
  size: number;
  root: Uint8Array;
  /** Every node completed by the new leaves (their level-0 leaf hashes included), to insert; none is ever updated. */
  nodes: StoredNode[];
  /** Hashes of rootPlan(size) for the next append. */
  frontier: Uint8Array[];
}

/**
 * Appends leaf hashes to a tree of `size` leaves whose compact range is `frontier` (the hashes of rootPlan(size), as
 * read from the store). Returns the nodes to store and the new root: O(k + log n) hashing for k leaves.
 */
export function appendLeaves(h: HashFn, size: number, frontier: readonly Uint8Array[], newLeafHashes: readonly Uint8Array[]): AppendResult {
  const ids = rootPlan(size);
  if (frontier.length !== ids.length)
    throw new RangeError(`a tree of ${size} leaves has ${ids.length} frontier nodes, not ${frontier.length}`);
  const stack: StoredNode[] = ids.map((id, i) => ({ ...id, hash: frontier[i]! }));
  const nodes: StoredNode[] = [];
  let next = size;
  for (const lh of newLeafHashes) {
    let node: StoredNode = { level: 0, index: next++, hash: lh };
    nodes.push(node);
    // Two equal-level nodes on top are siblings: merge them (the left one is always the stack's previous entry).
    while (stack.length > 0 && stack[stack.length - 1]!.level === node.level) {
      const left = stack.pop()!;
      node = { level: node.level + 1, index: left.index / 2, hash: nodeHash(h, left.hash, node.hash) };
      nodes.push(node);
    }
    stack.push(node);
  }
  const hashes = stack.map((n) => n.hash);
  return { size: next, root: next === 0 ? emptyRoot(h) : foldRange(h, hashes), nodes, frontier: hashes };
}
