import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '@/lib/db/schema/campaigns/constants';
import en from './messages/en.json';
import nl from './messages/nl.json';

// A contact's timeline names every event type; a new type without words broke the page once.
describe('every event type has timeline words', () => {
  it.each(EVENT_TYPES)('%s', (type) => {
    for (const messages of [en, nl]) expect((messages.contacts.timeline.events as Record<string, string>)[type]).toMatch(/\{campaign\}/);
  });
});
