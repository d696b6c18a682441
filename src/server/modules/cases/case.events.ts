// What the case file announces (platform/events.ts). Modules above cases react to a case's acts by subscribing here
// in app.ts — disclosure to decisions and remedy outcomes; supervision, statistics and inspections the same way —
// never by being called from cases.
import type { Actor } from '../../platform/access.ts';
import type { ActCategory, ActType } from '../../../shared/vocabulary.ts';
import type { ActRow } from './case.repo.ts';

/** An act was appended to a case file (the registration and the review workflow's acts included), in this transaction. */
export interface ActRecorded {
  actor: Actor;
  ip: string | null;
  case: {
    id: string;
    agencyId: string;
    divisionCode: string;
    number: string;
    actCategory: ActCategory;
    cause: string;
    summary: string | null;
    party: Record<string, unknown>;
  };
  act: {
    id: string;
    seq: number;
    type: ActType;
    occurredAt: Date;
    content: Record<string, unknown>;
    /** The act this one corrects (a correction replaces it in the file; nothing is edited in place). */
    corrects: string | null;
    correctionReason: string | null;
  };
  /** The case file as it stood before this act (every row, corrections included; read once, shared by subscribers). */
  priorActs: () => Promise<ActRow[]>;
}

declare module '../../platform/events.ts' {
  interface DomainEvents {
    'case.actRecorded': ActRecorded;
  }
}
