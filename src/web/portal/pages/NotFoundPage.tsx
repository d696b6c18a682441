import { Link } from 'react-router';
import { Button, Result } from 'antd';

export default function NotFoundPage() {
  return (
    <div className="px-section">
      <Result
        status="404"
        title="页面不存在"
        subTitle="您访问的页面不存在或已移动。"
        extra={
          <Link to="/">
            <Button type="primary">返回首页</Button>
          </Link>
        }
      />
    </div>
  );
}
