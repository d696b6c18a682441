// 重置密码: an administrator sets a new password (typed or generated) and hands it over; shown once.
import { useState } from 'react';
import { Alert, Button, Form, Modal, Space, Typography } from 'antd';
import { api, errorMessage } from '../../../shared/api.ts';
import { useSubmit } from '../../../shared/useSubmit.ts';
import { NewPasswordField } from '../../../shared/PasswordField.tsx';
import type { User } from '../../../shared/types.ts';

export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const [form] = Form.useForm<{ password: string }>();
  const [error, setError] = useState<string | null>(null);
  const { saving, submit } = useSubmit(null, { onError: (e) => setError(errorMessage(e)) });
  const [done, setDone] = useState<string | null>(null);

  const close = () => {
    form.resetFields();
    setError(null);
    setDone(null);
    onClose();
  };

  const save = async () => {
    if (!user) return;
    const v = await form.validateFields();
    setError(null);
    await submit(async () => {
      await api.patch<User>(`/api/v1/users/${user.id}`, { password: v.password });
      setDone(v.password);
    });
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
            <Button type="primary" loading={saving} onClick={() => void save().catch(() => {})}>
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
            新密码：
            <Typography.Text code copyable>
              {done}
            </Typography.Text>
          </Typography.Paragraph>
        </>
      ) : (
        <Form form={form} name="resetPassword" layout="vertical" requiredMark={false} autoComplete="off">
          <NewPasswordField name="password" label="新密码" formName="resetPassword" generate />
        </Form>
      )}
    </Modal>
  );
}
