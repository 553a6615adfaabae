export async function register() {
  // Only in the Node.js server runtime: the database and the sweep have no place in the edge runtime.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { bootstrapServer } = await import('./lib/bootstrap');
    try {
      await bootstrapServer();
    } catch (error) {
      // A server that cannot read its configuration (a demo secret outside local mode, say) must not serve at all.
      console.error('Haven could not start:', error instanceof Error ? error.message : error);
      process.exit(1);
    }
  }
}
