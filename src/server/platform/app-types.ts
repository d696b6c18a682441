import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { DB } from './db.schema.ts';
import type { Engine } from './db.ts';
import type { CalendarService } from './calendar/calendar.service.ts';
import type { PolicyService } from './policy/policy.service.ts';
import type { BlobStore } from './blob-store/index.ts';
import type { EventBus } from './events.ts';
import type { TodoBoard } from './todo.ts';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * What route modules receive from app.ts. A module that provides a service to the modules above it adds it here by
 * declaration merging (the ledger adds `ledger`), so platform names no module.
 */
export interface Deps {
  config: Config;
  db: Kysely<DB>;
  engine: Engine;
  calendar: CalendarService;
  policies: PolicyService;
  /** Content-addressed store of evidence files (filesystem or S3). */
  blobs: BlobStore;
  /** Domain events: modules announce, the modules above them subscribe (platform/events.ts). */
  events: EventBus;
  /** The role's to-do list, contributed to by every module (platform/todo.ts). */
  todos: TodoBoard;
}
