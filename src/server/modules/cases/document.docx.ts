// A document model (document.templates.ts) as a Word file: A4, the agency's name and the title centred, the number
// (文号) under the title, label/value tables, sections, lists, the fixed legal text, signature lines and, at the foot,
// the ledger reference that lets a reader check the printed record against the tamper-evident one.
// `docx` is loaded on first use so that a server that never prints does not carry it.
import type { DocumentView } from './document.templates.ts';
import { formatInstant } from './document.templates.ts';

const BODY_FONT = 'FangSong';
const TITLE_FONT = 'SimHei';

export async function documentToDocx(doc: DocumentView): Promise<Buffer> {
  const d = await import('docx');
  const run = (text: string, o: { bold?: boolean; size?: number; font?: string } = {}) =>
    new d.TextRun({ text, bold: o.bold, size: o.size ?? 24, font: o.font ?? BODY_FONT });
  const para = (
    text: string,
    o: { bold?: boolean; size?: number; font?: string; align?: 'center' | 'right'; indent?: boolean; after?: number } = {},
  ) =>
    new d.Paragraph({
      alignment: o.align === 'center' ? d.AlignmentType.CENTER : o.align === 'right' ? d.AlignmentType.RIGHT : d.AlignmentType.LEFT,
      indent: o.indent ? { firstLine: 480 } : undefined,
      spacing: { after: o.after ?? 80, line: 360 },
      children: [run(text, o)],
    });
  const cell = (text: string, o: { bold?: boolean; width?: number } = {}) =>
    new d.TableCell({
      width: o.width ? { size: o.width, type: d.WidthType.PERCENTAGE } : undefined,
      margins: { top: 60, bottom: 60, left: 100, right: 100 },
      children: text.split('\n').map((line) => new d.Paragraph({ children: [run(line, { bold: o.bold, size: 22 })] })),
    });
  const table = (rows: string[][], header: string[] | null, widths?: number[]) =>
    new d.Table({
      width: { size: 100, type: d.WidthType.PERCENTAGE },
      rows: [
        ...(header
          ? [new d.TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, { bold: true, width: widths?.[i] })) })]
          : []),
        ...rows.map((r) => new d.TableRow({ children: r.map((v, i) => cell(v, { bold: !header && i === 0, width: widths?.[i] })) })),
      ],
    });

  const children: (InstanceType<typeof d.Paragraph> | InstanceType<typeof d.Table>)[] = [
    para(doc.agencyName, { align: 'center', size: 32, font: TITLE_FONT, after: 120 }),
    para(doc.title, { align: 'center', size: 40, bold: true, font: TITLE_FONT, after: 120 }),
  ];
  if (doc.number) children.push(para(doc.number, { align: 'center', after: 240 }));
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'fields':
        children.push(
          table(
            b.rows.map((r) => [r.label, r.value]),
            null,
            [28, 72],
          ),
          para(''),
        );
        break;
      case 'section':
        children.push(para(b.title, { bold: true, font: TITLE_FONT }));
        for (const line of b.text.split('\n')) children.push(para(line, { indent: true }));
        break;
      case 'table':
        children.push(para(b.title, { bold: true, font: TITLE_FONT }), table(b.rows, b.columns), para(''));
        break;
      case 'notice':
        children.push(para(b.text, { indent: true }));
        break;
      case 'signatures':
        children.push(para(''), ...b.lines.map((l) => para(l, { after: 240 })));
        break;
    }
  }
  const r = doc.record;
  const foot = [
    `记录人：${r.recordedBy}　记录时间：${formatInstant(r.recordedAt)}`,
    `账本序号：${r.ledgerSeq ?? '待写入'}　内容哈希：${r.contentHash}`,
    ...(r.corrects ? [`本记录更正${r.corrects}；更正理由：${r.correctionReason ?? ''}`] : []),
    ...(r.correctedBy ? ['本记录已被更正，以更正后的记录为准。'] : []),
  ];
  children.push(para(''), ...foot.map((t) => para(t, { size: 18 })));

  const file = new d.Document({
    creator: 'Sanxiang',
    title: `${doc.title} ${doc.number ?? doc.caseNumber}`,
    description: `案号 ${doc.caseNumber}`,
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1588, right: 1474 } } },
        footers: {
          default: new d.Footer({
            children: [
              new d.Paragraph({
                alignment: d.AlignmentType.CENTER,
                children: [
                  run(`${doc.caseNumber}　第 `, { size: 18 }),
                  new d.TextRun({ children: [d.PageNumber.CURRENT], size: 18 }),
                  run(' 页', { size: 18 }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return d.Packer.toBuffer(file);
}
