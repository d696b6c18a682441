// 编辑用户: name and roles. The binding (agency or division) is fixed when the user is created: roles may change only
// within the same kind of binding.
import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import { api, errorMessage } from '../../../shared/api.ts';
import { useSubmit } from '../../../shared/useSubmit.ts';
import { requiredBinding, roleOptions, type Binding } from '../../../shared/roles.ts';
import type { Role, User } from '../../../shared/types.ts';
import { BINDING_HELP, bindingOf } from './userText.ts';

interface EditForm {
  displayName: string;
  roles: Role[];
}

export function EditUserModal({ user, onClose, onSaved }: { user: User | null; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<EditForm>();
  const roles = Form.useWatch('roles', form) ?? [];
  const [error, setError] = useState<string | null>(null);
  const { saving, submit } = useSubmit(null, { onError: (e) => setError(errorMessage(e)) });
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

  const save = async () => {
    if (!user) return;
    const v = await form.validateFields();
    if (mismatch) return;
    setError(null);
    await submit(async () => {
      await api.patch<User>(`/api/v1/users/${user.id}`, { displayName: v.displayName.trim(), roles: v.roles });
      message.success('已保存');
      onSaved();
      onClose();
    });
  };

  return (
    <Modal
      title={user ? `编辑用户：${user.username}` : '编辑用户'}
      open={!!user}
      onOk={() => void save().catch(() => {})}
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
      {user && <Typography.Paragraph type="secondary">所属：{bindingOf(user)}（所属部门或区划创建后不可修改）</Typography.Paragraph>}
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
