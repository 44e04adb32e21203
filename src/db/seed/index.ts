// Demo data: identity first, then each capability's own demo records, all in one transaction.
import { eq } from 'drizzle-orm';
import { DEFAULT_COST, hashPassword, type ScryptCost } from '../../lib/passwords.js';
import type { Database } from '../client.js';
import { users } from '../schema/index.js';
import { DEMO_PASSWORD, DEMO_USERS, seedIdentity } from './identity.js';
import { seedIssues } from './issues.js';
import { seedRoundTables } from './roundtables.js';
import { seedOutcomes } from './outcomes.js';

const SEED_LOCK = 7_100_2017;

/** Seeds the demo data unless it is already there. Returns whether it seeded. */
export async function seedDemo(database: Database, passwordCost: ScryptCost = DEFAULT_COST): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD, passwordCost);
  return database.withLock(SEED_LOCK, async (db) => {
    const marker = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_USERS[0]!.email)).limit(1);
    if (marker.length) return false;
    await db.transaction(async (tx) => {
      const ids = await seedIdentity(tx, passwordHash);
      const demoIssues = await seedIssues(tx, ids);
      await seedRoundTables(tx, ids, demoIssues.accepted);
      await seedOutcomes(tx, ids, demoIssues.made);
    });
    return true;
  });
}

/** True when the database has no users at all: a first start. */
export async function isEmpty(database: Database): Promise<boolean> {
  const any = await database.db.select({ id: users.id }).from(users).limit(1);
  return any.length === 0;
}
