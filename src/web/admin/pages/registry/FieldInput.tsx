// One field of a registry form, from its definition (shared/registry/fields.ts): the right input, the label, the
// required/length rules the server's schema also checks.
import { DatePicker, Form, Input, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import type { FieldDef } from '../../../shared/registry/fields.ts';
import { TagListInput } from './inputs/TagListInput.tsx';
import { LinesInput } from './inputs/LinesInput.tsx';
import { LevelsInput } from './inputs/LevelsInput.tsx';
import { QualificationInput } from './inputs/QualificationInput.tsx';
import { FlowStepsInput } from './inputs/FlowStepsInput.tsx';
import { PhotoInput } from './inputs/PhotoInput.tsx';

function rules(f: FieldDef): Rule[] {
  const r: Rule[] = [];
  if (f.required) {
    if (f.type === 'tags' || f.type === 'list')
      r.push({
        validator: async (_, v: string[] | undefined) => {
          if (!(v ?? []).some((x) => x?.trim())) throw new Error(`请填写${f.label}`);
        },
      });
    // only text inputs get `whitespace` (a rule with it validates the value as a string, which a date is not)
    else if (f.type === 'select' || f.type === 'date') r.push({ required: true, message: `请选择${f.label}` });
    else r.push({ required: true, whitespace: true, message: `请填写${f.label}` });
  }
  if (f.type === 'url') {
    r.push({ type: 'url', message: '请填写完整的网址，如 https://www.example.gov.cn' });
    r.push({ pattern: /^\s*https?:\/\//i, message: '网址应以 http:// 或 https:// 开头' });
  }
  if (f.name === 'certificateNumber' && f.upper)
    r.push({ pattern: /^[0-9A-Z][0-9A-Z-]{5,23}$/, message: '执法证号应为 6-24 位数字或大写字母（可含连字符）' });
  return r;
}

export function FieldInput({ field: f }: { field: FieldDef }) {
  const testId = `field-${f.name}`;
  switch (f.type) {
    case 'steps':
      return (
        <Form.Item label={f.label} required={f.required} className="sx-form-wide">
          <FlowStepsInput name={f.name} />
        </Form.Item>
      );
    case 'levels':
      return (
        <Form.Item label={f.label} required={f.required}>
          <LevelsInput name={f.name} />
        </Form.Item>
      );
    case 'qualification':
      return <QualificationInput name={f.name} label={f.label} help={f.help} />;
    default:
  }
  const input = (() => {
    switch (f.type) {
      case 'textarea':
        return <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={f.max} placeholder={f.placeholder} data-testid={testId} />;
      case 'select':
        return (
          <Select
            options={f.options?.map((o) => ({ ...o }))}
            placeholder={`请选择${f.label}`}
            data-testid={testId}
            allowClear={!f.required}
          />
        );
      case 'multiselect':
        return (
          <Select
            mode="multiple"
            options={f.options?.map((o) => ({ ...o }))}
            placeholder={`请选择${f.label}`}
            data-testid={testId}
            allowClear
          />
        );
      case 'tags':
        return <TagListInput placeholder={f.placeholder ?? '输入后按回车添加'} maxLength={f.max} data-testid={testId} />;
      case 'list':
        return <LinesInput placeholder={f.placeholder ?? '每行一项'} maxLength={f.max} />;
      case 'date':
        return <DatePicker style={{ width: '100%' }} placeholder="选择日期" data-testid={testId} />;
      case 'photo':
        return <PhotoInput />;
      default:
        return <Input maxLength={f.max} placeholder={f.placeholder} data-testid={testId} />;
    }
  })();
  return (
    <Form.Item
      name={f.name}
      label={f.label}
      rules={rules(f)}
      required={f.required}
      extra={f.help ?? (f.type === 'list' ? '每行填写一项' : undefined)}
      normalize={f.upper ? (v: unknown) => (typeof v === 'string' ? v.toUpperCase() : v) : undefined}
    >
      {input}
    </Form.Item>
  );
}
