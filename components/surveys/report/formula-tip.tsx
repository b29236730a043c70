'use client';

import { useId, useState, type ReactNode } from 'react';
import { cn } from '@/components/ui/cn';

/**
 * A figure that shows how it was computed on hover AND on keyboard focus (a tooltip tied to it by
 * aria-describedby, so a screen reader reads the formula too). Escape hides it until the pointer
 * or focus leaves (WCAG 1.4.13: dismissible, hoverable, persistent).
 */
export function FormulaTip({ formula, children, className }: { formula: string; children: ReactNode; className?: string }) {
  const id = useId();
  const [dismissed, setDismissed] = useState(false);
  return (
    <span
      tabIndex={0}
      aria-describedby={id}
      data-formula={formula}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setDismissed(true);
      }}
      onBlur={() => setDismissed(false)}
      onMouseLeave={() => setDismissed(false)}
      className={cn(
        'group relative inline-block cursor-help rounded-sm decoration-zinc-400 decoration-dotted underline-offset-4 hover:underline focus-visible:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600',
        className,
      )}
    >
      {children}
      <span
        role="tooltip"
        id={id}
        className={cn(
          'invisible absolute left-0 top-full z-20 mt-1 w-max max-w-[min(18rem,80vw)] whitespace-normal rounded-md bg-zinc-900 px-2.5 py-1.5 text-left text-xs font-normal leading-snug text-white opacity-0 shadow-lg transition-opacity',
          !dismissed && 'group-hover:visible group-hover:opacity-100 group-focus:visible group-focus:opacity-100',
        )}
      >
        {formula}
      </span>
    </span>
  );
}
