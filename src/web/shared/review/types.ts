// Legal review types for the web, inferred from the server's zod schemas (type-only), and the labels of the review's
// states, outcomes, checklist and materials from the server's pure rules module.
import type { z } from 'zod';
import type * as s from '../../../server/modules/review/review.schema.ts';

export type ReviewSummary = z.infer<typeof s.reviewSummary>;
export type ReviewDetail = z.infer<typeof s.reviewDetail>;
export type MaterialCheck = z.infer<typeof s.materialCheck>;
export type ReviewAction = ReviewDetail['actions'][number];
export interface ReviewerOption {
  id: string;
  name: string;
  eligible: boolean;
  problem: string | null;
  code: string | null;
  firstReview: boolean;
}

export {
  CHECKLIST_ITEMS,
  CHECKLIST_LABELS,
  MATERIAL_LABELS,
  REVIEW_OUTCOMES,
  REVIEW_OUTCOME_LABELS,
  REVIEW_STATES,
  REVIEW_STATE_LABELS,
} from '../../../shared/vocabulary.ts';

export const REVIEW_STATE_COLORS: Record<ReviewSummary['state'], string> = {
  submitted: 'gold',
  reviewing: 'blue',
  supplementing: 'orange',
  returned: 'default',
  opinionIssued: 'red',
  contested: 'magenta',
  passed: 'green',
  upheld: 'volcano',
};

export const EVENT_LABELS: Record<string, string> = {
  submitted: '提请法制审核',
  assigned: '分配审核人员',
  supplementRequested: '要求补充材料（暂停计时）',
  supplied: '补充材料（恢复计时）',
  returned: '退回承办机构',
  extensionRequested: '申请延长审核期限',
  extensionDecided: '负责人审批延期',
  opinion: '出具法制审核意见',
  contested: '承办机构提出异议',
  headDecided: '负责人对分歧作出决定',
};
