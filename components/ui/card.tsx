import type { ReactNode } from 'react';
import { cn } from './cn';

export function Card({
  title,
  description,
  children,
  footer,
  className,
  tone = 'default',
}: {
  title?: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  className?: string;
  tone?: 'default' | 'danger';
}) {
  return (
    <section
      className={cn(
        'rounded-xl bg-white shadow-sm ring-1',
        tone === 'danger' ? 'ring-red-200' : 'ring-zinc-200',
        className,
      )}
    >
      {title || description ? (
        <header className="border-b border-zinc-100 px-5 py-4 sm:px-6">
          {title ? <h2 className={cn('text-base font-semibold', tone === 'danger' && 'text-red-700')}>{title}</h2> : null}
          {description ? <p className="mt-1 text-sm text-zinc-600">{description}</p> : null}
        </header>
      ) : null}
      <div className="px-5 py-5 sm:px-6">{children}</div>
      {footer ? <footer className="border-t border-zinc-100 bg-zinc-50/60 px-5 py-3 sm:px-6">{footer}</footer> : null}
    </section>
  );
}
