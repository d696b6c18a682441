// The to-do list at full size: latency, completeness, and where the time goes.
import { CompiledQuery, sql, type Kysely, type KyselyPlugin } from 'kysely';
import type { DB } from '../../src/server/platform/db.schema.ts';
import type { Actor } from '../../src/server/platform/access.ts';
import type { Ctx } from '../../src/server/platform/context.ts';
import { listTodos } from '../../src/server/modules/cases/case.todo.ts';
import { TodoBoard } from '../../src/server/platform/todo.ts';
import { reviewTodos } from '../../src/server/modules/review/review.todo.ts';
import { TODO_CALLS } from './config.ts';
import { stats } from './sample.ts';
import { actorOf, type Agency } from './setup.ts';

/** The to-do board as the app assembles it (app.ts connectModules): legal review contributes its steps. */
const BOARD = new TodoBoard().contribute(reviewTodos);

// ---- the to-do list ------------------------------------------------------------------------------------------------

/** Captures the SQL of the statements a call runs, to EXPLAIN them afterwards. */
function captureSql(db: Kysely<DB>) {
  const statements: CompiledQuery[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      statements.push(db.getExecutor().compileQuery(args.node, args.queryId));
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { db: db.withPlugin(plugin), statements };
}

const CASE_TODO_KINDS = ['openingApproval', 'emergencyApproval', 'decisionDue', 'archiveDue'];

/** The case to-dos that exist in the actor's scope, over all its cases: the conditions listTodos applies, in one count. */
async function dueInScope(db: Kysely<DB>, actor: Actor): Promise<number> {
  const heads = actor.roles.includes('unitHead') || actor.roles.includes('agencyHead');
  const r = await sql<{ n: string }>`
    select count(*) filter (where ${heads} and c.stage = 'opening')
         + count(*) filter (where c.opening_due_at is not null and c.stage <> 'notOpened'
                              and not exists (select 1 from case_acts a where a.case_id = c.id and a.type = 'opening'))
         + count(*) filter (where c.decision_due is not null and c.stage in ('investigation', 'decision'))
         + count(*) filter (where c.archive_due is not null and c.stage = 'concluded') as n
    from cases c
    where c.agency_id = ${actor.agencyId} and (${heads} or c.handler_ids @> array[${actor.userId}]::uuid[])`.execute(db);
  return Number(r.rows[0]!.n);
}

export async function measureTodos(db: Kysely<DB>, who: string, actor: Actor, scopeCases: number) {
  const ctx: Ctx = { db, actor };
  for (let i = 0; i < Math.min(20, TODO_CALLS); i++) await listTodos(ctx, BOARD); // warm-up
  const ms: number[] = [];
  let items = 0;
  let caseItems = 0;
  let casesWithTodos = 0;
  let truncated = false;
  for (let i = 0; i < TODO_CALLS; i++) {
    const t = performance.now();
    const list = await listTodos(ctx, BOARD);
    ms.push(performance.now() - t);
    items = list.items.length;
    caseItems = list.items.filter((x) => CASE_TODO_KINDS.includes(x.kind)).length;
    ({ casesWithTodos, truncated } = list);
  }
  const due = await dueInScope(db, actor);
  // where the time goes: each statement of one call, EXPLAIN ANALYZEd
  const cap = captureSql(db);
  await listTodos({ db: cap.db, actor }, BOARD);
  const breakdown: { sql: string; ms: number; plan: string }[] = [];
  for (const q of cap.statements) {
    const r = await db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain (analyze, buffers) ${q.sql}`, [...q.parameters]));
    const plan = r.rows.map((x) => x['QUERY PLAN']).join('\n');
    breakdown.push({ sql: q.sql.replace(/\s+/g, ' '), ms: Number(/Execution Time: ([\d.]+)/.exec(plan)?.[1] ?? NaN), plan });
  }
  return { who, scopeCases, items, caseItems, casesWithTodos, truncated, due, ...stats(ms), breakdown };
}

export async function todoActors(db: Kysely<DB>, agencies: Agency[]) {
  const perOfficer = await sql<{
    user_id: string;
    n: string;
  }>`select u as user_id, count(*) as n from cases, unnest(handler_ids) u group by u order by count(*) desc, u`.execute(db);
  const counts = perOfficer.rows.map((r) => ({ userId: r.user_id, n: Number(r.n) }));
  const officers = new Map(agencies.flatMap((a) => a.officers.map((o) => [o.userId, { o, a }] as const)));
  const busiest = counts.find((c) => officers.has(c.userId))!;
  const ofOfficers = counts.filter((c) => officers.has(c.userId));
  const median = ofOfficers[Math.floor(ofOfficers.length / 2)]!;
  const perAgency = await sql<{
    agency_id: string;
    n: string;
  }>`select agency_id, count(*) as n from cases group by agency_id order by count(*) desc`.execute(db);
  const largest = agencies.find((a) => a.id === perAgency.rows.find((r) => agencies.some((x) => x.id === r.agency_id))!.agency_id)!;
  const largestCases = Number(perAgency.rows.find((r) => r.agency_id === largest.id)!.n);
  const o = (c: { userId: string }) => officers.get(c.userId)!;
  const spread = ofOfficers.map((c) => c.n);
  return {
    spread: { min: spread[spread.length - 1]!, median: median.n, max: busiest.n },
    list: [
      {
        who: `officer, busiest (${busiest.n} cases as handler)`,
        actor: actorOf(o(busiest).o, ['officer'], o(busiest).a.id),
        scope: busiest.n,
      },
      { who: `officer, median (${median.n} cases)`, actor: actorOf(o(median).o, ['officer'], o(median).a.id), scope: median.n },
      {
        who: `unit head, largest agency (${largestCases} cases)`,
        actor: actorOf(largest.unitHead, ['unitHead'], largest.id),
        scope: largestCases,
      },
      {
        who: `agency head, largest agency (${largestCases} cases)`,
        actor: actorOf(largest.head, ['agencyHead'], largest.id),
        scope: largestCases,
      },
    ],
  };
}
