/**
 * The one error contract. An AppError is expected: its `messageKey` (an i18n key under `errors.`)
 * is safe to show the user. Anything else is logged with the request id and shown generically.
 */
export type AppErrorCode = 'VALIDATION' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'RATE_LIMITED';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code}: ${messageKey}`);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'notFound') => new AppError('NOT_FOUND', what);
export const forbidden = (why = 'forbidden') => new AppError('FORBIDDEN', why);
export const conflict = (why: string, params?: Record<string, string | number>) => new AppError('CONFLICT', why, params);
export const unauthorized = () => new AppError('UNAUTHORIZED', 'unauthorized');
export const invalid = (why: string, params?: Record<string, string | number>) => new AppError('VALIDATION', why, params);

/** What the client receives for a failed action (see components/ui/form-error.tsx). */
export interface ActionServerError {
  code: AppErrorCode | 'INTERNAL';
  messageKey: string;
  params?: Record<string, string | number>;
  requestId?: string;
}
