// Every version of a record, newest first: who drafted it and when, the note, the review (who, when, comment) and
// what changed against the version before it. The version the portal shows is marked.
import { Alert, Collapse, Drawer, Empty, Skeleton, Tag, Typography } from 'antd';
import { useApi } from '../../../shared/useApi.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { ACTION_LABELS, KIND_LABELS, VERSION_STATUS_COLORS, VERSION_STATUS_LABELS } from '../../../shared/registry/labels.ts';
import type { RecordDetail, RecordVersion } from '../../../shared/registry/types.ts';
import { DataDiff } from './DataDiff.tsx';

function actionText(v: RecordVersion, previous: RecordVersion | undefined) {
  if (v.action === 'retire') return '撤下';
  if (!previous) return '新登记';
  return previous.action === 'retire' && previous.status === 'approved' ? '重新发布' : '修改';
}

export function HistoryDrawer({ recordId, title, onClose }: { recordId: string | null; title?: string; onClose: () => void }) {
  const detail = useApi<RecordDetail>(recordId ? `/api/v1/registry/records/${recordId}` : null);
  const d = recordId && detail.data?.id === recordId ? detail.data : undefined;
  return (
    <Drawer
      title={`历史版本${title ? `：${title}` : ''}`}
      open={!!recordId}
      onClose={onClose}
      size={760}
      destroyOnHidden
      data-testid="history-drawer"
    >
      {detail.error && <Alert type="error" showIcon title={detail.error.message} />}
      {!d && !detail.error && <Skeleton active />}
      {d && (
        <>
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {KIND_LABELS[d.kind]} · {d.agencyName} · 登记于 {formatDateTime(d.createdAt)} ·{' '}
            {d.publishedVersionNo ? `公示平台现显示第 ${d.publishedVersionNo} 版` : '公示平台现未显示'}
          </Typography.Paragraph>
          {!d.versions.length && <Empty description="没有版本" />}
          {d.versions.map((v, i) => {
            const previous = d.versions.slice(i + 1).find((p) => p.action === 'publish');
            const current = v.versionNo === d.publishedVersionNo;
            return (
              <div key={v.id} className={`sx-version${current ? ' sx-version-current' : ''}`} data-testid="history-version">
                <div className="sx-version-head">
                  <span className="sx-version-title">
                    第 {v.versionNo} 版 · {actionText(v, d.versions[i + 1])}
                  </span>
                  <Tag color={VERSION_STATUS_COLORS[v.status]}>{VERSION_STATUS_LABELS[v.status]}</Tag>
                  {current && <Tag color="green">当前公示版本</Tag>}
                </div>
                <div className="sx-version-meta">
                  <div>
                    起草：{v.createdBy}，{formatDateTime(v.createdAt)}
                    {v.note ? `；说明：${v.note}` : ''}
                  </div>
                  {v.status !== 'pending' && (
                    <div>
                      {v.status === 'withdrawn' ? '撤回' : '审核'}：{v.decidedBy}，{formatDateTime(v.decidedAt)}
                      {v.comment ? `；${v.status === 'rejected' ? '退回理由' : '意见'}：${v.comment}` : ''}
                    </div>
                  )}
                  {v.status === 'pending' && <div>等待审核</div>}
                </div>
                {v.action === 'publish' ? (
                  <Collapse
                    size="small"
                    ghost
                    items={[
                      {
                        key: 'diff',
                        label: previous ? `查看变更（与第 ${previous.versionNo} 版相比）` : '查看登记内容',
                        children: (
                          <DataDiff
                            kind={d.kind}
                            before={previous?.data ?? null}
                            after={v.data}
                            beforeTitle={`第 ${previous?.versionNo} 版`}
                            afterTitle={`第 ${v.versionNo} 版`}
                          />
                        ),
                      },
                    ]}
                  />
                ) : (
                  <Typography.Text type="secondary">
                    {ACTION_LABELS.retire}：从公示平台撤下，内容保持第 {previous?.versionNo ?? '—'} 版不变。
                  </Typography.Text>
                )}
              </div>
            );
          })}
        </>
      )}
    </Drawer>
  );
}
