// Demo cases: the 奈曼旗文化和旅游局 demo agency's cases at every stage — awaiting opening approval, an emergency
// opening awaiting its 24-hour approval, a complaint not opened, under investigation, awaiting decision, decided,
// being executed, concluded, and a penalty case archived with its audio record — so that a newcomer sees the whole
// flow at once, and a major decision under legal review. Everything goes through the HTTP API as the demo users (the same checks, ledger entries and audit
// as real work); two officers with certificates are published in the registry first.
import type { App } from '../platform/app-types.ts';

interface Session {
  request(
    method: string,
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ statusCode: number; body: string; headers: Record<string, unknown>; json(): unknown }>;
}

async function session(app: App, username: string, password: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`demo login ${username} failed: ${res.statusCode}`);
  const set = res.headers['set-cookie'];
  const cookie = (Array.isArray(set) ? set[0]! : String(set)).split(';')[0]!;
  const csrf = res.json().csrfToken as string;
  return {
    request: (method, url, payload, headers = {}) =>
      app.inject({
        method: method as 'GET',
        url,
        headers: { cookie, 'x-csrf-token': csrf, ...headers },
        ...(payload === undefined ? {} : { payload: payload as object }),
      }),
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's JSON, shaped by how each caller uses it
async function ok<T = any>(p: Promise<{ statusCode: number; body: string; json(): unknown }>, what: string): Promise<T> {
  const r = await p;
  if (r.statusCode >= 300) throw new Error(`demo data: ${what} failed (${r.statusCode}): ${r.body}`);
  return (r.body ? r.json() : undefined) as T;
}

/** One second of 8 kHz, 16-bit mono silence as a WAV file: a real audio record the server recognises by its bytes. */
function silentWav(seconds = 1): Buffer {
  const samples = 8000 * seconds;
  const b = Buffer.alloc(44 + samples * 2);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + samples * 2, 4);
  b.write('WAVE', 8);
  b.write('fmt ', 12);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(8000, 24);
  b.writeUInt32LE(16000, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(samples * 2, 40);
  return b;
}

const CERTS = ['15052520190001', '15052520190002'];
const REVIEWER_CERT = '15052520190009';

/** Seeds the demo cases once (when the demo agency has none). Returns how many cases it created. */
export async function seedDemoCases(app: App, password: string): Promise<number> {
  const [officer, unithead, head, editor] = await Promise.all(
    ['officer', 'unithead', 'head', 'editor'].map((u) => session(app, u, password)),
  );
  const existing = await ok<{ total: number }>(head.request('GET', '/api/v1/cases?pageSize=1'), 'list cases');
  if (existing.total > 0) return 0;

  for (const [name, cert, gender] of [
    ['张执法', CERTS[0], '男'],
    ['赵执法', CERTS[1], '女'],
  ] as const) {
    const v = await ok(
      editor.request('POST', '/api/v1/registry/officer', {
        data: {
          name,
          gender,
          post: '文化市场综合执法大队队员',
          certificateNumber: cert,
          categories: ['文化市场', '旅游市场'],
          area: '奈曼旗',
          validFrom: '2024-01-01',
          validTo: '2029-12-31',
          status: 'valid',
        },
      }),
      `officer ${name}`,
    );
    await ok(head.request('POST', `/api/v1/registry/versions/${v.versionId}/decision`, { decision: 'approved' }), `publish ${name}`);
  }

  const now = Date.now();
  const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
  const party = (name: string, i: number) => ({
    kind: 'organisation' as const,
    name,
    representative: ['王某', '李某', '刘某', '陈某', '杨某', '赵某', '黄某', '周某', '吴某'][i % 9],
    address: '内蒙古自治区通辽市奈曼旗大沁他拉镇',
  });
  const open = (cause: string, name: string, i: number, extra: Record<string, unknown> = {}) =>
    ok(
      officer.request('POST', '/api/v1/cases', {
        actCategory: 'penalty',
        origin: 'exOfficio',
        cause,
        field: '文化市场',
        party: party(name, i),
        summary: `执法人员日常巡查发现${name}涉嫌${cause}。`,
        ...extra,
      }),
      `open ${cause}`,
    );
  const act = (s: Session, id: string, body: Record<string, unknown>) =>
    ok(s.request('POST', `/api/v1/cases/${id}/acts`, { occurredAt: at(60), ...body }), `${String(body.type)} on ${id}`);
  const field = { officers: CERTS, certificateShown: true, rightsTold: true, place: '奈曼旗大沁他拉镇' };

  async function upload(name: string, startMin: number, endMin: number): Promise<string> {
    const bytes = silentWav();
    const meta = {
      filename: name,
      deviceId: 'DSJ-NM-001',
      officerName: '张执法',
      recordingStart: at(startMin),
      recordingEnd: at(endMin),
      place: '奈曼旗大沁他拉镇',
    };
    const c = await officer.request('POST', '/api/v1/uploads', undefined, {
      'tus-resumable': '1.0.0',
      'upload-length': String(bytes.length),
      'upload-metadata': Object.entries(meta)
        .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
        .join(','),
    });
    if (c.statusCode !== 201) throw new Error(`demo upload failed: ${c.body}`);
    const p = await officer.request('PATCH', String(c.headers.location), bytes, {
      'tus-resumable': '1.0.0',
      'upload-offset': '0',
      'content-type': 'application/offset+octet-stream',
    });
    if (p.statusCode !== 204) throw new Error(`demo upload failed: ${p.body}`);
    return String(p.headers['evidence-id']);
  }

  // How far along the penalty path each case gets: 0 awaiting opening approval, 1 opened, 2 evidence collected,
  // 3 rights notice served, 4 statement heard and decision drafted, 5 decided, 6 decision served (execution),
  // 7 executed and concluded, 9 archived.
  const scenarios: { cause: string; party: string; steps: number }[] = [
    { cause: '未经许可擅自从事营业性演出', party: '奈曼旗星光演艺酒吧', steps: 0 },
    { cause: '擅自从事互联网上网服务经营活动', party: '奈曼旗极速网吧', steps: 2 },
    { cause: '接纳未成年人进入互联网上网服务营业场所', party: '奈曼旗畅游网咖', steps: 3 },
    { cause: '未在经营场所显著位置悬挂许可证件', party: '奈曼旗阳光书店', steps: 4 },
    { cause: '旅行社未与旅游者签订书面合同', party: '奈曼旗草原之旅旅行社', steps: 5 },
    { cause: '娱乐场所超时营业', party: '奈曼旗金嗓子KTV', steps: 6 },
    { cause: '经营含有禁止内容的游戏游艺设备', party: '奈曼旗欢乐谷游艺厅', steps: 7 },
    { cause: '未按规定核对上网消费者身份证件', party: '奈曼旗飞翔网吧', steps: 9 },
  ];
  let created = 0;
  for (const [i, s] of scenarios.entries()) {
    const c = await open(s.cause, s.party, i, { handlerIds: [] });
    created++;
    if (s.steps < 1) continue;
    await act(unithead, c.id, {
      type: 'opening',
      occurredAt: at(300),
      content: { approved: true, opinion: '同意立案调查，由张执法、赵执法承办。' },
    });
    if (s.steps < 2) continue;
    await act(officer, c.id, {
      type: 'inquiry',
      ...field,
      occurredAt: at(280),
      endedAt: at(260),
      partyPresent: `${party(s.party, i).representative}（负责人）`,
      content: {
        person: party(s.party, i).representative,
        relation: '负责人',
        transcript: `问：我们是奈曼旗文化和旅游局执法人员，这是我们的执法证件，请你确认。\n答：看清楚了。\n问：${s.cause}的情况是否属实？\n答：属实。`,
      },
    });
    const media = [await upload(`现场检查录音-${i + 1}.wav`, 250, 230)];
    await act(officer, c.id, {
      type: 'inspection',
      ...field,
      occurredAt: at(245),
      endedAt: at(235),
      media,
      content: { findings: `现场检查发现当事人${s.cause}，已拍照、录音固定证据。` },
    });
    if (s.steps < 3) continue;
    const notice = await act(officer, c.id, {
      type: 'rightsNotice',
      occurredAt: at(200),
      content: {
        facts: `当事人${s.cause}`,
        basis: '《中华人民共和国行政处罚法》及相关文化市场管理法规',
        proposed: '警告，并处罚款人民币五千元',
        hearingEligible: false,
      },
    });
    await act(officer, c.id, {
      type: 'service',
      occurredAt: at(190),
      content: { documentActId: notice.id, method: 'mail', recipient: s.party },
    });
    if (s.steps < 4) continue;
    await act(officer, c.id, {
      type: 'statementDefence',
      occurredAt: at(180),
      content: {
        waived: false,
        statement: '对违法事实无异议，初次违法，请求从轻处罚。',
        hearingRequested: false,
        adopted: '当事人初次违法且积极整改，在裁量基准幅度内从轻处罚。',
      },
    });
    await act(officer, c.id, {
      type: 'draftDecision',
      occurredAt: at(170),
      content: {
        proposal: '警告，并处罚款人民币五千元',
        basis: '《中华人民共和国行政处罚法》第二十八条',
        fineFen: 500_000,
        discretion: { level: '初次违法、情节较轻：幅度下限', reason: '当事人初次违法，及时改正，依裁量基准从轻。' },
      },
    });
    if (s.steps < 5) continue;
    const decision = await act(head, c.id, {
      type: 'decision',
      occurredAt: at(150),
      content: {
        decision: '警告，并处罚款人民币五千元',
        basis: '《中华人民共和国行政处罚法》第二十八条',
        fineFen: 500_000,
        remedy: '如不服本决定，可在收到本决定书之日起六十日内申请行政复议，或者在六个月内依法提起行政诉讼。',
      },
    });
    if (s.steps < 6) continue;
    await act(officer, c.id, {
      type: 'service',
      ...field,
      occurredAt: at(140),
      content: { documentActId: decision.id, method: 'direct', recipient: party(s.party, i).representative },
    });
    if (s.steps < 7) continue;
    await act(officer, c.id, {
      type: 'execution',
      occurredAt: at(100),
      content: { method: 'voluntary', detail: '当事人已到指定银行缴纳罚款。', amountFen: 500_000, completed: true },
    });
    await act(unithead, c.id, {
      type: 'conclusion',
      occurredAt: at(80),
      content: { outcome: 'executed', summary: '罚款已缴清，案件办结。' },
    });
    if (s.steps < 9) continue;
    await act(officer, c.id, {
      type: 'archive',
      occurredAt: at(60),
      content: { location: '执法档案室 1 号柜', note: '含现场检查录音 1 份' },
    });
  }

  // decisions published on the portal (redacted by the editor, published by the head); the newest waits for the editor
  const pending = await ok<{ items: { id: string; partyName: string }[] }>(
    editor.request('GET', '/api/v1/disclosures?state=pending&sort=decidedOn&pageSize=100'),
    'list disclosures',
  );
  for (const d of pending.items.filter((x) => x.partyName !== '奈曼旗草原之旅旅行社')) {
    const detail = await ok<{ proposal: Record<string, { findings: { start: number; end: number }[] }> }>(
      editor.request('GET', `/api/v1/disclosures/${d.id}`),
      'read disclosure',
    );
    const fields = Object.fromEntries(
      Object.entries(detail.proposal).map(([f, p]) => [f, { masks: p.findings.map(({ start, end }) => ({ start, end })) }]),
    );
    await ok(editor.request('POST', `/api/v1/disclosures/${d.id}/prepare`, { fields }), `redact ${d.partyName}`);
    await ok(head.request('POST', `/api/v1/disclosures/${d.id}/publish`), `publish ${d.partyName}`);
  }

  // a major decision under legal review: the reviewer (刘审核, with the legal-professional qualification in the officer
  // registry) has taken it and the clock is running
  const admin = await session(app, 'admin', password);
  const rv = await ok(
    editor.request('POST', '/api/v1/registry/officer', {
      data: {
        name: '刘审核',
        gender: '男',
        post: '法制审核人员',
        certificateNumber: REVIEWER_CERT,
        categories: ['文化市场', '旅游市场'],
        area: '奈曼旗',
        validFrom: '2024-01-01',
        validTo: '2029-12-31',
        status: 'valid',
        legalQualification: { certificateNumber: 'A20181505250001', obtainedOn: '2018-12-20' },
      },
    }),
    'officer 刘审核',
  );
  await ok(head.request('POST', `/api/v1/registry/versions/${rv.versionId}/decision`, { decision: 'approved' }), 'publish 刘审核');
  const users = await ok<{ items: { id: string; username: string }[] }>(
    admin.request('GET', '/api/v1/users?q=reviewer'),
    'find the reviewer',
  );
  await ok(
    admin.request('PATCH', `/api/v1/users/${users.items.find((u) => u.username === 'reviewer')!.id}`, { certificateNumber: REVIEWER_CERT }),
    'link the reviewer',
  );
  const major = await open('经营含有禁止内容的网络游戏', '奈曼旗风云网络科技有限公司', 4, { handlerIds: [] });
  await act(unithead, major.id, { type: 'opening', occurredAt: at(300), content: { approved: true, opinion: '同意立案调查。' } });
  await act(officer, major.id, {
    type: 'inquiry',
    ...field,
    occurredAt: at(280),
    endedAt: at(260),
    content: { person: '周某', relation: '法定代表人', transcript: '问：你公司运营的游戏是否含有禁止内容？\n答：部分内容未经审核。' },
  });
  await act(officer, major.id, {
    type: 'rightsNotice',
    occurredAt: at(200),
    content: {
      facts: '当事人运营含有禁止内容的网络游戏',
      basis: '《网络出版服务管理规定》',
      proposed: '没收违法所得，并处罚款人民币三万元',
      hearingEligible: true,
    },
  });
  await act(officer, major.id, { type: 'statementDefence', occurredAt: at(180), content: { waived: true, hearingRequested: false } });
  await act(officer, major.id, {
    type: 'draftDecision',
    occurredAt: at(170),
    content: {
      proposal: '没收违法所得，并处罚款人民币三万元',
      basis: '《网络出版服务管理规定》第五十一条',
      fineFen: 3_000_000,
      discretion: { level: '情节较重：幅度中限', reason: '涉及未成年人用户，社会影响较大。' },
      majorFacts: { kinds: ['fine', 'confiscation'], businessActivity: true, flags: ['majorPublicInterest'] },
    },
  });
  const review = await ok(
    officer.request('POST', `/api/v1/cases/${major.id}/reviews`, {
      investigationReport: '经调查，当事人运营的网络游戏含有禁止内容，违法事实清楚，证据确实充分，建议予以行政处罚。',
      explanation: {
        facts: '当事人自 2026 年起运营含有禁止内容的网络游戏，注册用户中有未成年人。',
        lawAndDiscretion: '依据《网络出版服务管理规定》第五十一条，适用裁量基准“情节较重”。',
        investigation: '询问法定代表人一次，当事人放弃陈述、申辩，未要求听证。',
      },
    }),
    'submit for legal review',
  );
  await ok(
    (await session(app, 'reviewer', password)).request('POST', `/api/v1/reviews/${review.id}/assign`, {
      reviewerId: users.items.find((u) => u.username === 'reviewer')!.id,
    }),
    'take the review',
  );
  created++;

  // a complaint not opened (the complainant told why) and an emergency opening awaiting its approval
  const complaint = await open('群众投诉某歌舞厅噪音扰民', '奈曼旗夜色歌舞厅', 7, { origin: 'complaint' });
  await act(unithead, complaint.id, {
    type: 'opening',
    occurredAt: at(30),
    content: {
      approved: false,
      opinion: '经核查，投诉事项不属于本部门职责。',
      replyToComplainant: '您反映的噪音问题属于生态环境部门职责，已告知您向其反映。',
    },
  });
  await open('现场发现非法出版物正在销售，先行登记保存', '奈曼旗书香文具店', 8, { origin: 'emergency' });
  created += 2;
  return created;
}
