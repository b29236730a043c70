import { describe, expect, it } from 'vitest';
import { importMappingSchema } from '@/lib/db/schema/contacts/validation';
import { attributeKeyFor, buildMapping, chooseTarget, guessColumns } from './import-mapping';

describe('guessColumns', () => {
  it('recognises English, Dutch and our own export headers', () => {
    const cols = guessColumns(['E-mail', 'Voornaam', 'Achternaam', 'Labels', 'Plaats', 'status', 'attributes.plan']);
    expect(cols.map((c) => c.target)).toEqual(['email', 'firstName', 'lastName', 'tags', 'attribute', 'skip', 'attribute']);
    expect(cols[6].attributeKey).toBe('plan');
  });

  it('maps the history columns of Mailchimp and Klaviyo exports and leaves bookkeeping dates out', () => {
    const mailchimp = guessColumns(['Email Address', 'First Name', 'Last Name', 'MEMBER_RATING', 'OPTIN_TIME', 'CONFIRM_TIME', 'LAST_CHANGED', 'TAGS']);
    expect(mailchimp.map((c) => c.target)).toEqual(['email', 'firstName', 'lastName', 'skip', 'joinedAt', 'skip', 'skip', 'tags']);
    const klaviyo = guessColumns(['Email', 'First Name', 'Profile Created On', 'Last Open', 'Last Click', 'Last Active', 'Last Placed Order']);
    expect(klaviyo.map((c) => c.target)).toEqual(['email', 'firstName', 'joinedAt', 'lastOpenAt', 'lastClickAt', 'skip', 'lastPurchaseAt']);
    const ours = guessColumns(['email', 'joined_at', 'last_open_at', 'last_click_at', 'last_purchase_at']);
    expect(ours.map((c) => c.target)).toEqual(['email', 'joinedAt', 'lastOpenAt', 'lastClickAt', 'lastPurchaseAt']);
    const result = buildMapping(klaviyo);
    expect(result).toMatchObject({ mapping: { joinedAt: 'Profile Created On', lastOpenAt: 'Last Open', lastClickAt: 'Last Click', lastPurchaseAt: 'Last Placed Order' } });
  });

  it('refuses unnamed and repeated columns, which the server could not find by name', () => {
    const cols = guessColumns(['email', '', 'city', 'city']);
    expect(cols.map((c) => c.problem)).toEqual([undefined, 'noName', 'duplicate', 'duplicate']);
    expect(cols.map((c) => c.target)).toEqual(['email', 'skip', 'skip', 'skip']);
  });
});

describe('attributeKeyFor', () => {
  it.each([
    ['Plaats van herkomst', 0, 'Plaats_van_herkomst'],
    ['Café', 0, 'Cafe'],
    ['123', 4, 'column_5'],
    ['  plan  ', 0, 'plan'],
  ])('%j → %s', (header, index, key) => {
    expect(attributeKeyFor(header, index)).toBe(key);
  });
});

describe('buildMapping', () => {
  it('builds what the server validates', () => {
    const cols = guessColumns(['email', 'first_name', 'tags', 'City']);
    const result = buildMapping(cols);
    expect(result).toEqual({ mapping: { email: 'email', firstName: 'first_name', tags: 'tags', attributes: { City: 'City' } } });
    if ('mapping' in result) expect(importMappingSchema.safeParse(result.mapping).success).toBe(true);
  });

  it('needs an email column and valid, distinct attribute keys', () => {
    let cols = chooseTarget(guessColumns(['mail', 'a', 'b']), 0, 'attribute');
    cols = cols.map((c) => ({ ...c, attributeKey: c.index === 2 ? 'A' : c.attributeKey }));
    expect(buildMapping(cols)).toEqual({
      errors: { email: 'contacts.import.needEmail', keys: { 2: 'contacts.import.duplicateKey' } },
    });
  });

  it('moves a single field to the column chosen last', () => {
    const cols = chooseTarget(guessColumns(['email', 'other']), 1, 'email');
    expect(cols.map((c) => c.target)).toEqual(['skip', 'email']);
  });
});

describe('lifetime value columns', () => {
  it.each([
    'Lifetime value',
    'lifetime_value',
    'Historic Customer Lifetime Value',
    'Total Spent',
    'total_spent',
    'CLV',
    'ltv',
    'Totaal besteed',
  ])('%j is the lifetime value', (header) => {
    expect(guessColumns(['email', header]).map((c) => c.target)).toEqual(['email', 'lifetimeValue']);
  });

  it('takes Klaviyo’s historic value and skips the predicted one, in either order', () => {
    const historic = 'Historic Customer Lifetime Value';
    const predicted = 'Predicted Customer Lifetime Value';
    expect(guessColumns(['Email', predicted, historic]).map((c) => c.target)).toEqual(['email', 'skip', 'lifetimeValue']);
    expect(guessColumns(['Email', historic, predicted]).map((c) => c.target)).toEqual(['email', 'lifetimeValue', 'skip']);
    expect(buildMapping(guessColumns(['Email', historic, predicted]))).toEqual({ mapping: { email: 'Email', lifetimeValue: historic } });
  });

  it('a second value column is skipped, not imported as an attribute', () => {
    expect(guessColumns(['email', 'ltv', 'Total Spent']).map((c) => c.target)).toEqual(['email', 'lifetimeValue', 'skip']);
  });
});
