// 法制审核 list: reviewers see the agency's reviews (theirs first with "mine"), heads the whole agency's, officers the
// reviews of their cases, supervisors every review of their division — with the overdue ones at a click (SPEC §5).
// Filtered by state, searched, sorted and exported as shown.
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Checkbox, Input, Select, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useApi } from '../../../shared/useApi.ts';
import { downloadCsv } from '../../../shared/csv.ts';
import { useServerSort } from '../../../shared/table.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { REVIEW_OUTCOME_LABELS, REVIEW_STATE_LABELS, REVIEW_STATES, type ReviewSummary } from '../../../shared/review/types.ts';
import { DeadlineText, ReviewStateTag } from './ReviewParts.tsx';

type SortKey = 'dueOn' | 'submittedAt' | 'updatedAt';

export default function LegalReviewsPage() {
  const [state, setState] = useState<string[]>([]);
  const [mine, setMine] = useState(false);
  const [overdue, setOverdue] = useState(false);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const { sort, sortable, onChange } = useServerSort<SortKey>({ key: 'updatedAt', order: 'desc' });
  const list = useApi<{ total: number; items: ReviewSummary[] }>('/api/v1/reviews', {
    state: state.length ? state.join(',') : undefined,
    mine: mine || undefined,
    overdue: overdue || undefined,
    q: q.trim() || undefined,
    sort: sort.key,
    order: sort.order,
    page,
    pageSize: 20,
  });
  const rows = list.data?.items ?? [];
  const exportCsv = () =>
    downloadCsv(
      '法制审核.csv',
      [
        { title: '案号', value: (r: ReviewSummary) => r.caseNumber },
        { title: '案由', value: (r) => r.cause },
        { title: '当事人', value: (r) => r.partyName },
        { title: '状态', value: (r) => r.stateLabel },
        { title: '审核人员', value: (r) => r.reviewerName },
        { title: '提请人', value: (r) => r.submittedBy },
        { title: '收到日期', value: (r) => r.receivedOn },
        { title: '审核期限', value: (r) => r.deadline.dueOn },
        { title: '已超期', value: (r) => (r.deadline.overdue ? '是' : '否') },
        { title: '审核结论', value: (r) => (r.outcome ? REVIEW_OUTCOME_LABELS[r.outcome] : '') },
        { title: '完成时间', value: (r) => formatDateTime(r.completedAt) },
      ],
      rows,
    );
  return (
    <Card className="sx-card" data-testid="reviews-page">
      <div className="sx-page-header">
        <Typography.Title level={3}>法制审核</Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">
        重大执法决定作出前须经法制审核，未经审核或审核未通过的不得作出决定（000
        第二十五条）。承办人在案件页面“提请法制审核”；审核人员逐项审核后出具意见，意见书记入案卷和防篡改账本。
      </Typography.Paragraph>
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
      <Space wrap className="sx-toolbar">
        <Input.Search
          allowClear
          placeholder="案号、案由、当事人"
          style={{ width: 220 }}
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
          data-testid="review-search"
        />
        <Select
          mode="multiple"
          allowClear
          placeholder="全部状态"
          style={{ minWidth: 180 }}
          value={state}
          onChange={(v) => {
            setState(v);
            setPage(1);
          }}
          options={REVIEW_STATES.map((s) => ({ value: s, label: REVIEW_STATE_LABELS[s] }))}
          data-testid="review-state-filter"
        />
        <Checkbox
          checked={mine}
          onChange={(e) => {
            setMine(e.target.checked);
            setPage(1);
          }}
          data-testid="review-mine"
        >
          与我有关
        </Checkbox>
        <Checkbox
          checked={overdue}
          onChange={(e) => {
            setOverdue(e.target.checked);
            setPage(1);
          }}
          data-testid="review-overdue"
        >
          已超期
        </Checkbox>
        <Button icon={<DownloadOutlined />} onClick={exportCsv} disabled={!rows.length}>
          导出 CSV
        </Button>
      </Space>
      <Table<ReviewSummary>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={rows}
        scroll={{ x: 900 }}
        data-testid="review-table"
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 条` }}
        onChange={onChange}
        locale={{ emptyText: overdue ? '没有超期的法制审核。' : '尚无法制审核。承办人在案件页面记录拟处理决定后，点击“提请法制审核”。' }}
        columns={[
          { title: '案号', dataIndex: 'caseNumber', render: (n: string, r) => <Link to={`/reviews/${r.id}`}>{n}</Link> },
          {
            title: '案由 / 当事人',
            key: 'cause',
            render: (_: unknown, r) => (
              <>
                {r.cause}
                <div className="sx-muted">{r.partyName}</div>
              </>
            ),
          },
          { title: '状态', key: 'state', width: 150, render: (_: unknown, r) => <ReviewStateTag r={r} /> },
          { title: '期限', ...sortable('dueOn'), render: (_: unknown, r) => <DeadlineText r={r} /> },
          { title: '审核人员', dataIndex: 'reviewerName', width: 100, render: (n: string | null) => n ?? '待分配' },
          { title: '提请时间', ...sortable('submittedAt'), width: 140, render: (_: unknown, r) => formatDateTime(r.submittedAt) },
        ]}
      />
    </Card>
  );
}
