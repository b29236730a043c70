import { ArrowDown, ArrowUp, ChevronsUpDown } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';
import { cn } from './cn';

/**
 * One table for the whole product (after formbricks' and dub's table primitives).
 *
 * - `label` names the table twice: a visually hidden caption, and the scroll region around it,
 *   which is keyboard-focusable so a table wider than the screen can be scrolled without a mouse.
 * - `layout="stack"` turns each row into a small card below the `sm` breakpoint: every
 *   `TableCell` shows its `label` beside its value, so nothing is cut off on a phone.
 * - `flush` lets the table run to the edges of the `Card` it sits in.
 */
export function Table({
  label,
  layout = 'scroll',
  flush = false,
  className,
  children,
  ...rest
}: {
  label: string;
  layout?: 'scroll' | 'stack';
  flush?: boolean;
  className?: string;
  children: ReactNode;
  'data-testid'?: string;
}) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className={cn('overflow-x-auto rounded-sm', flush && '-mx-5 sm:-mx-6', className)}
    >
      <table
        data-testid={rest['data-testid']}
        data-layout={layout}
        className={cn(
          'min-w-full text-sm',
          flush
            ? '[&_tr>:first-child]:pl-5 [&_tr>:last-child]:pr-5 sm:[&_tr>:first-child]:pl-6 sm:[&_tr>:last-child]:pr-6'
            : '[&_tr>:first-child]:pl-0 [&_tr>:last-child]:pr-0',
          layout === 'stack' && STACK,
          // Stacked, every cell starts where the row's name does.
          layout === 'stack' && (flush ? 'max-sm:[&_td]:px-5' : 'max-sm:[&_td]:px-0'),
        )}
      >
        <caption className="sr-only">{label}</caption>
        {children}
      </table>
    </div>
  );
}

// Below `sm`: rows become blocks, the header row is kept for screen readers only, and each cell
// shows its data-label in a fixed first column. The cell body is one div, so the grid has two items.
const STACK = cn(
  'max-sm:block max-sm:[&_thead]:sr-only max-sm:[&_tbody]:block max-sm:[&_tr]:block max-sm:[&_tr]:py-2',
  'max-sm:[&_tbody>tr>th]:block max-sm:[&_tbody>tr>th]:py-1',
  'max-sm:[&_td]:grid max-sm:[&_td]:grid-cols-[7.5rem_minmax(0,1fr)] max-sm:[&_td]:gap-3 max-sm:[&_td]:py-1',
  'max-sm:[&_td]:whitespace-normal max-sm:[&_td]:before:text-xs max-sm:[&_td]:before:font-medium max-sm:[&_td]:before:text-zinc-500',
  'max-sm:[&_td]:before:content-[attr(data-label)] max-sm:[&_td]:before:pt-0.5 max-sm:[&_td:not([data-label])]:block',
);

export function TableHeader({ children }: { children: ReactNode }) {
  return <thead className="text-left text-xs uppercase tracking-wide text-zinc-500">{children}</thead>;
}

export function TableBody({ children }: { children: ReactNode }) {
  return <tbody>{children}</tbody>;
}

export function TableRow({ children, className, ...rest }: { children: ReactNode; className?: string; 'data-testid'?: string }) {
  return (
    <tr data-testid={rest['data-testid']} className={cn('border-t border-zinc-100 align-top first:border-t-0 [thead_&]:border-t-0', className)}>
      {children}
    </tr>
  );
}

export type SortDirection = 'asc' | 'desc';

/** A sortable column: the current state, and where a click goes (a URL, or a client callback). */
export type ColumnSort = { active: boolean; direction: SortDirection } & ({ href: string } | { onSort: () => void });

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

/**
 * A column header. `hideLabel` keeps the text for screen readers only (action columns): a header
 * is never empty. `sort` makes it a link or button, with `aria-sort` on the active column.
 */
export function TableHead({
  children,
  sort,
  hideLabel,
  align = 'left',
  className,
}: {
  children: ReactNode;
  sort?: ColumnSort;
  hideLabel?: boolean;
  align?: 'left' | 'right';
  className?: string;
}) {
  const content = hideLabel ? <span className="sr-only">{children}</span> : children;
  const Icon = !sort?.active ? ChevronsUpDown : sort.direction === 'asc' ? ArrowUp : ArrowDown;
  const sortClass = cn('-mx-1 inline-flex items-center gap-1 rounded px-1 uppercase hover:text-zinc-900', sort?.active && 'text-zinc-900');
  return (
    <th
      scope="col"
      aria-sort={sort?.active ? ARIA_SORT[sort.direction] : undefined}
      className={cn('whitespace-nowrap px-3 py-2.5 font-medium', align === 'right' ? 'text-right' : 'text-left', className)}
    >
      {!sort ? (
        content
      ) : 'href' in sort ? (
        <Link href={sort.href} scroll={false} className={sortClass}>
          {content}
          <Icon aria-hidden className="size-3.5" />
        </Link>
      ) : (
        <button type="button" onClick={sort.onSort} className={sortClass}>
          {content}
          <Icon aria-hidden className="size-3.5" />
        </button>
      )}
    </th>
  );
}

/** The cell that names the row (usually its first): read out before every other cell of the row. */
export function TableRowHeader({ children, className, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th scope="row" className={cn('px-3 py-3 text-left font-medium text-zinc-900', className)} {...rest}>
      {children}
    </th>
  );
}

/** `label` is the column name, shown beside the value when the table stacks on a phone. */
export function TableCell({
  label,
  align = 'left',
  className,
  children,
  ...rest
}: Omit<TdHTMLAttributes<HTMLTableCellElement>, 'align'> & { label?: string; align?: 'left' | 'right' }) {
  return (
    <td data-label={label} className={cn('px-3 py-3 text-zinc-700', align === 'right' && 'text-right tabular-nums max-sm:text-left', className)} {...rest}>
      <div className="min-w-0">{children}</div>
    </td>
  );
}

/** The one row a table shows when it has none. */
export function TableEmpty({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-3 py-10 text-center text-sm text-zinc-500 max-sm:!block">
        {children}
      </td>
    </tr>
  );
}
