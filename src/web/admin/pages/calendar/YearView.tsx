// One year's holiday schedule as twelve month grids (holidays, adjusted workdays, weekends) or as lists.
import { useMemo, useState } from 'react';
import { Alert, Card, Descriptions, Segmented, Skeleton, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useApi } from '../../../shared/useApi.ts';
import { weekday } from '../../../shared/format.ts';
import type { YearSchedule } from '../../../shared/types.ts';

const DOW = ['一', '二', '三', '四', '五', '六', '日'];

function expand(schedule: YearSchedule) {
  const holidays = new Map<string, string>();
  for (const h of schedule.holidays) {
    for (let d = dayjs(h.start); !d.isAfter(dayjs(h.end), 'day'); d = d.add(1, 'day')) holidays.set(d.format('YYYY-MM-DD'), h.name);
  }
  const adjusted = new Map(schedule.adjustedWorkdays.map((w) => [w.date, w.name]));
  return { holidays, adjusted };
}

function MonthGrid({
  year,
  month,
  holidays,
  adjusted,
}: {
  year: number;
  month: number;
  holidays: Map<string, string>;
  adjusted: Map<string, string>;
}) {
  const first = dayjs(new Date(year, month, 1));
  const lead = (first.day() + 6) % 7; // Monday first
  const cells: React.ReactNode[] = DOW.map((d) => (
    <div key={`h${d}`} className="sx-dow">
      {d}
    </div>
  ));
  for (let i = 0; i < lead; i++) cells.push(<div key={`e${i}`} />);
  for (let d = 1; d <= first.daysInMonth(); d++) {
    const date = first.date(d);
    const key = date.format('YYYY-MM-DD');
    const holiday = holidays.get(key);
    const work = adjusted.get(key);
    const weekend = date.day() === 0 || date.day() === 6;
    const cls = holiday ? 'sx-day sx-day-holiday' : work ? 'sx-day sx-day-adjusted' : weekend ? 'sx-day sx-day-weekend' : 'sx-day';
    const title = holiday ? `${key} ${holiday}（休）` : work ? `${key} ${work}调休（班）` : key;
    cells.push(
      <div key={key} className={cls} title={title} data-date={key}>
        {d}
        {(holiday || work) && <span className="sx-day-mark">{holiday ? '休' : '班'}</span>}
      </div>,
    );
  }
  return (
    <div className="sx-month">
      <div className="sx-month-title">{month + 1} 月</div>
      <div className="sx-month-grid">{cells}</div>
    </div>
  );
}

export function YearView({ year }: { year: number }) {
  const [mode, setMode] = useState<'grid' | 'list'>('grid');
  const { data, error, loading } = useApi<YearSchedule>(`/api/v1/calendar/years/${year}`);
  const days = useMemo(() => (data ? expand(data) : null), [data]);

  return (
    <Card
      className="sx-card"
      title={`${year} 年节假日安排`}
      data-testid="year-view"
      extra={
        <Segmented
          value={mode}
          onChange={(v) => setMode(v as 'grid' | 'list')}
          options={[
            { value: 'grid', label: '月历' },
            { value: 'list', label: '列表' },
          ]}
        />
      }
    >
      {error && <Alert type="error" showIcon title={error.message} />}
      {loading && !data && <Skeleton active />}
      {data && days && (
        <>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            style={{ marginBottom: 16 }}
            items={[
              { key: 'title', label: '通知', children: data.title },
              { key: 'notice', label: '文号', children: data.notice },
              ...(data.publishedOn ? [{ key: 'pub', label: '发布日期', children: data.publishedOn }] : []),
              {
                key: 'count',
                label: '内容',
                children: `假期 ${data.holidays.length} 个（共 ${days.holidays.size} 天），调休上班 ${data.adjustedWorkdays.length} 天`,
              },
            ]}
          />
          {mode === 'grid' ? (
            <>
              <div className="sx-legend">
                <span className="l-holiday">法定节假日（休）</span>
                <span className="l-adjusted">调休上班（班）</span>
                <span className="l-weekend">周末</span>
              </div>
              <div className="sx-months">
                {Array.from({ length: 12 }, (_, m) => (
                  <MonthGrid key={m} year={year} month={m} holidays={days.holidays} adjusted={days.adjusted} />
                ))}
              </div>
            </>
          ) : (
            <>
              <Typography.Title level={5}>放假</Typography.Title>
              <Table
                size="small"
                rowKey={(h) => `${h.name}${h.start}`}
                pagination={false}
                dataSource={data.holidays}
                columns={[
                  { title: '节日', dataIndex: 'name' },
                  { title: '起', dataIndex: 'start', render: (v: string) => `${v}（${weekday(v)}）` },
                  { title: '止', dataIndex: 'end', render: (v: string) => `${v}（${weekday(v)}）` },
                  { title: '天数', key: 'days', render: (_: unknown, h) => dayjs(h.end).diff(dayjs(h.start), 'day') + 1 },
                ]}
              />
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                调休上班
              </Typography.Title>
              <Table
                size="small"
                rowKey="date"
                pagination={false}
                dataSource={data.adjustedWorkdays}
                locale={{ emptyText: '本年度没有调休上班日' }}
                columns={[
                  { title: '日期', dataIndex: 'date', render: (v: string) => `${v}（${weekday(v)}）` },
                  { title: '所属节日', dataIndex: 'name' },
                ]}
              />
            </>
          )}
        </>
      )}
    </Card>
  );
}
