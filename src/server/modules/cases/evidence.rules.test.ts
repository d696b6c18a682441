import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attachmentDisposition, parseUploadMetadata, safeFileName, shanghaiDate, uploadDeadline } from './evidence.rules.ts';
import { WorkingDayCalendar } from '../../platform/calendar/calendar.rules.ts';
import { loadShippedSchedules } from '../../platform/calendar/shipped.ts';

test('safeFileName: path components, control and bidi characters, ".." and reserved characters go; Chinese stays', () => {
  const cases: [string, string][] = [
    ['执法记录仪_20250301.mp4', '执法记录仪_20250301.mp4'],
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\Windows\\system32\\现场照片.jpg', '现场照片.jpg'],
    ['/var/data/询问笔录.pdf', '询问笔录.pdf'],
    ['a\u0000b\u001f\u007fc.txt', 'abc.txt'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'], // right-to-left override would display as "invoiceexe.pdf"
    ['..', '未命名文件'],
    ['...', '未命名文件'],
    ['', '未命名文件'],
    ['  .hidden  ', 'hidden'],
    ['a..b...c.mp4', 'a.b.c.mp4'],
    ['what?<>:"|*.mov', 'what_______.mov'],
    ['dir/', '未命名文件'],
    ['e\u0301.txt', '\u00e9.txt'], // NFC
  ];
  for (const [raw, expected] of cases) assert.equal(safeFileName(raw), expected, JSON.stringify(raw));
  const long = safeFileName('长'.repeat(300) + '.mp4');
  assert.equal([...long].length, 200);
  assert.ok(long.endsWith('长.mp4'));
});

test('parseUploadMetadata: tus "key base64" pairs; malformed headers are refused', () => {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  assert.deepEqual(parseUploadMetadata(undefined), {});
  assert.deepEqual(parseUploadMetadata(`filename ${b64('现场.mp4')},place ${b64('奈曼旗大沁他拉镇')},flag`), {
    filename: '现场.mp4',
    place: '奈曼旗大沁他拉镇',
    flag: '',
  });
  assert.equal(parseUploadMetadata('filename a b c'), null);
  assert.equal(parseUploadMetadata(`filename ${b64('a')},filename ${b64('b')}`), null);
  assert.equal(parseUploadMetadata('filename !!!!'), null);
});

test('uploadDeadline: 24 hours (000 §20, 002 §32) and 1 working day (003 记录办法 §20(三)) with the holiday calendar', () => {
  const calendar = new WorkingDayCalendar(loadShippedSchedules());
  const hours = { unit: 'hours', amount: 24 } as const;
  const day = { unit: 'workingDays', amount: 1 } as const;
  const at = (s: string) => new Date(s);
  const cases: [string, typeof hours | typeof day, string, string][] = [
    ['24 h after the end', hours, '2025-03-07T10:00:00+08:00', '2025-03-08T10:00:00+08:00'],
    ['Tuesday → end of Wednesday', day, '2025-03-04T10:00:00+08:00', '2025-03-06T00:00:00+08:00'],
    ['Friday → end of Monday', day, '2025-03-07T22:30:00+08:00', '2025-03-11T00:00:00+08:00'],
    ['late Friday UTC is Saturday in Shanghai → end of Monday', day, '2025-03-07T17:00:00Z', '2025-03-11T00:00:00+08:00'],
    // 2025 National Day holiday 10-01..10-08, 10-11 (Saturday) an adjusted working day
    ['09-30, before the National Day holiday → end of 10-09', day, '2025-09-30T18:00:00+08:00', '2025-10-10T00:00:00+08:00'],
    ['10-09 → end of 10-10', day, '2025-10-09T09:00:00+08:00', '2025-10-11T00:00:00+08:00'],
    ['10-10 (Friday) → end of 10-11, a Saturday made a working day', day, '2025-10-10T09:00:00+08:00', '2025-10-12T00:00:00+08:00'],
  ];
  for (const [name, rule, end, expected] of cases) {
    const r = uploadDeadline(at(end), rule, calendar);
    assert.equal(r.deadline.toISOString(), at(expected).toISOString(), name);
    assert.equal(r.scheduleComplete, true);
  }
  assert.equal(shanghaiDate(at('2025-03-07T16:00:00Z')), '2025-03-08');
});

test('attachmentDisposition: ASCII fallback and RFC 5987 UTF-8 name', () => {
  assert.equal(
    attachmentDisposition('现场 录像(1).mp4'),
    `attachment; filename="__ __(1).mp4"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%20%E5%BD%95%E5%83%8F%281%29.mp4`,
  );
  assert.equal(attachmentDisposition('a"b\\c.txt'), `attachment; filename="a_b_c.txt"; filename*=UTF-8''a%22b%5Cc.txt`);
});
