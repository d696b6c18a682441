// Who may do what with decision publication (SPEC §1, §2.3): the agency's disclosure editors and head redact,
// publish, exclude and answer corrections; only the head approves publishing what was excluded (003 §8); supervisors
// (and administrators) read, in their scope (the records' scope is checked where they are loaded).
import { AppError } from '../../platform/errors.ts';
import { hasRole, type Actor, type Role } from '../../platform/access.ts';
import { EXCLUSION_REASONS, type ExclusionReason } from '../../../shared/vocabulary.ts';
import type { DISCLOSURE_ACTIONS, STATES } from './disclosure.schema.ts';

export const EDITORS = ['disclosureEditor', 'agencyHead'] as const;
export const READERS = ['disclosureEditor', 'agencyHead', 'supervisor', 'administrator'] as const;
const CORRECTION_READERS = [...EDITORS, 'supervisor'] as const;

export type DisclosureAction = (typeof DISCLOSURE_ACTIONS)[number];

export const mayEdit = (actor: Actor) => hasRole(actor, ...EDITORS);
export const mayRead = (actor: Actor) => hasRole(actor, ...READERS);
export const mayApprovePublication = (actor: Actor) => hasRole(actor, 'agencyHead');
export const mayReadCorrections = (actor: Actor) => hasRole(actor, ...CORRECTION_READERS);

function require(allowed: boolean, roles: readonly Role[], message: string) {
  if (!allowed) throw new AppError('FORBIDDEN', message, { requiredRoles: roles });
}

export const assertEditor = (actor: Actor) => require(mayEdit(actor), EDITORS, '执法决定公示由本部门公示审核员或负责人办理');
export const assertReader = (actor: Actor, message = '执法决定公示由公示审核员、部门负责人办理，监督人员查阅') =>
  require(mayRead(actor), READERS, message);
export const assertMayApprove = (actor: Actor) =>
  require(mayApprovePublication(actor), ['agencyHead'], '不予公开的信息经行政执法部门主要负责人批准方可公开');
export const assertCorrectionReader = (actor: Actor) =>
  require(mayReadCorrections(actor), CORRECTION_READERS, '更正申请由本部门公示审核员或负责人办理');
export const assertCorrectionEditor = (actor: Actor) => require(mayEdit(actor), EDITORS, '更正申请由本部门公示审核员或负责人办理');

/** What of a record the actions depend on. */
export interface DisclosureFacts {
  state: (typeof STATES)[number];
  /** A correction of the published record is prepared and awaits a second person. */
  revision: boolean;
  exclusionReason: ExclusionReason | null;
  publishedOn: string | null;
  remedy: boolean;
  changeNotice: boolean;
}

/**
 * What the reader may do with the record now (the page's buttons; each step checks again): confirm the redaction (a
 * pending record, a prepared one again, a correction of a published one), publish what another person prepared,
 * exclude it with a reason, approve publishing what was excluded where 003 §8 allows, publish the change notice after
 * a remedy overturned the published decision.
 */
export function disclosureActions(actor: Actor, d: DisclosureFacts): DisclosureAction[] {
  const out: DisclosureAction[] = [];
  if (mayEdit(actor)) {
    if (d.state === 'pending' || d.state === 'prepared' || d.state === 'published') out.push('prepare');
    if (d.state === 'prepared' || d.revision) out.push('publish');
    if (d.state === 'pending' || d.state === 'prepared') out.push('exclude');
    if (d.remedy && d.publishedOn && !d.changeNotice) out.push('publishChangeNotice');
  }
  if (d.state === 'excluded' && mayApprovePublication(actor) && d.exclusionReason && EXCLUSION_REASONS[d.exclusionReason].approvable)
    out.push('approvePublication');
  return out;
}
