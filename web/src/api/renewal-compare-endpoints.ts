/** One agreement's renewal screening under two profiles (the rules page's 差异对比; issue #11). */
import { api, type RequestOptions } from './client';
import type { QueryOf, ResponseOf } from './openapi';

export type RenewalCompare = ResponseOf<'/api/renewal-compare'>;
export type RenewalCompareQuery = QueryOf<'/api/renewal-compare'>;

export const renewalCompareApi = {
  /** quiet: the card shows a wrong number or an agreement outside the territory itself */
  compare: (q: RenewalCompareQuery, opts?: RequestOptions) => api.get<RenewalCompare>('/api/renewal-compare', { ...opts, query: { ...q }, quiet: true }),
};
