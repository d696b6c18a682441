// A field's value as plain text: for CSV cells, the version diff and search-friendly summaries. Pure.
import type { FieldDef } from './fields.ts';
import { FLOW_STEP_LABELS, type FlowStepKind } from './labels.ts';

export interface FlowLink {
  to: string;
  label?: string;
}
export interface FlowStep {
  id: string;
  kind: FlowStepKind;
  label: string;
  timeLimit?: string;
  next?: FlowLink[];
}
export interface Level {
  circumstance: string;
  range: string;
}
export interface Qualification {
  certificateNumber: string;
  obtainedOn: string;
}

export const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

export function stepsText(steps: FlowStep[]): string {
  const byId = new Map(steps.map((s) => [s.id, s]));
  return steps
    .map((s, i) => {
      const next = (s.next ?? []).map((n) => `${n.label ? `〔${n.label}〕` : ''}→${byId.get(n.to)?.label ?? n.to}`).join('；');
      return `${i + 1}. [${FLOW_STEP_LABELS[s.kind] ?? s.kind}] ${s.label}${s.timeLimit ? `（时限：${s.timeLimit}）` : ''}${next ? ` ${next}` : ''}`;
    })
    .join('\n');
}

/** The value as one string ('' when empty). */
export function valueText(field: FieldDef, value: unknown): string {
  if (isEmpty(value)) return '';
  switch (field.type) {
    case 'select':
      return field.options?.find((o) => o.value === value)?.label ?? String(value);
    case 'multiselect':
      return (value as string[]).map((v) => field.options?.find((o) => o.value === v)?.label ?? v).join('、');
    case 'tags':
      return (value as string[]).join('、');
    case 'list':
      return (value as string[]).map((m, i) => `${i + 1}. ${m}`).join('\n');
    case 'steps':
      return stepsText(value as FlowStep[]);
    case 'levels':
      return (value as Level[]).map((l, i) => `${i + 1}. 情节：${l.circumstance}；幅度：${l.range}`).join('\n');
    case 'qualification': {
      const q = value as Qualification;
      return `证书编号 ${q.certificateNumber}（${q.obtainedOn} 取得）`;
    }
    default:
      return String(value);
  }
}

export interface FieldChange {
  field: FieldDef;
  before: string;
  after: string;
  changed: boolean;
}

/** Field-by-field comparison of two versions' data (before may be null: a new record). */
export function diffData(
  fields: readonly FieldDef[],
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
): FieldChange[] {
  return fields.map((field) => {
    const b = before ? valueText(field, before[field.name]) : '';
    const a = valueText(field, after[field.name]);
    return { field, before: b, after: a, changed: before ? a !== b : a !== '' };
  });
}
