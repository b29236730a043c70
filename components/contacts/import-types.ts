import type { ContactImport } from '@/lib/db/schema';

/** An import as it crosses to the browser (dates as ISO strings). */
export type ImportView = Omit<ContactImport, 'createdAt' | 'finishedAt'> & { createdAt: string; finishedAt: string | null };

/** The error body of the contacts API routes (the action error contract over HTTP). */
export interface RouteErrorBody {
  error?: { code: string; messageKey: string; params?: Record<string, string | number>; requestId?: string; issues?: { path: string; message: string }[] };
}
