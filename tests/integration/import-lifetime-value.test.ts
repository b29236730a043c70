import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildMapping, guessColumns } from '@/components/contacts/import-mapping';
import { exportContacts } from '@/lib/contacts/export';
import { importContacts } from '@/lib/contacts/import';
import { contactImports, contacts } from '@/lib/db/schema';
import { getDriftingSegments } from '@/lib/sequences/segments';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { getWorkspace } from '@/lib/workspaces/get';
import { csvStream } from './support/contacts';
import { setupTestDb } from './support/db';
import { ctxFor, makeUser } from './support/factories';

/**
 * Lifetime value arrives the way a customer brings it: a Klaviyo profile export and a Shopify customer
 * export, mapped by the same auto-detection the import wizard uses, through the real import verb.
 */
const db = setupTestDb();

async function importFile(ctx: WorkspaceCtx, lines: string[]) {
  const header = lines[0].split(',');
  const built = buildMapping(guessColumns(header));
  if (!('mapping' in built)) throw new Error('mapping failed');
  const result = await importContacts({ ctx, input: { fileName: 'export.csv', source: csvStream(lines), mapping: built.mapping } });
  expect(result.status).toBe('completed');
  return { mapping: built.mapping, id: result.id };
}

async function values(ctx: WorkspaceCtx) {
  const rows = await db().select({ email: contacts.email, cents: contacts.lifetimeValueCents }).from(contacts).where(eq(contacts.workspaceId, ctx.workspaceId));
  return Object.fromEntries(rows.map((r) => [r.email.split('@')[0], r.cents]));
}

async function valueTiers(ctx: WorkspaceCtx) {
  const s = await getDriftingSegments(ctx, await getWorkspace(ctx));
  return Object.fromEntries(s.values.map((v) => [v.id, v.count]));
}

describe('lifetime value through the CSV import', () => {
  it('reads Klaviyo and Shopify exports, only ever raises the value, and the value tiers follow', async () => {
    const u = await makeUser(db(), { workspaceName: 'Shop' });
    const ctx = await ctxFor(db(), u.user.id, u.workspace.id);

    const klaviyo = await importFile(ctx, [
      'Email,Historic Customer Lifetime Value,Predicted Customer Lifetime Value',
      'a@ltv.test,500.00,9999',
      'b@ltv.test,"1,234.56",10',
      'c@ltv.test,20,0',
      'd@ltv.test,-5,0',
      'e@ltv.test,abc,0',
      'f@ltv.test,,0',
    ]);
    // The historic value is what was spent; the predicted one is a forecast and is not imported.
    expect(klaviyo.mapping).toMatchObject({ lifetimeValue: 'Historic Customer Lifetime Value' });
    expect(Object.values(klaviyo.mapping)).not.toContain('Predicted Customer Lifetime Value');
    expect(klaviyo.mapping.attributes).toBeUndefined();
    expect(await values(ctx)).toEqual({ a: 50_000, b: 123_456, c: 2_000, d: 0, e: 0, f: 0 });
    const [report] = await db().select().from(contactImports).where(and(eq(contactImports.id, klaviyo.id), eq(contactImports.workspaceId, ctx.workspaceId)));
    expect(report.rejectedRows).toBe(0);
    expect(report.notices).toEqual([
      { line: 5, reason: 'contactImport.notices.moneyNegative', field: 'Historic Customer Lifetime Value', value: '-5' },
      { line: 6, reason: 'contactImport.notices.moneyFormat', field: 'Historic Customer Lifetime Value', value: 'abc' },
    ]);
    // Buyers 2,000 · 50,000 · 123,456: the 80th percentile is 123,456, the median 50,000.
    expect(await valueTiers(ctx)).toEqual({ high: 1, mid: 1, low: 4 });

    const shopify = await importFile(ctx, [
      'First Name,Last Name,Email,Total Spent',
      'Ann,A,a@ltv.test,600.00', // higher: replaces 500
      'Cor,C,c@ltv.test,10.00', // lower (an older export): 20 stays
      'Gea,G,g@ltv.test,"€ 50,00"',
      'Hal,H,h@ltv.test,99',
    ]);
    expect(shopify.mapping).toMatchObject({ email: 'Email', firstName: 'First Name', lifetimeValue: 'Total Spent' });
    expect(await values(ctx)).toEqual({ a: 60_000, b: 123_456, c: 2_000, d: 0, e: 0, f: 0, g: 5_000, h: 9_900 });
    // Buyers 2,000 · 5,000 · 9,900 · 60,000 · 123,456: 80th percentile 60,000, median 9,900.
    expect(await valueTiers(ctx)).toEqual({ high: 2, mid: 1, low: 5 });
  });

  it('exports the value, and the export imports back with it', async () => {
    const u = await makeUser(db(), { workspaceName: 'Export' });
    const ctx = await ctxFor(db(), u.user.id, u.workspace.id);
    await importFile(ctx, ['Email,Totaal besteed', 'n@ltv.test,"1.234,56"', 'z@ltv.test,']);
    let csv = '';
    for await (const chunk of await exportContacts({ ctx, input: { filter: {} } })) csv += chunk;
    const lines = csv.trim().split('\r\n');
    const column = lines[0].split(',').indexOf('lifetime_value');
    expect(column).toBeGreaterThan(0);
    expect(Object.fromEntries(lines.slice(1).map((l) => [l.split(',')[0], l.split(',')[column]]))).toEqual({ 'n@ltv.test': '1234.56', 'z@ltv.test': '0.00' });
    const v = await makeUser(db(), { workspaceName: 'Copy' });
    const copy = await ctxFor(db(), v.user.id, v.workspace.id);
    const result = await importFile(copy, lines);
    expect(result.mapping).toMatchObject({ lifetimeValue: 'lifetime_value' });
    expect(await values(copy)).toEqual({ n: 123_456, z: 0 });
  });

  it('another workspace importing the same addresses leaves these values alone', async () => {
    const mine = await makeUser(db(), { workspaceName: 'Mine' });
    const theirs = await makeUser(db(), { workspaceName: 'Theirs' });
    const me = await ctxFor(db(), mine.user.id, mine.workspace.id);
    const them = await ctxFor(db(), theirs.user.id, theirs.workspace.id);
    await importFile(me, ['email,ltv', 'x@ltv.test,10']);
    await importFile(them, ['email,ltv', 'x@ltv.test,"1.000,00"']);
    expect(await values(me)).toEqual({ x: 1_000 });
    expect(await values(them)).toEqual({ x: 100_000 });
  });
});
