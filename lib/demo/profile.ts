/** Time per seed step, for bench/demo-seed.ts: cheap enough to stay on. */
const profile = new Map<string, number>();

export async function timed<T>(step: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    profile.set(step, (profile.get(step) ?? 0) + performance.now() - t0);
  }
}

export const demoSeedProfile = () => Object.fromEntries([...profile].map(([k, v]) => [k, Math.round(v)]));
