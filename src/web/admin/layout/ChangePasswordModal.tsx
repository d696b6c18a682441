// Change one's own password (POST /auth/password). The policy is checked here first and again by the server.
import { useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import { api, errorMessage } from '../../shared/api.ts';
import { useSubmit } from '../../shared/useSubmit.ts';
import { NewPasswordField } from '../../shared/PasswordField.tsx';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const { saving, submit } = useSubmit(null, { onError: (e) => setError(errorMessage(e)) });
  const { message } = App.useApp();

  const save = async () => {
    const v = await form.validateFields();
    setError(null);
    await submit(async () => {
      await api.post('/api/v1/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success('密码已修改，下次登录请使用新密码');
      form.resetFields();
      onClose();
    });
  };

  return (
    <Modal
      title="修改密码"
      open={open}
      onOk={() => void save().catch(() => {})}
      onCancel={() => {
        form.resetFields();
        setError(null);
        onClose();
      }}
      okText="确认修改"
      confirmLoading={saving}
      destroyOnHidden
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} name="changePassword" layout="vertical" requiredMark={false} autoComplete="off">
        <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <NewPasswordField name="newPassword" label="新密码" requiredMessage="请输入新密码" />
        <Form.Item
          name="confirm"
          label="再次输入新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: async (_, v: string) => {
                if (v && v !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致');
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
