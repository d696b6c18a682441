// Between a kind's data (as the API takes it) and the form's values: dates become dayjs for DatePicker, the legal
// qualification gets an on/off switch, empty optional fields are left out, list items are trimmed. And the server's
// validation issues ("data.steps.1.next.0.to") mapped to the form field that shows them. Pure apart from dayjs.
import dayjs, { type Dayjs } from 'dayjs';
import { fieldsOf } from '../../../shared/registry/fields.ts';
import type { FlowStep, Level, Qualification } from '../../../shared/registry/values.ts';
import type { AnyData, RecordKind } from '../../../shared/registry/types.ts';

export const HAS_QUALIFICATION = '_hasQualification';
type FormValues = Record<string, unknown>;

/** What a new record's form starts with. */
export function initialData(kind: RecordKind): AnyData {
  switch (kind) {
    case 'officer':
      return { status: 'valid', categories: [], legalQualification: null };
    case 'agencyProfile':
      return { internalUnits: [] };
    case 'serviceGuide':
      return { materials: [''] };
    case 'discretionBenchmark':
      return { levels: [{ circumstance: '', range: '' }] };
    case 'flowchart':
      return {
        steps: [
          { id: 's1', kind: 'start', label: '立案', next: [{ to: 's2' }] },
          { id: 's2', kind: 'step', label: '调查取证', next: [{ to: 's3' }] },
          { id: 's3', kind: 'end', label: '结案', next: [] },
        ],
      };
    default:
      return {};
  }
}

export function toForm(kind: RecordKind, data: AnyData): FormValues {
  const values: FormValues = { ...data };
  for (const f of fieldsOf(kind)) {
    const v = data[f.name];
    if (f.type === 'date') values[f.name] = typeof v === 'string' && v ? dayjs(v) : undefined;
    if (f.type === 'qualification') {
      const q = v as Qualification | null | undefined;
      values[HAS_QUALIFICATION] = !!q;
      values[f.name] = q ? { certificateNumber: q.certificateNumber, obtainedOn: dayjs(q.obtainedOn) } : undefined;
    }
    if (f.type === 'steps') values[f.name] = ((v as FlowStep[] | undefined) ?? []).map((s) => ({ ...s, next: s.next ?? [] }));
  }
  return values;
}

const trim = (v: unknown) => (typeof v === 'string' ? v.trim() : v);
const dateText = (v: unknown) => (dayjs.isDayjs(v) ? (v as Dayjs).format('YYYY-MM-DD') : typeof v === 'string' ? v : undefined);

export function fromForm(kind: RecordKind, values: FormValues): AnyData {
  const data: AnyData = {};
  for (const f of fieldsOf(kind)) {
    const v = values[f.name];
    let out: unknown;
    switch (f.type) {
      case 'date':
        out = dateText(v);
        break;
      case 'multiselect':
        out = (v as string[] | undefined)?.length ? v : undefined;
        break;
      case 'tags':
      case 'list':
        out = ((v as string[] | undefined) ?? []).map((x) => String(x ?? '').trim()).filter(Boolean);
        break;
      case 'levels':
        out = ((v as Level[] | undefined) ?? []).map((l) => ({
          circumstance: String(l?.circumstance ?? '').trim(),
          range: String(l?.range ?? '').trim(),
        }));
        break;
      case 'steps':
        out = ((v as FlowStep[] | undefined) ?? []).map((s) => ({
          id: s.id,
          kind: s.kind,
          label: String(s.label ?? '').trim(),
          ...(s.timeLimit?.trim() ? { timeLimit: s.timeLimit.trim() } : {}),
          next: (s.next ?? []).filter((n) => n?.to).map((n) => ({ to: n.to, ...(n.label?.trim() ? { label: n.label.trim() } : {}) })),
        }));
        break;
      case 'qualification': {
        const q = v as { certificateNumber?: string; obtainedOn?: unknown } | undefined;
        out = values[HAS_QUALIFICATION]
          ? { certificateNumber: String(q?.certificateNumber ?? '').trim(), obtainedOn: dateText(q?.obtainedOn) }
          : null;
        break;
      }
      default:
        out = trim(v);
        if (f.upper && typeof out === 'string') out = out.toUpperCase();
    }
    // optional fields left empty are not sent (the schema rejects "" for URLs and keeps the data clean)
    if ((out === undefined || out === '' || out === null) && f.type !== 'qualification') continue;
    data[f.name] = out;
  }
  return data;
}

/**
 * The form field that shows a server issue ("data.validTo" → ['validTo'], "data.steps.1.label" → ['steps', 1,
 * 'label'], "data.categories.0" → ['categories']), or null when no field shows it (the form's alert does).
 */
export function issueField(kind: RecordKind, path: string): (string | number)[] | null {
  const parts = path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (parts[0] !== 'data' || parts.length < 2) return null;
  const field = fieldsOf(kind).find((f) => f.name === parts[1]);
  if (!field) return null;
  const rest = parts.slice(2);
  switch (field.type) {
    case 'steps':
      // a step's own field, or a link's target; the list as a whole (no start, no end) has no single field
      if (rest.length >= 2 && typeof rest[0] === 'number') return [field.name, ...rest.slice(0, rest[1] === 'next' ? 4 : 2)];
      return null;
    case 'levels':
      return rest.length >= 2 && typeof rest[0] === 'number' ? [field.name, rest[0], rest[1]!] : null;
    case 'qualification':
      return rest.length ? [field.name, rest[0]!] : [HAS_QUALIFICATION];
    default:
      return [field.name];
  }
}
