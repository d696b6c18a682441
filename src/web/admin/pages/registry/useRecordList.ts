// The back-office list of one kind's records with its filters (state, keyword, agency), server-side sort and paging,
// and the export of every matching record (all pages) to CSV.
import { useCallback, useState } from 'react';
import { api } from '../../../shared/api.ts';
import { useApi } from '../../../shared/useApi.ts';
import type { RecordKind, RecordListItem, RecordPage, RecordState } from '../../../shared/registry/types.ts';

export interface ListFilters {
  q: string;
  state: RecordState | undefined;
  agency: string | undefined;
  sort: 'title' | 'updated';
  page: number;
  pageSize: number;
}

export const INITIAL_FILTERS: ListFilters = { q: '', state: undefined, agency: undefined, sort: 'title', page: 1, pageSize: 20 };

/** The filters as the list and the Excel export take them (an agency, else the division subtree). */
export const filterQuery = (f: ListFilters, agency: string | undefined, division: string | undefined) => {
  const a = agency ?? f.agency;
  return { q: f.q || undefined, state: f.state, agency: a, division: a ? undefined : division };
};
const queryOf = (f: ListFilters, agency: string | undefined, division: string | undefined) => ({
  ...filterQuery(f, agency, division),
  sort: f.sort,
});

/** `agency`, `division`: the supervisor's header scope (an agency overrides the filter; a division narrows it). */
export function useRecordList(kind: RecordKind, enabled: boolean, agency?: string, division?: string) {
  const [filters, setFilters] = useState<ListFilters>(INITIAL_FILTERS);
  const list = useApi<RecordPage>(enabled ? `/api/v1/registry/${kind}` : null, {
    ...queryOf(filters, agency, division),
    page: filters.page,
    pageSize: filters.pageSize,
  });
  /** Change filters; any change but the page itself goes back to page 1. */
  const update = useCallback((patch: Partial<ListFilters>) => setFilters((f) => ({ ...f, ...patch, page: patch.page ?? 1 })), []);

  /** Every record matching the filters, in the table's order (for CSV export). */
  const fetchAll = useCallback(async (): Promise<RecordListItem[]> => {
    const all: RecordListItem[] = [];
    for (let page = 1; page <= 500; page++) {
      const r = await api.get<RecordPage>(`/api/v1/registry/${kind}`, { ...queryOf(filters, agency, division), page, pageSize: 200 });
      all.push(...r.items);
      if (all.length >= r.total || !r.items.length) break;
    }
    return all;
  }, [kind, filters, agency, division]);

  return { filters, update, list, fetchAll };
}
