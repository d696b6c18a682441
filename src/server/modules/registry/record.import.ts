// Excel import and export of officers and lists (SPEC §7: agencies keep these in spreadsheets today). An import
// validates every row and either drafts all of them (new records, or revisions of the records they match) or
// none, answering a per-row error report in Chinese. Drafts then go through the usual second-person review.
import crypto from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { AppError } from '../../platform/errors.ts';
import { textProblem } from '../../platform/input-text.ts';
import { writeAudit } from '../../platform/audit.ts';
import { inTransaction, type Ctx } from '../../platform/context.ts';
import * as repo from './record.repo.ts';
import { RECORD_KINDS, parseData, type RecordData, type RecordKind } from './record.kinds.ts';
import { IMPORT_COLUMNS, dataToRow, rowKey, rowToData, type Column } from './record.columns.ts';
import { plainHeader, readSheet, writeSheet } from './record.xlsx.ts';
import { assertMayDraft } from './record.policy.ts';
import { listRecords } from './record.service.ts';

export interface RowError {
  row: number;
  column: string | null;
  message: string;
}

const MAX_REPORTED = 1000;

export function columnsOf(kind: RecordKind): Column[] {
  const columns = IMPORT_COLUMNS[kind];
  if (!columns) throw new AppError('BAD_REQUEST', `${RECORD_KINDS[kind].label}不支持 Excel 导入导出，请在页面上逐条登记`);
  return columns;
}

const EXPORT_EXTRA = [
  { header: '公示状态', width: 10 },
  { header: '已发布版本', width: 10 },
  { header: '最近修改', width: 18 },
];

export async function importRecords(ctx: Ctx, kind: RecordKind, file: Buffer, o: { agencyId?: string; note?: string }) {
  const columns = columnsOf(kind);
  const agencyId = o.agencyId ?? ctx.actor.agencyId;
  if (!agencyId) throw new AppError('BAD_REQUEST', '请指定所属执法部门（agency）');
  assertMayDraft(ctx.actor, agencyId);
  const sheet = await readSheet(file);

  // headers: every required column present; unknown headers refused (a typo would silently drop a column)
  const known = new Map(columns.map((c) => [c.header, c]));
  const ignored = new Set(EXPORT_EXTRA.map((e) => e.header));
  const errors: RowError[] = [];
  const order: (Column | null)[] = sheet.headers.map((h) => {
    const name = plainHeader(h);
    if (!name || ignored.has(name)) return null;
    const c = known.get(name);
    if (!c) errors.push({ row: 1, column: name, message: `未知的列“${name}”，请使用导入模板的表头` });
    return c ?? null;
  });
  for (const c of columns)
    if (c.required && !order.includes(c)) errors.push({ row: 1, column: c.header, message: `缺少必填列“${c.header}”` });
  if (errors.length) throw invalid(errors, 0);
  if (!sheet.rows.length) throw new AppError('IMPORT_INVALID', '表格中没有数据行', { errors: [] });

  const present = order.filter((c): c is Column => !!c);
  const parsed: { row: number; key: string; data: RecordData }[] = [];
  const seen = new Map<string, number>();
  for (const { rowNumber, cells } of sheet.rows) {
    // a cell written as _x0000_ in the sheet's XML decodes to U+0000, which the database cannot store
    const bad = order.flatMap((c, i) =>
      c && textProblem(cells[i] ?? '') ? [{ row: rowNumber, column: c.header, message: `此列${textProblem(cells[i]!)}` }] : [],
    );
    if (bad.length) {
      errors.push(...bad);
      continue;
    }
    const { data, problems } = rowToData(
      present,
      order.flatMap((c, i) => (c ? [cells[i] ?? ''] : [])),
    );
    for (const p of problems) errors.push({ row: rowNumber, column: p.column.header, message: p.message });
    if (problems.length) continue;
    const r = parseData(kind, data);
    if (!r.success) {
      for (const issue of r.error.issues) {
        const path = issue.path.map(String);
        const column = columns.find((c) => c.key === path.slice(0, 2).join('.')) ?? columns.find((c) => c.key === path[0]);
        const empty = issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined;
        errors.push({ row: rowNumber, column: column?.header ?? null, message: empty ? '此列必填，不能为空' : issue.message });
      }
      continue;
    }
    const value = r.data as RecordData;
    const key = rowKey(kind, value);
    const first = seen.get(key);
    if (first) errors.push({ row: rowNumber, column: kind === 'officer' ? '执法证号' : null, message: `与第 ${first} 行重复` });
    else seen.set(key, rowNumber);
    parsed.push({ row: rowNumber, key, data: value });
  }

  return inTransaction(ctx.db, async (db) => {
    const existing = new Map<string, Awaited<ReturnType<typeof repo.latestVersions>>[number]>();
    for (const r of await repo.latestVersions(db, agencyId, kind)) existing.set(rowKey(kind, r.data as RecordData), r);
    if (kind === 'officer') {
      const holders = await repo.certificateHolders(
        db,
        parsed.map((p) => String(p.data.certificateNumber)),
      );
      for (const p of parsed) {
        const holder = holders.get(String(p.data.certificateNumber));
        if (holder && holder !== existing.get(p.key)?.id)
          errors.push({ row: p.row, column: '执法证号', message: `执法证号 ${String(p.data.certificateNumber)} 已登记给另一名执法人员` });
      }
    }
    const creates: typeof parsed = [];
    const revisions: { p: (typeof parsed)[number]; recordId: string; versionNo: number }[] = [];
    let unchanged = 0;
    for (const p of parsed) {
      const e = existing.get(p.key);
      if (!e) creates.push(p);
      else if (!e.decision)
        errors.push({ row: p.row, column: null, message: `该条目的第 ${e.version_no} 版尚在审核中，请等审核完成后再导入修改` });
      else if (e.action === 'publish' && isDeepStrictEqual(e.data, p.data) && e.decision === 'approved') unchanged++;
      else revisions.push({ p, recordId: e.id, versionNo: e.version_no + 1 });
    }
    if (errors.length) throw invalid(errors, sheet.rows.length);

    const note = o.note?.trim() || 'Excel 批量导入';
    const newRecords = creates.map((p) => ({ id: crypto.randomUUID(), p }));
    await repo.insertRecordsBulk(
      db,
      newRecords.map((r) => ({ id: r.id, agencyId, kind, createdBy: ctx.actor.userId })),
    );
    await repo.insertVersionsBulk(db, [
      ...newRecords.map((r) => ({
        recordId: r.id,
        agencyId,
        versionNo: 1,
        data: r.p.data,
        note,
        createdBy: ctx.actor.userId,
        createdByName: ctx.actor.displayName,
      })),
      ...revisions.map((r) => ({
        recordId: r.recordId,
        agencyId,
        versionNo: r.versionNo,
        data: r.p.data,
        note,
        createdBy: ctx.actor.userId,
        createdByName: ctx.actor.displayName,
      })),
    ]);
    const result = { rows: sheet.rows.length, created: creates.length, revised: revisions.length, unchanged };
    await writeAudit(db, { action: 'registry.import', actor: ctx.actor, ip: ctx.ip, agencyId, subject: kind, details: result });
    return result;
  });
}

function invalid(errors: RowError[], rows: number) {
  const sorted = errors.sort((a, b) => a.row - b.row);
  const badRows = new Set(sorted.map((e) => e.row)).size;
  return new AppError(
    'IMPORT_INVALID',
    `导入未完成：${rows ? `${rows} 行中` : ''}有 ${badRows} 行共 ${errors.length} 处错误，所有行均未导入。请按错误清单修改后重新上传`,
    {
      errors: sorted.slice(0, MAX_REPORTED),
      truncated: errors.length > MAX_REPORTED,
    },
  );
}

const STATE_LABELS = { pending: '待审核', approved: '已发布', rejected: '已退回', withdrawn: '已撤回' } as const;

/** The agency's records of a kind as a workbook with the import columns (so an export can be edited and re-imported). */
export async function exportRecords(ctx: Ctx, kind: RecordKind, f: { agency?: string; state?: repo.ListFilter['state']; q?: string }) {
  const columns = columnsOf(kind);
  const rows: string[][] = [];
  for (let page = 1; ; page++) {
    const { items, total } = await listRecords(ctx, { kind, ...f, page, pageSize: 200, sort: 'title' });
    for (const i of items) {
      rows.push([
        ...dataToRow(columns, i.data),
        i.retired ? '已撤下' : STATE_LABELS[i.latestStatus],
        i.publishedVersionNo ? String(i.publishedVersionNo) : '',
        i.updatedAt.slice(0, 16).replace('T', ' '),
      ]);
    }
    if (page * 200 >= total || page >= 500) break;
  }
  return writeSheet(RECORD_KINDS[kind].label, columns, rows, EXPORT_EXTRA);
}

export async function importTemplate(kind: RecordKind) {
  const columns = columnsOf(kind);
  return writeSheet(
    RECORD_KINDS[kind].label,
    columns,
    [],
    [],
    [
      `${RECORD_KINDS[kind].label}导入模板。第一行为表头，请勿修改；带 * 的列必填。`,
      '日期写作 2025-01-31（也可用 2025/1/31 或 2025年1月31日）。多个值（如执法类别）用顿号、逗号或换行分隔。',
      ...columns.filter((c) => c.labels).map((c) => `“${c.header}”填写：${Object.values(c.labels!).join('、')}`),
      '导入时逐行校验：只要有一行有误，整个文件都不会导入，并列出每一行的错误；修改后重新上传即可。',
      '与已登记条目匹配的行（执法人员按执法证号，事项按编码或名称）生成修改草稿，其余行生成新登记草稿；草稿经审核通过后公示。',
    ],
  );
}
