// The case file (案卷) on both engines: exported as one zip, verified offline by `sanxiang verify-casefile` with the
// published key, and every kind of tampering — a changed media byte, a swapped document together with its manifest
// line, an added file, a removed file, a foreign key — fails and names the file.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { describeApp, login, type Session } from '../../../../test/support/app.ts';
import { runVerifyCasefile } from '../../../verifier/cli.ts';
import { TUS, minutesAgo, uploadMetadata } from '../../../../test/support/http.ts';

/** All entries of a zip, in order. */
function readZip(buf: Buffer): Promise<{ name: string; data: Buffer }[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const out: { name: string; data: Buffer }[] = [];
      zip.on('entry', (e: yauzl.Entry) =>
        zip.openReadStream(e, (err2, s) => {
          if (err2) return reject(err2);
          const parts: Buffer[] = [];
          s.on('data', (d: Buffer) => parts.push(d)).on('end', () => {
            out.push({ name: e.fileName, data: Buffer.concat(parts) });
            zip.readEntry();
          });
        }),
      );
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}

function writeZip(entries: { name: string; data: Buffer }[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(e.data, e.name);
  zip.end();
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    zip.outputStream.on('data', (d: Buffer) => parts.push(d)).on('end', () => resolve(Buffer.concat(parts)));
  });
}

describeApp('case file export and offline verification', (h) => {
  let officer: Session, unithead: Session, head: Session, officer2: Session, xixia: Session;
  let caseId = '';
  let key = '';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sx-casefile-'));
  const two = ['NMEXP0001', 'NMEXP0002'];
  const video = crypto.randomBytes(64 * 1024);

  async function verify(buf: Buffer, keys = [key]) {
    const file = path.join(dir, `${crypto.randomUUID()}.zip`);
    fs.writeFileSync(file, buf);
    const lines: string[] = [];
    const code = await runVerifyCasefile([file, ...keys.flatMap((k) => ['--key', k])], (l) => lines.push(l));
    return { code, out: lines.join('\n') };
  }

  before(async () => {
    [officer, unithead, head, officer2, xixia] = await Promise.all(
      ['officer', 'unithead', 'head', 'officer2', 'xixia.officer'].map((u) => login(h.app, u)),
    );
    const editor = await login(h.app, 'editor');
    for (const [name, cert] of [
      ['张执法', two[0]],
      ['赵执法', two[1]],
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
    const c = await officer.request('POST', '/api/v1/cases', {
      actCategory: 'penalty',
      origin: 'exOfficio',
      cause: '未按规定核对上网消费者身份',
      field: '文化市场',
      party: { kind: 'person', name: '李某' },
    });
    caseId = c.json().id;
    const act = (s: Session, body: Record<string, unknown>) =>
      s.request('POST', `/api/v1/cases/${caseId}/acts`, { occurredAt: minutesAgo(20), ...body });
    assert.equal((await act(unithead, { type: 'opening', content: { approved: true, opinion: '同意' } })).statusCode, 201);
    const up = await officer.request('POST', '/api/v1/uploads', undefined, {
      ...TUS,
      'upload-length': String(video.length),
      'upload-metadata': uploadMetadata({ filename: '../../etc/现场.mp4', recordingStart: minutesAgo(30), recordingEnd: minutesAgo(5) }),
    });
    const p = await officer.request('PATCH', up.headers.location as string, video, {
      ...TUS,
      'upload-offset': '0',
      'content-type': 'application/offset+octet-stream',
    });
    const r = await act(officer, {
      type: 'inspection',
      officers: two,
      certificateShown: true,
      media: [p.headers['evidence-id']],
      content: { findings: '未登记身份证件即上网' },
    });
    assert.equal(r.statusCode, 201, r.body);
    key = (await officer.request('GET', '/api/v1/ledger/keys')).json().current;
  });

  test('the export verifies offline with the published key; file names are made safe; the export is logged and ledgered', async () => {
    const res = await officer.request('POST', `/api/v1/cases/${caseId}/export`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/zip');
    assert.equal(res.headers['content-length'], String(res.rawPayload.length), 'the size is announced so the browser shows progress');
    const entries = await readZip(res.rawPayload);
    const names = entries.map((e) => e.name);
    for (const n of [
      'README.txt',
      'manifest.json',
      'proof.json',
      'acts/001-registration.json',
      'acts/002-opening.json',
      'acts/003-inspection.json',
    ])
      assert.ok(names.includes(n), n);
    assert.ok(
      names.some((n) => /^documents\/003-现场检查（勘验）笔录\.docx$/.test(n)),
      names.join(','),
    );
    const media = names.find((n) => n.startsWith('media/'))!;
    assert.ok(media && !media.includes('..') && media.split('/').length === 2, media);
    assert.ok(entries.find((e) => e.name === media)!.data.equals(video));

    const ok = await verify(res.rawPayload);
    assert.equal(ok.code, 0, ok.out);
    assert.match(ok.out, /验证通过/);
    const trustingFile = await verify(res.rawPayload, []);
    assert.equal(trustingFile.code, 0, trustingFile.out);
    assert.match(trustingFile.out, /WARNING/);

    const exportId = res.headers['x-casefile-export-id'] as string;
    assert.ok(
      await h.db
        .selectFrom('ledger_entries')
        .select('seq')
        .where('kind', '=', 'case.export')
        .where('subject', '=', exportId)
        .executeTakeFirst(),
    );
    const log = (await head.request('GET', `/api/v1/cases/${caseId}/access-log`)).json().items;
    assert.ok(log.some((i: { action: string; actorUsername: string }) => i.action === 'case.export' && i.actorUsername === 'officer'));
  });

  test('tampering with any file fails verification and names the file', async () => {
    const original = await readZip((await officer.request('POST', `/api/v1/cases/${caseId}/export`)).rawPayload);
    const media = original.find((e) => e.name.startsWith('media/'))!.name;

    const flipped = original.map((e) =>
      e.name === media ? { ...e, data: Buffer.from(e.data.map((b, i) => (i === 100 ? b ^ 1 : b))) } : e,
    );
    let r = await verify(await writeZip(flipped));
    assert.equal(r.code, 1);
    assert.match(r.out, new RegExp(`✗ ${media.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 内容已被改动`));

    // a rewritten act with the manifest updated to match: the ledger still says otherwise
    const act = 'acts/003-inspection.json';
    const forged = Buffer.from(
      original
        .find((e) => e.name === act)!
        .data.toString()
        .replace('未登记身份证件即上网', '一切正常'),
    );
    const manifest = JSON.parse(original.find((e) => e.name === 'manifest.json')!.data.toString());
    for (const i of manifest.items)
      if (i.path === act) Object.assign(i, { sha256: crypto.createHash('sha256').update(forged).digest('hex'), size: forged.length });
    r = await verify(
      await writeZip(
        original.map((e) =>
          e.name === act ? { ...e, data: forged } : e.name === 'manifest.json' ? { ...e, data: Buffer.from(JSON.stringify(manifest)) } : e,
        ),
      ),
    );
    assert.equal(r.code, 1);
    assert.match(r.out, /✗ manifest\.json: 清单已被改动/);
    assert.match(r.out, /✗ acts\/003-inspection\.json: 与账本记录不一致/);

    r = await verify(await writeZip([...original, { name: 'documents/999-伪造.docx', data: Buffer.from('x') }]));
    assert.equal(r.code, 1);
    assert.match(r.out, /✗ documents\/999-伪造\.docx: 清单中没有此文件/);

    r = await verify(await writeZip(original.filter((e) => e.name !== 'acts/002-opening.json')));
    assert.equal(r.code, 1);
    assert.match(r.out, /✗ acts\/002-opening\.json: 文件缺失/);

    const { formatVerifierKey, signerKey } = await import('../../platform/crypto/checkpoint.ts');
    const { getSuite } = await import('../../platform/crypto/suite.ts');
    const origin = key.split('+')[0]!;
    const foreign = formatVerifierKey(signerKey(origin, 'sha256-ed25519', getSuite('sha256-ed25519').generateKeyPair().privateKey));
    r = await verify(await writeZip(original), [foreign]);
    assert.equal(r.code, 1);
    assert.match(r.out, /账本证明未通过/);

    r = await verify(Buffer.from('not a zip'));
    assert.equal(r.code, 1);
    assert.match(r.out, /不是有效的 zip/);
  });

  test('export needs copy access: a colleague without an approved request and another agency are refused', async () => {
    const before =
      Number(
        (
          await h.db
            .selectFrom('ledger_queue')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ) +
      Number(
        (
          await h.db
            .selectFrom('ledger_entries')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('kind', '=', 'case.export')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const r = await officer2.request('POST', `/api/v1/cases/${caseId}/export`);
    assert.equal(r.statusCode, 403, r.body);
    assert.equal(r.json().error.code, 'ACCESS_REQUEST_REQUIRED');
    assert.equal((await xixia.request('POST', `/api/v1/cases/${caseId}/export`)).statusCode, 404);
    const after =
      Number(
        (
          await h.db
            .selectFrom('ledger_queue')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ) +
      Number(
        (
          await h.db
            .selectFrom('ledger_entries')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('kind', '=', 'case.export')
            .executeTakeFirstOrThrow()
        ).n,
      );
    assert.equal(after, before, 'a refused export writes no ledger entry');
  });
});
