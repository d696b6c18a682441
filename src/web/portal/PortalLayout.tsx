// Portal frame: header with the platform name and navigation, content, footer with the legal basis and links.
import { Link, NavLink, Outlet } from 'react-router';
import { SECTIONS } from './sections.tsx';

export function PortalLayout() {
  return (
    <div className="px-page">
      <header className="px-header">
        <div className="px-header-inner">
          <Link to="/" className="px-brand" aria-label="行政执法信息公示平台 首页">
            <span className="px-brand-mark">公示</span>
            <span className="px-brand-text">
              <span className="px-brand-title">行政执法信息公示平台</span>
              <span className="px-brand-sub">Sanxiang · 三项</span>
            </span>
          </Link>
          <a className="px-staff-link" href="/admin">
            工作人员入口
          </a>
        </div>
        <nav className="px-nav" aria-label="栏目">
          <div className="px-nav-inner">
            <NavLink to="/" end>
              首页
            </NavLink>
            {SECTIONS.map((s) => (
              <NavLink key={s.key} to={s.path}>
                {s.title}
              </NavLink>
            ))}
          </div>
        </nav>
      </header>
      <main className="px-main">
        <Outlet />
      </main>
      <footer className="px-footer">
        <div className="px-footer-inner">
          <p>
            本平台依据《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）建设，
            落实行政执法公示、执法全过程记录、重大执法决定法制审核“三项制度”，公开行政执法信息，接受社会监督。
          </p>
          <p className="px-footer-links">
            <a href="/admin">工作人员入口</a>
            <span aria-hidden="true">|</span>
            <a href="/api/docs">开放接口文档</a>
          </p>
        </div>
      </footer>
    </div>
  );
}
