// Controlled column sorting for antd tables, so that "export the visible rows" exports them in the order shown.
import { useCallback, useState } from 'react';
import type { SorterResult, SortOrder } from 'antd/es/table/interface';

export type Comparator<T> = (a: T, b: T) => number;

export const byText =
  <T>(get: (row: T) => string | null | undefined): Comparator<T> =>
  (a, b) =>
    (get(a) ?? '').localeCompare(get(b) ?? '', 'zh-CN');

export function useTableSort<T>(
  comparators: Record<string, Comparator<T>>,
  initial: { key: string; order: 'ascend' | 'descend' } | null = null,
) {
  const [sort, setSort] = useState(initial);

  /** Spread into a column: `{ ...sortable('name') }`. */
  const sortable = (key: string) => ({
    key,
    sorter: comparators[key],
    sortOrder: (sort?.key === key ? sort.order : null) as SortOrder | null,
  });

  const onChange = useCallback((_p: unknown, _f: unknown, sorter: SorterResult<T> | SorterResult<T>[]) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    setSort(s?.order && s.columnKey !== undefined ? { key: String(s.columnKey), order: s.order } : null);
  }, []);

  /** The rows in the order the table shows them. */
  const sorted = (rows: readonly T[]): T[] => {
    const cmp = sort ? comparators[sort.key] : undefined;
    if (!sort || !cmp) return [...rows];
    return [...rows].sort((a, b) => (sort.order === 'ascend' ? cmp(a, b) : cmp(b, a)));
  };

  return { sortable, onChange, sorted };
}

/** Sorting done by the server: the sort key and order for the query, `sortable(key)` for columns, `onChange` for the table. */
export function useServerSort<K extends string>(initial: { key: K; order: 'asc' | 'desc' }) {
  const [sort, setSort] = useState(initial);
  const sortable = (key: K) => ({
    key,
    sorter: true,
    sortOrder: (sort.key === key ? (sort.order === 'asc' ? 'ascend' : 'descend') : null) as SortOrder | null,
  });
  type Sorted = { columnKey?: unknown; order?: SortOrder };
  const onChange = useCallback((_p: unknown, _f: unknown, sorter: Sorted | Sorted[]) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    if (one?.columnKey && one.order) setSort({ key: one.columnKey as K, order: one.order === 'ascend' ? 'asc' : 'desc' });
  }, []);
  return { sort, sortable, onChange };
}
