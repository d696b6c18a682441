// Domain events: how a module reacts to another's work without being called from below (README "Architecture").
// A module announces what happened (`case.actRecorded`, …) and the modules above it subscribe in app.ts. Handlers run
// in the announcing transaction, in the order they were registered, after the fact is written: what they write
// commits or rolls back with it, and a handler's error refuses the whole operation (nothing half-done is acknowledged).
//
// Each module declares its events by adding to `DomainEvents` (TypeScript declaration merging, as Fastify's
// decorators do), so platform names no module and every emit and subscription is typed:
//   declare module '../../platform/events.ts' { interface DomainEvents { 'case.actRecorded': ActRecorded } }
import type { Db } from './db.ts';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by each module (declaration merging)
export interface DomainEvents {}

export type EventName = keyof DomainEvents & string;
export type EventHandler<K extends EventName> = (db: Db, event: DomainEvents[K]) => Promise<void>;

/** What a module that announces events receives. */
export interface EventEmitter {
  emit<K extends EventName>(db: Db, name: K, event: DomainEvents[K]): Promise<void>;
}

export class EventBus implements EventEmitter {
  readonly #handlers = new Map<string, ((db: Db, event: never) => Promise<void>)[]>();

  /** Subscribe (at start-up, in app.ts): `handler` runs inside the transaction of every `name` event. */
  on<K extends EventName>(name: K, handler: EventHandler<K>): this {
    const list = this.#handlers.get(name) ?? [];
    list.push(handler as (db: Db, event: never) => Promise<void>);
    this.#handlers.set(name, list);
    return this;
  }

  async emit<K extends EventName>(db: Db, name: K, event: DomainEvents[K]): Promise<void> {
    for (const handler of this.#handlers.get(name) ?? []) await handler(db, event as never);
  }

  /** The subscribers of an event, in order (tests and the README's table of who reacts to what). */
  subscribers(name: EventName): number {
    return this.#handlers.get(name)?.length ?? 0;
  }
}
