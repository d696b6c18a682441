// The public side of decision publication (SPEC §2.4): search of published decisions (Chinese bigrams, filters,
// keyset paging), the record page (a withdrawn record shows only the change), open data as JSON or CSV, and an Atom
// feed per agency for its website and WeChat account. Only what the editor published leaves the server.
import { AppError, notFound } from '../../platform/errors.ts';
import type { Db } from '../../platform/db.ts';
import { divisionPrefix } from '../../platform/codes.ts';
import { shanghaiDate } from '../../platform/calendar/calendar.dates.ts';
import { csvFile } from '../../platform/spreadsheet.ts';
import { ACT_CATEGORY_LABELS, searchTerms } from '../registry/record.kinds.ts';
import * as registryRepo from '../registry/registry.repo.ts';
import * as repo from './disclosure.repo.ts';
import type { PublishedRecord } from './disclosure.rules.ts';
import { redact } from './redaction.rules.ts';
import { atomXml, type AtomEntry } from './portal.atom.ts';

export interface PortalQuery {
  q?: string;
  agencyId?: string;
  division?: string;
  actCategory?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit: number;
}

const encodeCursor = (decidedOn: string, id: string) => Buffer.from(`${decidedOn}|${id}`).toString('base64url');
function decodeCursor(cursor: string): { decidedOn: string; id: string } {
  const m = /^(\d{4}-\d{2}-\d{2})\|([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new AppError('VALIDATION_FAILED', '翻页参数 cursor 无效：请使用上一页返回的 nextCursor', { cursor });
  return { decidedOn: m[1]!, id: m[2]! };
}

/** The query's search terms; a Chinese keyword needs at least two characters (a bigram index, SPEC §2.4). */
export function queryTerms(q: string | undefined): string[] | undefined {
  if (!q) return undefined;
  // a lone Chinese character (号 in "223号") says too little to search by: the rest of the query decides
  const terms = searchTerms([q]).filter((t) => !/^[\u3400-\u9fff\uf900-\ufaff]$/.test(t));
  if (!terms.length) throw new AppError('VALIDATION_FAILED', '关键词过短：中文请至少输入 2 个字，或输入完整的文号、数字', { q });
  return terms;
}

type Row = Awaited<ReturnType<typeof repo.portalSearch>>[number];

export function presentDecision(r: Pick<Row, 'id' | 'agency_id' | 'division_code' | 'act_category' | 'published' | 'published_on'>) {
  const { ledgerRef, ...p } = r.published as unknown as PublishedRecord & { ledgerRef?: number };
  return { id: r.id, agencyId: r.agency_id, divisionCode: r.division_code, ...p, actCategory: r.act_category, publishedOn: r.published_on };
}

export async function searchDecisions(db: Db, query: PortalQuery) {
  const rows = await repo.portalSearch(db, {
    terms: queryTerms(query.q),
    agencyId: query.agencyId,
    divisionPrefix: query.division ? divisionPrefix(query.division) : undefined,
    actCategory: query.actCategory,
    from: query.from,
    to: query.to,
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
    limit: query.limit + 1,
    today: shanghaiDate(),
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentDecision),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.decided_on, last.id) : null,
  };
}

/** A record's public page: the decision while published; after withdrawal only what changed and why. */
export async function publicRecord(db: Db, id: string) {
  const d = await repo.findDisclosure(db, id);
  const today = shanghaiDate();
  if (!d || !d.published_on || (d.state !== 'published' && d.state !== 'withdrawn') || (d.take_down_on && d.take_down_on <= today))
    throw notFound('公示信息');
  const remedy = d.remedy as { label: string; decidedOn: string; authority: string } | null;
  const notice = d.change_notice as { text: string; publishedOn: string } | null;
  return {
    status: d.state as 'published' | 'withdrawn',
    decision: d.state === 'published' ? presentDecision(d) : null,
    // the authority is typed in the remedy act and shown at once (000 §13), without an editor: masked like the notice
    remedy: remedy ? { label: remedy.label, decidedOn: remedy.decidedOn, authority: redact(remedy.authority).text } : null,
    changeNotice: notice ? { text: notice.text, publishedOn: notice.publishedOn } : null,
  };
}

export const CSV_COLUMNS = [
  ['id', '编号'],
  ['documentNumber', '决定文书号'],
  ['caseName', '案件名称'],
  ['partyName', '当事人'],
  ['partyCreditCode', '统一社会信用代码'],
  ['representative', '法定代表人'],
  ['actCategory', '执法类别'],
  ['facts', '主要事实'],
  ['basis', '执法依据'],
  ['result', '处理结果'],
  ['fineYuan', '罚款金额（元）'],
  ['agencyName', '执法机关'],
  ['agencyCreditCode', '执法机关统一社会信用代码'],
  ['decidedOn', '决定日期'],
  ['publishedOn', '公示日期'],
] as const;

/** Open data as CSV (UTF-8 with BOM so spreadsheet programs read the Chinese; cells that could start a formula neutralised). */
export async function decisionsCsv(items: ReturnType<typeof presentDecision>[]): Promise<string> {
  const rows = items.map((d) => ({
    id: d.id,
    documentNumber: d.documentNumber ?? '',
    caseName: d.caseName,
    partyName: d.party.name,
    partyCreditCode: d.party.creditCode ?? '',
    representative: d.party.representative ?? '',
    actCategory: ACT_CATEGORY_LABELS[d.actCategory as keyof typeof ACT_CATEGORY_LABELS] ?? d.actCategory,
    facts: d.facts,
    basis: d.basis,
    result: d.result,
    fineYuan: d.fineYuan ?? '',
    agencyName: d.agencyName,
    agencyCreditCode: d.agencyCreditCode,
    decidedOn: d.decidedOn,
    publishedOn: d.publishedOn ?? '',
  }));
  return csvFile(
    CSV_COLUMNS.map(([key, header]) => ({ key, header })),
    rows,
  );
}

/** An Atom feed of an agency's latest published decisions and change notices (text only, see portal.atom.ts). */
export async function agencyFeed(db: Db, agencyId: string, baseUrl: string): Promise<string> {
  const agency = await registryRepo.findAgency(db, agencyId);
  if (!agency) throw notFound('执法部门');
  const { items } = await searchDecisions(db, { agencyId, limit: 50 });
  const changes = await repo.changeNotices(db, agencyId, 20);
  const entries: AtomEntry[] = items.map((d) => ({
    title: `${d.party.name} ${d.caseName}`,
    id: `${baseUrl}/decisions/${d.id}`,
    link: `${baseUrl}/decisions/${d.id}`,
    updated: new Date(`${d.publishedOn ?? d.decidedOn}T00:00:00+08:00`),
    summary: `${d.documentNumber ?? ''} ${d.result}`.trim(),
    content: `${d.facts}\n${d.basis}\n${d.result}`,
  }));
  for (const c of changes) {
    const notice = c.change_notice as { text: string; publishedOn: string };
    const remedy = c.remedy as { label: string };
    entries.push({
      title: `变更说明：${remedy.label}`,
      id: `${baseUrl}/decisions/${c.id}#change`,
      link: `${baseUrl}/decisions/${c.id}`,
      updated: new Date(`${notice.publishedOn}T00:00:00+08:00`),
      summary: notice.text,
    });
  }
  return atomXml({
    title: `${agency.name} 行政执法决定公示`,
    id: `${baseUrl}/decisions?agency=${agencyId}`,
    link: `${baseUrl}/agencies/${agencyId}`,
    self: `${baseUrl}/api/v1/public/agencies/${agencyId}/decisions.atom`,
    author: agency.name,
    rights: agency.name,
    updated: new Date(),
    entries,
  });
}
