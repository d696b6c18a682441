// 新建用户: the roles decide whether an agency or a division is bound; a division-scoped administrator creates users
// only inside its division. Shows the initial password once, to be handed over.
import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Select, Typography } from 'antd';
import { useUser } from '../../auth.tsx';
import { api, errorMessage } from '../../../shared/api.ts';
import { useApi } from '../../../shared/useApi.ts';
import { useSubmit } from '../../../shared/useSubmit.ts';
import { DivisionPicker } from '../../../shared/DivisionPicker.tsx';
import { NewPasswordField } from '../../../shared/PasswordField.tsx';
import { requiredBinding, roleOptions } from '../../../shared/roles.ts';
import type { Agency, CreateUserBody, Items, Role, User } from '../../../shared/types.ts';
import { BINDING_HELP } from './userText.ts';

interface CreateForm {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  agencyId?: string;
  divisionCode?: string;
}

export function CreateUserModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const me = useUser();
  const [form] = Form.useForm<CreateForm>();
  const roles = Form.useWatch('roles', form) ?? [];
  const binding = requiredBinding(roles);
  const agencies = useApi<Items<Agency>>(open ? '/api/v1/agencies' : null);
  const [error, setError] = useState<string | null>(null);
  const { saving, submit } = useSubmit(null, { onError: (e) => setError(errorMessage(e)) });
  const [created, setCreated] = useState<{ user: User; password: string } | null>(null);

  const close = () => {
    form.resetFields();
    setError(null);
    setCreated(null);
    onClose();
  };

  const save = async () => {
    const v = await form.validateFields();
    if (requiredBinding(v.roles) === 'conflict') return;
    setError(null);
    const body: CreateUserBody = {
      username: v.username.trim(),
      displayName: v.displayName.trim(),
      password: v.password,
      roles: v.roles,
      ...(binding === 'agency' ? { agencyId: v.agencyId } : {}),
      ...(binding === 'division' || (binding === 'none' && v.divisionCode) ? { divisionCode: v.divisionCode } : {}),
    };
    await submit(async () => {
      const user = await api.post<User>('/api/v1/users', body);
      setCreated({ user, password: v.password });
      onCreated();
    });
  };

  if (created)
    return (
      <Modal
        title="用户已创建"
        open={open}
        onCancel={close}
        footer={
          <Button type="primary" onClick={close}>
            完成
          </Button>
        }
      >
        <Alert
          type="success"
          showIcon
          title={`已创建用户 ${created.user.displayName}（${created.user.username}）`}
          description="请通过安全渠道将初始密码告知本人，并提醒其登录后立即在“修改密码”中更换。"
        />
        <Typography.Paragraph style={{ marginTop: 16 }}>
          初始密码：
          <Typography.Text code copyable>
            {created.password}
          </Typography.Text>
        </Typography.Paragraph>
      </Modal>
    );

  return (
    <Modal
      title="新建用户"
      open={open}
      onOk={() => void save().catch(() => {})}
      onCancel={close}
      okText="创建"
      confirmLoading={saving}
      destroyOnHidden
      forceRender
      width={560}
    >
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
        <Form.Item
          name="displayName"
          label="姓名"
          rules={[
            { required: true, whitespace: true, message: '请输入姓名' },
            { max: 50, message: '姓名不超过 50 个字' },
          ]}
        >
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
            <DivisionPicker
              placeholder={me.divisionCode ? '选择本区划或下级区划' : '全系统（可选择一个行政区划）'}
              under={me.divisionCode}
              allowClear
            />
          </Form.Item>
        )}
        <NewPasswordField name="password" label="初始密码" formName="createUser" generate />
      </Form>
    </Modal>
  );
}
