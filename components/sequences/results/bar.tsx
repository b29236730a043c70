import { cn } from '@/components/ui/cn';
import type { Rate } from '@/lib/metrics';

/** One horizontal bar, `share` in percent of the track (from lib/metrics `percent`); decorative, the figure is in text beside it. */
export function Bar({ share, className }: { share: Rate; className: string }) {
  return (
    <div className="h-3 overflow-hidden rounded-full bg-zinc-100" aria-hidden>
      <div className={cn('h-full rounded-full', className)} style={{ width: `${Math.min(100, share ?? 0)}%`, minWidth: share ? 2 : 0 }} />
    </div>
  );
}
