// The major-decision catalogue that applies to an agency (SPEC §4.2): the policy pack's for its division, plus the
// agency's own published catalogue entries that carry rule fields (an agency may widen the scope, 003 审核办法 §14;
// 004 2.). The case file classifies drafts with it; the review module shows and explains it.
import type { Db } from '../../platform/db.ts';
import type { PolicyService } from '../../platform/policy/policy.service.ts';
import { agencyRule, type AgencyCatalogueItem } from './major.rules.ts';
import * as recordRepo from '../registry/record.repo.ts';

export async function catalogueFor(db: Db, policies: PolicyService, agency: { id: string; divisionCode: string }) {
  const pack = await policies.forDivision(db, agency.divisionCode);
  const own = await recordRepo.publishedOfKind(db, agency.id, 'majorCatalogueItem');
  const extra = own
    .map((r) => agencyRule({ recordId: r.record_id, data: r.data as AgencyCatalogueItem['data'] }))
    .filter((e) => e !== null);
  return { policyId: pack.id, catalogue: [...pack.review.majorCatalogue, ...extra] };
}
