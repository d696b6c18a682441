// What the users page and its modals say about a user's binding (an agency, a division, or the whole system).
import type { Binding } from '../../../shared/roles.ts';
import type { User } from '../../../shared/types.ts';

export const bindingOf = (u: User) => u.agencyName ?? (u.divisionName ? `${u.divisionName}（${u.divisionCode}）` : '全系统');

export const BINDING_HELP: Record<Binding, string> = {
  agency: '所选角色属于执法部门，须绑定一个执法部门',
  division: '监督人员和外部调阅机关属于行政区划，须绑定一个行政区划（可查看该区划及以下）',
  none: '系统管理员不绑定执法部门：可管理全系统，或只管理一个行政区划及以下',
  conflict: '监督人员、外部调阅机关不能与执法部门内的角色同时授予，请分别建立账号',
};
