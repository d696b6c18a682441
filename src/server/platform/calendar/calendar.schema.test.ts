/* eslint-disable @typescript-eslint/no-explicit-any -- the schedules here are loose JSON, broken on purpose (wrong types, extra keys, deletions) */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { yearScheduleSchema, type YearSchedule } from './calendar.schema.ts';

// A valid base schedule (the real 2025 arrangement, 国办发明电〔2024〕12号, shortened).
function base(): YearSchedule {
  return {
    year: 2025,
    notice: '国办发明电〔2024〕12号',
    title: '国务院办公厅关于2025年部分节假日安排的通知',
    publishedOn: '2024-11-12',
    holidays: [
      { name: '元旦', start: '2025-01-01', end: '2025-01-01' },
      { name: '春节', start: '2025-01-28', end: '2025-02-04' },
    ],
    adjustedWorkdays: [
      { name: '春节', date: '2025-01-26' },
      { name: '春节', date: '2025-02-08' },
    ],
  };
}

function rejects(mutate: (s: any) => void, pattern?: RegExp): void {
  const s: any = structuredClone(base());
  mutate(s);
  const r = yearScheduleSchema.safeParse(s);
  assert.equal(r.success, false, JSON.stringify(s));
  if (pattern) assert.match(r.error!.message, pattern);
}

test('accepts a valid schedule (publishedOn optional, adjusted workdays may be empty)', () => {
  assert.equal(yearScheduleSchema.safeParse(base()).success, true);
  const s: any = base();
  delete s.publishedOn;
  s.adjustedWorkdays = [];
  assert.equal(yearScheduleSchema.safeParse(s).success, true);
});

test('accepts a New Year holiday reaching back into late December (国办发明电〔2022〕16号: 2022-12-31..2023-01-02)', () => {
  const s = {
    ...base(),
    year: 2023,
    notice: '国办发明电〔2022〕16号',
    holidays: [{ name: '元旦', start: '2022-12-31', end: '2023-01-02' }],
    adjustedWorkdays: [],
  };
  assert.equal(yearScheduleSchema.safeParse(s).success, true);
  // …and an adjusted workday on the Saturday before New Year, as the 2012 notice made 2011-12-31 (placeholder number).
  const t = {
    ...base(),
    year: 2012,
    notice: '测试〔2011〕1号',
    holidays: [{ name: '元旦', start: '2012-01-01', end: '2012-01-03' }],
    adjustedWorkdays: [{ name: '元旦', date: '2011-12-31' }],
  };
  assert.equal(yearScheduleSchema.safeParse(t).success, true);
});

test('rejects unreal or malformed dates', () => {
  rejects((s) => {
    s.holidays[0].start = '2025-02-30';
  }, /真实存在的日期/);
  rejects((s) => {
    s.holidays[0].end = '2025-1-1';
  });
  rejects((s) => {
    s.adjustedWorkdays[0].date = '2025-02-29';
  });
  rejects((s) => {
    s.publishedOn = '2024-11-31';
  });
  rejects((s) => {
    s.holidays[0].start = 20250101;
  });
});

test('rejects an adjusted workday on a weekday', () => {
  rejects((s) => {
    s.adjustedWorkdays[0].date = '2025-03-04';
  }, /星期六或星期日/); // a Tuesday
  rejects((s) => {
    s.adjustedWorkdays[0].date = '2025-01-24';
  }, /星期六或星期日/); // a Friday
});

test('rejects a holiday overlapping an adjusted workday, overlapping holidays and duplicate workdays', () => {
  rejects((s) => {
    s.adjustedWorkdays[0].date = '2025-02-01';
  }, /与第 2 个假期重叠/); // Sat inside 春节
  rejects((s) => {
    s.holidays.push({ name: '重复', start: '2025-02-04', end: '2025-02-05' });
  }, /假期重复/);
  rejects((s) => {
    s.adjustedWorkdays.push({ name: '春节', date: '2025-02-08' });
  }, /调休上班日重复/);
});

test('rejects unknown fields at every level', () => {
  rejects((s) => {
    s.source = 'gov.cn';
  });
  rejects((s) => {
    s.holidays[0].days = 1;
  });
  rejects((s) => {
    s.adjustedWorkdays[0].weekday = 'Sun';
  });
});

test('rejects dates outside the year, reversed ranges and bad header fields', () => {
  rejects((s) => {
    s.holidays[0] = { name: 'x', start: '2024-06-01', end: '2024-06-01' };
  }, /应在 2025 年内结束/);
  rejects((s) => {
    s.holidays[0] = { name: 'x', start: '2024-12-01', end: '2025-01-01' };
  }); // reaches back too far
  rejects((s) => {
    s.holidays[0] = { name: 'x', start: '2025-12-31', end: '2026-01-01' };
  }); // into the next year
  rejects((s) => {
    s.adjustedWorkdays[0].date = '2026-01-03';
  }, /应在 2025 年内/);
  rejects((s) => {
    s.adjustedWorkdays[0].date = '2024-06-01';
  }, /应在 2025 年内/);
  rejects((s) => {
    s.holidays[1] = { name: '春节', start: '2025-02-04', end: '2025-01-28' };
  }, /不能早于开始日期/);
  rejects((s) => {
    s.holidays[1] = { name: '春节', start: '2025-01-28', end: '2025-04-04' };
  }, /假期超过/);
  rejects((s) => {
    s.year = 1999;
  });
  rejects((s) => {
    s.year = 2025.5;
  });
  rejects((s) => {
    s.year = '2025';
  });
  rejects((s) => {
    s.notice = '通知';
  }, /通知文号/);
  rejects((s) => {
    s.title = ' ';
  });
  rejects((s) => {
    s.holidays = [];
  });
  rejects((s) => {
    s.holidays[0].name = '';
  });
  rejects((s) => {
    delete s.adjustedWorkdays;
  });
});
