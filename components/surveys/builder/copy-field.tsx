'use client';

import { Check, Copy } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';

const control =
  'block w-full min-w-0 rounded-lg border-0 bg-zinc-50 px-3 py-2 text-sm text-zinc-900 ring-1 ring-inset ring-zinc-300 focus:ring-2 focus:ring-brand-600';

/** A read-only value (one line or a block of HTML) with a copy button that says what happened. */
export function CopyField({
  label,
  value,
  copyLabel,
  multiline = false,
  testId,
}: {
  label: string;
  value: string;
  /** The button's accessible name, e.g. "Copy the public link". */
  copyLabel: string;
  multiline?: boolean;
  testId?: string;
}) {
  const t = useTranslations('surveys.builder');
  const id = useId();
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      // No clipboard permission (or an insecure origin): select the text so one keystroke copies it.
      ref.current?.select();
      setState('failed');
    }
  };
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
        {label}
      </label>
      <div className={multiline ? 'space-y-2' : 'flex gap-2'}>
        {multiline ? (
          <textarea id={id} ref={ref} readOnly value={value} rows={6} spellCheck={false} className={`${control} font-mono text-xs`} data-testid={testId} onFocus={(e) => e.currentTarget.select()} />
        ) : (
          <input id={id} ref={ref} readOnly value={value} className={`${control} font-mono`} data-testid={testId} onFocus={(e) => e.currentTarget.select()} />
        )}
        <Button variant="secondary" onClick={copy} aria-label={copyLabel} className="shrink-0">
          {state === 'copied' ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}
          {state === 'copied' ? t('copied') : t('copy')}
        </Button>
      </div>
      <p role="status" className="text-xs text-zinc-600">
        {state === 'failed' ? t('copyFailed') : ''}
      </p>
    </div>
  );
}
