// One legal review (SPEC §4.4): what was submitted and why the decision is major, the deadline in working days, every
// step so far, and the actions the user may take now — assign or take the review, ask for supplements, return it,
// ask for / approve the one extension, work through the checklist of 000 §30 to a written opinion, contest it, and
// the head's decision on a disagreement.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { api, errorMessage } from '../../../shared/api.ts';
import { useSubmit } from '../../../shared/useSubmit.ts';
import { useApi } from '../../../shared/useApi.ts';
import { formatDateTime } from '../../../shared/format.ts';
import {
  CHECKLIST_ITEMS,
  CHECKLIST_LABELS,
  EVENT_LABELS,
  REVIEW_OUTCOME_LABELS,
  REVIEW_OUTCOMES,
  type ReviewAction,
  type ReviewDetail,
  type ReviewerOption,
} from '../../../shared/review/types.ts';
import { useUser } from '../../auth.tsx';
import { DeadlineText, ReviewStateTag } from './ReviewParts.tsx';

type Dialog = Exclude<ReviewAction, 'claim' | 'opinion'> | null;

function eventText(e: ReviewDetail['events'][number]): string {
  const d = e.data as Record<string, unknown>;
  switch (e.kind) {
    case 'assigned':
      return `审核人员：${String(d.reviewerName)}${d.firstReview ? '（初次从事法制审核，已核验法律职业资格）' : ''}`;
    case 'supplementRequested':
      return `需补充：${String(d.items)}；补充期限 ${String(d.dueOn)}`;
    case 'supplied':
      return String(d.note);
    case 'returned':
    case 'extensionRequested':
      return String(d.reason);
    case 'extensionDecided':
      return `${d.approved ? '批准延长' : '不予批准'}${d.comment ? `：${String(d.comment)}` : ''}`;
    case 'opinion':
      return `${REVIEW_OUTCOME_LABELS[d.outcome as keyof typeof REVIEW_OUTCOME_LABELS]}${d.documentNumber ? `（${String(d.documentNumber)}）` : ''}${d.overdue ? '，超过审核期限' : ''}`;
    case 'contested':
      return `${String(d.reason)}（协商情况：${String(d.consultation)}）`;
    case 'headDecided':
      return `${d.adopt === 'handler' ? '采纳承办机构意见' : '维持法制审核意见'}：${String(d.reason)}`;
    default:
      return '';
  }
}

const DIALOGS: Record<Exclude<Dialog, null>, { title: string; path: string; ok: string }> = {
  assign: { title: '分配法制审核人员', path: 'assign', ok: '分配' },
  requestSupplement: { title: '要求补充材料', path: 'supplement-request', ok: '发出' },
  supply: { title: '补充材料', path: 'supply', ok: '提交' },
  return: { title: '退回承办机构', path: 'return', ok: '退回' },
  requestExtension: { title: '申请延长审核期限', path: 'extension', ok: '提交申请' },
  decideExtension: { title: '审批延期申请', path: 'extension-decision', ok: '确定' },
  contest: { title: '对审核意见提出异议', path: 'contest', ok: '报请负责人决定' },
  headDecision: { title: '对审核意见分歧作出决定', path: 'head-decision', ok: '作出决定' },
};

function ActionDialog({
  review,
  dialog,
  onClose,
  onDone,
}: {
  review: ReviewDetail;
  dialog: Exclude<Dialog, null>;
  onClose(): void;
  onDone(): void;
}) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const { saving, submit } = useSubmit(form);
  const reviewers = useApi<{ items: ReviewerOption[] }>(dialog === 'assign' ? `/api/v1/reviews/${review.id}/reviewers` : null);
  const def = DIALOGS[dialog];
  const onFinish = (v: Record<string, unknown>) =>
    submit(async () => {
      const body = { ...v, ...(v.dueOn ? { dueOn: dayjs(v.dueOn as string).format('YYYY-MM-DD') } : {}) };
      await api.post(`/api/v1/reviews/${review.id}/${def.path}`, body);
      message.success(`${def.title}：已完成`);
      onDone();
    });
  const reason = (label: string, name = 'reason') => (
    <Form.Item name={name} label={label} rules={[{ required: true, min: 2, message: `请填写${label}` }]}>
      <Input.TextArea autoSize={{ minRows: 3 }} data-testid={`review-${name}`} />
    </Form.Item>
  );
  return (
    <Modal
      open
      title={def.title}
      okText={def.ok}
      onOk={() => form.submit()}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
      data-testid="review-dialog"
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={dialog === 'decideExtension' ? { approved: true } : dialog === 'headDecision' ? { adopt: 'review' } : {}}
      >
        {dialog === 'assign' && (
          <Form.Item
            name="reviewerId"
            label="法制审核人员"
            rules={[{ required: true, message: '请选择审核人员' }]}
            extra="办案与审核相分离：本案承办人员和拟处理决定的起草人不能审核；初次从事法制审核的须具备法律职业资格（000 第二十七、二十八条）"
          >
            <Select
              loading={reviewers.loading}
              data-testid="review-reviewer"
              options={(reviewers.data?.items ?? []).map((o) => ({
                value: o.id,
                disabled: !o.eligible,
                label: `${o.name}${o.firstReview ? '（初次审核）' : ''}${o.problem ? ` — ${o.problem}` : ''}`,
              }))}
            />
          </Form.Item>
        )}
        {dialog === 'requestSupplement' && (
          <>
            {reason('需要补充的材料', 'items')}
            <Form.Item
              name="dueOn"
              label="补充期限"
              rules={[{ required: true, message: '请选择补充期限' }]}
              extra="补充材料的时间不计入审核期限（000 第三十一条）"
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} data-testid="review-dueOn" />
            </Form.Item>
          </>
        )}
        {dialog === 'supply' && reason('补充材料说明（已补充的材料、在案件中的位置）', 'note')}
        {dialog === 'return' && reason('退回理由')}
        {dialog === 'requestExtension' && reason('延期理由（情况复杂的情形）')}
        {dialog === 'decideExtension' && (
          <>
            <Form.Item name="approved" label="审批">
              <Radio.Group
                options={[
                  { value: true, label: '批准延长' },
                  { value: false, label: '不予批准' },
                ]}
              />
            </Form.Item>
            <Form.Item name="comment" label="意见">
              <Input.TextArea autoSize={{ minRows: 2 }} />
            </Form.Item>
          </>
        )}
        {dialog === 'contest' && (
          <>
            {reason('承办机构的意见和理由')}
            {reason('与法制机构协商沟通的情况', 'consultation')}
          </>
        )}
        {dialog === 'headDecision' && (
          <>
            <Form.Item name="adopt" label="决定" data-testid="review-adopt">
              <Radio.Group
                options={[
                  { value: 'review', label: '维持法制审核意见' },
                  { value: 'handler', label: '采纳承办机构意见' },
                ]}
              />
            </Form.Item>
            {reason('决定理由')}
          </>
        )}
      </Form>
    </Modal>
  );
}

/** The checklist of 000 §30 item by item, the outcome and the written opinion. */
function OpinionForm({ review, onDone }: { review: ReviewDetail; onDone(): void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  // without the form: a failure shows as a message only (checklist issues such as checklist.3.note name no field here)
  const { saving, submit } = useSubmit();
  const results = Form.useWatch('results', form) as Record<string, 'pass' | 'problem'> | undefined;
  const problems = CHECKLIST_ITEMS.filter((i) => results?.[i] === 'problem');
  const onFinish = (v: { results: Record<string, 'pass' | 'problem'>; notes?: Record<string, string>; outcome: string; opinion: string }) =>
    submit(async () => {
      await api.post(`/api/v1/reviews/${review.id}/opinion`, {
        outcome: v.outcome,
        opinion: v.opinion,
        // a note typed for an item later switched back to "no problem" is not sent
        checklist: CHECKLIST_ITEMS.map((item) => ({
          item,
          result: v.results[item],
          ...(v.results[item] === 'problem' && v.notes?.[item]?.trim() ? { note: v.notes[item].trim() } : {}),
        })),
      });
      message.success('已出具法制审核意见，意见书已记入案卷和账本');
      onDone();
    });
  return (
    <Card size="small" title="法制审核意见（逐项审核，000 第三十条）" data-testid="review-opinion-form" style={{ marginBottom: 16 }}>
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ results: Object.fromEntries(CHECKLIST_ITEMS.map((i) => [i, 'pass'])) }}
      >
        {CHECKLIST_ITEMS.map((item, n) => (
          <div key={item} className="sx-checklist-row" data-testid={`check-${item}`}>
            <div className="sx-checklist-item">
              <span>
                {n + 1}. {CHECKLIST_LABELS[item]}
              </span>
              <Form.Item name={['results', item]} noStyle>
                <Radio.Group
                  optionType="button"
                  size="small"
                  options={[
                    { value: 'pass', label: '无问题' },
                    { value: 'problem', label: '有问题' },
                  ]}
                />
              </Form.Item>
            </div>
            {results?.[item] === 'problem' && (
              <Form.Item name={['notes', item]} rules={[{ required: true, message: '请写明问题和意见' }]} style={{ marginTop: 8 }}>
                <Input.TextArea autoSize={{ minRows: 2 }} placeholder="存在的问题和修改意见" data-testid={`check-${item}-note`} />
              </Form.Item>
            )}
          </div>
        ))}
        <Form.Item
          name="outcome"
          label="审核结论"
          rules={[{ required: true, message: '请选择审核结论' }]}
          extra={problems.length ? `有 ${problems.length} 项存在问题：不能出具“同意”的意见` : '各项均无问题的，出具“同意”的意见'}
        >
          <Select
            data-testid="review-outcome"
            options={REVIEW_OUTCOMES.map((o) => ({
              value: o,
              label: REVIEW_OUTCOME_LABELS[o],
              disabled: o === 'agree' ? problems.length > 0 : problems.length === 0,
            }))}
          />
        </Form.Item>
        <Form.Item name="opinion" label="审核意见" rules={[{ required: true, min: 2, message: '请填写审核意见' }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} data-testid="review-opinion" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="review-opinion-submit">
          出具审核意见
        </Button>
      </Form>
    </Card>
  );
}

const ACTION_BUTTONS: { action: Exclude<Dialog, null>; label: string; danger?: boolean }[] = [
  { action: 'assign', label: '分配审核人员' },
  { action: 'requestSupplement', label: '要求补充材料' },
  { action: 'supply', label: '补充材料' },
  { action: 'requestExtension', label: '申请延期' },
  { action: 'decideExtension', label: '审批延期申请' },
  { action: 'contest', label: '提出异议' },
  { action: 'headDecision', label: '对分歧作出决定' },
  { action: 'return', label: '退回', danger: true },
];

export default function ReviewPage() {
  const { id } = useParams();
  const user = useUser();
  const { message } = App.useApp();
  const r = useApi<ReviewDetail>(`/api/v1/reviews/${id}`);
  const [dialog, setDialog] = useState<Dialog>(null);
  if (r.error)
    return (
      <Card className="sx-card">
        <Alert
          type="error"
          showIcon
          title={r.error.message}
          action={
            <Link to="/reviews">
              <Button size="small">返回法制审核列表</Button>
            </Link>
          }
        />
      </Card>
    );
  const d = r.data;
  if (!d) return <Card className="sx-card" loading />;
  const claim = async () => {
    try {
      await api.post(`/api/v1/reviews/${d.id}/assign`, { reviewerId: user.id });
      message.success('已领取本次审核');
      r.reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const opinionEvent = d.events.filter((e) => e.kind === 'opinion').at(-1);
  return (
    <Card className="sx-card" data-testid="review-page">
      <div className="sx-page-header">
        <Space direction="vertical" size={0}>
          <Typography.Title level={3} style={{ marginBottom: 0 }}>
            法制审核 · <Link to={`/cases/${d.caseId}`}>{d.caseNumber}</Link>
          </Typography.Title>
          <Space wrap>
            <ReviewStateTag r={d} />
            <span>
              {d.cause} · {d.partyName}
            </span>
            {d.round > 1 && <span className="sx-muted">第 {d.round} 次提请</span>}
          </Space>
        </Space>
        <Space wrap data-testid="review-actions">
          {d.actions.includes('claim') && (
            <Button type="primary" onClick={claim} data-testid="review-claim">
              领取审核
            </Button>
          )}
          {ACTION_BUTTONS.filter((b) => d.actions.includes(b.action)).map((b) => (
            <Button key={b.action} danger={b.danger} onClick={() => setDialog(b.action)} data-testid={`review-${b.action}`}>
              {b.label}
            </Button>
          ))}
          {ACTION_BUTTONS.flatMap((b) =>
            d.blockedActions
              .filter((x) => x.action === b.action)
              .map((x) => (
                <Tooltip key={b.action} title={x.reason}>
                  <Button disabled data-testid={`review-${b.action}-blocked`}>
                    {b.label}
                  </Button>
                </Tooltip>
              )),
          )}
        </Space>
      </div>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2 }}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'deadline', label: '审核期限', span: 2, children: <DeadlineText r={d} /> },
          { key: 'received', label: '收到送审材料', children: d.receivedOn },
          { key: 'reviewerName', label: '审核人员', children: d.reviewerName ?? '待分配' },
          { key: 'submitted', label: '提请人', children: `${d.submittedBy}（${formatDateTime(d.submittedAt)}）` },
          { key: 'outcome', label: '审核结论', children: d.outcome ? REVIEW_OUTCOME_LABELS[d.outcome] : '—' },
          {
            key: 'major',
            label: '重大执法决定认定',
            span: 2,
            children: d.reasons.length
              ? d.reasons.map((x) => `${x.label}（${x.citation}）`).join('；')
              : '按目录不属于重大执法决定，承办机构认为需要审核（002 审核办法第四条）',
          },
        ]}
      />
      {d.actions.includes('opinion') && <OpinionForm review={d} onDone={r.reload} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <Link to={`/cases/${d.caseId}/acts/${d.submissionActId}/document`}>
          <Button size="small">送审表</Button>
        </Link>
        <Link to={`/cases/${d.caseId}/acts/${d.draftActId}/document`}>
          <Button size="small">拟处理决定</Button>
        </Link>
        {opinionEvent?.actId && (
          <Link to={`/cases/${d.caseId}/acts/${opinionEvent.actId}/document`}>
            <Button size="small" type="primary" ghost data-testid="review-opinion-document">
              法制审核意见书
            </Button>
          </Link>
        )}
      </Space>
      <Typography.Title level={4}>审核过程</Typography.Title>
      <Timeline
        data-testid="review-events"
        items={d.events.map((e) => ({
          key: e.seq,
          content: (
            <div>
              <Typography.Text strong>{EVENT_LABELS[e.kind] ?? e.kind}</Typography.Text>{' '}
              <span className="sx-muted">
                {e.actor} · {formatDateTime(e.at)}
              </span>
              <div className="sx-pre">{eventText(e)}</div>
            </div>
          ),
        }))}
      />
      {dialog && (
        <ActionDialog
          review={d}
          dialog={dialog}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            r.reload();
          }}
        />
      )}
    </Card>
  );
}
