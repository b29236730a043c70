import { beforeAll, describe, expect, it } from 'vitest';
import { exportContacts } from '@/lib/contacts/export';
import { createContact } from '@/lib/contacts/manage';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { drain } from './support/contacts';
import { setupTestDb } from './support/db';
import { ctxFor, makeUser } from './support/factories';
import { formulaCells } from './support/spreadsheet';

const db = setupTestDb();
let ctx: WorkspaceCtx;

/** Names a user can type: formulas at the start and hidden behind a delimiter the file does not use. */
const PAYLOADS = ['x;=2+2;y', 'x,=2+2,y', 'x|=1+1', 'x; @SUM(1)', 'x;"=1"', '=2+2', '+SUM(A1)', '-1', '@risk', '=HYPERLINK("http://evil.test")'];

beforeAll(async () => {
  const owner = await makeUser(db(), { workspaceName: 'CSV injection' });
  ctx = await ctxFor(db(), owner.user.id, owner.workspace.id);
  for (const [i, p] of PAYLOADS.entries()) {
    await createContact({ ctx, input: { email: `evil${i}@example.nl`, firstName: p, lastName: 'Safe', attributes: { note: p } } });
  }
  await createContact({ ctx, input: { email: 'anna@example.nl', firstName: 'Anna', lastName: 'de Vries' } });
});

describe('contacts export opened in a spreadsheet', () => {
  it.each([
    [',', false],
    [';', true],
  ] as const)('the %j file has no cell any spreadsheet split would run', async (delimiter, bom) => {
    const csv = await drain(await exportContacts({ ctx, input: { filter: {}, delimiter, bom } }));
    expect(csv).toContain('anna@example.nl');
    expect(csv.split('\r\n').length).toBeGreaterThan(PAYLOADS.length);
    expect(formulaCells(csv)).toEqual([]);
  });
});
