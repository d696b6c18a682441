// One case: its stage, deadlines and party, and every recorded act in order — with the officers' certificate checks,
// AV records, corrections and the ledger position that makes each tamper-evident. Works at 375 px.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Input,
  Modal,
  Select,
  Space,
  Steps,
  Tag,
  Timeline,
  Tooltip,
  Typography,
  App,
} from 'antd';
import { EditOutlined, FileTextOutlined, FileWordOutlined, FileZipOutlined, HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../../shared/api.ts';
import { downloadFile } from '../../../shared/files.ts';
import { useApi } from '../../../shared/useApi.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { ACT_CATEGORY_LABELS } from '../../../shared/registry/labels.ts';
import {
  ACT_TYPES,
  CERTIFICATE_PROBLEM_LABELS,
  CORRECTION_ACTIONS,
  CLASSIFICATION_LABELS,
  MAIN_STAGES,
  ORIGIN_LABELS,
  RETENTION_EVENT_LABELS,
  STAGE_LABELS,
  type ActType,
  type CaseAct,
  type CaseDetail,
} from '../../../shared/cases/types.ts';
import { StageTag } from './CasesPage.tsx';
import { RecordActDrawer } from './RecordActDrawer.tsx';
import { AccessLogDrawer } from './AccessLogDrawer.tsx';
import { CaseReviewPanel } from '../review/CaseReviewPanel.tsx';
import { ACT_FIELDS, tableCells } from '../../../../shared/act-fields.ts';

function ActContent({ act }: { act: CaseAct }) {
  if (act.type === 'registration') return <Typography.Text type="secondary">登记案由、当事人和承办人</Typography.Text>;
  const fields = ACT_FIELDS[act.type];
  return (
    <Descriptions
      size="small"
      column={1}
      items={fields.flatMap((f) => {
        const v = f.name.reduce<unknown>(
          (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
          act.content,
        );
        if (v === undefined || v === null || v === '') return [];
        const text =
          f.kind === 'bool'
            ? v
              ? '是'
              : '否'
            : f.kind === 'yuan'
              ? `${(Number(v) / 100).toFixed(2)} 元`
              : f.kind === 'items'
                ? (v as { name: string; quantity?: string }[]).map((i) => `${i.name}${i.quantity ? ` ${i.quantity}` : ''}`).join('；')
                : f.kind === 'names'
                  ? (v as string[]).join('、')
                  : f.kind === 'select'
                    ? (f.options?.find((o) => o.value === v)?.label ?? String(v))
                    : f.kind === 'multiselect'
                      ? (v as string[]).map((x) => f.options?.find((o) => o.value === x)?.label ?? x).join('、')
                      : f.kind === 'table'
                        ? tableCells(f, v)
                            .map((r) => r.filter(Boolean).join('：'))
                            .join('\n')
                        : f.kind === 'document'
                          ? '见上方文书'
                          : f.kind === 'datetime'
                            ? formatDateTime(String(v))
                            : String(v);
        return [{ key: f.name.join('.'), label: f.label, children: <span className="sx-pre">{text}</span> }];
      })}
    />
  );
}

/** Approval acts are corrected only by whoever may sign them (the case's `actions` say; the server checks again). */
function mayCorrect(act: CaseAct, actions: CaseDetail['actions']): boolean {
  if (act.type === 'registration' || act.type === 'archive' || act.correctedBy) return false;
  return actions.includes(CORRECTION_ACTIONS[act.type] ?? 'correct');
}

function ActItem({ act, caseId, copy, onCorrect }: { act: CaseAct; caseId: string; copy: boolean; onCorrect?: () => void }) {
  return (
    <div className="sx-act" data-testid={`act-${act.seq}`}>
      <Space wrap>
        <Typography.Text strong>
          {act.seq}. {ACT_TYPES[act.type].label}
        </Typography.Text>
        {act.corrects && <Tag color="orange">更正记录</Tag>}
        {act.correctedBy && <Tag>已被更正</Tag>}
        {act.avRequired !== 'none' && (
          <Tag color={act.media.length ? 'green' : 'gold'}>
            {act.avRequired === 'fullAv' ? '全过程音像记录' : '音像记录'}
            {act.media.length ? '' : '（经批准的说明）'}
          </Tag>
        )}
        {act.ledgerSeq !== null ? <Tag color="blue">账本 #{act.ledgerSeq}</Tag> : <Tag>账本待入树</Tag>}
      </Space>
      <div className="sx-muted">
        {formatDateTime(act.occurredAt)}
        {act.endedAt ? ` 至 ${formatDateTime(act.endedAt)}` : ''}
        {act.place ? ` · ${act.place}` : ''} · 记录人 {act.recordedBy}
      </div>
      {act.correctionReason && <div>更正理由：{act.correctionReason}</div>}
      {act.officers.length > 0 && (
        <Space wrap size={4}>
          执法人员：
          {act.officers.map((o) => (
            <Tag
              key={o.certificateNumber}
              color={o.ok ? 'green' : 'red'}
              title={
                o.ok
                  ? `证件有效期 ${o.validFrom} 至 ${o.validTo}，${o.checkedFor} 核验有效`
                  : o.problems.map((p) => CERTIFICATE_PROBLEM_LABELS[p as keyof typeof CERTIFICATE_PROBLEM_LABELS]).join('、')
              }
            >
              {o.name}（{o.certificateNumber}）{o.ok ? '证件有效' : '证件无效'}
            </Tag>
          ))}
          {act.certificateShown !== null && <Tag>{act.certificateShown ? '已出示证件' : '未出示证件'}</Tag>}
          {act.rightsTold !== null && <Tag>{act.rightsTold ? '已告知权利' : '未告知权利'}</Tag>}
        </Space>
      )}
      <ActContent act={act} />
      {act.media.map((m) => (
        <div key={m.evidenceId}>
          音像记录：{copy && !m.destroyed ? <a href={`/api/v1/evidence/${m.evidenceId}/content`}>{m.fileName}</a> : m.fileName}
          {m.late ? <Tag color="orange">逾期上传</Tag> : null}
          {m.destroyed ? <Tag>保存期满已销毁</Tag> : null}
          <Typography.Text type="secondary" copyable={{ text: m.sha256 }}>
            {' '}
            SHA-256 {m.sha256.slice(0, 12)}…
          </Typography.Text>
        </div>
      ))}
      <Space wrap className="sx-act-actions">
        {typeof act.content.documentNumber === 'string' && <Tag color="geekblue">{act.content.documentNumber}</Tag>}
        <Link to={`/cases/${caseId}/acts/${act.id}/document`}>
          <Button size="small" icon={<FileTextOutlined />} data-testid={`act-${act.seq}-document`}>
            文书
          </Button>
        </Link>
        {copy && (
          <a href={`/api/v1/cases/${caseId}/acts/${act.id}/document.docx`} download>
            <Button size="small" icon={<FileWordOutlined />}>
              Word
            </Button>
          </a>
        )}
        {onCorrect && (
          <Button size="small" icon={<EditOutlined />} onClick={onCorrect}>
            更正
          </Button>
        )}
      </Space>
    </div>
  );
}

function AvExceptionButton({ detail, onDone }: { detail: CaseDetail; onDone(): void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [actType, setActType] = useState<ActType>('seizure');
  const [reason, setReason] = useState('');
  const submit = async () => {
    try {
      await api.post(`/api/v1/cases/${detail.id}/av-exceptions`, { actType, reason });
      message.success('已提交，待部门负责人批准');
      setOpen(false);
      onDone();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>未音像记录说明</Button>
      <Modal
        open={open}
        title="未能音像记录（或记录不完整）的书面说明"
        onCancel={() => setOpen(false)}
        onOk={submit}
        okText="提交"
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          须音像记录的执法行为未能记录或记录不完整的，应书面说明原因并经部门负责人批准（000 第十九条；003 记录办法第二十条）。
        </Typography.Paragraph>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Select
            value={actType}
            onChange={setActType}
            style={{ width: '100%' }}
            options={(['inspection', 'evidenceRetrieval', 'sampling', 'seizure', 'hearing', 'service'] as ActType[]).map((t) => ({
              value: t,
              label: ACT_TYPES[t].label,
            }))}
          />
          <Input.TextArea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="原因，例如：执法记录仪电量耗尽"
            autoSize={{ minRows: 3 }}
          />
        </Space>
      </Modal>
    </>
  );
}

function RetentionText({ d }: { d: CaseDetail }) {
  const r = d.retention;
  if (r.destroyedAt) return <Tag>已于 {formatDateTime(r.destroyedAt)} 经批准销毁</Tag>;
  if (r.permanent)
    return (
      <Tag color="purple">长期保存（{RETENTION_EVENT_LABELS[r.permanent as keyof typeof RETENTION_EVENT_LABELS] ?? r.permanent}）</Tag>
    );
  return <span>{r.until ? `至 ${r.until}（期满前不得销毁）` : '按法定保存期限（本地政策未规定年限）'}</span>;
}

/** Destruction after the retention period: the custodian asks, the agency head (another person) approves. */
function DestructionCard({ d, onDone }: { d: CaseDetail; onDone(): void }) {
  const { message, modal } = App.useApp();
  const pending = d.retention.destruction && !d.retention.destruction.decision ? d.retention.destruction : null;
  const mayRequest = d.actions.includes('requestDestruction');
  const mayDecide = d.actions.includes('decideDestruction');
  if (!pending && !mayRequest) return null;
  const run = async (p: Promise<unknown>, done: string) => {
    try {
      await p;
      message.success(done);
      onDone();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const ask = () => {
    let reason = '';
    modal.confirm({
      title: '申请销毁保存期满的音像记录',
      okText: '提交申请',
      content: (
        <Input.TextArea
          autoSize={{ minRows: 2 }}
          placeholder="说明：保存期满，无长期保存情形"
          onChange={(e) => {
            reason = e.target.value;
          }}
        />
      ),
      onOk: () => run(api.post(`/api/v1/cases/${d.id}/destruction`, { reason: reason.trim() }), '已提交销毁申请，待部门负责人批准'),
    });
  };
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="destruction"
      title={
        pending
          ? `销毁申请待批准：${pending.reason}（${pending.requestedBy}，${formatDateTime(pending.requestedAt)}）`
          : `音像记录保存期已于 ${d.retention.until} 届满，可以申请销毁`
      }
      description="销毁须经部门负责人批准，批准记录写入防篡改账本；期满前或应长期保存的记录不得销毁（000 第二十三条；003 记录办法第二十一条）。"
      action={
        mayRequest ? (
          <Button size="small" onClick={ask}>
            申请销毁
          </Button>
        ) : mayDecide ? (
          <Space direction="vertical">
            <Button
              size="small"
              danger
              onClick={() =>
                run(
                  api.post(`/api/v1/case-destructions/${pending!.id}/decision`, { approved: true, comment: '同意销毁' }),
                  '已批准，音像记录已销毁',
                )
              }
            >
              批准销毁
            </Button>
            <Button
              size="small"
              onClick={() =>
                run(api.post(`/api/v1/case-destructions/${pending!.id}/decision`, { approved: false, comment: '暂不销毁' }), '已不予批准')
              }
            >
              不批准
            </Button>
          </Space>
        ) : undefined
      }
    />
  );
}

/** The case-file export: a POST with the CSRF token (the export is recorded), saved as a download with its progress. */
function ExportButton({ caseId }: { caseId: string }) {
  const { message } = App.useApp();
  const [percent, setPercent] = useState<number | null>(null);
  const run = async () => {
    setPercent(0);
    try {
      await downloadFile(`/api/v1/cases/${caseId}/export`, undefined, undefined, { method: 'POST', onProgress: setPercent });
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setPercent(null);
    }
  };
  return (
    <Button icon={<FileZipOutlined />} loading={percent !== null} onClick={run} data-testid="case-export">
      {percent === null ? '导出案卷' : `正在导出 ${percent}%`}
    </Button>
  );
}

export default function CasePage() {
  const { id } = useParams();
  const { message } = App.useApp();
  const c = useApi<CaseDetail>(`/api/v1/cases/${id}`);
  const [recording, setRecording] = useState(false);
  const [correcting, setCorrecting] = useState<CaseAct | null>(null);
  const [showLog, setShowLog] = useState(false);
  if (c.error)
    return (
      <Card className="sx-card">
        <Alert
          type="error"
          showIcon
          title={c.error.message}
          action={
            <Space direction="vertical">
              {(c.error as { code?: string }).code === 'ACCESS_REQUEST_REQUIRED' && (
                <Link to="/access-requests">
                  <Button size="small" type="primary">
                    提出调阅申请
                  </Button>
                </Link>
              )}
              <Link to="/cases">
                <Button size="small">返回案件列表</Button>
              </Link>
            </Space>
          }
        />
      </Card>
    );
  const d = c.data;
  if (!d) return <Card className="sx-card" loading />;
  const mayRecord = d.actions.includes('record');
  const copy = d.access === 'copy';
  const mayReadLog = d.actions.includes('readAccessLog');
  const current = MAIN_STAGES.indexOf(d.stage as (typeof MAIN_STAGES)[number]);
  const decide = async (exceptionId: string, approved: boolean) => {
    try {
      await api.post(`/api/v1/cases/av-exceptions/${exceptionId}/decision`, { approved, ...(approved ? {} : { comment: '不予批准' }) });
      c.reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <Card className="sx-card sx-case" data-testid="case-page">
      <div className="sx-page-header">
        <Space direction="vertical" size={0}>
          <Typography.Title level={3} style={{ marginBottom: 0 }} data-testid="case-number">
            {d.number}
          </Typography.Title>
          <Space wrap>
            <StageTag stage={d.stage} />
            {d.major && <Tag color="purple">重大执法决定</Tag>}
            {d.classification !== 'normal' && <Tag color="red">{CLASSIFICATION_LABELS[d.classification]}</Tag>}
            <span>{d.cause}</span>
          </Space>
        </Space>
        <Space wrap>
          {mayReadLog && (
            <Button icon={<HistoryOutlined />} onClick={() => setShowLog(true)} data-testid="case-access-log">
              访问日志
            </Button>
          )}
          {copy && <ExportButton caseId={d.id} />}
        </Space>
        {mayRecord && (
          <Space wrap>
            <AvExceptionButton detail={d} onDone={c.reload} />
            <Tooltip title={!d.next.length && d.blockedActs.length ? d.blockedActs[0]!.reason : undefined}>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                disabled={!d.next.length}
                onClick={() => {
                  setCorrecting(null);
                  setRecording(true);
                }}
                data-testid="act-record"
              >
                记录执法行为
              </Button>
            </Tooltip>
          </Space>
        )}
      </div>
      {d.stage === 'notOpened' ? (
        <Alert type="warning" showIcon title="不予立案" style={{ marginBottom: 16 }} />
      ) : (
        <Steps
          size="small"
          current={current}
          responsive
          style={{ marginBottom: 16 }}
          items={MAIN_STAGES.map((s) => ({ title: STAGE_LABELS[s].replace(/（.*）/, '') }))}
        />
      )}
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2, lg: 3 }}
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'party',
            label: '当事人',
            children: `${String(d.party.name)}${d.party.creditCode ? `（${String(d.party.creditCode)}）` : ''}`,
          },
          { key: 'cat', label: '类别', children: `${ACT_CATEGORY_LABELS[d.actCategory]} · ${d.field}` },
          { key: 'origin', label: '来源', children: ORIGIN_LABELS[d.origin] },
          { key: 'handlers', label: '承办人', children: d.handlers.map((h) => h.name).join('、') },
          { key: 'due', label: '办案期限', children: d.decisionDue ?? '—' },
          { key: 'archive', label: '归档期限', children: d.archiveDue ?? '—' },
          ...(d.openingDueAt ? [{ key: 'em', label: '补办立案审批期限', children: formatDateTime(d.openingDueAt) }] : []),
          ...(d.stage === 'archived' || d.retention.permanent
            ? [{ key: 'retention', label: '音像记录保存', children: <RetentionText d={d} /> }]
            : []),
        ]}
      />
      {mayRecord && d.blockedActs.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="blocked-approvals"
          title="以下审批您不能作出（审批与办案相分离）"
          description={d.blockedActs.map((b) => (
            <div key={b.type}>
              {ACT_TYPES[b.type].label}：{b.reason}
            </div>
          ))}
        />
      )}
      <DestructionCard d={d} onDone={c.reload} />
      <CaseReviewPanel d={d} mayRecord={mayRecord} onChanged={c.reload} />
      {d.avExceptions.length > 0 && (
        <Card size="small" title="未音像记录说明" style={{ marginBottom: 16 }}>
          {d.avExceptions.map((e) => (
            <div key={e.id}>
              <Space wrap>
                <span>
                  {ACT_TYPES[e.actType].label}：{e.reason}（{e.requestedBy}）
                </span>
                {e.decision ? (
                  <Tag color={e.decision.approved ? 'green' : 'red'}>
                    {e.decision.approved ? '已批准' : '未批准'}（{e.decision.decidedBy}）
                  </Tag>
                ) : e.mayDecide || e.decideBlocked ? (
                  <Tooltip title={e.decideBlocked ?? undefined}>
                    <Space>
                      <Button size="small" type="primary" disabled={!e.mayDecide} onClick={() => decide(e.id, true)}>
                        批准
                      </Button>
                      <Button size="small" disabled={!e.mayDecide} onClick={() => decide(e.id, false)}>
                        不批准
                      </Button>
                    </Space>
                  </Tooltip>
                ) : (
                  <Tag>待批准</Tag>
                )}
              </Space>
            </div>
          ))}
        </Card>
      )}
      <Typography.Title level={4}>执法全过程记录</Typography.Title>
      {d.acts.length ? (
        <Timeline
          items={d.acts.map((a) => ({
            key: a.id,
            color: a.corrects ? 'orange' : a.correctedBy ? 'gray' : 'blue',
            content: (
              <ActItem
                act={a}
                caseId={d.id}
                copy={copy}
                onCorrect={
                  mayRecord && mayCorrect(a, d.actions) && !d.blockedActs.some((b) => b.type === a.type)
                    ? () => {
                        setCorrecting(a);
                        setRecording(true);
                      }
                    : undefined
                }
              />
            ),
          }))}
        />
      ) : (
        <Empty description="尚无记录" />
      )}
      {mayReadLog && <AccessLogDrawer caseId={d.id} number={d.number} open={showLog} onClose={() => setShowLog(false)} />}
      {mayRecord && (
        <RecordActDrawer
          detail={d}
          open={recording}
          corrects={correcting}
          onClose={() => setRecording(false)}
          onRecorded={() => {
            setRecording(false);
            c.reload();
          }}
        />
      )}
    </Card>
  );
}
