// Small pieces shared by the review pages and the case page's review panel: the state tag and the deadline line.
import { Space, Tag, Tooltip } from 'antd';
import { REVIEW_STATE_COLORS, type ReviewSummary } from '../../../shared/review/types.ts';

export function ReviewStateTag({ r }: { r: Pick<ReviewSummary, 'state' | 'stateLabel'> }) {
  return (
    <Tag color={REVIEW_STATE_COLORS[r.state]} data-testid="review-state">
      {r.stateLabel}
    </Tag>
  );
}

/** 期限 2026-12-07（已用 2 / 10 个工作日）, paused or overdue; a year without a loaded holiday schedule is flagged. */
export function DeadlineText({ r }: { r: ReviewSummary }) {
  const d = r.deadline;
  if (!d.dueOn) return <span>—</span>;
  const running = r.state === 'submitted' || r.state === 'reviewing' || r.state === 'supplementing';
  return (
    <Space size={4} wrap data-testid="review-deadline">
      <span>
        {running ? '审核期限' : '期限'} {d.dueOn}
      </span>
      {running && d.usedWorkingDays !== null && (
        <span className="sx-muted">
          （已用 {d.usedWorkingDays} / {d.workingDays} 个工作日{d.extended ? '，已延长' : ''}）
        </span>
      )}
      {d.paused && <Tag color="orange">补充材料中，暂停计时（自 {d.pausedSince}）</Tag>}
      {d.overdue && <Tag color="red">已超期</Tag>}
      {!d.scheduleComplete && (
        <Tooltip title={`${d.missingYears.join('、')} 年的节假日安排尚未载入，期限按周末推算，可能不准确`}>
          <Tag color="warning">节假日安排未载入</Tag>
        </Tooltip>
      )}
    </Space>
  );
}
