// 工作日历: the loaded years (official shipped files and administrator loads), one year as month grids or lists,
// the working-day calculator; administrators load a new year's schedule.
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Row, Table, Tag, Tooltip, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useUser } from '../../auth.tsx';
import { can } from '../../menu.tsx';
import { useApi } from '../../../shared/useApi.ts';
import { formatDateTime } from '../../../shared/format.ts';
import type { CalendarYearSummary, Items } from '../../../shared/types.ts';
import { Calculator } from './Calculator.tsx';
import { LoadScheduleModal } from './LoadScheduleModal.tsx';
import { YearView } from './YearView.tsx';

export default function CalendarPage() {
  const user = useUser();
  const manage = can(user, 'manageCalendar');
  const { message } = App.useApp();
  const years = useApi<Items<CalendarYearSummary>>('/api/v1/calendar/years');
  const [picked, setSelected] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const items = years.data?.items ?? [];
  const thisYear = dayjs().year();
  const missingSoon = [thisYear, thisYear + 1].filter(
    (y) => years.data && !items.some((i) => i.year === y) && (y === thisYear || dayjs().month() >= 9),
  );
  // the year shown: the one picked, else this year when loaded, else the latest loaded
  const selected = picked ?? (items.length ? (items.some((i) => i.year === thisYear) ? thisYear : items[items.length - 1]!.year) : null);

  return (
    <div>
      <div className="sx-page-header">
        <Typography.Title level={3}>工作日历</Typography.Title>
        {manage && (
          // The State Council's schedule holds for the whole deployment: only a deployment-wide administrator loads it.
          <Tooltip title={user.divisionCode ? '节假日安排全国统一，由全系统管理员加载' : undefined}>
            <Button
              type="primary"
              icon={<UploadOutlined />}
              onClick={() => setLoading(true)}
              disabled={!!user.divisionCode}
              data-testid="load-schedule"
            >
              加载年度安排
            </Button>
          </Tooltip>
        )}
      </div>

      {missingSoon.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="missing-year-alert"
          title={`${missingSoon.map((y) => `${y} 年`).join('、')}节假日安排尚未加载`}
          description={
            manage && !user.divisionCode
              ? '国务院办公厅发布该年度部分节假日安排的通知后，请点击“加载年度安排”上传；在此之前涉及该年度的期限仅按周末推算。'
              : '在系统管理员加载该年度安排之前，涉及该年度的期限仅按周末推算，请留意核对。'
          }
        />
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card title="已加载的年度安排" className="sx-card" styles={{ body: { paddingTop: 8 } }}>
            {years.error && <Alert type="error" showIcon title={years.error.message} />}
            <Table<CalendarYearSummary>
              rowKey="year"
              size="small"
              data-testid="year-table"
              loading={years.loading}
              dataSource={[...items].sort((a, b) => b.year - a.year)}
              pagination={false}
              scroll={{ x: 560 }}
              onRow={(r) => ({
                onClick: () => setSelected(r.year),
                style: { cursor: 'pointer', background: r.year === selected ? '#e6effa' : undefined },
              })}
              locale={{
                emptyText: (
                  <Empty
                    description={
                      manage
                        ? '尚未加载任何年份的节假日安排。请点击右上角“加载年度安排”，上传国务院办公厅通知整理的 JSON 文件。'
                        : '尚未加载任何年份的节假日安排，期限仅按周末推算。请联系系统管理员加载。'
                    }
                  />
                ),
              }}
              columns={[
                { title: '年份', dataIndex: 'year', width: 70 },
                {
                  title: '通知文号',
                  dataIndex: 'notice',
                  render: (v: string, r) => (
                    <span title={r.title}>
                      {v.split('；').map((n) => (
                        <div key={n}>{n}</div>
                      ))}
                    </span>
                  ),
                },
                {
                  title: '来源',
                  dataIndex: 'source',
                  width: 96,
                  render: (s: CalendarYearSummary['source']) =>
                    s === 'shipped' ? <Tag color="blue">官方内置</Tag> : <Tag color="green">管理员加载</Tag>,
                },
                {
                  title: '加载人 / 时间',
                  key: 'loaded',
                  render: (_: unknown, r) =>
                    r.source === 'loaded' ? (
                      <span>
                        {r.loadedBy ?? '—'}
                        <br />
                        {formatDateTime(r.loadedAt)}
                      </span>
                    ) : (
                      <span style={{ whiteSpace: 'nowrap' }}>随系统发布</span>
                    ),
                },
                {
                  title: '假期/调休',
                  key: 'counts',
                  width: 90,
                  render: (_: unknown, r) => `${r.holidayCount} / ${r.adjustedWorkdayCount}`,
                },
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
              点击某一年查看其节假日安排。
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Calculator />
        </Col>
      </Row>

      {selected !== null && (
        <div style={{ marginTop: 16 }}>
          <YearView key={selected} year={selected} />
        </div>
      )}

      {manage && (
        <LoadScheduleModal
          open={loading}
          loadedYears={items}
          onClose={() => setLoading(false)}
          onLoaded={(s) => {
            setLoading(false);
            message.success(`已加载 ${s.year} 年节假日安排（${s.notice}）`);
            years.reload();
            setSelected(s.year);
          }}
        />
      )}
    </div>
  );
}
