'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** Re-renders the server page every few seconds while a campaign is sending. */
export function AutoRefresh({ everyMs = 4000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const id = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(id);
  }, [router, everyMs]);
  return null;
}

/** Re-renders the server page once, just after `at` (a scheduled send time), so it never goes stale. */
export function RefreshAt({ at }: { at: string }) {
  const router = useRouter();
  useEffect(() => {
    const wait = new Date(at).getTime() - Date.now() + 1500;
    // setTimeout caps at ~24.8 days; a page left open that long can be reloaded by hand.
    if (wait > 2 ** 31 - 1) return;
    const id = setTimeout(() => router.refresh(), Math.max(wait, 0));
    return () => clearTimeout(id);
  }, [router, at]);
  return null;
}
