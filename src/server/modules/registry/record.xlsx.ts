// Reading and writing the registry's Excel workbooks (exceljs). The column definitions are in record.columns.ts.
// exceljs is loaded on first use: it is large and most server processes never touch a workbook.
import type ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors.ts';
import { cellText, type Column } from './record.columns.ts';
import { importedCell, safeRow } from '../../platform/spreadsheet.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MAX_IMPORT_ROWS = 10_000;

const loadExcel = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;

export interface SheetRows {
  headers: string[];
  rows: { rowNumber: number; cells: string[] }[];
}

/** The first worksheet's header row and data rows as text; empty rows are skipped. */
export async function readSheet(buffer: Buffer): Promise<SheetRows> {
  const wb = new (await loadExcel()).Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppError('IMPORT_INVALID', '无法读取该文件：请上传 Excel 工作簿（.xlsx），可先下载导入模板', { errors: [] });
  }
  const ws = wb.worksheets[0];
  if (!ws || ws.rowCount < 1) throw new AppError('IMPORT_INVALID', '工作簿中没有工作表或表头', { errors: [] });
  const width = ws.getRow(1).cellCount;
  const headers = Array.from({ length: width }, (_, i) => cellText(ws.getRow(1).getCell(i + 1).value as never));
  const rows: SheetRows['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    // a cell our export neutralised (a leading ' before = + - @) reads as what was exported
    const cells = Array.from({ length: width }, (_, i) => importedCell(cellText(row.getCell(i + 1).value as never)));
    if (cells.some((c) => c !== '')) rows.push({ rowNumber, cells });
  });
  if (rows.length > MAX_IMPORT_ROWS) throw new AppError('IMPORT_INVALID', `一次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入`, { errors: [] });
  return { headers, rows };
}

/** A workbook with one sheet: the columns' headers, then the rows. `extra` columns follow and are ignored on import. */
export async function writeSheet(
  title: string,
  columns: Column[],
  rows: string[][],
  extra: { header: string; width?: number }[] = [],
  notes: string[] = [],
): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'Sanxiang 三项';
  const ws = wb.addWorksheet(title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    ...columns.map((c) => ({ header: c.required ? `${c.header}*` : c.header, width: c.width ?? 16 })),
    ...extra.map((e) => ({ header: e.header, width: e.width ?? 14 })),
  ];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  for (const r of rows) ws.addRow(safeRow(r)); // text that could start a formula gets a leading ' (platform/spreadsheet.ts)
  // text cells stay text (certificate numbers with leading zeros, dates typed as text)
  ws.eachRow((row) => row.eachCell((cell) => (cell.numFmt = '@')));
  if (notes.length) {
    const help = wb.addWorksheet('填写说明');
    help.columns = [{ header: '说明', width: 100 }];
    for (const n of notes) help.addRow(safeRow([n]));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Header text as written (a trailing * marks required columns). */
export const plainHeader = (h: string) => h.replace(/\*$/, '').trim();
