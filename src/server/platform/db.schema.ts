// Kysely table types: the single description of what is in the database (migrations create it).
// Every table carries agency_id or division_code (or is a small reference table) so it can be distributed.
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, never>;

export interface DivisionTable {
  code: string;
  name: string;
  /** 1 province, 2 prefecture, 3 county (GB/T 2260). */
  level: number;
  parent_code: string | null;
  created_at: Timestamp;
}

export interface AgencyTable {
  id: Generated<string>;
  division_code: string;
  name: string;
  credit_code: string;
  created_at: Timestamp;
}

export interface UserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  agency_id: string | null;
  division_code: string | null;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  /** The user's own 执法证号 in the officer registry (reviewer qualification, 000 §28). */
  certificate_number: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SessionTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: ColumnType<Date, Date, Date>;
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date>;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_by: string;
  created_at: Timestamp;
  expires_at: Date | null;
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date>;
  revoked_by: string | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_user_id: string | null;
  actor_username: string | null;
  action: string;
  outcome: 'success' | 'failure';
  ip: string | null;
  agency_id: string | null;
  division_code: string | null;
  subject: string | null;
  details: JSONColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface CalendarScheduleTable {
  id: Generated<string>;
  year: number;
  schedule: JSONColumnType<Record<string, unknown>, string, never>;
  loaded_by: string | null;
  loaded_at: Timestamp;
}

export interface PolicyAssignmentTable {
  id: Generated<string>;
  division_code: string;
  /** null removes the override (the division falls back to its parent's / the deployment's pack). */
  policy_id: string | null;
  set_by: string | null;
  set_at: Timestamp;
}

export interface LedgerLogTable {
  id: number;
  origin: string;
  suite: string;
  created_at: Timestamp;
}

export interface LedgerKeyTable {
  key_id: string;
  verifier_key: string;
  suite: string;
  public_key: Uint8Array;
  created_at: Timestamp;
}

export interface LedgerEntryTable {
  seq: ColumnType<string, string | number, never>;
  at: ColumnType<Date, Date, never>;
  agency_id: string | null;
  kind: string;
  subject: string;
  content_hash: string;
  actor: string;
  corrects: ColumnType<string | null, string | number | null, never>;
  leaf: Uint8Array;
  leaf_hash: Uint8Array;
  queue_id: ColumnType<string, string | number, never>;
}

/** Acknowledged entries waiting for a sequence number (see migration 0002). */
export interface LedgerQueueTable {
  id: Generated<string>;
  at: ColumnType<Date, Date, never>;
  agency_id: string | null;
  kind: string;
  subject: string;
  content_hash: string;
  actor: string;
  corrects: ColumnType<string | null, string | number | null, never>;
  corrects_ref: ColumnType<string | null, string | number | null, never>;
}

export interface LedgerNodeTable {
  level: number;
  idx: ColumnType<string, string | number, never>;
  hash: Uint8Array;
}

export interface LedgerTreeHeadTable {
  id: Generated<string>;
  tree_size: ColumnType<string, string | number, never>;
  timestamp_ms: ColumnType<string, string | number, never>;
  root_hash: Uint8Array;
  signature: Uint8Array;
  key_id: string;
  note: string;
}

export interface EvidenceFileTable {
  id: string;
  agency_id: string;
  uploaded_by: string;
  uploaded_at: Timestamp;
  upload_id: string;
  size: ColumnType<string, string | number, never>;
  sha256: string;
  sm3: string | null;
  content_type: string;
  file_name: string;
  device_id: string | null;
  officer_user_id: string | null;
  officer_name: string | null;
  recording_start: ColumnType<Date | null, Date | string | null, never>;
  recording_end: ColumnType<Date | null, Date | string | null, never>;
  place: string | null;
  interruptions: JSONColumnType<{ start: string; end: string | null; reason: string }[], string, never>;
  upload_deadline: ColumnType<Date | null, Date | string | null, never>;
  late: boolean;
  late_reason: string | null;
}

export interface UploadSessionTable {
  id: string;
  agency_id: string;
  created_by: string;
  created_at: Timestamp;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  length: ColumnType<string, string | number, never>;
  upload_offset: ColumnType<string, string | number | undefined, string | number>;
  status: ColumnType<'active' | 'completed', 'active' | 'completed' | undefined, 'active' | 'completed'>;
  metadata: JSONColumnType<Record<string, unknown>, string, never>;
  evidence_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface RegistryRecordTable {
  id: Generated<string>;
  agency_id: string;
  kind: string;
  created_by: string;
  created_at: Timestamp;
}

export interface RegistryVersionTable {
  id: Generated<string>;
  record_id: string;
  agency_id: string;
  version_no: number;
  action: 'publish' | 'retire';
  data: JSONColumnType<Record<string, unknown>, string, never>;
  note: string | null;
  created_by: string;
  created_by_name: string;
  created_at: Timestamp;
}

export interface RegistryDecisionTable {
  id: Generated<string>;
  version_id: string;
  agency_id: string;
  decision: 'approved' | 'rejected' | 'withdrawn';
  comment: string | null;
  decided_by: string;
  decided_by_name: string;
  decided_at: Timestamp;
}

/** The portal's projection: the approved current version of each record (rebuilt on approval). */
export interface RegistryPublishedTable {
  record_id: string;
  agency_id: string;
  division_code: string;
  kind: string;
  version_id: string;
  version_no: number;
  data: JSONColumnType<Record<string, unknown>, string, string>;
  title: string;
  code: string | null;
  terms: string[];
  published_at: Date;
}

export interface LawChangeTable {
  id: Generated<string>;
  agency_id: string;
  division_code: string;
  kind: 'law' | 'duties';
  title: string;
  match_text: string;
  effective_date: string;
  note: string | null;
  deadline: string | null;
  schedule_complete: boolean;
  policy_id: string;
  recorded_by: string;
  recorded_by_name: string;
  recorded_at: Timestamp;
}

export interface LawChangeItemTable {
  change_id: string;
  record_id: string;
  agency_id: string;
  version_no: number;
}

export interface RegistryPhotoTable {
  sha256: string;
  agency_id: string;
  content_type: string;
  size: number;
  uploaded_by: string;
  uploaded_at: Timestamp;
}

export interface CaseCounterTable {
  agency_id: string;
  series: string;
  year: number;
  last: number;
}

/** The case header (entered once) and the projection of its acts (stage, dates), kept in step by the service. */
export interface CaseTable {
  id: string;
  agency_id: string;
  division_code: string;
  number: string;
  act_category: string;
  origin: 'application' | 'exOfficio' | 'complaint' | 'emergency';
  cause: string;
  field: string;
  item_record_id: string | null;
  party: JSONColumnType<Record<string, unknown>, string, never>;
  summary: string | null;
  major: boolean;
  handler_ids: string[];
  created_by: string;
  created_at: Timestamp;
  stage: string;
  opened_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  opening_due_at: ColumnType<Date | null, Date | null | undefined, never>;
  decision_due: string | null;
  decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  concluded_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  archive_due: string | null;
  archived_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  act_count: ColumnType<number, number | undefined, number>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  retention_until: ColumnType<string | null, string | null | undefined, string | null>;
  retention_permanent: ColumnType<string | null, string | null | undefined, string | null>;
  destroyed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  classification: ColumnType<'normal' | 'private' | 'secret', 'normal' | 'private' | 'secret' | undefined, never>;
  opening_decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface CaseAvExceptionTable {
  id: string;
  case_id: string;
  agency_id: string;
  act_type: string;
  reason: string;
  requested_by: string;
  requested_by_name: string;
  requested_at: Timestamp;
}

/** The columns every approve/refuse decision row shares (AV exceptions, access requests, destructions). */
interface DecisionColumns {
  agency_id: string;
  approved: boolean;
  comment: string | null;
  decided_by: string;
  decided_by_name: string;
  decided_at: Timestamp;
}

export interface CaseAvExceptionDecisionTable extends DecisionColumns {
  exception_id: string;
}

export interface AgencyNumberingTable {
  agency_id: string;
  prefix: string;
  updated_by: string;
  updated_at: ColumnType<Date, Date | string | undefined, Date>;
}

export interface CaseAccessRequestTable {
  id: string;
  case_id: string;
  agency_id: string;
  requester_kind: 'user' | 'external' | 'party';
  requester_id: string | null;
  requester_name: string;
  organisation: string | null;
  purpose: string;
  scope: 'view' | 'copy';
  valid_until: ColumnType<Date, Date | string, never>;
  lodged_by: string;
  lodged_by_name: string;
  lodged_at: Timestamp;
}

export interface CaseAccessDecisionTable extends DecisionColumns {
  request_id: string;
}

export interface CaseDestructionTable {
  id: string;
  case_id: string;
  agency_id: string;
  reason: string;
  requested_by: string;
  requested_by_name: string;
  requested_at: Timestamp;
}

export interface CaseDestructionDecisionTable extends DecisionColumns {
  request_id: string;
  ledger_ref: ColumnType<string | null, string | number | null, never>;
}

export interface EvidenceDestructionTable {
  evidence_id: string;
  agency_id: string;
  destruction_id: string;
  destroyed_at: Timestamp;
}

export interface CaseActTable {
  id: string;
  case_id: string;
  agency_id: string;
  seq: number;
  type: string;
  occurred_at: ColumnType<Date, Date | string, never>;
  ended_at: ColumnType<Date | null, Date | string | null, never>;
  place: string | null;
  officers: JSONColumnType<unknown[], string, never>;
  party_present: string | null;
  certificate_shown: boolean | null;
  rights_told: boolean | null;
  content: JSONColumnType<Record<string, unknown>, string, never>;
  media: JSONColumnType<unknown[], string, never>;
  av_required: 'none' | 'av' | 'fullAv';
  av_exception_id: string | null;
  corrects: string | null;
  correction_reason: string | null;
  recorded_by: string;
  recorded_by_name: string;
  recorded_at: ColumnType<Date, Date | string, never>;
  canonical: string;
  content_hash: string;
  ledger_ref: ColumnType<string, string | number, never>;
}

export type ReviewState = 'submitted' | 'reviewing' | 'supplementing' | 'returned' | 'opinionIssued' | 'contested' | 'passed' | 'upheld';
export type ReviewOutcome = 'agree' | 'investigate' | 'change' | 'correctProcedure' | 'transfer';

/** One submission for legal review (header written once) and the projection of its events. */
export interface ReviewTable {
  id: string;
  case_id: string;
  agency_id: string;
  division_code: string;
  round: number;
  draft_act_id: string;
  submission_act_id: string;
  classification: JSONColumnType<
    { major: boolean; reasons: { rule: string; label: string; citation: string }[]; policyId: string },
    string,
    never
  >;
  submitted_by: string;
  submitted_by_name: string;
  submitted_at: Timestamp;
  received_on: ColumnType<string, string, never>;
  deadline_working_days: ColumnType<number, number, never>;
  extension_working_days: ColumnType<number, number, never>;
  /** Supplement time does not count (the policy at submission, 000 §31). */
  supplements_excluded: ColumnType<boolean, boolean, never>;
  state: ReviewState;
  reviewer_id: string | null;
  reviewer_name: string | null;
  due_on: string | null;
  paused_since: string | null;
  extended: ColumnType<boolean, boolean | undefined, boolean>;
  outcome: ReviewOutcome | null;
  completed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface ReviewEventTable {
  id: string;
  review_id: string;
  agency_id: string;
  seq: number;
  kind: string;
  data: JSONColumnType<Record<string, unknown>, string, never>;
  act_id: string | null;
  actor_id: string;
  actor_name: string;
  at: Timestamp;
}

/** A decision's disclosure record (事后公开): the 003 §11 fields before redaction, the deadline, the projection. */
export interface DisclosureTable {
  id: string;
  case_id: string;
  agency_id: string;
  division_code: string;
  decision_act_id: string;
  act_category: string;
  record: JSONColumnType<Record<string, unknown>, string, string>;
  decided_on: ColumnType<string, string, never>;
  working_days: ColumnType<number, number, never>;
  due_on: ColumnType<string, string, never>;
  state: ColumnType<DisclosureState, DisclosureState | undefined, DisclosureState>;
  published_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Timestamp;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  // projection of disclosure_events (0011)
  prepared: JSONColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  prepared_by: string | null;
  published: JSONColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  published_by: string | null;
  published_on: string | null;
  working_days_late: number | null;
  exclusion: JSONColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  remedy: JSONColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  withdrawn_at: Date | null;
  change_due_on: string | null;
  change_notice: JSONColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  take_down_on: string | null;
  terms: string[] | null;
}

export type DisclosureState = 'pending' | 'prepared' | 'published' | 'excluded' | 'withdrawn';

/** One step of a disclosure record (append-only). */
export interface DisclosureEventTable {
  id: string;
  disclosure_id: string;
  agency_id: string;
  seq: number;
  kind: string;
  data: JSONColumnType<Record<string, unknown>, string, never>;
  ledger_ref: number | null;
  actor_id: string | null;
  actor_name: string;
  at: Timestamp;
}

/** A file attached to a correction request by the public (append-only). */
export interface DisclosureAttachmentTable {
  id: string;
  disclosure_id: string;
  agency_id: string;
  sha256: string;
  content_type: string;
  size: number;
  name: string;
  created_at: Timestamp;
}

/** A correction request from the public (002 公示办法 §31), answered once. */
export interface DisclosureCorrectionTable {
  id: string;
  code: string;
  disclosure_id: string;
  agency_id: string;
  division_code: string;
  requester: JSONColumnType<{ name: string; contact: string }, string, never>;
  content: string;
  attachments: JSONColumnType<{ id: string; name: string; contentType: string; size: number }[], string | undefined, never>;
  received_on: ColumnType<string, string, never>;
  due_on: ColumnType<string, string, never>;
  state: ColumnType<'open' | 'corrected' | 'rejected', 'open' | undefined, 'open' | 'corrected' | 'rejected'>;
  answer: string | null;
  answered_by: string | null;
  answered_at: Date | null;
  created_at: Timestamp;
}

/** Answers to idempotent requests (platform/idempotency.ts): a cache kept 24 hours, not a record. */
export interface IdempotencyKeyTable {
  user_id: string;
  key_hash: string;
  agency_id: string | null;
  division_code: string | null;
  method: string;
  route: string;
  fingerprint: string;
  status: number | null;
  headers: JSONColumnType<Record<string, string>, string | undefined, string>;
  body: Buffer | null;
  created_at: Timestamp;
}

export interface DB {
  divisions: DivisionTable;
  agencies: AgencyTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditLogTable;
  calendar_schedules: CalendarScheduleTable;
  policy_assignments: PolicyAssignmentTable;
  ledger_log: LedgerLogTable;
  ledger_keys: LedgerKeyTable;
  ledger_entries: LedgerEntryTable;
  ledger_queue: LedgerQueueTable;
  ledger_nodes: LedgerNodeTable;
  ledger_tree_heads: LedgerTreeHeadTable;
  registry_records: RegistryRecordTable;
  registry_versions: RegistryVersionTable;
  registry_decisions: RegistryDecisionTable;
  registry_published: RegistryPublishedTable;
  law_changes: LawChangeTable;
  law_change_items: LawChangeItemTable;
  registry_photos: RegistryPhotoTable;
  evidence_files: EvidenceFileTable;
  upload_sessions: UploadSessionTable;
  case_counters: CaseCounterTable;
  cases: CaseTable;
  case_av_exceptions: CaseAvExceptionTable;
  case_av_exception_decisions: CaseAvExceptionDecisionTable;
  agency_numbering: AgencyNumberingTable;
  case_access_requests: CaseAccessRequestTable;
  case_access_decisions: CaseAccessDecisionTable;
  case_destructions: CaseDestructionTable;
  case_destruction_decisions: CaseDestructionDecisionTable;
  evidence_destructions: EvidenceDestructionTable;
  case_acts: CaseActTable;
  reviews: ReviewTable;
  review_events: ReviewEventTable;
  disclosures: DisclosureTable;
  disclosure_events: DisclosureEventTable;
  disclosure_corrections: DisclosureCorrectionTable;
  disclosure_attachments: DisclosureAttachmentTable;
  idempotency_keys: IdempotencyKeyTable;
}
