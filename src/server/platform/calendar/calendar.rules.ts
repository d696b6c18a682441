// Working-day calendar for legal deadlines counted in working days (工作日), following the State Council's
// annual holiday arrangements (国务院办公厅关于XXXX年部分节假日安排的通知). Pure logic, no I/O.
//
// Counting rule (民法典 第二百零一条): 按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算 —
// the day an interval starts from is never counted.
import { PRIOR_YEAR_REACH_FROM, yearScheduleSchema, type YearSchedule } from './calendar.schema.ts';
import { daysFromCivil, formatDay, isWeekendDay, parseDay, yearOfDay } from './calendar.dates.ts';

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjustedWorkday';

export interface DayInfo {
  date: string;
  working: boolean;
  kind: DayKind;
  /** Holiday name from the notice, for 'holiday' and 'adjustedWorkday' days. */
  name?: string;
  /** Document number of the notice designating the day, for 'holiday' and 'adjustedWorkday' days. */
  notice?: string;
  /** False when a notice that governs this day is not loaded (the day was classified by weekday only). */
  scheduleComplete: boolean;
}

/** Inclusive date range during which counting is suspended (e.g. 法制审核 paused while materials are supplemented). */
export interface PausedInterval {
  start: string;
  end: string;
}

export interface CountOptions {
  paused?: readonly PausedInterval[];
}

export interface AddResult {
  date: string;
  scheduleComplete: boolean;
  /** Years whose notice was needed but not loaded, ascending. */
  missingYears: number[];
}

export interface BetweenResult {
  days: number;
  scheduleComplete: boolean;
  missingYears: number[];
}

/** Largest `days` accepted by addWorkingDays (roughly 14 years of working days). */
export const MAX_WORKING_DAYS = 3650;

const MAX_DAY = parseDay('9999-12-31')!;

interface Designation {
  kind: 'holiday' | 'adjustedWorkday';
  name: string;
  notice: string;
}

/** Walks days forward, tracking the calendar year without recomputing it for every day. */
class YearCursor {
  year: number;
  private nextYearStart: number;
  private reachFrom: number; // first day of this year that the next year's notice may still govern

  constructor(day: number) {
    this.year = yearOfDay(day);
    this.nextYearStart = daysFromCivil(this.year + 1, 1, 1);
    this.reachFrom = daysFromCivil(this.year, PRIOR_YEAR_REACH_FROM.month, PRIOR_YEAR_REACH_FROM.day);
  }

  advanceTo(day: number): void {
    if (day < this.nextYearStart) return;
    this.year = yearOfDay(day);
    this.nextYearStart = daysFromCivil(this.year + 1, 1, 1);
    this.reachFrom = daysFromCivil(this.year, PRIOR_YEAR_REACH_FROM.month, PRIOR_YEAR_REACH_FROM.day);
  }

  /** Years whose notices govern `day` (which must be in `this.year`). */
  governingYears(day: number): number[] {
    return day >= this.reachFrom ? [this.year, this.year + 1] : [this.year];
  }
}

export class WorkingDayCalendar {
  readonly #years = new Set<number>();
  readonly #designations = new Map<number, Designation>();

  constructor(schedules: readonly YearSchedule[]) {
    for (const raw of schedules) {
      const s = yearScheduleSchema.parse(raw);
      if (this.#years.has(s.year)) throw new Error(`duplicate holiday schedule for ${s.year}`);
      this.#years.add(s.year);
      for (const h of s.holidays) {
        for (let d = parseDay(h.start)!; d <= parseDay(h.end)!; d++) {
          this.#designate(d, { kind: 'holiday', name: h.name, notice: s.notice });
        }
      }
      for (const w of s.adjustedWorkdays) {
        this.#designate(parseDay(w.date)!, { kind: 'adjustedWorkday', name: w.name, notice: s.notice });
      }
    }
  }

  #designate(day: number, d: Designation): void {
    const existing = this.#designations.get(day);
    if (existing && existing.kind !== d.kind) {
      throw new Error(`${formatDay(day)} is a ${existing.kind} in ${existing.notice} but a ${d.kind} in ${d.notice}`);
    }
    if (!existing) this.#designations.set(day, d);
  }

  loadedYears(): number[] {
    return [...this.#years].sort((a, b) => a - b);
  }

  hasYear(year: number): boolean {
    return this.#years.has(year);
  }

  isWorkingDay(date: string): { working: boolean; scheduleComplete: boolean } {
    const { working, scheduleComplete } = this.dayInfo(date);
    return { working, scheduleComplete };
  }

  dayInfo(date: string): DayInfo {
    const day = requireDate(date, 'date');
    const missing = new Set<number>();
    this.#noteMissing(new YearCursor(day).governingYears(day), missing);
    const scheduleComplete = missing.size === 0;
    const d = this.#designations.get(day);
    if (d) return { date, working: d.kind === 'adjustedWorkday', kind: d.kind, name: d.name, notice: d.notice, scheduleComplete };
    const weekend = isWeekendDay(day);
    return { date, working: !weekend, kind: weekend ? 'weekend' : 'workday', scheduleComplete };
  }

  /**
   * The `days`-th working day after `from` (the start day itself is not counted, 民法典 §201);
   * `days` = 0 returns `from`. Days inside `opts.paused` are not counted.
   */
  addWorkingDays(from: string, days: number, opts: CountOptions = {}): AddResult {
    let day = requireDate(from, 'from');
    if (!Number.isInteger(days) || days < 0 || days > MAX_WORKING_DAYS) {
      throw new RangeError(`days must be an integer in 0..${MAX_WORKING_DAYS}, got ${String(days)}`);
    }
    const paused = normalizePaused(opts.paused);
    const missing = new Set<number>();
    const cursor = new YearCursor(day);
    let counted = 0;
    while (counted < days) {
      day = this.#nextCountable(day, paused);
      if (day > MAX_DAY) throw new RangeError('result is beyond 9999-12-31');
      cursor.advanceTo(day);
      this.#noteMissing(cursor.governingYears(day), missing);
      if (this.#working(day)) counted++;
    }
    return { date: formatDay(day), ...completeness(missing) };
  }

  /**
   * Number of working days in the half-open interval (from, to] — 0 when to <= from — so that
   * workingDaysBetween(a, addWorkingDays(a, n).date).days === n. Days inside `opts.paused` are not counted.
   */
  workingDaysBetween(from: string, to: string, opts: CountOptions = {}): BetweenResult {
    const start = requireDate(from, 'from');
    const end = requireDate(to, 'to');
    const paused = normalizePaused(opts.paused);
    const missing = new Set<number>();
    let days = 0;
    if (end > start) {
      const cursor = new YearCursor(start);
      for (let day = this.#nextCountable(start, paused); day <= end; day = this.#nextCountable(day, paused)) {
        cursor.advanceTo(day);
        this.#noteMissing(cursor.governingYears(day), missing);
        if (this.#working(day)) days++;
      }
    }
    return { days, ...completeness(missing) };
  }

  /** First day after `day` that is not inside a paused interval. */
  #nextCountable(day: number, paused: readonly [number, number][]): number {
    let next = day + 1;
    for (const [s, e] of paused) {
      // sorted and merged, so one pass suffices
      if (next >= s && next <= e) next = e + 1;
    }
    return next;
  }

  #working(day: number): boolean {
    const d = this.#designations.get(day);
    return d ? d.kind === 'adjustedWorkday' : !isWeekendDay(day);
  }

  #noteMissing(years: number[], missing: Set<number>): void {
    for (const y of years) if (!this.#years.has(y)) missing.add(y);
  }
}

function completeness(missing: Set<number>): { scheduleComplete: boolean; missingYears: number[] } {
  return { scheduleComplete: missing.size === 0, missingYears: [...missing].sort((a, b) => a - b) };
}

function requireDate(value: unknown, what: string): number {
  const day = parseDay(value);
  if (day === null) throw new RangeError(`${what} must be a real date in YYYY-MM-DD form, got ${JSON.stringify(value)}`);
  return day;
}

/** Validates paused intervals and returns them as sorted, merged [start, end] day numbers. */
function normalizePaused(paused: readonly PausedInterval[] | undefined): [number, number][] {
  if (paused === undefined) return [];
  if (!Array.isArray(paused)) throw new RangeError('paused must be an array of { start, end }');
  const ranges = paused
    .map((p, i): [number, number] => {
      const s = requireDate(p?.start, `paused[${i}].start`);
      const e = requireDate(p?.end, `paused[${i}].end`);
      if (e < s) throw new RangeError(`paused[${i}]: end ${p.end} is before start ${p.start}`);
      return [s, e];
    })
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else merged.push(r);
  }
  return merged;
}
