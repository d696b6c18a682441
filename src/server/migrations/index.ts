// Versioned migrations, applied in name order at start (`main.ts`) and by `sanxiang migrate`.
// Add new ones at the end; never edit one that has shipped.
import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_ledger.ts';
import * as m0003 from './0003_registry_records.ts';
import * as m0004 from './0004_law_changes.ts';
import * as m0005 from './0005_evidence.ts';
import * as m0006 from './0006_registry_photos.ts';
import * as m0007 from './0007_cases.ts';
import * as m0008 from './0008_case_records.ts';
import * as m0009 from './0009_reviews.ts';
import * as m0010 from './0010_disclosures.ts';
import * as m0011 from './0011_publication.ts';
import * as m0012 from './0012_idempotency_keys.ts';

export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_ledger': m0002,
  '0003_registry_records': m0003,
  '0004_law_changes': m0004,
  '0005_evidence': m0005,
  '0006_registry_photos': m0006,
  '0007_cases': m0007,
  '0008_case_records': m0008,
  '0009_reviews': m0009,
  '0010_disclosures': m0010,
  '0011_publication': m0011,
  '0012_idempotency_keys': m0012,
};
