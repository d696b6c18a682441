// Correction requests (002 公示办法 §31): anyone may ask the agency to correct a published record, with evidence; the
// request is tracked to an answer by a deadline, and the requester looks its status up with a code. The contact
// details are never shown publicly.
import crypto from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { putBuffer, type BlobStore } from '../../platform/blob-store/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit.ts';
import { inTransaction, type Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { shanghaiDate } from '../../platform/calendar/calendar.dates.ts';
import type { CalendarService } from '../../platform/calendar/calendar.service.ts';
import * as repo from './disclosure.repo.ts';
import { assertCorrectionEditor, assertCorrectionReader } from './disclosure.policy.ts';

/**
 * 002 §31 says "及时作出处理" without a number; no pack sets one. The answer is due within the limit the 政府信息公开条例
 * (§33) gives for answering the public, 20 working days, until a pack says otherwise.
 */
export const CORRECTION_WORKING_DAYS = 20;
export const CORRECTION_STATE_LABELS = { open: '办理中', corrected: '已更正', rejected: '经核实不予更正' } as const;

/** Ten characters from an alphabet without look-alikes (no 0/O, 1/I). */
function lookupCode(): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  return [...crypto.randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** What the public may attach: photos and PDF documents, checked by their bytes. */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];
export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;
export const MAX_ATTACHMENTS = 5;

async function correctable(db: Db, disclosureId: string) {
  const d = await repo.findDisclosure(db, disclosureId);
  if (!d || !d.published_on || (d.state !== 'published' && d.state !== 'withdrawn')) throw notFound('公示信息');
  return d;
}

/** A file name as shown to the editor: no directories, no control characters, at most 100 characters. */
export function cleanFileName(raw: string): string {
  let name = raw;
  try {
    name = decodeURIComponent(raw);
  } catch {}
  name = name
    .split(/[\\/]/)
    .pop()!
    // eslint-disable-next-line no-control-regex -- strips control characters from the file name on purpose
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/^\.+/, '')
    .trim();
  return [...name].slice(-100).join('') || '附件';
}

/** The file extensions each accepted type may keep (the one given to other names first). */
const EXTENSIONS: Record<string, string[]> = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
};

/**
 * The name an attachment is stored and served under: its extension comes from the type detected in its bytes, never
 * from the sender (issue 14: "证据.html" served as a PDF kept its .html, and a browser or mail client that trusts the
 * extension would open it as a web page). A name with another extension gets the right one instead of it
 * ("证据.html" → "证据.pdf"), a name without one gets it added; at most 100 characters, extension included.
 */
export function attachmentName(raw: string, mime: string): string {
  const clean = cleanFileName(raw);
  const allowed = EXTENSIONS[mime] ?? ['bin'];
  const m = /^(.*[^.])\.([A-Za-z0-9]{1,10})$/.exec(clean);
  if (m && allowed.includes(m[2]!.toLowerCase())) return clean;
  const ext = `.${allowed[0]}`;
  const base = [...(m ? m[1]! : clean)].slice(0, 100 - ext.length).join('');
  return `${base}${ext}`;
}

/** Upload one attachment for a correction request (before filing it): type by content, size capped, stored once. */
export async function uploadAttachment(db: Db, blobs: BlobStore, disclosureId: string, body: Buffer, rawName: string) {
  const d = await correctable(db, disclosureId);
  const type = await fileTypeFromBuffer(body);
  if (!type || !ATTACHMENT_TYPES.includes(type.mime))
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '附件应为 JPEG、PNG、WebP 图片或 PDF 文件（按文件内容识别，不看扩展名）', {
      detected: type?.mime ?? null,
    });
  const sha256 = await putBuffer(blobs, body);
  const id = crypto.randomUUID();
  const name = attachmentName(rawName, type.mime);
  await repo.insertAttachment(db, {
    id,
    disclosure_id: d.id,
    agency_id: d.agency_id,
    sha256,
    content_type: type.mime,
    size: body.length,
    name,
  });
  return { id, name, contentType: type.mime, size: body.length };
}

export async function fileCorrection(
  db: Db,
  calendar: CalendarService,
  disclosureId: string,
  input: { name: string; contact: string; content: string; attachmentIds?: string[] },
) {
  const d = await correctable(db, disclosureId);
  const ids = [...new Set(input.attachmentIds ?? [])];
  const files = await repo.attachmentsOf(db, d.id, ids);
  if (files.length !== ids.length)
    throw new AppError('VALIDATION_FAILED', '附件无效：请重新上传', { attachmentIds: ids.filter((i) => !files.some((f) => f.id === i)) });
  const attachments = files.map((f) => ({ id: f.id, name: f.name, contentType: f.content_type, size: f.size }));
  const receivedOn = shanghaiDate();
  const due = (await calendar.current(db)).addWorkingDays(receivedOn, CORRECTION_WORKING_DAYS);
  const code = lookupCode();
  await repo.insertCorrection(db, {
    id: crypto.randomUUID(),
    code,
    disclosure_id: d.id,
    agency_id: d.agency_id,
    division_code: d.division_code,
    requester: JSON.stringify({ name: input.name, contact: input.contact }),
    content: input.content,
    attachments: JSON.stringify(attachments),
    received_on: receivedOn,
    due_on: due.date,
  });
  return { code, receivedOn, dueOn: due.date };
}

export async function correctionStatus(db: Db, code: string) {
  const c = await repo.correctionByCode(db, code);
  if (!c) throw notFound('更正申请');
  return {
    code: c.code,
    state: c.state,
    stateLabel: CORRECTION_STATE_LABELS[c.state],
    receivedOn: c.received_on,
    dueOn: c.due_on,
    answer: c.answer,
    answeredOn: c.answered_at ? shanghaiDate(new Date(c.answered_at)) : null,
    documentNumber: (c.record as { documentNumber?: string | null }).documentNumber ?? null,
  };
}

/** Correction requests in the actor's scope, open ones by deadline first. */
export async function listCorrections(ctx: Ctx, f: { state?: 'open' | 'corrected' | 'rejected' }) {
  assertCorrectionReader(ctx.actor);
  const rows = await repo.listCorrections(ctx.db, ctx.actor, f.state);
  const today = shanghaiDate();
  return {
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      disclosureId: r.disclosure_id,
      requester: r.requester,
      content: r.content,
      attachments: r.attachments.map((a) => ({ ...a, name: attachmentName(a.name, a.contentType) })),
      receivedOn: r.received_on,
      dueOn: r.due_on,
      overdue: r.state === 'open' && today > r.due_on,
      state: r.state,
      stateLabel: CORRECTION_STATE_LABELS[r.state],
      answer: r.answer,
      answeredAt: r.answered_at ? new Date(r.answered_at).toISOString() : null,
      documentNumber: (r.record as { documentNumber?: string | null }).documentNumber ?? null,
      partyName: String((r.record as { party?: { name?: string } }).party?.name ?? ''),
    })),
  };
}

/** An attachment of a correction request in the actor's scope, for the editor (every download audited). */
export async function correctionAttachment(ctx: Ctx, blobs: BlobStore, correctionId: string, attachmentId: string) {
  assertCorrectionReader(ctx.actor);
  const c = await repo.findCorrection(ctx.db, ctx.actor, correctionId);
  if (!c || !c.attachments.some((a) => a.id === attachmentId)) throw notFound('附件');
  const [f] = await repo.attachmentsOf(ctx.db, c.disclosure_id, [attachmentId]);
  if (!f) throw notFound('附件');
  await writeAudit(ctx.db, {
    action: 'disclosure.correction.attachment',
    actor: ctx.actor,
    ip: ctx.ip,
    agencyId: c.agency_id,
    subject: attachmentId,
    details: { correctionId },
  });
  // named again from its type: attachments stored before names followed the type keep no misleading extension
  return { stream: await blobs.get(f.sha256), contentType: f.content_type, size: f.size, name: attachmentName(f.name, f.content_type) };
}

/** The answer, once (a correction of the record itself is a new publication of the case's record by the editors). */
export async function answerCorrection(ctx: Ctx, id: string, input: { result: 'corrected' | 'rejected'; answer: string }) {
  assertCorrectionEditor(ctx.actor);
  return inTransaction(ctx.db, async (db) => {
    const c = await repo.findCorrection(db, ctx.actor, id, true);
    if (!c) throw notFound('更正申请');
    if (c.state !== 'open') throw new AppError('DISCLOSURE_STATE', '该更正申请已经答复', { state: c.state });
    await repo.answerCorrection(db, id, { state: input.result, answer: input.answer, answeredBy: ctx.actor.userId });
    await writeAudit(db, {
      action: 'disclosure.correction.answer',
      actor: ctx.actor,
      ip: ctx.ip,
      agencyId: c.agency_id,
      subject: id,
      details: { result: input.result, disclosureId: c.disclosure_id },
    });
    return { id, state: input.result };
  });
}
