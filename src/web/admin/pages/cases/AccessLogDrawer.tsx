// A case's access log (SPEC §3.5): every view, document view and download, media download and case-file export,
// with the access requests (调阅) made for the case. For the agency head, the records custodian and supervisors.
import { useState } from 'react';
import { Button, Drawer, Grid, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useApi } from '../../../shared/useApi.ts';
import { downloadCsv } from '../../../shared/csv.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { byText, useTableSort } from '../../../shared/table.ts';
import type { AccessLogEntry, AccessRequest } from '../../../shared/cases/types.ts';
import { ACCESS_STATUS, REQUESTER_KIND_LABELS } from '../access/accessLabels.ts';

export const ACCESS_ACTION_LABELS: Record<AccessLogEntry['action'], string> = {
  'case.view': '查看案件',
  'case.document.view': '查看文书',
  'case.document.download': '下载文书',
  'evidence.download': '下载音像记录',
  'case.export': '导出案卷',
};

const detailOf = (e: AccessLogEntry) => {
  const d = e.details as Record<string, unknown>;
  if (typeof d.title === 'string') return `${d.title}${typeof d.number === 'string' && d.number ? `（${d.number}）` : ''}`;
  if (typeof d.fileName === 'string') return `${d.fileName}${typeof d.range === 'string' ? ` 字节 ${d.range}` : ''}`;
  if (typeof d.items === 'number') return `${d.items} 个文件`;
  return '';
};

export function AccessLogDrawer({ caseId, number, open, onClose }: { caseId: string; number: string; open: boolean; onClose(): void }) {
  const screens = Grid.useBreakpoint();
  const log = useApi<{ items: AccessLogEntry[]; requests: AccessRequest[] }>(open ? `/api/v1/cases/${caseId}/access-log` : null);
  const [action, setAction] = useState<string | undefined>();
  const sort = useTableSort<AccessLogEntry>(
    { at: byText((e) => e.at), actor: byText((e) => e.actorUsername), action: byText((e) => e.action) },
    { key: 'at', order: 'descend' },
  );
  const rows = sort.sorted((log.data?.items ?? []).filter((e) => !action || e.action === action));
  const exportCsv = () =>
    downloadCsv(
      `${number}-访问日志.csv`,
      [
        { title: '时间', value: (e: AccessLogEntry) => formatDateTime(e.at) },
        { title: '用户', value: (e) => e.actorUsername },
        { title: '操作', value: (e) => ACCESS_ACTION_LABELS[e.action] },
        { title: '对象', value: detailOf },
        { title: 'IP', value: (e) => e.ip },
      ],
      rows,
    );
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={`访问日志：${number}`}
      size={screens.md ? 760 : '100%'}
      destroyOnHidden
      data-testid="access-log"
    >
      <Typography.Paragraph type="secondary">
        本案记录的每一次查看、下载和导出都记录在此，不能删除（000 第二十四条；003 记录办法第二十一条）。
      </Typography.Paragraph>
      <Space wrap className="sx-toolbar">
        <Select
          allowClear
          placeholder="全部操作"
          style={{ width: 160 }}
          value={action}
          onChange={setAction}
          options={Object.entries(ACCESS_ACTION_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <Button icon={<DownloadOutlined />} onClick={exportCsv} disabled={!rows.length}>
          导出 CSV
        </Button>
      </Space>
      <Table<AccessLogEntry>
        size="small"
        rowKey="id"
        loading={log.loading}
        dataSource={rows}
        onChange={sort.onChange}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 560 }}
        locale={{ emptyText: '尚无访问记录' }}
        data-testid="access-log-table"
        columns={[
          { title: '时间', dataIndex: 'at', width: 140, render: formatDateTime, ...sort.sortable('at') },
          { title: '用户', dataIndex: 'actorUsername', width: 110, ...sort.sortable('actor') },
          {
            title: '操作',
            dataIndex: 'action',
            width: 110,
            render: (a: AccessLogEntry['action']) => ACCESS_ACTION_LABELS[a],
            ...sort.sortable('action'),
          },
          { title: '对象', key: 'detail', render: (_: unknown, e) => detailOf(e) },
          { title: 'IP', dataIndex: 'ip', width: 110 },
        ]}
      />
      <Typography.Title level={5}>调阅申请</Typography.Title>
      <Table<AccessRequest>
        size="small"
        rowKey="id"
        dataSource={log.data?.requests ?? []}
        pagination={false}
        scroll={{ x: 560 }}
        locale={{ emptyText: '本案尚无调阅申请' }}
        columns={[
          { title: '申请人', key: 'who', render: (_: unknown, r) => `${r.requesterName}${r.organisation ? `（${r.organisation}）` : ''}` },
          { title: '类型', dataIndex: 'requesterKind', width: 90, render: (k: AccessRequest['requesterKind']) => REQUESTER_KIND_LABELS[k] },
          { title: '范围', dataIndex: 'scope', width: 70, render: (s: string) => (s === 'copy' ? '复制' : '查阅') },
          {
            title: '状态',
            dataIndex: 'status',
            width: 90,
            render: (s: AccessRequest['status']) => <Tag color={ACCESS_STATUS[s].color}>{ACCESS_STATUS[s].label}</Tag>,
          },
          { title: '有效期至', dataIndex: 'validUntil', width: 140, render: formatDateTime },
        ]}
      />
    </Drawer>
  );
}
