// Registry records (SPEC §2.1; 002 公示办法 §5-13, §22-25, §30): agency profiles, officers, the four lists and the
// service texts. Every change is a new version; a version reaches the portal only when a second person approves it
// ("未经审查不得发布", 002 §30). Records, versions and decisions are append-only; registry_published is the
// projection the portal reads (the approved current version of each record), rebuilt from them on approval.
import { sql, type Kysely } from 'kysely';
import { refuseChanges } from './append-only.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table registry_records (
      id uuid primary key default gen_random_uuid(),
      agency_id uuid not null references agencies(id),
      kind text not null,
      created_by uuid not null references users(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index registry_records_agency on registry_records(agency_id, kind)`.execute(db);
  // one profile per agency
  await sql`create unique index registry_records_profile on registry_records(agency_id) where kind = 'agencyProfile'`.execute(db);

  await sql`
    create table registry_versions (
      id uuid primary key default gen_random_uuid(),
      record_id uuid not null references registry_records(id),
      agency_id uuid not null references agencies(id),
      version_no integer not null check (version_no >= 1),
      action text not null check (action in ('publish', 'retire')),
      data jsonb not null,
      note text,
      created_by uuid not null references users(id),
      created_by_name text not null,
      created_at timestamptz not null default now(),
      unique (record_id, version_no)
    )`.execute(db);
  await sql`create index registry_versions_agency on registry_versions(agency_id, created_at desc)`.execute(db);
  await sql`create index registry_versions_certificate on registry_versions((data->>'certificateNumber')) where data ? 'certificateNumber'`.execute(
    db,
  );

  // approved / rejected by a second person; withdrawn by the author before review
  await sql`
    create table registry_decisions (
      id bigserial primary key,
      version_id uuid not null unique references registry_versions(id),
      agency_id uuid not null references agencies(id),
      decision text not null check (decision in ('approved', 'rejected', 'withdrawn')),
      comment text,
      decided_by uuid not null references users(id),
      decided_by_name text not null,
      decided_at timestamptz not null default now()
    )`.execute(db);

  // What the portal shows. `terms` holds search terms (Chinese bigrams, whole ASCII words) for a GIN index: a
  // trigram index cannot serve 2-character Chinese queries.
  await sql`
    create table registry_published (
      record_id uuid primary key references registry_records(id),
      agency_id uuid not null references agencies(id),
      division_code text not null check (division_code ~ '^[1-9][0-9]{5}$'),
      kind text not null,
      version_id uuid not null references registry_versions(id),
      version_no integer not null,
      data jsonb not null,
      title text not null,
      code text,
      terms text[] not null,
      published_at timestamptz not null
    )`.execute(db);
  // title order per kind (a search for a common word walks this and stops at the page) and per agency
  await sql`create index registry_published_kind_title on registry_published(kind, title)`.execute(db);
  await sql`create index registry_published_agency on registry_published(agency_id, kind, title)`.execute(db);
  // search results come newest first: walking this index finds a page of matches for a common word at once, where
  // title order would have to read every match (titles of similar items cluster)
  await sql`create index registry_published_recent on registry_published(kind, published_at desc, record_id desc)`.execute(db);
  await sql`create index registry_published_division on registry_published(kind, division_code text_pattern_ops)`.execute(db);
  await sql`create index registry_published_terms on registry_published using gin(terms)`.execute(db);
  await sql`create unique index registry_published_certificate on registry_published(code) where kind = 'officer'`.execute(db);

  await refuseChanges(db, ['registry_records', 'registry_versions', 'registry_decisions']);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
