// Retention and destruction of media records on both engines (SPEC §3.5; 000 §23; 003 记录办法 §21): the retention
// end comes from the policy at archiving; a lawsuit or complaint makes the records permanent; nothing is destroyed
// inside the period; after it, destruction needs the custodian's request and another person's approval, becomes a
// ledger entry, removes bytes no other file holds, and later downloads get 410.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { describeApp, login, type Session } from '../../../../test/support/app.ts';
import { TUS, assertError, minutesAgo, uploadMetadata } from '../../../../test/support/http.ts';

const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describeApp('retention and destruction of media records', (h) => {
  let officer: Session, unithead: Session, head: Session, custodian: Session;
  const two = ['NMRET0001', 'NMRET0002'];
  const shared = crypto.randomBytes(5000);

  before(async () => {
    [officer, unithead, head, custodian] = await Promise.all(['officer', 'unithead', 'head', 'custodian'].map((u) => login(h.app, u)));
    const editor = await login(h.app, 'editor');
    for (const [name, cert] of [
      ['甲执法', two[0]],
      ['乙执法', two[1]],
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
    // 奈曼旗 under the Yinchuan pack: AV records kept at least three years (003 记录办法 §21)
    assert.equal((await h.admin.request('PUT', '/api/v1/divisions/150525/policy', { policyId: 'yinchuan-2018' })).statusCode, 200);
  });

  async function upload(bytes: Buffer): Promise<string> {
    const c = await officer.request('POST', '/api/v1/uploads', undefined, {
      ...TUS,
      'upload-length': String(bytes.length),
      'upload-metadata': uploadMetadata({ filename: '录音.wav', recordingStart: minutesAgo(50), recordingEnd: minutesAgo(40) }),
    });
    const p = await officer.request('PATCH', c.headers.location as string, bytes, {
      ...TUS,
      'upload-offset': '0',
      'content-type': 'application/offset+octet-stream',
    });
    assert.equal(p.statusCode, 204, p.body);
    return p.headers['evidence-id'] as string;
  }

  /** An archived case whose inspection links `media`. */
  async function archivedCase(media: string[], remedy?: string): Promise<string> {
    const c = await officer.request('POST', '/api/v1/cases', {
      actCategory: 'penalty',
      origin: 'exOfficio',
      cause: '未按规定悬挂许可证',
      field: '文化市场',
      party: { kind: 'person', name: '孙某' },
    });
    const id = c.json().id;
    const act = async (s: Session, body: Record<string, unknown>) => {
      const r = await s.request('POST', `/api/v1/cases/${id}/acts`, { occurredAt: minutesAgo(30), ...body });
      assert.equal(r.statusCode, 201, r.body);
      return r.json();
    };
    await act(unithead, { type: 'opening', content: { approved: true, opinion: '同意' } });
    // the inspection is the one the recordings (50 to 40 minutes ago) recorded: a linked recording fits the act's time
    await act(officer, {
      type: 'inspection',
      occurredAt: minutesAgo(48),
      endedAt: minutesAgo(42),
      officers: two,
      certificateShown: true,
      media,
      content: { findings: '未悬挂' },
    });
    if (remedy) await act(officer, { type: 'remedy', content: { event: remedy, detail: '当事人向奈曼旗人民法院提起行政诉讼' } });
    await act(unithead, { type: 'conclusion', content: { outcome: 'noPenalty', summary: '情节轻微，当场改正，不予处罚' } });
    await act(officer, { type: 'archive', content: {} });
    return id;
  }

  test('the retention end is set at archiving; destruction inside it is impossible; after it, approved by another person, it is ledgered and the bytes go', async () => {
    const own = await upload(crypto.randomBytes(3000));
    const common = await upload(shared);
    const id = await archivedCase([own, common]);
    const other = await archivedCase([await upload(shared)]); // the same bytes in another case
    const detail = (await head.request('GET', `/api/v1/cases/${id}`)).json();
    const [y, m, d] = today.split('-').map(Number);
    assert.equal(detail.retention.until, new Date(Date.UTC(y! + 3, m! - 1, d!)).toISOString().slice(0, 10));
    assert.equal(detail.retention.permanent, null);

    assertError(await custodian.request('POST', `/api/v1/cases/${id}/destruction`, { reason: '保存期满' }), 409, 'RETENTION_NOT_EXPIRED');
    assert.equal(
      Number((await sql<{ n: string }>`select count(*) as n from case_destructions`.execute(h.db)).rows[0]!.n),
      0,
      'a refusal writes nothing',
    );

    // three years later (the projection's date moved back)
    await sql`update cases set retention_until = '2020-01-01' where id in (${id}, ${other})`.execute(h.db);
    assertError(await officer.request('POST', `/api/v1/cases/${id}/destruction`, { reason: '保存期满' }), 403, 'FORBIDDEN');
    assertError(await custodian.request('POST', `/api/v1/cases/${id}/destruction`, { reason: '' }), 400, 'VALIDATION_FAILED');
    const req = await custodian.request('POST', `/api/v1/cases/${id}/destruction`, { reason: '保存期满三年，无长期保存情形' });
    assert.equal(req.statusCode, 201, req.body);
    assertError(await custodian.request('POST', `/api/v1/cases/${id}/destruction`, { reason: '再次申请' }), 409, 'CONFLICT');
    assert.ok(
      (await head.request('GET', '/api/v1/cases/todo'))
        .json()
        .items.some((t: { kind: string; id: string }) => t.kind === 'destruction' && t.id === req.json().id),
    );
    assertError(
      await custodian.request('POST', `/api/v1/case-destructions/${req.json().id}/decision`, { approved: true }),
      403,
      'FORBIDDEN',
    );
    assertError(
      await head.request('POST', `/api/v1/case-destructions/${req.json().id}/decision`, { approved: false }),
      400,
      'VALIDATION_FAILED',
    );

    const ok = await head.request('POST', `/api/v1/case-destructions/${req.json().id}/decision`, { approved: true, comment: '同意销毁' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().destroyed, 2);
    assertError(
      await head.request('POST', `/api/v1/case-destructions/${req.json().id}/decision`, { approved: true }),
      409,
      'ALREADY_DECIDED',
    );
    assert.ok(
      (await h.db
        .selectFrom('ledger_queue')
        .select('id')
        .where('kind', '=', 'case.destroy')
        .where('subject', '=', id)
        .executeTakeFirst()) ??
        (await h.db
          .selectFrom('ledger_entries')
          .select('seq')
          .where('kind', '=', 'case.destroy')
          .where('subject', '=', id)
          .executeTakeFirst()),
      'the destruction is a ledger entry',
    );

    assertError(await head.request('GET', `/api/v1/evidence/${own}/content`), 410, 'EVIDENCE_DESTROYED');
    assert.equal(
      (await head.request('GET', `/api/v1/evidence/${own}/verify`)).json().blob.present,
      false,
      'the bytes are gone from the store',
    );
    const otherMedia = (await head.request('GET', `/api/v1/cases/${other}`))
      .json()
      .acts.find((a: { type: string }) => a.type === 'inspection').media[0].evidenceId;
    const kept = await head.request('GET', `/api/v1/evidence/${otherMedia}/content`);
    assert.equal(kept.statusCode, 200, 'bytes another case still holds are kept');
    assert.ok(kept.rawPayload.equals(shared));

    const after = (await head.request('GET', `/api/v1/cases/${id}`)).json();
    assert.ok(after.retention.destroyedAt);
    assert.equal(after.retention.destruction.decision.approved, true);
    assert.ok(after.acts.find((a: { type: string }) => a.type === 'inspection').media.every((x: { destroyed: boolean }) => x.destroyed));
    assertError(await custodian.request('POST', `/api/v1/cases/${id}/destruction`, { reason: '再销毁' }), 409, 'STAGE_FORBIDS');
    assertError(
      await head.request('POST', '/api/v1/cases/' + id + '/acts', {
        type: 'inquiry',
        occurredAt: minutesAgo(1),
        officers: two,
        certificateShown: true,
        content: { person: '孙某', transcript: '……' },
      }),
      409,
      'STAGE_FORBIDS',
    );
    // the exported case file still verifies: the destroyed media are listed, not included
    const zip = await head.request('POST', `/api/v1/cases/${id}/export`);
    assert.equal(zip.statusCode, 200, zip.body);
  });

  test('a lawsuit makes the records permanent: no destruction request, and a pending one cannot be approved', async () => {
    const permanent = await archivedCase([await upload(crypto.randomBytes(100))], 'lawsuit');
    const d = (await head.request('GET', `/api/v1/cases/${permanent}`)).json();
    assert.equal(d.retention.permanent, 'lawsuit');
    await sql`update cases set retention_until = '2020-01-01' where id = ${permanent}`.execute(h.db);
    assertError(
      await custodian.request('POST', `/api/v1/cases/${permanent}/destruction`, { reason: '保存期满' }),
      409,
      'RETENTION_PERMANENT',
    );

    const later = await archivedCase([await upload(crypto.randomBytes(100))]);
    await sql`update cases set retention_until = '2020-01-01' where id = ${later}`.execute(h.db);
    const req = await custodian.request('POST', `/api/v1/cases/${later}/destruction`, { reason: '保存期满' });
    assert.equal(req.statusCode, 201, req.body);
    const complaint = await officer.request('POST', `/api/v1/cases/${later}/acts`, {
      type: 'remedy',
      occurredAt: minutesAgo(1),
      content: { event: 'complaint', detail: '当事人向市司法局投诉' },
    });
    assert.equal(complaint.statusCode, 201, complaint.body);
    assertError(
      await head.request('POST', `/api/v1/case-destructions/${req.json().id}/decision`, { approved: true }),
      409,
      'RETENTION_PERMANENT',
    );
    assertError(
      await officer.request('POST', `/api/v1/cases/${later}/acts`, {
        type: 'remedy',
        occurredAt: minutesAgo(1),
        content: { event: 'forever', detail: 'x' },
      }),
      400,
      'VALIDATION_FAILED',
    );

    // the head cannot approve a request of their own
    const third = await archivedCase([await upload(crypto.randomBytes(100))]);
    await sql`update cases set retention_until = '2020-01-01' where id = ${third}`.execute(h.db);
    const own = await head.request('POST', `/api/v1/cases/${third}/destruction`, { reason: '保存期满' });
    assert.equal(own.statusCode, 201, own.body);
    assertError(
      await head.request('POST', `/api/v1/case-destructions/${own.json().id}/decision`, { approved: true }),
      403,
      'SELF_REVIEW_FORBIDDEN',
    );
  });
});
