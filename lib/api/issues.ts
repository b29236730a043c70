import type { z } from 'zod';

/**
 * One validation issue as every Pulse HTTP API reports it (`error.issues`, documented in the
 * OpenAPI `Error` schema): where and what, nothing else. Shared by the Next.js routes
 * (lib/api/route) and the bare conversion call (lib/conversions/api-http), which must not load Next.
 */
export type ApiIssue = { path: (string | number)[]; message: string };

export const toIssues = (error: z.ZodError): ApiIssue[] =>
  error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'number' ? p : String(p))), message: i.message }));
