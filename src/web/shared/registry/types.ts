// Registry record shapes as the API sends them: type-only imports of the server's zod schemas (record.schema.ts,
// record.kinds.ts), so a change in the contract fails `tsc` here while no server code reaches the bundle.
import type { z } from 'zod';
import type * as s from '../../../server/modules/registry/record.schema.ts';
import type { RECORD_KINDS, RecordKind, CertificateStatus } from '../../../server/modules/registry/record.kinds.ts';

export type { RecordKind, CertificateStatus };
export type ListKind = Exclude<RecordKind, 'agencyProfile' | 'officer'>;

/** The data a kind's schema accepts (what the form sends). */
export type KindData<K extends RecordKind> = z.input<(typeof RECORD_KINDS)[K]['data']>;
export type AnyData = Record<string, unknown>;

export type RecordListItem = z.infer<typeof s.recordListItem>;
export type RecordDetail = z.infer<typeof s.recordDetail>;
export type RecordVersion = z.infer<typeof s.versionView>;
export type ReviewItem = z.infer<typeof s.reviewItem>;
export type DraftReply = z.infer<typeof s.draftReply>;
export type RecordState = NonNullable<z.infer<typeof s.listQuery>['state']>;

export type PublicItem = z.infer<typeof s.publicItem>;
export type PublicPage = z.infer<typeof s.publicPage>;
export type PublicAgency = z.infer<typeof s.publicAgency>;
export type PublicAgencyDetail = z.infer<typeof s.publicAgencyDetail>;
export type CertificateReply = z.infer<typeof s.certificateReply>;

export interface RecordPage {
  total: number;
  items: RecordListItem[];
}

// Excel import (record.import.ts) and law/duty changes (law-change.service.ts): the service functions' own types.
import type { importRecords, RowError } from '../../../server/modules/registry/record.import.ts';
import type { getLawChange, listLawChanges } from '../../../server/modules/registry/law-change.service.ts';

export type ImportReply = Awaited<ReturnType<typeof importRecords>>;
export type ImportRowError = RowError;
export type LawChange = Awaited<ReturnType<typeof listLawChanges>>[number];
export type LawChangeDetail = Awaited<ReturnType<typeof getLawChange>>;
export type LawChangeStatus = LawChange['status'];
