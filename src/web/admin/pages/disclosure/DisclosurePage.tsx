// One decision's disclosure record: the 003 §11 fields, the deadline, and the step due now — redaction by the editor,
// review and publication by another person, exclusion with its reason (and the head's approval where 003 §8 allows),
// the change notice after a reconsideration or lawsuit overturned the decision — with every step so far.
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import { api, errorMessage } from '../../../shared/api.ts';
import { useSubmit } from '../../../shared/useSubmit.ts';
import { useApi } from '../../../shared/useApi.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { ACT_CATEGORY_LABELS } from '../../../shared/registry/labels.ts';
import {
  EVENT_LABELS,
  EXCLUSION_REASON_IDS,
  EXCLUSION_REASONS,
  STATE_COLORS,
  TEXT_FIELD_LABELS,
  TEXT_FIELDS,
  type DisclosureDetail,
  type TextField,
} from '../../../shared/disclosure/types.ts';
import { initialState, RedactionEditor, type FieldState, type Proposal } from './RedactionEditor.tsx';
import { DueText } from './DisclosuresPage.tsx';

type Published = {
  documentNumber: string | null;
  caseName: string;
  party: { name: string; creditCode: string | null; representative: string | null };
  facts: string;
  basis: string;
  result: string;
  fineYuan: number | null;
};

function PublishedView({ p }: { p: Published }) {
  return (
    <Descriptions column={1} size="small" bordered data-testid="published-view">
      <Descriptions.Item label="决定文书号">{p.documentNumber ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="当事人">
        {p.party.name}
        {p.party.creditCode ? `（${p.party.creditCode}）` : ''}
        {p.party.representative ? `，法定代表人 ${p.party.representative}` : ''}
      </Descriptions.Item>
      <Descriptions.Item label="案件名称">{p.caseName}</Descriptions.Item>
      <Descriptions.Item label="主要违法事实">{p.facts}</Descriptions.Item>
      <Descriptions.Item label="执法依据">{p.basis}</Descriptions.Item>
      <Descriptions.Item label="处理结果">
        {p.result}
        {p.fineYuan != null ? `（罚款 ${p.fineYuan} 元）` : ''}
      </Descriptions.Item>
    </Descriptions>
  );
}

function eventText(e: DisclosureDetail['events'][number]): string {
  const d = e.data as {
    label?: string;
    note?: string;
    workingDaysLate?: number;
    remedy?: { label: string; authority: string; decidedOn: string };
    text?: string;
  };
  switch (e.kind) {
    case 'excluded':
      return `${d.label}：${d.note}`;
    case 'publicationApproved':
      return String(d.note);
    case 'published':
      return d.workingDaysLate ? `超过期限 ${d.workingDaysLate} 个工作日` : '在期限内公示';
    case 'withdrawn':
    case 'remedyRecorded':
      return `${d.remedy?.label}（${d.remedy?.authority}，${d.remedy?.decidedOn}）`;
    case 'changeNoticePublished':
      return String(d.text);
    default:
      return '';
  }
}

export default function DisclosurePage() {
  const { id } = useParams();
  const { message, modal } = App.useApp();
  const record = useApi<DisclosureDetail>(`/api/v1/disclosures/${id}`);
  const d = record.data;
  const [fields, setFields] = useState<Record<TextField, FieldState> | null>(null);
  // A failure shows in a dialog: the redaction findings left unhandled, or the server's issues.
  const { saving: busy, submit } = useSubmit(null, {
    onError: (e, { issues }) => {
      const findings = (e as { details?: { findings?: { field: string }[] } }).details?.findings ?? [];
      modal.error({
        title: errorMessage(e),
        content: findings.length
          ? `未处理的在：${[...new Set(findings.map((f) => TEXT_FIELD_LABELS[f.field as TextField] ?? f.field))].join('、')}`
          : issues.map((i) => i.message).join('；') || undefined,
      });
    },
  });
  const [excluding, setExcluding] = useState(false);
  const [redo, setRedo] = useState(false);
  const [approving, setApproving] = useState(false);
  const [approveForm] = Form.useForm();
  const [form] = Form.useForm();
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the redaction editor starts afresh for each record and state loaded
    if (d?.proposal) setFields(initialState(d.proposal as Proposal));
    setRedo(false);
  }, [d?.id, d?.state]); // eslint-disable-line react-hooks/exhaustive-deps

  const run = async (path: string, body: unknown, done: string) => {
    const ok = await submit(async () => {
      await api.post(`/api/v1/disclosures/${id}/${path}`, body);
      message.success(done);
      record.reload();
      return true;
    });
    return ok ?? false;
  };
  const prepare = () =>
    run(
      'prepare',
      { fields: Object.fromEntries(TEXT_FIELDS.map((f) => [f, fields![f]])) },
      '已确认脱敏，请另一名公示审核员或负责人审查发布',
    );

  if (record.error)
    return (
      <Card className="sx-card">
        <Alert type="error" showIcon title={record.error.message} action={<Link to="/disclosures">返回列表</Link>} />
      </Card>
    );
  if (!d) return <Card className="sx-card" loading />;
  const r = d.record as {
    documentNumber?: string | null;
    caseName: string;
    party: { kind: string; name: string; creditCode?: string | null; birthDate?: string | null; hasIdNumber?: boolean };
    agencyName: string;
  };
  const exclusion = d.exclusion as {
    reason: keyof typeof EXCLUSION_REASONS;
    label: string;
    citation: string;
    note: string;
    by: string;
    automatic: boolean;
    approval?: { by: string; note: string };
  } | null;
  const remedy = d.remedy as { label: string; authority: string; decidedOn: string; documentNumber: string | null } | null;
  const notice = d.changeNotice as { text: string; publishedOn: string; workingDaysLate: number } | null;
  const may = (a: DisclosureDetail['actions'][number]) => d.actions.includes(a);
  // a correction of a published record, prepared and waiting for a second person
  const revision = d.state === 'published' && (d.prepared as { revision?: boolean } | null)?.revision === true;
  // the decision was corrected before service: the corrected text waits for the editor
  const pendingCorrection = (d.record as { pendingCorrection?: { reason: string } }).pendingCorrection ?? null;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="disclosure-page">
      <Card className="sx-card">
        <div className="sx-page-header">
          <Typography.Title level={3} style={{ marginBottom: 0 }}>
            {r.party.name}{' '}
            <Tag color={STATE_COLORS[d.state]} data-testid="disclosure-state">
              {d.stateLabel}
            </Tag>
          </Typography.Title>
        </div>
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label="案件">
            <Link to={`/cases/${d.caseId}`}>{d.caseNumber}</Link>
          </Descriptions.Item>
          <Descriptions.Item label="决定文书号">{r.documentNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="案件名称">{r.caseName}</Descriptions.Item>
          <Descriptions.Item label="执法类别">
            {ACT_CATEGORY_LABELS[d.actCategory as keyof typeof ACT_CATEGORY_LABELS] ?? d.actCategory}
          </Descriptions.Item>
          <Descriptions.Item label="决定日期">{d.decidedOn}</Descriptions.Item>
          <Descriptions.Item label="公示期限">
            {d.workingDays} 个工作日 · <DueText r={{ ...d, publishedOn: d.publishedOn }} />
          </Descriptions.Item>
          {r.party.kind !== 'organisation' && (
            <Descriptions.Item label="当事人年龄核验">
              {r.party.hasIdNumber
                ? '已据身份证号码核验出生日期'
                : r.party.birthDate
                  ? `出生日期 ${r.party.birthDate}`
                  : '未登记身份证号码或出生日期'}
            </Descriptions.Item>
          )}
          {d.takeDownOn && <Descriptions.Item label="期满撤下">{d.takeDownOn}（002 公示办法第二十八条）</Descriptions.Item>}
        </Descriptions>
      </Card>

      {exclusion && (
        <Alert
          type={d.state === 'excluded' ? 'warning' : 'info'}
          showIcon
          data-testid="exclusion-alert"
          title={`不予公开：${exclusion.label}（${exclusion.citation}）`}
          description={
            <>
              {exclusion.note}
              <div className="sx-muted">
                {exclusion.automatic ? '系统据当事人出生日期自动认定' : `决定人：${exclusion.by}`}
                {exclusion.approval ? `；${exclusion.approval.by} 已批准公开：${exclusion.approval.note}` : ''}
              </div>
            </>
          }
          action={
            may('approvePublication') ? (
              <Button
                size="small"
                onClick={() => {
                  approveForm.resetFields();
                  setApproving(true);
                }}
                data-testid="disclosure-approve"
              >
                批准公开
              </Button>
            ) : undefined
          }
        />
      )}

      {remedy && (
        <Card className="sx-card" title="复议、诉讼结果与变更说明" data-testid="remedy-card">
          <Alert
            type="error"
            showIcon
            title={`${remedy.label}（${remedy.authority}，${remedy.decidedOn}${remedy.documentNumber ? `，${remedy.documentNumber}` : ''}）`}
            description={d.state === 'withdrawn' ? '原决定信息已从门户撤下（000 第十三条）。' : '原决定信息仍在门户显示，须公示变更情况。'}
          />
          {notice ? (
            <div style={{ marginTop: 12 }} data-testid="change-notice">
              <Tag color="green">{notice.publishedOn} 已公示</Tag>
              {notice.text}
            </div>
          ) : may('publishChangeNotice') ? (
            <Form layout="vertical" style={{ marginTop: 12 }} onFinish={(v) => run('change-notice', v, '变更说明已公示')}>
              <Form.Item
                name="explanation"
                label={`变更说明${d.changeDueOn ? `（应于 ${d.changeDueOn} 前公示）` : ''}`}
                rules={[{ required: true, whitespace: true, message: '请填写说明' }]}
              >
                <Input.TextArea
                  autoSize={{ minRows: 3 }}
                  maxLength={4000}
                  data-testid="change-notice-text"
                  placeholder="说明原决定被撤销、变更或确认违法的情况；其中的个人信息会自动遮盖"
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="change-notice-submit">
                公示变更说明
              </Button>
            </Form>
          ) : null}
        </Card>
      )}

      {(d.state === 'prepared' || revision) && d.prepared && (
        <Card
          className="sx-card"
          title={`${revision ? '更正内容待审查发布' : '待审查发布'}（${String((d.prepared as { by: string }).by)} 已确认脱敏）`}
          data-testid="prepared-card"
        >
          <PublishedView p={(d.prepared as { published: Published }).published} />
          {may('publish') && (
            <Space wrap style={{ marginTop: 12 }}>
              {d.preparedByMe ? (
                <Alert type="info" showIcon title="须由另一名公示审核员或负责人审查后发布（未经审查不得发布）" />
              ) : (
                <Button
                  type="primary"
                  loading={busy}
                  onClick={() => run('publish', {}, '已发布到公示平台')}
                  data-testid="disclosure-publish"
                >
                  审查通过，发布
                </Button>
              )}
              {!redo && (
                <Button
                  onClick={() => {
                    setFields(initialState(d.proposal as Proposal));
                    setRedo(true);
                  }}
                  data-testid="disclosure-redo"
                >
                  重新脱敏
                </Button>
              )}
            </Space>
          )}
        </Card>
      )}

      {may('prepare') && fields && d.proposal && (d.state === 'pending' || redo) && (
        <Card
          className="sx-card"
          title={d.state === 'pending' ? '脱敏' : d.state === 'published' ? '更正公示内容' : '重新脱敏'}
          data-testid="redaction-card"
        >
          <RedactionEditor proposal={d.proposal as Proposal} state={fields} onChange={setFields} />
          <Space wrap style={{ marginTop: 12 }}>
            <Button type="primary" loading={busy} onClick={prepare} data-testid="disclosure-prepare">
              确认脱敏，提交审查
            </Button>
            {may('exclude') && (
              <Button
                danger
                onClick={() => {
                  form.resetFields();
                  setExcluding(true);
                }}
                data-testid="disclosure-exclude"
              >
                不予公开
              </Button>
            )}
          </Space>
        </Card>
      )}

      {d.state === 'published' && pendingCorrection && !revision && (
        <Alert
          type="warning"
          showIcon
          data-testid="decision-corrected"
          title="决定书送达前已更正，公示内容待更正"
          description={`更正理由：${pendingCorrection.reason}。门户仍显示原公示内容；请点击“更正公示内容”对更正后的决定重新脱敏，由另一名公示审核员或负责人审查发布（002 公示办法第三十条、第三十一条）。`}
        />
      )}

      {d.state === 'published' && d.published && (
        <Card
          className="sx-card"
          title={`已公示（${d.publishedOn}）`}
          extra={
            <a href={`/decisions/${d.id}`} target="_blank" rel="noreferrer">
              在门户查看
            </a>
          }
        >
          <PublishedView p={d.published as unknown as Published} />
          {may('prepare') && !revision && !redo && (
            <Button
              style={{ marginTop: 12 }}
              onClick={() => {
                setFields(initialState(d.proposal as Proposal));
                setRedo(true);
              }}
              data-testid="disclosure-revise"
            >
              更正公示内容
            </Button>
          )}
        </Card>
      )}

      <Card className="sx-card" title="办理过程">
        {d.events.length ? (
          <Timeline
            items={[
              { color: 'gray', children: <>{d.decidedOn} 作出决定，生成公示记录</> },
              ...d.events.map((e) => ({
                color: e.kind === 'withdrawn' || e.kind === 'excluded' ? 'red' : e.kind === 'published' ? 'green' : 'blue',
                children: (
                  <>
                    <strong>{EVENT_LABELS[e.kind] ?? e.kind}</strong> · {e.actorName} · {formatDateTime(e.at)}
                    {e.ledgerRef !== null && <Tag style={{ marginInlineStart: 6 }}>已记入账本</Tag>}
                    <div className="sx-muted">{eventText(e)}</div>
                  </>
                ),
              })),
            ]}
          />
        ) : (
          <Typography.Text type="secondary">{d.decidedOn} 作出决定，尚待脱敏。</Typography.Text>
        )}
      </Card>

      <Modal
        open={approving}
        title="批准公开（003 公示办法第八条）"
        okText="批准"
        okButtonProps={{ loading: busy }}
        onCancel={() => setApproving(false)}
        destroyOnHidden
        onOk={async () => {
          const v = await approveForm.validateFields();
          if (await run('approve-publication', v, '已批准，退回公示审核员脱敏发布')) setApproving(false);
        }}
      >
        <Form form={approveForm} layout="vertical">
          <Form.Item name="note" label="批准理由" rules={[{ required: true, whitespace: true, message: '请写明理由' }]}>
            <Input.TextArea
              autoSize={{ minRows: 3 }}
              maxLength={1000}
              placeholder="如权利人书面同意公开、不公开可能对公共利益造成重大影响"
            />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={excluding}
        title="不予公开"
        okText="确定不予公开"
        okButtonProps={{ danger: true, loading: busy }}
        onCancel={() => setExcluding(false)}
        destroyOnHidden
        onOk={async () => {
          const v = await form.validateFields();
          if (await run('exclude', v, '已决定不予公开，理由已留存')) setExcluding(false);
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label="理由" rules={[{ required: true, message: '请选择理由' }]}>
            <Select
              data-testid="exclude-reason"
              options={EXCLUSION_REASON_IDS.map((k) => ({
                value: k,
                label: `${EXCLUSION_REASONS[k].label}（${EXCLUSION_REASONS[k].citation}）`,
              }))}
            />
          </Form.Item>
          <Form.Item name="note" label="审查意见" rules={[{ required: true, whitespace: true, message: '请注明理由（留存备查）' }]}>
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
