import { openDb } from '@/lib/db/client';
import { recordConversion, type ConversionInput, type RecordResult } from '@/lib/conversions/record';

/**
 * Records conversions in the e2e database through recordConversion, the one way a conversion is
 * stored (the snippet collector and the conversion API call it too). Goals are configuration and
 * are inserted by the spec itself.
 */
export async function recordConversions(inputs: ConversionInput[]): Promise<RecordResult[]> {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error('E2E_DATABASE_URL is not set');
  const handle = openDb({ kind: 'postgres', url, max: 2 });
  try {
    const out: RecordResult[] = [];
    for (const input of inputs) out.push(await recordConversion(handle.db, input));
    return out;
  } finally {
    await handle.close();
  }
}
