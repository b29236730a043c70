import type { ReactNode } from 'react';
import { cn } from '@/components/ui/cn';

/** One figure; `formula` is shown on hover and read out to screen readers. */
export function MetricCard({ label, value, formula, children, tone }: { label: string; value: string; formula?: string; children?: ReactNode; tone?: 'good' | 'bad' | 'neutral' }) {
  return (
    <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-zinc-200">
      <p className="text-sm text-zinc-600">{label}</p>
      <p
        className={cn('mt-1 text-2xl font-semibold tabular-nums', tone === 'good' && 'text-emerald-700', tone === 'bad' && 'text-red-700')}
        title={formula}
      >
        {value}
        {formula ? <span className="sr-only"> ({formula})</span> : null}
      </p>
      {children ? <div className="mt-1 space-y-0.5 text-xs text-zinc-500">{children}</div> : null}
    </div>
  );
}
