// Who may do what with a case (SPEC §1, §3.5). Registering a case: the agency's officers and heads. Recording an
// act: the case's handlers (officers on its team) and the agency's heads; approvals only by the role that signs
// them — the case-unit head approves opening and conclusion, the agency head signs decisions and approves AV
// exceptions. Reading: see directAccess; anyone else needs an approved access request (调阅).
import { AppError, notFound } from '../../platform/errors.ts';
import { hasRole, inScope, type Actor, type Role } from '../../platform/access.ts';
import { ROLE_LABELS } from '../../../shared/roles.ts';
import type { SingleHeadFallback } from '../../platform/policy/policy.schema.ts';
import { ACT_TYPES, APPROVER_ROLES, checkDestruction, type ActType, type Stage } from './case.rules.ts';
import { CORRECTION_ACTIONS, type CaseAction } from '../../../shared/vocabulary.ts';
import type { ACCESS_REQUEST_ACTIONS } from './case.schema.ts';

type AccessRequestAction = (typeof ACCESS_REQUEST_ACTIONS)[number];

export { APPROVER_ROLES };

export const HANDLER_ROLES: readonly Role[] = ['officer', 'unitHead', 'agencyHead'];
const HEADS: readonly Role[] = ['unitHead', 'agencyHead'];

export interface CaseRef {
  agencyId: string;
  divisionCode: string;
  handlerIds: string[];
  classification?: 'normal' | 'private' | 'secret';
}

export type AccessLevel = 'view' | 'copy';

/**
 * What the actor may do with a case's records without an access request (调阅): the handling team, the agency's
 * heads and its records custodian view and copy; the agency's legal reviewers view; supervisors of the division
 * (and deployment administrators) read and copy directly (003 记录办法 §21(三)). Everyone else needs an approved
 * request. A classified case (涉密、涉及个人隐私) narrows this to the handling team and the heads; supervisors read.
 */
export function directAccess(actor: Actor, c: CaseRef): AccessLevel | null {
  if (!inScope(actor, c)) return null;
  const classified = c.classification === 'private' || c.classification === 'secret';
  if (actor.agencyId === c.agencyId) {
    if (c.handlerIds.includes(actor.userId) || hasRole(actor, ...HEADS)) return 'copy';
    // a classified case (000 §24) is read directly only by its handling team and the heads who approve its steps
    if (classified) return null;
    if (hasRole(actor, 'recordsCustodian')) return 'copy';
    return hasRole(actor, 'reviewer') ? 'view' : null;
  }
  if (!hasRole(actor, 'supervisor', 'administrator')) return null;
  // supervisors read every case of their division; copying a classified one needs an approved request
  return classified ? 'view' : 'copy';
}

/**
 * Throws unless the actor may `need` (view, or copy = download/export) the case's records, directly or through an
 * approved, unexpired access request (`granted`). Outside the actor's scope the case does not exist (404).
 */
export function assertAccess(actor: Actor, c: CaseRef, need: AccessLevel, granted: AccessLevel | null): void {
  if (!inScope(actor, c)) throw notFound('案件');
  const have = [directAccess(actor, c), granted];
  if (have.includes('copy') || (need === 'view' && have.includes('view'))) return;
  throw new AppError(
    'ACCESS_REQUEST_REQUIRED',
    need === 'view'
      ? '您不是本案承办人员：查看本案记录须提出调阅申请，经部门负责人批准后方可查看（003 记录办法 §21）'
      : '下载、复制本案记录须提出调阅（复制）申请，经部门负责人批准后方可进行（000 §24；003 记录办法 §21）',
    { need, granted },
  );
}

/** May the actor read the case (directly or by an approved request)? */
export const assertMayRead = (actor: Actor, c: CaseRef, granted: AccessLevel | null = null) => assertAccess(actor, c, 'view', granted);

/** Access requests are decided by the agency head (003 记录办法 §21(二)). */
export const mayDecideAccess = (actor: Actor, agencyId: string) => actor.agencyId === agencyId && hasRole(actor, 'agencyHead');

/** External authorities without an account and parties apply in writing; the agency's custodian or head lodges it. */
export const mayLodgeAccessRequest = (actor: Actor, agencyId: string) =>
  actor.agencyId === agencyId && hasRole(actor, 'recordsCustodian', 'agencyHead');

/**
 * What the reader may do with an access request: decide it while pending (the agency head), and open its case (once
 * approved; the head, who reads the agency's cases directly, always).
 */
export function accessRequestActions(
  actor: Actor,
  r: { agencyId: string; status: 'pending' | 'rejected' | 'approved' | 'expired' },
): AccessRequestAction[] {
  const out: AccessRequestAction[] = [];
  if (r.status === 'pending' && mayDecideAccess(actor, r.agencyId)) out.push('decide');
  if (r.status === 'approved' || mayDecideAccess(actor, r.agencyId)) out.push('openCase');
  return out;
}

/** The agency head and the records custodian see all the agency's access requests; others those they made or lodged. */
export const seesAgencyAccessRequests = (actor: Actor) => !!actor.agencyId && hasRole(actor, 'agencyHead', 'recordsCustodian');

export function assertMayDecideAccess(actor: Actor, agencyId: string): void {
  if (!mayDecideAccess(actor, agencyId))
    throw new AppError('FORBIDDEN', '调阅申请须由部门负责人批准（003 记录办法 §21(二)）', { requiredRoles: ['agencyHead'] });
}

/** Who may read a case's access log: the agency's heads and records custodian, and supervisors (SPEC §3.5). */
export function mayReadAccessLog(actor: Actor, c: CaseRef): boolean {
  if (!inScope(actor, c)) return false;
  return (actor.agencyId === c.agencyId && hasRole(actor, ...HEADS, 'recordsCustodian')) || hasRole(actor, 'supervisor', 'administrator');
}

export function assertMayReadAccessLog(actor: Actor, c: CaseRef): void {
  if (!inScope(actor, c)) throw notFound('案件');
  if (!mayReadAccessLog(actor, c))
    throw new AppError('FORBIDDEN', '访问日志仅部门负责人、记录管理员和监督人员可以查看', {
      requiredRoles: [...HEADS, 'recordsCustodian', 'supervisor'],
    });
}

export function assertMayRegister(actor: Actor, agencyId: string): void {
  if (actor.agencyId !== agencyId) {
    if (!actor.agencyId) throw new AppError('FORBIDDEN', '只有执法部门的执法人员可以登记案件');
    throw notFound('执法部门');
  }
  if (!hasRole(actor, ...HANDLER_ROLES))
    throw new AppError('FORBIDDEN', '只有执法人员或承办机构、部门负责人可以登记案件', { requiredRoles: HANDLER_ROLES });
}

/**
 * May the actor record an act of this type in the case? Approval acts (APPROVER_ROLES) are only checked for the
 * agency here: who may approve depends on who handled the case (approvalVerdict), which the service checks with the
 * case's acts in hand.
 */
export function assertMayRecord(actor: Actor, c: CaseRef, type: ActType): void {
  if (!APPROVER_ROLES[type]) return assertMayHandle(actor, c);
  assertOwnAgency(actor, c);
  if (!hasRole(actor, 'unitHead', 'agencyHead'))
    throw new AppError(
      'FORBIDDEN',
      `“${ACT_TYPES[type].label}”须由${APPROVER_ROLES[type]!.includes('unitHead') ? '承办机构负责人或部门负责人' : '部门负责人'}记录`,
      { requiredRoles: APPROVER_ROLES[type] },
    );
}

/** Readers from outside the agency (supervisors) never write to its cases. */
function assertOwnAgency(actor: Actor, c: CaseRef): void {
  if (!inScope(actor, c)) throw notFound('案件');
  if (actor.agencyId !== c.agencyId) throw new AppError('FORBIDDEN', '监督人员只能查阅案件，不能记录执法行为');
}

/** The case's handlers (officers on its team) and the agency's heads record its acts and ask for AV exceptions. */
export function assertMayHandle(actor: Actor, c: CaseRef): void {
  assertOwnAgency(actor, c);
  if (hasRole(actor, ...HEADS)) return;
  if (!hasRole(actor, 'officer') || !c.handlerIds.includes(actor.userId))
    throw new AppError('FORBIDDEN', '只有本案承办人可以记录执法行为', { requiredRoles: HANDLER_ROLES });
}

/** After the retention period the agency's records custodian or head asks for the media records' destruction. */
export const mayRequestDestruction = (actor: Actor, agencyId: string) =>
  actor.agencyId === agencyId && hasRole(actor, 'recordsCustodian', 'agencyHead');

/** The agency head approves a destruction (not the one who asked: the service checks that with the request in hand). */
export const mayDecideDestruction = (actor: Actor, agencyId: string) => actor.agencyId === agencyId && hasRole(actor, 'agencyHead');

/** What the case page needs to know, beyond the case's ref, to say what the reader may do. */
export interface CaseActionFacts {
  stage: string;
  retentionUntil: string | null;
  retentionPermanent: string | null;
  destroyed: boolean;
  /** A destruction request awaits its decision. */
  destructionPending: boolean;
}

/**
 * What the reader may do with the case now (the case page's buttons; each is checked again when done). Recording and
 * correcting: the case's team and the agency's heads; an approval act (APPROVER_ROLES) is corrected only by a holder of
 * the role that signs it. The act types that may be recorded now and the approvals are the detail's `next` and
 * `blockedActs`. Destruction: asked for once the retention period has run out, decided by the agency head.
 */
export function caseActions(actor: Actor, c: CaseRef, f: CaseActionFacts, today: string): CaseAction[] {
  const out: CaseAction[] = [];
  const own = actor.agencyId === c.agencyId;
  if (own && (c.handlerIds.includes(actor.userId) || hasRole(actor, ...HEADS))) {
    out.push('record', 'correct');
    for (const [type, action] of Object.entries(CORRECTION_ACTIONS))
      if (hasRole(actor, ...APPROVER_ROLES[type as ActType]!)) out.push(action);
  }
  if (mayReadAccessLog(actor, c)) out.push('readAccessLog');
  const expired = !checkDestruction(
    { stage: f.stage as Stage, retentionUntil: f.retentionUntil, retentionPermanent: f.retentionPermanent, destroyed: f.destroyed },
    today,
  );
  if (expired && !f.destructionPending && mayRequestDestruction(actor, c.agencyId)) out.push('requestDestruction');
  if (f.destructionPending && mayDecideDestruction(actor, c.agencyId)) out.push('decideDestruction');
  return out;
}

/** The agency's heads decide AV exceptions; which of them may decide one is approvalVerdict's to say. */
export function assertMayDecideAvException(actor: Actor, agencyId: string): void {
  if (actor.agencyId !== agencyId || !hasRole(actor, 'agencyHead', 'unitHead'))
    throw new AppError('FORBIDDEN', '未音像记录的书面说明须由部门负责人批准（003 记录办法 §20(二)）', { requiredRoles: ['agencyHead'] });
}

// ---- separation of approval from handling (审核、决定与办案相分离) ------------------------------------------------------------

/** The approvals of a case: each is given by a head who took no part in the case and did not write what is approved. */
export const APPROVALS = {
  opening: { label: '立案审批', roles: ['unitHead', 'agencyHead'] },
  decision: { label: '签发行政处罚决定', roles: ['agencyHead'] },
  conclusion: { label: '结案审批', roles: ['unitHead', 'agencyHead'] },
  avException: { label: '批准未音像记录的书面说明', roles: ['agencyHead'] },
  reviewExtension: { label: '批准延长法制审核期限', roles: ['agencyHead'] },
  reviewHeadDecision: { label: '对审核意见分歧作出决定', roles: ['agencyHead'] },
} as const satisfies Record<string, { label: string; roles: readonly Role[] }>;
export type Approval = keyof typeof APPROVALS;

/** What the approval check knows about a case and its agency's heads. */
export interface ApprovalFacts {
  /** The policy's answer when every head of the required role took part (approvals.singleHeadFallback). */
  fallback: SingleHeadFallback;
  /** The agency's active users holding a head role. */
  heads: { id: string; name: string; roles: readonly string[]; certificateNumber: string | null }[];
  /** Users who handled the case: its team, its registrant, whoever recorded a step of it other than an approval. */
  handlers: ReadonlySet<string>;
  /** Certificates of the officers present at its acts (a head holding a certificate who was there took part). */
  certificates: ReadonlySet<string>;
}

export type ApprovalVerdict =
  | { ok: true; substitute: boolean }
  | { ok: false; code: 'FORBIDDEN' | 'APPROVER_NOT_SEPARATE'; message: string; details: Record<string, unknown> };

/**
 * May `actor` give `approval` on this case? Never a handler of the case, nor the author of the draft or request being
 * approved (`authors`): the approver is someone else (000 §25-§32 法制审核与决定相分离; 002 记录办法 §8 立案审批;
 * 行政处罚法 §57). When every holder of the required role took part, the policy's fallback names who approves instead.
 */
export function approvalVerdict(actor: Actor, approval: Approval, facts: ApprovalFacts, authors: readonly string[] = []): ApprovalVerdict {
  const { label, roles } = APPROVALS[approval];
  const roleNames = roles.map((r) => ROLE_LABELS[r]).join('或');
  const involvement = (id: string): string | null => {
    if (authors.includes(id)) return approval === 'decision' ? '起草了拟处理决定' : '是所审批事项的申请人或起草人';
    if (facts.handlers.has(id)) return '承办或参与了本案的办理';
    const cert = facts.heads.find((h) => h.id === id)?.certificateNumber;
    return cert && facts.certificates.has(cert) ? '作为执法人员参与了本案的执法活动' : null;
  };
  const eligible = facts.heads.filter((h) => h.roles.some((r) => (roles as readonly string[]).includes(r)) && !involvement(h.id));
  // the fallback: an agency head's approval passes to an uninvolved unit head where the pack says 'deputy'
  const deputies =
    !eligible.length && facts.fallback === 'deputy' && !(roles as readonly string[]).includes('unitHead')
      ? facts.heads.filter((h) => h.roles.includes('unitHead') && !involvement(h.id))
      : [];
  const names = (hs: { name: string }[]) => hs.map((h) => h.name).join('、');
  const instead = eligible.length
    ? `请由未参与本案办理的${roleNames}（${names(eligible)}）审批`
    : deputies.length
      ? `本部门${roleNames}均参与了本案办理，按本地政策由未参与办理的承办机构负责人（${names(deputies)}）代为审批`
      : facts.fallback === 'deputy'
        ? `本部门没有未参与本案办理的负责人：请系统管理员为分管的副职负责人开通${ROLE_LABELS.agencyHead}账户后由其审批`
        : '本部门负责人均参与了本案办理，按本地政策须报上级行政执法部门负责人审批';
  const own = involvement(actor.userId);
  const holds = hasRole(actor, ...roles);
  const mightSubstitute = !eligible.length && facts.fallback === 'deputy' && hasRole(actor, 'unitHead');
  if (own && (holds || mightSubstitute))
    return {
      ok: false,
      code: 'APPROVER_NOT_SEPARATE',
      message: `您${own}，不能${label}（审批与办案相分离，000 第二十五条至第三十二条）：${instead}`,
      details: {
        approval,
        reason: own,
        eligible: eligible.map((h) => h.id),
        substitutes: deputies.map((h) => h.id),
        fallback: facts.fallback,
      },
    };
  if (holds) return { ok: true, substitute: false };
  if (deputies.some((h) => h.id === actor.userId)) return { ok: true, substitute: true };
  return { ok: false, code: 'FORBIDDEN', message: `“${label}”须由${roleNames}作出`, details: { requiredRoles: roles } };
}
