// Portal home: what the platform is, the four entry points (those not built yet say so), links for staff and programs.
import { Link } from 'react-router';
import { ApiOutlined, LoginOutlined, RightOutlined } from '@ant-design/icons';
import { SECTIONS } from '../sections.tsx';
import { CertificateCheckForm } from '../components/CertificateCheckForm.tsx';

export function HomePage() {
  return (
    <>
      <section className="px-hero">
        <div className="px-hero-inner">
          <h1>行政执法信息公示平台</h1>
          <p className="px-hero-lead">公开行政执法主体、人员、职责、依据、程序和结果，让行政执法在阳光下运行，接受社会监督。</p>
          <ul className="px-pillars">
            <li>行政执法公示</li>
            <li>执法全过程记录</li>
            <li>重大执法决定法制审核</li>
          </ul>
        </div>
      </section>
      <section className="px-section px-home-check" aria-labelledby="check">
        <h2 id="check" className="px-section-title">
          执法证件核验
        </h2>
        <CertificateCheckForm />
      </section>
      <section className="px-section" aria-labelledby="entries">
        <h2 id="entries" className="px-section-title">
          信息查询
        </h2>
        <div className="px-entries">
          {SECTIONS.map((s) => (
            <Link key={s.key} to={s.path} className={`px-entry${s.building ? ' px-entry-building' : ''}`} data-testid={`entry-${s.key}`}>
              <span className="px-entry-icon">{s.icon}</span>
              <span className="px-entry-body">
                <span className="px-entry-title">
                  {s.title}
                  {s.building && <span className="px-badge">建设中</span>}
                </span>
                <span className="px-entry-summary">{s.summary}</span>
              </span>
              <RightOutlined className="px-entry-arrow" />
            </Link>
          ))}
        </div>
      </section>
      <section className="px-section px-links" aria-label="其他入口">
        <a href="/admin" className="px-link-card">
          <LoginOutlined />
          <span>
            <strong>工作人员入口</strong>
            <small>执法部门、司法行政部门工作人员登录执法综合管理监督系统</small>
          </span>
        </a>
        <a href="/api/docs" className="px-link-card">
          <ApiOutlined />
          <span>
            <strong>开放接口文档</strong>
            <small>供区域平台、部门网站等系统对接的接口说明（OpenAPI）</small>
          </span>
        </a>
      </section>
    </>
  );
}
