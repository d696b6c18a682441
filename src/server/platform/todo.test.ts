// The to-do board (platform/todo.ts): the owning module asks it for what the modules above contributed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { daysLeft, TodoBoard } from './todo.ts';
import type { Ctx } from './context.ts';

test("the board returns every source's items for the actor, source by source", async () => {
  const ctx = { actor: { userId: 'u1' } } as Ctx;
  const board = new TodoBoard()
    .contribute(async (c, today) => [
      { kind: 'review', caseId: 'c1', number: c.actor.userId, cause: today, due: null, overdue: false, daysLeft: null },
    ])
    .contribute(async () => []);
  assert.deepEqual(await board.collect(ctx, '2026-12-08'), [
    { kind: 'review', caseId: 'c1', number: 'u1', cause: '2026-12-08', due: null, overdue: false, daysLeft: null },
  ]);
  assert.deepEqual(await new TodoBoard().collect(ctx, '2026-12-08'), []);
});

test('days left count whole calendar days in Asia/Shanghai dates, negative when overdue', () => {
  assert.equal(daysLeft('2026-12-08', '2026-12-10'), 2);
  assert.equal(daysLeft('2026-12-08', '2026-12-08'), 0);
  assert.equal(daysLeft('2026-12-31', '2026-12-30'), -1);
  assert.equal(daysLeft('2026-02-28', '2026-03-01'), 1);
});
