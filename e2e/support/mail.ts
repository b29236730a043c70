import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import { MAIL_DIR } from './ports';

export interface ReceivedMail {
  to: string[];
  from: string | null;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/** Waits until the SMTP listener has received a mail for `to`, and returns the newest one. */
export async function waitForMail(to: string, timeoutMs = 15_000): Promise<ReceivedMail> {
  let found: ReceivedMail | undefined;
  await expect
    .poll(
      () => {
        const dir = path.resolve(MAIL_DIR);
        const files = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
        const mails = files.map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as ReceivedMail);
        found = mails.filter((m) => m.to.includes(to.toLowerCase())).pop();
        return Boolean(found);
      },
      { timeout: timeoutMs, message: `no mail for ${to}` },
    )
    .toBe(true);
  return found!;
}

export function linkFrom(mail: ReceivedMail, pattern: RegExp): string {
  const match = mail.text.match(pattern);
  if (!match) throw new Error(`no link matching ${pattern} in mail "${mail.subject}"`);
  return match[0];
}
