// Dynamic update (002 公示办法 §25; 003 公示办法 §13(一)): an editor records a change of law or of the agency's
// duties with its effective date; the items citing it are listed, and the policy's deadline (working days from the
// effective date, e.g. 20 under songyuan-2019 and yinchuan-2018; "promptly" without a number under nmg-244) is
// tracked until every item has an approved new version. Overdue changes show up for the agency and its supervisors.
import { AppError, notFound } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit.ts';
import { inTransaction, type Ctx } from '../../platform/context.ts';
import { assertInScope } from '../../platform/access.ts';
import { shanghaiDate } from '../../platform/calendar/calendar.dates.ts';
import type { CalendarService } from '../../platform/calendar/calendar.service.ts';
import type { PolicyService } from '../../platform/policy/policy.service.ts';
import * as registryRepo from './registry.repo.ts';
import * as repo from './law-change.repo.ts';
import { assertMayDraft, lawChangeActions } from './record.policy.ts';
import { titleOf, type RecordData, type RecordKind } from './record.kinds.ts';

export interface LawChangeInput {
  agencyId?: string;
  kind: 'law' | 'duties';
  title: string;
  matchText?: string;
  effectiveDate: string;
  note?: string;
}

/** The text items cite: the book-title name in 《》 when the title has one, else the whole title. */
export const citedText = (title: string) => /《([^》]+)》/.exec(title)?.[1] ?? title.trim();

export async function recordLawChange(ctx: Ctx, deps: { calendar: CalendarService; policies: PolicyService }, input: LawChangeInput) {
  const agencyId = input.agencyId ?? ctx.actor.agencyId;
  if (!agencyId) throw new AppError('BAD_REQUEST', '请指定所属执法部门（agencyId）');
  assertMayDraft(ctx.actor, agencyId);
  const matchText = (input.matchText ?? citedText(input.title)).trim();
  if ([...matchText].length < 2)
    throw new AppError('VALIDATION_FAILED', '用于查找引用条目的文字至少 2 个字', {
      issues: [{ path: 'matchText', message: '至少 2 个字' }],
    });
  return inTransaction(ctx.db, async (db) => {
    const agency = await registryRepo.findAgency(db, agencyId);
    if (!agency) throw notFound('执法部门');
    const pack = await deps.policies.forDivision(db, agency.divisionCode);
    const days = pack.publication.preDisclosureUpdateWorkingDays.value;
    let deadline: string | null = null;
    let scheduleComplete = true;
    if (typeof days === 'number') {
      const r = (await deps.calendar.current(db)).addWorkingDays(input.effectiveDate, days);
      deadline = r.date;
      scheduleComplete = r.scheduleComplete;
    }
    const items = await repo.citingRecords(db, agencyId, matchText);
    const change = await repo.insertChange(db, {
      agencyId,
      divisionCode: agency.divisionCode,
      kind: input.kind,
      title: input.title.trim(),
      matchText,
      effectiveDate: input.effectiveDate,
      note: input.note?.trim() || null,
      deadline,
      scheduleComplete,
      policyId: pack.id,
      recordedBy: ctx.actor.userId,
      recordedByName: ctx.actor.displayName,
    });
    await repo.insertItems(db, change.id, agencyId, items);
    await writeAudit(db, {
      action: 'registry.lawChange',
      actor: ctx.actor,
      ip: ctx.ip,
      agencyId,
      subject: change.id,
      details: { title: input.title, affected: items.length, deadline },
    });
    return getLawChange({ ...ctx, db }, change.id);
  });
}

const status = (deadline: string | null, affected: number, updated: number, today: string) =>
  affected === updated ? 'done' : deadline && today > deadline ? 'overdue' : 'open';

export async function listLawChanges(ctx: Ctx, f: { agency?: string; division?: string; state?: 'open' | 'overdue' | 'done' }) {
  const today = shanghaiDate();
  const rows = await repo.listChanges(ctx.db, ctx.actor, { agency: f.agency, division: f.division, limit: 1000 });
  return rows
    .map((r) => {
      const affected = Number(r.affected);
      const updated = Number(r.updated);
      return {
        id: r.id,
        agencyId: r.agency_id,
        agencyName: r.agency_name,
        divisionCode: r.division_code,
        kind: r.kind,
        title: r.title,
        matchText: r.match_text,
        effectiveDate: r.effective_date,
        note: r.note,
        deadline: r.deadline,
        scheduleComplete: r.schedule_complete,
        policyId: r.policy_id,
        recordedBy: r.recorded_by_name,
        recordedAt: r.recorded_at.toISOString(),
        affected,
        updated,
        status: status(r.deadline, affected, updated, today) as 'open' | 'overdue' | 'done',
      };
    })
    .filter((c) => !f.state || c.status === f.state);
}

export async function getLawChange(ctx: Ctx, id: string) {
  const c = await repo.findChange(ctx.db, id);
  if (!c) throw notFound('法律法规或职责变更');
  assertInScope(ctx.actor, { agencyId: c.agency_id, divisionCode: c.division_code }, '法律法规或职责变更');
  const items = (await repo.changeItems(ctx.db, id)).map((i) => ({
    recordId: i.record_id,
    kind: i.kind as RecordKind,
    title: titleOf(i.kind as RecordKind, i.data as RecordData, '').title || '执法主体信息',
    versionNo: i.version_no,
    updatedAt: i.updated_at ? new Date(i.updated_at).toISOString() : null,
    pendingVersionNo: i.pending_version_no === null ? null : Number(i.pending_version_no),
  }));
  const updated = items.filter((i) => i.updatedAt).length;
  return {
    id: c.id,
    agencyId: c.agency_id,
    kind: c.kind,
    title: c.title,
    matchText: c.match_text,
    effectiveDate: c.effective_date,
    note: c.note,
    deadline: c.deadline,
    scheduleComplete: c.schedule_complete,
    policyId: c.policy_id,
    recordedBy: c.recorded_by_name,
    recordedAt: c.recorded_at.toISOString(),
    affected: items.length,
    updated,
    status: status(c.deadline, items.length, updated, shanghaiDate()) as 'open' | 'overdue' | 'done',
    items,
    actions: lawChangeActions(ctx.actor, { agencyId: c.agency_id }),
  };
}
