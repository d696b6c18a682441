// 审核公示信息: drafts awaiting review in the user's agency, oldest first. A second person approves (publishes) or
// sends back with a reason (002 §30 "未经审查不得发布"); the author can only withdraw.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Select, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useUser } from '../../auth.tsx';
import { can } from '../../menu.tsx';
import { useTodo } from '../../todo.tsx';
import { useApi } from '../../../shared/useApi.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { KIND_LABELS, options } from '../../../shared/registry/labels.ts';
import type { RecordKind, ReviewItem } from '../../../shared/registry/types.ts';
import { changeText, ReviewDrawer } from './ReviewDrawer.tsx';
import './registry-admin.css';

export default function RegistryChecksPage() {
  const user = useUser();
  const todo = useTodo();
  const [kind, setKind] = useState<RecordKind | undefined>(undefined);
  const [open, setOpen] = useState<ReviewItem | null>(null);
  const list = useApi<{ items: ReviewItem[] }>('/api/v1/registry/reviews', { kind });
  const rows = useMemo(() => list.data?.items ?? [], [list.data]);
  const mayReview = can(user, 'reviewRegistry');
  const waiting = useMemo(() => rows.filter((r) => !r.mine).length, [rows]);

  return (
    <Card className="sx-card">
      <div className="sx-page-header">
        <Typography.Title level={3}>审核公示信息</Typography.Title>
        <Button icon={<ReloadOutlined />} onClick={list.reload}>
          刷新
        </Button>
      </div>
      <Typography.Paragraph type="secondary">
        本部门提交的新登记、修改和撤下申请。请核对内容后通过（即在公示平台发布）或写明理由退回；本人起草的只能撤回，须由他人审核。
      </Typography.Paragraph>
      <div className="sx-toolbar">
        <Select<RecordKind>
          allowClear
          placeholder="全部类别"
          options={options(KIND_LABELS)}
          value={kind}
          onChange={setKind}
          style={{ width: 260 }}
          data-testid="review-kind-filter"
        />
        {rows.length > 0 && (
          <Typography.Text type="secondary">
            共 {rows.length} 条待审核{waiting !== rows.length ? `，其中 ${waiting} 条待您审核` : ''}
          </Typography.Text>
        )}
      </div>
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
      <Table<ReviewItem>
        rowKey="versionId"
        data-testid="review-table"
        loading={list.loading}
        dataSource={rows}
        scroll={{ x: 900 }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (t) => `共 ${t} 条` }}
        locale={{
          emptyText: (
            <Typography.Text type="secondary">
              {kind ? '此类别没有待审核的公示信息' : '没有待审核的公示信息。本部门提交的新登记、修改和撤下会出现在这里。'}
            </Typography.Text>
          ),
        }}
        onRow={(r) => ({ onDoubleClick: () => setOpen(r) })}
        columns={[
          { title: '类别', dataIndex: 'kind', width: 170, render: (k: RecordKind) => KIND_LABELS[k] },
          {
            title: '名称',
            dataIndex: 'title',
            render: (t: string, r) => (
              <>
                {t}
                {r.code && <Typography.Text type="secondary"> {r.code}</Typography.Text>}
              </>
            ),
          },
          {
            title: '申请',
            key: 'change',
            width: 130,
            render: (_: unknown, r) => (
              <Tag color={r.action === 'retire' ? 'warning' : r.versionNo === 1 ? 'blue' : 'processing'}>
                {changeText(r)} · 第 {r.versionNo} 版
              </Tag>
            ),
          },
          {
            title: '起草人',
            dataIndex: 'createdBy',
            width: 110,
            render: (v: string, r) =>
              r.mine ? (
                <>
                  {v} <Tag>本人</Tag>
                </>
              ) : (
                v
              ),
          },
          { title: '提交时间', dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
          { title: '说明', dataIndex: 'note', ellipsis: true, render: (v: string | null) => v || '—' },
          {
            title: '操作',
            key: 'actions',
            fixed: 'right',
            width: 90,
            render: (_: unknown, r) => (
              <Button type="link" size="small" onClick={() => setOpen(r)} data-testid="review-open">
                {r.mine ? '查看' : '审核'}
              </Button>
            ),
          },
        ]}
      />
      <ReviewDrawer
        item={open}
        mayReview={mayReview}
        onClose={() => setOpen(null)}
        onDecided={() => {
          setOpen(null);
          list.reload();
          todo.reload();
        }}
      />
    </Card>
  );
}
