import { expect } from 'vitest';
import { AppError, type AppErrorCode } from '@/lib/errors';

/** Awaits `promise` and asserts it rejected with exactly this AppError code and message key. */
export async function expectAppError(promise: Promise<unknown>, code: AppErrorCode, messageKey: string): Promise<AppError> {
  let caught: unknown;
  try {
    await promise;
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected AppError ${code} ${messageKey}, but the call resolved`).toBeDefined();
  expect(caught).toBeInstanceOf(AppError);
  const err = caught as AppError;
  expect({ code: err.code, messageKey: err.messageKey }).toEqual({ code, messageKey });
  return err;
}
