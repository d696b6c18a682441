// Case handling types for the web, inferred from the server's zod schemas (type-only: no zod in the bundle), and the
// labels of stages, origins and act types from the server's pure rules module.
import type { z } from 'zod';
import type * as s from '../../../server/modules/cases/case.schema.ts';
import type * as d from '../../../server/modules/cases/document.templates.ts';
import type * as e from '../../../server/modules/cases/evidence.schema.ts';

export type CaseSummary = z.infer<typeof s.caseSummary>;
export type CaseDetail = z.infer<typeof s.caseDetail>;
export type CaseAct = z.infer<typeof s.actView>;
export type ActType = CaseAct['type'];
export type Stage = CaseSummary['stage'];
export type CaseDocument = z.infer<typeof d.documentView>;
export type AccessRequest = z.infer<typeof s.accessRequestView>;
export type AccessLogEntry = z.infer<typeof s.accessLogEntry>;
export type EvidenceView = z.infer<typeof e.evidenceView>;
export type TodoItem = z.infer<typeof s.todoItem>;

export {
  ACT_TYPES,
  ACT_TYPE_IDS,
  CERTIFICATE_PROBLEM_LABELS,
  CORRECTION_ACTIONS,
  CLASSIFICATION_LABELS,
  ORIGIN_LABELS,
  ORIGINS,
  RETENTION_EVENT_LABELS,
  SERVICE_METHOD_LABELS,
  STAGE_LABELS,
  STAGES,
} from '../../../shared/vocabulary.ts';

export const TODO_LABELS: Record<TodoItem['kind'], string> = {
  openingApproval: '待立案审批',
  emergencyApproval: '紧急立案须 24 小时内补办审批',
  decisionDue: '办案期限（立案之日起 90 日内作出决定）',
  archiveDue: '结案后归档期限',
  avException: '未音像记录说明待批准',
  accessRequest: '调阅申请待批准',
  destruction: '音像记录销毁待批准',
  avUpload: '音像记录上传期限（上传未完成）',
  review: '法制审核',
};

/** Main path of the stages, for the progress bar (notOpened is shown instead of it when a case was not opened). */
export const MAIN_STAGES = ['opening', 'investigation', 'decision', 'service', 'execution', 'concluded', 'archived'] as const;
