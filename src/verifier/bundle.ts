// Offline verification of a ledger proof bundle — the part of an exported case file (案卷) that lets anyone check,
// without trusting the server, that the case's records are in the ledger and the ledger was never rewritten.
//
// Bundle (JSON), format "sanxiang-ledger-proof/v1":
//   {
//     "format": "sanxiang-ledger-proof/v1",
//     "checkpoint": "<signed note: origin\nsize\nroot\n\n— name sig\n>",
//     "verifierKey": "<name+keyid+base64>",          // what the exporter claims is the log key (informational)
//     "entries": [ { "index": 12, "entry": "<base64 of the exact leaf bytes>", "inclusionProof": ["<base64>", …] },
//                  { "index": 13, "leafHash": "<base64>", "inclusionProof": [...] } ],
//     "previous": [ { "checkpoint": "<an earlier signed note>", "consistencyProof": ["<base64>", …] } ]   // optional
//   }
// Trust comes from the keys the caller passes (published by the deployment), never from the bundle itself.
import { hashLeaf, verifyConsistency, verifyInclusion } from './rfc9162.ts';
import { decodeBase64, sameTreeHead, verifyCheckpoint, VerifyError, type TrustedKey } from './note.ts';

export const BUNDLE_FORMAT = 'sanxiang-ledger-proof/v1';

export interface BundleReport {
  ok: boolean;
  checkpoint?: { origin: string; size: string; rootHash: string; suite: string; signedBy: string[] };
  entries: { index: string; ok: boolean; problem?: string }[];
  previous: { size: string; ok: boolean; problem?: string }[];
  problems: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function hashList(v: unknown): Uint8Array[] | null {
  if (!Array.isArray(v)) return null;
  const out = v.map((x) => (typeof x === 'string' ? decodeBase64(x) : null));
  return out.every((x): x is Uint8Array => x !== null) ? out : null;
}

export function verifyBundle(bundle: unknown, trusted: readonly TrustedKey[]): BundleReport {
  const report: BundleReport = { ok: false, entries: [], previous: [], problems: [] };
  if (!isObject(bundle) || bundle.format !== BUNDLE_FORMAT || typeof bundle.checkpoint !== 'string' || !Array.isArray(bundle.entries)) {
    report.problems.push(`not a ${BUNDLE_FORMAT} bundle`);
    return report;
  }
  let head;
  try {
    head = verifyCheckpoint(bundle.checkpoint, trusted);
  } catch (e) {
    report.problems.push(`checkpoint: ${e instanceof VerifyError ? e.message : String(e)}`);
    return report;
  }
  const { hash } = head;
  report.checkpoint = {
    origin: head.origin,
    size: head.size.toString(),
    rootHash: Buffer.from(head.rootHash).toString('base64'),
    suite: head.suite,
    signedBy: head.signers.map((k) => k.name),
  };

  for (const item of bundle.entries as unknown[]) {
    const index = isObject(item) && isIndex(item.index) ? item.index : null;
    const proof = isObject(item) ? hashList(item.inclusionProof) : null;
    const entry = isObject(item) && typeof item.entry === 'string' ? decodeBase64(item.entry) : null;
    const given = isObject(item) && typeof item.leafHash === 'string' ? decodeBase64(item.leafHash) : null;
    const leaf = entry ? hashLeaf(hash, entry) : given;
    if (index === null || !proof || !leaf || (entry && given)) {
      report.entries.push({ index: String(isObject(item) ? item.index : '?'), ok: false, problem: 'malformed entry' });
      continue;
    }
    const ok = verifyInclusion(hash, index, head.size, leaf, proof, head.rootHash);
    report.entries.push(ok ? { index: String(index), ok } : { index: String(index), ok, problem: 'not included in the signed tree' });
  }

  for (const item of Array.isArray(bundle.previous) ? (bundle.previous as unknown[]) : []) {
    const proof = isObject(item) ? hashList(item.consistencyProof) : null;
    if (!isObject(item) || typeof item.checkpoint !== 'string' || !proof) {
      report.previous.push({ size: '?', ok: false, problem: 'malformed earlier checkpoint' });
      continue;
    }
    try {
      const old = verifyCheckpoint(item.checkpoint, trusted);
      const ok =
        old.origin === head.origin &&
        old.suite === head.suite &&
        (old.size === head.size
          ? sameTreeHead(old, head) && proof.length === 0
          : verifyConsistency(hash, old.size, head.size, old.rootHash, head.rootHash, proof));
      report.previous.push(
        ok
          ? { size: old.size.toString(), ok }
          : { size: old.size.toString(), ok, problem: 'the log is not an extension of this earlier tree head' },
      );
    } catch (e) {
      report.previous.push({ size: '?', ok: false, problem: e instanceof VerifyError ? e.message : String(e) });
    }
  }
  if (bundle.entries.length === 0) report.problems.push('the bundle proves no entries');
  report.ok = report.problems.length === 0 && report.entries.every((e) => e.ok) && report.previous.every((p) => p.ok);
  return report;
}
