import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { DB } from './db.schema.ts';
import type { Engine } from './db.ts';
import type { CalendarService } from './calendar/calendar.service.ts';
import type { PolicyService } from './policy/policy.service.ts';
import type { LedgerService } from '../modules/ledger/ledger.service.ts';
import type { BlobStore } from './blob-store/index.ts';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** What route modules receive from app.ts. */
export interface Deps {
  config: Config;
  db: Kysely<DB>;
  engine: Engine;
  calendar: CalendarService;
  policies: PolicyService;
  ledger: LedgerService;
  /** Content-addressed store of evidence files (filesystem or S3). */
  blobs: BlobStore;
}
