// Choosing an administrative division (GB/T 2260): a cascader over the whole country loaded level by level
// (GET /api/v1/divisions, ?parent=), or over one subtree loaded at once (?under=). The value is the division code.
import { useEffect, useMemo, useState } from 'react';
import { Cascader } from 'antd';
import { api } from './api.ts';
import type { Division, DivisionDetail, Items } from './types.ts';

interface Option {
  value: string;
  label: string;
  isLeaf?: boolean;
  children?: Option[];
  division: Division;
}

const toOption = (d: Division): Option => ({ value: d.code, label: d.name, isLeaf: d.level >= 3, division: d });

/** Nest a flat list of divisions (one subtree) under their parents; roots are those whose parent is not in the list. */
export function divisionTree<T>(divisions: Division[], make: (d: Division, children: T[]) => T): T[] {
  const codes = new Set(divisions.map((d) => d.code));
  const byParent = new Map<string | null, Division[]>();
  for (const d of divisions) {
    const parent = d.parentCode && codes.has(d.parentCode) ? d.parentCode : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), d]);
  }
  const build = (parent: string | null): T[] =>
    (byParent.get(parent) ?? []).sort((a, b) => a.code.localeCompare(b.code)).map((d) => make(d, build(d.code)));
  return build(null);
}

export interface DivisionPickerProps {
  value?: string | null;
  onChange?: (code: string | null, division: Division | null) => void;
  /** Restrict the choice to this division and its subtree. */
  under?: string | null;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
  'data-testid'?: string;
}

export function DivisionPicker({
  value,
  onChange,
  under,
  placeholder = '选择行政区划',
  allowClear = true,
  style,
  id,
  ...rest
}: DivisionPickerProps) {
  const [options, setOptions] = useState<Option[]>([]);
  const [path, setPath] = useState<string[]>([]);
  const [loading, setLoading] = useState(false);

  // Root options: the whole subtree at once, or the provinces.
  useEffect(() => {
    let alive = true;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the spinner shows while this effect's request runs
    setLoading(true);
    const load = under
      ? api.get<Items<Division>>('/api/v1/divisions', { under }).then((r) =>
          divisionTree<Option>(r.items, (d, children) => ({
            ...toOption(d),
            isLeaf: children.length === 0,
            children: children.length ? children : undefined,
          })),
        )
      : api.get<Items<Division>>('/api/v1/divisions').then((r) => r.items.map(toOption));
    load
      .then((o) => alive && setOptions(o))
      .catch(() => alive && setOptions([]))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [under]);

  // An outside value (form reset, URL): find its path and, when loading lazily, the options along it.
  useEffect(() => {
    if (!value) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- a cleared value (form reset) clears the path shown
      setPath([]);
      return;
    }
    if (path[path.length - 1] === value) return;
    let alive = true;
    api
      .get<DivisionDetail>(`/api/v1/divisions/${value}`)
      .then(async (d) => {
        const chain = [...d.ancestors.map((a) => a.code), d.code];
        const full = under ? chain.slice(Math.max(0, chain.indexOf(under))) : chain;
        if (!under) {
          // make sure each ancestor's children are loaded so the labels show
          const lists = await Promise.all(full.slice(0, -1).map((code) => api.get<Items<Division>>('/api/v1/divisions', { parent: code })));
          if (!alive) return;
          setOptions((prev) => {
            const next = structuredClone(prev) as Option[];
            let level = next;
            full.slice(0, -1).forEach((code, i) => {
              const node = level.find((o) => o.value === code);
              if (!node) return;
              if (!node.children) node.children = lists[i]!.items.map(toOption);
              level = node.children;
            });
            return next;
          });
        }
        if (alive) setPath(full);
      })
      .catch(() => alive && setPath([value]));
    return () => {
      alive = false;
    };
  }, [value, under]); // eslint-disable-line react-hooks/exhaustive-deps -- path is read only to skip a value the picker itself just set; a path change must not cancel the lookup

  const loadData = useMemo(
    () =>
      under
        ? undefined
        : async (selected: Option[]) => {
            const target = selected[selected.length - 1]!;
            const r = await api.get<Items<Division>>('/api/v1/divisions', { parent: target.value });
            setOptions((prev) => {
              const next = structuredClone(prev) as Option[];
              let level: Option[] | undefined = next;
              let node: Option | undefined;
              for (const s of selected) {
                node = level?.find((o) => o.value === s.value);
                level = node?.children;
              }
              if (node) {
                node.children = r.items.map(toOption);
                if (!r.items.length) node.isLeaf = true;
              }
              return next;
            });
          },
    [under],
  );

  return (
    <Cascader<Option>
      id={id}
      data-testid={rest['data-testid']}
      style={style}
      options={options}
      loadData={loadData as never}
      value={path as never}
      changeOnSelect
      allowClear={allowClear}
      placeholder={loading ? '正在加载行政区划…' : placeholder}
      showSearch={
        under ? { filter: (input, opts) => opts.some((o) => String(o.label).includes(input) || String(o.value).startsWith(input)) } : false
      }
      onChange={(v, selected) => {
        const codes = (v ?? []) as string[];
        setPath(codes);
        const last = (selected as Option[] | undefined)?.[(selected as Option[]).length - 1];
        onChange?.(codes.length ? codes[codes.length - 1]! : null, last?.division ?? null);
      }}
    />
  );
}
