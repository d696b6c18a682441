import { test } from 'node:test';
import assert from 'node:assert/strict';
import { divisionCodeAncestry, resolvePolicyForDivision } from './policy.rules.ts';

// 150000 内蒙古自治区 → 150500 通辽市 → 150525 奈曼旗; 150100 呼和浩特市.
const naiman = ['150525', '150500', '150000'];

test('resolvePolicyForDivision: nearest override walking up the ancestry, else the default', () => {
  const cases: [string, string[], [string, string][], string][] = [
    ['150525', naiman, [], 'nmg-244'], // no overrides → default
    ['150525', naiman, [['150000', 'songyuan-2019']], 'songyuan-2019'], // province override applies below
    ['150525', naiman, [['150500', 'yinchuan-2018']], 'yinchuan-2018'], // prefecture override
    [
      '150525',
      naiman,
      [
        ['150000', 'songyuan-2019'],
        ['150500', 'yinchuan-2018'],
      ],
      'yinchuan-2018',
    ], // nearer wins
    [
      '150525',
      naiman,
      [
        ['150525', 'songyuan-2019'],
        ['150500', 'yinchuan-2018'],
      ],
      'songyuan-2019',
    ], // own override wins
    ['150500', ['150500', '150000'], [['150525', 'songyuan-2019']], 'nmg-244'], // an override below does not apply above
    ['150525', naiman, [['150100', 'songyuan-2019']], 'nmg-244'], // a sibling's override does not apply
  ];
  for (const [code, ancestry, overrides, expected] of cases) {
    assert.equal(resolvePolicyForDivision(code, ancestry, new Map(overrides), 'nmg-244'), expected, JSON.stringify({ code, overrides }));
  }
});

test('resolvePolicyForDivision: ancestry with or without the division itself', () => {
  const overrides = new Map([['150525', 'yinchuan-2018']]);
  assert.equal(resolvePolicyForDivision('150525', ['150500', '150000'], overrides, 'nmg-244'), 'yinchuan-2018');
  assert.equal(resolvePolicyForDivision('150525', naiman, overrides, 'nmg-244'), 'yinchuan-2018');
  assert.equal(resolvePolicyForDivision('150525', [], new Map(), 'nmg-244'), 'nmg-244');
  assert.equal(resolvePolicyForDivision('150525', [], new Map([['150000', 'x']]), 'nmg-244'), 'nmg-244');
});

test('resolvePolicyForDivision: an empty pack id is no override', () => {
  assert.equal(
    resolvePolicyForDivision(
      '150525',
      naiman,
      new Map([
        ['150525', ''],
        ['150000', 'songyuan-2019'],
      ]),
      'nmg-244',
    ),
    'songyuan-2019',
  );
});

test('divisionCodeAncestry: GB/T 2260 prefix levels, nearest first', () => {
  assert.deepEqual(divisionCodeAncestry('150525'), ['150525', '150500', '150000']);
  assert.deepEqual(divisionCodeAncestry('150500'), ['150500', '150000']);
  assert.deepEqual(divisionCodeAncestry('150000'), ['150000']);
  assert.deepEqual(divisionCodeAncestry('640105'), ['640105', '640100', '640000']); // 西夏区 → 银川市 → 宁夏
  assert.throws(() => divisionCodeAncestry('15052'), /not a GB\/T 2260 division code/);
  assert.throws(() => divisionCodeAncestry('050525'), /not a GB\/T 2260 division code/);
  // combined: Xixia district under a Yinchuan override
  assert.equal(
    resolvePolicyForDivision('640105', divisionCodeAncestry('640105'), new Map([['640100', 'yinchuan-2018']]), 'nmg-244'),
    'yinchuan-2018',
  );
});
