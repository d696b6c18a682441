// The one rule for cells of every CSV and XLSX the server writes (OWASP CSV Injection; issue 14), table by table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvFile, importedCell, safeCell, safeRow } from './spreadsheet.ts';

test('text that a spreadsheet would read as a formula gets a leading quote; other text and numbers are unchanged', () => {
  const table: [what: string, value: string | number | null | undefined, want: string | number][] = [
    ['=', '=HYPERLINK("http://evil.example","x")', `'=HYPERLINK("http://evil.example","x")`],
    ['+', '+86 138 0000 0000', "'+86 138 0000 0000"],
    ['-', "-2+3+cmd|' /c calc'!A0", "'-2+3+cmd|' /c calc'!A0"],
    ['@', '@SUM(1+1)', "'@SUM(1+1)"],
    ['tab', '\t=1+1', "'\t=1+1"],
    ['carriage return', '\r=1+1', "'\r=1+1"],
    ['NUL (ASVS V1.2.10)', '\0x', "'\0x"],
    ['blanks before =', '  =1+1', "'  =1+1"],
    ['ideographic space before =', '\u3000=1+1', "'\u3000=1+1"],
    ['full-width ＝', '＝1+1', "'＝1+1"],
    ['full-width －', '－1', "'－1"],
    ['a negative number as text is text', '-5', "'-5"],
    ['plain Chinese', '奈曼旗某某网吧', '奈曼旗某某网吧'],
    ['= inside', '罚款=5000元', '罚款=5000元'],
    ['a quote already first stays as it is', "'=1", "'=1"],
    ['empty', '', ''],
    ['null', null, ''],
    ['undefined', undefined, ''],
    ['a negative number stays a number', -5, -5],
    ['a number', 0.5, 0.5],
    ['not a number', Number.NaN, ''],
  ];
  for (const [what, value, want] of table) assert.deepEqual(safeCell(value), want, what);
});

test('rows, the CSV file, and the way back from an imported workbook', async () => {
  assert.deepEqual(safeRow(['=1', 2, '-x', '正常']), ["'=1", 2, "'-x", '正常']);
  assert.deepEqual(safeRow({ a: '@x', b: -1 }), { a: "'@x", b: -1 });
  const csv = await csvFile(
    [
      { key: 'name', header: '名称' },
      { key: 'amount', header: '金额' },
    ],
    [
      { name: '=1+1', amount: -12.5 },
      { name: '"引号",逗号', amount: null },
    ],
  );
  assert.equal(csv, '\ufeff名称,金额\n\'=1+1,-12.5\n"""引号"",逗号",\n');
  for (const v of ['=1+1', '+x', '-x', '@x', '\t=x', '  =x', '＝x', '普通', "'普通", "'"])
    assert.equal(importedCell(String(safeCell(v))), v, v);
});
