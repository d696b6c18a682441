// Back office login. Shows the server's message for wrong credentials, a locked account and rate limiting.
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useAuth } from '../auth.tsx';
import { ApiError, errorMessage } from '../../shared/api.ts';
import { useSubmit } from '../../shared/useSubmit.ts';

interface Values {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { user, login, notice } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<{ title: string; hint?: string } | null>(null);
  const { saving: busy, submit } = useSubmit(null, {
    onError: (e) => {
      if (e instanceof ApiError && e.status === 429)
        setError({
          title: e.message,
          hint: `为保护账号安全，登录尝试已被暂时限制。请${e.retryAfterSeconds ? `约 ${Math.ceil(e.retryAfterSeconds / 60)} 分钟后` : '稍后'}再试；如忘记密码，请联系系统管理员重置。`,
        });
      else if (e instanceof ApiError && e.code === 'INVALID_CREDENTIALS')
        setError({ title: e.message, hint: '请检查用户名和密码（区分大小写）。连续多次失败后账号将被暂时锁定。' });
      else setError({ title: errorMessage(e) });
    },
  });
  const from = (location.state as { from?: string } | null)?.from;

  if (user) return <Navigate to={from && !from.startsWith('/login') ? from : '/'} replace />;

  const onFinish = async (v: Values) => {
    setError(null);
    await submit(async () => {
      await login(v.username.trim(), v.password);
      navigate(from && !from.startsWith('/login') ? from : '/', { replace: true });
    });
  };

  return (
    <div className="sx-login">
      <div className="sx-login-banner">
        <div className="sx-login-mark">三项</div>
        <Typography.Title level={2} className="sx-login-title">
          行政执法综合管理监督系统
        </Typography.Title>
        <Typography.Paragraph className="sx-login-sub">行政执法公示 · 执法全过程记录 · 重大执法决定法制审核</Typography.Paragraph>
      </div>
      <Card className="sx-login-card" title="工作人员登录">
        {notice && !error && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} />}
        {error && (
          <Alert
            type="error"
            showIcon
            title={error.title}
            description={error.hint}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        )}
        <Form<Values> layout="vertical" requiredMark={false} onFinish={(v) => void onFinish(v)} autoComplete="on">
          <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} placeholder="请输入用户名" autoComplete="username" size="large" autoFocus />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} placeholder="请输入密码" autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            登录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" className="sx-login-help">
          忘记密码或账号被停用，请联系本单位系统管理员。社会公众请访问 <a href="/">行政执法信息公示平台</a>。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
