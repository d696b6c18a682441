// Where a record stands: published (which version), awaiting review (new, revision or retirement), sent back, retired.
import { Space, Tag, Tooltip } from 'antd';
import type { RecordListItem } from '../../../shared/registry/types.ts';
import { formatDateTime } from '../../../shared/format.ts';

export function stateText(r: RecordListItem): string {
  const parts: string[] = [];
  if (r.retired) parts.push('已撤下');
  else if (r.publishedVersionNo) parts.push(`已发布（第 ${r.publishedVersionNo} 版）`);
  if (r.pending)
    parts.push(
      `待审核（第 ${r.pending.versionNo} 版${r.pending.action === 'retire' ? '，撤下' : r.publishedVersionNo ? '，修改' : '，新登记'}）`,
    );
  else if (r.latestStatus === 'rejected') parts.push(`第 ${r.latestVersionNo} 版已退回`);
  else if (r.latestStatus === 'withdrawn') parts.push(`第 ${r.latestVersionNo} 版已撤回`);
  if (!parts.length) parts.push('未发布');
  return parts.join('；');
}

export function StateTags({ r }: { r: RecordListItem }) {
  return (
    <Space size={[4, 4]} wrap data-testid="record-state">
      {r.retired && <Tag>已撤下</Tag>}
      {!r.retired && r.publishedVersionNo && <Tag color="success">已发布 · 第 {r.publishedVersionNo} 版</Tag>}
      {!r.retired && !r.publishedVersionNo && !r.pending && <Tag>未发布</Tag>}
      {r.pending && (
        <Tooltip title={`${r.pending.createdBy} 于 ${formatDateTime(r.pending.createdAt)} 提交`}>
          <Tag color="processing">
            待审核 · 第 {r.pending.versionNo} 版
            {r.pending.action === 'retire' ? '（撤下）' : r.publishedVersionNo ? '（修改）' : '（新登记）'}
          </Tag>
        </Tooltip>
      )}
      {!r.pending && r.latestStatus === 'rejected' && <Tag color="error">第 {r.latestVersionNo} 版已退回</Tag>}
      {!r.pending && r.latestStatus === 'withdrawn' && <Tag color="default">第 {r.latestVersionNo} 版已撤回</Tag>}
    </Space>
  );
}
