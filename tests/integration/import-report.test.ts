import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildMapping, guessColumns } from '@/components/contacts/import-mapping';
import { importContacts } from '@/lib/contacts/import';
import { createContact } from '@/lib/contacts/manage';
import { contacts } from '@/lib/db/schema';
import type { ImportMapping } from '@/lib/db/schema/contacts/validation';
import { countSegment } from '@/lib/segments/manage';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { csvStream, daysAgo, snapshotContacts } from './support/contacts';
import { setupTestDb } from './support/db';
import { ctxFor, makeUser } from './support/factories';

const db = setupTestDb();

async function freshCtx(name = 'Import report'): Promise<WorkspaceCtx> {
  const owner = await makeUser(db(), { workspaceName: name });
  return ctxFor(db(), owner.user.id, owner.workspace.id);
}

const run = (ctx: WorkspaceCtx, lines: string[], mapping: ImportMapping) =>
  importContacts({ ctx, input: { fileName: 'contacts.csv', source: csvStream(lines), mapping } });

/** The mapping the import screen proposes for this header (what a user gets without touching anything). */
function proposed(header: string): ImportMapping {
  const result = buildMapping(guessColumns(header.split(',')));
  if (!('mapping' in result)) throw new Error(`no mapping for ${header}`);
  return result.mapping;
}

const byEmail = async (ctx: WorkspaceCtx, email: string) =>
  (await db().select().from(contacts).where(eq(contacts.workspaceId, ctx.workspaceId))).find((c) => c.email === email);
const day = (d: Date) => d.toISOString().slice(0, 10);

describe('one bad cell does not cost a valid contact', () => {
  it('a bad tag is left out and reported; the contact and its other tags are imported', async () => {
    const ctx = await freshCtx();
    const result = await run(ctx, ['Email,Tags', 'tagged@example.test,"VIP, <b>bold</b>, klant"', 'plain@example.test,'], { email: 'Email', tags: 'Tags' });
    expect(result).toMatchObject({ status: 'completed', totalRows: 2, insertedRows: 2, rejectedRows: 0 });
    expect((await byEmail(ctx, 'tagged@example.test'))?.tags).toEqual(['vip', 'klant']);
    expect(result.notices).toEqual([{ line: 2, reason: 'validation.tag', field: 'Tags', value: '<b>bold</b>' }]);
  });

  it('Mailchimp’s quoted tags are read as tags', async () => {
    const ctx = await freshCtx();
    await run(ctx, ['Email Address,TAGS', 'mc@example.test,"""Customer"",""Newsletter"""'], { email: 'Email Address', tags: 'TAGS' });
    expect((await byEmail(ctx, 'mc@example.test'))?.tags).toEqual(['customer', 'newsletter']);
  });

  it('rejects name the column as the file calls it, not an internal path', async () => {
    const ctx = await freshCtx();
    const result = await run(ctx, ['E-mail adres,Voornaam,Plaats', 'nope,Ann,Delft', 'ok@example.test,<i>,Delft', 'ok2@example.test,Bo,<x>'], {
      email: 'E-mail adres',
      firstName: 'Voornaam',
      attributes: { city: 'Plaats' },
    });
    expect(result.rejects).toEqual([
      { line: 2, reason: 'validation.email', field: 'E-mail adres', value: 'nope' },
      { line: 3, reason: 'validation.noMarkup', field: 'Voornaam', value: '<i>' },
      { line: 4, reason: 'validation.noMarkup', field: 'Plaats', value: '<x>' },
    ]);
  });
});

describe('duplicates inside one file', () => {
  it('each superseded row is reported with the line that won', async () => {
    const ctx = await freshCtx();
    const result = await run(
      ctx,
      ['email,first', 'twice@example.test,First', 'other@example.test,O', 'TWICE@example.test,Second', 'twice@example.test,Third'],
      { email: 'email', firstName: 'first' },
    );
    expect(result).toMatchObject({ status: 'completed', insertedRows: 2, duplicateRows: 2 });
    expect((await byEmail(ctx, 'twice@example.test'))?.firstName).toBe('Third');
    expect(result.notices).toEqual([
      { line: 2, reason: 'contactImport.notices.duplicate?won=5', field: 'email', value: 'twice@example.test' },
      { line: 4, reason: 'contactImport.notices.duplicate?won=5', field: 'email', value: 'twice@example.test' },
    ]);
  });
});

describe('addresses with non-ASCII characters', () => {
  it('an international domain is accepted in its DNS form; an accented name before the @ is refused with its reason', async () => {
    const ctx = await freshCtx();
    const result = await run(ctx, ['email', 'Anna@Müller.de', 'josé@example.test', 'ivan@пример.рф', 'anna@xn--mller-kva.de'], { email: 'email' });
    expect(result).toMatchObject({ status: 'completed', insertedRows: 2, rejectedRows: 1, duplicateRows: 1 });
    expect(result.rejects).toEqual([{ line: 3, reason: 'validation.emailUnicodeLocal', field: 'email', value: 'josé@example.test' }]);
    expect(await byEmail(ctx, 'anna@xn--mller-kva.de')).toBeDefined();
    expect(await byEmail(ctx, 'ivan@xn--e1afmkfd.xn--p1ai')).toBeDefined();
    // The same person typed by hand finds the imported contact.
    await expect(createContact({ ctx, input: { email: 'anna@xn--mller-kva.de' } })).rejects.toMatchObject({ messageKey: 'contactExists' });
  });
});

describe('a file with only a header', () => {
  it.each([
    ['header only', ['email,first']],
    ['header and blank lines', ['email,first', '', ',']],
  ])('%s: fails saying it had no rows, nothing changes', async (_name, lines) => {
    const ctx = await freshCtx();
    const before = await snapshotContacts(db(), ctx.workspaceId);
    const result = await run(ctx, lines, { email: 'email' });
    expect(result).toMatchObject({ status: 'failed', totalRows: 0, error: { key: 'noRows', line: 1 } });
    expect({ ...(await snapshotContacts(db(), ctx.workspaceId)), imports: 0 }).toEqual({ ...before, imports: 0 });
  });
});

describe('history from another mail tool', () => {
  it('a Mailchimp export: OPTIN_TIME becomes the join date; LAST_CHANGED and CONFIRM_TIME are left alone', async () => {
    const ctx = await freshCtx();
    const header = 'Email Address,First Name,Last Name,MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,LAST_CHANGED,TAGS';
    const mapping = proposed(header);
    expect(mapping).toMatchObject({ email: 'Email Address', joinedAt: 'OPTIN_TIME', tags: 'TAGS' });
    expect(JSON.stringify(mapping)).not.toMatch(/LAST_CHANGED|CONFIRM_TIME/);
    const result = await run(ctx, [header, 'old@example.test,Old,Timer,2,2024-03-05 14:07:09,,2024-03-05 14:09:00,,2025-01-01 00:00:00,'], mapping);
    expect(result).toMatchObject({ status: 'completed', insertedRows: 1, rejectedRows: 0, notices: [] });
    expect((await byEmail(ctx, 'old@example.test'))?.joinedAt?.toISOString()).toBe('2024-03-05T14:07:09.000Z');
  });

  it('a Klaviyo export: join, last open, last click and last purchase put contacts in the right inactivity tier on day one', async () => {
    const ctx = await freshCtx();
    const header = 'Email,First Name,Profile Created On,Last Open,Last Click,Last Active,Last Placed Order';
    const mapping = proposed(header);
    expect(mapping).toMatchObject({ joinedAt: 'Profile Created On', lastOpenAt: 'Last Open', lastClickAt: 'Last Click', lastPurchaseAt: 'Last Placed Order' });
    const joined = daysAgo(700).toISOString();
    const result = await run(
      ctx,
      [
        header,
        `fresh@example.test,F,${joined},${daysAgo(3).toISOString()},,${daysAgo(1).toISOString()},`,
        `tier1@example.test,A,${joined},${daysAgo(45).toISOString()},${daysAgo(50).toISOString()},,`,
        `tier2@example.test,B,${joined},,${daysAgo(90).toISOString()},,`,
        `tier3@example.test,C,${joined},,,,${day(daysAgo(200))}`,
        `tier4@example.test,D,${joined},,,,`,
      ],
      mapping,
    );
    expect(result).toMatchObject({ status: 'completed', insertedRows: 5, rejectedRows: 0, notices: [] });
    expect((await byEmail(ctx, 'tier1@example.test'))?.lastOpenAt?.getTime()).toBeCloseTo(daysAgo(45).getTime(), -4);
    const tier = (id: string) => countSegment(ctx, { match: 'all', rules: [{ kind: 'inactivityTier', tiers: [id as 'tier1'] }] });
    expect([await tier('tier1'), await tier('tier2'), await tier('tier3'), await tier('tier4')]).toEqual([1, 1, 1, 1]);
  });

  it('impossible, future and ambiguous dates are refused with a reason; the contact is kept without them', async () => {
    const ctx = await freshCtx();
    const result = await run(
      ctx,
      ['email,joined,opened', 'a@example.test,2023-02-30,2099-01-01', 'b@example.test,03/04/2024,yesterday', 'c@example.test,31-12-2023,'],
      { email: 'email', joinedAt: 'joined', lastOpenAt: 'opened' },
    );
    expect(result).toMatchObject({ status: 'completed', insertedRows: 3, rejectedRows: 0 });
    expect(result.notices).toEqual([
      { line: 2, reason: 'contactImport.notices.dateImpossible', field: 'joined', value: '2023-02-30' },
      { line: 2, reason: 'contactImport.notices.dateFuture', field: 'opened', value: '2099-01-01' },
      { line: 3, reason: 'contactImport.notices.dateAmbiguous', field: 'joined', value: '03/04/2024' },
      { line: 3, reason: 'contactImport.notices.dateFormat', field: 'opened', value: 'yesterday' },
    ]);
    const a = await byEmail(ctx, 'a@example.test');
    expect(a?.lastOpenAt).toBeNull();
    // No usable join date: the clock starts at the import, as for any new contact.
    expect(Date.now() - a!.joinedAt!.getTime()).toBeLessThan(60_000);
    expect((await byEmail(ctx, 'c@example.test'))?.joinedAt?.toISOString()).toBe('2023-12-31T00:00:00.000Z');
  });

  it('a re-import never moves activity dates back; an earlier join date from the old tool is kept', async () => {
    const ctx = await freshCtx();
    const mapping = { email: 'email', joinedAt: 'joined', lastOpenAt: 'open', lastClickAt: 'click', lastPurchaseAt: 'bought' };
    const header = 'email,joined,open,click,bought';
    const [j1, o1, c1, p1] = [daysAgo(300), daysAgo(10), daysAgo(20), daysAgo(30)].map((d) => d.toISOString());
    await run(ctx, [header, `re@example.test,${j1},${o1},${c1},${p1}`], mapping);
    // Older activity, an even earlier join, one newer click, and an empty purchase cell.
    const [j2, o2, c2] = [daysAgo(400), daysAgo(100), daysAgo(2)].map((d) => d.toISOString());
    const second = await run(ctx, [header, `re@example.test,${j2},${o2},${c2},`], mapping);
    expect(second).toMatchObject({ status: 'completed', updatedRows: 1 });
    const row = await byEmail(ctx, 're@example.test');
    expect(row?.joinedAt?.toISOString()).toBe(new Date(j2).toISOString());
    expect(row?.lastOpenAt?.toISOString()).toBe(new Date(o1).toISOString());
    expect(row?.lastClickAt?.toISOString()).toBe(new Date(c2).toISOString());
    expect(row?.lastPurchaseAt?.toISOString()).toBe(new Date(p1).toISOString());
  });
});
