/**
 * What may be logged of an unexpected error: never the values a query was run with (a failed
 * insert into users would print the password hash; a failed search the user's input). Drizzle's
 * "Failed query … params: …" message, Postgres' `detail`/`where` and quoted literals are dropped;
 * the query text, SQLSTATE code, constraint and the stack frames stay for debugging.
 */
export interface LoggableError {
  name: string;
  message: string;
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  query?: string;
  frames?: string;
  cause?: LoggableError;
}

const IDENTIFIER = /^"[A-Za-z0-9_.]+"$/;
/** Keeps quoted identifiers ("users_email_unique"), hides quoted values ("abc", "x@y"). */
const redactLiterals = (text: string) => text.replace(/"(?:[^"\\]|\\.)*"/g, (m) => (IDENTIFIER.test(m) ? m : '"…"')).slice(0, 500);

function frames(stack: unknown): string | undefined {
  if (typeof stack !== 'string') return undefined;
  const lines = stack.split('\n').filter((l) => /^\s+at /.test(l));
  return lines.length ? lines.slice(0, 8).join('\n') : undefined;
}

export function loggableError(error: unknown, depth = 0): LoggableError {
  if (!(error instanceof Error)) return { name: typeof error, message: '(non-Error thrown)' };
  const e = error as Error & Record<string, unknown>;
  const out: LoggableError = { name: e.name, message: '' };
  if (typeof e.query === 'string' && 'params' in e) {
    // DrizzleQueryError: its message is the query *and its parameters*.
    out.message = 'Failed query';
    out.query = e.query.slice(0, 500);
  } else {
    out.message = redactLiterals(e.message.split('\n')[0] ?? '');
  }
  if (typeof e.code === 'string') out.code = e.code;
  if (typeof e.constraint_name === 'string') out.constraint = e.constraint_name;
  if (typeof e.table_name === 'string') out.table = e.table_name;
  if (typeof e.column_name === 'string') out.column = e.column_name;
  out.frames = frames(e.stack);
  if (e.cause !== undefined && depth < 3) out.cause = loggableError(e.cause, depth + 1);
  return out;
}
