import { describe, expect, it } from 'vitest';
import { groupCommit, sleep, Throttle } from './pacing';

describe('groupCommit', () => {
  it('flushes what arrives in one tick together, and what arrives during a flush in the next', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const gc = groupCommit(async (items: number[]) => {
      batches.push(items);
      if (batches.length === 1) await gate;
      return items.map((i) => i * 10);
    });
    const first = [gc.add(1), gc.add(2), gc.add(3)];
    await new Promise((r) => setImmediate(r));
    const second = [gc.add(4), gc.add(5)];
    release();
    expect(await Promise.all([...first, ...second])).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1, 2, 3], [4, 5]]);
    await gc.drain();
  });

  it('rejects every item of a failed batch, and keeps going afterwards', async () => {
    let fail = true;
    const gc = groupCommit(async (items: string[]) => {
      if (fail) throw new Error('db down');
      return items;
    });
    await expect(Promise.all([gc.add('a'), gc.add('b')])).rejects.toThrow('db down');
    fail = false;
    expect(await gc.add('c')).toBe('c');
  });
});

describe('Throttle', () => {
  it('0 per second never waits', () => {
    const t = new Throttle(0);
    expect([t.reserve(), t.reserve(), t.reserve()]).toEqual([0, 0, 0]);
  });

  it('paces at even intervals after a burst of a tenth of a second', () => {
    const t = new Throttle(100); // 10 ms apart; burst = 100 ms worth = 10 slots
    const waits = Array.from({ length: 14 }, () => t.reserve());
    expect(waits.slice(0, 10).every((w) => w <= 1)).toBe(true);
    expect(waits[13]).toBeGreaterThanOrEqual(35);
    expect(waits[13]).toBeLessThanOrEqual(41);
  });

  it('take() gives up when the signal aborts while waiting', async () => {
    const t = new Throttle(1);
    t.reserve();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    const started = Date.now();
    expect(await t.take(controller.signal)).toBe(false);
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('sleep', () => {
  it('ends early on abort and never rejects', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 10);
    await sleep(5_000, controller.signal);
    expect(Date.now() - started).toBeLessThan(500);
  });
});
