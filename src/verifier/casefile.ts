// Offline verification of an exported case file (案卷, "sanxiang-casefile/v1", see
// src/server/modules/cases/case.export.ts for the layout) without the server and without its code: only the zip,
// the keys the user trusts, and this verifier (Node's crypto, yauzl, ./bundle.ts).
//
// It checks, and names the file when a check fails:
//   1. proof.json: the signed tree head verifies with a trusted key and every entry is included in it (bundle.ts);
//   2. manifest.json is what the ledger's "case.export" entry committed to (so documents listed in it are covered);
//   3. every file in the manifest is in the zip with the listed SHA-256 and size, and no other file is;
//   4. every act and media file has a ledger entry (by index) with its subject whose contentHash is the file's hash
//      under the log's suite (sha256 or sm3).
import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { verifyBundle, type BundleReport } from './bundle.ts';
import { decodeBase64, parseVerifierKey, type TrustedKey } from './note.ts';
import { sm3 } from './sm2.ts';

export const CASEFILE_FORMAT = 'sanxiang-casefile/v1';
const CONTROL_FILES = ['README.txt', 'manifest.json', 'proof.json'];
const MAX_CONTROL_BYTES = 64 * 1024 * 1024;

export interface CasefileReport {
  ok: boolean;
  caseNumber: string | null;
  /** Set when the caller chose to trust the key the file itself names (internal consistency only). */
  trustedBundleKey: string | null;
  bundle: BundleReport | null;
  files: { path: string; ok: boolean; problem?: string }[];
  problems: string[];
}

interface ManifestItem {
  path: string;
  kind: string;
  size: number;
  sha256: string;
  subject?: string;
  ledgerIndex?: number;
}
interface LedgerEntry {
  kind: string;
  subject: string;
  contentHash: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true }, (err, zip) =>
      err ? reject(err) : resolve(zip),
    ),
  );
}

function listEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const out: yauzl.Entry[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      out.push(e);
      zip.readEntry();
    });
    zip.on('end', () => resolve(out));
    zip.on('error', reject);
    zip.readEntry();
  });
}

const openStream = (zip: yauzl.ZipFile, e: yauzl.Entry) =>
  new Promise<Readable>((resolve, reject) => zip.openReadStream(e, (err, s) => (err ? reject(err) : resolve(s))));

async function readAll(zip: yauzl.ZipFile, e: yauzl.Entry): Promise<Buffer> {
  if (e.uncompressedSize > MAX_CONTROL_BYTES) throw new Error(`${e.fileName} is too large`);
  const parts: Buffer[] = [];
  for await (const chunk of await openStream(zip, e)) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

/** SHA-256 (and SM3 when asked) of an entry's bytes, streamed; SM3 from Node's OpenSSL when it has it. */
async function hashEntry(
  zip: yauzl.ZipFile,
  e: yauzl.Entry,
  withSm3: boolean,
): Promise<{ sha256: string; sm3: string | null; size: number }> {
  const h = crypto.createHash('sha256');
  const nodeSm3 = withSm3 && crypto.getHashes().includes('sm3') ? crypto.createHash('sm3') : null;
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of await openStream(zip, e)) {
    h.update(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (nodeSm3) nodeSm3.update(chunk as Buffer);
    else if (withSm3) parts.push(chunk as Buffer);
  }
  const sm = !withSm3 ? null : nodeSm3 ? nodeSm3.digest('hex') : Buffer.from(sm3(Buffer.concat(parts))).toString('hex');
  return { sha256: h.digest('hex'), sm3: sm, size };
}

function contentHashOf(suite: string, bytes: { sha256: string; sm3: string | null }): string {
  return suite === 'sm3-sm2' ? `sm3:${bytes.sm3}` : `sha256:${bytes.sha256}`;
}

export async function verifyCasefile(
  file: string,
  trustedKeys: readonly TrustedKey[],
  o: { trustBundleKey?: boolean } = {},
): Promise<CasefileReport> {
  const report: CasefileReport = { ok: false, caseNumber: null, trustedBundleKey: null, bundle: null, files: [], problems: [] };
  const trusted = [...trustedKeys];
  let zip: yauzl.ZipFile;
  let entries: yauzl.Entry[];
  try {
    zip = await openZip(file);
    entries = await listEntries(zip);
  } catch (e) {
    report.problems.push(`不是有效的 zip 文件 not a readable zip: ${(e as Error).message}`);
    return report;
  }
  try {
    const byName = new Map<string, yauzl.Entry>();
    for (const e of entries) {
      if (byName.has(e.fileName)) report.problems.push(`重复的文件 duplicate entry: ${e.fileName}`);
      byName.set(e.fileName, e);
    }
    for (const name of CONTROL_FILES.slice(1))
      if (!byName.has(name)) {
        report.problems.push(`缺少 missing ${name}`);
        return report;
      }

    let manifestBytes: Buffer, manifest: Record<string, unknown>, bundle: unknown;
    try {
      manifestBytes = await readAll(zip, byName.get('manifest.json')!);
      manifest = JSON.parse(manifestBytes.toString('utf8'));
      bundle = JSON.parse((await readAll(zip, byName.get('proof.json')!)).toString('utf8'));
    } catch (e) {
      report.problems.push(`清单或证明无法读取 unreadable manifest/proof: ${(e as Error).message}`);
      return report;
    }
    if (
      !isObject(manifest) ||
      manifest.format !== CASEFILE_FORMAT ||
      !Array.isArray(manifest.items) ||
      typeof manifest.exportId !== 'string'
    ) {
      report.problems.push(`manifest.json 不是 ${CASEFILE_FORMAT} 格式`);
      return report;
    }
    report.caseNumber = isObject(manifest.case) && typeof manifest.case.number === 'string' ? manifest.case.number : null;
    const suite = String(manifest.suite);

    // 1. the proofs
    if (o.trustBundleKey && isObject(bundle) && typeof bundle.verifierKey === 'string') {
      try {
        trusted.push(parseVerifierKey(bundle.verifierKey));
        report.trustedBundleKey = bundle.verifierKey;
      } catch (e) {
        report.problems.push(`proof.json 中的公钥无效 bad key in proof.json: ${(e as Error).message}`);
      }
    }
    report.bundle = verifyBundle(bundle, trusted);
    if (!report.bundle.ok) report.problems.push('账本证明未通过 the ledger proof does not verify (proof.json)');
    if (report.bundle.checkpoint && report.bundle.checkpoint.suite !== suite)
      report.problems.push(`清单声明的算法 ${suite} 与树头 ${report.bundle.checkpoint.suite} 不一致`);
    const ledger = new Map<number, LedgerEntry>();
    for (const item of (isObject(bundle) && Array.isArray(bundle.entries) ? bundle.entries : []) as unknown[]) {
      if (!isObject(item) || typeof item.index !== 'number' || typeof item.entry !== 'string') continue;
      const verified = report.bundle.entries.find((x) => x.index === String(item.index))?.ok;
      const bytes = decodeBase64(item.entry);
      if (!verified || !bytes) continue;
      try {
        const e = JSON.parse(Buffer.from(bytes).toString('utf8'));
        if (isObject(e) && typeof e.kind === 'string' && typeof e.subject === 'string' && typeof e.contentHash === 'string')
          ledger.set(item.index, { kind: e.kind, subject: e.subject, contentHash: e.contentHash });
      } catch {
        /* a non-JSON entry proves nothing here */
      }
    }

    // 2. the manifest is the one the export entry committed to
    const exportEntry = [...ledger.values()].find((e) => e.kind === 'case.export' && e.subject === manifest.exportId);
    const manifestHash = {
      sha256: crypto.createHash('sha256').update(manifestBytes).digest('hex'),
      sm3: suite === 'sm3-sm2' ? Buffer.from(sm3(manifestBytes)).toString('hex') : null,
    };
    if (!exportEntry) report.problems.push('账本中没有本次导出的条目 no ledger entry for this export (manifest.json)');
    else if (exportEntry.contentHash !== contentHashOf(suite, manifestHash))
      report.files.push({
        path: 'manifest.json',
        ok: false,
        problem: '清单已被改动：与账本记录的哈希不一致 the manifest differs from what the ledger committed to',
      });
    else report.files.push({ path: 'manifest.json', ok: true });

    // 3-4. every listed file
    const listed = new Set<string>();
    for (const raw of manifest.items as unknown[]) {
      const item = raw as ManifestItem;
      if (!isObject(raw) || typeof item.path !== 'string' || typeof item.sha256 !== 'string') {
        report.problems.push('清单中有无法识别的条目');
        continue;
      }
      listed.add(item.path);
      const e = byName.get(item.path);
      if (!e) {
        report.files.push({ path: item.path, ok: false, problem: '文件缺失 missing from the zip' });
        continue;
      }
      const ledgered = item.kind === 'act' || item.kind === 'media';
      const got = await hashEntry(zip, e, ledgered && suite === 'sm3-sm2');
      if (got.sha256 !== item.sha256 || got.size !== item.size) {
        report.files.push({
          path: item.path,
          ok: false,
          problem: `内容已被改动 content changed: SHA-256 ${got.sha256}，清单为 ${item.sha256}`,
        });
        continue;
      }
      if (ledgered) {
        const entry = typeof item.ledgerIndex === 'number' ? ledger.get(item.ledgerIndex) : undefined;
        if (!entry) {
          report.files.push({
            path: item.path,
            ok: false,
            problem: `没有经证明的账本条目 no proven ledger entry (index ${item.ledgerIndex ?? '—'})`,
          });
          continue;
        }
        if (entry.subject !== item.subject) {
          report.files.push({ path: item.path, ok: false, problem: `账本条目属于另一对象 the ledger entry is for ${entry.subject}` });
          continue;
        }
        if (entry.contentHash !== contentHashOf(suite, got)) {
          report.files.push({ path: item.path, ok: false, problem: `与账本记录不一致 differs from the ledger: ${entry.contentHash}` });
          continue;
        }
      }
      report.files.push({ path: item.path, ok: true });
    }
    for (const e of entries)
      if (!listed.has(e.fileName) && !CONTROL_FILES.includes(e.fileName) && !e.fileName.endsWith('/'))
        report.files.push({ path: e.fileName, ok: false, problem: '清单中没有此文件 not in the manifest (added)' });

    report.ok = report.problems.length === 0 && report.files.every((f) => f.ok) && report.bundle.ok;
    return report;
  } finally {
    zip.close();
  }
}
