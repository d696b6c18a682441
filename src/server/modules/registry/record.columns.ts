// Spreadsheet columns of the registry kinds that agencies keep in Excel today (officers and the lists): Chinese
// headers, how a cell becomes a data field and back, and the key that matches a row to an existing record.
// Pure: the workbook itself is read and written in record.xlsx.ts.
import { ACT_CATEGORY_LABELS, type RecordData, type RecordKind } from './record.kinds.ts';

type Cell = string | number | boolean | Date | null | undefined;

export interface Column {
  /** Field of the record's data ("legalQualification.certificateNumber" for nested fields). */
  key: string;
  header: string;
  type: 'text' | 'list' | 'date' | 'enum';
  /** enum: value → Chinese label (either is accepted on import; the label is written on export). */
  labels?: Record<string, string>;
  required?: boolean;
  width?: number;
}

const actCategory: Column = {
  key: 'actCategory',
  header: '执法行为类别',
  type: 'enum',
  labels: ACT_CATEGORY_LABELS,
  required: true,
  width: 14,
};

export const IMPORT_COLUMNS: Partial<Record<RecordKind, Column[]>> = {
  officer: [
    { key: 'name', header: '姓名', type: 'text', required: true, width: 10 },
    { key: 'gender', header: '性别', type: 'enum', labels: { 男: '男', 女: '女' }, required: true, width: 6 },
    { key: 'post', header: '岗位', type: 'text', required: true, width: 24 },
    { key: 'certificateNumber', header: '执法证号', type: 'text', required: true, width: 18 },
    { key: 'categories', header: '执法类别', type: 'list', required: true, width: 20 },
    { key: 'area', header: '执法区域', type: 'text', required: true, width: 14 },
    { key: 'validFrom', header: '有效期起', type: 'date', required: true, width: 12 },
    { key: 'validTo', header: '有效期止', type: 'date', required: true, width: 12 },
    { key: 'status', header: '证件状态', type: 'enum', labels: { valid: '有效', suspended: '暂扣', revoked: '吊销' }, width: 10 },
    { key: 'legalQualification.certificateNumber', header: '法律职业资格证书编号', type: 'text', width: 22 },
    { key: 'legalQualification.obtainedOn', header: '法律职业资格取得日期', type: 'date', width: 14 },
  ],
  enforcementItem: [
    { key: 'code', header: '事项编码', type: 'text', width: 16 },
    { key: 'name', header: '事项名称', type: 'text', required: true, width: 40 },
    actCategory,
    { key: 'basis', header: '实施依据', type: 'text', required: true, width: 50 },
    { key: 'implementingBody', header: '实施主体', type: 'text', required: true, width: 20 },
    { key: 'responsibleBody', header: '承办机构', type: 'text', required: true, width: 20 },
  ],
  inspectionItem: [
    { key: 'name', header: '抽查事项', type: 'text', required: true, width: 36 },
    { key: 'body', header: '检查主体', type: 'text', required: true, width: 20 },
    { key: 'basis', header: '检查依据', type: 'text', required: true, width: 40 },
    { key: 'targets', header: '检查对象', type: 'text', required: true, width: 20 },
    { key: 'content', header: '检查内容', type: 'text', required: true, width: 30 },
    { key: 'ratio', header: '抽查比例', type: 'text', required: true, width: 10 },
    { key: 'method', header: '检查方式', type: 'text', required: true, width: 16 },
    { key: 'frequency', header: '抽查频次', type: 'text', required: true, width: 10 },
  ],
  avItem: [
    { key: 'name', header: '执法环节', type: 'text', required: true, width: 30 },
    actCategory,
    {
      key: 'level',
      header: '记录要求',
      type: 'enum',
      labels: { none: '文字记录', av: '音像记录', fullAv: '全过程音像记录' },
      required: true,
      width: 16,
    },
    { key: 'basis', header: '依据', type: 'text', width: 40 },
  ],
  majorCatalogueItem: [
    { key: 'name', header: '重大执法决定事项', type: 'text', required: true, width: 36 },
    actCategory,
    { key: 'criteria', header: '认定标准', type: 'text', required: true, width: 40 },
    { key: 'basis', header: '依据', type: 'text', width: 40 },
  ],
  feeItem: [
    { key: 'name', header: '收费项目', type: 'text', required: true, width: 30 },
    { key: 'basis', header: '收费依据', type: 'text', required: true, width: 40 },
    { key: 'standard', header: '收费标准', type: 'text', required: true, width: 30 },
    { key: 'payer', header: '缴费对象', type: 'text', width: 20 },
  ],
  remedyChannel: [
    {
      key: 'kind',
      header: '类别',
      type: 'enum',
      labels: { reconsideration: '行政复议', litigation: '行政诉讼', complaint: '投诉举报', supervision: '执法监督' },
      required: true,
      width: 12,
    },
    { key: 'body', header: '受理机关', type: 'text', required: true, width: 30 },
    { key: 'address', header: '地址', type: 'text', width: 30 },
    { key: 'phone', header: '电话', type: 'text', width: 16 },
    { key: 'deadline', header: '申请期限', type: 'text', width: 20 },
    { key: 'note', header: '说明', type: 'text', width: 30 },
  ],
};

export const importableKinds = () => Object.keys(IMPORT_COLUMNS) as RecordKind[];

/** The key matching a row to an existing record of the agency: certificate number, item code, or name. */
export function rowKey(kind: RecordKind, data: RecordData): string {
  if (kind === 'officer') return `cert:${String(data.certificateNumber)}`;
  if (kind === 'enforcementItem' && data.code) return `code:${String(data.code)}`;
  if (kind === 'remedyChannel') return `remedy:${String(data.kind)}:${String(data.body)}`;
  return `name:${String(data.name)}`;
}

/** A cell's value as text ('' when empty); Excel rich text and formula results included. */
export function cellText(v: Cell | { richText?: { text: string }[]; result?: Cell; text?: string }): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v && v.richText)
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in v) return cellText(v.result as Cell);
    if ('text' in v && typeof v.text === 'string') return v.text.trim();
    return '';
  }
  return String(v).trim();
}

/** Date cells: Excel dates, 'YYYY-MM-DD', 'YYYY/M/D', 'YYYY.M.D' or 'YYYY年M月D日'. Returns the text unchanged otherwise (validation reports it). */
export function normalizeDate(text: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : text;
}

const splitList = (text: string) =>
  text
    .split(/[\n,，;；、]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Build a record's data from one row (cells by column). Problems the schema cannot see (unknown enum labels) are returned. */
export function rowToData(columns: Column[], cells: string[]): { data: RecordData; problems: { column: Column; message: string }[] } {
  const data: RecordData = {};
  const problems: { column: Column; message: string }[] = [];
  columns.forEach((c, i) => {
    const text = cells[i] ?? '';
    if (text === '') return;
    let value: unknown = text;
    if (c.type === 'list') value = splitList(text);
    else if (c.type === 'date') value = normalizeDate(text);
    else if (c.type === 'enum') {
      const entry = Object.entries(c.labels!).find(([k, label]) => k === text || label === text);
      if (!entry) return problems.push({ column: c, message: `应为 ${Object.values(c.labels!).join('、')} 之一` });
      value = entry[0];
    } else if (c.key === 'certificateNumber') value = text.toUpperCase();
    const [head, sub] = c.key.split('.') as [string, string | undefined];
    if (sub) data[head] = { ...((data[head] as object | undefined) ?? {}), [sub]: value };
    else data[head] = value;
  });
  return { data, problems };
}

/** The cells of a record for export (the same columns import reads). */
export function dataToRow(columns: Column[], data: RecordData): string[] {
  return columns.map((c) => {
    const [head, sub] = c.key.split('.') as [string, string | undefined];
    const v = sub ? (data[head] as Record<string, unknown> | null | undefined)?.[sub] : data[head];
    if (v === undefined || v === null) return '';
    if (Array.isArray(v)) return v.join('、');
    if (c.type === 'enum') return c.labels![String(v)] ?? String(v);
    return String(v);
  });
}
