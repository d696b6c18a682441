// One law/duty change: its deadline and the published items citing it, each updated (a later version approved: a
// revision or a retirement), awaiting review, or still to update. The agency's editors open an item's revise form
// from here; supervisors read.
import { useMemo, useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Skeleton, Table, Tag, Tooltip, Typography } from 'antd';
import { useTodo } from '../../../todo.tsx';
import { useApi } from '../../../../shared/useApi.ts';
import { formatDate, formatDateTime } from '../../../../shared/format.ts';
import { KIND_SHORT, LAW_CHANGE_KIND_LABELS } from '../../../../shared/registry/labels.ts';
import type { LawChangeDetail, ReviewItem } from '../../../../shared/registry/types.ts';
import { RecordFormDrawer, type FormTarget } from '../RecordFormDrawer.tsx';
import { HistoryDrawer } from '../HistoryDrawer.tsx';
import { Deadline, NO_NUMBER, ProgressCell, SCHEDULE_MISSING, StatusTag } from './lawChangeText.tsx';

type Item = LawChangeDetail['items'][number];

export function LawChangeDrawer({ id, onClose, onChanged }: { id: string | null; onClose: () => void; onChanged: () => void }) {
  const todo = useTodo();
  const detail = useApi<LawChangeDetail>(id ? `/api/v1/registry/law-changes/${id}` : null);
  const c = id && detail.data?.id === id ? detail.data : undefined;
  const mayEdit = !!c && c.actions.includes('reviseItems');
  const reviews = useApi<{ items: ReviewItem[] }>(mayEdit ? '/api/v1/registry/reviews' : null, { agency: c?.agencyId });
  const pending = useMemo(() => new Map((reviews.data?.items ?? []).map((r) => [r.recordId, r])), [reviews.data]);
  const [revising, setRevising] = useState<FormTarget | null>(null);
  const [history, setHistory] = useState<Item | null>(null);

  const waiting = c ? c.items.filter((i) => !i.updatedAt && pending.has(i.recordId)).length : 0;

  const itemState = (i: Item) => {
    if (i.updatedAt) return <Tag color="success">已更新 · {formatDate(i.updatedAt)}</Tag>;
    const p = pending.get(i.recordId);
    if (p)
      return (
        <Tag color="processing">
          {p.action === 'retire' ? '撤下' : '修改'}待审核 · 第 {p.versionNo} 版
        </Tag>
      );
    return <Tag color={c?.status === 'overdue' ? 'error' : 'warning'}>待更新</Tag>;
  };

  return (
    <>
      <Drawer
        title={c ? `${LAW_CHANGE_KIND_LABELS[c.kind]}：${c.title}` : '法律法规变更'}
        open={!!id}
        onClose={onClose}
        size={860}
        destroyOnHidden
        data-testid="law-change-drawer"
      >
        {detail.error && <Alert type="error" showIcon title={detail.error.message} />}
        {!c && !detail.error && <Skeleton active />}
        {c && (
          <>
            {c.status === 'overdue' && (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 12 }}
                title={`已超过更新期限（${c.deadline}），还有 ${c.affected - c.updated} 项未更新${waiting ? `，其中 ${waiting} 项的修改已提交、待审核` : ''}`}
                description={
                  mayEdit
                    ? '请逐项“修改”后提交审核；审核通过即视为已更新。不再适用的条目可在清单中申请撤下。'
                    : '请督促该部门尽快更新并提交审核。'
                }
              />
            )}
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              style={{ marginBottom: 16 }}
              items={[
                { key: 'kind', label: '类型', children: LAW_CHANGE_KIND_LABELS[c.kind] },
                { key: 'status', label: '状态', children: <StatusTag status={c.status} /> },
                { key: 'effective', label: '生效日期', children: c.effectiveDate },
                { key: 'deadline', label: '更新期限', children: <Deadline c={c} /> },
                { key: 'policy', label: '政策包', children: c.policyId },
                { key: 'progress', label: '进度', children: <ProgressCell c={c} /> },
                { key: 'match', label: '查找文字', children: c.matchText },
                { key: 'by', label: '登记', children: `${c.recordedBy}，${formatDateTime(c.recordedAt)}` },
                { key: 'note', label: '说明', span: 2, children: c.note || '—' },
              ]}
            />
            {!c.deadline && (
              <Alert type="info" showIcon style={{ marginBottom: 12 }} title={NO_NUMBER} description="仍应及时更新受影响的条目。" />
            )}
            {c.deadline && !c.scheduleComplete && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                title={SCHEDULE_MISSING}
                description="可请系统管理员在“工作日历”中加载该年度的节假日安排。"
              />
            )}
            <Typography.Title level={5}>受影响的公示条目（{c.affected}）</Typography.Title>
            <Table<Item>
              rowKey="recordId"
              size="small"
              dataSource={c.items}
              data-testid="law-change-items"
              pagination={c.items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              locale={{
                emptyText: `本部门已公示的条目中没有含“${c.matchText}”的，无需更新。如条目以其他写法引用，可用其他查找文字重新登记。`,
              }}
              columns={[
                { title: '类别', dataIndex: 'kind', width: 110, render: (k: Item['kind']) => KIND_SHORT[k] },
                {
                  title: '名称',
                  dataIndex: 'title',
                  render: (t: string, i) => (
                    <Button type="link" size="small" className="sx-link-cell" onClick={() => setHistory(i)}>
                      {t}
                    </Button>
                  ),
                },
                { title: '引用版本', dataIndex: 'versionNo', width: 90, render: (n: number) => `第 ${n} 版` },
                {
                  title: '更新情况',
                  key: 'state',
                  width: 190,
                  render: (_: unknown, i) => <span data-testid="law-change-item-state">{itemState(i)}</span>,
                },
                ...(mayEdit
                  ? [
                      {
                        title: '操作',
                        key: 'actions',
                        width: 80,
                        render: (_: unknown, i: Item) => {
                          const waiting = pending.get(i.recordId);
                          return i.updatedAt ? null : (
                            <Tooltip title={waiting ? '修改已提交，等待审核' : undefined}>
                              <Button
                                type="link"
                                size="small"
                                disabled={!!waiting}
                                onClick={() =>
                                  setRevising({ kind: i.kind, item: { id: i.recordId, title: i.title }, note: `依据${c!.title}更新` })
                                }
                                data-testid="law-change-revise"
                              >
                                修改
                              </Button>
                            </Tooltip>
                          );
                        },
                      },
                    ]
                  : []),
              ]}
            />
          </>
        )}
        {/* inside, so they stack above this drawer; the form only while open (a closed nested drawer that renders
            eagerly keeps Escape from closing this one) */}
        {revising && (
          <RecordFormDrawer
            target={revising}
            onClose={() => setRevising(null)}
            onSaved={() => {
              setRevising(null);
              reviews.reload();
              detail.reload();
              todo.reload();
              onChanged();
            }}
          />
        )}
        <HistoryDrawer recordId={history?.recordId ?? null} title={history?.title} onClose={() => setHistory(null)} />
      </Drawer>
    </>
  );
}
