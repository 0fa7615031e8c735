/** Chinese label maps from GET /api/meta/enums, loaded once after sign-in. */
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { metaApi } from '../api/endpoints';
import type { EnumLabels } from '../api/types';
import { useRequest } from '../hooks/use-request';

interface EnumsValue {
  loaded: boolean;
  /** the whole map, e.g. map('institutionStatusLabel') */
  map: (name: string) => Record<string, string>;
  /** one label, falling back to the raw value */
  label: (name: string, value: string | null | undefined) => string;
  /** [{ value, label }] for a Select */
  options: (name: string) => { value: string; label: string }[];
}

const EnumsContext = createContext<EnumsValue | null>(null);

export function EnumsProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const { data } = useRequest<EnumLabels>(() => (enabled ? metaApi.enums() : null), [enabled]);
  const map = useCallback((name: string) => data?.[name] ?? {}, [data]);
  const label = useCallback(
    (name: string, value: string | null | undefined) => (value == null ? '' : (data?.[name]?.[value] ?? value)),
    [data],
  );
  const options = useCallback(
    (name: string) => Object.entries(data?.[name] ?? {}).map(([value, l]) => ({ value, label: l })),
    [data],
  );
  const value = useMemo(() => ({ loaded: !!data, map, label, options }), [data, map, label, options]);
  return <EnumsContext.Provider value={value}>{children}</EnumsContext.Provider>;
}

export function useEnums(): EnumsValue {
  const v = useContext(EnumsContext);
  if (!v) throw new Error('useEnums outside EnumsProvider');
  return v;
}
