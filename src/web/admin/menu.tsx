// The back office menu: what each item is. Which items a user sees comes from the server with the signed-in user
// (`capabilities.pages`, from platform/capabilities.ts), in the order of MENU_ITEMS; routes are guarded by the same.
// Items marked `soon` are modules still being built: shown disabled with "即将上线", never as working pages.
// Items with a `group` are shown together under the group's title (公示信息: the registry of SPEC §2.1).
import type { ReactNode } from 'react';
import {
  AuditOutlined,
  BankOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  EyeOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  FileSyncOutlined,
  IdcardOutlined,
  KeyOutlined,
  NotificationOutlined,
  OrderedListOutlined,
  ProfileOutlined,
  ReadOutlined,
  SolutionOutlined,
  TeamOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import type { Capability, MenuKey } from '../../server/platform/capabilities.ts';
import type { SessionUser } from '../shared/types.ts';

export type { MenuKey, Capability };

export interface MenuItemDef {
  key: MenuKey;
  label: string;
  icon: ReactNode;
  /** Route inside /admin; none for modules not built yet. */
  path?: string;
  /** Module not built yet: shown disabled with "即将上线". */
  soon?: boolean;
  /** One line for the dashboard's quick links. */
  description: string;
  /** Shown under this group title in the side menu. */
  group?: MenuGroup;
}

export type MenuGroup = '公示信息';

export const MENU_ITEMS: readonly MenuItemDef[] = [
  { key: 'dashboard', label: '工作台', icon: <DashboardOutlined />, path: '/', description: '本人信息与常用入口' },
  {
    key: 'agencies',
    label: '执法部门',
    icon: <BankOutlined />,
    path: '/agencies',
    description: '执法部门名录、统一社会信用代码与所属区划',
  },
  { key: 'users', label: '用户管理', icon: <TeamOutlined />, path: '/users', description: '创建用户、分配角色、停用与重置密码' },
  { key: 'tokens', label: 'API 令牌', icon: <KeyOutlined />, path: '/tokens', description: '为对接系统签发与吊销接口访问令牌' },
  {
    key: 'calendar',
    label: '工作日历',
    icon: <CalendarOutlined />,
    path: '/calendar',
    description: '法定节假日与调休安排，工作日期限推算',
  },
  {
    key: 'policies',
    label: '政策包',
    icon: <FileProtectOutlined />,
    path: '/policies',
    description: '各地三项制度规定的期限与数值及其出处',
  },
  {
    key: 'registryProfile',
    group: '公示信息',
    label: '执法主体信息',
    icon: <ProfileOutlined />,
    path: '/registry/profile',
    description: '法律依据、职责、内设机构、管辖范围和联系方式',
  },
  {
    key: 'registryOfficers',
    group: '公示信息',
    label: '执法人员',
    icon: <IdcardOutlined />,
    path: '/registry/officer',
    description: '执法人员名录、执法证号、执法类别和证件有效期',
  },
  {
    key: 'registryLists',
    group: '公示信息',
    label: '四类清单',
    icon: <OrderedListOutlined />,
    path: '/registry/lists',
    description: '执法事项、随机抽查事项、音像记录事项、重大执法决定目录',
  },
  {
    key: 'registryTexts',
    group: '公示信息',
    label: '服务指南与流程',
    icon: <ReadOutlined />,
    path: '/registry/texts',
    description: '服务指南、执法流程图、裁量基准、收费目录、救济渠道',
  },
  {
    key: 'registryLawChanges',
    group: '公示信息',
    label: '法律法规变更',
    icon: <FileSyncOutlined />,
    path: '/registry/law-changes',
    description: '法律法规或职责变更后，受影响的公示条目须在期限内更新',
  },
  {
    key: 'registryReviews',
    group: '公示信息',
    label: '审核公示信息',
    icon: <CheckSquareOutlined />,
    path: '/registry/reviews',
    description: '审核他人提交的公示信息：通过后发布，或写明理由退回',
  },
  {
    key: 'cases',
    label: '案件办理',
    icon: <SolutionOutlined />,
    path: '/cases',
    description: '立案、调查取证、决定、送达、执行全过程记录',
  },
  {
    key: 'review',
    label: '法制审核',
    icon: <AuditOutlined />,
    path: '/reviews',
    description: '重大执法决定提请审核、逐项审核、审核意见与分歧处理',
  },
  {
    key: 'disclosure',
    label: '执法公示',
    icon: <NotificationOutlined />,
    path: '/disclosures',
    description: '执法决定脱敏、审查发布、不予公开、撤下、更正与公示及时性',
  },
  {
    key: 'records',
    label: '音像记录',
    icon: <VideoCameraOutlined />,
    path: '/records',
    description: '已上传的音像记录、上传期限与逾期上传',
  },
  {
    key: 'accessRequests',
    label: '调阅申请',
    icon: <FileSearchOutlined />,
    path: '/access-requests',
    description: '依法调阅、复制执法记录：申请、批准与有效期',
  },
  { key: 'supervision', label: '执法监督', icon: <EyeOutlined />, soon: true, description: '逾期事项、统计分析、案卷评查与双随机抽查' },
];

type WithCapabilities = Pick<SessionUser, 'capabilities'>;

/** May the signed-in user do this on a page they can open? (the server checks again; this only hides controls) */
export function can(user: WithCapabilities, capability: Capability): boolean {
  return user.capabilities.actions.includes(capability);
}

/** The menu items of the signed-in user, in menu order. */
export function menuFor(user: WithCapabilities): MenuItemDef[] {
  return MENU_ITEMS.filter((i) => user.capabilities.pages.includes(i.key));
}

export function mayOpen(user: WithCapabilities, key: MenuKey): boolean {
  return user.capabilities.pages.includes(key);
}

/** The menu item a location belongs to (longest path prefix). */
export function itemForPath(pathname: string): MenuItemDef | undefined {
  return [...MENU_ITEMS]
    .filter((i) => i.path && (i.path === '/' ? pathname === '/' : pathname === i.path || pathname.startsWith(`${i.path}/`)))
    .sort((a, b) => b.path!.length - a.path!.length)[0];
}
