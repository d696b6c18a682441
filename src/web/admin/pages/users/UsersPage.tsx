// 用户管理 (administrators): list with text/role/status filters, sortable columns and CSV export of the visible rows;
// create a user (roles decide whether an agency or a division is bound), edit name and roles, disable/enable,
// reset the password.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useUser } from '../../auth.tsx';
import { api, errorMessage } from '../../../shared/api.ts';
import { useApi } from '../../../shared/useApi.ts';
import { downloadCsv } from '../../../shared/csv.ts';
import { byText, useTableSort } from '../../../shared/table.ts';
import { formatDate, formatDateTime } from '../../../shared/format.ts';
import { DivisionPicker } from '../../../shared/DivisionPicker.tsx';
import {
  generatePassword,
  PASSWORD_POLICY,
  passwordProblem,
  requiredBinding,
  ROLE_COLORS,
  ROLE_LABELS,
  roleOptions,
  type Binding,
} from '../../../shared/roles.ts';
import type { Agency, CreateUserBody, Items, Role, User } from '../../../shared/types.ts';

/** The built-in command-line account (server: access.ts SYSTEM_USER_ID). It cannot log in and is not edited here. */
const SYSTEM_USER_ID = '00000000-0000-4000-8000-000000000001';

const bindingOf = (u: User) => u.agencyName ?? (u.divisionName ? `${u.divisionName}（${u.divisionCode}）` : '全系统');

const passwordRules = [
  { required: true, message: '请输入密码' },
  { validator: async (_: unknown, v: string) => { const p = v ? passwordProblem(v) : null; if (p) throw new Error(p); } },
];

export default function UsersPage() {
  const me = useUser();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | undefined>(undefined);
  const [status, setStatus] = useState<'all' | 'active' | 'disabled'>('all');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const list = useApi<Items<User>>('/api/v1/users', { q: q || undefined, role });

  const rows = useMemo(
    () => (list.data?.items ?? []).filter((u) => status === 'all' || (status === 'disabled') === u.disabled),
    [list.data, status],
  );
  const sort = useTableSort<User>(
    {
      username: byText((u) => u.username),
      displayName: byText((u) => u.displayName),
      roles: byText((u) => u.roles.map((r) => ROLE_LABELS[r]).join('、')),
      binding: byText(bindingOf),
      status: (a, b) => Number(a.disabled) - Number(b.disabled),
      createdAt: byText((u) => u.createdAt),
    },
    { key: 'createdAt', order: 'ascend' },
  );

  const setDisabled = async (u: User, disabled: boolean) => {
    try {
      await api.patch<User>(`/api/v1/users/${u.id}`, { disabled });
      message.success(disabled ? `已停用 ${u.displayName}，其登录会话随即失效` : `已启用 ${u.displayName}`);
      list.reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const exportCsv = () =>
    downloadCsv(`用户_${formatDate(new Date().toISOString()).replace(/-/g, '')}.csv`, [
      { title: '用户名', value: (u: User) => u.username },
      { title: '姓名', value: (u) => u.displayName },
      { title: '角色', value: (u) => u.roles.map((r) => ROLE_LABELS[r]).join('、') },
      { title: '所属部门/区划', value: bindingOf },
      { title: '状态', value: (u) => (u.id === SYSTEM_USER_ID ? '仅供命令行' : u.disabled ? '已停用' : '正常') },
      { title: '创建时间', value: (u) => formatDateTime(u.createdAt) },
    ], sort.sorted(rows));

  return (
    <Card className="sx-card">
      <div className="sx-page-header">
        <Typography.Title level={3}>用户管理</Typography.Title>
        <Space wrap>
          <Button icon={<DownloadOutlined />} onClick={exportCsv} disabled={!rows.length} data-testid="export-csv">
            导出 CSV
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-user">
            新建用户
          </Button>
        </Space>
      </div>
      <div className="sx-toolbar">
        <Input.Search placeholder="用户名或姓名" allowClear onSearch={(v) => setQ(v.trim())} style={{ width: 220 }} data-testid="user-search" />
        <Select<Role>
          allowClear
          placeholder="全部角色"
          options={roleOptions}
          value={role}
          onChange={(v) => setRole(v)}
          style={{ width: 200 }}
          data-testid="role-filter"
        />
        <Select
          value={status}
          onChange={setStatus}
          style={{ width: 120 }}
          options={[
            { value: 'all', label: '全部状态' },
            { value: 'active', label: '正常' },
            { value: 'disabled', label: '已停用' },
          ]}
        />
      </div>
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
      <Table<User>
        rowKey="id"
        data-testid="user-table"
        loading={list.loading}
        dataSource={rows}
        onChange={sort.onChange}
        scroll={{ x: 1100 }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (t) => `共 ${t} 人` }}
        locale={{ emptyText: q || role || status !== 'all' ? '没有符合条件的用户，请调整筛选条件' : '暂无用户，点击“新建用户”添加' }}
        columns={[
          {
            title: '用户名',
            dataIndex: 'username',
            width: 150,
            ...sort.sortable('username'),
            render: (v: string, u) => (u.id === SYSTEM_USER_ID ? <Space size={4}>{v}<Tag>内置</Tag></Space> : v),
          },
          { title: '姓名', dataIndex: 'displayName', width: 170, ...sort.sortable('displayName') },
          {
            title: '角色',
            dataIndex: 'roles',
            ...sort.sortable('roles'),
            render: (roles: Role[]) => (
              <Space size={[4, 4]} wrap>
                {roles.map((r) => (
                  <Tag key={r} color={ROLE_COLORS[r]}>
                    {ROLE_LABELS[r]}
                  </Tag>
                ))}
              </Space>
            ),
          },
          { title: '所属部门/区划', ...sort.sortable('binding'), render: (_: unknown, u) => bindingOf(u) },
          {
            title: '状态',
            dataIndex: 'disabled',
            width: 110,
            ...sort.sortable('status'),
            render: (d: boolean, u) =>
              u.id === SYSTEM_USER_ID ? <Tag>仅供命令行</Tag> : d ? <Tag color="default">已停用</Tag> : <Tag color="success">正常</Tag>,
          },
          { title: '创建时间', dataIndex: 'createdAt', width: 160, ...sort.sortable('createdAt'), render: (v: string) => formatDateTime(v) },
          {
            title: '操作',
            key: 'actions',
            fixed: 'right',
            width: 190,
            render: (_: unknown, u) =>
              u.id === SYSTEM_USER_ID ? null : (
              <Space size={0}>
                <Button size="small" type="link" onClick={() => setEditing(u)}>
                  编辑
                </Button>
                <Button size="small" type="link" onClick={() => setResetting(u)}>
                  重置密码
                </Button>
                {u.id !== me.id &&
                  (u.disabled ? (
                    <Button size="small" type="link" onClick={() => void setDisabled(u, false)}>
                      启用
                    </Button>
                  ) : (
                    <Popconfirm
                      title={`停用 ${u.displayName}？`}
                      description="停用后该用户无法登录，已签发的会话立即失效。可随时重新启用。"
                      okText="停用"
                      okButtonProps={{ danger: true }}
                      onConfirm={() => setDisabled(u, true)}
                    >
                      <Button size="small" type="link" danger>
                        停用
                      </Button>
                    </Popconfirm>
                  ))}
              </Space>
              ),
          },
        ]}
      />
      <CreateUserModal open={creating} onClose={() => setCreating(false)} onCreated={() => list.reload()} />
      <EditUserModal user={editing} onClose={() => setEditing(null)} onSaved={() => list.reload()} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </Card>
  );
}

const BINDING_HELP: Record<Binding, string> = {
  agency: '所选角色属于执法部门，须绑定一个执法部门',
  division: '监督人员和外部调阅机关属于行政区划，须绑定一个行政区划（可查看该区划及以下）',
  none: '系统管理员不绑定执法部门：可管理全系统，或只管理一个行政区划及以下',
  conflict: '监督人员、外部调阅机关不能与执法部门内的角色同时授予，请分别建立账号',
};

interface CreateForm {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  agencyId?: string;
  divisionCode?: string;
}

function CreateUserModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const me = useUser();
  const [form] = Form.useForm<CreateForm>();
  const roles = Form.useWatch('roles', form) ?? [];
  const binding = requiredBinding(roles);
  const agencies = useApi<Items<Agency>>(open ? '/api/v1/agencies' : null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [created, setCreated] = useState<{ user: User; password: string } | null>(null);

  const close = () => {
    form.resetFields();
    setError(null);
    setCreated(null);
    onClose();
  };

  const submit = async () => {
    const v = await form.validateFields();
    if (requiredBinding(v.roles) === 'conflict') return;
    setSaving(true);
    setError(null);
    const body: CreateUserBody = {
      username: v.username.trim(),
      displayName: v.displayName.trim(),
      password: v.password,
      roles: v.roles,
      ...(binding === 'agency' ? { agencyId: v.agencyId } : {}),
      ...(binding === 'division' || (binding === 'none' && v.divisionCode) ? { divisionCode: v.divisionCode } : {}),
    };
    try {
      const user = await api.post<User>('/api/v1/users', body);
      setCreated({ user, password: v.password });
      onCreated();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  if (created)
    return (
      <Modal title="用户已创建" open={open} onCancel={close} footer={<Button type="primary" onClick={close}>完成</Button>}>
        <Alert
          type="success"
          showIcon
          title={`已创建用户 ${created.user.displayName}（${created.user.username}）`}
          description="请通过安全渠道将初始密码告知本人，并提醒其登录后立即在“修改密码”中更换。"
        />
        <Typography.Paragraph style={{ marginTop: 16 }}>
          初始密码：<Typography.Text code copyable>{created.password}</Typography.Text>
        </Typography.Paragraph>
      </Modal>
    );

  return (
    <Modal title="新建用户" open={open} onOk={() => void submit().catch(() => {})} onCancel={close} okText="创建" confirmLoading={saving} destroyOnHidden forceRender width={560}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="create-user-error" />}
      <Form form={form} name="createUser" layout="vertical" requiredMark={false} autoComplete="off" initialValues={{ roles: [] }}>
        <Form.Item
          name="username"
          label="用户名"
          extra="登录用，2–64 位小写字母、数字和 . _ -，创建后不可修改"
          normalize={(v: string) => v?.toLowerCase()}
          rules={[
            { required: true, message: '请输入用户名' },
            { pattern: /^[a-z0-9][a-z0-9._-]{1,63}$/, message: '用户名只能包含小写字母、数字和 . _ -，2 到 64 位，且以字母或数字开头' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 50, message: '姓名不超过 50 个字' }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="roles"
          label="角色"
          rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个角色' }]}
          validateStatus={binding === 'conflict' ? 'error' : undefined}
          help={binding === 'conflict' ? BINDING_HELP.conflict : roles.length ? BINDING_HELP[binding] : undefined}
        >
          <Select mode="multiple" options={roleOptions} placeholder="可选择多个角色" data-testid="roles-select" />
        </Form.Item>
        {binding === 'agency' && (
          <Form.Item name="agencyId" label="所属执法部门" rules={[{ required: true, message: '请选择所属执法部门' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={agencies.loading}
              placeholder="选择执法部门"
              options={(agencies.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.name}（${a.divisionName}）` }))}
              notFoundContent={agencies.loading ? '正在加载…' : '没有执法部门，请先在“执法部门”中登记'}
              data-testid="agency-select"
            />
          </Form.Item>
        )}
        {binding === 'division' && (
          <Form.Item name="divisionCode" label="所属行政区划" rules={[{ required: true, message: '请选择所属行政区划' }]}>
            <DivisionPicker placeholder="选择省 / 市 / 县" under={me.divisionCode} />
          </Form.Item>
        )}
        {binding === 'none' && (
          // A division-scoped administrator manages only its division: the new administrator is bound inside it.
          <Form.Item
            name="divisionCode"
            label="管理范围"
            rules={me.divisionCode ? [{ required: true, message: '您只能在本行政区划内创建管理员，请选择行政区划' }] : []}
            extra={me.divisionCode ? '您的管理范围限于本行政区划；全系统管理员只能由全系统管理员创建' : '不选择则管理全系统'}
          >
            <DivisionPicker placeholder={me.divisionCode ? '选择本区划或下级区划' : '全系统（可选择一个行政区划）'} under={me.divisionCode} allowClear />
          </Form.Item>
        )}
        <Form.Item label="初始密码" required extra={PASSWORD_POLICY} htmlFor="createUser_password">
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="password" noStyle rules={passwordRules}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button icon={<ThunderboltOutlined />} onClick={() => form.setFieldsValue({ password: generatePassword() })}>
              随机生成
            </Button>
          </Space.Compact>
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface EditForm {
  displayName: string;
  roles: Role[];
}

function EditUserModal({ user, onClose, onSaved }: { user: User | null; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<EditForm>();
  const roles = Form.useWatch('roles', form) ?? [];
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();

  const current: Binding = user ? (user.agencyId ? 'agency' : user.divisionCode ? 'division' : 'none') : 'none';
  const needed = requiredBinding(roles);
  // Roles can change within the same kind of binding; moving a user between an agency and a division needs a new account.
  const mismatch =
    needed === 'conflict'
      ? BINDING_HELP.conflict
      : needed === 'agency' && current !== 'agency'
        ? '该用户未绑定执法部门，不能授予执法部门内的角色；请为其新建账号'
        : needed === 'division' && current !== 'division'
          ? '该用户未绑定行政区划，不能授予监督人员或外部调阅机关角色；请为其新建账号'
          : needed === 'none' && current === 'agency'
            ? '绑定执法部门的用户不能只担任系统管理员；请为其新建账号'
            : null;

  const submit = async () => {
    if (!user) return;
    const v = await form.validateFields();
    if (mismatch) return;
    setSaving(true);
    setError(null);
    try {
      await api.patch<User>(`/api/v1/users/${user.id}`, { displayName: v.displayName.trim(), roles: v.roles });
      message.success('已保存');
      onSaved();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={user ? `编辑用户：${user.username}` : '编辑用户'}
      open={!!user}
      onOk={() => void submit().catch(() => {})}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      okText="保存"
      confirmLoading={saving}
      destroyOnHidden
      forceRender
      afterOpenChange={(o) => {
        if (o && user) form.setFieldsValue({ displayName: user.displayName, roles: user.roles });
      }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {user && (
        <Typography.Paragraph type="secondary">
          所属：{bindingOf(user)}（所属部门或区划创建后不可修改）
        </Typography.Paragraph>
      )}
      <Form form={form} name="editUser" layout="vertical" requiredMark={false}>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="roles"
          label="角色"
          rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个角色' }]}
          validateStatus={mismatch ? 'error' : undefined}
          help={mismatch ?? undefined}
        >
          <Select mode="multiple" options={roleOptions} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const [form] = Form.useForm<{ password: string }>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const close = () => {
    form.resetFields();
    setError(null);
    setDone(null);
    onClose();
  };

  const submit = async () => {
    if (!user) return;
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      await api.patch<User>(`/api/v1/users/${user.id}`, { password: v.password });
      setDone(v.password);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={user ? `重置密码：${user.displayName}（${user.username}）` : '重置密码'}
      open={!!user}
      onCancel={close}
      destroyOnHidden
      forceRender
      footer={
        done ? (
          <Button type="primary" onClick={close}>
            完成
          </Button>
        ) : (
          <Space>
            <Button onClick={close}>取消</Button>
            <Button type="primary" loading={saving} onClick={() => void submit().catch(() => {})}>
              重置
            </Button>
          </Space>
        )
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {done ? (
        <>
          <Alert type="success" showIcon title="密码已重置" description="请通过安全渠道告知本人，并提醒其登录后立即修改。" />
          <Typography.Paragraph style={{ marginTop: 16 }}>
            新密码：<Typography.Text code copyable>{done}</Typography.Text>
          </Typography.Paragraph>
        </>
      ) : (
        <Form form={form} name="resetPassword" layout="vertical" requiredMark={false} autoComplete="off">
          <Form.Item label="新密码" required extra={PASSWORD_POLICY} htmlFor="resetPassword_password">
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="password" noStyle rules={passwordRules}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Button icon={<ThunderboltOutlined />} onClick={() => form.setFieldsValue({ password: generatePassword() })}>
                随机生成
              </Button>
            </Space.Compact>
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
