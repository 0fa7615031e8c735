/** Loads data for a page: re-runs when `deps` change, drops stale answers. Errors are shown by the client. */
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

export interface RequestState<T> {
  data: T | undefined;
  loading: boolean;
  error: unknown;
  reload: () => void;
}

export function useRequest<T>(fn: () => Promise<T> | null, deps: DependencyList): RequestState<T> {
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);

  useEffect(() => {
    const promise = fn();
    if (!promise) {
      setData(undefined);
      return;
    }
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    promise
      .then((d) => mine === seq.current && setData(d))
      .catch((e: unknown) => mine === seq.current && setError(e))
      .finally(() => mine === seq.current && setLoading(false));
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, loading, error, reload };
}
