// A page that fails to render (or whose code chunk fails to load after a redeploy) shows a way out, not a blank screen.
import { Component, type ReactNode } from 'react';
import { Button, Result } from 'antd';

interface State {
  error: Error | null;
}

export class PageErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    const chunk = /dynamically imported module|Failed to fetch|Importing a module script failed/i.test(this.state.error.message);
    return (
      <Result
        status="error"
        title={chunk ? '页面加载失败' : '页面出现错误'}
        subTitle={chunk ? '系统可能刚刚更新，或网络中断。请刷新页面后重试。' : '请刷新页面后重试；如持续出现，请联系系统管理员。'}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            刷新页面
          </Button>
        }
      />
    );
  }
}
