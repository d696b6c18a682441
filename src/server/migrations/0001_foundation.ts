// Foundation: divisions, agencies, identity (users, sessions, API tokens), audit log, calendar, policy overrides.
import { sql, type Kysely } from 'kysely';
import { refuseChanges } from './append-only.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Append-only tables refuse UPDATE and DELETE in the database itself, not only in the application.
  await sql`
    create or replace function sx_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'table % is append-only: % refused', tg_table_name, tg_op using errcode = '55000';
    end $$`.execute(db);

  await sql`
    create table divisions (
      code char(6) primary key check (code ~ '^[1-9][0-9]{5}$'),
      name text not null check (length(name) between 1 and 100),
      level smallint not null check (level between 1 and 3),
      parent_code char(6) references divisions(code),
      created_at timestamptz not null default now(),
      check ((level = 1) = (parent_code is null))
    )`.execute(db);
  await sql`create index divisions_parent on divisions(parent_code)`.execute(db);

  await sql`
    create table agencies (
      id uuid primary key default gen_random_uuid(),
      division_code char(6) not null references divisions(code),
      name text not null check (length(name) between 1 and 200),
      credit_code char(18) not null unique,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index agencies_division on agencies(division_code)`.execute(db);

  await sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      username text not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
      display_name text not null,
      password_hash text not null,
      roles text[] not null check (cardinality(roles) > 0),
      agency_id uuid references agencies(id),
      division_code char(6) references divisions(code),
      disabled boolean not null default false,
      created_at timestamptz not null default now(),
      check (agency_id is null or division_code is null)
    )`.execute(db);
  await sql`create index users_agency on users(agency_id)`.execute(db);
  // The operator's command line acts as this user (it cannot log in: disabled, no valid password hash).
  await sql`insert into users (id, username, display_name, password_hash, roles, disabled)
    values ('00000000-0000-4000-8000-000000000001', 'system', '系统（命令行）', '!', '{administrator}', true)`.execute(db);

  await sql`
    create table sessions (
      id_hash text primary key,
      user_id uuid not null references users(id),
      csrf_token text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz,
      ip text,
      user_agent text
    )`.execute(db);
  await sql`create index sessions_user on sessions(user_id)`.execute(db);

  await sql`
    create table api_tokens (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id),
      name text not null check (length(name) between 1 and 100),
      token_hash text not null unique,
      prefix text not null,
      created_by uuid not null references users(id),
      created_at timestamptz not null default now(),
      expires_at timestamptz,
      revoked_at timestamptz,
      revoked_by uuid references users(id)
    )`.execute(db);

  await sql`
    create table audit_log (
      id bigserial primary key,
      at timestamptz not null default now(),
      actor_user_id uuid,
      actor_username text,
      action text not null,
      outcome text not null check (outcome in ('success', 'failure')),
      ip text,
      agency_id uuid,
      division_code char(6),
      subject text,
      details jsonb not null default '{}'::jsonb
    )`.execute(db);
  await sql`create index audit_log_at on audit_log(at desc)`.execute(db);
  await sql`create index audit_log_actor on audit_log(actor_user_id, at desc)`.execute(db);

  // A year's schedule is never edited: loading it again adds a newer version; the newest one applies.
  await sql`
    create table calendar_schedules (
      id bigserial primary key,
      year integer not null check (year between 2000 and 2100),
      schedule jsonb not null,
      loaded_by uuid references users(id),
      loaded_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index calendar_schedules_year on calendar_schedules(year, id desc)`.execute(db);

  await sql`
    create table policy_assignments (
      id bigserial primary key,
      division_code char(6) not null references divisions(code),
      policy_id text,
      set_by uuid references users(id),
      set_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index policy_assignments_division on policy_assignments(division_code, id desc)`.execute(db);

  await refuseChanges(db, ['audit_log', 'calendar_schedules', 'policy_assignments']);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
