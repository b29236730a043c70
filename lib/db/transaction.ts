import type { Db } from './client';

/** Runs `fn` in one transaction (a savepoint when `db` already is one): all of it lands or none. */
export function withTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(tx as unknown as Db));
}
