// npm run db:migrate | db:seed — against DATABASE_URL, or the embedded database in DATA_DIR.
import { loadConfig } from '../config.js';
import { openDatabase } from './client.js';
import { migrate } from './migrate.js';
import { seedDemo } from './seed/index.js';

const command = process.argv[2];
if (command !== 'migrate' && command !== 'seed') {
  process.stderr.write('usage: cli.ts migrate|seed\n');
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase(config);
try {
  await migrate(database);
  process.stdout.write('migrations applied\n');
  if (command === 'seed') process.stdout.write((await seedDemo(database)) ? 'demo data seeded\n' : 'demo data already present\n');
} finally {
  await database.close();
}
