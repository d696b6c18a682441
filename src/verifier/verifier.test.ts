// Cross-checks the independent verifier against the server's Merkle code (only this TEST imports both).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as server from '../server/modules/ledger/merkle.ts';
import { getSuite } from '../server/platform/crypto/suite.ts';
import { hashChildren, hashLeaf, rootFromEntries, rootFromLeafHashes, verifyConsistency, verifyInclusion, type Hash } from './rfc9162.ts';

const hex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
const sha256: Hash = getSuite('sha256-ed25519').hash;
const sm3: Hash = getSuite('sm3-sm2').hash;

test("the verifier imports nothing from src/server or from the server's SM2 library", () => {
  const dir = import.meta.dirname;
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const source = fs.readFileSync(path.join(dir, name), 'utf8');
    const imports = [...source.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
    for (const spec of imports) {
      // yauzl: a general zip reader (case files are zips), no code of the server's
      assert.ok(spec.startsWith('node:') || spec === 'yauzl' || /^\.\/[\w.-]+\.ts$/.test(spec), `${name} imports ${spec}`);
    }
  }
});

test('transparency-dev vectors: roots 0-8, inclusion and consistency proofs verify in the independent code', () => {
  const entries = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(hex);
  const roots = [
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
    '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
    'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
    '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
  ].map(hex);
  for (let n = 0; n <= 8; n++) assert.deepEqual(rootFromEntries(sha256, entries.slice(0, n)), roots[n], `size ${n}`);
  const leaf = (i: number) => hashLeaf(sha256, entries[i]!);
  // proof/verify_test.go: leaf 5 (0-based) of 8; consistency 6 → 8 and 2 → 5.
  assert.equal(
    verifyInclusion(
      sha256,
      5,
      8,
      leaf(5),
      [
        'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
        'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
        'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      ].map(hex),
      roots[8]!,
    ),
    true,
  );
  assert.equal(
    verifyConsistency(
      sha256,
      6,
      8,
      roots[6]!,
      roots[8]!,
      [
        '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
        'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
        'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      ].map(hex),
    ),
    true,
  );
  assert.equal(
    verifyConsistency(
      sha256,
      2,
      5,
      roots[2]!,
      roots[5]!,
      [
        '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
        'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      ].map(hex),
    ),
    true,
  );
  assert.equal(verifyInclusion(sha256, 0, 1, leaf(0), [], roots[1]!), true);
  assert.equal(verifyConsistency(sha256, 0, 3, roots[0]!, roots[3]!, []), false);
  assert.equal(verifyConsistency(sha256, 3, 3, roots[3]!, roots[3]!, []), true);
  assert.equal(verifyConsistency(sha256, 4, 3, roots[4]!, roots[3]!, []), false);
});

/** Random probes derived from a valid proof: the two implementations must agree on every one. */
function mutations(proof: Uint8Array[], other: Uint8Array, pick: (k: number) => number): Uint8Array[][] {
  const out: Uint8Array[][] = [proof.slice(0, -1), [...proof, other], [other, ...proof], proof.slice(1)];
  if (proof.length > 1) {
    const s = proof.slice();
    const i = pick(proof.length - 1);
    [s[i], s[i + 1]] = [s[i + 1]!, s[i]!];
    out.push(s);
  }
  if (proof.length > 0) {
    const f = proof.map((p) => p.slice());
    f[pick(f.length)]![pick(32)]! ^= 1 << pick(8);
    out.push(f);
  }
  return out;
}

for (const [name, h] of [
  ['SHA-256', sha256],
  ['SM3', sm3],
] as const) {
  test(`random trees (${name}): the verifier and merkle.ts agree on roots, valid proofs and corrupted probes`, () => {
    let seed = 7;
    const pick = (k: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % k;
    };
    const leaves = Array.from({ length: 300 }, (_, i) => server.leafHash(h, new TextEncoder().encode(`act ${i}`)));
    leaves.forEach((lh, i) => assert.deepEqual(hashLeaf(h, new TextEncoder().encode(`act ${i}`)), lh, `leaf ${i}`));
    const roots = Array.from({ length: 301 }, (_, n) => rootFromLeafHashes(h, leaves.slice(0, n)));
    for (let n = 0; n <= 300; n += n < 70 ? 1 : 23) assert.deepEqual(roots[n], server.rootFromLeafHashes(h, leaves, n), `root ${n}`);
    assert.deepEqual(hashChildren(h, leaves[0]!, leaves[1]!), server.nodeHash(h, leaves[0]!, leaves[1]!));
    for (let t = 0; t < 400; t++) {
      const n = 1 + pick(300),
        i = pick(n),
        m = 1 + pick(n);
      const incl = server.inclusionProof(h, leaves, i, n);
      assert.equal(verifyInclusion(h, i, n, leaves[i]!, incl, roots[n]!), true, `inclusion ${i}/${n}`);
      const probes: [number, number, Uint8Array[]][] = [
        [i, n, incl],
        [(i + 1) % n, n, incl],
        [i, n + 1, incl],
        [i, Math.max(1, n - 1), incl],
        ...mutations(incl, roots[n]!, pick).map((p) => [i, n, p] as [number, number, Uint8Array[]]),
      ];
      for (const [pi, pn, p] of probes) {
        assert.equal(
          verifyInclusion(h, pi, pn, leaves[i]!, p, roots[n]!),
          server.verifyInclusion(h, leaves[i]!, pi, pn, p, roots[n]!),
          `inclusion probe ${pi}/${pn}`,
        );
      }
      const cons = server.consistencyProof(h, leaves, m, n);
      assert.equal(verifyConsistency(h, m, n, roots[m]!, roots[n]!, cons), true, `consistency ${m}→${n}`);
      const cprobes: [number, number, Uint8Array[]][] = [
        [m, n, cons],
        [m - 1, n, cons],
        [m + 1, n, cons],
        [m, n + 1, cons],
        ...mutations(cons, roots[m]!, pick).map((p) => [m, n, p] as [number, number, Uint8Array[]]),
      ];
      for (const [pm, pn, p] of cprobes) {
        const r1 = roots[Math.min(pm, 300)]!,
          r2 = roots[Math.min(pn, 300)]!;
        assert.equal(
          verifyConsistency(h, pm, pn, r1, r2, p),
          server.verifyConsistency(h, pm, pn, r1, r2, p),
          `consistency probe ${pm}→${pn}`,
        );
      }
    }
  });
}

test('sizes beyond 2^53 work in the verifier (BigInt indices)', () => {
  // A virtual tree of identical leaves: one node hash per level, so proofs for any size are cheap to build.
  const perLevel = [hashLeaf(sha256, Uint8Array.of(1))];
  for (let l = 1; l < 70; l++) perLevel.push(hashChildren(sha256, perLevel[l - 1]!, perLevel[l - 1]!));
  const size = 2n ** 60n + 5n; // = 2^60 + 4 + 1: root = H(P60, H(P2, P0))
  const root = hashChildren(sha256, perLevel[60]!, hashChildren(sha256, perLevel[2]!, perLevel[0]!));
  const last = size - 1n; // its proof: P2, then P60
  assert.equal(verifyInclusion(sha256, last, size, perLevel[0]!, [perLevel[2]!, perLevel[60]!], root), true);
  assert.equal(verifyInclusion(sha256, last - 1n, size, perLevel[0]!, [perLevel[2]!, perLevel[60]!], root), false);
  // Consistency 2^60 → 2^60 + 5: first is a power of two, so the proof is just the right subtree's root.
  assert.equal(verifyConsistency(sha256, 2n ** 60n, size, perLevel[60]!, root, [hashChildren(sha256, perLevel[2]!, perLevel[0]!)]), true);
});
