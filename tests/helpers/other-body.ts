// A second government body with one official (Chen Bo, Binhai Planning Office): for tests of what one
// body's officials may not see or do with another body's round-tables.
import type { App } from '../../src/app.js';
import type { Database } from '../../src/db/client.js';
import { organizations, users } from '../../src/db/schema/index.js';
import { DEMO_PASSWORD } from '../../src/db/seed/identity.js';
import { hashPassword } from '../../src/lib/passwords.js';
import { signIn, type Client } from './app.js';

export async function officialOfAnotherBody(app: App, database: Database): Promise<Client> {
  const [body] = await database.db
    .insert(organizations)
    .values({ kind: 'government', nameEn: 'Binhai Planning Office', nameJa: '浜海計画室', nameZh: '滨海规划办公室' })
    .returning();
  await database.db.insert(users).values({
    email: 'chen@binhai.example',
    displayName: 'Chen Bo',
    passwordHash: await hashPassword(DEMO_PASSWORD),
    role: 'official',
    organizationId: body!.id,
    language: 'zh',
  });
  return signIn(app, 'chen@binhai.example');
}
