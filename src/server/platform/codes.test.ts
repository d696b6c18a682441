import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  creditCodeCheckChar,
  creditCodeProblem,
  idNumberBirthDate,
  isValidIdNumber,
  divisionLevel,
  divisionPrefix,
  isRealDate,
} from './codes.ts';

test('GB 32100 check character: the standard example and computed codes', () => {
  // GB 32100-2015 Appendix example.
  assert.equal(creditCodeProblem('91350100M000100Y43'), null);
  assert.equal(creditCodeCheckChar('91350100M000100Y4'), '3');
  for (const [code, problem] of [
    ['91350100M000100Y44', 'checkChar'],
    ['91350100M000100Y4', 'length'],
    ['91350100M000100I43', 'charset'], // I is not in the character set
    ['91350100m000100Y43', 'charset'],
    ['91000000M000100Y43', 'division'],
  ] as const) {
    assert.equal(creditCodeProblem(code), problem, code);
  }
});

test('GB 32100: every single-character change of a valid code is caught', () => {
  const valid = '91350100M000100Y43';
  const set = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  for (let i = 0; i < 17; i++) {
    for (const ch of set) {
      if (ch === valid[i]) continue;
      const changed = valid.slice(0, i) + ch + valid.slice(i + 1);
      if (i >= 2 && i < 8 && !/^[1-9]\d{5}$/.test(changed.slice(2, 8))) continue;
      assert.notEqual(creditCodeProblem(changed), null, changed);
    }
  }
});

test('GB 11643 ID number check digit and birth date', () => {
  assert.equal(idNumberBirthDate('11010519491231002X'), '1949-12-31'); // the standard's example
  assert.equal(isValidIdNumber('110105194912310021'), false);
  assert.equal(isValidIdNumber('11010519491331002X'), false);
  assert.equal(idNumberBirthDate('abc'), null);
});

test('division codes: level and subtree prefix', () => {
  assert.deepEqual(['150000', '150500', '150525', '110101', '429004', '012345', '15050'].map(divisionLevel), [1, 2, 3, 3, 3, null, null]);
  assert.equal(divisionPrefix('150000'), '15');
  assert.equal(divisionPrefix('150500'), '1505');
  assert.equal(divisionPrefix('150525'), '150525');
});

test('real dates only', () => {
  assert.equal(isRealDate('2024-02-29'), true);
  assert.equal(isRealDate('2025-02-29'), false);
  assert.equal(isRealDate('2025-1-01'), false);
});
