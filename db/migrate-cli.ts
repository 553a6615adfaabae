import { getDatabase } from './client';

async function main() {
  const handle = await getDatabase();
  await handle.migrate();
  console.log(`Migrations applied (${handle.kind}).`);
  await handle.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
