// Pure case rules, table-driven, each row citing the article it implements.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { avRequirement, checkOfficer, checkTransition, isFieldAct, stageAfter, type CaseFacts, type OfficerRecord } from './case.rules.ts';

const officer: OfficerRecord = {
  recordId: 'r1',
  name: '张执法',
  certificateNumber: 'NM0001',
  validFrom: '2024-01-01',
  validTo: '2026-12-31',
  status: 'valid',
  categories: ['文化市场'],
};

test('certificate check on the act date (000 §9, §16)', () => {
  const rows: [string, Partial<OfficerRecord> | undefined, string, string[]][] = [
    ['valid on its first day', {}, '2024-01-01', []],
    ['valid on its last day', {}, '2026-12-31', []],
    ['expired the day after', {}, '2027-01-01', ['expired']],
    ['not yet valid', {}, '2023-12-31', ['notYetValid']],
    ['suspended', { status: 'suspended' }, '2025-06-01', ['suspended']],
    ['revoked and out of field', { status: 'revoked', categories: ['旅游市场'] }, '2025-06-01', ['revoked', 'fieldNotCovered']],
    ['not in the registry', undefined, '2025-06-01', ['unknown']],
  ];
  for (const [what, patch, date, problems] of rows) {
    const c = checkOfficer('NM0001', patch ? { ...officer, ...patch } : undefined, date, '文化市场');
    assert.deepEqual(c.problems, problems, what);
    assert.equal(c.ok, problems.length === 0, what);
  }
});

test('AV requirement: 000 §17 defaults, overridden by the agency list when it names the act', () => {
  assert.equal(avRequirement('inquiry', {}, 'penalty', []), 'none');
  assert.equal(avRequirement('inspection', {}, 'penalty', []), 'av');
  assert.equal(avRequirement('seizure', {}, 'coercion', []), 'fullAv');
  assert.equal(avRequirement('service', { method: 'leftAtResidence' }, 'penalty', []), 'av');
  assert.equal(avRequirement('service', { method: 'mail' }, 'penalty', []), 'none');
  assert.equal(avRequirement('inquiry', {}, 'penalty', [{ actTypes: ['inquiry'], actCategory: 'penalty', level: 'fullAv' }]), 'fullAv');
  assert.equal(
    avRequirement('inquiry', {}, 'licence', [{ actTypes: ['inquiry'], actCategory: 'penalty', level: 'fullAv' }]),
    'none',
    'another category',
  );
  assert.equal(
    avRequirement('inspection', {}, 'penalty', [{ actTypes: ['inspection'], actCategory: 'penalty', level: 'none' }]),
    'none',
    'the list may lower a default',
  );
  assert.equal(isFieldAct('service', { method: 'direct' }), true);
  assert.equal(isFieldAct('service', { method: 'publicNotice' }), false);
  assert.equal(isFieldAct('execution', { method: 'enforced' }), true);
});

const facts = (patch: Partial<CaseFacts> = {}): CaseFacts => ({
  stage: 'decision',
  actCategory: 'penalty',
  origin: 'exOfficio',
  major: false,
  review: null,
  acts: [],
  ...patch,
});
const a = (type: CaseFacts['acts'][number]['type'], content: Record<string, unknown> = {}, id = type) => ({ id, type, content });

test('stage rules (行政处罚法 §44-45, §63-65; 000 §25; 002 记录办法 §32)', () => {
  const rows: [string, CaseFacts, Parameters<typeof checkTransition>[1], Record<string, unknown>, string | null][] = [
    ['inquiry before opening', facts({ stage: 'opening' }), 'inquiry', {}, 'STAGE_FORBIDS'],
    ['decision without rights notice', facts({ stage: 'investigation' }), 'decision', {}, 'RIGHTS_NOT_NOTIFIED'],
    ['decision after notice', facts({ acts: [a('rightsNotice')] }), 'decision', {}, null],
    [
      'hearing requested, not held',
      facts({ acts: [a('rightsNotice'), a('statementDefence', { hearingRequested: true })] }),
      'decision',
      {},
      'HEARING_REQUIRED',
    ],
    [
      'hearing held',
      facts({ acts: [a('rightsNotice'), a('statementDefence', { hearingRequested: true }), a('hearing')] }),
      'decision',
      {},
      null,
    ],
    ['major without review', facts({ major: true, acts: [a('rightsNotice')] }), 'decision', {}, 'REVIEW_REQUIRED'],
    [
      'major, review returned',
      facts({ major: true, review: { state: 'returned', draftCurrent: true }, acts: [a('rightsNotice')] }),
      'decision',
      {},
      'REVIEW_REQUIRED',
    ],
    [
      'major, review pending',
      facts({ major: true, review: { state: 'reviewing', draftCurrent: true }, acts: [a('rightsNotice')] }),
      'decision',
      {},
      'REVIEW_PENDING',
    ],
    [
      'major, supplements pending',
      facts({ major: true, review: { state: 'supplementing', draftCurrent: true }, acts: [a('rightsNotice')] }),
      'decision',
      {},
      'REVIEW_PENDING',
    ],
    [
      'major, opinion contested',
      facts({ major: true, review: { state: 'contested', draftCurrent: true }, acts: [a('rightsNotice')] }),
      'decision',
      {},
      'REVIEW_PENDING',
    ],
    [
      'major, opinion "change"',
      facts({ major: true, review: { state: 'opinionIssued', draftCurrent: true }, acts: [a('rightsNotice')] }),
      'decision',
      {},
      'REVIEW_NOT_PASSED',
    ],
    [
      'major, head upheld the opinion',
      facts({ major: true, review: { state: 'upheld', draftCurrent: true }, acts: [a('rightsNotice')] }),
      'decision',
      {},
      'REVIEW_NOT_PASSED',
    ],
    [
      'major, draft changed after review',
      facts({ major: true, review: { state: 'passed', draftCurrent: false }, acts: [a('rightsNotice')] }),
      'decision',
      {},
      'REVIEW_OUTDATED',
    ],
    [
      'major with review',
      facts({ major: true, review: { state: 'passed', draftCurrent: true }, acts: [a('rightsNotice')] }),
      'decision',
      {},
      null,
    ],
    ['review acts are not recorded directly', facts(), 'reviewOpinion', {}, 'STAGE_FORBIDS'],
    ['licence decision needs no penalty notice', facts({ actCategory: 'licence', stage: 'investigation' }), 'decision', {}, null],
    ['second opening approval', facts({ stage: 'investigation', acts: [a('opening')] }), 'opening', {}, 'OPENING_DECIDED'],
    ['emergency approval filed later', facts({ stage: 'investigation', origin: 'emergency' }), 'opening', {}, null],
    ['executed without execution record', facts({ stage: 'execution' }), 'conclusion', { outcome: 'executed' }, 'NOT_EXECUTED'],
    ['executed before any decision', facts({ stage: 'investigation' }), 'conclusion', { outcome: 'executed' }, 'STAGE_FORBIDS'],
    ['no penalty from investigation', facts({ stage: 'investigation' }), 'conclusion', { outcome: 'noPenalty' }, null],
    ['archive with unserved decision', facts({ stage: 'concluded', acts: [a('decision')] }), 'archive', {}, 'UNSERVED_DOCUMENTS'],
    [
      'archive after service',
      facts({ stage: 'concluded', acts: [a('decision'), a('service', { documentActId: 'decision' })] }),
      'archive',
      {},
      null,
    ],
  ];
  for (const [what, f, type, content, code] of rows) assert.equal(checkTransition(f, type, content)?.code ?? null, code, what);
});

test('stage after an act', () => {
  assert.equal(stageAfter('opening', 'opening', { approved: true }), 'investigation');
  assert.equal(stageAfter('opening', 'opening', { approved: false }), 'notOpened');
  assert.equal(stageAfter('investigation', 'opening', { approved: true }), 'investigation', 'an emergency approval filed later');
  assert.equal(stageAfter('investigation', 'rightsNotice', {}), 'decision');
  assert.equal(stageAfter('decision', 'decision', {}), 'service');
  assert.equal(stageAfter('service', 'service', { documentType: 'decision' }), 'execution');
  assert.equal(stageAfter('decision', 'service', { documentType: 'rightsNotice' }), 'decision');
  assert.equal(stageAfter('execution', 'conclusion', {}), 'concluded');
  assert.equal(stageAfter('concluded', 'archive', {}), 'archived');
});
