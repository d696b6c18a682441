// What the signed-in user may open and do in the back office, from their roles and scope (SPEC §1). Sent with the
// user (GET /api/v1/auth/me, login) as `capabilities`: the web builds its menu, guards its routes and shows its
// page-level controls from it and from nothing else. The server checks every request again (each module's
// *.policy.ts); an object a page acts on carries its own `actions`.
import { hasRole, scopeOf, type Actor, type Scope } from './access.ts';
import type { Role } from '../../shared/roles.ts';

/** The back office's pages (the web's menu items, in menu order). */
export const MENU_KEYS = [
  'dashboard',
  'agencies',
  'users',
  'tokens',
  'calendar',
  'policies',
  // 公示信息 (registry)
  'registryProfile',
  'registryOfficers',
  'registryLists',
  'registryTexts',
  'registryLawChanges',
  'registryReviews',
  'cases',
  'review',
  'disclosure',
  'records',
  'accessRequests',
  'supervision',
] as const;
export type MenuKey = (typeof MENU_KEYS)[number];

const REGISTRY_READ = ['registryProfile', 'registryOfficers', 'registryLists', 'registryTexts'] as const;

/** role → the pages it opens. A user with several roles opens the union. */
export const MENU_BY_ROLE: Record<Role, readonly MenuKey[]> = {
  administrator: ['dashboard', 'agencies', 'users', 'tokens', 'calendar', 'policies'],
  supervisor: [
    'dashboard',
    'agencies',
    'calendar',
    'policies',
    ...REGISTRY_READ,
    'registryLawChanges',
    'cases',
    'review',
    'disclosure',
    'supervision',
  ],
  agencyHead: [
    'dashboard',
    'agencies',
    'calendar',
    ...REGISTRY_READ,
    'registryLawChanges',
    'registryReviews',
    'cases',
    'records',
    'accessRequests',
    'review',
    'disclosure',
  ],
  unitHead: ['dashboard', 'calendar', 'cases', 'records', 'accessRequests', 'review'],
  officer: ['dashboard', 'calendar', 'cases', 'review', 'accessRequests', 'records'],
  reviewer: ['dashboard', 'calendar', 'cases', 'review'],
  disclosureEditor: ['dashboard', 'calendar', ...REGISTRY_READ, 'registryLawChanges', 'registryReviews', 'accessRequests', 'disclosure'],
  recordsCustodian: ['dashboard', 'calendar', 'cases', 'accessRequests', 'records'],
  externalAuthority: ['dashboard', 'calendar', 'cases', 'accessRequests'],
};

/**
 * What a user may do on a page they can open, not tied to one object: the roles that hold it, and the binding it
 * needs (`agency`: acts for the user's own agency; `division`: over the user's division).
 */
export const CAPABILITY_RULES = {
  manageCalendar: { roles: ['administrator'] },
  addAgency: { roles: ['administrator'] },
  assignPolicy: { roles: ['administrator'] },
  /** Filter the agency list by division (an administrator; a supervisor switches the scope instead). */
  filterByDivision: { roles: ['administrator'] },
  /** Switch the scope shown between the division's subtree and its agencies (a supervisor oversees the subtree). */
  switchScope: { roles: ['supervisor'], bound: 'division' },
  /** Draft registry records (new, revise, retire) and law changes for one's own agency. */
  draftRegistry: { roles: ['disclosureEditor', 'agencyHead'], bound: 'agency' },
  /** Review others' registry drafts (never one's own). */
  reviewRegistry: { roles: ['disclosureEditor', 'agencyHead'], bound: 'agency' },
  /** Register a case (立案登记) for one's own agency. */
  openCase: { roles: ['officer', 'unitHead', 'agencyHead'], bound: 'agency' },
  /** Lodge the written access request of an external authority or a party (not only one's own). */
  lodgeAccessRequest: { roles: ['recordsCustodian', 'agencyHead'], bound: 'agency' },
  /** Approve or refuse the agency's access requests (003 记录办法 §21(二)). */
  decideAccessRequests: { roles: ['agencyHead'], bound: 'agency' },
  /** Read the corrections asked of published decisions (更正申请). */
  readCorrections: { roles: ['disclosureEditor', 'agencyHead', 'supervisor'] },
} as const satisfies Record<string, { roles: readonly Role[]; bound?: 'agency' | 'division' }>;

export type Capability = keyof typeof CAPABILITY_RULES;
export const CAPABILITY_IDS = Object.keys(CAPABILITY_RULES) as [Capability, ...Capability[]];

export interface Capabilities {
  /** The pages the user opens, in menu order. */
  pages: MenuKey[];
  /** The page-level capabilities the user holds. */
  actions: Capability[];
  /** What the user sees: the whole deployment, a division's subtree, one agency, or nothing. */
  scope: Scope['kind'];
}

export function capabilitiesOf(actor: Pick<Actor, 'roles' | 'agencyId' | 'divisionCode'>): Capabilities {
  const who = actor as Actor;
  const pages = new Set(actor.roles.flatMap((r) => MENU_BY_ROLE[r] ?? []));
  const holds = (c: Capability) => {
    const rule: { roles: readonly Role[]; bound?: 'agency' | 'division' } = CAPABILITY_RULES[c];
    if (!hasRole(who, ...rule.roles)) return false;
    return rule.bound === 'agency' ? !!actor.agencyId : rule.bound === 'division' ? !!actor.divisionCode : true;
  };
  return { pages: MENU_KEYS.filter((k) => pages.has(k)), actions: CAPABILITY_IDS.filter(holds), scope: scopeOf(who).kind };
}
