// The working-day calendar in force: the shipped official schedules (data/*.json) plus the years an administrator
// loaded (calendar_schedules, append-only; a newer load of a year supersedes older ones and the shipped file).
// Processes sharing a database (server and CLI) see each other's loads: the version is re-checked on every use.
import { AppError } from '../errors.ts';
import { writeAudit } from '../audit.ts';
import { requireRole, scopeOf } from '../access.ts';
import type { Ctx } from '../context.ts';
import type { Db } from '../db.ts';
import { WorkingDayCalendar } from './calendar.rules.ts';
import { yearScheduleSchema, type YearSchedule } from './calendar.schema.ts';
import { loadShippedSchedules } from './shipped.ts';
import * as repo from './calendar.repo.ts';

export interface YearSummary {
  year: number;
  notice: string;
  title: string;
  source: 'shipped' | 'loaded';
  loadedAt: string | null;
  loadedBy: string | null;
  holidayCount: number;
  adjustedWorkdayCount: number;
}

export class CalendarService {
  private readonly shipped = loadShippedSchedules();
  private version = '';
  private calendar = new WorkingDayCalendar(this.shipped);
  private summaries: YearSummary[] = [];

  /** The calendar with every schedule loaded so far. */
  async current(db: Db): Promise<WorkingDayCalendar> {
    const version = await repo.schedulesVersion(db);
    if (version !== this.version || !this.summaries.length) await this.reload(db, version);
    return this.calendar;
  }

  async years(db: Db): Promise<YearSummary[]> {
    await this.current(db);
    return this.summaries;
  }

  async schedule(db: Db, year: number): Promise<YearSchedule | undefined> {
    await this.current(db);
    return this.byYear.get(year);
  }

  private byYear = new Map<number, YearSchedule>();

  private async reload(db: Db, version: string): Promise<void> {
    const loaded = await repo.latestSchedules(db);
    const byYear = new Map<number, YearSchedule>(this.shipped.map((s) => [s.year, s]));
    const meta = new Map<number, { at: Date; by: string | null }>();
    for (const row of loaded) {
      byYear.set(row.year, yearScheduleSchema.parse(row.schedule));
      meta.set(row.year, { at: row.loaded_at, by: row.username });
    }
    this.byYear = byYear;
    this.calendar = new WorkingDayCalendar([...byYear.values()]);
    this.summaries = [...byYear.values()]
      .sort((a, b) => a.year - b.year)
      .map((s) => ({
        year: s.year,
        notice: s.notice,
        title: s.title,
        source: meta.has(s.year) ? 'loaded' : 'shipped',
        loadedAt: meta.get(s.year)?.at.toISOString() ?? null,
        loadedBy: meta.get(s.year)?.by ?? null,
        holidayCount: s.holidays.length,
        adjustedWorkdayCount: s.adjustedWorkdays.length,
      }));
    this.version = version;
  }

  /** An administrator loads a year's schedule (API, UI or CLI). */
  async loadYear(ctx: Ctx, input: unknown): Promise<YearSummary> {
    requireRole(ctx.actor, 'administrator');
    // The State Council's schedule holds for the whole deployment: a division-scoped administrator may not change it.
    if (scopeOf(ctx.actor).kind !== 'all') throw new AppError('FORBIDDEN', '节假日安排全国统一，只能由全系统管理员加载');
    const parsed = yearScheduleSchema.safeParse(input);
    if (!parsed.success)
      throw new AppError(
        'INVALID_SCHEDULE',
        `节假日安排格式有误：${parsed.error.issues.map((i) => `${i.path.join('.') || '(根)'} ${i.message}`).join('；')}`,
        {
          issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        },
      );
    const schedule = parsed.data;
    // The new year must agree with its neighbours (a notice may reach back into late December of the year before).
    await this.current(ctx.db);
    try {
      new WorkingDayCalendar([...[...this.byYear.values()].filter((s) => s.year !== schedule.year), schedule]);
    } catch (e) {
      throw new AppError('INVALID_SCHEDULE', `节假日安排与已加载的其他年份冲突：${(e as Error).message}`);
    }
    await repo.insertSchedule(ctx.db, { year: schedule.year, schedule, loadedBy: ctx.actor.userId });
    await writeAudit(ctx.db, {
      action: 'calendar.load',
      actor: ctx.actor,
      ip: ctx.ip,
      subject: String(schedule.year),
      details: { notice: schedule.notice },
    });
    const years = await this.years(ctx.db);
    return years.find((y) => y.year === schedule.year)!;
  }
}
