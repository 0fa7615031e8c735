/**
 * Chinese label maps from GET /api/meta/enums (public), loaded once. Keys as the server names them
 * (src/server/routes/regions.ts ENUM_LABELS): institutionKind, institutionStatus, role, …
 */
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { metaApi } from '../api/endpoints';
import type { EnumLabels } from '../api/types';
import { useRequest } from '../hooks/use-request';

interface EnumsValue {
  loaded: boolean;
  /** the whole map, e.g. map('institutionStatus') */
  map: (name: string) => Record<string, string>;
  /** one label, falling back to the raw value */
  label: (name: string, value: string | null | undefined) => string;
  /** [{ value, label }] for a Select */
  options: (name: string) => { value: string; label: string }[];
}

const EnumsContext = createContext<EnumsValue | null>(null);

export function EnumsProvider({ children }: { children: ReactNode }) {
  const { data } = useRequest<EnumLabels>(() => metaApi.enums({ quiet: true }), []);
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
