// The portal's search controls shared by the officer and item searches: words, division and page live in the URL;
// the words are checked (2+ characters, searchProblem) before a search is made.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Input } from 'antd';
import { DivisionPicker } from '../../shared/DivisionPicker.tsx';
import { searchProblem } from '../../shared/registry/certificate.ts';

export interface SearchState {
  q: string;
  division: string | null;
  page: number;
}

/** The search in the URL, and `set` to change it; `fixed` parameters (e.g. the list kind) come first in the URL. */
export function usePublicSearch() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const division = params.get('division');
  const page = Number(params.get('page')) || 1;
  const set = (next: { q?: string; division?: string | null; page?: number }, fixed: Record<string, string> = {}) => {
    const p = new URLSearchParams(fixed);
    const nq = next.q ?? q;
    const nd = next.division === undefined ? division : next.division;
    if (nq) p.set('q', nq);
    if (nd) p.set('division', nd);
    if (next.page && next.page > 1) p.set('page', String(next.page));
    setParams(p);
  };
  return { params, q, division, page, set };
}

export function PublicSearchBar({
  q,
  division,
  placeholder,
  testId,
  clearOnEmpty = false,
  onChange,
}: {
  q: string;
  division: string | null;
  placeholder: string;
  testId: string;
  /** Emptying the box shows everything again (lists that are useful unfiltered). */
  clearOnEmpty?: boolean;
  onChange: (next: { q?: string; division?: string | null; page: number }) => void;
}) {
  const [text, setText] = useState(q);
  const [problem, setProblem] = useState<string | null>(null);
  const [textFor, setTextFor] = useState(q); // the q the box was last set to: a new q (navigation) replaces the text
  if (textFor !== q) {
    setTextFor(q);
    setText(q);
  }
  return (
    <>
      <div className="px-filters">
        <Input.Search
          className="px-search"
          placeholder={placeholder}
          enterButton="查询"
          allowClear
          value={text}
          status={problem ? 'error' : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setProblem(null);
            if (clearOnEmpty && !e.target.value && q) onChange({ q: '', page: 1 });
          }}
          onSearch={(v) => {
            const p = searchProblem(v);
            setProblem(p);
            if (!p) onChange({ q: v.trim(), page: 1 });
          }}
          data-testid={testId}
        />
        <DivisionPicker
          value={division}
          onChange={(code) => onChange({ division: code, page: 1 })}
          placeholder="全部地区"
          style={{ width: 260, maxWidth: '100%' }}
        />
      </div>
      {problem && <div className="px-field-error">{problem}</div>}
    </>
  );
}
