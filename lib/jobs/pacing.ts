/** Small timing helpers for the worker: an abortable sleep, a send throttle and group commit. */

/** Resolves after `ms`, or at once when `signal` aborts (never rejects). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Paces callers to `perSecond` (0 = unlimited). Slots are handed out at even intervals; a short
 * burst of up to a tenth of a second's worth is allowed after idle time, never more.
 */
export class Throttle {
  private next = 0;
  constructor(readonly perSecond: number) {}

  /** Books the next slot and returns how many ms until it (0 = now). */
  reserve(): number {
    if (this.perSecond <= 0) return 0;
    const interval = 1000 / this.perSecond;
    const now = Date.now();
    const burst = Math.max(interval, 100);
    const at = Math.max(this.next, now - burst + interval);
    this.next = at + interval;
    return Math.max(0, at - now);
  }

  /** Waits for the next slot; false when `signal` aborted while waiting (the slot is not used). */
  async take(signal?: AbortSignal): Promise<boolean> {
    const wait = this.reserve();
    if (wait > 0) await sleep(wait, signal);
    return !signal?.aborted;
  }
}

/**
 * Group commit: `add` queues an item and resolves with its result once the batch holding it has
 * been flushed. One flush runs at a time; everything added meanwhile goes into the next one, so
 * batches grow with load and a lone item is flushed without waiting for company.
 */
export function groupCommit<T, R>(flush: (items: T[]) => Promise<R[]>) {
  let queue: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  let running: Promise<void> | null = null;

  const run = async () => {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        const results = await flush(batch.map((b) => b.item));
        batch.forEach((b, i) => b.resolve(results[i]));
      } catch (e) {
        batch.forEach((b) => b.reject(e));
      }
    }
    running = null;
  };

  return {
    add(item: T): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        // setImmediate: let the other slots of this tick join the batch.
        running ??= new Promise<void>((r) => setImmediate(r)).then(run);
      });
    },
    /** Resolves when nothing is queued or being flushed. */
    async drain(): Promise<void> {
      while (running) await running;
    },
  };
}
