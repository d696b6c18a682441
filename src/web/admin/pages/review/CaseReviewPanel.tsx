// The legal review on the case page: the case's reviews with state and deadline, and — for the handlers, once the
// draft decision is recorded — "提请法制审核" with the materials of 000 §29 checked item by item as they are written
// (the server checks again and refuses an incomplete package).
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Form, Input, List, Modal, Space, Switch, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone, MinusCircleOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../../shared/api.ts';
import { useApi } from '../../../shared/useApi.ts';
import { useSubmit } from '../../../shared/useSubmit.ts';
import type { CaseDetail } from '../../../shared/cases/types.ts';
import type { MaterialCheck, ReviewSummary } from '../../../shared/review/types.ts';
import { DeadlineText, ReviewStateTag } from './ReviewParts.tsx';

interface SubmitValues {
  investigationReport?: string;
  explanation?: { facts?: string; lawAndDiscretion?: string; investigation?: string };
  appraised?: boolean;
  appraisalSummary?: string;
  note?: string;
}

const bodyOf = (v: SubmitValues) => ({
  investigationReport: v.investigationReport,
  explanation: v.explanation ?? {},
  note: v.note,
  ...(v.appraised ? { appraisal: { summary: v.appraisalSummary, evidenceIds: [] } } : {}),
});

function MaterialsList({ materials }: { materials: MaterialCheck[] }) {
  return (
    <List
      size="small"
      bordered
      data-testid="review-materials"
      dataSource={materials}
      renderItem={(m) => (
        <List.Item data-testid={`material-${m.key}`} data-present={m.required ? String(m.present) : 'n/a'}>
          <Space>
            {!m.required ? (
              <MinusCircleOutlined />
            ) : m.present ? (
              <CheckCircleTwoTone twoToneColor="#52c41a" />
            ) : (
              <CloseCircleTwoTone twoToneColor="#ff4d4f" />
            )}
            <span>{m.label}</span>
            <span className="sx-muted">{m.detail}</span>
          </Space>
        </List.Item>
      )}
    />
  );
}

function SubmitModal({ d, onClose, onDone }: { d: CaseDetail; onClose(): void; onDone(id: string): void }) {
  const [form] = Form.useForm<SubmitValues>();
  const { message } = App.useApp();
  const [materials, setMaterials] = useState<MaterialCheck[]>([]);
  // a refused package comes back with the materials checked again: show them, and the refusal as a message
  const { saving, submit } = useSubmit(null, {
    onError: (e) => {
      const details = (e as { details?: { materials?: MaterialCheck[] } }).details;
      if (details?.materials) setMaterials(details.materials);
      message.error(errorMessage(e));
    },
  });
  const [qualifications, setQualifications] = useState('');
  const [checkError, setCheckError] = useState<string | null>(null);
  const values = Form.useWatch([], form);
  useEffect(() => {
    const t = setTimeout(() => {
      api
        .post<{ materials: MaterialCheck[]; qualifications: string }>(`/api/v1/cases/${d.id}/review-materials`, bodyOf(values ?? {}))
        .then((r) => {
          setMaterials(r.materials);
          setQualifications(r.qualifications);
          setCheckError(null);
        })
        .catch((e) => setCheckError(`材料检查暂时无法进行：${errorMessage(e)}`));
    }, 300);
    return () => clearTimeout(t);
  }, [JSON.stringify(values), d.id]); // eslint-disable-line react-hooks/exhaustive-deps -- values by content: useWatch gives a new object each render
  const missing = materials.filter((m) => m.required && !m.present);
  const onFinish = (v: SubmitValues) =>
    submit(async () => {
      const r = await api.post<{ id: string }>(`/api/v1/cases/${d.id}/reviews`, bodyOf(v));
      message.success('已提请法制审核，本案决定须待审核通过后作出');
      onDone(r.id);
    });
  const area = (name: string | string[], label: string) => (
    <Form.Item name={name} label={label}>
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} data-testid={`submit-${Array.isArray(name) ? name.join('-') : name}`} />
    </Form.Item>
  );
  return (
    <Modal
      open
      title="提请法制审核"
      width={720}
      okText="提交审核"
      onOk={() => form.submit()}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
      data-testid="review-submit-modal"
      okButtonProps={{ 'data-testid': 'review-submit-ok' } as Record<string, string>}
    >
      <Typography.Paragraph type="secondary">
        送审材料须齐全（000 第二十九条；002 审核办法第六、七条）。拟处理决定、证据、听证笔录和执法人员资格取自本案记录。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={onFinish}>
        {area('investigationReport', '调查终结报告')}
        {area(['explanation', 'facts'], '情况说明：基本事实')}
        {area(['explanation', 'lawAndDiscretion'], '情况说明：适用法律、法规、规章和裁量基准的情况')}
        {area(['explanation', 'investigation'], '情况说明：调查取证和听证情况')}
        <Form.Item name="appraised" label="经过鉴定、评估" valuePropName="checked">
          <Switch />
        </Form.Item>
        {values?.appraised && area('appraisalSummary', '鉴定、评估结论')}
        {area('note', '其他需要说明的情况（可不填）')}
      </Form>
      {qualifications && <Typography.Paragraph type="secondary">执法人员资格：{qualifications}</Typography.Paragraph>}
      {checkError && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={checkError} />}
      {missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title={`还缺 ${missing.length} 项材料，补齐后才能提交`}
          data-testid="review-missing"
        />
      )}
      <MaterialsList materials={materials} />
    </Modal>
  );
}

export function CaseReviewPanel({ d, mayRecord, onChanged }: { d: CaseDetail; mayRecord: boolean; onChanged(): void }) {
  const reviews = useApi<{ major: boolean; items: ReviewSummary[] }>(`/api/v1/cases/${d.id}/reviews`, { v: d.actCount });
  const [open, setOpen] = useState(false);
  const items = reviews.data?.items ?? [];
  const latest = items[0];
  const draft = d.acts.filter((a) => a.type === 'draftDecision').at(-1);
  const running = latest && ['submitted', 'reviewing', 'supplementing', 'contested'].includes(latest.state);
  const passedThisDraft = latest?.state === 'passed' && latest.draftActId === draft?.id;
  const maySubmit = mayRecord && d.stage === 'decision' && !!draft && !running && !passedThisDraft;
  if (!d.major && !items.length && !maySubmit) return null;
  return (
    <Card
      size="small"
      title="法制审核"
      style={{ marginBottom: 16 }}
      data-testid="case-review"
      extra={
        maySubmit && (
          <Button type="primary" size="small" onClick={() => setOpen(true)} data-testid="review-submit">
            {latest ? '重新提请法制审核' : '提请法制审核'}
          </Button>
        )
      }
    >
      {!latest ? (
        <Typography.Text type="secondary">
          {d.major
            ? '本案属于重大执法决定，作出决定前须经法制审核（000 第二十五条）。'
            : '承办机构认为需要审核的，也可提请法制审核（002 审核办法第四条）。'}
          {!draft && '请先记录“拟处理决定”，再提请审核。'}
        </Typography.Text>
      ) : (
        items.map((r) => (
          <Space key={r.id} wrap style={{ display: 'flex' }}>
            <Link to={`/reviews/${r.id}`} data-testid="review-link">
              第 {r.round} 次提请
            </Link>
            <ReviewStateTag r={r} />
            <DeadlineText r={r} />
            {r.reviewerName && <span className="sx-muted">审核人员 {r.reviewerName}</span>}
          </Space>
        ))
      )}
      {open && (
        <SubmitModal
          d={d}
          onClose={() => setOpen(false)}
          onDone={() => {
            setOpen(false);
            reviews.reload();
            onChanged();
          }}
        />
      )}
    </Card>
  );
}
