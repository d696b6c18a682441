// Pure rules of the evidence store (no I/O): safe file names, the tus Upload-Metadata header, the AV upload
// deadline of the policy in force, and the download file name header.
import type { AvUploadDeadline } from '../../platform/policy/policy.schema.ts';
import type { WorkingDayCalendar } from '../../platform/calendar/calendar.rules.ts';
import { SHANGHAI_OFFSET_MS, shanghaiDate } from '../../platform/calendar/calendar.dates.ts';

const HOUR_MS = 3600_000;
const MAX_NAME_CHARS = 200;

/**
 * A file name safe to store and to offer in Content-Disposition: the last path component only (either slash),
 * no control or bidirectional-override characters, no "..", none of <>:"|?*, no leading/trailing dots or spaces.
 * Chinese and other letters are kept. Never empty.
 */
export function safeFileName(raw: string, fallback = '未命名文件'): string {
  let name = raw.normalize('NFC');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name
    // eslint-disable-next-line no-control-regex -- strips control and bidi characters from file names on purpose
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if ([...name].length > MAX_NAME_CHARS) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
    name = [...name.slice(0, name.length - ext.length)].slice(0, MAX_NAME_CHARS - ext.length).join('') + ext;
  }
  return name || fallback;
}

/**
 * Parse a tus Upload-Metadata header ("key base64value,key2 base64value2,flag"). Returns null when malformed:
 * a key with spaces or commas, a repeated key, or a value that is not base64.
 */
export function parseUploadMetadata(header: string | undefined): Record<string, string> | null {
  const out: Record<string, string> = {};
  if (header === undefined || header.trim() === '') return out;
  for (const pair of header.split(',')) {
    const parts = pair.trim().split(' ');
    if (parts.length > 2 || !parts[0] || !/^[\x21-\x7e]+$/.test(parts[0]) || Object.hasOwn(out, parts[0])) return null;
    const value = parts[1] ?? '';
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 === 1) return null;
    out[parts[0]] = Buffer.from(value, 'base64').toString('utf8');
  }
  return out;
}

export { shanghaiDate };

/** Midnight at the end of a Shanghai calendar day (i.e. the start of the next day), as an instant. */
const endOfShanghaiDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 24 * HOUR_MS - SHANGHAI_OFFSET_MS);

export interface UploadDeadline {
  deadline: Date;
  /** False when a working-day count touched a year whose holiday schedule is not loaded. */
  scheduleComplete: boolean;
}

/**
 * When a recording that ended at `recordingEnd` must be uploaded, under the policy's AV upload rule:
 * `hours` — that many hours after the end (000 §20; 002 §32: 24 小时内);
 * `workingDays` — by the end of the n-th working day after the day the recording ended (003 记录办法 §20(三):
 * 一个工作日内), the day itself not counted (民法典 §201).
 */
export function uploadDeadline(recordingEnd: Date, rule: AvUploadDeadline, calendar: WorkingDayCalendar): UploadDeadline {
  if (rule.unit === 'hours') return { deadline: new Date(recordingEnd.getTime() + rule.amount * HOUR_MS), scheduleComplete: true };
  const r = calendar.addWorkingDays(shanghaiDate(recordingEnd), rule.amount);
  return { deadline: endOfShanghaiDay(r.date), scheduleComplete: r.scheduleComplete };
}

/** RFC 6266 attachment with an ASCII fallback and the RFC 5987 UTF-8 name. */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** How far a recording's clock and an act's recorded time may disagree (devices drift; officers note times by the minute). */
export const RECORDING_CLOCK_TOLERANCE_MS = 5 * 60_000;

/**
 * May a recording be the record of an act done from `occurredAt` to `endedAt`? It must overlap the act's time, give
 * or take the clock tolerance (000 §19: AV runs from the start of on-site enforcement to its end), so that a file
 * of another occasion cannot be passed off as this act's record. A file without recording times (a document scan,
 * a photo without metadata) is not checked.
 */
export function recordingFitsAct(
  recording: { recording_start: Date | string | null; recording_end: Date | string | null },
  occurredAt: Date,
  endedAt: Date | null,
): boolean {
  if (!recording.recording_start || !recording.recording_end) return true;
  const start = new Date(recording.recording_start).getTime();
  const end = new Date(recording.recording_end).getTime();
  return (
    start <= (endedAt ?? occurredAt).getTime() + RECORDING_CLOCK_TOLERANCE_MS && end >= occurredAt.getTime() - RECORDING_CLOCK_TOLERANCE_MS
  );
}
