import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from './api.js';

export interface RequestState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, 'client', e instanceof Error ? e.message : String(e));
}

/**
 * Loads whenever deps change. Answers that arrive after a newer request started are dropped, so fast filter
 * changes never show an older page.
 */
export function useRequest<T>(load: () => Promise<T>, deps: unknown[]): RequestState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  // The latest closure, read by the effect; the deps list, not the closure's identity, decides when to load.
  const loadRef = useRef(load);
  useLayoutEffect(() => {
    loadRef.current = load;
  });
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    loadRef.current().then(
      (d) => {
        if (mine !== seq.current) return;
        setData(d);
        setError(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setError(asApiError(e));
        setLoading(false);
      },
    );
  }, [...deps, tick]);

  useEffect(() => () => {
    seq.current++;
  }, []);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}

/** Which page of a server-paged list is shown (the API's page and pageSize). */
export interface Paging { page: number; pageSize: number }

/**
 * Paging kept in component state rather than the URL (see useUrlState), for lists inside a page and short
 * admin lists: each visit starts again at page 1.
 */
export function usePaging() {
  return useState<Paging>({ page: 1, pageSize: 20 });
}

type ParamValue = string | number;

/**
 * List state (page, filters) kept in the query string, so the back button and shared links land on the
 * same page of the same filtered list.
 */
export function useUrlState<T extends Record<string, ParamValue>>(defaults: T): [T, (patch: Partial<T>) => void] {
  const [params, setParams] = useSearchParams();
  const state = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof T & string)[]) {
    const raw = params.get(key);
    if (raw === null) continue;
    if (typeof defaults[key] === 'number') {
      const n = Number(raw);
      if (Number.isFinite(n) && n > 0) state[key] = n as T[typeof key];
    } else {
      state[key] = raw as T[typeof key];
    }
  }
  const update = (patch: Partial<T>) => {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined || v === '' || v === defaults[k]) next.delete(k);
        else next.set(k, String(v));
      }
      return next;
    }, { replace: true });
  };
  return [state, update];
}
