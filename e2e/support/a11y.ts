import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * Runs axe over the page as it is now and fails on any serious or critical violation, listing
 * each rule with the first offending elements so the message says what to fix. `soft` lets a
 * page-by-page sweep report every page before failing.
 */
export async function expectNoSeriousA11yViolations(page: Page, where = page.url(), soft = false): Promise<void> {
  // The mail preview is a script-less sandboxed iframe of user content: axe cannot be injected
  // there (and waits on it), and the mail is checked as mail, not as app UI.
  const { violations } = await new AxeBuilder({ page }).exclude('iframe[sandbox]').analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  if (serious.length) console.log(`axe on ${where}:\n  ${serious.join('\n  ')}`);
  (soft ? expect.soft : expect)(serious, `axe on ${where}`).toEqual([]);
}
