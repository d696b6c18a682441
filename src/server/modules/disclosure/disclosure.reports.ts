// What supervisors and the credit system read off the disclosure records: the timeliness board (what is due, overdue,
// published late and by how many working days — the 迟报率 of SPEC §2.3 and §5) per agency and per next-level
// division, and the double-publicity export (行政许可和行政处罚信息双公示, SPEC §2.4) as CSV or Excel.
import { scopeOf } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import { divisionPrefix } from '../../platform/codes.ts';
import { shanghaiDate } from '../../platform/calendar/calendar.dates.ts';
import * as repo from './disclosure.repo.ts';
import { assertReader } from './disclosure.policy.ts';
import * as registryRepo from '../registry/registry.repo.ts';
import { LICENCE_COLUMNS, PENALTY_COLUMNS, licenceRow, penaltyRow, type PublishedRecord } from './disclosure.rules.ts';
import { csvFile, safeRow, type CellValue } from '../../platform/spreadsheet.ts';

const AMOUNT_COLUMNS = ['罚款金额（万元）', '没收违法所得、没收非法财物的金额（万元）'] as const;

interface Counts {
  decisions: number;
  due: number;
  overdue: number;
  onTime: number;
  late: number;
  lateWorkingDays: number;
  excluded: number;
  withdrawn: number;
  lateRate: number;
}
const zero = (): Counts => ({
  decisions: 0,
  due: 0,
  overdue: 0,
  onTime: 0,
  late: 0,
  lateWorkingDays: 0,
  excluded: 0,
  withdrawn: 0,
  lateRate: 0,
});

function rate(c: Counts): Counts {
  // what had to be published by now: published (on time or late) and overdue; not yet due and excluded ones are not
  const owed = c.onTime + c.late + c.overdue;
  return { ...c, lateRate: owed ? Math.round(((c.late + c.overdue) / owed) * 10_000) / 10_000 : 0 };
}

/**
 * The timeliness board for the actor's scope (or a division inside it): per agency and rolled up to the next level of
 * the division tree. Counts are of decisions made in [from, to].
 */
export async function timeliness(ctx: Ctx, f: { from?: string; to?: string; division?: string }) {
  assertReader(ctx.actor, '公示及时性由部门负责人、公示审核员和监督人员查看');
  const today = shanghaiDate();
  const rows = await repo.timelinessByAgency(ctx.db, ctx.actor, {
    from: f.from,
    to: f.to,
    divisionPrefix: f.division ? divisionPrefix(f.division) : undefined,
    today,
  });

  // the level below the one looked at: a supervisor of a city sees its counties, of a county the county itself
  const base = f.division ?? (scopeOf(ctx.actor).kind === 'division' ? ctx.actor.divisionCode! : null);
  const childOf = (code: string) => {
    if (!base) return `${code.slice(0, 2)}0000`; // the whole deployment: by province
    if (base.endsWith('0000')) return `${code.slice(0, 4)}00`; // a province: by city
    return code; // a city: by county (a county: itself)
  };
  const agencies = rows.map((r) =>
    rate({
      decisions: Number(r.decisions),
      due: Number(r.due),
      overdue: Number(r.overdue),
      onTime: Number(r.on_time),
      late: Number(r.late),
      lateWorkingDays: Number(r.late_days),
      excluded: Number(r.excluded),
      withdrawn: Number(r.withdrawn),
      lateRate: 0,
      ...{ agencyId: r.agency_id, agencyName: r.agency_name, divisionCode: r.division_code },
    } as Counts & { agencyId: string; agencyName: string; divisionCode: string }),
  ) as (Counts & { agencyId: string; agencyName: string; divisionCode: string })[];
  const byDivision = new Map<string, Counts>();
  const total = zero();
  for (const a of agencies) {
    const key = childOf(a.divisionCode);
    const c = byDivision.get(key) ?? zero();
    for (const k of ['decisions', 'due', 'overdue', 'onTime', 'late', 'lateWorkingDays', 'excluded', 'withdrawn'] as const) {
      c[k] += a[k];
      total[k] += a[k];
    }
    byDivision.set(key, c);
  }
  const names = byDivision.size ? await registryRepo.divisionNames(ctx.db, [...byDivision.keys()]) : [];
  const nameOf = new Map(names.map((n) => [n.code, n.name]));
  return {
    asOf: today,
    agencies: agencies.sort((a, b) => b.lateRate - a.lateRate || b.overdue - a.overdue || a.agencyName.localeCompare(b.agencyName, 'zh')),
    divisions: [...byDivision]
      .map(([code, c]) => ({ divisionCode: code, divisionName: nameOf.get(code) ?? code, ...rate(c) }))
      .sort((a, b) => b.lateRate - a.lateRate),
    total: rate(total),
  };
}

// ---- double publicity (双公示) --------------------------------------------------------------------------------------

/** Published penalty or licence records in scope, in the 双公示 layout. */
export async function doubleExport(ctx: Ctx, f: { kind: 'penalty' | 'licence'; format: 'csv' | 'xlsx'; from?: string; to?: string }) {
  assertReader(ctx.actor, '双公示数据由部门负责人、公示审核员和监督人员导出');
  const rows = await repo.publishedOfCategory(ctx.db, ctx.actor, f.kind, f);
  const columns = f.kind === 'penalty' ? PENALTY_COLUMNS : LICENCE_COLUMNS;
  const data = rows.map((r) => {
    const p = r.published as unknown as PublishedRecord;
    // the decision act records the fine; confiscation amounts are not a field of it yet
    const row: Record<string, CellValue> = f.kind === 'penalty' ? penaltyRow(p, null) : licenceRow(p);
    // amounts go out as numbers (a spreadsheet sums them; safeCell leaves numbers alone), the rest as text
    for (const k of AMOUNT_COLUMNS) if (typeof row[k] === 'string' && row[k] !== '') row[k] = Number(row[k]);
    return row;
  });
  const name = `${f.kind === 'penalty' ? '行政处罚' : '行政许可'}双公示_${shanghaiDate()}`;
  if (f.format === 'csv')
    return {
      name: `${name}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body: Buffer.from(
        await csvFile(
          columns.map((c) => ({ key: c, header: c })),
          data,
        ),
      ),
    };
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(f.kind === 'penalty' ? '行政处罚' : '行政许可');
  ws.columns = columns.map((c) => ({ header: c, key: c, width: Math.max(12, c.length * 2) }));
  ws.getRow(1).font = { bold: true };
  for (const d of data) ws.addRow(safeRow(d));
  return {
    name: `${name}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
