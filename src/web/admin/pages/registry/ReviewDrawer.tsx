// Reviewing one draft: what it changes against the version the portal shows now (or all of it, for a new record;
// what comes off, for a retirement), then approve (publish), send back with a reason, or withdraw one's own draft.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Input, Skeleton, Space, Tooltip, Typography } from 'antd';
import { api, errorMessage } from '../../../shared/api.ts';
import { useApi } from '../../../shared/useApi.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { KIND_LABELS } from '../../../shared/registry/labels.ts';
import type { RecordDetail, ReviewItem } from '../../../shared/registry/types.ts';
import { DataDiff } from './DataDiff.tsx';

type Decision = 'approved' | 'rejected' | 'withdrawn';
const DONE: Record<Decision, string> = { approved: '已审核通过，公示平台已更新', rejected: '已退回起草人', withdrawn: '已撤回草稿' };

export const changeText = (r: Pick<ReviewItem, 'action' | 'versionNo'>) =>
  r.action === 'retire' ? '撤下' : r.versionNo === 1 ? '新登记' : '修改';

export function ReviewDrawer({
  item,
  mayReview,
  onClose,
  onDecided,
}: {
  item: ReviewItem | null;
  mayReview: boolean;
  onClose: () => void;
  onDecided: () => void;
}) {
  const { message } = App.useApp();
  const detail = useApi<RecordDetail>(item ? `/api/v1/registry/records/${item.recordId}` : null);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  const [busy, setBusy] = useState<Decision | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- each item opened starts with an empty comment and no error
    setComment('');
    setCommentError(null);
    setError(null);
  }, [item]);

  const d = item && detail.data?.id === item.recordId ? detail.data : undefined;
  const draft = d?.versions.find((v) => v.id === item?.versionId);
  const published = d?.versions.find((v) => v.versionNo === d.publishedVersionNo);

  const decide = async (decision: Decision) => {
    if (!item) return;
    if (decision === 'rejected' && !comment.trim()) {
      setCommentError('退回时请写明理由，便于起草人修改');
      return;
    }
    setBusy(decision);
    setError(null);
    try {
      await api.post(`/api/v1/registry/versions/${item.versionId}/decision`, { decision, comment: comment.trim() || undefined });
      message.success(`${item.title}：${DONE[decision]}`);
      onDecided();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Drawer
      title={item ? `审核：${item.title}` : ''}
      open={!!item}
      onClose={onClose}
      size={820}
      destroyOnHidden
      data-testid="review-drawer"
      footer={
        item && (
          <div className="sx-review-actions">
            {item.actions.includes('reject') && (
              <Input.TextArea
                value={comment}
                onChange={(e) => {
                  setComment(e.target.value);
                  setCommentError(null);
                }}
                status={commentError ? 'error' : undefined}
                placeholder="审核意见（通过时选填；退回时必填，写明需要修改之处）"
                maxLength={1000}
                autoSize={{ minRows: 2, maxRows: 5 }}
                data-testid="review-comment"
              />
            )}
            {commentError && <Typography.Text type="danger">{commentError}</Typography.Text>}
            <Space wrap>
              {mayReview && (
                <Tooltip title={item.mine ? '公示信息须由起草人以外的另一人审核' : undefined}>
                  <Button
                    type="primary"
                    disabled={!item.actions.includes('approve')}
                    loading={busy === 'approved'}
                    onClick={() => void decide('approved')}
                    data-testid="review-approve"
                  >
                    {item.action === 'retire' ? '通过并撤下' : '通过并发布'}
                  </Button>
                </Tooltip>
              )}
              {item.actions.includes('reject') && (
                <Button danger loading={busy === 'rejected'} onClick={() => void decide('rejected')} data-testid="review-reject">
                  退回
                </Button>
              )}
              {item.actions.includes('withdraw') && (
                <Button loading={busy === 'withdrawn'} onClick={() => void decide('withdrawn')} data-testid="review-withdraw">
                  撤回我的草稿
                </Button>
              )}
              <Button onClick={onClose}>关闭</Button>
            </Space>
          </div>
        )
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {item && (
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          style={{ marginBottom: 16 }}
          items={[
            { key: 'kind', label: '类别', children: KIND_LABELS[item.kind] },
            { key: 'agency', label: '所属部门', children: item.agencyName },
            { key: 'change', label: '申请', children: `${changeText(item)}（第 ${item.versionNo} 版）` },
            { key: 'by', label: '起草', children: `${item.createdBy}，${formatDateTime(item.createdAt)}` },
            { key: 'note', label: '说明', children: item.note || '—', span: 2 },
          ]}
        />
      )}
      {item?.mine && (
        <Alert
          type="info"
          showIcon
          title="这是您起草的内容：须由本部门另一名公示审核员或负责人审核。您可以撤回后修改。"
          style={{ marginBottom: 12 }}
        />
      )}
      {detail.error && <Alert type="error" showIcon title={detail.error.message} />}
      {item && !d && !detail.error && <Skeleton active />}
      {d && draft && draft.action === 'publish' && (
        <>
          <Typography.Title level={5}>
            {published ? `与公示平台现显示的第 ${published.versionNo} 版对比` : '登记内容（尚无公示版本）'}
          </Typography.Title>
          <DataDiff
            kind={d.kind}
            before={published?.data ?? null}
            after={draft.data}
            beforeTitle={`现公示（第 ${published?.versionNo} 版）`}
            afterTitle={`待审核（第 ${draft.versionNo} 版）`}
          />
        </>
      )}
      {d && draft && draft.action === 'retire' && (
        <>
          <Alert type="warning" showIcon title="申请将以下信息从公示平台撤下（历史版本保留）" style={{ marginBottom: 12 }} />
          <DataDiff kind={d.kind} before={null} after={draft.data} />
        </>
      )}
    </Drawer>
  );
}
