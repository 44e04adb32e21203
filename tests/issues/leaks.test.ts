// Leak tests: an anonymous or confidential issue's company must not appear in any response to
// another company, an attendee or a stranger (list, detail, search, similar, export, feed), nor in
// the events written to streams they may read.
import t, { type Test } from 'tap';
import { eq, inArray, or, like } from 'drizzle-orm';
import { events, organizations, users } from '../../src/db/schema/index.js';
import { streamOf } from '../../src/live/streams.js';
import { signIn, stranger, testApp, testDatabase, type Client } from '../helpers/app.js';
import { hashPassword } from '../../src/lib/passwords.js';
import { DEMO_PASSWORD } from '../../src/db/seed/identity.js';
import { command, createIssue } from '../helpers/issues.js';

const database = await testDatabase(t);
const app = await testApp(t, database);
const db = database.db;
// The author is a company of its own with no public issues, so any mention of it is a leak.
const [shinobiOrg] = await db
  .insert(organizations)
  .values({ kind: 'company', nameEn: 'Shinobi Precision KK', nameJa: '忍精密株式会社', nameZh: '忍精密株式会社（中国）', industry: 'Machinery' })
  .returning();
await db.insert(users).values({
  email: 'rep@shinobi.example',
  displayName: 'Kaito Mori',
  passwordHash: await hashPassword(DEMO_PASSWORD),
  role: 'company_rep',
  organizationId: shinobiOrg!.id,
  language: 'ja',
});
const official = await signIn(app, 'official1');
const author = await signIn(app, 'rep@shinobi.example');
const sakura = await signIn(app, 'sakura');
const attendee = await signIn(app, 'attendee1');
const anon = stranger(app);

const [authorUser] = await db.select().from(users).where(eq(users.email, 'rep@shinobi.example'));
/** Everything that would name the author: its id, its names in three languages, its representative. */
const MARKERS = [shinobiOrg!.id, shinobiOrg!.nameEn, shinobiOrg!.nameJa, shinobiOrg!.nameZh, authorUser!.id, authorUser!.displayName, authorUser!.email];
const CONFIDENTIAL_TITLE = 'Zxq confidential customs tariff classification dispute';

// An anonymous issue taken to accepted (its content is then public), one still under review,
// and a confidential one accepted with an answer and a clarification message.
const anonAccepted = await createIssue(author, { title: 'Anonymous customs tariff classification delays', visibility: 'anonymous' });
await command(official, anonAccepted.id, 'start_review');
await command(official, anonAccepted.id, 'accept', { answer: { text: 'We will publish a tariff guide.', department: 'Customs', timeFrame: '3 months' } });
const anonPending = await createIssue(author, { title: 'Anonymous pending customs tariff question', visibility: 'anonymous' });
const confidential = await createIssue(author, { title: CONFIDENTIAL_TITLE, visibility: 'confidential' });
await command(official, confidential.id, 'start_review');
await command(official, confidential.id, 'accept', { answer: { text: 'Confidential answer.', department: 'Customs', timeFrame: '1 month' } });
await official.post(`/api/issues/${confidential.id}/messages`, { body: 'Please send the ruling.' });

// Sakura supports the published anonymous issue, then things happen to it: Sakura's feed hears of them.
const supported = await sakura.post(`/api/issues/${anonAccepted.id}/support`, { comment: 'Us too' });
if (supported.statusCode !== 200) throw new Error(`support failed: ${supported.body}`);
await official.request('PUT', `/api/issues/${anonAccepted.id}/answer`, { text: 'Updated: guide out in January.', department: 'Customs', timeFrame: 'January' });

function assertNoLeak(t: Test, label: string, body: string) {
  for (const m of MARKERS) t.notOk(body.includes(m), `${label}: does not contain ${m}`);
  t.notOk(body.includes(CONFIDENTIAL_TITLE), `${label}: no confidential title`);
  t.notOk(body.includes(confidential.id), `${label}: no confidential id`);
  t.notOk(body.includes(anonPending.id), `${label}: no unpublished anonymous issue`);
}

const others: [string, Client][] = [
  ['another company', sakura],
  ['an attendee', attendee],
  ['a stranger', anon],
];

// Who may read what: a leak check on a 401/403 body proves nothing, so each response's status is asserted
// first and the leak checks run on the successful ones (each client has several).
const signedIn = (client: Client) => (client === anon ? 401 : 200);
const companiesOnly = (client: Client) => (client === anon ? 401 : client === sakura ? 200 : 403);
const officialsOnly = (client: Client) => (client === anon ? 401 : 403);

for (const [who, client] of others) {
  t.test(`nothing names the author to ${who}`, async (t) => {
    const urls: [string, number][] = [
      ['/api/issues/public', 200],
      ['/api/issues/public?sort=newest', 200],
      [`/api/issues/public?q=${encodeURIComponent('customs tariff')}`, 200],
      [`/api/issues/${anonAccepted.id}`, 200],
      ['/api/issues/similar?title=customs%20tariff%20classification&body=tariff%20classification%20dispute', signedIn(client)],
      ['/api/feed', signedIn(client)],
      ['/api/issues/queue', officialsOnly(client)],
      ['/api/issues/queue.csv', officialsOnly(client)],
      ['/api/issues/mine', companiesOnly(client)],
    ];
    for (const [url, status] of urls) {
      const res = await client.get(url);
      t.equal(res.statusCode, status, `${who} ${url}`);
      if (res.statusCode === 200) assertNoLeak(t, `${who} ${url}`, res.body);
    }
    const detail = await client.get(`/api/issues/${anonAccepted.id}`);
    t.equal(detail.statusCode, 200, 'the accepted anonymous issue itself is visible');
    t.equal(detail.json().company, null);
    for (const id of [confidential.id, anonPending.id]) {
      const hidden = await client.get(`/api/issues/${id}`);
      t.same([hidden.statusCode, hidden.json().code], [404, 'ISSUE_NOT_FOUND'], 'invisible issues do not exist');
      t.equal((await client.get(`/api/issues/${id}/messages`)).statusCode, client === anon ? 401 : 404);
    }
  });
}

t.test('the supporter hears of changes without learning the author', async (t) => {
  const feed = (await sakura.get('/api/feed')).json();
  t.ok(feed.items.some((i: { type: string; issueId: string }) => i.type === 'issue.answer' && i.issueId === anonAccepted.id), 'the supporter got the answer');
  assertNoLeak(t, 'sakura feed', JSON.stringify(feed));
});

t.test('the author company and officials do see it', async (t) => {
  const own = (await author.get(`/api/issues/${confidential.id}`)).json();
  t.equal(own.company.nameEn, shinobiOrg!.nameEn);
  const asOfficial = (await official.get(`/api/issues/${anonAccepted.id}`)).json();
  t.equal(asOfficial.company.nameEn, shinobiOrg!.nameEn);
  t.match((await official.get('/api/issues/queue.csv')).body, CONFIDENTIAL_TITLE);
  const similarOwn = (await author.get('/api/issues/similar?title=confidential%20customs%20tariff%20classification')).json();
  t.ok(similarOwn.some((i: { id: string }) => i.id === confidential.id), 'the author finds its own confidential issue as similar');
});

t.test('streams other audiences read carry no author', async (t) => {
  const [sakuraUser] = await db.select().from(users).where(like(users.email, 'suzuki@%'));
  const [attendeeUser] = await db.select().from(users).where(like(users.email, 'liu.yang@%'));
  const [sakuraOrg] = await db.select().from(organizations).where(like(organizations.nameEn, 'Sakura%'));
  const readable = [streamOf.public(), streamOf.userFeed(sakuraUser!.id), streamOf.userFeed(attendeeUser!.id), streamOf.companyInbox(sakuraOrg!.id)];
  const rows = await db.select().from(events).where(inArray(events.stream, readable));
  t.ok(rows.length > 0);
  assertNoLeak(t, 'events', JSON.stringify(rows));
  const authorStreams = await db
    .select()
    .from(events)
    .where(or(eq(events.stream, streamOf.companyInbox(shinobiOrg!.id)), eq(events.stream, streamOf.officials())));
  t.ok(JSON.stringify(authorStreams).includes(CONFIDENTIAL_TITLE), 'the author company and officials streams do carry it');
});
