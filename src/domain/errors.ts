/**
 * Domain errors carry a code and a Chinese message for the user. They know
 * nothing of HTTP: server/errors.ts maps codes to status codes.
 */
export type AppErrorCode =
  | 'NOT_FOUND'
  | 'INVALID_INPUT'
  | 'CONFLICT' // wrong state, duplicate
  | 'STALE_VERSION' // someone else changed the record since it was read: reload and retry (409)
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'RULE_REFUSED' // a policy rule refused the action; `reasons` explain
  | 'TOO_MANY_REQUESTS';

export interface RuleReason {
  ruleId: string;
  citation: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    public readonly code: AppErrorCode,
    message: string,
    public readonly details?: { field?: string; reasons?: RuleReason[]; rows?: { index: number; message: string }[] },
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = '记录') => new AppError('NOT_FOUND', `${what}不存在`);
export const conflict = (message: string) => new AppError('CONFLICT', message);
export const invalid = (field: string, message: string) => new AppError('INVALID_INPUT', message, { field });
