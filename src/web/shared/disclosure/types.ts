// Decision publication types for the web, inferred from the server's zod schemas (type-only), and the labels of the
// states, exclusion grounds, redacted fields and finding kinds from the shared vocabulary.
import type { z } from 'zod';
import type * as s from '../../../server/modules/disclosure/disclosure.schema.ts';

export type DisclosureSummary = z.infer<typeof s.disclosureSummary>;
export type DisclosureDetail = z.infer<typeof s.disclosureDetail>;
export type TimelinessReply = z.infer<typeof s.timelinessReply>;
export type PublicDecision = z.infer<typeof s.publicDecision>;
export type PublicRecordReply = z.infer<typeof s.publicRecordReply>;
export type CorrectionStatus = z.infer<typeof s.correctionStatus>;

export {
  EXCLUSION_REASONS,
  EXCLUSION_REASON_IDS,
  DISCLOSURE_STATE_LABELS as STATE_LABELS,
  TEXT_FIELDS,
  TEXT_FIELD_LABELS,
  type TextField,
  FINDING_LABELS,
  type FindingKind,
} from '../../../shared/vocabulary.ts';

export const STATE_COLORS: Record<DisclosureSummary['state'], string> = {
  pending: 'gold',
  prepared: 'blue',
  published: 'green',
  excluded: 'default',
  withdrawn: 'volcano',
};

export const EVENT_LABELS: Record<string, string> = {
  prepared: '确认脱敏',
  published: '审查发布',
  excluded: '决定不予公开',
  publicationApproved: '负责人批准公开',
  revisionPrepared: '确认更正内容',
  corrected: '发布更正',
  decisionCorrected: '决定书送达前更正，待重新脱敏',
  withdrawn: '撤下',
  remedyRecorded: '登记复议、诉讼结果',
  changeNoticePublished: '公示变更说明',
};
