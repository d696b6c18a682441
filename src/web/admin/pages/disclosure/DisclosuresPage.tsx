// 执法公示: the decisions waiting for publication (created by the decision itself), what is overdue and by how many
// working days, the timeliness board with its chart, correction requests from the public, and the 双公示 export.
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useApi } from '../../../shared/useApi.ts';
import { downloadCsv } from '../../../shared/csv.ts';
import { useServerSort } from '../../../shared/table.ts';
import { downloadFile } from '../../../shared/files.ts';
import { errorMessage } from '../../../shared/api.ts';
import { ACT_CATEGORY_LABELS } from '../../../shared/registry/labels.ts';
import { STATE_COLORS, STATE_LABELS, type DisclosureSummary } from '../../../shared/disclosure/types.ts';
import { useUser } from '../../auth.tsx';
import { can } from '../../menu.tsx';
import TimelinessBoard from './TimelinessBoard.tsx';
import CorrectionsTable from './CorrectionsTable.tsx';

type SortKey = 'dueOn' | 'decidedOn' | 'publishedOn';
const STATES = ['pending', 'prepared', 'published', 'excluded', 'withdrawn'] as const;

export function DueText({ r }: { r: Pick<DisclosureSummary, 'state' | 'dueOn' | 'overdue' | 'workingDaysLate' | 'publishedOn'> }) {
  if (r.publishedOn) {
    return (
      <span data-testid="disclosure-due">
        {r.publishedOn} 公示
        {r.workingDaysLate > 0 ? (
          <Tag color="red" style={{ marginInlineStart: 4 }}>
            超期 {r.workingDaysLate} 个工作日
          </Tag>
        ) : (
          <Tag color="green" style={{ marginInlineStart: 4 }}>
            按期
          </Tag>
        )}
      </span>
    );
  }
  if (r.state === 'pending' || r.state === 'prepared') {
    return (
      <span data-testid="disclosure-due">
        期限 {r.dueOn}
        {r.overdue && (
          <Tag color="red" style={{ marginInlineStart: 4 }}>
            已超期 {r.workingDaysLate} 个工作日
          </Tag>
        )}
      </span>
    );
  }
  return <span className="sx-muted">—</span>;
}

function RecordsTab() {
  const { message } = App.useApp();
  const [state, setState] = useState<string[]>([]);
  const [overdue, setOverdue] = useState(false);
  const [category, setCategory] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const { sort, sortable, onChange } = useServerSort<SortKey>({ key: 'dueOn', order: 'asc' });
  const list = useApi<{ total: number; items: DisclosureSummary[] }>('/api/v1/disclosures', {
    state: state.length ? state.join(',') : undefined,
    overdue: overdue || undefined,
    actCategory: category,
    q: q.trim() || undefined,
    sort: sort.key,
    order: sort.order,
    page,
    pageSize: 20,
  });
  const rows = list.data?.items ?? [];
  const exportCsv = () =>
    downloadCsv(
      '执法决定公示.csv',
      [
        { title: '案号', value: (r: DisclosureSummary) => r.caseNumber },
        { title: '决定文书号', value: (r) => r.documentNumber ?? '' },
        { title: '当事人', value: (r) => r.partyName },
        { title: '案件名称', value: (r) => r.caseName },
        { title: '执法类别', value: (r) => ACT_CATEGORY_LABELS[r.actCategory as keyof typeof ACT_CATEGORY_LABELS] ?? r.actCategory },
        { title: '决定日期', value: (r) => r.decidedOn },
        { title: '公示期限', value: (r) => r.dueOn },
        { title: '状态', value: (r) => r.stateLabel },
        { title: '公示日期', value: (r) => r.publishedOn ?? '' },
        { title: '超期工作日', value: (r) => String(r.workingDaysLate) },
        { title: '不予公开理由', value: (r) => r.exclusionReason ?? '' },
        { title: '复议诉讼结果', value: (r) => r.remedy ?? '' },
      ],
      rows,
    );
  const exportDouble = async (kind: 'penalty' | 'licence') => {
    try {
      await downloadFile('/api/v1/disclosures/double-publicity', { kind, format: 'xlsx' });
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <>
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
      <Space wrap className="sx-toolbar">
        <Input.Search
          allowClear
          placeholder="当事人、文号、案号"
          style={{ width: 220 }}
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
          data-testid="disclosure-search"
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
          options={STATES.map((s) => ({ value: s, label: STATE_LABELS[s] }))}
          data-testid="disclosure-state-filter"
        />
        <Select
          allowClear
          placeholder="执法类别"
          style={{ width: 130 }}
          value={category}
          onChange={(v) => {
            setCategory(v);
            setPage(1);
          }}
          options={Object.entries(ACT_CATEGORY_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <Checkbox
          checked={overdue}
          onChange={(e) => {
            setOverdue(e.target.checked);
            setPage(1);
          }}
          data-testid="disclosure-overdue"
        >
          已超期未公示
        </Checkbox>
        <Button icon={<DownloadOutlined />} onClick={exportCsv} disabled={!rows.length}>
          导出 CSV
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => exportDouble('penalty')}>
          双公示·行政处罚
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => exportDouble('licence')}>
          双公示·行政许可
        </Button>
      </Space>
      <Table<DisclosureSummary>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={rows}
        scroll={{ x: 900 }}
        data-testid="disclosure-table"
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 条` }}
        onChange={onChange}
        locale={{ emptyText: overdue ? '没有超期未公示的决定。' : '尚无执法决定。案件中作出决定后，公示记录自动生成在这里，按期限排列。' }}
        columns={[
          {
            title: '当事人 / 文号',
            key: 'party',
            render: (_: unknown, r) => (
              <>
                <Link to={`/disclosures/${r.id}`}>{r.partyName}</Link>
                <div className="sx-muted">{r.documentNumber ?? r.caseNumber}</div>
              </>
            ),
          },
          { title: '案件名称', dataIndex: 'caseName', ellipsis: true },
          {
            title: '状态',
            key: 'state',
            width: 110,
            render: (_: unknown, r) => (
              <Tag color={STATE_COLORS[r.state]} data-testid="disclosure-state">
                {r.stateLabel}
              </Tag>
            ),
          },
          { title: '决定日期', dataIndex: 'decidedOn', ...sortable('decidedOn'), width: 120 },
          { title: '公示期限', ...sortable('dueOn'), render: (_: unknown, r) => <DueText r={r} /> },
          { title: '说明', key: 'note', render: (_: unknown, r) => r.exclusionReason ?? r.remedy ?? '' },
        ]}
      />
    </>
  );
}

export default function DisclosuresPage() {
  const user = useUser();
  return (
    <Card className="sx-card" data-testid="disclosures-page">
      <div className="sx-page-header">
        <Typography.Title level={3}>执法公示</Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">
        作出执法决定时自动生成公示记录，按政策包的工作日期限公示（许可、处罚 7
        个工作日）。公示审核员确认脱敏后，由另一人审查发布（未经审查不得发布）；未成年人等不予公开的情形须注明理由。决定被撤销、确认违法的，公示信息立即撤下并公示变更说明。
      </Typography.Paragraph>
      <Tabs
        items={[
          { key: 'records', label: '公示记录', children: <RecordsTab /> },
          { key: 'timeliness', label: '公示及时性', children: <TimelinessBoard /> },
          ...(can(user, 'readCorrections') ? [{ key: 'corrections', label: '更正申请', children: <CorrectionsTable /> }] : []),
        ]}
      />
    </Card>
  );
}
