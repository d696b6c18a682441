// Legal review's contribution to the to-do board (platform/todo.ts): taking, assigning, finishing, supplementing and
// settling reviews, with the review deadline (000 §31; 002 审核办法 §11; 003 审核办法 §20). Registered in app.ts.
import type { TodoItem, TodoSource } from '../../platform/todo.ts';
import { daysLeft } from '../../platform/todo.ts';
import * as repo from './review.repo.ts';
import type { ReviewTodoKind } from './review.repo.ts';

const REVIEW_TODO_LABELS: Record<ReviewTodoKind, string> = {
  claim: '待领取的法制审核',
  assign: '法制审核待分配审核人员',
  review: '法制审核期限',
  supply: '法制审核要求补充材料',
  opinion: '法制审核未通过：按意见办理或提出异议',
  contested: '审核意见分歧待负责人决定',
  extension: '法制审核延期申请待批准',
};

export const reviewTodos: TodoSource = async (ctx, today) =>
  (await repo.reviewTodos(ctx.db, ctx.actor)).map((t): TodoItem => ({
    kind: 'review',
    id: t.id,
    caseId: t.case_id,
    number: t.number,
    cause: `${REVIEW_TODO_LABELS[t.kind]}：${t.cause}`,
    due: t.due,
    overdue: !!t.due && today > t.due,
    daysLeft: t.due ? daysLeft(today, t.due) : null,
  }));
