import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeEntry, encodeEntry, type Entry } from './ledger.entry.ts';

const entry: Entry = {
  v: 1,
  seq: 42,
  time: '2026-11-23T04:05:06.789Z',
  agency: '0b9c0d4e-1f2a-4b3c-8d4e-5f6a7b8c9d0e',
  kind: 'case.act',
  subject: 'case/2026-001',
  contentHash: `sha256:${'ab'.repeat(32)}`,
  actor: 'officer',
  corrects: null,
};

test('canonical bytes: sorted members, no whitespace, fixed forever (golden)', () => {
  const text = new TextDecoder().decode(encodeEntry(entry));
  assert.equal(
    text,
    '{"actor":"officer","agency":"0b9c0d4e-1f2a-4b3c-8d4e-5f6a7b8c9d0e","contentHash":"sha256:' +
      'ab'.repeat(32) +
      '","corrects":null,"kind":"case.act","seq":42,"subject":"case/2026-001","time":"2026-11-23T04:05:06.789Z","v":1}',
  );
});

test('Chinese and control characters are escaped as RFC 8785 / JSON.stringify', () => {
  const bytes = encodeEntry({ ...entry, subject: '奈曼旗\n"案"' });
  assert.ok(new TextDecoder().decode(bytes).includes('"subject":"奈曼旗\\n\\"案\\""'));
  assert.deepEqual(decodeEntry(bytes).subject, '奈曼旗\n"案"');
});

test('decode accepts only canonical bytes', () => {
  assert.deepEqual(decodeEntry(encodeEntry(entry)), entry);
  const spaced = new TextEncoder().encode(new TextDecoder().decode(encodeEntry(entry)).replace(':', ': '));
  assert.throws(() => decodeEntry(spaced), /not canonical/);
  assert.throws(() => decodeEntry(new TextEncoder().encode('{"v":2}')), /version/);
  assert.throws(() => encodeEntry({ ...entry, seq: -1 }), RangeError);
  assert.throws(() => encodeEntry({ ...entry, corrects: 1.5 }), RangeError);
});
