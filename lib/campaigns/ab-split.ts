import { sql, type SQL } from 'drizzle-orm';
import type { AbTestConfig } from '@/lib/db/schema';

/**
 * Deterministic A/B assignment in SQL. md5(contact id ‖ campaign id) gives two independent
 * 28-bit numbers: the first picks a bucket 0–9999 (test phase when bucket < testPct × 100), the
 * second picks the variant. Recomputable at any time, so the report can tell test-phase rows
 * from "rest" rows that later got the winner.
 */
const BUCKETS = 10_000;

function hashPart(contactId: SQL, campaignId: string, part: 0 | 1): SQL {
  return sql`(('x' || substr(md5(${contactId}::text || ${campaignId}::text), ${1 + part * 8}, 7))::bit(28)::int)`;
}

/** True for a contact in the test phase of the campaign's A/B test. */
export function inTestPhaseSql(contactId: SQL, campaignId: string, ab: Pick<AbTestConfig, 'testPct'>): SQL {
  return sql`(${hashPart(contactId, campaignId, 0)} % ${BUCKETS} < ${Math.round(ab.testPct * (BUCKETS / 100))})`;
}

/** The variant key of a test-phase contact, spread evenly over the variants. */
export function variantSql(contactId: SQL, campaignId: string, ab: Pick<AbTestConfig, 'variants'>): SQL {
  const keys = sql.join(
    ab.variants.map((v) => sql`${v.key}::text`),
    sql`, `,
  );
  return sql`(array[${keys}])[1 + ${hashPart(contactId, campaignId, 1)} % ${ab.variants.length}]`;
}
