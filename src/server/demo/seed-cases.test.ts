// Demo cases on both engines: seeded once through the API, at every stage of the penalty path, with an archived
// case whose case file verifies offline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeApp, login, DEMO_PASSWORD } from '../../../test/support/app.ts';
import { seedDemoCases } from './seed-cases.ts';
import { runVerifyCasefile } from '../../verifier/cli.ts';

describeApp('demo cases', (h) => {
  test('cases at every stage, seeded once, the archived one exports a case file that verifies', async () => {
    const created = await seedDemoCases(h.app, DEMO_PASSWORD);
    assert.equal(created, 11);
    assert.equal(await seedDemoCases(h.app, DEMO_PASSWORD), 0, 'a second run adds nothing');
    const head = await login(h.app, 'head');
    const items = (await head.request('GET', '/api/v1/cases?pageSize=100')).json().items as { id: string; stage: string; origin: string }[];
    const stages = new Set(items.map((c) => c.stage));
    for (const s of ['opening', 'investigation', 'decision', 'service', 'execution', 'concluded', 'archived', 'notOpened'])
      assert.ok(stages.has(s), `a demo case in ${s}`);
    assert.ok(items.some((c) => c.origin === 'emergency'));
    const todo = (await head.request('GET', '/api/v1/cases/todo')).json().items as { kind: string }[];
    assert.ok(todo.some((t) => t.kind === 'openingApproval') && todo.some((t) => t.kind === 'emergencyApproval'));
    // the major case waits for its legal review, which the demo reviewer has taken
    const reviewer = await login(h.app, 'reviewer');
    const reviews = (await reviewer.request('GET', '/api/v1/reviews?mine=true')).json().items as { state: string; major: boolean }[];
    assert.deepEqual(
      reviews.map((r) => [r.state, r.major]),
      [['reviewing', true]],
    );
    assert.ok(((await reviewer.request('GET', '/api/v1/cases/todo')).json().items as { kind: string }[]).some((t) => t.kind === 'review'));

    // three decisions on the portal, the newest waiting for the editor
    const portal = await h.app.inject({ method: 'GET', url: '/api/v1/public/decisions' });
    assert.deepEqual(
      portal
        .json()
        .items.map((d: { party: { name: string } }) => d.party.name)
        .sort(),
      ['奈曼旗欢乐谷游艺厅', '奈曼旗金嗓子KTV', '奈曼旗飞翔网吧'].sort(),
    );
    const editor = await login(h.app, 'editor');
    assert.deepEqual(
      (await editor.request('GET', '/api/v1/disclosures?state=pending')).json().items.map((d: { partyName: string }) => d.partyName),
      ['奈曼旗草原之旅旅行社'],
    );

    const archived = items.find((c) => c.stage === 'archived')!;
    const detail = (await head.request('GET', `/api/v1/cases/${archived.id}`)).json();
    assert.ok(
      detail.acts.some((a: { media: unknown[] }) => a.media.length > 0),
      'the archived case has its media record',
    );
    const zip = await head.request('POST', `/api/v1/cases/${archived.id}/export`);
    assert.equal(zip.statusCode, 200);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sx-demo-')), 'demo.zip');
    fs.writeFileSync(file, zip.rawPayload);
    const key = (await head.request('GET', '/api/v1/ledger/keys')).json().current;
    const out: string[] = [];
    assert.equal(await runVerifyCasefile([file, '--key', key], (l) => out.push(l)), 0, out.join('\n'));
  });
});
