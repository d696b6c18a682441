// The editor's redaction of one record (000 §10): each text field with the personal data the detectors found
// highlighted. A finding is masked by default; clicking it keeps it visible (with a reason, e.g. a public hotline),
// clicking again masks it. The editor can mask any other words (all their occurrences), and sees the text exactly as
// it will be published.
import { useMemo, useState } from 'react';
import { Button, Input, Space, Tag, Tooltip, Typography } from 'antd';
import { FINDING_LABELS, TEXT_FIELD_LABELS, TEXT_FIELDS, type FindingKind, type TextField } from '../../../shared/disclosure/types.ts';

export interface Range {
  start: number;
  end: number;
}
export interface FieldState {
  masks: Range[];
  kept: (Range & { reason: string })[];
}
export type Proposal = Record<string, { text: string; findings: (Range & { kind: string })[] }>;

export const initialState = (p: Proposal): Record<TextField, FieldState> =>
  Object.fromEntries(
    TEXT_FIELDS.map((f) => [f, { masks: (p[f]?.findings ?? []).map(({ start, end }) => ({ start, end })), kept: [] }]),
  ) as unknown as Record<TextField, FieldState>;

const same = (a: Range, b: Range) => a.start === b.start && a.end === b.end;
const masked = (s: FieldState, i: number) => s.masks.some((m) => m.start <= i && i < m.end);

/** The text as it will be published: masked characters become * (spaces and hyphens kept, as the server does). */
export function preview(text: string, s: FieldState): string {
  return text
    .split('')
    .map((c, i) => (masked(s, i) && !/[\s-]/.test(c) ? '*' : c))
    .join('');
}

function FieldEditor({
  field,
  text,
  findings,
  state,
  onChange,
}: {
  field: TextField;
  text: string;
  findings: Proposal[string]['findings'];
  state: FieldState;
  onChange(s: FieldState): void;
}) {
  const [word, setWord] = useState('');
  // segments between every boundary of a finding or a mask
  const segments = useMemo(() => {
    const cuts = new Set([0, text.length]);
    for (const r of [...findings, ...state.masks]) {
      cuts.add(r.start);
      cuts.add(r.end);
    }
    const sorted = [...cuts].sort((a, b) => a - b);
    return sorted.slice(0, -1).map((start, i) => ({ start, end: sorted[i + 1]! }));
  }, [text, findings, state.masks]);

  const toggleFinding = ({ start, end }: Range) => {
    const f = { start, end };
    const isMasked = state.masks.some((m) => same(m, f));
    if (isMasked)
      onChange({
        masks: state.masks.filter((m) => !same(m, f)),
        kept: [...state.kept, { ...f, reason: '经审查不属于应当隐去的个人信息' }],
      });
    else onChange({ masks: [...state.masks, f], kept: state.kept.filter((k) => !same(k, f)) });
  };
  const addWord = () => {
    const w = word.trim();
    if (!w) return;
    const add: Range[] = [];
    for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + w.length)) add.push({ start: i, end: i + w.length });
    onChange({ ...state, masks: [...state.masks, ...add.filter((a) => !state.masks.some((m) => same(m, a)))] });
    setWord('');
  };
  const removeMask = (m: Range) => onChange({ ...state, masks: state.masks.filter((x) => !same(x, m)) });

  if (!text) return null;
  return (
    <div className="sx-redact-field" data-testid={`redact-${field}`}>
      <Typography.Text strong>{TEXT_FIELD_LABELS[field]}</Typography.Text>
      <div className="sx-redact-text">
        {segments.map((seg) => {
          const part = text.slice(seg.start, seg.end);
          const finding = findings.find((f) => f.start <= seg.start && seg.end <= f.end);
          const mask = state.masks.find((m) => m.start <= seg.start && seg.end <= m.end);
          if (finding) {
            const on = !!mask;
            return (
              <Tooltip
                key={seg.start}
                title={`${FINDING_LABELS[finding.kind as FindingKind] ?? finding.kind}：${on ? '将遮盖（点击改为保留）' : '保留显示（点击改为遮盖）'}`}
              >
                <mark
                  className={on ? 'sx-redact-masked' : 'sx-redact-kept'}
                  onClick={() => toggleFinding(finding)}
                  data-testid="redact-finding"
                  data-kind={finding.kind}
                  data-masked={on}
                >
                  {part}
                </mark>
              </Tooltip>
            );
          }
          if (mask) {
            return (
              <Tooltip key={seg.start} title="手动遮盖（点击取消）">
                <mark className="sx-redact-masked sx-redact-manual" onClick={() => removeMask(mask)} data-testid="redact-manual">
                  {part}
                </mark>
              </Tooltip>
            );
          }
          return <span key={seg.start}>{part}</span>;
        })}
      </div>
      <Space.Compact style={{ width: '100%', maxWidth: 420, marginTop: 4 }}>
        <Input
          size="small"
          placeholder="输入要遮盖的文字（如小区名、姓名）"
          value={word}
          onChange={(e) => setWord(e.target.value)}
          onPressEnter={addWord}
          data-testid={`redact-word-${field}`}
        />
        <Button size="small" onClick={addWord} data-testid={`redact-add-${field}`}>
          遮盖
        </Button>
      </Space.Compact>
      <div className="sx-redact-preview" data-testid={`redact-preview-${field}`}>
        <Tag>公示效果</Tag>
        {preview(text, state)}
      </div>
    </div>
  );
}

export function RedactionEditor({
  proposal,
  state,
  onChange,
}: {
  proposal: Proposal;
  state: Record<TextField, FieldState>;
  onChange(s: Record<TextField, FieldState>): void;
}) {
  const total = TEXT_FIELDS.reduce((n, f) => n + (proposal[f]?.findings.length ?? 0), 0);
  return (
    <div data-testid="redaction-editor">
      <Typography.Paragraph type="secondary">
        自动识别出 {total}{' '}
        处个人信息（身份证号、电话、银行账号、不动产权证号、车牌、邮箱、个人住址），已标为遮盖；点击可改为保留。单位名称、统一社会信用代码和单位住所依法公开，不遮盖。
      </Typography.Paragraph>
      {TEXT_FIELDS.map((f) => (
        <FieldEditor
          key={f}
          field={f}
          text={proposal[f]?.text ?? ''}
          findings={proposal[f]?.findings ?? []}
          state={state[f]}
          onChange={(s) => onChange({ ...state, [f]: s })}
        />
      ))}
    </div>
  );
}
