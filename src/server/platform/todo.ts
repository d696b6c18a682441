// The to-do board: one list of what the signed-in user must do, to which every module contributes (SPEC §3.1, §4,
// §5). The module that owns the list (cases, whose to-dos are the case deadlines) asks the board for the others'
// items; a module above it registers its source in app.ts. So the list is assembled without cases calling review.
import type { Ctx } from './context.ts';

/** One thing to do. `due` is a date (YYYY-MM-DD) or an instant (ISO); `caseId` is empty for items outside a case. */
export interface TodoItem {
  kind: string;
  caseId: string;
  number: string;
  cause: string;
  due: string | null;
  overdue: boolean;
  daysLeft: number | null;
  id?: string;
}

export type TodoSource = (ctx: Ctx, today: string) => Promise<TodoItem[]>;

export class TodoBoard {
  readonly #sources: TodoSource[] = [];

  contribute(source: TodoSource): this {
    this.#sources.push(source);
    return this;
  }

  /** Every contributed item for the actor, source by source. */
  async collect(ctx: Ctx, today: string): Promise<TodoItem[]> {
    const out: TodoItem[] = [];
    for (const source of this.#sources) out.push(...(await source(ctx, today)));
    return out;
  }
}

/** Whole days from `today` to `due` (both YYYY-MM-DD, Asia/Shanghai dates): negative when overdue. */
export const daysLeft = (today: string, due: string) =>
  Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
