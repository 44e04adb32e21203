// Live stream authorization must agree with the issues module's visibility rules: the review queue
// stream (`officials`) carries anonymous issues' companies, confidential issues and clarification
// messages, so only officials may follow it; a company's inbox carries its confidential issues in
// full, so only its representatives (the "author company" of issue visibility) may follow it.
import t from 'tap';
import { eq } from 'drizzle-orm';
import { organizations, users } from '../../src/db/schema/index.js';
import { hashPassword } from '../../src/lib/passwords.js';
import { DEMO_PASSWORD } from '../../src/db/seed/identity.js';
import { streamOf } from '../../src/live/streams.js';
import { signIn, testApp, testDatabase } from '../helpers/app.js';
import { injectLive } from '../helpers/live.js';

const database = await testDatabase(t);
const app = await testApp(t, database);
const db = database.db;

t.test('organizers may not follow the officials review-queue stream', async (t) => {
  const organizer = await injectLive(app, await signIn(app, 'organizer'));
  t.teardown(() => organizer.close());
  t.equal((await organizer.command({ type: 'subscribe', stream: streamOf.officials() })).code, 'STREAM_FORBIDDEN');

  const official = await injectLive(app, await signIn(app, 'official1'));
  t.teardown(() => official.close());
  t.equal((await official.command({ type: 'subscribe', stream: streamOf.officials() })).type, 'snapshot', 'officials still may');
});

t.test("an attendee who belongs to a company may not follow that company's inbox", async (t) => {
  const [hanami] = await db.select().from(organizations).where(eq(organizations.nameEn, 'Hanami Motors'));
  const companyId = hanami?.id ?? (await (await signIn(app, 'hanami')).get('/api/me')).json().organization.id;
  await db.insert(users).values({
    email: 'guest@hanami-motors.example',
    displayName: 'Guest Attendee',
    passwordHash: await hashPassword(DEMO_PASSWORD),
    role: 'attendee',
    organizationId: companyId,
    language: 'en',
  });
  const guest = await injectLive(app, await signIn(app, 'guest@hanami-motors.example'));
  t.teardown(() => guest.close());
  t.equal((await guest.command({ type: 'subscribe', stream: streamOf.companyInbox(companyId) })).code, 'STREAM_FORBIDDEN');

  const rep = await injectLive(app, await signIn(app, 'hanami'));
  t.teardown(() => rep.close());
  t.equal((await rep.command({ type: 'subscribe', stream: streamOf.companyInbox(companyId) })).type, 'snapshot', 'its representatives still may');
});
