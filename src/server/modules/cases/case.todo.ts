// The to-do list of case work (SPEC §3.1, §4, §5): approvals, case time limits (行政处罚法 §60; 002 记录办法 §8,
// §32), AV uploads before their deadline (000 §20), the agency head's decisions — and what the modules above add
// to the board (platform/todo.ts; legal review's steps, registered in app.ts).
import { hasRole } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import { shanghaiDate } from '../../platform/calendar/calendar.dates.ts';
import { daysLeft, type TodoBoard, type TodoItem } from '../../platform/todo.ts';
import * as repo from './case.repo.ts';

import type { TodoKind } from './case.schema.ts';

/** What the actor must do, with due dates, before it is overdue (行政处罚法 §60; 002 记录办法 §8, §32). */
export async function listTodos(ctx: Ctx, board: TodoBoard) {
  const heads = hasRole(ctx.actor, 'unitHead', 'agencyHead');
  // deadlines belong to the handling team and the heads, not to readers let in by an access request
  const { rows, total } = await repo.todoCases(ctx.db, ctx.actor, {
    handler: heads ? undefined : ctx.actor.userId,
    approvals: heads,
    limit: TODO_LIMIT,
  });
  const today = shanghaiDate();
  const out: (TodoItem & { kind: TodoKind })[] = [];
  const left = (due: string) => daysLeft(today, due);
  for (const c of rows) {
    const base = { caseId: c.id, number: c.number, cause: c.cause };
    if (c.stage === 'opening' && heads) out.push({ ...base, kind: 'openingApproval', due: null, overdue: false, daysLeft: null });
    if (c.opening_due_at && !c.opening_decided_at && c.stage !== 'notOpened') {
      const at = new Date(c.opening_due_at);
      out.push({
        ...base,
        kind: 'emergencyApproval',
        due: at.toISOString(),
        overdue: at.getTime() < Date.now(),
        daysLeft: left(shanghaiDate(at)),
      });
    }
    if (c.decision_due && (c.stage === 'investigation' || c.stage === 'decision'))
      out.push({ ...base, kind: 'decisionDue', due: c.decision_due, overdue: today > c.decision_due, daysLeft: left(c.decision_due) });
    if (c.archive_due && c.stage === 'concluded')
      out.push({ ...base, kind: 'archiveDue', due: c.archive_due, overdue: today > c.archive_due, daysLeft: left(c.archive_due) });
  }
  // media records whose upload started but has not finished, before the policy's deadline runs out (000 §20)
  const uploads = await repo.pendingUploads(
    ctx.db,
    heads && ctx.actor.agencyId ? { agencyId: ctx.actor.agencyId } : { createdBy: ctx.actor.userId },
  );
  for (const u of uploads)
    out.push({
      kind: 'avUpload',
      id: u.id,
      caseId: '',
      number: u.fileName,
      cause: `已上传 ${u.percent}%，请在期限前完成上传`,
      due: u.deadline,
      overdue: Date.parse(u.deadline) < Date.now(),
      daysLeft: left(shanghaiDate(new Date(u.deadline))),
    });
  if (hasRole(ctx.actor, 'agencyHead') && ctx.actor.agencyId) {
    for (const p of await repo.pendingAvExceptions(ctx.db, ctx.actor.agencyId))
      out.push({
        kind: 'avException',
        id: p.id,
        caseId: p.case_id,
        number: p.number,
        cause: p.cause,
        due: null,
        overdue: false,
        daysLeft: null,
      });
  }
  if (hasRole(ctx.actor, 'agencyHead') && ctx.actor.agencyId) {
    for (const r of await repo.listAccessRequests(ctx.db, { agencyId: ctx.actor.agencyId, pending: true, limit: 200 }))
      out.push({
        kind: 'accessRequest',
        id: r.id,
        caseId: r.case_id,
        number: r.case_number,
        cause: `${r.requester_name}：${r.purpose}`,
        due: null,
        overdue: false,
        daysLeft: null,
      });
    for (const d of await repo.pendingDestructions(ctx.db, ctx.actor.agencyId))
      out.push({
        kind: 'destruction',
        id: d.id,
        caseId: d.case_id,
        number: d.number,
        cause: `${d.cause}：${d.reason}`,
        due: null,
        overdue: false,
        daysLeft: null,
      });
  }
  // what the modules above contribute (legal review: taking, assigning, finishing, supplementing, settling)
  out.push(...((await board.collect(ctx, today)) as (TodoItem & { kind: TodoKind })[]));
  const items = out.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.due ?? '9999').localeCompare(b.due ?? '9999'));
  return { items, casesWithTodos: total, truncated: total > rows.length };
}

/** The to-do list carries at most this many cases (the most urgent); the reply says when there are more. */
const TODO_LIMIT = 500;
