'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';

/** A labelled code sample with a copy button. */
export function CodeBlock({ label, code, testId }: { label: string; code: string; testId?: string }) {
  const t = useTranslations('conversionsSetup.snippet');
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  };
  return (
    <figure className="relative">
      <figcaption className="sr-only">{label}</figcaption>
      <pre
        tabIndex={0}
        aria-label={label}
        data-testid={testId}
        className="overflow-x-auto rounded-lg bg-zinc-900 p-4 pr-24 text-xs leading-relaxed text-zinc-100"
      >
        <code>{code}</code>
      </pre>
      <Button variant="secondary" className="absolute right-2 top-2 min-h-8 px-3 py-1 text-xs" onClick={copy} aria-label={`${t('copy')}: ${label}`}>
        <span aria-live="polite">{copied ? t('copied') : t('copy')}</span>
      </Button>
    </figure>
  );
}
