// Wording for the holiday-schedule JSON: field paths in the server's validation issues, in Chinese.
const FIELD: Record<string, string> = {
  year: '年份',
  notice: '通知文号',
  title: '通知标题',
  publishedOn: '发布日期',
  holidays: '假期',
  adjustedWorkdays: '调休上班日',
  name: '名称',
  start: '开始日期',
  end: '结束日期',
  date: '日期',
};

/** "holidays.0.end" → "假期第 1 项 · 结束日期"; "" → "整个文件". */
export function describePath(path: string): string {
  if (!path) return '整个文件';
  const parts = path.split('.');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const next = parts[i + 1];
    if (next !== undefined && /^\d+$/.test(next)) {
      out.push(`${FIELD[p] ?? p}第 ${Number(next) + 1} 项`);
      i++;
    } else out.push(FIELD[p] ?? p);
  }
  return out.join(' · ');
}

/** What a schedule file looks like (shown to administrators next to the upload). */
export const SCHEDULE_EXAMPLE = `{
  "year": 2026,
  "notice": "国办发明电〔2025〕7号",
  "title": "国务院办公厅关于2026年部分节假日安排的通知",
  "publishedOn": "2025-11-04",
  "holidays": [
    { "name": "元旦", "start": "2026-01-01", "end": "2026-01-03" },
    { "name": "春节", "start": "2026-02-15", "end": "2026-02-23" }
  ],
  "adjustedWorkdays": [
    { "name": "元旦", "date": "2026-01-04" },
    { "name": "春节", "date": "2026-02-14" }
  ]
}`;
