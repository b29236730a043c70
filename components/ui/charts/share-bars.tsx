import type { ReactNode } from 'react';

/** Horizontal bars for shares of a whole; server-renderable, readable without the bars. `action`: a link under the bar. */
export function ShareBars({ items }: { items: { label: string; value: string; share: number | null; hint?: string; action?: ReactNode }[] }) {
  return (
    <ul className="space-y-3">
      {items.map((item) => (
        <li key={item.label}>
          <div className="flex items-baseline justify-between gap-3 text-sm">
            <span className="text-zinc-700">{item.label}</span>
            <span className="font-medium tabular-nums text-zinc-900">{item.value}</span>
          </div>
          <div className="mt-1 h-2 overflow-hidden rounded-full bg-zinc-100" aria-hidden>
            <div className="h-full rounded-full bg-brand-600" style={{ width: `${Math.min(100, item.share ?? 0)}%` }} />
          </div>
          {item.hint || item.action ? (
            <div className="mt-0.5 flex flex-wrap items-baseline justify-between gap-x-3 text-xs">
              {item.hint ? <p className="text-zinc-500">{item.hint}</p> : <span />}
              {item.action}
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
