import { describe, expect, it } from 'vitest';
import { loggableError } from './safe-error';

describe('loggableError', () => {
  it('drops Drizzle parameters and keeps the query text', () => {
    const e = Object.assign(new Error('Failed query: insert into "users" ("name") values ($1)\nparams: $argon2id$secret,Ada'), {
      query: 'insert into "users" ("name") values ($1)',
      params: ['$argon2id$secret', 'Ada'],
    });
    const out = JSON.stringify(loggableError(e));
    expect(out).not.toContain('secret');
    expect(out).not.toContain('Ada');
    expect(out).toContain('insert into');
  });

  it('hides quoted values in Postgres messages but keeps identifiers, and never logs detail', () => {
    const pg = Object.assign(new Error('invalid input syntax for type uuid: "1 OR 1=1"'), { code: '22P02', detail: 'Key (email)=(a@b.test)' });
    const dup = Object.assign(new Error('duplicate key value violates unique constraint "users_email_unique"'), { code: '23505', constraint_name: 'users_email_unique' });
    expect(loggableError(pg)).toMatchObject({ code: '22P02', message: 'invalid input syntax for type uuid: "…"' });
    expect(JSON.stringify(loggableError(pg))).not.toContain('a@b.test');
    expect(loggableError(dup)).toMatchObject({ message: dup.message, constraint: 'users_email_unique' });
  });

  it('follows causes and never prints the message-bearing first stack line', () => {
    const inner = new Error('boom "x@y.test"');
    const outer = Object.assign(new Error('Failed query: select 1\nparams: x@y.test'), { query: 'select 1', params: ['x@y.test'], cause: inner });
    const out = JSON.stringify(loggableError(outer));
    expect(out).not.toContain('x@y.test');
    expect(loggableError(outer).cause?.message).toBe('boom "…"');
  });
});
