export async function register() {
  // Only in the Node.js server runtime: the database and the sweep have no place in the edge runtime.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { bootstrapServer } = await import('./lib/bootstrap');
    await bootstrapServer();
  }
}
