// One kind's records for the back office: filter by state and keyword (and agency, for supervisors), sort by name or
// last change, page through, export to CSV or Excel (and import Excel); open the history, revise, ask to retire. Read-only for supervisors.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { SorterResult } from 'antd/es/table/interface';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useUser } from '../../auth.tsx';
import { can } from '../../menu.tsx';
import { useScope } from '../../scope.tsx';
import { useTodo } from '../../todo.tsx';
import { errorMessage } from '../../../shared/api.ts';
import { downloadCsv, type CsvColumn } from '../../../shared/csv.ts';
import { formatDate, formatDateTime } from '../../../shared/format.ts';
import { fieldsOf } from '../../../shared/registry/fields.ts';
import { valueText } from '../../../shared/registry/values.ts';
import {
  CERTIFICATE_STATUS_COLORS,
  CERTIFICATE_STATUS_LABELS,
  EXCEL_KINDS,
  KIND_LABELS,
  KIND_NOUN,
} from '../../../shared/registry/labels.ts';
import type { CertificateStatus, RecordKind, RecordListItem, RecordState } from '../../../shared/registry/types.ts';
import { StateTags, stateText } from './StateTags.tsx';
import { filterQuery, useRecordList } from './useRecordList.ts';
import { ExcelButtons } from './excel/ExcelButtons.tsx';
import { RecordFormDrawer, type FormTarget } from './RecordFormDrawer.tsx';
import { HistoryDrawer } from './HistoryDrawer.tsx';
import { RetireModal } from './RetireModal.tsx';

const STATE_OPTIONS: { value: RecordState; label: string }[] = [
  { value: 'published', label: '已发布' },
  { value: 'pending', label: '待审核' },
  { value: 'draftOnly', label: '仅草稿（未发布过）' },
  { value: 'retired', label: '已撤下' },
];

/** Division code prefix of a subtree: 150000 → 15, 150500 → 1505, 150525 → 150525. */
const subtreePrefix = (code: string) => code.replace(/(00)+$/, '');

export function RecordTable({ kind }: { kind: RecordKind }) {
  const user = useUser();
  const scope = useScope();
  const { message } = App.useApp();
  const todo = useTodo();
  const mayDraft = can(user, 'draftRegistry') && !!user.agencyId;
  const division = scope.agency ? undefined : scope.division?.code;
  const { filters, update, list, fetchAll } = useRecordList(kind, scope.ready, scope.agency?.id, division);
  const [formTarget, setFormTarget] = useState<FormTarget | null>(null);
  const [history, setHistory] = useState<RecordListItem | null>(null);
  const [retiring, setRetiring] = useState<RecordListItem | null>(null);
  const [exporting, setExporting] = useState(false);
  const [q, setQ] = useState('');

  // supervisors: the agency chosen in the header, else the one chosen here, among the agencies of the scope shown
  const agencyOptions = useMemo(() => {
    const prefix = scope.division ? subtreePrefix(scope.division.code) : '';
    return scope.agencies.filter((a) => a.divisionCode.startsWith(prefix)).map((a) => ({ value: a.id, label: a.name }));
  }, [scope.agencies, scope.division]);

  const rows = list.data?.items ?? [];
  const fields = fieldsOf(kind).filter((f) => f.column);
  const filtered = !!(filters.q || filters.state || filters.agency);
  const onlyProfile = kind === 'agencyProfile';
  const canCreate = mayDraft && !(onlyProfile && (list.data?.total ?? 0) > 0 && !filtered);

  const columns: ColumnsType<RecordListItem> = [
    {
      title: onlyProfile ? '执法部门' : '名称',
      dataIndex: 'title',
      key: 'title',
      sorter: true,
      sortOrder: filters.sort === 'title' ? 'ascend' : null,
      sortDirections: ['ascend'],
      render: (t: string, r) => (
        <Button type="link" size="small" className="sx-link-cell" onClick={() => setHistory(r)} data-testid="record-title">
          {t}
        </Button>
      ),
    },
    ...fields.map((f) => ({
      title: f.label,
      key: f.name,
      ellipsis: true,
      render: (_: unknown, r: RecordListItem) => valueText(f, r.data[f.name]) || '—',
    })),
    ...(kind === 'officer'
      ? [
          {
            title: '今日证件状态',
            key: 'certificateStatus',
            render: (_: unknown, r: RecordListItem) =>
              r.certificateStatus ? (
                <Tag color={CERTIFICATE_STATUS_COLORS[r.certificateStatus as CertificateStatus]}>
                  {CERTIFICATE_STATUS_LABELS[r.certificateStatus as CertificateStatus]}
                </Tag>
              ) : (
                '—'
              ),
          },
        ]
      : []),
    ...(scope.switchable || !user.agencyId ? [{ title: '所属部门', dataIndex: 'agencyName', key: 'agency', ellipsis: true }] : []),
    { title: '公示状态', key: 'state', render: (_: unknown, r: RecordListItem) => <StateTags r={r} /> },
    {
      title: '最近修改',
      dataIndex: 'updatedAt',
      key: 'updated',
      width: 150,
      sorter: true,
      sortOrder: filters.sort === 'updated' ? 'descend' : null,
      sortDirections: ['descend'],
      render: (v: string) => formatDateTime(v),
    },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      width: mayDraft ? 170 : 80,
      render: (_: unknown, r) => (
        <Space size={0}>
          <Button size="small" type="link" onClick={() => setHistory(r)} data-testid="record-history">
            历史
          </Button>
          {r.actions.includes('revise') && (
            <>
              <Tooltip title={r.pending ? `第 ${r.pending.versionNo} 版正在审核，审核完成或撤回后才能再修改` : undefined}>
                <Button
                  size="small"
                  type="link"
                  disabled={!!r.pending}
                  onClick={() => setFormTarget({ kind, item: r })}
                  data-testid="record-revise"
                >
                  {r.retired ? '重新发布' : '修改'}
                </Button>
              </Tooltip>
              {r.actions.includes('retire') && (
                <Button size="small" type="link" danger disabled={!!r.pending} onClick={() => setRetiring(r)} data-testid="record-retire">
                  撤下
                </Button>
              )}
            </>
          )}
        </Space>
      ),
    },
  ];

  const exportCsv = async () => {
    setExporting(true);
    try {
      const all = await fetchAll();
      const csv: CsvColumn<RecordListItem>[] = [
        { title: onlyProfile ? '执法部门' : '名称', value: (r) => r.title },
        ...fieldsOf(kind)
          .filter((f) => !f.internal && f.type !== 'steps')
          .map((f) => ({ title: f.label, value: (r: RecordListItem) => valueText(f, r.data[f.name]) })),
        ...(kind === 'officer'
          ? [
              {
                title: '今日证件状态',
                value: (r: RecordListItem) =>
                  r.certificateStatus ? CERTIFICATE_STATUS_LABELS[r.certificateStatus as CertificateStatus] : '',
              },
            ]
          : []),
        { title: '所属部门', value: (r) => r.agencyName },
        { title: '公示状态', value: stateText },
        { title: '发布时间', value: (r) => (r.publishedAt ? formatDateTime(r.publishedAt) : '') },
        { title: '最近修改', value: (r) => formatDateTime(r.updatedAt) },
      ];
      downloadCsv(`${KIND_LABELS[kind]}_${formatDate(new Date().toISOString()).replace(/-/g, '')}.csv`, csv, all);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  const onTableChange = (
    pagination: { current?: number; pageSize?: number },
    _f: unknown,
    sorter: SorterResult<RecordListItem> | SorterResult<RecordListItem>[],
  ) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const sort = s?.order && s.columnKey === 'updated' ? 'updated' : 'title';
    if (sort !== filters.sort) update({ sort });
    else update({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? filters.pageSize });
  };

  const emptyText = filtered
    ? '没有符合条件的记录，请调整筛选条件'
    : mayDraft
      ? onlyProfile
        ? '尚未登记本部门的执法主体信息。点击右上角“登记主体信息”填写，提交后由另一人审核发布。'
        : `尚未登记${KIND_NOUN[kind]}。点击右上角“新增${KIND_NOUN[kind]}”开始登记${EXCEL_KINDS.includes(kind) ? '，或“从 Excel 导入”批量登记' : ''}，提交后由另一人审核发布。`
      : scope.switchable
        ? '当前查看范围内各部门尚未登记此类公示信息'
        : '暂无记录';

  return (
    <>
      <div className="sx-toolbar">
        <Input.Search
          placeholder={kind === 'officer' ? '姓名或执法证号' : kind === 'enforcementItem' ? '名称或事项编码' : '按名称搜索'}
          allowClear
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            if (!e.target.value) update({ q: '' });
          }}
          onSearch={(v) => update({ q: v.trim() })}
          style={{ width: 240 }}
          data-testid="record-search"
        />
        <Select<RecordState>
          allowClear
          placeholder="全部状态"
          options={STATE_OPTIONS}
          value={filters.state}
          onChange={(v) => update({ state: v })}
          style={{ width: 180 }}
          data-testid="record-state-filter"
        />
        {scope.switchable && !scope.agency && (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={scope.division ? `${scope.division.name}的部门` : '全部部门'}
            options={agencyOptions}
            value={filters.agency}
            onChange={(v) => update({ agency: v })}
            style={{ width: 240 }}
            data-testid="record-agency-filter"
          />
        )}
        <span style={{ flex: 1 }} />
        <Button
          icon={<DownloadOutlined />}
          onClick={() => void exportCsv()}
          loading={exporting}
          disabled={!rows.length}
          data-testid="export-csv"
        >
          导出 CSV
        </Button>
        {EXCEL_KINDS.includes(kind) && (
          <ExcelButtons
            kind={kind}
            query={filterQuery(filters, scope.agency?.id, division)}
            mayImport={mayDraft}
            empty={!rows.length}
            onImported={list.reload}
          />
        )}
        {canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormTarget({ kind })} data-testid="record-create">
            {onlyProfile ? '登记主体信息' : `新增${KIND_NOUN[kind]}`}
          </Button>
        )}
      </div>
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
      <Table<RecordListItem>
        rowKey="id"
        data-testid="record-table"
        loading={list.loading || !scope.ready}
        dataSource={rows}
        columns={columns}
        onChange={onTableChange}
        scroll={{ x: 900 }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (t) => `共 ${t} 条`,
        }}
        locale={{
          emptyText: (
            <Typography.Text type="secondary" data-testid="record-empty">
              {emptyText}
            </Typography.Text>
          ),
        }}
      />
      <RecordFormDrawer
        target={formTarget}
        onClose={() => setFormTarget(null)}
        onSaved={() => {
          setFormTarget(null);
          list.reload();
          todo.reload();
        }}
      />
      <HistoryDrawer recordId={history?.id ?? null} title={history?.title} onClose={() => setHistory(null)} />
      <RetireModal
        item={retiring}
        onClose={() => setRetiring(null)}
        onDone={() => {
          list.reload();
          todo.reload();
        }}
      />
    </>
  );
}
