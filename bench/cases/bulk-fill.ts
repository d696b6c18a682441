// Filling the database to size with set-based SQL: rows of the shape the service writes (see bench/cases.ts).
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/server/platform/db.schema.ts';
import { shanghaiDate } from '../../src/server/platform/calendar/calendar.dates.ts';
import { addDays, PENALTY_DECISION_DAYS, type ActType, type Stage } from '../../src/server/modules/cases/case.rules.ts';
import { DAY } from './config.ts';
import { planActs } from './plan.ts';
import { partyOf, recordedAt, type Agency, type Officer, type Spec } from './setup.ts';

// ---- bulk fill (set-based SQL) -------------------------------------------------------------------------------------

export async function bulkFill(db: Kysely<DB>, specs: Spec[], agencies: Agency[]) {
  const t0 = performance.now();
  const log = (m: string) => console.log(`  … ${m} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  // scratch tables for the set-based SQL below, dropped at the end
  const scratch = db.withTables<{
    bench_plan: Record<string, unknown>;
    bench_agency: Record<string, unknown>;
    bench_meta: Record<string, unknown>;
  }>();
  // the act plans (one row per stage × hearing × act count × seq), the agencies' approvers, and per-case facts
  await sql`create table bench_plan (stage text, hearing boolean, n int, seq int, type text, by_role text, field boolean, av text, ref_seq int, ref_type text, content jsonb, primary key (stage, hearing, n, seq))`.execute(
    db,
  );
  await sql`create table bench_agency (agency_id uuid primary key, unit_id uuid, unit_username text, unit_name text, head_id uuid, head_username text, head_name text)`.execute(
    db,
  );
  await sql`create table bench_meta (case_id uuid primary key, stage text, hearing boolean, n int, t0 timestamptz, step_ms bigint, t_end timestamptz, off_id uuid, off_username text, off_name text, o1 jsonb, o2 jsonb)`.execute(
    db,
  );
  const planKeys = new Map<string, { stage: Stage; hearing: boolean; n: number }>();
  for (const s of specs) planKeys.set(`${s.stage}|${s.hearing}|${s.n}`, { stage: s.stage, hearing: s.hearing, n: s.n });
  const planRows = [...planKeys.values()].flatMap(({ stage, hearing, n }) =>
    planActs(stage, hearing, n).map((a, i, all) => ({
      stage,
      hearing,
      n,
      seq: i + 1,
      type: a.type,
      by_role: a.by,
      field: a.field,
      av: a.av,
      ref_seq: a.refSeq,
      ref_type: a.refSeq ? all[a.refSeq - 1]!.type : null,
      content: JSON.stringify(a.content),
    })),
  );
  for (let i = 0; i < planRows.length; i += 1000)
    await scratch
      .insertInto('bench_plan')
      .values(planRows.slice(i, i + 1000))
      .execute();
  await scratch
    .insertInto('bench_agency')
    .values(
      agencies.map((a) => ({
        agency_id: a.id,
        unit_id: a.unitHead.userId,
        unit_username: a.unitHead.username,
        unit_name: a.unitHead.name,
        head_id: a.head.userId,
        head_username: a.head.username,
        head_name: a.head.name,
      })),
    )
    .execute();

  // cases, in registration order, with their projection (stage, dates, counters) as the service keeps it
  const ordered = [...specs].sort((a, b) => a.t0 - b.t0);
  const counters = new Map<string, number>();
  const byStage = new Map<Stage, { id: string; spec: Spec }>(); // one bulk case per stage, for the shape check
  const check = (o: Officer) =>
    JSON.stringify({
      certificateNumber: o.cert,
      name: o.name,
      recordId: o.recordId,
      validFrom: '2020-01-01',
      validTo: '2099-12-31',
      ok: true,
      problems: [],
    });
  for (let i = 0; i < ordered.length; i += 1000) {
    const batch = ordered.slice(i, i + 1000).map((s) => {
      const id = crypto.randomUUID();
      if (s.t0 < Date.now() - 2 * DAY) byStage.set(s.stage, { id, spec: s });
      const plan = planActs(s.stage, s.hearing, s.n);
      const at = (type: ActType) => {
        const k = plan.findIndex((a) => a.type === type);
        return k < 0 ? null : new Date(recordedAt(s, k + 1));
      };
      const created = new Date(s.t0);
      const year = Number(shanghaiDate(created).slice(0, 4));
      const key = `${s.agency.id}|${year}`;
      const no = (counters.get(key) ?? 0) + 1;
      counters.set(key, no);
      const emergency = s.origin === 'emergency';
      const openedAt = emergency ? created : s.stage === 'opening' || s.stage === 'notOpened' ? null : at('opening');
      const concludedAt = at('conclusion');
      const number = `${s.agency.name}立〔${year}〕${no}号`;
      return {
        c: {
          id,
          agency_id: s.agency.id,
          division_code: s.agency.division,
          number,
          act_category: 'penalty',
          origin: s.origin,
          cause: s.cause,
          field: s.agency.kind.field,
          item_record_id: null,
          party: JSON.stringify(partyOf(s)),
          summary: `${s.cause}（${s.origin === 'complaint' ? '群众投诉举报' : '执法检查发现'}）`,
          major: false,
          handler_ids: s.handlers.map((h) => h.userId),
          created_by: s.handlers[0]!.userId,
          created_at: created,
          stage: s.stage,
          opened_at: openedAt,
          opening_due_at: emergency ? new Date(s.t0 + 24 * 3600_000) : null,
          opening_decided_at: at('opening'),
          decision_due: openedAt ? addDays(shanghaiDate(openedAt), PENALTY_DECISION_DAYS) : null,
          decided_at: at('decision'),
          concluded_at: concludedAt,
          archive_due: concludedAt && s.agency.archiveDays !== null ? addDays(shanghaiDate(concludedAt), s.agency.archiveDays) : null,
          archived_at: at('archive'),
          act_count: s.n,
          updated_at: new Date(recordedAt(s, s.n)),
        },
        m: {
          case_id: id,
          stage: s.stage,
          hearing: s.hearing,
          n: s.n,
          t0: created,
          step_ms: s.stepMs,
          t_end: new Date(recordedAt(s, s.n)),
          off_id: s.handlers[0]!.userId,
          off_username: s.handlers[0]!.username,
          off_name: s.handlers[0]!.name,
          o1: check(s.handlers[0]!),
          o2: check(s.second),
        },
      };
    });
    await db
      .insertInto('cases')
      .values(batch.map((b) => b.c))
      .execute();
    await scratch
      .insertInto('bench_meta')
      .values(batch.map((b) => b.m))
      .execute();
  }
  for (const [key, last] of counters) {
    const [agencyId, year] = key.split('|');
    await db
      .insertInto('case_counters')
      .values({ agency_id: agencyId, series: 'case', year: Number(year), last })
      .execute();
  }
  log(`${ordered.length.toLocaleString('en')} cases`);

  // acts and their evidence, window by window in time order, so that one case's acts lie apart on disk as they do
  // when they are recorded over weeks between other cases' acts
  const first = ordered[0]!.t0;
  const end = Date.now() + DAY;
  const WINDOW = 30 * DAY;
  const iso = (col: string) => sql.raw(`to_char((${col}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
  let acts = 0;
  let evidence = 0;
  for (let w0 = first - 1; w0 < end; w0 += WINDOW) {
    const from = new Date(w0);
    const to = new Date(w0 + WINDOW);
    const source = sql`
      select c.id as case_id, c.agency_id, c.party, c.number, c.act_category, c.origin, c.cause, c.field, c.summary, c.major, c.handler_ids,
             p.seq, p.type, p.by_role, p.field as field_act, p.av, p.ref_seq, p.ref_type, p.content as tpl, m.o1, m.o2, m.off_id, m.off_username, m.off_name,
             g.unit_id, g.unit_username, g.unit_name, g.head_id, g.head_username, g.head_name,
             m.t0 + (p.seq - 1) * m.step_ms * interval '1 millisecond' as occurred_at
      from bench_meta m
      join cases c on c.id = m.case_id
      join bench_agency g on g.agency_id = c.agency_id
      join bench_plan p on p.stage = m.stage and p.hearing = m.hearing and p.n = m.n
      where m.t0 < ${to} and m.t_end >= ${from}
        and m.t0 + (p.seq - 1) * m.step_ms * interval '1 millisecond' >= ${from}
        and m.t0 + (p.seq - 1) * m.step_ms * interval '1 millisecond' < ${to}`;
    const ev = await sql`
      insert into evidence_files (id, agency_id, uploaded_by, uploaded_at, upload_id, size, sha256, content_type, file_name, device_id, officer_user_id, officer_name, recording_start, recording_end, place)
      select md5(s.case_id::text || ':ev:' || s.seq)::uuid, s.agency_id, s.off_id, s.occurred_at + interval '2 hours', md5(s.case_id::text || ':up:' || s.seq)::uuid,
             40000000 + (hashtext(s.case_id::text) & 65535) * 1000, encode(sha256(convert_to(s.case_id::text || ':ev:' || s.seq, 'UTF8')), 'hex'),
             'video/mp4', '执法记录仪_' || s.seq || '.mp4', 'DSJ-' || substr(md5(s.off_id::text), 1, 6), s.off_id, s.off_name,
             s.occurred_at - interval '2 minutes', s.occurred_at + interval '40 minutes', '当事人经营场所'
      from (${source}) s where s.av <> 'none' order by s.occurred_at`.execute(db);
    evidence += Number(ev.numAffectedRows ?? 0);
    const r = await sql`
      insert into case_acts (id, case_id, agency_id, seq, type, occurred_at, place, officers, party_present, certificate_shown, rights_told, content, media,
                             av_required, recorded_by, recorded_by_name, recorded_at, canonical, content_hash, ledger_ref)
      select id, case_id, agency_id, seq, type, occurred_at, place, officers, party_present, certificate_shown, rights_told, content, media,
             av, by_id, by_name, recorded_at, canonical, 'sha256:' || encode(sha256(convert_to(canonical, 'UTF8')), 'hex'), 0
      from (
        select x.*, jsonb_build_object(
                 'v', 1, 'id', x.id, 'caseId', x.case_id, 'agencyId', x.agency_id, 'seq', x.seq, 'type', x.type, 'occurredAt', ${iso('x.occurred_at')},
                 'endedAt', null, 'place', x.place, 'officers', x.officers, 'partyPresent', x.party_present, 'certificateShown', x.certificate_shown,
                 'rightsTold', x.rights_told, 'content', x.content, 'media', x.media, 'avRequired', x.av, 'avExceptionId', null, 'corrects', null,
                 'correctionReason', null, 'recordedBy', x.by_username, 'recordedAt', ${iso('x.recorded_at')})::text as canonical
        from (
          select md5(s.case_id::text || ':' || s.seq)::uuid as id, s.case_id, s.agency_id, s.seq, s.type, s.occurred_at, s.av,
                 s.occurred_at + case when s.seq = 1 then interval '0' else interval '10 minutes' end as recorded_at,
                 case when s.field_act then '当事人经营场所' end as place,
                 case when s.field_act then '王某（负责人）' end as party_present,
                 case when s.field_act then true end as certificate_shown,
                 case when s.type in ('rightsNotice', 'inquiry') then true end as rights_told,
                 case when s.field_act then jsonb_build_array(
                   s.o1 || jsonb_build_object('checkedFor', to_char((s.occurred_at + interval '8 hours') at time zone 'UTC', 'YYYY-MM-DD')),
                   s.o2 || jsonb_build_object('checkedFor', to_char((s.occurred_at + interval '8 hours') at time zone 'UTC', 'YYYY-MM-DD')))
                 else '[]'::jsonb end as officers,
                 case s.type
                   when 'registration' then jsonb_build_object('number', s.number, 'actCategory', s.act_category, 'origin', s.origin, 'cause', s.cause, 'field', s.field,
                     'itemRecordId', null, 'party', s.party, 'summary', s.summary, 'major', s.major, 'handlerIds', to_jsonb(s.handler_ids))
                   when 'service' then s.tpl || jsonb_build_object('documentActId', md5(s.case_id::text || ':' || s.ref_seq)::uuid, 'documentType', s.ref_type)
                   when 'hearingNotice' then s.tpl || jsonb_build_object('hearingAt', ${iso("s.occurred_at + interval '3 days'")})
                   else s.tpl end as content,
                 case when s.av <> 'none' then jsonb_build_array(jsonb_build_object('evidenceId', md5(s.case_id::text || ':ev:' || s.seq)::uuid,
                   'sha256', encode(sha256(convert_to(s.case_id::text || ':ev:' || s.seq, 'UTF8')), 'hex'))) else '[]'::jsonb end as media,
                 case s.by_role when 'unitHead' then s.unit_id when 'agencyHead' then s.head_id else s.off_id end as by_id,
                 case s.by_role when 'unitHead' then s.unit_name when 'agencyHead' then s.head_name else s.off_name end as by_name,
                 case s.by_role when 'unitHead' then s.unit_username when 'agencyHead' then s.head_username else s.off_username end as by_username
          from (${source}) s
        ) x
      ) y
      order by occurred_at`.execute(db);
    acts += Number(r.numAffectedRows ?? 0);
    if (Math.floor((w0 - first) / WINDOW) % 6 === 5)
      log(`${acts.toLocaleString('en')} acts, ${evidence.toLocaleString('en')} evidence files`);
  }
  // written explanations for missing AV on ~1% of opened cases, most approved by the agency head, some pending
  await sql`
    insert into case_av_exceptions (id, case_id, agency_id, act_type, reason, requested_by, requested_by_name, requested_at)
    select md5(m.case_id::text || ':avx')::uuid, m.case_id, c.agency_id, 'inspection', '执法记录仪电量耗尽，未能对现场检查进行音像记录', m.off_id, m.off_name,
           least(m.t0 + interval '1 day', now() - interval '1 hour')
    from bench_meta m join cases c on c.id = m.case_id
    where m.stage not in ('opening', 'notOpened') and get_byte(decode(md5(m.case_id::text || 'x'), 'hex'), 0) < 3`.execute(db);
  await sql`
    insert into case_av_exception_decisions (exception_id, agency_id, approved, comment, decided_by, decided_by_name, decided_at)
    select e.id, e.agency_id, true, '同意', g.head_id, g.head_name, least(e.requested_at + interval '1 day', now())
    from case_av_exceptions e join bench_agency g on g.agency_id = e.agency_id
    where get_byte(decode(md5(e.id::text), 'hex'), 0) >= 40`.execute(db);
  for (const t of ['bench_plan', 'bench_agency', 'bench_meta']) await sql`drop table ${sql.table(t)}`.execute(db);
  log(`${acts.toLocaleString('en')} acts, ${evidence.toLocaleString('en')} evidence files; vacuum analyze`);
  await sql`vacuum analyze`.execute(db);
  return { cases: ordered.length, acts, evidence, seconds: (performance.now() - t0) / 1000, byStage };
}
