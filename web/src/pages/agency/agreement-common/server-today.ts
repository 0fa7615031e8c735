/**
 * Today's China date by the server's clock (the training sandbox may run ahead of the wall clock):
 * request forms compute the earliest effective date from it, the deadline tables mark what is past.
 */
import { clockApi } from '../../../api/endpoints';
import { useRequest } from '../../../hooks/use-request';

export const chinaDay = (iso: string): string => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

export function useServerToday(): string | null {
  const { data } = useRequest(() => clockApi.get(), []);
  return data ? chinaDay(data.now) : null;
}
