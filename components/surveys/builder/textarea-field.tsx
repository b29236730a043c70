import { useId, type ComponentProps, type ReactNode } from 'react';
import { cn } from '@/components/ui/cn';

/** A multi-line field with the same label, hint and error wiring as components/ui/field. */
export function TextAreaField({
  label,
  hint,
  error,
  optional,
  className,
  ...textarea
}: ComponentProps<'textarea'> & { label: ReactNode; hint?: ReactNode; error?: string; optional?: string }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={cn('space-y-1.5', className)}>
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
        {label}
        {optional ? <span className="font-normal text-zinc-500"> ({optional})</span> : null}
      </label>
      <textarea
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        className="block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-zinc-900 ring-1 ring-inset ring-zinc-300 placeholder:text-zinc-400 focus:ring-2 focus:ring-brand-600 disabled:bg-zinc-100 disabled:text-zinc-500 aria-[invalid=true]:ring-red-500"
        {...textarea}
      />
      {hint ? (
        <p id={hintId} className="text-xs text-zinc-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
