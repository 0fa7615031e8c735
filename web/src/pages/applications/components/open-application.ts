/**
 * The institution's application that is still being handled, if any: the server refuses a second
 * one (409), so the pages do not offer 新建定点申请 while it is open. Closed = the server's
 * TERMINAL_STATES plus 'filed' (src/domain/designation/states.ts, create-application.ts).
 */
import { applicationApi } from '../../../api/pipeline-endpoints';
import { useRequest } from '../../../hooks/use-request';

const CLOSED = new Set(['refused', 'banned', 'negotiation_cancelled', 'not_signed', 'abandoned', 'activated', 'withdrawn', 'filed']);

export function useOpenApplication() {
  const { data, loading } = useRequest(() => applicationApi.queue({ pageSize: 100 }), []);
  const open = data?.items.find((a) => !CLOSED.has(a.state)) ?? null;
  return { open, loading: loading || !data };
}
