// Load data from a GET endpoint for a component: { data, error, loading, reload }. A null path loads nothing.
import { useCallback, useEffect, useState } from 'react';
import { api, type Query } from './api.ts';

export interface ApiState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

export function useApi<T>(path: string | null, query?: Query): ApiState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [loading, setLoading] = useState(path !== null);
  const [nonce, setNonce] = useState(0);
  const key = path === null ? null : `${path}\n${JSON.stringify(query ?? {})}`;

  useEffect(() => {
    if (key === null || path === null) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- loading follows the request this effect starts (or that there is none)
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    api
      .get<T>(path, query, controller.signal)
      .then((d) => {
        setData(d);
        setLoading(false);
      })
      .catch((e: Error) => {
        if (e.name === 'AbortError') return;
        setError(e);
        setLoading(false);
      });
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for path and query by value: a new query object with the same content must not fetch again
  }, [key, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, error, loading, reload };
}
