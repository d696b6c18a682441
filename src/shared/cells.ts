// The cells of every CSV and Excel file the server writes go through here (issue 14: CSV injection). A spreadsheet
// program reads a cell that starts with = + - @ (or a tab or carriage return) as a formula: a party name or a case
// cause typed as `=HYPERLINK("http://…","点击")` or `=cmd|' /c calc'!A1` would run on the machine of whoever opens the
// export. Following OWASP's CSV Injection guidance (and ASVS 5 V1.2.10), such text gets a leading single quote,
// which the spreadsheet takes as "this is text" and does not show. The same holds for an .xlsx file: exceljs writes
// text cells as text, but the formula comes back to life when someone edits the cell or saves the sheet as CSV.
//
// Numbers are passed as numbers and stay numbers (a negative fine is a number, not a formula); only text is
// prefixed. Leading blanks are looked through (" =1+1" is read as a formula by some programs), and the full-width
// forms ＝＋－＠ that Chinese input methods produce are treated like their ASCII forms.

export type CellValue = string | number | null | undefined;

const FORMULA_START = /^[\s\u3000\0]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\0]/;

/** A cell as written to a CSV or workbook: text that could start a formula gets a leading '; numbers stay numbers. */
export function safeCell(v: CellValue): string | number {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? v : '';
  return FORMULA_START.test(v) ? `'${v}` : v;
}

/** A row's cells made safe (an array of cells or a record of them). */
export function safeRow<T extends readonly CellValue[] | Record<string, CellValue>>(
  row: T,
): T extends readonly CellValue[] ? (string | number)[] : Record<string, string | number> {
  return (Array.isArray(row) ? row.map(safeCell) : Object.fromEntries(Object.entries(row).map(([k, v]) => [k, safeCell(v)]))) as never;
}

/** A cell read back from a workbook the server wrote: the quote `safeCell` added is taken off again. */
export const importedCell = (text: string) => (text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text);
