// 执法部门: the agencies the user may see (the server scopes the list), filtered by text and division — for
// supervisors by the scope chosen in the header. Administrators register new agencies (credit code checked).
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useUser } from '../auth.tsx';
import { can } from '../menu.tsx';
import { useScope } from '../scope.tsx';
import { api, ApiError, errorMessage } from '../../shared/api.ts';
import { useApi } from '../../shared/useApi.ts';
import { useSubmit } from '../../shared/useSubmit.ts';
import { downloadCsv } from '../../shared/csv.ts';
import { byText, useTableSort } from '../../shared/table.ts';
import { formatDate, formatDateTime } from '../../shared/format.ts';
import { DivisionPicker } from '../../shared/DivisionPicker.tsx';
import type { Agency, Items } from '../../shared/types.ts';

/** GB 32100: 18 characters from 0-9 and A-Z without I, O, Z, S, V. */
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

export default function AgenciesPage() {
  const user = useUser();
  const scope = useScope();
  const [q, setQ] = useState('');
  const [division, setDivision] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const divisionFilter = scope.switchable ? scope.divisionFilter : (division ?? undefined);
  const list = useApi<Items<Agency>>(scope.ready ? '/api/v1/agencies' : null, { q: q || undefined, division: divisionFilter });
  const rows = useMemo(() => {
    const items = list.data?.items ?? [];
    return scope.agency ? items.filter((a) => a.id === scope.agency!.id) : items;
  }, [list.data, scope.agency]);

  const sort = useTableSort<Agency>({
    name: byText((a) => a.name),
    creditCode: byText((a) => a.creditCode),
    division: byText((a) => a.divisionCode),
    createdAt: byText((a) => a.createdAt),
  });

  const exportCsv = () =>
    downloadCsv(
      `执法部门_${formatDate(new Date().toISOString()).replace(/-/g, '')}.csv`,
      [
        { title: '部门名称', value: (a: Agency) => a.name },
        { title: '统一社会信用代码', value: (a) => a.creditCode },
        { title: '行政区划', value: (a) => a.divisionName },
        { title: '行政区划代码', value: (a) => a.divisionCode },
        { title: '登记时间', value: (a) => formatDateTime(a.createdAt) },
      ],
      sort.sorted(rows),
    );

  return (
    <Card className="sx-card">
      <div className="sx-page-header">
        <Typography.Title level={3}>执法部门</Typography.Title>
        <Space wrap>
          <Button icon={<DownloadOutlined />} onClick={exportCsv} disabled={!rows.length} data-testid="export-csv">
            导出 CSV
          </Button>
          {can(user, 'addAgency') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              新增执法部门
            </Button>
          )}
        </Space>
      </div>
      <div className="sx-toolbar">
        <Input.Search
          placeholder="按名称或信用代码搜索"
          allowClear
          onSearch={(v) => setQ(v.trim())}
          style={{ width: 260 }}
          data-testid="agency-search"
        />
        {!scope.switchable && can(user, 'filterByDivision') && (
          <DivisionPicker value={division} onChange={(code) => setDivision(code)} placeholder="按行政区划筛选" style={{ width: 260 }} />
        )}
        {scope.switchable && (
          <Typography.Text type="secondary">
            查看范围：<Tag color="blue">{scope.label}</Tag>（在页面顶部切换）
          </Typography.Text>
        )}
      </div>
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
      <Table<Agency>
        rowKey="id"
        data-testid="agency-table"
        loading={list.loading || !scope.ready}
        dataSource={rows}
        onChange={sort.onChange}
        scroll={{ x: 720 }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (t) => `共 ${t} 个` }}
        locale={{
          emptyText:
            q || divisionFilter
              ? '没有符合条件的执法部门，请调整筛选条件'
              : can(user, 'addAgency')
                ? '尚未登记执法部门，点击右上角“新增执法部门”开始登记'
                : '您的管理范围内暂无执法部门',
        }}
        columns={[
          { title: '部门名称', dataIndex: 'name', ...sort.sortable('name') },
          {
            title: '统一社会信用代码',
            dataIndex: 'creditCode',
            ...sort.sortable('creditCode'),
            render: (v: string) => <Typography.Text copyable>{v}</Typography.Text>,
          },
          {
            title: '所属行政区划',
            dataIndex: 'divisionName',
            ...sort.sortable('division'),
            render: (_: unknown, a) => `${a.divisionName}（${a.divisionCode}）`,
          },
          {
            title: '登记时间',
            dataIndex: 'createdAt',
            ...sort.sortable('createdAt'),
            render: (v: string) => formatDateTime(v),
            responsive: ['md'],
          },
        ]}
      />
      <AddAgencyModal open={adding} onClose={() => setAdding(false)} onAdded={() => list.reload()} />
    </Card>
  );
}

interface AgencyForm {
  name: string;
  creditCode: string;
  divisionCode: string;
}

function AddAgencyModal({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: () => void }) {
  const [form] = Form.useForm<AgencyForm>();
  const [error, setError] = useState<string | null>(null);
  // a refused credit code or division shows under its field, anything else above the form
  const { saving, submit } = useSubmit(null, {
    onError: (e) => {
      if (e instanceof ApiError && (e.code === 'INVALID_CREDIT_CODE' || e.code === 'CREDIT_CODE_TAKEN')) {
        form.setFields([{ name: 'creditCode', errors: [e.message] }]);
      } else if (e instanceof ApiError && e.code === 'DIVISION_NOT_FOUND') {
        form.setFields([{ name: 'divisionCode', errors: [e.message] }]);
      } else setError(errorMessage(e));
    },
  });
  const { message } = App.useApp();

  const close = () => {
    form.resetFields();
    setError(null);
    onClose();
  };

  const save = async () => {
    const v = await form.validateFields();
    setError(null);
    await submit(async () => {
      const created = await api.post<Agency>('/api/v1/agencies', {
        name: v.name.trim(),
        creditCode: v.creditCode.trim().toUpperCase(),
        divisionCode: v.divisionCode,
      });
      message.success(`已登记：${created.name}`);
      onAdded();
      close();
    });
  };

  return (
    <Modal
      title="新增执法部门"
      open={open}
      onOk={() => void save().catch(() => {})}
      onCancel={close}
      okText="登记"
      confirmLoading={saving}
      destroyOnHidden
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} name="addAgency" layout="vertical" requiredMark={false} autoComplete="off">
        <Form.Item
          name="name"
          label="部门名称"
          rules={[
            { required: true, whitespace: true, message: '请输入部门全称' },
            { min: 2, message: '名称至少 2 个字' },
          ]}
        >
          <Input placeholder="例如：奈曼旗市场监督管理局" maxLength={200} />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label="统一社会信用代码"
          extra="18 位，由数字和大写字母组成（不含 I、O、Z、S、V），第 3–8 位为行政区划码，第 18 位为校验位"
          normalize={(v: string) => v?.toUpperCase().replace(/\s/g, '')}
          rules={[
            { required: true, message: '请输入统一社会信用代码' },
            {
              validator: async (_, v: string) => {
                if (!v) return;
                if (v.length !== 18) throw new Error(`统一社会信用代码应为 18 位（当前 ${v.length} 位）`);
                if (!CREDIT_CODE.test(v)) throw new Error('统一社会信用代码含有不允许的字符（只能是数字和大写字母，不含 I、O、Z、S、V）');
              },
            },
          ]}
        >
          <Input placeholder="例如：11150525MB1234567X" maxLength={18} data-testid="credit-code" />
        </Form.Item>
        <Form.Item name="divisionCode" label="所属行政区划" rules={[{ required: true, message: '请选择所属行政区划' }]}>
          <DivisionPicker placeholder="选择省 / 市 / 县" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
