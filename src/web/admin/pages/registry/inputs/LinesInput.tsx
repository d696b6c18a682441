// Longer list items (申请材料) as a text box with one item per line; empty lines are dropped when saving.
import { Input } from 'antd';

export function LinesInput({
  value,
  onChange,
  placeholder,
  id,
  maxLength,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  placeholder?: string;
  id?: string;
  maxLength?: number;
}) {
  return (
    <Input.TextArea
      id={id}
      value={(value ?? []).join('\n')}
      onChange={(e) => onChange?.(e.target.value.split('\n').map((l) => (maxLength ? l.slice(0, maxLength) : l)))}
      placeholder={placeholder ?? '每行一项'}
      autoSize={{ minRows: 3, maxRows: 12 }}
    />
  );
}
