// A portal section that is not open yet: says so plainly and lists what it will offer. No sample data.
import { Link } from 'react-router';
import { Button, Result } from 'antd';
import { SECTIONS, type SectionKey } from '../sections.tsx';

export default function UnderConstructionPage({ section }: { section: SectionKey }) {
  const s = SECTIONS.find((x) => x.key === section)!;
  return (
    <div className="px-section">
      <Result
        status="info"
        icon={<span className="px-result-icon">{s.icon}</span>}
        title={<span data-testid="building-title">{s.title}：建设中</span>}
        subTitle="该栏目正在建设，暂未发布信息。上线后将提供："
        extra={
          <Link to="/">
            <Button type="primary">返回首页</Button>
          </Link>
        }
      >
        <ul className="px-plans">
          {s.plans?.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
        {section === 'supervision' && (
          <p className="px-note">在此之前，对行政执法决定不服的，可以按照决定书告知的途径和期限依法申请行政复议或者提起行政诉讼。</p>
        )}
      </Result>
    </div>
  );
}
