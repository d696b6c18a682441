// The part of their jurisdiction a supervisor is looking at: a division of their subtree, or one agency in it.
// Kept in the URL (?division= / ?agency=) so it survives reloads and links, and given to pages through a context
// (pages filter their queries by it). For every other role the scope is fixed to what the server allows them.
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useUser } from './auth.tsx';
import { can } from './menu.tsx';
import { useApi } from '../shared/useApi.ts';
import type { Agency, Division, Items } from '../shared/types.ts';

export interface ScopeValue {
  /** The user may switch scope (supervisors). */
  switchable: boolean;
  /** The selected division (subtree), or null for the whole jurisdiction. */
  division: Division | null;
  /** The selected agency, or null. */
  agency: Agency | null;
  /** The jurisdiction's divisions and agencies (supervisors only; empty otherwise). */
  divisions: Division[];
  agencies: Agency[];
  loading: boolean;
  /** The scope is known (for supervisors: their divisions and agencies have loaded). Pages wait for it before querying. */
  ready: boolean;
  /** Division code to filter list queries by (the agency's division when an agency is selected). */
  divisionFilter: string | undefined;
  /** A short description: "通辽市及以下", "奈曼旗司法局", "内蒙古自治区及以下（全部）". */
  label: string;
  select(next: { division?: string | null; agency?: string | null }): void;
  /** The query string to carry over when navigating ("?division=150500" or ""). */
  search: string;
}

const ScopeContext = createContext<ScopeValue | null>(null);

export function ScopeProvider({ children }: { children: ReactNode }) {
  const user = useUser();
  const switchable = can(user, 'switchScope') && !!user.divisionCode;
  const [params, setParams] = useSearchParams();
  const divisions = useApi<Items<Division>>(switchable ? '/api/v1/divisions' : null, { under: user.divisionCode });
  const agencies = useApi<Items<Agency>>(switchable ? '/api/v1/agencies' : null);

  const divisionCode = params.get('division');
  const agencyId = params.get('agency');

  const select = useCallback(
    (next: { division?: string | null; agency?: string | null }) => {
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          p.delete('division');
          p.delete('agency');
          if (next.agency) p.set('agency', next.agency);
          else if (next.division) p.set('division', next.division);
          return p;
        },
        { replace: false },
      );
    },
    [setParams],
  );

  const value = useMemo<ScopeValue>(() => {
    const divisionList = divisions.data?.items ?? [];
    const agencyList = agencies.data?.items ?? [];
    const agency = switchable && agencyId ? (agencyList.find((a) => a.id === agencyId) ?? null) : null;
    const division = switchable && !agency && divisionCode ? (divisionList.find((d) => d.code === divisionCode) ?? null) : null;
    const root = divisionList.find((d) => d.code === user.divisionCode);
    const label = agency
      ? agency.name
      : division
        ? `${division.name}及以下`
        : root
          ? `${root.name}及以下（全部）`
          : (user.agencyName ?? user.divisionName ?? '全系统');
    const search = agency ? `?agency=${encodeURIComponent(agency.id)}` : division ? `?division=${division.code}` : '';
    return {
      switchable,
      division,
      agency,
      divisions: divisionList,
      agencies: agencyList,
      loading: divisions.loading || agencies.loading,
      ready: !switchable || (!!divisions.data && !!agencies.data) || !!divisions.error || !!agencies.error,
      divisionFilter: agency?.divisionCode ?? division?.code ?? undefined,
      label,
      search,
      select,
    };
  }, [
    switchable,
    divisions.data,
    divisions.loading,
    divisions.error,
    agencies.data,
    agencies.loading,
    agencies.error,
    divisionCode,
    agencyId,
    user,
    select,
  ]);

  return <ScopeContext.Provider value={value}>{children}</ScopeContext.Provider>;
}

export function useScope(): ScopeValue {
  const v = useContext(ScopeContext);
  if (!v) throw new Error('useScope outside ScopeProvider');
  return v;
}
