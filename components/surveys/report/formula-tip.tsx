'use client';

import { useId, useState, type ReactNode } from 'react';
import { cn } from '@/components/ui/cn';

/**
 * A figure that shows how it was computed on hover AND on keyboard focus (a tooltip tied to it by
 * aria-describedby, so a screen reader reads the formula too). Escape hides it until the pointer
 * or focus leaves (WCAG 1.4.13: dismissible, hoverable, persistent).
 */
export function FormulaTip({
  formula,
  children,
  className,
  align = 'left',
}: {
  formula: string;
  children: ReactNode;
  className?: string;
  /** Which edge of the figure the tooltip lines up with: keep it inside the screen for figures at the right or centre. */
  align?: 'left' | 'right' | 'center';
}) {
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
          // display:none while hidden (an invisible box would still widen the page); aria-describedby reads it anyway.
          'absolute top-full z-20 mt-1 hidden w-max max-w-[min(18rem,80vw)] whitespace-normal rounded-md bg-zinc-900 px-2.5 py-1.5 text-left text-xs font-normal leading-snug text-white shadow-lg',
          align === 'left' && 'left-0',
          align === 'right' && 'right-0',
          align === 'center' && 'left-1/2 -translate-x-1/2',
          !dismissed && 'group-hover:block group-focus:block',
        )}
      >
        {formula}
      </span>
    </span>
  );
}
