// 用户管理 (administrators): list with text/role/status filters, sortable columns and CSV export of the visible rows;
// disable/enable. Creating a user, editing name and roles and resetting the password are the modals beside this file.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useUser } from '../../auth.tsx';
import { api, errorMessage } from '../../../shared/api.ts';
import { useApi } from '../../../shared/useApi.ts';
import { downloadCsv } from '../../../shared/csv.ts';
import { byText, useTableSort } from '../../../shared/table.ts';
import { formatDate, formatDateTime } from '../../../shared/format.ts';
import { ROLE_COLORS, ROLE_LABELS, roleOptions } from '../../../shared/roles.ts';
import type { Items, Role, User } from '../../../shared/types.ts';
import { CreateUserModal } from './CreateUserModal.tsx';
import { EditUserModal } from './EditUserModal.tsx';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';
import { bindingOf } from './userText.ts';

/** The built-in command-line account (server: access.ts SYSTEM_USER_ID). It cannot log in and is not edited here. */
const SYSTEM_USER_ID = '00000000-0000-4000-8000-000000000001';

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
    downloadCsv(
      `用户_${formatDate(new Date().toISOString()).replace(/-/g, '')}.csv`,
      [
        { title: '用户名', value: (u: User) => u.username },
        { title: '姓名', value: (u) => u.displayName },
        { title: '角色', value: (u) => u.roles.map((r) => ROLE_LABELS[r]).join('、') },
        { title: '所属部门/区划', value: bindingOf },
        { title: '状态', value: (u) => (u.id === SYSTEM_USER_ID ? '仅供命令行' : u.disabled ? '已停用' : '正常') },
        { title: '创建时间', value: (u) => formatDateTime(u.createdAt) },
      ],
      sort.sorted(rows),
    );

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
        <Input.Search
          placeholder="用户名或姓名"
          allowClear
          onSearch={(v) => setQ(v.trim())}
          style={{ width: 220 }}
          data-testid="user-search"
        />
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
            render: (v: string, u) =>
              u.id === SYSTEM_USER_ID ? (
                <Space size={4}>
                  {v}
                  <Tag>内置</Tag>
                </Space>
              ) : (
                v
              ),
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
          {
            title: '创建时间',
            dataIndex: 'createdAt',
            width: 160,
            ...sort.sortable('createdAt'),
            render: (v: string) => formatDateTime(v),
          },
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
