// Working-day arithmetic against the server's calendar: from a date, N working days later (the start day not
// counted, 民法典第二百零一条), and what kind of day a date is. Warns when a year without a schedule was involved.
import { useRef, useState } from 'react';
import { Alert, Button, Card, DatePicker, Divider, Form, InputNumber, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatLongDate } from '../../../shared/format.ts';
import type { AddWorkingDaysReply, DayInfo } from '../../../shared/types.ts';

const KIND: Record<DayInfo['kind'], string> = {
  workday: '工作日',
  weekend: '周末休息日',
  holiday: '法定节假日',
  adjustedWorkday: '调休上班日（工作日）',
};

export function missingYearsWarning(years: number[]): string {
  return `该期间涉及尚未加载节假日安排的年份 ${years.map((y) => `${y} 年`).join('、')}，结果仅按周末推算`;
}

export function Calculator() {
  const [from, setFrom] = useState<Dayjs | null>(dayjs());
  const [days, setDays] = useState<number | null>(5);
  const [result, setResult] = useState<(AddWorkingDaysReply & { from: string; days: number }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [probe, setProbe] = useState<Dayjs | null>(null);
  const [dayInfo, setDayInfo] = useState<DayInfo | null>(null);
  const [dayError, setDayError] = useState<string | null>(null);

  // only the newest question's answer is shown (an earlier reply arriving late must not overwrite it)
  const asked = useRef(0);
  const calculate = async () => {
    if (!from || days === null) return;
    const n = ++asked.current;
    setBusy(true);
    setError(null);
    try {
      const f = from.format('YYYY-MM-DD');
      const r = await api.get<AddWorkingDaysReply>('/api/v1/calendar/add-working-days', { from: f, days });
      if (n === asked.current) setResult({ ...r, from: f, days });
    } catch (e) {
      if (n !== asked.current) return;
      setResult(null);
      setError(errorMessage(e));
    } finally {
      if (n === asked.current) setBusy(false);
    }
  };

  const lookUp = async (d: Dayjs | null) => {
    setProbe(d);
    setDayInfo(null);
    setDayError(null);
    if (!d) return;
    try {
      setDayInfo(await api.get<DayInfo>(`/api/v1/calendar/days/${d.format('YYYY-MM-DD')}`));
    } catch (e) {
      setDayError(errorMessage(e));
    }
  };

  return (
    <Card className="sx-card" title="工作日期限推算" data-testid="calculator">
      <Form layout="inline" onFinish={() => void calculate()} style={{ rowGap: 8 }}>
        <Form.Item label="起算日">
          <DatePicker value={from} onChange={setFrom} allowClear={false} data-testid="calc-from" />
        </Form.Item>
        <Form.Item label="工作日数">
          <InputNumber
            min={0}
            max={3650}
            precision={0}
            value={days}
            onChange={(v) => setDays(v)}
            data-testid="calc-days"
            style={{ width: 100 }}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} disabled={!from || days === null} data-testid="calc-submit">
            计算
          </Button>
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        起算日当天不计入（民法典第二百零一条），节假日和周末不计，调休上班日计入。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      {result && (
        <div style={{ marginTop: 12 }} data-testid="calc-result" data-from={result.from} data-days={result.days}>
          <Alert
            type={result.scheduleComplete ? 'success' : 'warning'}
            showIcon
            title={
              <span>
                {result.from} 起 {result.days} 个工作日后为 <strong data-testid="calc-date">{formatLongDate(result.date)}</strong>
              </span>
            }
            description={
              result.scheduleComplete ? undefined : (
                <span data-testid="calc-warning">{missingYearsWarning(result.missingYears)}；待该年度安排加载后请重新计算。</span>
              )
            }
          />
        </div>
      )}
      <Divider style={{ margin: '16px 0' }} />
      <Space wrap>
        <span>查询某日：</span>
        <DatePicker value={probe} onChange={(d) => void lookUp(d)} placeholder="选择日期" data-testid="day-probe" />
        {dayInfo && (
          <Typography.Text data-testid="day-info" type={dayInfo.working ? undefined : 'danger'}>
            {formatLongDate(dayInfo.date)}：{KIND[dayInfo.kind]}
            {dayInfo.name ? `（${dayInfo.name}）` : ''}
            {!dayInfo.scheduleComplete && '；该年度节假日安排尚未加载，仅按周末判断'}
          </Typography.Text>
        )}
        {dayError && <Typography.Text type="danger">{dayError}</Typography.Text>}
      </Space>
    </Card>
  );
}
