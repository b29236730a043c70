import { describe, expect, it } from 'vitest';
import { campaignStatus, isEditable } from './status';

const now = new Date('2026-06-01T10:00:00Z');

describe('campaignStatus', () => {
  it.each([
    ['draft', null, 'draft'],
    ['scheduled', '2026-06-01T11:00:00Z', 'scheduled'],
    ['scheduled', '2026-06-01T10:00:00Z', 'sending'],
    ['scheduled', '2026-06-01T09:59:00Z', 'sending'],
    ['sending', '2026-06-01T09:00:00Z', 'sending'],
    ['sent', '2026-06-01T09:00:00Z', 'sent'],
    ['cancelled', null, 'cancelled'],
  ] as const)('%s at %s reads %s', (status, scheduledAt, expected) => {
    const s = campaignStatus({ status, scheduledAt }, now);
    expect(s).toBe(expected);
    expect(isEditable(s)).toBe(expected === 'draft' || expected === 'scheduled');
  });
});
