import { getDatabase } from './client';
import { seedDemoData } from './seed';

async function main() {
  const handle = await getDatabase();
  await handle.migrate();
  const seeded = await seedDemoData(handle.db);
  console.log(seeded ? 'Seeded the demo agency "Demo Properties".' : 'The database already has data; nothing seeded.');
  await handle.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
