import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getSuite } from '../../platform/crypto/suite.ts';
import {
  appendLeaves,
  consistencyPlan,
  consistencyProof,
  consistencyProofFromStore,
  emptyRoot,
  inclusionPlan,
  inclusionProof,
  inclusionProofFromStore,
  leafHash,
  nodeHash,
  nodeKey,
  planNodeIds,
  rangeNodes,
  rootFromLeafHashes,
  rootFromStore,
  rootPlan,
  splitPoint,
  verifyConsistency,
  verifyInclusion,
  type HashFn,
  type NodeFetcher,
  type NodeId,
  type StoredNode,
} from './merkle.ts';

const sha256: HashFn = getSuite('sha256-ed25519').hash;
const sm3: HashFn = getSuite('sm3-sm2').hash;
const hex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const hexes = (bs: readonly Uint8Array[]) => bs.map(toHex);

// transparency-dev/merkle testonly/constants.go: LeafInputs, RootHashes (sizes 0-8), NodeHashes, CompactTrees.
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(hex);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const NODE_HASHES = [
  [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
    '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
    '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
  ],
  [
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  ],
  ['d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'],
  ['5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'],
];
// proof/verify_test.go inclusionProofs (leaf given 1-based there) and testonly/reference_test.go TestRefInclusionProof.
const INCLUSION: [index: number, size: number, proof: string[]][] = [
  [0, 1, []],
  [0, 2, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7']],
  [1, 2, ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d']],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    1,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];
// proof/verify_test.go consistencyProofs.
const CONSISTENCY: [m: number, n: number, proof: string[]][] = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [
    2,
    5,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [
    6,
    7,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];
const SOME_HASH = hex('abacaba000000000000000000000000000000000000000000060061e00123456');
const LH = LEAVES.map((e) => leafHash(sha256, e));

test('RFC 6962 hashing: leaf hashes and roots for sizes 0-8 (transparency-dev vectors)', () => {
  assert.deepEqual(hexes(LH), NODE_HASHES[0]);
  for (let n = 0; n <= 8; n++) assert.equal(toHex(rootFromLeafHashes(sha256, LH, n)), ROOTS[n], `size ${n}`);
  assert.equal(toHex(emptyRoot(sha256)), ROOTS[0]);
  assert.equal(toHex(nodeHash(sha256, LH[0]!, LH[1]!)), NODE_HASHES[1]![0]);
  assert.deepEqual([2, 3, 4, 5, 7, 8, 63, 28937].map(splitPoint), [1, 2, 2, 4, 4, 4, 32, 16384]);
  assert.throws(() => rootFromLeafHashes(sha256, LH, 9), RangeError);
});

/** transparency-dev proof/verify_test.go corruptInclusionProof: every probe must fail. */
function corruptInclusion(index: number, size: number, proof: Uint8Array[], root: Uint8Array, leaf: Uint8Array) {
  const probes: [string, number, number, Uint8Array[], Uint8Array, Uint8Array][] = [
    ['index - 1', index - 1, size, proof, root, leaf],
    ['index + 1', index + 1, size, proof, root, leaf],
    ['index ^ 2', index ^ 2, size, proof, root, leaf],
    ['size * 2', index, size * 2, proof, root, leaf],
    ['size / 2', index, Math.floor(size / 2), proof, root, leaf],
    ['wrong leaf', index, size, proof, root, new TextEncoder().encode('WrongLeaf')],
    ['empty root', index, size, proof, hex(ROOTS[0]!), leaf],
    ['random root', index, size, proof, SOME_HASH, leaf],
    ['trailing garbage', index, size, [...proof, new Uint8Array()], root, leaf],
    ['trailing root', index, size, [...proof, root], root, leaf],
    ['preceding garbage', index, size, [new Uint8Array(), ...proof], root, leaf],
    ['preceding root', index, size, [root, ...proof], root, leaf],
  ];
  proof.forEach((_, i) => {
    const wrong = proof.map((p) => p.slice());
    wrong[i]![0]! ^= 8;
    probes.push([`modified proof[${i}] bit 3`, index, size, wrong, root, leaf]);
  });
  if (proof.length > 0) probes.push(['removed component', index, size, proof.slice(0, -1), root, leaf]);
  if (proof.length > 1) probes.push(['inserted component', index, size, [proof[0]!, SOME_HASH, ...proof.slice(1)], root, leaf]);
  if (proof.length > 1) probes.push(['swapped nodes', index, size, [proof[1]!, proof[0]!, ...proof.slice(2)], root, leaf]);
  return probes;
}

test('inclusion proofs: transparency-dev vectors generate, verify, and every corruption fails', () => {
  for (const [index, size, want] of INCLUSION) {
    const proof = inclusionProof(sha256, LH, index, size);
    assert.deepEqual(hexes(proof), want, `${index}/${size}`);
    const root = hex(ROOTS[size]!);
    assert.equal(verifyInclusion(sha256, LH[index]!, index, size, proof, root), true);
    for (const [desc, i, s, p, r, l] of corruptInclusion(index, size, proof, root, LH[index]!)) {
      assert.equal(verifyInclusion(sha256, l, i, s, p, r), false, `${index}/${size}: ${desc}`);
    }
  }
  // TestVerifyInclusion edge probes: impossible index/size pairs with an empty proof.
  for (const [index, size] of [
    [0, 0],
    [0, 1],
    [1, 0],
    [2, 1],
  ] as const) {
    assert.equal(verifyInclusion(sha256, SOME_HASH, index, size, [], new Uint8Array()), false);
    assert.equal(verifyInclusion(sha256, new Uint8Array(), index, size, [], hex(ROOTS[0]!)), false);
    assert.equal(verifyInclusion(sha256, SOME_HASH, index, size, [], hex(ROOTS[0]!)), false);
  }
  assert.equal(verifyInclusion(sha256, LH[0]!, 0, 1, [], LH[0]!), true); // single entry: root = leaf hash
  assert.equal(verifyInclusion(sha256, LH[0]!, -1, 1, [], LH[0]!), false);
  assert.throws(() => inclusionProof(sha256, LH, 8, 8), RangeError);
});

/** transparency-dev proof/verify_test.go corruptConsistencyProof, plus a swapped pair. */
function corruptConsistency(m: number, n: number, r1: Uint8Array, r2: Uint8Array, proof: Uint8Array[]) {
  const wrongRoot = new TextEncoder().encode('WrongRoot');
  const probes: [string, number, number, Uint8Array, Uint8Array, Uint8Array[]][] = [
    ['m - 1', m - 1, n, r1, r2, proof],
    ['m + 1', m + 1, n, r1, r2, proof],
    ['m ^ 2', m ^ 2, n, r1, r2, proof],
    ['n * 2', m, n * 2, r1, r2, proof],
    ['n / 2', m, Math.floor(n / 2), r1, r2, proof],
    ['wrong root1', m, n, wrongRoot, r2, proof],
    ['wrong root2', m, n, r1, wrongRoot, proof],
    ['swapped roots', m, n, r2, r1, proof],
    ['empty proof', m, n, r1, r2, []],
    ['trailing garbage', m, n, r1, r2, [...proof, new Uint8Array()]],
    ['trailing root1', m, n, r1, r2, [...proof, r1]],
    ['trailing root2', m, n, r1, r2, [...proof, r2]],
    ['preceding garbage', m, n, r1, r2, [new Uint8Array(), ...proof]],
    ['preceding root1', m, n, r1, r2, [r1, ...proof]],
    ['preceding root2', m, n, r1, r2, [r2, ...proof]],
    ['preceding proof[0]', m, n, r1, r2, [proof[0]!, ...proof]],
    ['truncated proof', m, n, r1, r2, proof.slice(0, -1)],
    ['m = 0', 0, n, r1, r2, proof],
    ['m > n', n + 1, n, r1, r2, proof],
  ];
  proof.forEach((_, i) => {
    const wrong = proof.map((p) => p.slice());
    wrong[i]![0]! ^= 16;
    probes.push([`modified proof[${i}] bit 4`, m, n, r1, r2, wrong]);
  });
  if (proof.length > 1) probes.push(['swapped nodes', m, n, r1, r2, [proof[1]!, proof[0]!, ...proof.slice(2)]]);
  return probes;
}

test('consistency proofs: transparency-dev vectors generate, verify, and every corruption fails', () => {
  for (const [m, n, want] of CONSISTENCY) {
    const proof = consistencyProof(sha256, LH, m, n);
    assert.deepEqual(hexes(proof), want, `${m}→${n}`);
    const [r1, r2] = [hex(ROOTS[m]!), hex(ROOTS[n]!)];
    assert.equal(verifyConsistency(sha256, m, n, r1, r2, proof), true, `${m}→${n}`);
    if (proof.length === 0) continue;
    for (const [desc, mm, nn, a, b, p] of corruptConsistency(m, n, r1, r2, proof)) {
      assert.equal(verifyConsistency(sha256, mm, nn, a, b, p), false, `${m}→${n}: ${desc}`);
    }
  }
  // TestVerifyConsistency's table. One deliberate difference: transparency-dev accepts 0 → 1 with an empty proof;
  // here m = 0 < n is refused (RFC 6962 §2.1.2 defines proofs for 0 < m only).
  const e = hex(ROOTS[0]!),
    [x, y] = [hex(ROOTS[1]!), hex(ROOTS[2]!)];
  const table: [number, number, Uint8Array, Uint8Array, Uint8Array[], boolean][] = [
    [0, 0, x, y, [], false],
    [1, 1, x, y, [], false],
    [0, 0, x, x, [], true],
    [1, 1, y, y, [], true],
    [0, 1, x, y, [], false],
    [1, 0, x, y, [], false],
    [2, 1, x, y, [], false],
    [1, 2, x, y, [], false],
    [0, 0, e, y, [], false],
    [1, 1, e, y, [], false],
    [0, 0, e, e, [e], false],
    [0, 1, e, e, [e], false],
    [1, 1, e, e, [e], false],
  ];
  for (const [m, n, a, b, p, want] of table) assert.equal(verifyConsistency(sha256, m, n, a, b, p), want, `${m}→${n}`);
  assert.throws(() => consistencyProof(sha256, LH, 0, 5), RangeError);
  assert.throws(() => consistencyProof(sha256, LH, 6, 5), RangeError);
});

// ---- random trees: verification of every proof, stored-node design against the reference ----

function randomLeafHashes(h: HashFn, n: number, seed: number): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => leafHash(h, new TextEncoder().encode(`entry ${seed}/${i}`)));
}

/** An in-memory stand-in for the node table, counting reads. */
function memoryStore(h: HashFn, leaves: readonly Uint8Array[], batch: (i: number) => number) {
  const table = new Map<string, Uint8Array>();
  let size = 0,
    frontier: Uint8Array[] = [],
    reads = 0;
  const fetch: NodeFetcher = (ids) =>
    ids.map((id) => {
      const hash = table.get(nodeKey(id));
      if (!hash) throw new Error(`node ${nodeKey(id)} not stored`);
      reads++;
      return hash;
    });
  for (let i = 0; size < leaves.length; i++) {
    // Read the frontier back from the table, as the repository will.
    assert.deepEqual(fetch(rootPlan(size)), frontier);
    const add = leaves.slice(size, size + batch(i));
    const r = appendLeaves(h, size, frontier, add);
    for (const node of r.nodes) {
      assert.equal(table.has(nodeKey(node)), false, `node ${nodeKey(node)} written twice`);
      table.set(nodeKey(node), node.hash);
    }
    assert.deepEqual(r.root, rootFromLeafHashes(h, leaves, r.size));
    ({ size, frontier } = r);
  }
  return {
    table,
    fetch,
    reads: () => reads,
    resetReads: () => {
      reads = 0;
    },
  };
}

test('appendLeaves writes exactly the perfect subtrees of transparency-dev NodeHashes', () => {
  const r = appendLeaves(sha256, 0, [], LH);
  const byLevel: string[][] = [];
  for (const n of r.nodes as StoredNode[]) (byLevel[n.level] ??= [])[n.index] = toHex(n.hash);
  assert.deepEqual(byLevel, NODE_HASHES);
  assert.equal(toHex(r.root), ROOTS[8]);
  // CompactTrees: the frontier after 7 leaves is nh[2][0], nh[1][2], nh[0][6].
  assert.deepEqual(hexes(appendLeaves(sha256, 0, [], LH.slice(0, 7)).frontier), [
    NODE_HASHES[2]![0],
    NODE_HASHES[1]![2],
    NODE_HASHES[0]![6],
  ]);
  assert.throws(() => appendLeaves(sha256, 5, [], []), RangeError);
});

for (const [name, h] of [
  ['SHA-256', sha256],
  ['SM3', sm3],
] as const) {
  test(`every size, index and pair up to 70 (${name}): stored nodes = reference, all proofs verify`, async () => {
    const leaves = randomLeafHashes(h, 70, 1);
    const store = memoryStore(h, leaves, (i) => 1 + ((i * 7) % 5));
    for (let n = 0; n <= 70; n++) {
      const root = rootFromLeafHashes(h, leaves, n);
      assert.deepEqual(await rootFromStore(h, store.fetch, n), root, `root ${n}`);
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(h, leaves, i, n);
        assert.deepEqual(await inclusionProofFromStore(h, store.fetch, i, n), proof, `inclusion ${i}/${n}`);
        assert.equal(verifyInclusion(h, leaves[i]!, i, n, proof, root), true, `verify ${i}/${n}`);
        if (n > 1) assert.equal(verifyInclusion(h, leaves[i]!, (i + 1) % n, n, proof, root), false, `wrong index ${i}/${n}`);
      }
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(h, leaves, m, n);
        assert.deepEqual(await consistencyProofFromStore(h, store.fetch, m, n), proof, `consistency ${m}→${n}`);
        assert.equal(verifyConsistency(h, m, n, rootFromLeafHashes(h, leaves, m), root, proof), true, `verify ${m}→${n}`);
        if (m > 1)
          assert.equal(verifyConsistency(h, m, n, rootFromLeafHashes(h, leaves, m - 1), root, proof), false, `wrong root ${m}→${n}`);
      }
    }
  });
}

test('random sizes up to 5000: stored nodes = reference; proofs need O(log n) reads', async () => {
  let seed = 42;
  const rnd = (k: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % k;
  };
  const leaves = randomLeafHashes(sha256, 5000, 2);
  const store = memoryStore(sha256, leaves, () => 1 + rnd(300));
  for (let t = 0; t < 100; t++) {
    const n = 1 + rnd(5000),
      i = rnd(n),
      m = 1 + rnd(n);
    const root = rootFromLeafHashes(sha256, leaves, n);
    assert.deepEqual(await rootFromStore(sha256, store.fetch, n), root);
    store.resetReads();
    const incl = await inclusionProofFromStore(sha256, store.fetch, i, n);
    assert.ok(store.reads() <= 2 * Math.ceil(Math.log2(n)) + 1, `inclusion ${i}/${n} read ${store.reads()} nodes`);
    assert.deepEqual(incl, inclusionProof(sha256, leaves, i, n));
    assert.equal(verifyInclusion(sha256, leaves[i]!, i, n, incl, root), true);
    store.resetReads();
    const cons = await consistencyProofFromStore(sha256, store.fetch, m, n);
    assert.ok(store.reads() <= 2 * Math.ceil(Math.log2(n)) + 1, `consistency ${m}→${n} read ${store.reads()} nodes`);
    assert.deepEqual(cons, consistencyProof(sha256, leaves, m, n));
    assert.equal(verifyConsistency(sha256, m, n, rootFromLeafHashes(sha256, leaves, m), root, cons), true);
  }
});

test('plans at 1,000,000 and beyond 2^32 entries stay O(log n) and verify (no 32-bit arithmetic)', () => {
  // A virtual tree whose leaves are all equal: node (level, *) has one hash per level, so any size is cheap.
  const perLevel = [leafHash(sha256, new Uint8Array([7]))];
  for (let l = 1; l < 64; l++) perLevel.push(nodeHash(sha256, perLevel[l - 1]!, perLevel[l - 1]!));
  const fold = (ids: NodeId[]) => ids.map((id) => perLevel[id.level]!).reduceRight((acc, x) => nodeHash(sha256, x, acc));
  for (const n of [1_000_000, 2 ** 32 + 3, 2 ** 40 + 12_345, 2 ** 52 - 1]) {
    const root = fold(rootPlan(n));
    for (const i of [0, 1, Math.floor(n / 2), n - 2, n - 1, 2 ** 31, 2 ** 32 + 1].filter((x) => x < n)) {
      const plan = inclusionPlan(i, n);
      assert.ok(planNodeIds(plan).length <= 2 * Math.ceil(Math.log2(n)), `reads for ${i}/${n}`);
      assert.equal(verifyInclusion(sha256, perLevel[0]!, i, n, plan.map(fold), root), true, `${i}/${n}`);
    }
    for (const m of [1, 2, 3, 2 ** 31 + 1, 2 ** 32, Math.floor(n / 3), n - 1].filter((x) => x < n)) {
      const plan = consistencyPlan(m, n);
      assert.ok(planNodeIds(plan).length <= 2 * Math.ceil(Math.log2(n)) + 1, `reads for ${m}→${n}`);
      assert.equal(verifyConsistency(sha256, m, n, fold(rootPlan(m)), root, plan.map(fold)), true, `${m}→${n}`);
    }
  }
  assert.deepEqual(rangeNodes(8, 13), [
    { level: 2, index: 2 },
    { level: 0, index: 12 },
  ]);
  assert.throws(() => rangeNodes(1, 5), RangeError); // not a range RFC 6962 ever asks for
});
