// The roles of SPEC §1: identifiers, Chinese labels, and which are bound to a division.
// Shared vocabulary: the server and the web app both read it; it imports nothing.

export const ROLES = [
  'administrator',
  'supervisor',
  'agencyHead',
  'unitHead',
  'officer',
  'reviewer',
  'disclosureEditor',
  'recordsCustodian',
  'externalAuthority',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  administrator: '系统管理员',
  supervisor: '司法行政监督人员',
  agencyHead: '行政执法部门负责人',
  unitHead: '承办机构负责人',
  officer: '执法人员',
  reviewer: '法制审核人员',
  disclosureEditor: '公示审核员',
  recordsCustodian: '记录管理员',
  externalAuthority: '外部调阅机关',
};

/** Roles bound to a division rather than to one agency. */
export const DIVISION_ROLES: readonly Role[] = ['supervisor', 'externalAuthority'];
