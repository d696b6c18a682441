// The status of a correction request, looked up by its code (no sign-in; the requester's details are not shown).
import { Link, useParams } from 'react-router';
import { Descriptions, Result, Spin, Tag } from 'antd';
import { useApi } from '../../../shared/useApi.ts';
import type { CorrectionStatus } from '../../../shared/disclosure/types.ts';

export default function CorrectionStatusPage() {
  const { code } = useParams();
  const state = useApi<CorrectionStatus>(`/api/v1/public/corrections/${code}`);
  if (state.loading)
    return (
      <div className="px-loading">
        <Spin />
      </div>
    );
  if (!state.data)
    return (
      <Result
        status="404"
        title="未找到该更正申请"
        subTitle="请核对查询码（10 位字母或数字）。"
        extra={<Link to="/decisions">返回执法决定公开</Link>}
      />
    );
  const c = state.data;
  return (
    <div className="px-section" data-testid="correction-status">
      <h2 className="px-section-title">更正申请办理情况</h2>
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label="查询码">{c.code}</Descriptions.Item>
        <Descriptions.Item label="涉及决定">{c.documentNumber ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="收到日期">{c.receivedOn}</Descriptions.Item>
        <Descriptions.Item label="答复期限">{c.dueOn}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <Tag color={c.state === 'open' ? 'blue' : c.state === 'corrected' ? 'green' : 'default'}>{c.stateLabel}</Tag>
        </Descriptions.Item>
        {c.answer && <Descriptions.Item label={`答复（${c.answeredOn}）`}>{c.answer}</Descriptions.Item>}
      </Descriptions>
    </div>
  );
}
