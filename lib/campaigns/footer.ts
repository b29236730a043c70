import { translator } from '@/lib/i18n/translator';
import type { Locale } from '@/lib/i18n/config';

const cache = new Map<string, { address: string; unsubscribeLabel: string; reason: string }>();

/** Footer texts in the workspace language (cached: composed once per recipient on the hot path). */
export function footerFor(locale: Locale, workspaceName: string) {
  const key = `${locale}\u0000${workspaceName}`;
  let f = cache.get(key);
  if (!f) {
    const t = translator(locale);
    f = { address: workspaceName, unsubscribeLabel: t('campaigns.mail.unsubscribe'), reason: t('campaigns.mail.reason', { workspace: workspaceName }) };
    if (cache.size > 1000) cache.clear();
    cache.set(key, f);
  }
  return f;
}
