import { expect, type Page } from '@playwright/test';
import en from '../../lib/i18n/messages/en.json';
import nl from '../../lib/i18n/messages/nl.json';

export type Locale = 'en' | 'nl';
const CATALOGUES: Record<Locale, object> = { en, nl };

function flatten(obj: object, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') flatten(v, key, out);
    else out.set(key, String(v));
  }
  return out;
}

/**
 * The strings of the other locale that must never show on a page in `locale`: every message value
 * (without placeholders) that differs from this locale's value for the same key and that this
 * locale does not use anywhere itself. Built from the catalogues, so a new message is covered.
 */
export function foreignStrings(locale: Locale): Set<string> {
  const mine = flatten(CATALOGUES[locale]);
  const other = flatten(CATALOGUES[locale === 'en' ? 'nl' : 'en']);
  const used = new Set(mine.values());
  const out = new Set<string>();
  for (const [key, value] of other) {
    const v = value.trim();
    if (v.length < 2 || v.includes('{') || mine.get(key) === value || used.has(value)) continue;
    out.add(v);
  }
  return out;
}

/** Every text node, option, label-ish attribute a user or a screen reader meets on the page now. */
async function visibleStrings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.nodeValue?.trim();
      const el = n.parentElement;
      if (!text || !el || el.closest('script, style, noscript, template')) continue;
      if (el.closest('option') || el.checkVisibility()) out.push(text);
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
      for (const a of ['aria-label', 'placeholder', 'title']) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.push(v);
      }
    }
    return out;
  });
}

/** Fails when the page, rendered in `locale`, shows a whole string of the other locale. */
export async function expectNoForeignStrings(page: Page, locale: Locale, foreign: Set<string>, soft = false): Promise<void> {
  const check = soft ? expect.soft : expect;
  await check(page.locator('html')).toHaveAttribute('lang', locale);
  const leaks = [...new Set((await visibleStrings(page)).filter((s) => foreign.has(s)))];
  if (leaks.length) console.log(`${locale} ${page.url()} shows: ${leaks.join(' | ')}`);
  check(leaks, `${locale} page ${page.url()} shows strings of the other language`).toEqual([]);
}
