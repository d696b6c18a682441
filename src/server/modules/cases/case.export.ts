// The case file (案卷, SPEC §3.4-3.5; 002 记录办法 §32; 004 3. "自动生成不可删改的行政执法数字化案卷"): one .zip with
// every act's exact recorded bytes, the standard documents rendered from them, the media records, a manifest, and
// the ledger proofs — a signed tree head and an inclusion proof for every act, every media file and the manifest
// itself (the export is appended to the ledger, so a rendered document cannot be swapped together with the manifest).
// `sanxiang verify-casefile` (src/verifier/casefile.ts) checks it offline. Format "sanxiang-casefile/v1":
//
//   README.txt            what this is and how to verify it
//   manifest.json         { format, exportId, case, exportedAt, exportedBy, origin, suite, items: [
//                             { path, kind: "act"|"document"|"media", size, sha256, subject?, ledgerIndex?, derivedFrom? } ] }
//   proof.json            sanxiang-ledger-proof/v1 bundle: checkpoint + entries (acts, media, this export) with proofs
//   acts/NNN-<type>.json  the canonical bytes whose hash the act's ledger entry commits to
//   documents/NNN-<title>.docx   documents rendered from the acts (derived; covered by the manifest's ledger entry)
//   media/<evidence id>-<name>   the media records, byte for byte; their ledger entries commit to their hash
import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import yazl from 'yazl';
import { writeAudit } from '../../platform/audit.ts';
import { inTransaction, type Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import type { BlobStore } from '../../platform/blob-store/index.ts';
import type { LedgerService } from '../ledger/ledger.service.ts';
import * as repo from './case.repo.ts';
import { assertCaseAccess } from './case.access.ts';
import { getCase } from './case.service.ts';
import { renderDocument } from './document.templates.ts';
import { documentToDocx } from './document.docx.ts';
import { safeFileName } from './evidence.rules.ts';

export const CASEFILE_FORMAT = 'sanxiang-casefile/v1';

export interface ManifestItem {
  path: string;
  kind: 'act' | 'document' | 'media';
  size: number;
  sha256: string;
  /** The ledger entry's subject (act id, evidence id). */
  subject?: string;
  ledgerIndex?: number;
  /** For a document: the act it renders. */
  derivedFrom?: string;
}

const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

export async function exportCaseFile(ctx: Ctx, deps: { ledger: LedgerService; blobs: BlobStore }, caseId: string) {
  const { ledger, blobs } = deps;
  const c = await repo.findCase(ctx.db, caseId);
  if (!c) throw notFound('案件');
  await assertCaseAccess(ctx.db, ctx.actor, c, 'copy');
  const detail = await getCase(ctx, ledger, caseId);
  const rows = await repo.actsOf(ctx.db, caseId);
  const evidenceIds = [...new Set(rows.flatMap((r) => (r.media as { evidenceId: string }[]).map((m) => m.evidenceId)))];
  const destroyed = await repo.destroyedEvidence(ctx.db, evidenceIds);
  // destroyed media (after the retention period, approved and ledgered) are listed, not included
  const evidence = (await repo.evidenceOf(ctx.db, c.agency_id, evidenceIds)).filter((e) => !destroyed.has(e.id));

  await ledger.settle(ctx.db);
  const actSeqs = await ledger.locate(
    ctx.db,
    rows.map((r) => Number(r.ledger_ref)),
  );
  const mediaSeqs = await ledger.seqsOfSubjects(ctx.db, 'evidence.file', evidenceIds);

  const buffers = new Map<string, Buffer>();
  const items: ManifestItem[] = [];
  const seq3 = (n: number) => String(n).padStart(3, '0');
  for (const r of rows) {
    const bytes = Buffer.from(r.canonical, 'utf8');
    const path = `acts/${seq3(r.seq)}-${r.type}.json`;
    buffers.set(path, bytes);
    items.push({
      path,
      kind: 'act',
      size: bytes.length,
      sha256: sha256(bytes),
      subject: r.id,
      ledgerIndex: actSeqs.get(Number(r.ledger_ref))!.seq,
    });
  }
  for (const a of detail.acts) {
    const doc = renderDocument(detail, a);
    const bytes = await documentToDocx(doc);
    const path = `documents/${seq3(a.seq)}-${safeFileName(`${doc.title}${doc.number ? `（${doc.number}）` : ''}`)}.docx`;
    buffers.set(path, bytes);
    items.push({ path, kind: 'document', size: bytes.length, sha256: sha256(bytes), derivedFrom: a.id });
  }
  const media: { path: string; sha256: string; size: number }[] = [];
  for (const e of evidence) {
    const path = `media/${e.id}-${safeFileName(e.file_name)}`;
    media.push({ path, sha256: e.sha256, size: Number(e.size) });
    items.push({ path, kind: 'media', size: Number(e.size), sha256: e.sha256, subject: e.id, ledgerIndex: mediaSeqs.get(e.id) });
  }

  const exportId = crypto.randomUUID();
  const manifest = Buffer.from(
    JSON.stringify(
      {
        format: CASEFILE_FORMAT,
        exportId,
        case: {
          id: c.id,
          number: c.number,
          agency: c.agency_name,
          agencyId: c.agency_id,
          cause: c.cause,
          stage: c.stage,
          actCount: rows.length,
        },
        exportedAt: new Date().toISOString(),
        exportedBy: ctx.actor.username,
        origin: ledger.origin,
        suite: ledger.suite.id,
        items,
        destroyedMedia: [...destroyed],
      },
      null,
      2,
    ),
    'utf8',
  );
  // the export itself is a ledger entry committing to the manifest (and so to every file's hash), and a logged download
  const [entry] = await inTransaction(ctx.db, async (db) => {
    const appended = await ledger.append(db, [
      {
        kind: 'case.export',
        subject: exportId,
        contentHash: ledger.contentHash(manifest),
        agencyId: c.agency_id,
        actor: ctx.actor.username,
      },
    ]);
    await writeAudit(db, {
      action: 'case.export',
      actor: ctx.actor,
      ip: ctx.ip,
      agencyId: c.agency_id,
      subject: caseId,
      details: { exportId, items: items.length },
    });
    return appended;
  });
  await ledger.settle(ctx.db);
  const exportSeq = (await ledger.locate(ctx.db, [entry!.ref])).get(entry!.ref)!.seq;
  const seqs = [...items.flatMap((i) => (i.ledgerIndex === undefined ? [] : [i.ledgerIndex])), exportSeq];
  const proof = await ledger.proofBundle(ctx.db, seqs);

  const zip = new yazl.ZipFile();
  const mtime = new Date();
  const add = (path: string, bytes: Buffer) => zip.addBuffer(bytes, path, { mtime, compress: false });
  add('README.txt', Buffer.from(readme(c.number, ledger.verifierKey), 'utf8'));
  add('manifest.json', manifest);
  add('proof.json', Buffer.from(JSON.stringify(proof, null, 2), 'utf8'));
  for (const [path, bytes] of buffers) add(path, bytes);
  for (const m of media)
    zip.addReadStreamLazy(m.path, { mtime, compress: false, size: m.size }, (cb) => {
      blobs.get(m.sha256).then(
        (s) => cb(null, s),
        (err) => cb(err, undefined as never),
      );
    });
  // (@types/yazl omits the callback's argument: the total size, or -1 when it cannot be known in advance)
  const end = zip.end.bind(zip) as unknown as (o: object, cb: (total: number) => void) => void;
  const size = await new Promise<number>((resolve) => end({}, resolve));
  return { fileName: `${safeFileName(c.number)}-案卷.zip`, size: size >= 0 ? size : null, stream: zip.outputStream as Readable, exportId };
}

function readme(number: string, verifierKey: string): string {
  return [
    `行政执法案卷 ${number}`,
    '',
    '本文件由 Sanxiang（三项）导出，包含：',
    '  acts/       每项执法行为的原始记录（账本条目所承诺的规范化 JSON 字节）',
    '  documents/  依据原始记录生成的制式文书（.docx）',
    '  media/      音像记录原件',
    '  manifest.json  文件清单及每个文件的 SHA-256；本清单本身也写入了账本',
    '  proof.json     账本签名树头及每个条目的包含证明（RFC 6962）',
    '',
    '离线核验（不需要连接服务器）：',
    `  sanxiang verify-casefile <本文件.zip> --key '${verifierKey}'`,
    '请从部署方公布的渠道核对上面的公钥（GET /api/v1/ledger/keys），不要只相信本文件里的公钥。',
    '任何一个文件被改动、删除或增加，核验都会失败并指出是哪个文件。',
    '',
  ].join('\n');
}
