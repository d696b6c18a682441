// The back office frame: role-aware side menu (a drawer below 768 px), header with the user, their roles and
// organisation, the supervisor's scope switcher, change password and logout; pages render in the content area.
import { Suspense, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import {
  App,
  Avatar,
  Badge,
  Button,
  Drawer,
  Dropdown,
  Grid,
  Layout,
  Menu,
  Space,
  Spin,
  Tag,
  Tooltip,
  Typography,
  type MenuProps,
} from 'antd';
import { LockOutlined, LogoutOutlined, MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined, UserOutlined } from '@ant-design/icons';
import { useAuth, useUser } from '../auth.tsx';
import { itemForPath, menuFor } from '../menu.tsx';
import { useScope } from '../scope.tsx';
import { useTodo } from '../todo.tsx';
import { ROLE_COLORS, ROLE_LABELS } from '../../shared/roles.ts';
import { ScopeSwitcher } from './ScopeSwitcher.tsx';
import { ChangePasswordModal } from './ChangePasswordModal.tsx';
import { PageErrorBoundary } from './PageErrorBoundary.tsx';

const { Header, Sider, Content } = Layout;

export function AdminLayout() {
  const user = useUser();
  const { logout } = useAuth();
  const scope = useScope();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const mobile = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);

  const todo = useTodo();
  const entries = useMemo(() => menuFor(user), [user]);
  const selected = itemForPath(location.pathname)?.key;

  const menuItems: MenuProps['items'] = useMemo(() => {
    const ready = entries.filter((e) => !e.soon);
    const soon = entries.filter((e) => e.soon);
    type Item = NonNullable<MenuProps['items']>[number];
    // what awaits the user: overdue law changes (red) and drafts to review (blue), as counts after the label
    const badges: Partial<Record<string, { count: number | undefined; color: string; title: string }>> = {
      registryLawChanges: { count: todo.overdueLawChanges, color: '#ff4d4f', title: '项变更已逾期' },
      registryReviews: { count: todo.reviews, color: '#1677ff', title: '条待您审核' },
      disclosure: todo.disclosure?.overdue
        ? { count: todo.disclosure.overdue, color: '#ff4d4f', title: '条执法决定超期未公示' }
        : {
            count: todo.disclosure
              ? todo.disclosure.pending + todo.disclosure.toPublish + todo.disclosure.changeNotices + todo.disclosure.corrections
              : undefined,
            color: '#1677ff',
            title: '项公示待办',
          },
    };
    const label = (e: (typeof ready)[number]) => {
      const b = badges[e.key];
      if (!b?.count) return e.label;
      return (
        <span className="sx-menu-label">
          {e.label}
          <Badge count={b.count} color={b.color} size="small" title={`${b.count} ${b.title}`} data-testid={`menu-badge-${e.key}`} />
        </span>
      );
    };
    const entry = (e: (typeof ready)[number]) =>
      ({ key: e.key, icon: e.icon, label: label(e), title: e.label, 'data-testid': `menu-${e.key}` }) as Item;
    // grouped items (公示信息) sit together under their title, where the first of them is in menu order
    const items: Item[] = [];
    const groups = new Map<string, Item[]>();
    for (const e of ready) {
      if (!e.group) {
        items.push(entry(e));
        continue;
      }
      let children = groups.get(e.group);
      if (!children) {
        children = [];
        groups.set(e.group, children);
        items.push({ type: 'group', key: `group-${e.group}`, label: collapsed && !mobile ? null : e.group, children } as Item);
      }
      children.push(entry(e));
    }
    if (soon.length) {
      items.push({
        type: 'group',
        key: 'soon',
        label: collapsed && !mobile ? null : '即将上线',
        children: soon.map(
          (e) =>
            ({
              key: e.key,
              icon: e.icon,
              disabled: true,
              title: `${e.label}（即将上线）`,
              label: (
                <span className="sx-soon-item">
                  {e.label}
                  <Tag className="sx-soon-tag" variant="filled">
                    即将上线
                  </Tag>
                </span>
              ),
              'data-testid': `menu-soon-${e.key}`,
            }) as NonNullable<MenuProps['items']>[number],
        ),
      });
    }
    return items;
  }, [entries, collapsed, mobile, todo.overdueLawChanges, todo.reviews, todo.disclosure]);

  const go = (key: string) => {
    const entry = entries.find((e) => e.key === key);
    if (!entry?.path) return;
    setDrawerOpen(false);
    navigate({ pathname: entry.path, search: scope.search });
  };

  const onLogout = async () => {
    try {
      await logout();
    } catch {
      // the session is dropped locally anyway
    }
    message.success('已退出登录');
    navigate('/login', { replace: true });
  };

  const organisation = user.agencyName ?? (user.divisionName ? `${user.divisionName}（${user.divisionCode}）` : '全系统');

  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      items={menuItems}
      onClick={({ key }) => go(key)}
      data-testid="side-menu"
    />
  );

  const userMenu: MenuProps = {
    items: [
      {
        key: 'who',
        disabled: true,
        label: (
          <div className="sx-user-card">
            <div className="sx-user-card-name">
              {user.displayName}（{user.username}）
            </div>
            <div>{organisation}</div>
            <Space size={[4, 4]} wrap style={{ marginTop: 4 }}>
              {user.roles.map((r) => (
                <Tag key={r} color={ROLE_COLORS[r]}>
                  {ROLE_LABELS[r]}
                </Tag>
              ))}
            </Space>
          </div>
        ),
      },
      { type: 'divider' },
      { key: 'password', icon: <LockOutlined />, label: '修改密码', onClick: () => setPasswordOpen(true) },
      { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true, onClick: () => void onLogout() },
    ],
  };

  return (
    <Layout className="sx-admin" style={{ minHeight: '100vh' }}>
      {!mobile && (
        <Sider
          width={236}
          collapsible
          collapsed={collapsed}
          trigger={null}
          breakpoint="lg"
          onBreakpoint={(broken) => setCollapsed(broken)}
          className="sx-sider"
        >
          <div className="sx-brand" title="三项 · 行政执法综合管理监督系统">
            <span className="sx-brand-mark">三项</span>
            {!collapsed && <span className="sx-brand-text">执法综合管理监督</span>}
          </div>
          {menu}
        </Sider>
      )}
      {mobile && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          closable={false}
          className="sx-menu-drawer"
          styles={{ body: { padding: 0, background: '#0f2f57' } }}
          data-testid="menu-drawer"
        >
          <div className="sx-brand">
            <span className="sx-brand-mark">三项</span>
            <span className="sx-brand-text">执法综合管理监督</span>
          </div>
          {menu}
        </Drawer>
      )}
      <Layout>
        <Header className="sx-header">
          <Space size={mobile ? 8 : 12} style={{ minWidth: 0, flex: 'none' }}>
            {mobile ? (
              <Button
                type="text"
                icon={<MenuOutlined />}
                aria-label="打开菜单"
                data-testid="menu-toggle"
                onClick={() => setDrawerOpen(true)}
              />
            ) : (
              <Button
                type="text"
                icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
                aria-label={collapsed ? '展开菜单' : '收起菜单'}
                onClick={() => setCollapsed((c) => !c)}
              />
            )}
            {mobile && <span className="sx-header-title">三项</span>}
          </Space>
          <div className="sx-header-scope">{scope.switchable && <ScopeSwitcher compact={mobile} />}</div>
          <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
            <Button type="text" className="sx-user-button" data-testid="user-menu">
              <Avatar size="small" icon={<UserOutlined />} style={{ background: '#174a8b' }} />
              <span className="sx-user-name" data-testid="user-name">
                {user.displayName}
              </span>
              {!mobile && (
                <span className="sx-user-meta">
                  {user.roles.map((r) => ROLE_LABELS[r]).join('、')} · {organisation}
                </span>
              )}
            </Button>
          </Dropdown>
        </Header>
        <Content className="sx-content">
          <PageErrorBoundary key={location.pathname}>
            <Suspense
              fallback={
                <div className="sx-page-loading">
                  <Spin description="正在加载…" />
                </div>
              }
            >
              <Outlet />
            </Suspense>
          </PageErrorBoundary>
        </Content>
        <Layout.Footer className="sx-footer">
          <Typography.Text type="secondary">
            三项 · 行政执法综合管理监督系统 ·{' '}
            <Tooltip title="接口文档（OpenAPI）">
              <a href="/api/docs" target="_blank" rel="noreferrer">
                接口文档
              </a>
            </Tooltip>{' '}
            ·{' '}
            <a href="/" target="_blank" rel="noreferrer">
              公示平台
            </a>
          </Typography.Text>
        </Layout.Footer>
      </Layout>
      <ChangePasswordModal open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </Layout>
  );
}
