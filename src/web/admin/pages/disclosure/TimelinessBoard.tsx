// 公示及时性: per agency and per next-level division, how many decisions were due, are overdue, were published on time
// or late (in working days) — the 迟报率 supervisors check (SPEC §2.3, §5) — as a chart and a table, exportable.
import { useMemo, useState } from 'react';
import { Alert, Button, DatePicker, Empty, Space, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useApi } from '../../../shared/useApi.ts';
import { downloadCsv } from '../../../shared/csv.ts';
import { BarsChart } from '../../../shared/Chart.tsx';
import type { TimelinessReply } from '../../../shared/disclosure/types.ts';

type Row = TimelinessReply['agencies'][number];
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export default function TimelinessBoard() {
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const board = useApi<TimelinessReply>('/api/v1/disclosures/timeliness', {
    from: range?.[0]?.format('YYYY-MM-DD'),
    to: range?.[1]?.format('YYYY-MM-DD'),
  });
  const agencies = useMemo(() => board.data?.agencies ?? [], [board.data]);
  const chart = useMemo(() => {
    const top = agencies.slice(0, 15);
    return {
      categories: top.map((a) => a.agencyName),
      series: [
        { name: '按期公示', values: top.map((a) => a.onTime), stack: 'n', color: '#52c41a' },
        { name: '超期公示', values: top.map((a) => a.late), stack: 'n', color: '#faad14' },
        { name: '超期未公示', values: top.map((a) => a.overdue), stack: 'n', color: '#f5222d' },
        { name: '未到期', values: top.map((a) => a.due), stack: 'n', color: '#91caff' },
      ],
    };
  }, [agencies]);
  const exportCsv = () =>
    downloadCsv(
      '公示及时性.csv',
      [
        { title: '执法部门', value: (r: Row) => r.agencyName },
        { title: '行政区划', value: (r) => r.divisionCode },
        { title: '决定数', value: (r) => String(r.decisions) },
        { title: '未到期', value: (r) => String(r.due) },
        { title: '超期未公示', value: (r) => String(r.overdue) },
        { title: '按期公示', value: (r) => String(r.onTime) },
        { title: '超期公示', value: (r) => String(r.late) },
        { title: '超期工作日合计', value: (r) => String(r.lateWorkingDays) },
        { title: '不予公开', value: (r) => String(r.excluded) },
        { title: '已撤下', value: (r) => String(r.withdrawn) },
        { title: '迟报率', value: (r) => pct(r.lateRate) },
      ],
      agencies,
    );
  const t = board.data?.total;
  return (
    <div data-testid="timeliness-board">
      {board.error && <Alert type="error" showIcon title={board.error.message} style={{ marginBottom: 12 }} />}
      <Space wrap className="sx-toolbar">
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)}
          placeholder={['决定日期起', '决定日期止']}
        />
        <Button icon={<DownloadOutlined />} onClick={exportCsv} disabled={!agencies.length}>
          导出 CSV
        </Button>
      </Space>
      {t && (
        <Space wrap size="large" style={{ marginBottom: 16 }}>
          <Statistic title="执法决定" value={t.decisions} />
          <Statistic title="超期未公示" value={t.overdue} styles={{ content: { color: t.overdue ? '#cf1322' : undefined } }} />
          <Statistic title="超期公示" value={t.late} suffix={t.late ? `（共 ${t.lateWorkingDays} 个工作日）` : ''} />
          <Statistic title="迟报率" value={pct(t.lateRate)} />
        </Space>
      )}
      {agencies.length ? (
        <>
          <Typography.Title level={5}>各部门公示情况（迟报率高的在前，最多 15 个）</Typography.Title>
          <BarsChart categories={chart.categories} series={chart.series} testId="timeliness-chart" />
        </>
      ) : (
        !board.loading && <Empty description="所选期间没有执法决定。案件中作出决定后，这里按部门统计公示是否及时。" />
      )}
      <Table<Row>
        rowKey="agencyId"
        size="small"
        loading={board.loading}
        dataSource={agencies}
        scroll={{ x: 800 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        style={{ marginTop: 16 }}
        columns={[
          { title: '执法部门', dataIndex: 'agencyName', sorter: (a, b) => a.agencyName.localeCompare(b.agencyName, 'zh') },
          { title: '决定数', dataIndex: 'decisions', sorter: (a, b) => a.decisions - b.decisions, width: 90 },
          { title: '未到期', dataIndex: 'due', width: 80 },
          { title: '超期未公示', dataIndex: 'overdue', sorter: (a, b) => a.overdue - b.overdue, width: 110 },
          { title: '按期公示', dataIndex: 'onTime', width: 90 },
          {
            title: '超期公示（工作日）',
            key: 'late',
            width: 150,
            render: (_: unknown, r) => (r.late ? `${r.late}（${r.lateWorkingDays}）` : 0),
          },
          { title: '不予公开', dataIndex: 'excluded', width: 90 },
          { title: '迟报率', dataIndex: 'lateRate', sorter: (a, b) => a.lateRate - b.lateRate, width: 90, render: (v: number) => pct(v) },
        ]}
      />
      {(board.data?.divisions.length ?? 0) > 1 && (
        <Table
          rowKey="divisionCode"
          size="small"
          dataSource={board.data!.divisions}
          pagination={false}
          style={{ marginTop: 16 }}
          title={() => '按行政区划汇总'}
          columns={[
            { title: '行政区划', dataIndex: 'divisionName' },
            { title: '决定数', dataIndex: 'decisions' },
            { title: '超期未公示', dataIndex: 'overdue' },
            { title: '超期公示', dataIndex: 'late' },
            { title: '迟报率', dataIndex: 'lateRate', render: (v: number) => pct(v) },
          ]}
        />
      )}
    </div>
  );
}
