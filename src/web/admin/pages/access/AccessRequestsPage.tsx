// 调阅申请: ask to view or copy a case's records (by the case number on its papers), lodge the written request of an
// external authority or a party (records custodian), and — for the agency head — approve or refuse them
// (000 §24; 002 记录办法 §34-35; 003 记录办法 §21). Every view and download under an approval is logged.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useUser } from '../../auth.tsx';
import { can } from '../../menu.tsx';
import { api, errorMessage } from '../../../shared/api.ts';
import { useSubmit } from '../../../shared/useSubmit.ts';
import { useApi } from '../../../shared/useApi.ts';
import { downloadCsv } from '../../../shared/csv.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { byText, useTableSort } from '../../../shared/table.ts';
import type { AccessRequest } from '../../../shared/cases/types.ts';
import { ACCESS_STATUS, REQUESTER_KIND_LABELS } from './accessLabels.ts';

function RequestModal({
  open,
  onClose,
  onDone,
  lodger,
  caseNumber,
}: {
  open: boolean;
  onClose(): void;
  onDone(): void;
  lodger: boolean;
  caseNumber?: string;
}) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const { saving, submit } = useSubmit(form);
  const kind = Form.useWatch('requesterKind', form) ?? 'user';
  const onFinish = (v: Record<string, unknown>) =>
    submit(async () => {
      const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== ''));
      const r = await api.post<AccessRequest>('/api/v1/access-requests', body);
      message.success(`已提交调阅申请（${r.caseNumber}），待部门负责人批准`);
      onDone();
    });
  return (
    <Modal open={open} title="调阅申请" onCancel={onClose} onOk={() => form.submit()} okText="提交" confirmLoading={saving} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ requesterKind: 'user', scope: 'view', days: 30, caseNumber }}
      >
        <Form.Item
          name="caseNumber"
          label="案号"
          rules={[{ required: true, message: '请填写案卷上的案号' }]}
          extra="例如：奈文旅立〔2026〕12号"
        >
          <Input data-testid="access-case-number" />
        </Form.Item>
        {lodger && (
          <Form.Item name="requesterKind" label="申请人">
            <Radio.Group
              options={[
                { value: 'user', label: '本人' },
                { value: 'external', label: '外部机关（书面申请）' },
                { value: 'party', label: '当事人（复制本人记录）' },
              ]}
            />
          </Form.Item>
        )}
        {kind !== 'user' && (
          <>
            <Form.Item name="requesterName" label="申请人姓名" rules={[{ required: true, message: '请填写申请人姓名' }]}>
              <Input />
            </Form.Item>
            {kind === 'external' && (
              <Form.Item name="organisation" label="调阅机关" rules={[{ required: true, message: '请填写调阅机关' }]}>
                <Input placeholder="监察、审判、检察、公安、审计等机关" />
              </Form.Item>
            )}
          </>
        )}
        <Form.Item name="purpose" label="调阅事由及依据" rules={[{ required: true, min: 2, message: '请写明调阅事由' }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} data-testid="access-purpose" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="scope" label="范围">
            <Radio.Group
              options={[
                { value: 'view', label: '查阅' },
                { value: 'copy', label: '复制（下载、导出）' },
              ]}
              data-testid="access-scope"
            />
          </Form.Item>
          <Form.Item name="days" label="有效期（日）">
            <InputNumber min={1} max={90} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

export default function AccessRequestsPage() {
  const user = useUser();
  const { message, modal } = App.useApp();
  const [params] = useSearchParams();
  const [open, setOpen] = useState(!!params.get('case'));
  const [status, setStatus] = useState<AccessRequest['status'] | undefined>();
  const list = useApi<{ items: AccessRequest[] }>('/api/v1/access-requests');
  const head = can(user, 'decideAccessRequests');
  const lodger = can(user, 'lodgeAccessRequest');
  const sort = useTableSort<AccessRequest>(
    { lodgedAt: byText((r) => r.lodgedAt), caseNumber: byText((r) => r.caseNumber), status: byText((r) => r.status) },
    { key: 'lodgedAt', order: 'descend' },
  );
  const rows = sort.sorted((list.data?.items ?? []).filter((r) => !status || r.status === status));

  const decide = async (r: AccessRequest, approved: boolean, comment?: string) => {
    try {
      await api.post(`/api/v1/access-requests/${r.id}/decision`, { approved, ...(comment ? { comment } : {}) });
      message.success(approved ? '已批准' : '已不予批准');
      list.reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const refuse = (r: AccessRequest) => {
    let comment = '';
    modal.confirm({
      title: `不予批准：${r.requesterName} 调阅 ${r.caseNumber}`,
      content: (
        <Input.TextArea
          autoSize={{ minRows: 2 }}
          placeholder="请写明不予批准的理由"
          onChange={(e) => {
            comment = e.target.value;
          }}
        />
      ),
      okText: '不予批准',
      okButtonProps: { danger: true },
      onOk: () => (comment.trim() ? decide(r, false, comment.trim()) : Promise.reject(message.warning('请写明理由'))),
    });
  };
  const exportCsv = () =>
    downloadCsv(
      '调阅申请.csv',
      [
        { title: '案号', value: (r: AccessRequest) => r.caseNumber },
        { title: '申请人', value: (r) => r.requesterName },
        { title: '机关', value: (r) => r.organisation },
        { title: '类型', value: (r) => REQUESTER_KIND_LABELS[r.requesterKind] },
        { title: '范围', value: (r) => (r.scope === 'copy' ? '复制' : '查阅') },
        { title: '事由', value: (r) => r.purpose },
        { title: '状态', value: (r) => ACCESS_STATUS[r.status].label },
        { title: '提交时间', value: (r) => formatDateTime(r.lodgedAt) },
        { title: '有效期至', value: (r) => formatDateTime(r.validUntil) },
        { title: '审批人', value: (r) => r.decision?.decidedBy },
        { title: '审批意见', value: (r) => r.decision?.comment },
      ],
      rows,
    );

  return (
    <Card className="sx-card" data-testid="access-requests">
      <div className="sx-page-header">
        <Typography.Title level={3}>调阅申请</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="access-new">
          提出调阅申请
        </Button>
      </div>
      <Typography.Paragraph type="secondary">
        非本案承办人员查阅、复制执法记录，须经部门负责人批准（003
        记录办法第二十一条）；监察、审判、检察、公安、审计等机关依法调阅，当事人可申请复制本人的记录（000
        第二十四条）。批准后在有效期内可查阅或复制，每次查看和下载均记入访问日志。
      </Typography.Paragraph>
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
      <Space wrap className="sx-toolbar">
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 140 }}
          value={status}
          onChange={setStatus}
          options={Object.entries(ACCESS_STATUS).map(([value, s]) => ({ value, label: s.label }))}
        />
        <Button icon={<DownloadOutlined />} onClick={exportCsv} disabled={!rows.length}>
          导出 CSV
        </Button>
      </Space>
      <Table<AccessRequest>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={rows}
        onChange={sort.onChange}
        scroll={{ x: 900 }}
        data-testid="access-table"
        locale={{ emptyText: '尚无调阅申请。点击“提出调阅申请”，填写案卷上的案号和调阅事由。' }}
        columns={[
          {
            title: '案号',
            dataIndex: 'caseNumber',
            ...sort.sortable('caseNumber'),
            render: (n: string, r) => (r.actions.includes('openCase') ? <Link to={`/cases/${r.caseId}`}>{n}</Link> : n),
          },
          {
            title: '申请人',
            key: 'who',
            render: (_: unknown, r) => (
              <>
                {r.requesterName}
                {r.organisation && <div className="sx-muted">{r.organisation}</div>}
              </>
            ),
          },
          { title: '类型', dataIndex: 'requesterKind', width: 90, render: (k: AccessRequest['requesterKind']) => REQUESTER_KIND_LABELS[k] },
          { title: '范围', dataIndex: 'scope', width: 70, render: (s: string) => (s === 'copy' ? '复制' : '查阅') },
          { title: '事由', dataIndex: 'purpose', ellipsis: true },
          {
            title: '状态',
            dataIndex: 'status',
            width: 90,
            ...sort.sortable('status'),
            render: (s: AccessRequest['status'], r) => (
              <Tag color={ACCESS_STATUS[s].color} title={r.decision?.comment ?? undefined}>
                {ACCESS_STATUS[s].label}
              </Tag>
            ),
          },
          { title: '提交时间', dataIndex: 'lodgedAt', width: 140, render: formatDateTime, ...sort.sortable('lodgedAt') },
          { title: '有效期至', dataIndex: 'validUntil', width: 140, render: formatDateTime },
          ...(head
            ? [
                {
                  title: '审批',
                  key: 'decide',
                  width: 150,
                  fixed: 'right' as const,
                  render: (_: unknown, r: AccessRequest) =>
                    r.actions.includes('decide') ? (
                      <Space>
                        <Button size="small" type="primary" onClick={() => decide(r, true, '同意')} data-testid="access-approve">
                          批准
                        </Button>
                        <Button size="small" onClick={() => refuse(r)}>
                          不批准
                        </Button>
                      </Space>
                    ) : (
                      (r.decision?.decidedBy ?? '—')
                    ),
                },
              ]
            : []),
        ]}
      />
      <RequestModal
        open={open}
        lodger={lodger}
        caseNumber={params.get('case') ?? undefined}
        onClose={() => setOpen(false)}
        onDone={() => {
          setOpen(false);
          list.reload();
        }}
      />
    </Card>
  );
}
