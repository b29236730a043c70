import type { ReactNode } from 'react';
import { cn } from './cn';

const TONES = {
  neutral: 'bg-zinc-100 text-zinc-700 ring-zinc-200',
  info: 'bg-sky-50 text-sky-800 ring-sky-200',
  success: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  warning: 'bg-amber-50 text-amber-900 ring-amber-200',
  danger: 'bg-red-50 text-red-800 ring-red-200',
  brand: 'bg-brand-50 text-brand-800 ring-brand-100',
} as const;

export type BadgeTone = keyof typeof TONES;

/** A short status or label. Colour is never the only signal: the text always says the state. */
export function Badge({
  tone = 'neutral',
  shape = 'pill',
  title,
  className,
  children,
}: {
  tone?: BadgeTone;
  /** `pill` for states, `tag` for user-given labels. */
  shape?: 'pill' | 'tag';
  title?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <span
      title={title}
      className={cn(
        'inline-flex max-w-full items-center truncate whitespace-nowrap px-2 py-0.5 text-xs font-medium ring-1 ring-inset',
        shape === 'pill' ? 'rounded-full' : 'rounded-md px-1.5',
        TONES[tone],
        className,
      )}
    >
      {children}
    </span>
  );
}
