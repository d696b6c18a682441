// CSV and Excel files the server writes: every cell through the shared cell rule (src/shared/cells.ts: CSV
// injection, issue 14), which the web's CSV export uses too.
import { safeCell, safeRow, type CellValue } from '../../shared/cells.ts';
export { safeCell, safeRow, importedCell, type CellValue } from '../../shared/cells.ts';

/** A CSV file (UTF-8 with a BOM, so that spreadsheet programs read the Chinese) with a header row; every cell made safe. */
export async function csvFile(
  columns: readonly { key: string; header: string }[],
  rows: readonly Record<string, CellValue>[],
): Promise<string> {
  const { stringify } = await import('csv-stringify/sync'); // loaded when an export is made, not at start-up
  return (
    '\ufeff' +
    stringify(
      rows.map((r) => safeRow(r)),
      { header: true, columns: columns.map((c) => ({ key: c.key, header: String(safeCell(c.header)) })) },
    )
  );
}
