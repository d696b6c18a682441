// 案件办理: the cases the user handles (officers), their agency's (heads) or their jurisdiction's (supervisors),
// with the to-dos that fall due first, filters, sorting, CSV export, and registering a new case.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, App, Button, Card, Form, Input, List, Modal, Radio, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useUser } from '../../auth.tsx';
import { can } from '../../menu.tsx';
import { api } from '../../../shared/api.ts';
import { useSubmit } from '../../../shared/useSubmit.ts';
import { useApi } from '../../../shared/useApi.ts';
import { downloadCsv } from '../../../shared/csv.ts';
import { formatDateTime, today } from '../../../shared/format.ts';
import { ACT_CATEGORY_LABELS } from '../../../shared/registry/labels.ts';
import {
  CLASSIFICATION_LABELS,
  ORIGIN_LABELS,
  STAGE_LABELS,
  STAGES,
  TODO_LABELS,
  type CaseDetail,
  type CaseSummary,
  type Stage,
  type TodoItem,
} from '../../../shared/cases/types.ts';

const stageColor = (s: Stage) => (s === 'archived' ? 'default' : s === 'notOpened' ? 'red' : s === 'concluded' ? 'green' : 'processing');

export function StageTag({ stage }: { stage: Stage }) {
  return <Tag color={stageColor(stage)}>{STAGE_LABELS[stage]}</Tag>;
}

function OpenCaseModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { saving, submit } = useSubmit(form);
  const kind = Form.useWatch(['party', 'kind'], form) ?? 'organisation';
  const onFinish = (v: { party?: Record<string, unknown>; summary?: string } & Record<string, unknown>) =>
    submit(async () => {
      const party = Object.fromEntries(Object.entries(v.party ?? {}).filter(([, x]) => typeof x !== 'string' || x.trim()));
      const c = await api.post<CaseDetail>('/api/v1/cases', { ...v, party, summary: v.summary?.trim() || undefined });
      message.success(`已登记案件：${c.number}`);
      onClose();
      navigate(`/cases/${c.id}`);
    });
  return (
    <Modal
      open={open}
      title="登记案件"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="登记"
      confirmLoading={saving}
      destroyOnHidden
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          actCategory: 'penalty',
          origin: 'exOfficio',
          party: { kind: 'organisation' },
          major: false,
          classification: 'normal',
        }}
      >
        <Space wrap>
          <Form.Item name="actCategory" label="执法行为类别" rules={[{ required: true }]}>
            <Select style={{ width: 160 }} options={Object.entries(ACT_CATEGORY_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="origin" label="案件来源" rules={[{ required: true }]}>
            <Select
              style={{ width: 180 }}
              options={Object.entries(ORIGIN_LABELS).map(([value, label]) => ({ value, label }))}
              data-testid="case-origin"
            />
          </Form.Item>
        </Space>
        <Form.Item name="cause" label="案由" rules={[{ required: true, min: 2, message: '请填写案由（至少 2 个字）' }]}>
          <Input placeholder="例如：擅自从事互联网上网服务经营活动" data-testid="case-cause" />
        </Form.Item>
        <Form.Item
          name="field"
          label="执法类别"
          rules={[{ required: true, message: '请填写执法类别' }]}
          extra="在场执法人员的执法证须覆盖此类别"
        >
          <Input placeholder="例如：文化市场" data-testid="case-field" />
        </Form.Item>
        <Form.Item name={['party', 'kind']} label="当事人类型">
          <Radio.Group
            options={[
              { value: 'organisation', label: '单位' },
              { value: 'person', label: '个人' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name={['party', 'name']}
          label={kind === 'person' ? '当事人姓名' : '当事人名称'}
          rules={[{ required: true, message: '请填写当事人' }]}
        >
          <Input data-testid="case-party-name" />
        </Form.Item>
        {kind === 'person' ? (
          <>
            <Form.Item name={['party', 'idNumber']} label="公民身份号码" extra="18 位，系统校验末位校验码（GB 11643）">
              <Input maxLength={18} />
            </Form.Item>
            <Form.Item
              name={['party', 'birthDate']}
              label="出生日期"
              extra="无身份证号码时填写；当事人未成年的，决定不予公开（000 第十一条）"
            >
              <Input type="date" />
            </Form.Item>
          </>
        ) : (
          <Form.Item name={['party', 'creditCode']} label="统一社会信用代码" extra="18 位，系统校验第 18 位校验位（GB 32100）">
            <Input maxLength={18} data-testid="case-party-code" />
          </Form.Item>
        )}
        <Form.Item name="summary" label="案件来源及简要案情">
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item
          name="major"
          label="重大执法决定"
          valuePropName="checked"
          extra="属于本部门重大执法决定法制审核目录的，作出决定前须经法制审核"
        >
          <Switch />
        </Form.Item>
        <Form.Item
          name="classification"
          label="密级"
          extra="涉密或涉及个人隐私的案件，仅承办人员和负责人可直接查阅，其他人须经批准调阅（000 第二十四条）"
        >
          <Radio.Group options={Object.entries(CLASSIFICATION_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CaseTodoList({ items }: { items: TodoItem[] }) {
  if (!items.length) return null;
  return (
    <List
      size="small"
      bordered
      data-testid="case-todo"
      dataSource={items}
      style={{ marginBottom: 16 }}
      renderItem={(t) => (
        <List.Item>
          <Space wrap>
            {t.overdue ? (
              <Tag color="red">已逾期</Tag>
            ) : t.daysLeft !== null && t.daysLeft <= 7 ? (
              <Tag color="orange">{t.daysLeft} 天内到期</Tag>
            ) : (
              <Tag>待办</Tag>
            )}
            <Link
              to={
                t.kind === 'avUpload'
                  ? '/records'
                  : t.kind === 'accessRequest'
                    ? '/access-requests'
                    : t.kind === 'review'
                      ? `/reviews/${t.id}`
                      : `/cases/${t.caseId}`
              }
            >
              {t.number}
            </Link>
            <span>{t.cause}</span>
            <Typography.Text type="secondary">
              {TODO_LABELS[t.kind]}
              {t.due ? `：${t.due.length > 10 ? formatDateTime(t.due) : t.due} 前` : ''}
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

const CSV = [
  { title: '案号', value: (c: CaseSummary) => c.number },
  { title: '案由', value: (c: CaseSummary) => c.cause },
  { title: '当事人', value: (c: CaseSummary) => c.partyName },
  { title: '类别', value: (c: CaseSummary) => ACT_CATEGORY_LABELS[c.actCategory] },
  { title: '阶段', value: (c: CaseSummary) => STAGE_LABELS[c.stage] },
  { title: '办案期限', value: (c: CaseSummary) => c.decisionDue ?? '' },
  { title: '执法部门', value: (c: CaseSummary) => c.agencyName },
  { title: '更新时间', value: (c: CaseSummary) => formatDateTime(c.updatedAt) },
];

export default function CasesPage() {
  const user = useUser();
  const [stage, setStage] = useState<Stage | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<{ sort: string; order: 'asc' | 'desc' }>({ sort: 'updatedAt', order: 'desc' });
  const [creating, setCreating] = useState(false);
  const list = useApi<{ total: number; items: CaseSummary[] }>('/api/v1/cases', { stage, q, page, pageSize: 20, ...sort });
  const todo = useApi<{ items: TodoItem[]; casesWithTodos: number; truncated: boolean }>('/api/v1/cases/todo');
  const mayOpenCase = can(user, 'openCase');
  const rows = list.data?.items ?? [];
  return (
    <Card className="sx-card">
      <div className="sx-page-header">
        <Typography.Title level={3}>案件办理</Typography.Title>
        {mayOpenCase && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="case-create">
            登记案件
          </Button>
        )}
      </div>
      {todo.data?.truncated && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          title={`共有 ${todo.data.casesWithTodos} 件案件有待办事项，以下列出最紧急的 500 件；其余可按阶段筛选案件列表查看。`}
        />
      )}
      <CaseTodoList items={todo.data?.items ?? []} />
      <div className="sx-toolbar">
        <Select
          allowClear
          placeholder="全部阶段"
          style={{ width: 170 }}
          value={stage}
          onChange={(v) => {
            setStage(v);
            setPage(1);
          }}
          options={STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))}
          data-testid="case-stage-filter"
        />
        <Input.Search
          allowClear
          placeholder="案号、案由或当事人"
          style={{ width: 240 }}
          onSearch={(v) => {
            setQ(v.trim() || undefined);
            setPage(1);
          }}
          data-testid="case-search"
        />
        <span style={{ flex: 1 }} />
        <Button
          icon={<DownloadOutlined />}
          disabled={!rows.length}
          onClick={() => downloadCsv(`案件_${today().replace(/-/g, '')}.csv`, CSV, rows)}
        >
          导出 CSV
        </Button>
      </div>
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
      <Table<CaseSummary>
        rowKey="id"
        data-testid="case-table"
        loading={list.loading}
        dataSource={rows}
        scroll={{ x: 800 }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 件` }}
        onChange={(_, __, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          setSort(
            s?.order ? { sort: String(s.columnKey), order: s.order === 'ascend' ? 'asc' : 'desc' } : { sort: 'updatedAt', order: 'desc' },
          );
        }}
        locale={{ emptyText: mayOpenCase ? '暂无案件。发现违法线索或受理申请后，点击右上角“登记案件”开始办理。' : '管理范围内暂无案件' }}
        columns={[
          {
            title: '案号',
            key: 'number',
            dataIndex: 'number',
            sorter: true,
            render: (v: string, c) => <Link to={`/cases/${c.id}`}>{v}</Link>,
          },
          { title: '案由', dataIndex: 'cause' },
          { title: '当事人', dataIndex: 'partyName' },
          { title: '阶段', dataIndex: 'stage', render: (s: Stage) => <StageTag stage={s} /> },
          { title: '办案期限', key: 'decisionDue', dataIndex: 'decisionDue', sorter: true, render: (d: string | null) => d ?? '—' },
          {
            title: '更新时间',
            key: 'updatedAt',
            dataIndex: 'updatedAt',
            sorter: true,
            defaultSortOrder: 'descend',
            render: formatDateTime,
          },
        ]}
      />
      <OpenCaseModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
