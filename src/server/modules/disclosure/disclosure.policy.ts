// Who may do what with decision publication (SPEC §1, §2.3): the agency's disclosure editors and head redact,
// publish, exclude and answer corrections; only the head approves publishing what was excluded (003 §8); supervisors
// (and administrators) read, in their scope.
import { AppError } from '../../platform/errors.ts';
import { hasRole, type Actor, type Role } from '../../platform/access.ts';

export const EDITORS = ['disclosureEditor', 'agencyHead'] as const;
export const READERS = ['disclosureEditor', 'agencyHead', 'supervisor', 'administrator'] as const;
const CORRECTION_READERS = [...EDITORS, 'supervisor'] as const;

function require(actor: Actor, roles: readonly Role[], message: string) {
  if (!hasRole(actor, ...roles)) throw new AppError('FORBIDDEN', message, { requiredRoles: roles });
}

export const assertEditor = (actor: Actor) => require(actor, EDITORS, '执法决定公示由本部门公示审核员或负责人办理');
export const assertReader = (actor: Actor, message = '执法决定公示由公示审核员、部门负责人办理，监督人员查阅') => require(actor, READERS, message);
export const assertMayApprove = (actor: Actor) => require(actor, ['agencyHead'], '不予公开的信息经行政执法部门主要负责人批准方可公开');
export const assertCorrectionReader = (actor: Actor) => require(actor, CORRECTION_READERS, '更正申请由本部门公示审核员或负责人办理');
export const assertCorrectionEditor = (actor: Actor) => require(actor, EDITORS, '更正申请由本部门公示审核员或负责人办理');
