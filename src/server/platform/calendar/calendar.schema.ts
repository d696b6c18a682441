// One year's official holiday arrangement, as published by the General Office of the State Council
// (国务院办公厅关于XXXX年部分节假日安排的通知), listing the days off and the weekend days made working days (调休上班).
import { z } from 'zod';
import { daysFromCivil, formatDay, isWeekendDay, parseDay } from './calendar.dates.ts';

/**
 * A notice for year Y may reach back into the last days of December of Y-1 because the New Year's Day
 * arrangement can straddle the year boundary: 国办发明电〔2022〕16号 gives 元旦 as 2022-12-31..2023-01-02, and the
 * 2012 notice made 2011-12-31 (Saturday) a working day. Such dates are accepted from this month-day on.
 */
export const PRIOR_YEAR_REACH_FROM = { month: 12, day: 25 } as const;

/** Longest plausible single holiday range (sanity guard against typos; the longest so far is 10 days, 2020 春节). */
const MAX_HOLIDAY_DAYS = 31;

const isoDate = z.string().refine((s) => parseDay(s) !== null, { message: '应为真实存在的日期，格式 YYYY-MM-DD' });

export const holidaySchema = z
  .object({
    name: z.string().trim().min(1),
    start: isoDate,
    end: isoDate,
  })
  .strict();

export const adjustedWorkdaySchema = z
  .object({
    name: z.string().trim().min(1),
    date: isoDate,
  })
  .strict();

export const yearScheduleSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    /** Document number(s) of the notice(s), e.g. "国办发明电〔2024〕12号"; several are joined with "；". */
    notice: z
      .string()
      .trim()
      .regex(/〔\d{4}〕\d+号/, '应包含通知文号，例如 国办发明电〔2024〕12号'),
    title: z.string().trim().min(1),
    publishedOn: isoDate.optional(),
    holidays: z.array(holidaySchema).min(1),
    adjustedWorkdays: z.array(adjustedWorkdaySchema),
  })
  .strict()
  .superRefine((s, ctx) => {
    const yearStart = daysFromCivil(s.year, 1, 1);
    const yearEnd = daysFromCivil(s.year, 12, 31);
    const reachFrom = daysFromCivil(s.year - 1, PRIOR_YEAR_REACH_FROM.month, PRIOR_YEAR_REACH_FROM.day);
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const inScope = (day: number) => day >= reachFrom && day <= yearEnd;

    const holidayDays = new Map<number, number>(); // day -> index of the holiday listing it
    s.holidays.forEach((h, i) => {
      const start = parseDay(h.start),
        end = parseDay(h.end);
      if (start === null || end === null) return; // already reported by the field schema
      if (start > end) return issue(['holidays', i, 'end'], '结束日期不能早于开始日期');
      if (end < yearStart || !inScope(start) || !inScope(end)) {
        return issue(['holidays', i], `假期应在 ${s.year} 年内结束，且不早于 ${formatDay(reachFrom)} 开始`);
      }
      if (end - start + 1 > MAX_HOLIDAY_DAYS) return issue(['holidays', i], `假期超过 ${MAX_HOLIDAY_DAYS} 天`);
      for (let d = start; d <= end; d++) {
        const other = holidayDays.get(d);
        if (other !== undefined) issue(['holidays', i], `${formatDay(d)} 与第 ${other + 1} 个假期重复`);
        else holidayDays.set(d, i);
      }
    });

    const workdays = new Set<number>();
    s.adjustedWorkdays.forEach((w, i) => {
      const day = parseDay(w.date);
      if (day === null) return;
      if (!inScope(day)) issue(['adjustedWorkdays', i, 'date'], `日期应在 ${s.year} 年内（或不早于 ${formatDay(reachFrom)}）`);
      // An adjusted workday (调休上班) is by definition a Saturday or Sunday made a working day.
      if (!isWeekendDay(day)) issue(['adjustedWorkdays', i, 'date'], '调休上班日必须是星期六或星期日');
      if (workdays.has(day)) issue(['adjustedWorkdays', i, 'date'], '调休上班日重复');
      workdays.add(day);
      const h = holidayDays.get(day);
      if (h !== undefined) issue(['adjustedWorkdays', i, 'date'], `与第 ${h + 1} 个假期重叠`);
    });
  });

export type YearSchedule = z.infer<typeof yearScheduleSchema>;
export type Holiday = z.infer<typeof holidaySchema>;
export type AdjustedWorkday = z.infer<typeof adjustedWorkdaySchema>;
