// How a law/duty change's deadline and progress read (002 公示办法 §25: affected items updated within the policy's
// working days of the effective date; nmg-244 says only "及时更新", without a number).
import { Progress, Space, Tag, Tooltip, Typography } from 'antd';
import { ExclamationCircleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { formatDateTime, today } from '../../../../shared/format.ts';
import { LAW_CHANGE_KIND_LABELS, LAW_CHANGE_STATUS_COLORS, LAW_CHANGE_STATUS_LABELS } from '../../../../shared/registry/labels.ts';
import type { CsvColumn } from '../../../../shared/csv.ts';
import type { LawChange, LawChangeStatus } from '../../../../shared/registry/types.ts';

type Change = Pick<LawChange, 'deadline' | 'scheduleComplete' | 'policyId' | 'status' | 'affected' | 'updated'>;

export const NO_NUMBER = '适用的政策包只要求“及时更新”，未规定工作日数，不计逾期';
export const SCHEDULE_MISSING = '登记时期限所跨年度的节假日安排尚未加载，截止日期仅按周末推算，可能偏早或偏晚';

export function StatusTag({ status }: { status: LawChangeStatus }) {
  return (
    <Tag color={LAW_CHANGE_STATUS_COLORS[status]} data-testid="law-change-status">
      {LAW_CHANGE_STATUS_LABELS[status]}
    </Tag>
  );
}

/** Calendar days past the deadline (for the overdue). */
export const daysLate = (deadline: string) => dayjs(today()).diff(dayjs(deadline), 'day');

export function deadlineText(c: Change): string {
  if (!c.deadline) return '及时更新（未规定工作日数）';
  const late = c.status === 'overdue' ? `，已逾期 ${daysLate(c.deadline)} 天` : '';
  return `${c.deadline} 前${late}${c.scheduleComplete ? '' : '（节假日安排未加载，仅按周末推算）'}`;
}

export function Deadline({ c }: { c: Change }) {
  if (!c.deadline)
    return (
      <Tooltip title={`${NO_NUMBER}（${c.policyId}）`}>
        <Typography.Text type="secondary" data-testid="law-change-deadline">
          及时更新 <ExclamationCircleOutlined />
        </Typography.Text>
      </Tooltip>
    );
  return (
    <Space size={4} orientation="vertical" data-testid="law-change-deadline">
      <Typography.Text type={c.status === 'overdue' ? 'danger' : undefined}>{c.deadline} 前</Typography.Text>
      {c.status === 'overdue' && (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          已逾期 {daysLate(c.deadline)} 天
        </Typography.Text>
      )}
      {!c.scheduleComplete && (
        <Tooltip title={SCHEDULE_MISSING}>
          <Typography.Text type="warning" style={{ fontSize: 12 }}>
            <ExclamationCircleOutlined /> 节假日安排未加载
          </Typography.Text>
        </Tooltip>
      )}
    </Space>
  );
}

export function ProgressCell({ c }: { c: Change }) {
  if (!c.affected) return <Typography.Text type="secondary">未找到引用条目</Typography.Text>;
  return (
    <div style={{ minWidth: 110 }} data-testid="law-change-progress">
      <Typography.Text>
        已更新 {c.updated} / {c.affected} 项
      </Typography.Text>
      <Progress
        percent={Math.round((c.updated / c.affected) * 100)}
        size="small"
        showInfo={false}
        status={c.status === 'overdue' ? 'exception' : c.status === 'done' ? 'success' : 'normal'}
      />
    </div>
  );
}

export const CSV_COLUMNS: CsvColumn<LawChange>[] = [
  { title: '变更事项', value: (c) => c.title },
  { title: '类型', value: (c) => LAW_CHANGE_KIND_LABELS[c.kind] },
  { title: '所属部门', value: (c) => c.agencyName },
  { title: '生效日期', value: (c) => c.effectiveDate },
  { title: '更新期限', value: deadlineText },
  { title: '政策包', value: (c) => c.policyId },
  { title: '受影响条目', value: (c) => c.affected },
  { title: '已更新', value: (c) => c.updated },
  { title: '状态', value: (c) => LAW_CHANGE_STATUS_LABELS[c.status] },
  { title: '查找文字', value: (c) => c.matchText },
  { title: '说明', value: (c) => c.note ?? '' },
  { title: '登记人', value: (c) => c.recordedBy },
  { title: '登记时间', value: (c) => formatDateTime(c.recordedAt) },
];
