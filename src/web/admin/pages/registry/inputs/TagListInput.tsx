// Short strings as tags (执法类别, 内设执法机构): type and press Enter (or a comma/顿号) to add, click × to remove.
import { useState } from 'react';
import { Input, Tag } from 'antd';

const SEPARATORS = /[,，、;；\n]/;

export function TagListInput({
  value,
  onChange,
  placeholder,
  maxLength,
  id,
  'data-testid': testId,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  placeholder?: string;
  maxLength?: number;
  id?: string;
  'data-testid'?: string;
}) {
  const [text, setText] = useState('');
  const tags = value ?? [];
  const add = (raw: string) => {
    const parts = raw
      .split(SEPARATORS)
      .map((t) => t.trim())
      .filter(Boolean);
    const next = [...tags];
    for (const p of parts) if (!next.includes(p)) next.push(p);
    if (next.length !== tags.length) onChange?.(next);
    setText('');
  };
  return (
    <div className="sx-taglist" data-testid={testId}>
      {tags.map((t) => (
        <Tag
          key={t}
          closable
          onClose={(e) => {
            e.preventDefault();
            onChange?.(tags.filter((x) => x !== t));
          }}
          color="blue"
        >
          {t}
        </Tag>
      ))}
      <Input
        id={id}
        size="small"
        variant="borderless"
        className="sx-taglist-input"
        value={text}
        maxLength={maxLength}
        placeholder={tags.length ? '继续添加…' : placeholder}
        onChange={(e) => (SEPARATORS.test(e.target.value) ? add(e.target.value) : setText(e.target.value))}
        onPressEnter={(e) => {
          e.preventDefault();
          add(text);
        }}
        onBlur={() => text.trim() && add(text)}
        onKeyDown={(e) => {
          if (e.key === 'Backspace' && !text && tags.length) onChange?.(tags.slice(0, -1));
        }}
      />
    </div>
  );
}
