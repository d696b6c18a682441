// 音像记录: the media records uploaded (an officer's own; the agency's for heads and the records custodian), with the
// upload deadline of the policy in force and late uploads with their reasons (000 §20; 003 记录办法 §20(三)) —
// filterable, sortable and exportable, so late uploads are reported, not only stored.
import { useState } from 'react';
import { Alert, Button, Card, Input, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useApi } from '../../../shared/useApi.ts';
import { downloadCsv } from '../../../shared/csv.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { byText, useTableSort } from '../../../shared/table.ts';
import type { EvidenceView } from '../../../shared/cases/types.ts';

const size = (n: number) =>
  n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(2)} GB` : n >= 1024 ** 2 ? `${(n / 1024 ** 2).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;

export default function RecordsPage() {
  const [late, setLate] = useState<'true' | 'false' | undefined>();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState<string | undefined>();
  const list = useApi<{ items: EvidenceView[] }>('/api/v1/evidence', {
    limit: 200,
    ...(late ? { late } : {}),
    ...(search ? { q: search } : {}),
  });
  const sort = useTableSort<EvidenceView>(
    {
      uploadedAt: byText((e) => e.uploadedAt),
      recordingStart: byText((e) => e.recordingStart),
      fileName: byText((e) => e.fileName),
      size: (a, b) => a.size - b.size,
    },
    { key: 'uploadedAt', order: 'descend' },
  );
  const rows = sort.sorted(list.data?.items ?? []);
  const lateCount = rows.filter((e) => e.late).length;
  const exportCsv = () =>
    downloadCsv(
      '音像记录.csv',
      [
        { title: '文件名', value: (e: EvidenceView) => e.fileName },
        { title: '录制开始', value: (e) => formatDateTime(e.recordingStart) },
        { title: '录制结束', value: (e) => formatDateTime(e.recordingEnd) },
        { title: '执法人员', value: (e) => e.officerName },
        { title: '设备', value: (e) => e.deviceId },
        { title: '大小（字节）', value: (e) => e.size },
        { title: '上传时间', value: (e) => formatDateTime(e.uploadedAt) },
        { title: '上传期限', value: (e) => formatDateTime(e.uploadDeadline) },
        { title: '逾期上传', value: (e) => (e.late ? '是' : '否') },
        { title: '逾期原因', value: (e) => e.lateReason },
        { title: 'SHA-256', value: (e) => e.sha256 },
      ],
      rows,
    );
  return (
    <Card className="sx-card" data-testid="records-page">
      <div className="sx-page-header">
        <Typography.Title level={3}>音像记录</Typography.Title>
        <Space size="large">
          <Statistic title="列表中" value={rows.length} suffix="个" />
          <Statistic title="逾期上传" value={lateCount} suffix="个" valueStyle={lateCount ? { color: '#d46b08' } : undefined} />
        </Space>
      </div>
      <Typography.Paragraph type="secondary">
        音像记录应在录制结束后按政策规定的期限内上传（000 第二十条：二十四小时；003
        记录办法：一个工作日）。逾期上传须说明原因，在此列出备查。在案件的“记录执法行为”中可直接上传并关联到执法行为。
      </Typography.Paragraph>
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
      <Space wrap className="sx-toolbar">
        <Input.Search
          allowClear
          placeholder="文件名、设备编号、执法人员"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => setSearch(v.trim() || undefined)}
          style={{ width: 260 }}
        />
        <Select
          allowClear
          placeholder="全部"
          style={{ width: 140 }}
          value={late}
          onChange={setLate}
          options={[
            { value: 'true', label: '逾期上传' },
            { value: 'false', label: '按期上传' },
          ]}
          data-testid="records-late"
        />
        <Button icon={<DownloadOutlined />} onClick={exportCsv} disabled={!rows.length}>
          导出 CSV
        </Button>
      </Space>
      <Table<EvidenceView>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={rows}
        onChange={sort.onChange}
        scroll={{ x: 1000 }}
        data-testid="records-table"
        locale={{ emptyText: late === 'true' ? '没有逾期上传的音像记录' : '尚无音像记录。在案件页面“记录执法行为”中上传执法记录仪文件。' }}
        columns={[
          {
            title: '文件',
            dataIndex: 'fileName',
            ...sort.sortable('fileName'),
            render: (n: string, e) => (
              <>
                {n}
                <div className="sx-muted">SHA-256 {e.sha256.slice(0, 16)}…</div>
              </>
            ),
          },
          {
            title: '录制时间',
            width: 170,
            ...sort.sortable('recordingStart'),
            render: (_: unknown, e) =>
              e.recordingStart ? (
                <>
                  {formatDateTime(e.recordingStart)}
                  <div className="sx-muted">至 {formatDateTime(e.recordingEnd)}</div>
                </>
              ) : (
                '—'
              ),
          },
          {
            title: '执法人员 / 设备',
            key: 'who',
            width: 150,
            render: (_: unknown, e) => (
              <>
                {e.officerName ?? '—'}
                <div className="sx-muted">{e.deviceId ?? ''}</div>
              </>
            ),
          },
          { title: '大小', dataIndex: 'size', width: 100, ...sort.sortable('size'), render: size },
          { title: '上传时间', dataIndex: 'uploadedAt', width: 150, ...sort.sortable('uploadedAt'), render: formatDateTime },
          { title: '上传期限', dataIndex: 'uploadDeadline', width: 150, render: formatDateTime },
          {
            title: '状态',
            key: 'late',
            width: 200,
            render: (_: unknown, e) =>
              e.late ? (
                <>
                  <Tag color="orange">逾期上传</Tag>
                  <div className="sx-muted">{e.lateReason}</div>
                </>
              ) : (
                <Tag color="green">按期</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}
