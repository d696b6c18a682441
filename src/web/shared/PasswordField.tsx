// A new password as a form field: the policy shown under it and checked here first (the server checks again), and —
// where an administrator sets someone else's password — a 随机生成 button that fills in one meeting the policy.
import { Button, Form, Input, Space } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import { generatePassword, PASSWORD_POLICY, passwordProblem } from './roles.ts';

export function NewPasswordField({
  name,
  label,
  formName,
  generate = false,
  requiredMessage = '请输入密码',
}: {
  name: string;
  label: string;
  /** The enclosing Form's name: with `generate` the label points at the input `${formName}_${name}`. */
  formName?: string;
  /** Offer 随机生成 beside the input. */
  generate?: boolean;
  requiredMessage?: string;
}) {
  const form = Form.useFormInstance();
  const rules = [
    { required: true, message: requiredMessage },
    {
      validator: async (_: unknown, v: string) => {
        const p = v ? passwordProblem(v) : null;
        if (p) throw new Error(p);
      },
    },
  ];
  if (!generate)
    return (
      <Form.Item name={name} label={label} extra={PASSWORD_POLICY} rules={rules}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    );
  return (
    <Form.Item label={label} required extra={PASSWORD_POLICY} htmlFor={formName ? `${formName}_${name}` : undefined}>
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item name={name} noStyle rules={rules}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button icon={<ThunderboltOutlined />} onClick={() => form.setFieldsValue({ [name]: generatePassword() })}>
          随机生成
        </Button>
      </Space.Compact>
    </Form.Item>
  );
}
