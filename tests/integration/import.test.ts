import { PassThrough, Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { and, asc, count, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportContacts } from '@/lib/contacts/export';
import { importContacts, type ImportContactsInput } from '@/lib/contacts/import';
import { failStaleImports, getImport, listImports } from '@/lib/contacts/imports';
import { createList, deleteList } from '@/lib/contacts/lists';
import { createContact } from '@/lib/contacts/manage';
import { countContacts } from '@/lib/contacts/query';
import { auditLog, contactImportRows, contactImports, contacts, listMembers } from '@/lib/db/schema';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { expectAppError } from './support/assertions';
import { csvStream, drain, snapshotContacts } from './support/contacts';
import { setupTestDb } from './support/db';
import { testDriver } from './support/driver';
import { addMember, ctxFor, makeUser } from './support/factories';
import { waitFor } from './support/sending';

const db = setupTestDb();

async function freshCtx(name = 'Import'): Promise<WorkspaceCtx> {
  const owner = await makeUser(db(), { workspaceName: name });
  return ctxFor(db(), owner.user.id, owner.workspace.id);
}

const run = (ctx: WorkspaceCtx, lines: string[] | Iterable<string>, input: Partial<ImportContactsInput> = {}) =>
  importContacts({
    ctx,
    input: { fileName: 'contacts.csv', source: csvStream(lines), mapping: { email: 'email' }, ...input },
  });

async function stagingRows(importId: string): Promise<number> {
  return (await db().select({ n: count() }).from(contactImportRows).where(eq(contactImportRows.importId, importId)))[0].n;
}

const byEmail = (ctx: WorkspaceCtx) =>
  db()
    .select()
    .from(contacts)
    .where(eq(contacts.workspaceId, ctx.workspaceId))
    .orderBy(asc(contacts.email));

describe('a 100,000-row import', () => {
  const N = 100_000;
  // Every 10,000th row has a bad email; rows 5, 25,005, 50,005 and 75,005 repeat the previous
  // row's address in upper case. Line of row i = i + 1 (the header is line 1).
  function* bulk(): Generator<string> {
    yield 'E-mail,Voornaam,Achternaam,Labels,Plaats';
    for (let i = 1; i <= N; i++) {
      const email = i % 10_000 === 0 ? `broken-${i}` : i % 25_000 === 5 ? `USER${i - 1}@BULK.TEST` : `user${i}@bulk.test`;
      yield `${email},First${i},Last${i},"bulk, b${i % 3}",City ${i % 50}`;
    }
  }

  it('stages in batches, merges once, and counts inserted, updated, rejected and duplicate rows', async () => {
    const ctx = await freshCtx('Bulk');
    for (const n of [1, 2, 3]) await createContact({ ctx, input: { email: `user${n}@bulk.test`, lastName: 'Keep' } });
    await db()
      .update(contacts)
      .set({ status: 'unsubscribed', tags: ['old'], attributes: { tier: 'gold' } })
      .where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.email, 'user2@bulk.test')));
    const list = await createList({ ctx, input: { name: 'Bulk list' } });

    // Poll the import row like a progress bar would, while the import runs.
    const seen = new Set<number>();
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const [row] = await db()
          .select({ totalRows: contactImports.totalRows })
          .from(contactImports)
          .where(eq(contactImports.workspaceId, ctx.workspaceId))
          .orderBy(desc(contactImports.createdAt))
          .limit(1);
        if (row) seen.add(row.totalRows);
        await new Promise((r) => setTimeout(r, 25));
      }
    })();

    const started = Date.now();
    const result = await importContacts({
      ctx,
      input: {
        fileName: 'bulk.csv',
        source: csvStream(bulk()),
        mapping: { email: 'E-mail', firstName: 'Voornaam', lastName: 'Achternaam', tags: 'Labels', attributes: { city: 'Plaats' } },
        listId: list.id,
      },
    });
    const seconds = (Date.now() - started) / 1000;
    polling = false;
    await poll;
    console.info(`[import.test] ${N.toLocaleString('en')} rows on ${testDriver()}: ${seconds.toFixed(1)} s`);

    expect(result).toMatchObject({
      status: 'completed',
      totalRows: N,
      rejectedRows: 10,
      duplicateRows: 4,
      updatedRows: 3,
      insertedRows: N - 10 - 4 - 3,
      error: null,
      listId: list.id,
    });
    expect(result.finishedAt).toBeInstanceOf(Date);
    expect(result.rejects).toEqual(
      Array.from({ length: 10 }, (_, k) => ({
        line: (k + 1) * 10_000 + 1,
        reason: 'validation.email',
        field: 'E-mail', // the file's own column name
        value: `broken-${(k + 1) * 10_000}`,
      })),
    );
    expect([...seen].some((n) => n > 0 && n < N), `progress seen: ${[...seen].sort((a, b) => a - b).join(', ')}`).toBe(true);
    expect(await stagingRows(result.id)).toBe(0);
    expect(await countContacts(ctx)).toBe(N - 10 - 4);
    expect((await db().select({ n: count() }).from(listMembers).where(eq(listMembers.listId, list.id)))[0].n).toBe(N - 10 - 4);

    const [user2] = await db().select().from(contacts).where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.email, 'user2@bulk.test')));
    // Names from the file, status kept (an import never resubscribes), tags added, attributes merged.
    expect(user2).toMatchObject({ firstName: 'First2', lastName: 'Last2', status: 'unsubscribed', tags: ['old', 'bulk', 'b2'], attributes: { tier: 'gold', city: 'City 2' } });
    const [user4] = await db().select().from(contacts).where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.email, 'user4@bulk.test')));
    expect(user4).toMatchObject({ firstName: 'First5', lastName: 'Last5', tags: ['bulk', 'b2'], attributes: { city: 'City 5' } });

    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ctx.workspaceId), eq(auditLog.action, 'contacts.imported')));
    expect(audit).toMatchObject({ target: result.id, data: { insertedRows: N - 17, updatedRows: 3, rejectedRows: 10, duplicateRows: 4, listed: N - 14 } });

    // The same contacts stream out again, one batch at a time.
    const exportStarted = Date.now();
    let lines = 0;
    for await (const chunk of await exportContacts({ ctx, input: { filter: { listId: list.id } } })) lines += chunk.split('\r\n').length - 1;
    console.info(`[import.test] export of ${(N - 14).toLocaleString('en')} contacts on ${testDriver()}: ${((Date.now() - exportStarted) / 1000).toFixed(1)} s`);
    expect(lines).toBe(1 + N - 14);
  });
});

describe('rows', () => {
  it('rejects bad rows with their 1-based line (header = 1) and a reason, and imports the rest', async () => {
    const ctx = await freshCtx();
    const result = await run(
      ctx,
      [
        'email,first,last', // 1
        'ok1@example.test,A,B', // 2
        'ok2@example.test,<b>X</b>,B', // 3
        '', // 4: blank lines are skipped, not counted
        'not-an-email,C,D', // 5
        ',E,F', // 6
        '"multi', // 7 (a record over two lines starts on line 7)
        'line",G,H', // 8
        'ok3@example.test,I,J,extra', // 9
        'ok4@example.test,K,L', // 10
      ],
      { mapping: { email: 'email', firstName: 'first', lastName: 'last' } },
    );
    expect(result).toMatchObject({ status: 'completed', totalRows: 7, insertedRows: 2, updatedRows: 0, rejectedRows: 5, duplicateRows: 0 });
    expect(result.rejects).toEqual([
      { line: 3, reason: 'validation.noMarkup', field: 'first', value: '<b>X</b>' },
      { line: 5, reason: 'validation.email', field: 'email', value: 'not-an-email' },
      { line: 6, reason: 'validation.required', field: 'email' },
      { line: 7, reason: 'validation.email', field: 'email', value: 'multi\nline' },
      { line: 9, reason: 'validation.fieldCount', value: '4' },
    ]);
    expect((await byEmail(ctx)).map((c) => [c.email, c.firstName, c.lastName])).toEqual([
      ['ok1@example.test', 'A', 'B'],
      ['ok4@example.test', 'K', 'L'],
    ]);
  });

  it('dedupes case-insensitively within the file (the last row wins) and against existing contacts', async () => {
    const ctx = await freshCtx();
    const existing = await createContact({ ctx, input: { email: 'Existing@Example.test', lastName: 'Keep', tags: ['old'] } });
    await db().update(contacts).set({ status: 'complained' }).where(eq(contacts.id, existing.id));
    const result = await run(
      ctx,
      ['email,first,last,tags', 'dup@example.test,First,One,a', 'EXISTING@example.test,Ex,,new', 'Dup@Example.Test,Second,,b'],
      { mapping: { email: 'email', firstName: 'first', lastName: 'last', tags: 'tags' } },
    );
    expect(result).toMatchObject({ status: 'completed', totalRows: 3, insertedRows: 1, updatedRows: 1, duplicateRows: 1, rejectedRows: 0 });
    const rows = await byEmail(ctx);
    expect(rows.map((c) => c.email)).toEqual(['dup@example.test', 'existing@example.test']);
    expect(rows[0]).toMatchObject({ firstName: 'Second', lastName: null, tags: ['b'] });
    expect(rows[1]).toMatchObject({ id: existing.id, firstName: 'Ex', lastName: 'Keep', status: 'complained', tags: ['old', 'new'] });
  });

  it('reads a Dutch Excel file: BOM, `;` delimiter, CRLF, quoted `;` and case-insensitive headers', async () => {
    const ctx = await freshCtx();
    const source = Readable.from([
      '\uFEFFE-mailadres;Voornaam;Achternaam;Labels;Plaats\r\n',
      'marie@example.nl;Marie;"van Dijk; jr.";"vip;b2b";Den Haag\r\n',
      'joost@example.nl;Joost;;;\r\n',
      ';;;;\r\n',
    ]);
    const result = await importContacts({
      ctx,
      input: {
        fileName: 'export.csv',
        source,
        mapping: { email: 'e-mailadres', firstName: 'Voornaam', lastName: 'Achternaam', tags: 'Labels', attributes: { city: 'plaats' } },
      },
    });
    expect(result).toMatchObject({ status: 'completed', totalRows: 2, insertedRows: 2, rejectedRows: 0 });
    expect((await byEmail(ctx)).map((c) => [c.email, c.firstName, c.lastName, c.tags, c.attributes])).toEqual([
      ['joost@example.nl', 'Joost', null, [], {}],
      ['marie@example.nl', 'Marie', 'van Dijk; jr.', ['vip', 'b2b'], { city: 'Den Haag' }],
    ]);
  });

  it('accepts a web ReadableStream as the source', async () => {
    const ctx = await freshCtx();
    const bytes = new TextEncoder().encode('email\nweb@example.test\n');
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
    const result = await importContacts({ ctx, input: { fileName: 'web.csv', source, mapping: { email: 'email' } } });
    expect(result).toMatchObject({ status: 'completed', insertedRows: 1 });
  });
});

describe('a failed import changes no contact and leaves no staging rows', () => {
  async function expectNothingChanged(ctx: WorkspaceCtx, before: Awaited<ReturnType<typeof snapshotContacts>>, importId: string) {
    const after = await snapshotContacts(db(), ctx.workspaceId);
    expect({ ...after, imports: 0 }).toEqual({ ...before, imports: 0 });
    expect(await stagingRows(importId)).toBe(0);
  }

  it('an unclosed quote on line 50,001 fails the file after 50,000 lines were staged', async () => {
    const ctx = await freshCtx();
    await createContact({ ctx, input: { email: 'user10@big.test', firstName: 'Original' } });
    const before = await snapshotContacts(db(), ctx.workspaceId);
    function* lines(): Generator<string> {
      yield 'email,first';
      for (let i = 1; i <= 60_000; i++) yield i === 50_000 ? `"user${i}@big.test,Oops` : `user${i}@big.test,First${i}`;
    }
    const result = await run(ctx, lines(), { mapping: { email: 'email', firstName: 'first' } });
    expect(result).toMatchObject({ status: 'failed', error: { key: 'quoteNotClosed', line: 50_001 } });
    // Rows read before the parser gave up; it may drop a few it had buffered when it fails.
    expect(result.totalRows).toBeGreaterThan(40_000);
    expect(result.totalRows).toBeLessThanOrEqual(49_999);
    expect(result.finishedAt).toBeInstanceOf(Date);
    await expectNothingChanged(ctx, before, result.id);
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ctx.workspaceId), eq(auditLog.action, 'contacts.import.failed')));
    expect(audit.data).toEqual({ error: 'quoteNotClosed', line: 50_001 });
  });

  const header201 = Array.from({ length: 201 }, (_, i) => (i === 0 ? 'email' : `c${i}`)).join(',');
  it.each([
    ['a missing mapped column', ['mail,name', 'a@example.test,A'], { key: 'missingColumn', line: 1, detail: 'email' }],
    ['a header used twice', ['email, email ', 'a@example.test,b@example.test'], { key: 'ambiguousColumn', line: 1, detail: 'email' }],
    ['too many columns', [header201, 'a@example.test'], { key: 'tooManyColumns', line: 1, detail: '201' }],
    ['an empty file', [''], { key: 'emptyFile' }],
    ['a quote inside a bare cell', ['email,first', 'a@example.test,A', 'b@example.test,B"ob'], { key: 'invalidQuote', line: 3 }],
    ['a quote open at the end of the file', ['email,first', 'a@example.test,A', 'b@example.test,"Bob'], { key: 'quoteNotClosed', line: 3 }],
    ['a line that is too long', ['email,first', 'a@example.test,A', `b@example.test,${'x'.repeat(70_000)}`], { key: 'lineTooLong', line: 3 }],
  ] as const)('%s', async (_name, lines, error) => {
    const ctx = await freshCtx();
    await createContact({ ctx, input: { email: 'a@example.test', firstName: 'Stays' } });
    const before = await snapshotContacts(db(), ctx.workspaceId);
    const result = await run(ctx, lines, { mapping: { email: 'email', firstName: 'first' in error ? 'first' : undefined } });
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject(error);
    await expectNothingChanged(ctx, before, result.id);
  });

  it('a database error in the final merge (the target list was deleted meanwhile) rolls everything back', async () => {
    const ctx = await freshCtx();
    await createContact({ ctx, input: { email: 'r1@example.test', firstName: 'Original' } });
    const list = await createList({ ctx, input: { name: 'Goes away' } });
    const before = await snapshotContacts(db(), ctx.workspaceId);
    const source = new PassThrough();
    source.write(`email,first\n${Array.from({ length: 2500 }, (_, i) => `r${i}@example.test,New${i}`).join('\n')}\n`);
    const running = importContacts({ ctx, input: { fileName: 'late.csv', source, mapping: { email: 'email', firstName: 'first' }, listId: list.id } });
    const settled = running.then(
      () => null,
      (e: unknown) => e,
    );
    // The import has checked the list and is staging rows: now the list goes away under it.
    await waitFor(async () => (await db().select().from(contactImports).where(eq(contactImports.workspaceId, ctx.workspaceId))).length > 0, 'the import to start');
    await deleteList({ ctx, input: { listId: list.id } });
    source.end('last@example.test,Last\n');
    expect(await settled).toBeInstanceOf(Error);

    const [row] = await db().select().from(contactImports).where(eq(contactImports.workspaceId, ctx.workspaceId));
    expect(row).toMatchObject({ status: 'failed', error: { key: 'internal' }, totalRows: 2501 });
    const after = await snapshotContacts(db(), ctx.workspaceId);
    expect(after.contacts).toEqual(before.contacts);
    expect(await stagingRows(row.id)).toBe(0);
  });

  it('an upload that breaks off mid-file', async () => {
    const ctx = await freshCtx();
    const before = await snapshotContacts(db(), ctx.workspaceId);
    let sent = 0;
    const source = new Readable({
      read() {
        sent += 1;
        if (sent === 1) this.push('email\n');
        else if (sent <= 3) this.push(Array.from({ length: 1500 }, (_, i) => `r${sent}-${i}@example.test\n`).join(''));
        else this.destroy(new Error('connection reset by peer'));
      },
    });
    const result = await importContacts({ ctx, input: { fileName: 'cut.csv', source, mapping: { email: 'email' } } });
    expect(result).toMatchObject({ status: 'failed', error: { key: 'readFailed' } });
    await expectNothingChanged(ctx, before, result.id);
  });
});

describe('import guards', () => {
  it('a viewer may not import; another workspace’s list is NOT_FOUND; neither creates an import row', async () => {
    const owner = await makeUser(db(), { workspaceName: 'Guards' });
    const ctx = await ctxFor(db(), owner.user.id, owner.workspace.id);
    const viewer = await addMember(db(), owner.workspace.id, 'viewer');
    const vctx = await ctxFor(db(), viewer.id, owner.workspace.id);
    const other = await freshCtx('Other');
    const foreignList = await createList({ ctx: other, input: { name: 'Theirs' } });

    await expectAppError(run(vctx, ['email', 'v@example.test']), 'FORBIDDEN', 'readOnly');
    await expectAppError(run(ctx, ['email', 'v@example.test'], { listId: foreignList.id }), 'NOT_FOUND', 'listNotFound');
    expect((await snapshotContacts(db(), owner.workspace.id)).imports).toBe(0);
    expect(await countContacts(ctx)).toBe(0);
  });
});

describe('import status', () => {
  it('getImport / listImports are tenant-scoped; a stale running import is failed and its staging dropped', async () => {
    const ctx = await freshCtx();
    const done = await run(ctx, ['email', 'status@example.test']);
    expect(await getImport({ ctx, input: { importId: done.id } })).toMatchObject({ id: done.id, status: 'completed', insertedRows: 1 });
    expect((await listImports(ctx)).map((i) => i.id)).toEqual([done.id]);
    const other = await freshCtx('Other imports');
    await expectAppError(getImport({ ctx: other, input: { importId: done.id } }), 'NOT_FOUND', 'importNotFound');
    expect(await listImports(other)).toEqual([]);

    // A process that died mid-import leaves a running row and staging rows behind.
    const [stale] = await db()
      .insert(contactImports)
      .values({ workspaceId: ctx.workspaceId, fileName: 'crashed.csv', createdAt: new Date(Date.now() - 2 * 3_600_000) })
      .returning();
    await db().insert(contactImportRows).values({ importId: stale.id, line: 2, email: 'half@example.test' });
    expect(await failStaleImports(db(), 3_600_000)).toBeGreaterThanOrEqual(1);
    expect(await getImport({ ctx, input: { importId: stale.id } })).toMatchObject({ status: 'failed', error: { key: 'internal', detail: 'stale' } });
    expect(await stagingRows(stale.id)).toBe(0);
    expect((await getImport({ ctx, input: { importId: done.id } })).status).toBe('completed');
  });
});

describe('export', () => {
  let ctx: WorkspaceCtx;
  beforeAll(async () => {
    ctx = await freshCtx('Export');
    await createContact({ ctx, input: { email: 'anna@example.nl', firstName: 'Anna', lastName: 'de Vries', tags: ['vip', 'b2b'], attributes: { city: 'Utrecht', plan: 'pro' } } });
    await createContact({ ctx, input: { email: 'bram@example.nl', firstName: 'Bram', lastName: 'Ünal, "Jr"', attributes: { city: 'Zwolle' } } });
    await createContact({ ctx, input: { email: 'evil@example.nl', firstName: "=cmd|' /C calc'!A0", lastName: '+SUM(A1)', tags: ['vip'], attributes: { plan: '@risk', city: '-1' } } });
  });
  const exportText = async (input: Parameters<typeof exportContacts>[0]['input']) => drain(await exportContacts({ ctx, input }));

  it('neutralises cells that a spreadsheet would run as a formula', async () => {
    const records = parse(await exportText({ filter: {} }), { columns: true }) as Record<string, string>[];
    const evil = records.find((r) => r.email === 'evil@example.nl');
    expect(evil).toMatchObject({ first_name: "'=cmd|' /C calc'!A0", last_name: "'+SUM(A1)", 'attributes.plan': "'@risk", 'attributes.city': "'-1" });
    expect(records.find((r) => r.email === 'anna@example.nl')).toMatchObject({ first_name: 'Anna', tags: 'vip, b2b', status: 'subscribed' });
  });

  it('round-trips through the import into another workspace (`;` and BOM for Excel)', async () => {
    const csv = await exportText({ filter: { q: '.nl' }, delimiter: ';', bom: true });
    expect(csv.startsWith('\uFEFFemail;first_name;last_name;status;tags;')).toBe(true);
    const target = await freshCtx('Round trip');
    const result = await importContacts({
      ctx: target,
      input: {
        fileName: 'export.csv',
        source: Readable.from([csv]),
        mapping: {
          email: 'email',
          firstName: 'first_name',
          lastName: 'last_name',
          tags: 'tags',
          attributes: { city: 'attributes.city', plan: 'attributes.plan' },
        },
      },
    });
    expect(result).toMatchObject({ status: 'completed', insertedRows: 3, rejectedRows: 0 });
    const pick = (rows: Awaited<ReturnType<typeof byEmail>>) => rows.map((c) => ({ email: c.email, firstName: c.firstName, lastName: c.lastName, tags: c.tags, attributes: c.attributes }));
    const source = pick(await byEmail(ctx));
    const copy = pick(await byEmail(target));
    expect(copy.filter((c) => c.email !== 'evil@example.nl')).toEqual(source.filter((c) => c.email !== 'evil@example.nl'));
    // The neutralised cells come back as text with the apostrophe: inert, and visibly so.
    expect(copy.find((c) => c.email === 'evil@example.nl')).toMatchObject({ firstName: "'=cmd|' /C calc'!A0", attributes: { plan: "'@risk", city: "'-1" } });
  });

  it('exports exactly the filtered view, and checks the filter before streaming', async () => {
    const records = parse(await exportText({ filter: { tag: 'vip' } }), { columns: true }) as Record<string, string>[];
    expect(records.map((r) => r.email).sort()).toEqual(['anna@example.nl', 'evil@example.nl']);
    const other = await freshCtx('Other export');
    const foreign = await createList({ ctx: other, input: { name: 'Theirs' } });
    await expectAppError(exportContacts({ ctx, input: { filter: { listId: foreign.id } } }), 'NOT_FOUND', 'listNotFound');
    const audits = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ctx.workspaceId), eq(auditLog.action, 'contacts.exported')));
    expect(audits.length).toBeGreaterThanOrEqual(1);
  });
});

