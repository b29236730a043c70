export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { ensureBooted } = await import('./lib/boot');
  try {
    await ensureBooted();
  } catch (error) {
    // A server without its database (or with half-applied migrations) must not serve requests.
    console.error('[pulse] startup failed:', error);
    process.exit(1);
  }
}
