// Export table rows to a CSV file that Excel (zh-CN) opens correctly: UTF-8 with BOM, CRLF line ends, quoted cells.
import { saveBlob } from './files.ts';
import { safeCell } from '../../shared/cells.ts';

export interface CsvColumn<T> {
  title: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

function cell(v: string | number | boolean | null | undefined): string {
  // Text that a spreadsheet would run as a formula gets a leading ' (CSV injection), by the server's one rule.
  const s = String(safeCell(typeof v === 'boolean' ? String(v) : v));
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv<T>(columns: CsvColumn<T>[], rows: readonly T[]): string {
  const lines = [columns.map((c) => cell(c.title)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export function downloadCsv<T>(filename: string, columns: CsvColumn<T>[], rows: readonly T[]): void {
  saveBlob(new Blob([toCsv(columns, rows)], { type: 'text/csv;charset=utf-8' }), filename);
}
