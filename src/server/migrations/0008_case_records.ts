// Case records beyond the acts (SPEC §3.2, §3.5): the agency's document numbering scheme (文号), access requests
// (调阅, 000 §24; 002 记录办法 §34-35; 003 记录办法 §21) with their decisions, retention and destruction of media
// records, and an index that lets the access log of one case be read from the audit log.
import { sql, type Kysely } from 'kysely';
import { refuseChanges } from './append-only.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  // 机关代字: the short name an agency puts in front of its document numbers (e.g. 奈文旅 → 奈文旅罚决〔2026〕3号).
  // A setting, not a record: numbers already issued keep the prefix they were issued with (they are in the acts).
  await sql`
    create table agency_numbering (
      agency_id uuid primary key references agencies(id),
      prefix text not null check (length(prefix) between 1 and 20),
      updated_by uuid not null references users(id),
      updated_at timestamptz not null default now()
    )`.execute(db);

  // Access requests: who asks (a user of the system, or an external authority / a party lodged by the records
  // custodian), why, for viewing or copying, until when. Requests and decisions are append-only rows.
  await sql`
    create table case_access_requests (
      id uuid primary key,
      case_id uuid not null references cases(id),
      agency_id uuid not null references agencies(id),
      requester_kind text not null check (requester_kind in ('user', 'external', 'party')),
      requester_id uuid references users(id),
      requester_name text not null check (length(requester_name) between 1 and 100),
      organisation text,
      purpose text not null check (length(purpose) between 2 and 2000),
      scope text not null check (scope in ('view', 'copy')),
      valid_until timestamptz not null,
      lodged_by uuid not null references users(id),
      lodged_by_name text not null,
      lodged_at timestamptz not null default now(),
      check (requester_kind <> 'user' or requester_id is not null)
    )`.execute(db);
  await sql`create index case_access_requests_case on case_access_requests(case_id, lodged_at desc)`.execute(db);
  await sql`create index case_access_requests_requester on case_access_requests(requester_id, valid_until desc) where requester_id is not null`.execute(
    db,
  );
  await sql`create index case_access_requests_agency on case_access_requests(agency_id, lodged_at desc)`.execute(db);
  await sql`
    create table case_access_decisions (
      request_id uuid primary key references case_access_requests(id),
      agency_id uuid not null references agencies(id),
      approved boolean not null,
      comment text,
      decided_by uuid not null references users(id),
      decided_by_name text not null,
      decided_at timestamptz not null default now()
    )`.execute(db);
  await refuseChanges(db, ['case_access_requests', 'case_access_decisions']);

  // Classification (000 §24: 涉及国家秘密、商业秘密、个人隐私的，按规定处理): set at registration, in the registration
  // act; a classified case narrows who reads it without an access request.
  await sql`alter table cases add column classification text not null default 'normal' check (classification in ('normal', 'private', 'secret'))`.execute(
    db,
  );

  // Retention (SPEC §3.5; 003 记录办法 §21): when the media records of an archived case may be destroyed — the end of
  // the policy's minimum period, or never (permanent, with the reason) — and when they were. Projections of the acts.
  await sql`alter table cases add column retention_until date`.execute(db);
  await sql`alter table cases add column retention_permanent text`.execute(db);
  await sql`alter table cases add column destroyed_at timestamptz`.execute(db);
  // Destruction after the retention period: requested by the custodian, approved by the agency head; the approval is
  // a ledger entry, the destroyed files are listed; the evidence metadata itself stays (append-only).
  await sql`
    create table case_destructions (
      id uuid primary key,
      case_id uuid not null references cases(id),
      agency_id uuid not null references agencies(id),
      reason text not null check (length(reason) between 2 and 2000),
      requested_by uuid not null references users(id),
      requested_by_name text not null,
      requested_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index case_destructions_case on case_destructions(case_id)`.execute(db);
  await sql`
    create table case_destruction_decisions (
      request_id uuid primary key references case_destructions(id),
      agency_id uuid not null references agencies(id),
      approved boolean not null,
      comment text,
      decided_by uuid not null references users(id),
      decided_by_name text not null,
      decided_at timestamptz not null default now(),
      ledger_ref bigint
    )`.execute(db);
  await sql`
    create table evidence_destructions (
      evidence_id uuid primary key references evidence_files(id),
      agency_id uuid not null references agencies(id),
      destruction_id uuid not null references case_destructions(id),
      destroyed_at timestamptz not null default now()
    )`.execute(db);
  await refuseChanges(db, ['case_destructions', 'case_destruction_decisions', 'evidence_destructions']);

  // The to-do list (SPEC §3.1 time limits) reads only cases with something due: when the opening was decided (an
  // emergency opening's approval is due within 24 hours) is kept on the case, and partial indexes hold the cases
  // in a stage with a to-do. The predicate is repeated verbatim in case.repo.ts todoCases() so the planner uses them.
  await sql`alter table cases add column opening_decided_at timestamptz`.execute(db);
  await sql`update cases c set opening_decided_at = a.recorded_at from case_acts a
    where a.case_id = c.id and a.type = 'opening' and a.corrects is null`.execute(db);
  const due = sql.raw(
    `(stage in ('opening', 'investigation', 'decision', 'concluded') or (opening_due_at is not null and opening_decided_at is null))`,
  );
  await sql`create index cases_todo on cases (agency_id) where ${due}`.execute(db);
  await sql`create index cases_todo_handlers on cases using gin (handler_ids) where ${due}`.execute(db);

  // Which cases link an evidence file (a download is allowed by the case's access rules).
  await sql`create index case_acts_media on case_acts using gin (media jsonb_path_ops)`.execute(db);

  // The access log of a case: views, document downloads, evidence downloads and exports, found by subject.
  await sql`create index audit_log_subject on audit_log(subject, at desc) where subject is not null`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
