// Decision publication end to end over HTTP on both engines: redaction confirmed (leaks refused, nothing written),
// publication by a second person into the ledger, portal search / record / open data / feed, a correction request,
// withdrawal on a reconsideration outcome with the change notice; a minor party never published; exclusion and the
// head's approval; the timeliness board and the 双公示 export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { eventCanonical } from './disclosure.workflow.ts';
import ExcelJS from 'exceljs';
import { describeApp, login, type Session } from '../../../../test/support/app.ts';
import { assertError, minutesAgo } from '../../../../test/support/http.ts';
import { idNumberCheckChar } from '../../platform/codes.ts';
import { shanghaiDate } from '../../platform/calendar/calendar.dates.ts';
import { WorkingDayCalendar } from '../../platform/calendar/calendar.rules.ts';
import { loadShippedSchedules } from '../../platform/calendar/shipped.ts';

type Detail = {
  id: string;
  state: string;
  proposal: Record<string, { text: string; findings: { kind: string; start: number; end: number }[] }> | null;
  events: { kind: string; ledgerRef: number | null }[];
  exclusion: { reason: string; note: string; approval: { note: string } } | null;
  published: Record<string, unknown> | null;
  remedy: Record<string, unknown> | null;
  changeNotice: Record<string, unknown> | null;
  workingDaysLate: number;
  record: { party: Record<string, unknown> };
};

describeApp('disclosure: from decision to portal, withdrawal and corrections', (h) => {
  let officer: Session, unithead: Session, head: Session, editor: Session, supervisor: Session, xixia: Session;
  let certificates = false;

  async function decide(
    party: Record<string, unknown>,
    facts: string,
    cause = '未按规定核对上网消费者身份证件',
    daysAgo = 0,
  ): Promise<{ caseId: string; disclosureId: string }> {
    [officer, unithead, head, editor, supervisor, xixia] = await Promise.all(
      ['officer', 'unithead', 'head', 'editor', 'supervisor', 'xixia.officer'].map((u) => login(h.app, u)),
    );
    if (!certificates) {
      for (const [name, cert] of [
        ['张执法', 'NMPUB0001'],
        ['赵执法', 'NMPUB0002'],
      ]) {
        const r = await editor.request('POST', '/api/v1/registry/officer', {
          data: {
            name,
            gender: '男',
            post: '队员',
            certificateNumber: cert,
            categories: ['文化市场'],
            area: '奈曼旗',
            validFrom: '2020-01-01',
            validTo: '2099-12-31',
            status: 'valid',
          },
        });
        assert.equal(
          (await head.request('POST', `/api/v1/registry/versions/${r.json().versionId}/decision`, { decision: 'approved' })).statusCode,
          200,
        );
      }
      certificates = true;
    }
    const c = await officer.request('POST', '/api/v1/cases', {
      actCategory: 'penalty',
      origin: 'exOfficio',
      cause,
      field: '文化市场',
      party,
    });
    assert.equal(c.statusCode, 201, c.body);
    const caseId = c.json().id as string;
    for (const [s, body] of [
      [unithead, { type: 'opening', content: { approved: true, opinion: '同意立案' } }],
      [
        officer,
        { type: 'inquiry', officers: ['NMPUB0001', 'NMPUB0002'], certificateShown: true, content: { person: '刘某', transcript: '问答' } },
      ],
      [officer, { type: 'rightsNotice', content: { facts, basis: '条例第三十一条', proposed: '警告', hearingEligible: false } }],
      [officer, { type: 'statementDefence', content: { waived: true, hearingRequested: false } }],
      [
        head,
        {
          type: 'decision',
          occurredAt: minutesAgo(30 + daysAgo * 1440),
          content: {
            decision: '警告，并处罚款人民币五千元',
            basis: '《互联网上网服务营业场所管理条例》第三十一条',
            fineFen: 500_000,
            remedy: '六十日内申请复议',
          },
        },
      ],
    ] as const) {
      const r = await s.request('POST', `/api/v1/cases/${caseId}/acts`, { occurredAt: minutesAgo(40 + daysAgo * 1440), ...body });
      assert.equal(r.statusCode, 201, r.body);
    }
    const list = await editor.request('GET', `/api/v1/disclosures?q=${encodeURIComponent(String(party.name))}&pageSize=100`);
    const mine = (list.json().items as { id: string; caseId: string }[]).filter((d) => d.caseId === caseId);
    assert.equal(mine.length, 1, list.body);
    return { caseId, disclosureId: mine[0]!.id };
  }

  const detail = async (s: Session, id: string) => {
    const r = await s.request('GET', `/api/v1/disclosures/${id}`);
    assert.equal(r.statusCode, 200, r.body);
    return r.json() as Detail;
  };

  /** Masks exactly what the detectors found, in every field. */
  const maskAll = (d: Detail) => ({
    fields: Object.fromEntries(
      Object.entries(d.proposal!).map(([f, p]) => [f, { masks: p.findings.map(({ start, end }) => ({ start, end })) }]),
    ),
  });

  test('redaction, second-person publication, portal, open data, feed, correction, withdrawal and change notice', async () => {
    const { caseId, disclosureId: id } = await decide(
      { kind: 'organisation', name: '奈曼旗翱翔网络会所', representative: '刘某' },
      '当事人未核对上网消费者身份证件，负责人手机13812345678，住址：奈曼旗大沁他拉镇幸福小区3栋301室',
    );
    let d = await detail(editor, id);
    assert.equal(d.state, 'pending');
    assert.deepEqual(
      d.proposal!.facts!.findings.map((f) => f.kind),
      ['phone', 'address'],
    );
    assert.equal(d.record.party.idNumber, undefined, 'no ID number leaves the server');

    // a leak is refused and nothing is written
    const leak = await editor.request('POST', `/api/v1/disclosures/${id}/prepare`, {
      fields: { facts: { masks: d.proposal!.facts!.findings.slice(0, 1).map(({ start, end }) => ({ start, end })) } },
    });
    assertError(leak, 422, 'REDACTION_INCOMPLETE');
    assert.equal(leak.json().error.details.findings.length, 1);
    assert.equal((await detail(editor, id)).events.length, 0);
    assertError(
      await editor.request('POST', `/api/v1/disclosures/${id}/prepare`, { fields: { facts: { masks: [{ start: 0, end: 10_000 }] } } }),
      400,
      'VALIDATION_FAILED',
    );
    assertError(
      await editor.request('POST', `/api/v1/disclosures/${id}/prepare`, { fields: { extra: { masks: [] } } }),
      400,
      'VALIDATION_FAILED',
    );
    assertError(
      await editor.request('POST', `/api/v1/disclosures/${id}/prepare`, '{"fields":', { 'content-type': 'application/json' }),
      400,
      'MALFORMED_JSON',
    );
    assertError(await officer.request('POST', `/api/v1/disclosures/${id}/prepare`, maskAll(d)), 403, 'FORBIDDEN');
    assertError(await xixia.request('GET', `/api/v1/disclosures/${id}`), 403, 'FORBIDDEN');
    assertError(await editor.request('GET', `/api/v1/disclosures/00000000-0000-4000-8000-000000000000`), 404, 'NOT_FOUND');

    // the editor masks everything and adds a mask of their own (the town)
    const body = maskAll(d);
    const town = d.proposal!.facts!.text.indexOf('大沁他拉镇');
    (body.fields.facts as { masks: { start: number; end: number }[] }).masks.push({ start: town, end: town + 5 });
    const prepared = await editor.request('POST', `/api/v1/disclosures/${id}/prepare`, body);
    assert.equal(prepared.statusCode, 200, prepared.body);
    assert.equal(prepared.json().state, 'prepared');

    // publication needs another person
    assertError(await editor.request('POST', `/api/v1/disclosures/${id}/publish`), 409, 'PUBLISHER_NOT_SEPARATE');
    const published = await head.request('POST', `/api/v1/disclosures/${id}/publish`);
    assert.equal(published.statusCode, 200, published.body);
    d = published.json();
    assert.equal(d.state, 'published');
    assert.equal(d.workingDaysLate, 0);
    const facts = d.published!.facts as string;
    assert.ok(!facts.includes('13812345678') && !facts.includes('幸福小区') && !facts.includes('大沁他拉镇'), facts);
    assert.ok(d.events.find((e) => e.kind === 'published')!.ledgerRef! > 0, 'publication is a ledger entry');
    assertError(await head.request('POST', `/api/v1/disclosures/${id}/publish`), 409, 'DISCLOSURE_STATE');
    // the ledger entry commits to the event row as stored: anyone holding the row can recompute its hash
    const ev = (
      await sql<{ kind: string; data: Record<string, unknown>; actor_id: string; at: Date; ledger_ref: string }>`
      select kind, data, actor_id, at, ledger_ref from disclosure_events where disclosure_id = ${id} and kind = 'published'`.execute(h.db)
    ).rows[0]!;
    const hashes = (
      await sql<{ content_hash: string }>`select content_hash from ledger_entries where queue_id = ${ev.ledger_ref}
      union all select content_hash from ledger_queue where id = ${ev.ledger_ref}`.execute(h.db)
    ).rows;
    const canonical = eventCanonical({ disclosureId: id, caseId, kind: ev.kind, data: ev.data, actorId: ev.actor_id, at: new Date(ev.at) });
    assert.equal(hashes[0]!.content_hash, `sha256:${crypto.createHash('sha256').update(canonical).digest('hex')}`);

    // the portal: 2-character keyword, filters, record page, CSV, feed; a 1-character keyword is refused
    const anon = (url: string) => h.app.inject({ method: 'GET', url });
    const found = await anon(`/api/v1/public/decisions?q=${encodeURIComponent('翱翔')}`);
    assert.equal(found.statusCode, 200, found.body);
    assert.deepEqual(
      found.json().items.map((x: { id: string }) => x.id),
      [id],
    );
    assert.equal(found.json().items[0].party.name, '奈曼旗翱翔网络会所');
    assert.equal((await anon(`/api/v1/public/decisions?q=${encodeURIComponent('翱翔')}&actCategory=licence`)).json().items.length, 0);
    assert.equal(
      (await anon(`/api/v1/public/decisions?q=${encodeURIComponent('翱翔')}&division=150525&from=${shanghaiDate()}`)).json().items.length,
      1,
    );
    assertError(await anon(`/api/v1/public/decisions?q=${encodeURIComponent('翱')}`), 400, 'VALIDATION_FAILED');
    const docNo = found.json().items[0].documentNumber as string;
    assert.deepEqual(
      (await anon(`/api/v1/public/decisions?q=${encodeURIComponent(docNo)}`)).json().items.map((x: { id: string }) => x.id),
      [id],
      `by document number ${docNo}`,
    );
    assertError(await anon(`/api/v1/public/decisions?cursor=bogus`), 400, 'VALIDATION_FAILED');
    const page = await anon(`/api/v1/public/decisions/${id}`);
    assert.equal(page.json().status, 'published');
    assert.ok(!JSON.stringify(page.json()).includes('13812345678'));
    const csv = await anon(`/api/v1/public/decisions?q=${encodeURIComponent('翱翔')}&format=csv`);
    assert.match(csv.headers['content-type'] as string, /text\/csv/);
    assert.ok(csv.body.includes('奈曼旗翱翔网络会所') && csv.body.includes('决定文书号'));
    const agencyId = ((await detail(editor, id)) as unknown as { agencyId: string }).agencyId;
    const atom = await anon(`/api/v1/public/agencies/${agencyId}/decisions.atom`);
    assert.equal(atom.statusCode, 200);
    assert.ok(atom.body.includes('<feed') && atom.body.includes('奈曼旗翱翔网络会所'));

    // keyset paging through the portal visits every published record once
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r = await anon(`/api/v1/public/decisions?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...r.json().items.map((x: { id: string }) => x.id));
      cursor = r.json().nextCursor;
    } while (cursor);
    assert.equal(new Set(seen).size, seen.length);
    assert.ok(seen.includes(id));

    // a correction request with an attachment: type by content, size capped, names cleaned, ids checked
    const attach = (body: Buffer, type: string, name: string, to = id) =>
      h.app.inject({
        method: 'POST',
        url: `/api/v1/public/decisions/${to}/correction-attachments`,
        payload: body,
        headers: { 'content-type': type, 'x-file-name': encodeURIComponent(name) },
      });
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    const up = await attach(png, 'image/png', '../../etc/收据.png');
    assert.equal(up.statusCode, 201, up.body);
    assert.equal(up.json().name, '收据.png', 'no directories in a name');
    assertError(await attach(Buffer.from('PK\x03\x04 a zip, not a PDF'), 'application/pdf', 'x.pdf'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    assertError(await attach(Buffer.from('hello'), 'image/png', 'fake.png'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    assertError(await attach(Buffer.concat([png, Buffer.alloc(2 * 1024 * 1024)]), 'image/png', 'big.png'), 413, 'PAYLOAD_TOO_LARGE');
    assertError(await attach(png, 'image/png', 'a.png', '00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
    assertError(
      await h.app.inject({
        method: 'POST',
        url: `/api/v1/public/decisions/${id}/corrections`,
        payload: { name: '刘某', contact: '139', content: '有误', attachmentIds: ['00000000-0000-4000-8000-000000000000'] },
      }),
      400,
      'VALIDATION_FAILED',
    );
    const filed = await h.app.inject({
      method: 'POST',
      url: `/api/v1/public/decisions/${id}/corrections`,
      payload: { name: '刘某', contact: '13900000000', content: '处罚金额有误', attachmentIds: [up.json().id] },
    });
    assert.equal(filed.statusCode, 201, filed.body);
    const { code, dueOn } = filed.json();
    assert.match(code, /^[A-Z0-9]{10}$/);
    assert.ok(dueOn > shanghaiDate());
    assert.equal((await anon(`/api/v1/public/corrections/${code}`)).json().state, 'open');
    assertError(await anon(`/api/v1/public/corrections/bad`), 400, 'VALIDATION_FAILED');
    assertError(await anon(`/api/v1/public/corrections/AAAAAAAAAA`), 404, 'NOT_FOUND');
    assertError(
      await h.app.inject({
        method: 'POST',
        url: `/api/v1/public/decisions/${id}/corrections`,
        payload: { name: '刘某', contact: '', content: 'x' },
      }),
      400,
      'VALIDATION_FAILED',
    );
    const open = (await editor.request('GET', '/api/v1/disclosure-corrections?state=open')).json().items as { id: string; code: string }[];
    const mine = open.find((c) => c.code === code)! as { id: string; code: string; attachments: { id: string; name: string }[] };
    assert.deepEqual(
      mine.attachments.map((a) => a.name),
      ['收据.png'],
    );
    const file = await editor.request('GET', `/api/v1/disclosure-corrections/${mine.id}/attachments/${mine.attachments[0]!.id}`);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'image/png');
    assert.deepEqual(file.rawPayload, png);
    assertError(
      await xixia.request('GET', `/api/v1/disclosure-corrections/${mine.id}/attachments/${mine.attachments[0]!.id}`),
      403,
      'FORBIDDEN',
    );
    assert.equal(
      (
        await editor.request('POST', `/api/v1/disclosure-corrections/${mine.id}/answer`, {
          result: 'rejected',
          answer: '经核实，罚款金额与决定书一致',
        })
      ).statusCode,
      200,
    );
    assertError(
      await editor.request('POST', `/api/v1/disclosure-corrections/${mine.id}/answer`, { result: 'corrected', answer: '再次' }),
      409,
      'DISCLOSURE_STATE',
    );
    assertError(
      await xixia.request('POST', `/api/v1/disclosure-corrections/${mine.id}/answer`, { result: 'corrected', answer: '越权' }),
      403,
      'FORBIDDEN',
    );
    assert.equal((await anon(`/api/v1/public/corrections/${code}`)).json().stateLabel, '经核实不予更正');

    // a correction of the published record: prepared by the editor, the portal unchanged until another person publishes
    const current = await detail(editor, id);
    const revision = maskAll(current);
    const place = current.proposal!.facts!.text.indexOf('上网消费者');
    (revision.fields.facts as { masks: { start: number; end: number }[] }).masks.push({ start: place, end: place + 5 });
    const revised = await editor.request('POST', `/api/v1/disclosures/${id}/prepare`, revision);
    assert.equal(revised.statusCode, 200, revised.body);
    assert.equal(revised.json().state, 'published', 'still published as it was');
    assert.ok((await anon(`/api/v1/public/decisions/${id}`)).json().decision.facts.includes('上网消费者'));
    assertError(await editor.request('POST', `/api/v1/disclosures/${id}/publish`), 409, 'PUBLISHER_NOT_SEPARATE');
    const corrected = await head.request('POST', `/api/v1/disclosures/${id}/publish`);
    assert.equal(corrected.statusCode, 200, corrected.body);
    assert.ok(corrected.json().events.find((e: { kind: string; ledgerRef: number | null }) => e.kind === 'corrected').ledgerRef > 0);
    assert.equal(corrected.json().publishedOn, shanghaiDate(), 'the publication date stays');
    assert.ok(!(await anon(`/api/v1/public/decisions/${id}`)).json().decision.facts.includes('上网消费者'));
    assertError(await head.request('POST', `/api/v1/disclosures/${id}/publish`), 409, 'DISCLOSURE_STATE');

    // the decision is revoked on reconsideration: off the portal at once (000 §13), the change notice follows
    const remedy = await officer.request('POST', `/api/v1/cases/${caseId}/acts`, {
      type: 'remedyOutcome',
      occurredAt: minutesAgo(5),
      content: {
        proceeding: 'reconsideration',
        outcome: 'revoked',
        decidedOn: shanghaiDate(),
        authority: '奈曼旗人民政府',
        documentNumber: '奈政复决〔2026〕5号',
        explanation: '事实不清，撤销原处罚决定',
      },
    });
    assert.equal(remedy.statusCode, 201, remedy.body);
    d = await detail(editor, id);
    assert.equal(d.state, 'withdrawn');
    assert.ok(d.events.find((e) => e.kind === 'withdrawn')!.ledgerRef! > 0, 'the withdrawal is a ledger entry');
    assert.equal((await anon(`/api/v1/public/decisions?q=${encodeURIComponent('翱翔')}`)).json().items.length, 0);
    let gone = (await anon(`/api/v1/public/decisions/${id}`)).json();
    assert.equal(gone.status, 'withdrawn');
    assert.equal(gone.decision, null);
    assert.equal(gone.remedy.label, '经行政复议撤销');
    const notice = await editor.request('POST', `/api/v1/disclosures/${id}/change-notice`, {
      explanation: '原决定经行政复议撤销，联系电话13812345678',
    });
    assert.equal(notice.statusCode, 200, notice.body);
    gone = (await anon(`/api/v1/public/decisions/${id}`)).json();
    assert.match(gone.changeNotice.text, /经行政复议撤销/);
    assert.ok(!gone.changeNotice.text.includes('13812345678'), 'the notice is redacted too');
    assertError(
      await editor.request('POST', `/api/v1/disclosures/${id}/change-notice`, { explanation: '再发一次' }),
      409,
      'DISCLOSURE_STATE',
    );

    // the events are append-only in the database itself
    await assert.rejects(sql`update disclosure_events set kind = 'x' where disclosure_id = ${id}`.execute(h.db), /append-only/);
    await assert.rejects(sql`delete from disclosure_events where disclosure_id = ${id}`.execute(h.db), /append-only/);
  });

  test('a decision published late: overdue in the list and on the board, late by N working days once published', async () => {
    const { disclosureId: id } = await decide({ kind: 'organisation', name: '奈曼旗迟到书店' }, '当事人销售盗版图书', '销售非法出版物', 30);
    const calendar = new WorkingDayCalendar(loadShippedSchedules());
    const d = await detail(editor, id);
    const decidedOn = shanghaiDate(new Date(Date.now() - (30 + 30 * 1440) * 60_000));
    const dueOn = calendar.addWorkingDays(decidedOn, 7).date;
    const late = calendar.workingDaysBetween(dueOn, shanghaiDate()).days;
    assert.ok(late > 0);
    assert.equal(d.workingDaysLate, late, 'late so far');
    const overdue = (await editor.request('GET', '/api/v1/disclosures?overdue=true')).json().items as {
      id: string;
      workingDaysLate: number;
      dueOn: string;
    }[];
    assert.deepEqual(
      overdue.filter((x) => x.id === id).map((x) => [x.dueOn, x.workingDaysLate]),
      [[dueOn, late]],
    );
    assert.ok(!(await editor.request('GET', '/api/v1/disclosures?overdue=false')).json().items.some((x: { id: string }) => x.id === id));
    assert.ok((await editor.request('GET', '/api/v1/disclosures/todo')).json().overdue >= 1);
    assert.equal((await editor.request('POST', `/api/v1/disclosures/${id}/prepare`, maskAll(d))).statusCode, 200);
    const published = (await head.request('POST', `/api/v1/disclosures/${id}/publish`)).json();
    assert.equal(published.workingDaysLate, late, `published late by ${late} working days`);
    const board = (await head.request('GET', '/api/v1/disclosures/timeliness')).json();
    const naiman = board.agencies.find((a: { agencyName: string }) => a.agencyName === '奈曼旗文化和旅游局');
    assert.ok(naiman.late >= 1 && naiman.lateWorkingDays >= late && naiman.lateRate > 0, JSON.stringify(naiman));
  });

  test('a minor party is never published; exclusion with a reason and the head approval 003 §8 allows', async () => {
    const first17 = `150525${Number(shanghaiDate().slice(0, 4)) - 16}0315123`;
    const { disclosureId: minorId } = await decide(
      { kind: 'person', name: '李小明', idNumber: first17 + idNumberCheckChar(first17) },
      '当事人李小明在网吧上网',
    );
    const m = await detail(editor, minorId);
    assert.equal(m.state, 'excluded');
    assert.equal(m.exclusion!.reason, 'minor');
    assert.match(m.exclusion!.note, /未满十八周岁/);
    assert.ok(m.events[0]!.ledgerRef! > 0);
    assertError(await editor.request('POST', `/api/v1/disclosures/${minorId}/prepare`, { fields: {} }), 409, 'DISCLOSURE_STATE');
    assertError(
      await head.request('POST', `/api/v1/disclosures/${minorId}/approve-publication`, { note: '批准' }),
      409,
      'EXCLUSION_NOT_APPROVABLE',
    );

    // an adult: the editor excludes for privacy, the head approves publication, it goes back to the editor
    const { disclosureId: id } = await decide({ kind: 'person', name: '王大力', birthDate: '1980-01-01' }, '当事人王大力经营');
    let d = await detail(editor, id);
    assert.equal(d.state, 'pending');
    assert.equal(d.proposal!.partyName!.text, '王某某', 'a person is published as 王某某');
    assertError(
      await editor.request('POST', `/api/v1/disclosures/${id}/exclude`, { reason: 'nonsense', note: 'x' }),
      400,
      'VALIDATION_FAILED',
    );
    const ex = await editor.request('POST', `/api/v1/disclosures/${id}/exclude`, { reason: 'privacy', note: '涉及当事人健康状况' });
    assert.equal(ex.statusCode, 200, ex.body);
    assert.equal(ex.json().exclusion.label, '涉及个人隐私');
    assertError(await editor.request('POST', `/api/v1/disclosures/${id}/approve-publication`, { note: '同意' }), 403, 'FORBIDDEN');
    d = (await head.request('POST', `/api/v1/disclosures/${id}/approve-publication`, { note: '权利人书面同意公开' })).json();
    assert.equal(d.state, 'pending');
    assert.equal(d.exclusion!.approval.note, '权利人书面同意公开');

    // the board counts it; supervisors see their division; the 双公示 export reads published penalties
    const board = await supervisor.request('GET', '/api/v1/disclosures/timeliness');
    assert.equal(board.statusCode, 200, board.body);
    const naiman = board.json().agencies.find((a: { agencyName: string }) => a.agencyName === '奈曼旗文化和旅游局');
    assert.ok(naiman.decisions >= 2 && naiman.excluded >= 1, JSON.stringify(naiman));
    assert.ok(board.json().divisions.length >= 1);
    assertError(await officer.request('GET', '/api/v1/disclosures/timeliness'), 403, 'FORBIDDEN');
    const xlsx = await head.request('GET', '/api/v1/disclosures/double-publicity?kind=penalty&format=xlsx');
    assert.equal(xlsx.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    assert.equal(wb.worksheets[0]!.getRow(1).getCell(1).value, '行政相对人名称');
    const csv = await head.request('GET', '/api/v1/disclosures/double-publicity?kind=licence&format=csv');
    assert.ok(csv.body.includes('行政许可决定文书号'));

    // songyuan-2019 (002 公示办法 §28): off the portal after 5 years for an organisation; the back office keeps it
    assert.equal((await h.admin.request('PUT', '/api/v1/divisions/150525/policy', { policyId: 'songyuan-2019' })).statusCode, 200);
    const { disclosureId: old } = await decide({ kind: 'organisation', name: '奈曼旗长青书店' }, '当事人销售非法出版物');
    const pub = await detail(editor, old);
    assert.equal((await editor.request('POST', `/api/v1/disclosures/${old}/prepare`, maskAll(pub))).statusCode, 200);
    const out = (await head.request('POST', `/api/v1/disclosures/${old}/publish`)).json();
    const today = shanghaiDate();
    assert.equal(out.takeDownOn, `${Number(today.slice(0, 4)) + 5}${today.slice(4)}`.replace(/-02-29$/, '-03-01'));
    const portal = () => h.app.inject({ method: 'GET', url: `/api/v1/public/decisions?q=${encodeURIComponent('长青书店')}` });
    assert.equal((await portal()).json().items.length, 1);
    await sql`update disclosures set take_down_on = ${today} where id = ${old}`.execute(h.db); // five years later, as the portal sees it
    assert.equal((await portal()).json().items.length, 0, 'off the portal on its take-down day');
    assertError(await h.app.inject({ method: 'GET', url: `/api/v1/public/decisions/${old}` }), 404, 'NOT_FOUND');
    assert.equal((await detail(editor, old)).state, 'published', 'the back office keeps it');
    assert.equal((await h.admin.request('PUT', '/api/v1/divisions/150525/policy', { policyId: null })).statusCode, 200);
  });

  test('actions: each step is offered to whoever may take it now, and refused to the others', async () => {
    const { caseId, disclosureId: id } = await decide({ kind: 'organisation', name: '奈曼旗星辰网咖' }, '当事人未核对上网消费者身份证件');
    const actions = async (s: Session) => ((await detail(s, id)) as Detail & { actions: string[] }).actions;
    assert.deepEqual(await actions(editor), ['prepare', 'exclude']);
    assert.deepEqual(await actions(head), ['prepare', 'exclude']);
    assert.deepEqual(await actions(supervisor), []);
    assertError(await officer.request('GET', `/api/v1/disclosures/${id}`), 403, 'FORBIDDEN');
    assertError(await supervisor.request('POST', `/api/v1/disclosures/${id}/prepare`, maskAll(await detail(editor, id))), 403, 'FORBIDDEN');
    assertError(
      await supervisor.request('POST', `/api/v1/disclosures/${id}/exclude`, { reason: 'privacy', note: '涉及个人隐私' }),
      403,
      'FORBIDDEN',
    );

    assert.equal((await editor.request('POST', `/api/v1/disclosures/${id}/prepare`, maskAll(await detail(editor, id)))).statusCode, 200);
    assert.deepEqual(
      await actions(editor),
      ['prepare', 'publish', 'exclude'],
      'the preparer is offered publication and told it needs another person (preparedByMe)',
    );
    assert.deepEqual(await actions(head), ['prepare', 'publish', 'exclude']);
    assertError(await supervisor.request('POST', `/api/v1/disclosures/${id}/publish`), 403, 'FORBIDDEN');
    assert.equal((await head.request('POST', `/api/v1/disclosures/${id}/publish`)).statusCode, 200);
    assert.deepEqual(await actions(editor), ['prepare'], 'published: a correction can be prepared');
    assertError(
      await editor.request('POST', `/api/v1/disclosures/${id}/exclude`, { reason: 'privacy', note: '涉及个人隐私' }),
      409,
      'DISCLOSURE_STATE',
    );

    // overturned on reconsideration: the change notice is offered to the editors until it is out
    const remedy = await officer.request('POST', `/api/v1/cases/${caseId}/acts`, {
      type: 'remedyOutcome',
      occurredAt: minutesAgo(5),
      content: {
        proceeding: 'reconsideration',
        outcome: 'revoked',
        decidedOn: shanghaiDate(),
        authority: '奈曼旗人民政府',
        explanation: '事实不清，撤销原处罚决定',
      },
    });
    assert.equal(remedy.statusCode, 201, remedy.body);
    assert.deepEqual(await actions(editor), ['publishChangeNotice']);
    assert.deepEqual(await actions(supervisor), []);
    assertError(
      await supervisor.request('POST', `/api/v1/disclosures/${id}/change-notice`, { explanation: '原决定经行政复议撤销' }),
      403,
      'FORBIDDEN',
    );
    assert.equal(
      (await editor.request('POST', `/api/v1/disclosures/${id}/change-notice`, { explanation: '原决定经行政复议撤销' })).statusCode,
      200,
    );
    assert.deepEqual(await actions(editor), []);

    // excluded for a reason 003 §8 lets the head lift: only the head is offered the approval
    const other = (await decide({ kind: 'organisation', name: '奈曼旗晨光网吧' }, '当事人未核对上网消费者身份证件')).disclosureId;
    assert.equal(
      (await editor.request('POST', `/api/v1/disclosures/${other}/exclude`, { reason: 'commercialSecret', note: '涉及商业秘密' }))
        .statusCode,
      200,
    );
    const otherActions = async (s: Session) => ((await detail(s, other)) as Detail & { actions: string[] }).actions;
    assert.deepEqual(await otherActions(editor), []);
    assert.deepEqual(await otherActions(head), ['approvePublication']);
    assertError(
      await editor.request('POST', `/api/v1/disclosures/${other}/approve-publication`, { note: '权利人同意公开' }),
      403,
      'FORBIDDEN',
    );
    assert.equal(
      (await head.request('POST', `/api/v1/disclosures/${other}/approve-publication`, { note: '权利人书面同意公开' })).statusCode,
      200,
    );
    assert.deepEqual(await otherActions(head), ['prepare', 'exclude']);
  });
});
