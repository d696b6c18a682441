// How publication follows the case file (SPEC §2.3): disclosure subscribes to the acts cases announce, in the same
// transaction, so a decision's disclosure record — with its publication deadline — is entered once, as the decision
// is recorded, without cases knowing that disclosure exists.
//   decision            → its disclosure record, due per the policy pack (000 §12)
//   decision corrected  → the record follows, through the editor again (before service; 000 §13)
//   remedy outcome      → an overturned decision's publication is withdrawn and the change published (000 §13)
import type { EventBus } from '../../platform/events.ts';
import { effectiveActs } from '../cases/case.file.ts';
import type { ActRecorded } from '../cases/case.events.ts';
import { createForDecision, onDecisionCorrected, type DecisionSource } from './disclosure.service.ts';
import { onRemedyOutcome, type DisclosureDeps, type RemedyOutcome } from './disclosure.workflow.ts';

/** The decision as the disclosure record takes it: the case, the decision's content, the facts told to the party. */
async function decisionSource(e: ActRecorded): Promise<DecisionSource> {
  const notice = effectiveActs(await e.priorActs())
    .filter((a) => a.type === 'rightsNotice')
    .at(-1);
  return {
    caseId: e.case.id,
    agencyId: e.case.agencyId,
    divisionCode: e.case.divisionCode,
    actCategory: e.case.actCategory,
    cause: e.case.cause,
    summary: e.case.summary,
    party: e.case.party,
    decisionActId: e.act.id,
    decidedAt: e.act.occurredAt,
    content: { ...e.act.content },
    facts: notice ? String(notice.content.facts ?? '') || null : null,
  };
}

export function subscribeDisclosure(events: EventBus, deps: DisclosureDeps): void {
  events.on('case.actRecorded', async (db, e) => {
    if (e.act.type === 'decision' && !e.act.corrects) await createForDecision(db, deps, await decisionSource(e));
    else if (e.act.type === 'decision')
      await onDecisionCorrected(db, deps, e.actor, {
        ...(await decisionSource(e)),
        correctsActId: e.act.corrects!,
        reason: e.act.correctionReason!,
      });
    else if (e.act.type === 'remedyOutcome' && !e.act.corrects)
      await onRemedyOutcome(db, deps, e.actor, e.case.id, e.act.id, e.act.content as unknown as RemedyOutcome);
  });
}
