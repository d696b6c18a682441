// The measured sample, recorded through the service layer, and the check that bulk rows are of the service's shape.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/server/platform/db.schema.ts';
import type { Ctx } from '../../src/server/platform/context.ts';
import { recordEvidence } from '../../src/server/modules/cases/evidence.service.ts';
import { getCase, openCase, type CaseDeps } from '../../src/server/modules/cases/case.service.ts';
import { recordAct } from '../../src/server/modules/cases/record-act.ts';
import { openCaseBody, recordActBody } from '../../src/server/modules/cases/case.schema.ts';
import type { ActType, Stage } from '../../src/server/modules/cases/case.rules.ts';
import { DAY, MIN } from './config.ts';
import { planActs, template, type By } from './plan.ts';
import { actorOf, partyOf, type Spec } from './setup.ts';

// ---- the measured sample, through the service layer ----------------------------------------------------------------

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
export const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return { n: s.length, p50: pct(s, 0.5), p95: pct(s, 0.95), max: s[s.length - 1] ?? NaN };
};

export async function serviceSample(db: Kysely<DB>, deps: CaseDeps, specs: Spec[], concurrency: number) {
  // evidence files for the AV acts, recorded beforehand as a finished upload would (not part of the timing)
  const media = new Map<Spec, string[]>();
  for (const s of specs) {
    const ids: string[] = [];
    for (const a of planActs(s.stage, s.hearing, s.n).filter((x) => x.av !== 'none')) {
      const id = crypto.randomUUID();
      const sha256 = crypto.createHash('sha256').update(id).digest('hex');
      const h = s.handlers[0]!;
      await recordEvidence(
        db,
        deps.ledger,
        {
          id,
          agency_id: s.agency.id,
          uploaded_by: h.userId,
          upload_id: crypto.randomUUID(),
          size: 50_000_000,
          sha256,
          sm3: null,
          content_type: 'video/mp4',
          file_name: `执法记录仪_${a.type}.mp4`,
          device_id: 'DSJ-BENCH',
          officer_user_id: h.userId,
          officer_name: h.name,
          recording_start: new Date(Date.now() - 30 * MIN),
          recording_end: new Date(Date.now() + 6 * 3600_000),
          place: '当事人经营场所',
          interruptions: [],
          upload_deadline: null,
          late: false,
          late_reason: null,
        },
        { username: h.username },
        async () => {},
      );
      ids.push(id);
    }
    media.set(s, ids);
  }
  const openMs: number[] = [];
  const actMs: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < specs.length) {
        const s = specs[next++]!;
        const a = s.agency;
        const ctx = (by: By): Ctx => ({
          db,
          ip: '127.0.0.1',
          actor:
            by === 'unitHead'
              ? actorOf(a.unitHead, ['unitHead'], a.id)
              : by === 'agencyHead'
                ? actorOf(a.head, ['agencyHead'], a.id)
                : actorOf(s.handlers[0]!, ['officer'], a.id),
        });
        const plan = planActs(s.stage, s.hearing, s.n);
        let t = performance.now();
        const c = await openCase(
          ctx('officer'),
          deps,
          openCaseBody.parse({
            agencyId: a.id,
            actCategory: 'penalty',
            origin: s.origin,
            cause: s.cause,
            field: a.kind.field,
            party: partyOf(s),
            summary: `${s.cause}（${s.origin === 'complaint' ? '群众投诉举报' : '执法检查发现'}）`,
            handlerIds: s.handlers.map((h) => h.userId),
          }),
        );
        openMs.push(performance.now() - t);
        const ids = [c.acts[0]!.id];
        const evidence = [...media.get(s)!];
        for (const p of plan.slice(1)) {
          const content = { ...p.content };
          if (p.type === 'service') content.documentActId = ids[p.refSeq! - 1];
          if (p.type === 'hearingNotice') content.hearingAt = new Date(Date.now() + 3 * DAY).toISOString();
          const input = recordActBody.parse({
            type: p.type,
            occurredAt: new Date(Date.now() - 5 * MIN).toISOString(),
            content,
            ...(p.field
              ? {
                  officers: [s.handlers[0]!.cert, s.second.cert],
                  certificateShown: true,
                  place: '当事人经营场所',
                  partyPresent: '王某（负责人）',
                }
              : {}),
            ...(p.type === 'inquiry' ? { rightsTold: true } : {}),
            ...(p.av !== 'none' ? { media: [evidence.shift()!] } : {}),
          });
          t = performance.now();
          const act = await recordAct(ctx(p.by), deps, c.id, input);
          actMs.push(performance.now() - t);
          ids.push(act.id);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { cases: specs.length, acts: openMs.length + actMs.length, seconds, open: stats(openMs), act: stats(actMs) };
}

/**
 * Bulk rows are of the service's shape: the service reads one bulk case per stage (every act there) and records the
 * next acts on some of them — an inquiry in investigation, execution and conclusion, archiving (which checks that
 * both documents were served, i.e. that the bulk service acts point at the right acts).
 */
export async function shapeCheck(db: Kysely<DB>, deps: CaseDeps, byStage: Map<Stage, { id: string; spec: Spec }>) {
  let read = 0;
  let recorded = 0;
  for (const [stage, { id, spec: s }] of byStage) {
    const a = s.agency;
    const officer: Ctx = { db, actor: actorOf(s.handlers[0]!, ['officer'], a.id) };
    const unitHead: Ctx = { db, actor: actorOf(a.unitHead, ['unitHead'], a.id) };
    const c = await getCase(officer, deps.ledger, id);
    if (c.acts.length !== s.n || c.stage !== stage)
      throw new Error(`bulk case ${id}: ${c.acts.length} acts at ${c.stage}, planned ${s.n} at ${stage}`);
    read++;
    const act = (ctx: Ctx, type: ActType, content: Record<string, unknown>, field = false) =>
      recordAct(
        ctx,
        deps,
        id,
        recordActBody.parse({
          type,
          occurredAt: new Date(Date.now() - MIN).toISOString(),
          content,
          ...(field ? { officers: [s.handlers[0]!.cert, s.second.cert], certificateShown: true } : {}),
        }),
      ).then(() => recorded++);
    const hearing = s.hearing;
    if (stage === 'investigation') await act(officer, 'inquiry', template('inquiry', { n: 99, hearing }), true);
    if (stage === 'execution') {
      await act(officer, 'execution', template('execution', { n: 0, hearing, completed: true }));
      await act(unitHead, 'conclusion', template('conclusion', { n: 0, hearing }));
    }
    if (stage === 'concluded') await act(officer, 'archive', template('archive', { n: 0, hearing }));
  }
  return { read, recorded };
}
