// Leak tests: an anonymous or confidential issue's company must not appear in any response to
// another company, an attendee or a stranger (list, detail, search, similar, export, feed), nor in
// the events written to streams they may read, nor in the organizers' audit trail; a confidential
// issue merged into a public one shows in neither its history entries nor its counts.
import t, { type Test } from 'tap';
import { desc, eq, inArray, or, like } from 'drizzle-orm';
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
const hanami = await signIn(app, 'hanami');
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

// Another company's public issue into which an official merges the confidential one (issue 15, items 2-3).
const MERGE_REASON = 'Zxq official merge reason';
const primary = await createIssue(sakura, { title: 'Public customs valuation question' });
const secret = await createIssue(author, { title: 'Zxq second confidential customs valuation case', visibility: 'confidential' });
await command(official, secret.id, 'start_review');
const merged = await official.post(`/api/issues/${secret.id}/merge`, { primaryId: primary.id, reason: MERGE_REASON });
if (merged.statusCode !== 200) throw new Error(`merge failed: ${merged.body}`);
const organizer = await signIn(app, 'organizer');

function assertNoLeak(t: Test, label: string, body: string) {
  for (const m of MARKERS) t.notOk(body.includes(m), `${label}: does not contain ${m}`);
  t.notOk(body.includes(CONFIDENTIAL_TITLE), `${label}: no confidential title`);
  t.notOk(body.includes(confidential.id), `${label}: no confidential id`);
  t.notOk(body.includes(anonPending.id), `${label}: no unpublished anonymous issue`);
  t.notOk(body.includes(secret.id), `${label}: no id of the confidential issue merged into a public one`);
  t.notOk(body.includes(MERGE_REASON), `${label}: no reason of that merge`);
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
      [`/api/issues/${primary.id}`, 200],
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
  t.ok(
    feed.items.some((i: { type: string; issueId: string }) => i.type === 'issue.answer' && i.issueId === anonAccepted.id),
    'the supporter got the answer',
  );
  assertNoLeak(t, 'sakura feed', JSON.stringify(feed));
});

t.test('the author company and officials do see it', async (t) => {
  const own = (await author.get(`/api/issues/${confidential.id}`)).json();
  t.equal(own.company.nameEn, shinobiOrg!.nameEn);
  const asOfficial = (await official.get(`/api/issues/${anonAccepted.id}`)).json();
  t.equal(asOfficial.company.nameEn, shinobiOrg!.nameEn);
  t.match((await official.get('/api/issues/queue.csv')).body, CONFIDENTIAL_TITLE);
  const similarOwn = (await author.get('/api/issues/similar?title=confidential%20customs%20tariff%20classification')).json();
  t.ok(
    similarOwn.some((i: { id: string }) => i.id === confidential.id),
    'the author finds its own confidential issue as similar',
  );
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

t.test('a confidential issue merged into a public one: neither its history entry nor its support shows', async (t) => {
  // The primary's own author company (Sakura) sees its full history, but not the entry about an issue it may not see.
  const asAuthor = (await sakura.get(`/api/issues/${primary.id}`)).json();
  assertNoLeak(t, 'the primary to its author', JSON.stringify(asAuthor));
  t.notOk(
    asAuthor.history.some((h: { kind: string }) => h.kind === 'merge_child'),
    'no merge_child entry',
  );
  t.same([asAuthor.supportCount, asAuthor.merged], [0, []], 'the hidden issue does not count');
  for (const [who, client] of others) {
    const detail = (await client.get(`/api/issues/${primary.id}`)).json();
    t.same([detail.supportCount, detail.supporters, detail.merged], [0, [], []], `${who}: supportCount 0, as nothing they may see supports it`);
    const listed = (await client.get('/api/issues/public?sort=newest&limit=100')).json().items.find((i: { id: string }) => i.id === primary.id);
    t.equal(listed?.supportCount, 0, `${who}: 0 in the public list too`);
  }
  // Officials and the merged issue's author see it all.
  const asOfficial = (await official.get(`/api/issues/${primary.id}`)).json();
  t.equal(asOfficial.supportCount, 1);
  t.match(
    asOfficial.history.find((h: { kind: string }) => h.kind === 'merge_child'),
    { reason: MERGE_REASON, previous: { childId: secret.id } },
  );
  const asMergedAuthor = (await author.get(`/api/issues/${primary.id}`)).json();
  t.same(
    [asMergedAuthor.supportCount, asMergedAuthor.merged.map((m: { id: string }) => m.id)],
    [1, [secret.id]],
    "the merged issue's author knows its own issue",
  );
  // A company supporting the primary: the public event carries the count everyone may know (1), not 2.
  t.equal((await hanami.post(`/api/issues/${primary.id}/support`, { comment: 'Same here' })).statusCode, 200);
  const [event] = await db.select().from(events).where(eq(events.stream, streamOf.public())).orderBy(desc(events.createdAt)).limit(1);
  t.match(event, { type: 'issue.supported', data: { supportCount: 1 } });
  t.equal((await official.get(`/api/issues/${primary.id}`)).json().supportCount, 2);
  t.equal((await anon.get(`/api/issues/${primary.id}`)).json().supportCount, 1);
});

t.test("the organizers' audit trail neither names the author nor can be joined to public events", async (t) => {
  const [authorUserRow] = await db.select().from(users).where(eq(users.email, 'rep@shinobi.example'));
  // The probe's requests: filtering by the author company's or its representative's stream.
  for (const url of [
    `/api/events?stream=company:${shinobiOrg!.id}&type=issue.transition`,
    `/api/events?stream=user:${authorUserRow!.id}`,
    '/api/events?stream=officials',
  ]) {
    const res = await organizer.get(url);
    t.same([res.statusCode, res.json().code], [403, 'AUDIT_STREAM_FORBIDDEN'], url);
  }
  for (const url of [
    `/api/events?streamPrefix=company:${shinobiOrg!.id}`,
    '/api/events?streamPrefix=company:',
    `/api/events?streamPrefix=user:${authorUserRow!.id}`,
  ]) {
    t.same((await organizer.get(url)).json(), [], `${url}: nothing`);
  }
  const trail = await organizer.get('/api/events?limit=500');
  t.equal(trail.statusCode, 200);
  assertNoLeak(t, 'audit trail', trail.body);
  const me = (await organizer.get('/api/me')).json();
  const rows = trail.json<{ stream: string; redacted: boolean; actorId: string | null; createdAt: string; type: string }[]>();
  t.ok(
    rows.every((r) => !r.redacted || r.actorId === me.user.id),
    "no row of a stream the organizer may not follow, but the organizer's own actions",
  );
  // The join the probe made: every trail row at the instant of the anonymous issue's public transitions is a public one.
  const published = rows.filter((r) => r.stream === 'public' && r.type === 'issue.transition');
  t.ok(published.length >= 2, "officials' actions on public issues are still in the trail");
  for (const p of published) {
    const same = rows.filter((r) => r.createdAt === p.createdAt);
    t.ok(
      same.every((r) => r.stream === 'public' || r.stream.startsWith('roundtable:')),
      `nothing else at ${p.createdAt}`,
    );
  }
});
