// The act plan: what a case at a given stage has been through.
import { defaultAvLevel, isFieldAct, type ActType, type Stage } from '../../src/server/modules/cases/case.rules.ts';

export type By = 'officer' | 'unitHead' | 'agencyHead';
export interface PlannedAct {
  type: ActType;
  by: By;
  field: boolean;
  av: 'none' | 'av' | 'fullAv';
  refSeq: number | null;
  content: Record<string, unknown>;
}

const BASIS = '《中华人民共和国行政处罚法》及相关法律、法规的规定';
const INVESTIGATION: ActType[] = ['inquiry', 'inspection', 'inquiry', 'inquiry', 'evidenceRetrieval', 'inquiry'];

export function template(
  type: ActType,
  o: { n: number; hearing: boolean; approved?: boolean; completed?: boolean },
): Record<string, unknown> {
  switch (type) {
    case 'opening':
      return o.approved === false
        ? { approved: false, opinion: '经核查，违法事实不能成立，不予立案', replyToComplainant: '已书面告知投诉举报人不予立案的理由' }
        : { approved: true, opinion: '经审查，符合立案条件，同意立案调查' };
    case 'inquiry':
      return {
        person: '王某',
        relation: '负责人',
        transcript: `问：我们是执法人员，现依法向你询问有关情况，你是否清楚？答：清楚。问：你单位是否取得相关许可？答：没有取得。（第${o.n}次询问）`,
      };
    case 'inspection':
      return { findings: '现场检查发现当事人正在从事经营活动，未能出示有效许可证件；执法人员对现场进行了拍照和录像。' };
    case 'evidenceRetrieval':
      return {
        items: [
          { name: '营业执照复印件', quantity: '1 份' },
          { name: '经营台账', quantity: '3 册' },
          { name: '销售票据', quantity: '12 张' },
        ],
        note: '当事人签字确认',
      };
    case 'rightsNotice':
      return {
        facts: '经查，当事人未经许可擅自从事经营活动，违法事实清楚，证据确凿。',
        basis: BASIS,
        proposed: '拟处罚款人民币五千元',
        hearingEligible: true,
      };
    case 'statementDefence':
      return {
        waived: false,
        statement: '当事人称系初次违法，已停止违法行为，请求从轻处罚。',
        hearingRequested: o.hearing,
        adopted: '经复核，当事人初次违法且主动改正，部分采纳',
      };
    case 'hearingNotice':
      return { hearingAt: '2026-01-01T09:00:00.000Z', place: '本局听证室', presider: '孙主持' };
    case 'hearing':
      return {
        presider: '孙主持',
        transcript: '听证会依法公开举行。调查人员提出当事人违法的事实、证据和处罚建议；当事人进行了申辩和质证。',
      };
    case 'draftDecision':
      return {
        proposal: '罚款人民币三千元',
        basis: BASIS,
        fineFen: 300_000,
        discretion: { level: '初次违法、主动改正：从轻处罚', reason: '当事人系初次违法，且已停止违法行为并主动改正' },
      };
    case 'collectiveDiscussion':
      return { participants: ['王局长', '李科长', '刘审核'], conclusion: '同意承办机构的拟处理意见，罚款人民币三千元' };
    case 'decision':
      return {
        decision: '罚款人民币三千元',
        basis: BASIS,
        fineFen: 300_000,
        remedy: '如不服本决定，可在六十日内申请行政复议，或者在六个月内提起行政诉讼',
      };
    case 'service':
      return { documentActId: '', method: 'mail', recipient: '王某' };
    case 'execution':
      return o.completed
        ? { method: 'voluntary', detail: '当事人已按期缴纳全部罚款', amountFen: 300_000, completed: true }
        : { method: 'voluntary', detail: '当事人已缴纳部分罚款，余款申请延期缴纳', amountFen: 100_000, completed: false };
    case 'conclusion':
      return { outcome: 'executed', summary: '当事人已履行处罚决定，执行完毕，予以结案' };
    case 'archive':
      return { location: '档案室 A-3', note: '卷宗共 1 册' };
    default:
      throw new Error(`no template for ${type}`);
  }
}

/**
 * The n acts of a penalty case now at `stage`: registration, opening, investigation acts (inquiries, on-site
 * inspections and evidence retrieval, one in three on AV), then as far along the lifecycle as the stage says.
 * `hearing`: the party asked for a hearing. Archived cases take the acts the early stages lack (see `makeSpecs`).
 */
export function planActs(stage: Stage, hearing: boolean, n: number): PlannedAct[] {
  const acts: { type: ActType; by?: By; content?: Record<string, unknown>; ref?: ActType; method?: string }[] = [{ type: 'registration' }];
  if (stage === 'opening') return finish(acts);
  if (stage === 'notOpened')
    return finish([...acts, { type: 'opening', by: 'unitHead', content: template('opening', { n: 0, hearing, approved: false }) }]);
  acts.push({ type: 'opening', by: 'unitHead' });
  const decisionPhase: ActType[] = hearing
    ? ['rightsNotice', 'statementDefence', 'hearingNotice', 'hearing', 'draftDecision', 'collectiveDiscussion']
    : ['rightsNotice', 'statementDefence', 'draftDecision', 'collectiveDiscussion'];
  const tail: typeof acts = [];
  if (stage !== 'investigation') tail.push(...decisionPhase.map((type) => ({ type })));
  if (['service', 'execution', 'concluded', 'archived'].includes(stage)) tail.push({ type: 'decision', by: 'agencyHead' });
  if (['execution', 'concluded', 'archived'].includes(stage))
    tail.push({ type: 'service', ref: 'decision', method: 'mail' }, { type: 'service', ref: 'rightsNotice', method: 'direct' });
  if (stage === 'execution') tail.push({ type: 'execution', content: template('execution', { n: 0, hearing, completed: false }) });
  if (stage === 'concluded' || stage === 'archived')
    tail.push(
      { type: 'execution', content: template('execution', { n: 0, hearing, completed: true }) },
      { type: 'conclusion', by: 'unitHead' },
    );
  if (stage === 'archived') tail.push({ type: 'archive' });
  const investigation = Math.max(1, n - acts.length - tail.length);
  for (let i = 0; i < investigation; i++) acts.push({ type: INVESTIGATION[i % INVESTIGATION.length]! });
  return finish([...acts, ...tail]);

  function finish(list: typeof acts): PlannedAct[] {
    let inquiries = 0;
    return list.map((a, i) => {
      const content =
        a.type === 'registration' ? {} : { ...(a.content ?? template(a.type, { n: a.type === 'inquiry' ? ++inquiries : 0, hearing })) };
      if (a.method) content.method = a.method;
      const refSeq = a.ref ? list.findIndex((x) => x.type === a.ref) + 1 : null;
      return {
        type: a.type,
        by: a.by ?? 'officer',
        field: isFieldAct(a.type, content),
        av: defaultAvLevel(a.type, content),
        refSeq: i === 0 ? null : refSeq,
        content,
      };
    });
  }
}
