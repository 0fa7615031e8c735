/**
 * Wraps a dialog's submit handler so that invalid input never becomes an uncaught promise
 * rejection: antd's `validateFields()` rejects with `{ errorFields }` after showing the messages at
 * the fields, and a request error has already been shown by the API client's one error sink.
 */
import { ApiError } from '../api/client';

export const isValidationError = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && 'errorFields' in e && Array.isArray((e as { errorFields: unknown }).errorFields);

export function catching<A extends unknown[]>(fn: (...args: A) => Promise<unknown>): (...args: A) => void {
  return (...args: A) => {
    void fn(...args).catch((e: unknown) => {
      if (isValidationError(e) || e instanceof ApiError) return;
      console.error(e);
    });
  };
}
