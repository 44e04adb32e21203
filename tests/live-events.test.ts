// Typed events (validated on append, in the writer's transaction), the audit trail and the protocol schema.
import { eq, sql } from 'drizzle-orm';
import t from 'tap';
import { Type } from 'typebox';
import { rowsOf } from '../src/db/client.js';
import { organizations, users } from '../src/db/schema/index.js';
import { DEMO_PASSWORD } from '../src/db/seed/identity.js';
import { hashPassword } from '../src/lib/passwords.js';
import { appendEvent, queueEvent, readEvents, sequencePendingEvents, streamHead } from '../src/live/event-log.js';
import { defineEventTypes, InvalidEventError } from '../src/live/event-types.js';
import { signIn, stranger, testApp, testDatabase } from './helpers/app.js';

defineEventTypes({ 'test.checked': Type.Object({ title: Type.String({ maxLength: 5 }) }, { additionalProperties: false }) });

const database = await testDatabase(t);
const app = await testApp(t, database);

t.test('payloads are validated on append; a bad one rolls the whole change back', async (t) => {
  const before = await streamHead(database.db, 'officials');
  await t.rejects(
    database.db.transaction(async (tx) => {
      await appendEvent(tx, { stream: 'officials', type: 'test.checked', data: { title: 'ok' } });
      await appendEvent(tx, { stream: 'officials', type: 'test.checked', data: { title: 'far too long' } });
    }),
    InvalidEventError,
  );
  t.equal(await streamHead(database.db, 'officials'), before, 'nothing half-written: the first append is gone too');
  await t.rejects(
    database.db.transaction((tx) => appendEvent(tx, { stream: 'officials', type: 'test.unknown', data: {} })),
    { message: /unknown event type/ },
  );
  await t.rejects(
    database.db.transaction((tx) => appendEvent(tx, { stream: 'officials', type: 'test.checked', data: { title: 'a', extra: 1 } })),
    InvalidEventError,
  );
  t.throws(() => defineEventTypes({ NotDotted: Type.Object({}) }), /area.happened/);
  const seq = await database.db.transaction((tx) => appendEvent(tx, { stream: 'officials', type: 'test.checked', data: { title: 'fine' } }));
  t.equal(seq, before + 1, 'gapless: the failed attempts used no seq');
});

t.test('shared streams: concurrent writers get gapless seqs, each event once, numbered by the time they return', async (t) => {
  const stream = 'officials';
  const before = await streamHead(database.db, stream);
  const titles = Array.from({ length: 12 }, (_, i) => `w${i}`);
  // app.db has the outbox installed: queued events of a stream without a snapshot go through pending_events.
  await Promise.all(
    titles.map((title) =>
      app.db.transaction(async (tx) => {
        await queueEvent(tx, { stream, type: 'test.checked', data: { title } });
        await queueEvent(tx, { stream: 'company:00000000-0000-4000-8000-00000000000c', type: 'test.checked', data: { title } });
      }),
    ),
  );
  const events = await readEvents(database.db, stream, before, 100);
  t.same(
    events.map((e) => e.seq),
    titles.map((_, i) => before + i + 1),
    'every writer returned after its events were numbered: gapless, no hole',
  );
  t.same(events.map((e) => (e.data as { title: string }).title).sort(), [...titles].sort(), 'each event exactly once');
  t.equal(rowsOf(await database.db.execute(sql`select 1 from pending_events`)).length, 0, 'nothing left pending');
});

t.test('events a writer left pending (it died after its commit) are numbered by the next numbering, after those before them', async (t) => {
  const stream = 'officials';
  const before = await streamHead(database.db, stream);
  // What a writer's transaction commits before it numbers: its pending rows, in the order it wrote them.
  await database.db.execute(sql`insert into pending_events (stream, type, data) values
    (${stream}, 'test.checked', '{"title":"a"}'), (${stream}, 'test.checked', '{"title":"b"}')`);
  t.equal(await streamHead(database.db, stream), before, 'not delivered while pending');
  t.equal(await sequencePendingEvents(database.db), 2, 'the safety poll numbers them');
  const events = await readEvents(database.db, stream, before, 10);
  t.same(
    events.map((e) => [e.seq, (e.data as { title: string }).title]),
    [
      [before + 1, 'a'],
      [before + 2, 'b'],
    ],
    'in the order they were written, right after the head',
  );
  t.equal(await sequencePendingEvents(database.db), 0, 'moved, not copied: a second numbering finds nothing');
});

t.test('domain payloads are strict: an issue event with a category or state the data cannot have is refused', async (t) => {
  const issue = { issueId: '00000000-0000-4000-8000-000000000001', title: 'x', state: 'submitted', category: 'business_environment', visibility: 'public' };
  const append = (data: Record<string, unknown>) => database.db.transaction((tx) => appendEvent(tx, { stream: 'officials', type: 'issue.transition', data }));
  t.ok(await append(issue), 'a well-formed one is appended');
  await t.rejects(append({ ...issue, category: 'customs' }), InvalidEventError, 'unknown category');
  await t.rejects(append({ ...issue, state: 'lost' }), InvalidEventError, 'unknown state');
  await t.rejects(append({ ...issue, visibility: 'secret' }), InvalidEventError, 'unknown visibility');
});

t.test('live session and access payloads are strict too: statuses and roles come from the data model', async (t) => {
  const append = (stream: string, type: string, data: Record<string, unknown>) => database.db.transaction((tx) => appendEvent(tx, { stream, type, data }));
  const roundTable = 'roundtable:00000000-0000-4000-8000-000000000002';
  const user = 'user:00000000-0000-4000-8000-000000000003';
  const hand = {
    id: '00000000-0000-4000-8000-000000000004',
    userId: '00000000-0000-4000-8000-000000000003',
    name: 'A',
    raisedAt: new Date().toISOString(),
    floorAt: null,
  };
  const poll = { id: '00000000-0000-4000-8000-000000000005', question: 'Q', options: ['a', 'b'], tally: [0, 0], votes: 0 };
  t.ok(await append(roundTable, 'live.hands', { hands: [{ ...hand, status: 'waiting' }] }), 'a waiting hand');
  await t.rejects(append(roundTable, 'live.hands', { hands: [{ ...hand, status: 'dancing' }] }), InvalidEventError, 'unknown hand status');
  t.ok(await append(roundTable, 'live.poll', { poll: { ...poll, status: 'open' } }), 'an open poll');
  await t.rejects(append(roundTable, 'live.poll', { poll: { ...poll, status: 'paused' } }), InvalidEventError, 'unknown poll status');
  t.ok(await append(user, 'access.changed', { role: 'official' }), 'a role');
  await t.rejects(append(user, 'access.changed', { role: 'king' }), InvalidEventError, 'unknown role');
});

t.test('organizers read the log as an audit trail; nobody else does', async (t) => {
  const official = await signIn(app, 'official1');
  const me = (await official.get('/api/me')).json();
  await official.post('/api/auth/sign-out');
  const organizer = await signIn(app, 'organizer');
  // The official's sign-out went to the official's own stream, which the organizer may not follow: not in the trail.
  const res = await organizer.get(`/api/events?actorId=${me.user.id}&limit=500`);
  t.equal(res.statusCode, 200);
  t.notOk(
    res.json<{ stream: string; type: string }[]>().some((e) => e.type === 'session.revoked'),
    "another user's stream is left out",
  );
  // The organizer's own actions stay, those on streams the organizer may not follow by kind only.
  const self = (await organizer.get('/api/me')).json();
  const attendee3 = (await organizer.get('/api/users')).json<{ id: string; email: string }[]>().find((u) => u.email === 'j.miller@example.org')!;
  t.equal((await organizer.post(`/api/users/${attendee3.id}/deactivate`)).statusCode, 200);
  t.equal((await organizer.post(`/api/users/${attendee3.id}/reactivate`)).statusCode, 200);
  const own = (await organizer.get(`/api/events?actorId=${self.user.id}&limit=5`)).json<unknown[]>();
  t.match(
    own.find((e) => (e as { type: string }).type === 'access.revoked'),
    { stream: 'user:*', seq: null, type: 'access.revoked', actorId: self.user.id, data: null, redacted: true },
    'own action, by kind',
  );
  t.equal((await organizer.get(`/api/events?stream=user:${attendee3.id}`)).json().code, 'AUDIT_STREAM_FORBIDDEN', 'no filtering by that stream');
  const byType = (await organizer.get('/api/events?type=access.revoked')).json<{ type: string }[]>();
  t.ok(byType.length >= 1 && byType.every((e) => e.type === 'access.revoked'));
  const byPrefix = (await organizer.get('/api/events?streamPrefix=user:')).json<{ stream: string; actorId: string }[]>();
  t.ok(
    byPrefix.every((e) => e.stream === `user:${self.user.id}` || (e.stream === 'user:*' && e.actorId === self.user.id)),
    "users' streams: the organizer's own, and own actions",
  );
  const companyRep = await signIn(app, 'hanami');
  const rep = (await companyRep.get('/api/me')).json();
  await companyRep.post('/api/auth/sign-out');
  t.same((await organizer.get(`/api/events?actorId=${rep.user.id}`)).json(), [], "companies' own actions are not in the trail");
  // An official's action on a public issue: the public stream is one the organizer may follow.
  const queue = (await (await signIn(app, 'official2')).get('/api/issues/queue?state=submitted')).json<{ items: { id: string; visibility: string }[] }>();
  const open = queue.items.find((i) => i.visibility === 'public');
  if (open) {
    const reviewer = await signIn(app, 'official2');
    t.equal((await reviewer.post(`/api/issues/${open.id}/transitions`, { command: 'start_review' })).statusCode, 200);
    const shown = (await organizer.get('/api/events?stream=public&limit=5')).json<{ redacted: boolean; data: unknown; stream: string }[]>();
    t.ok(shown.length > 0 && shown.every((e) => !e.redacted && e.data !== null && e.stream === 'public'), 'public events in full');
    const hidden = await organizer.get('/api/events?stream=officials&limit=5');
    t.same([hidden.statusCode, hidden.json().code], [403, 'AUDIT_STREAM_FORBIDDEN'], "the review queue's stream is not the organizer's to read");
    const all = (await organizer.get('/api/events?limit=500')).json<{ redacted: boolean; stream: string; actorId: string }[]>();
    t.ok(
      all.every((e) => !e.redacted || e.actorId === self.user.id),
      "nothing of other streams, except the organizer's own actions",
    );
  } else t.fail('the demo data has a submitted public issue');
  const count = rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from events`))[0]!.n;
  t.ok(count >= byPrefix.length);

  t.equal((await (await signIn(app, 'official2')).get('/api/events')).statusCode, 403);
  t.equal((await (await signIn(app, 'hanami')).get('/api/events')).statusCode, 403);
  t.equal((await stranger(app).get('/api/events')).statusCode, 401);
  t.equal((await organizer.get('/api/events?limit=100000')).json().code, 'VALIDATION_FAILED');
});

t.test('the protocol is served as JSON Schema, with every event type', async (t) => {
  const res = await stranger(app).get('/api/live/protocol');
  t.equal(res.statusCode, 200);
  const body = res.json();
  const frameTypes = (body.frames.anyOf as { properties: { type: { const: string } } }[]).map((f) => f.properties.type.const);
  t.same(frameTypes.sort(), ['error', 'event', 'pong', 'snapshot', 'subscribed', 'unsubscribed']);
  const commandTypes = (body.commands.anyOf as { properties: { type: { const: string } } }[]).map((f) => f.properties.type.const);
  t.same(commandTypes.sort(), ['ping', 'subscribe', 'unsubscribe']);
  t.ok(body.events['session.revoked'], 'foundation events are registered');
  t.ok(body.events['test.checked']);
  t.ok(body.closeCodes['4000']);
});

t.test("the platform's trail: every organizer sees who onboarded an organization, changed a role, deactivated an account or invited someone", async (t) => {
  const organizer = await signIn(app, 'organizer');
  const self = (await organizer.get('/api/me')).json<{ user: { id: string } }>().user;
  const from = await streamHead(database.db, 'platform');
  const created = await organizer.post('/api/organizations', { kind: 'company', nameEn: 'Kobe Tools', nameJa: '神戸工具' });
  t.equal(created.statusCode, 201, created.body);
  const org = created.json<{ id: string }>();
  t.equal((await organizer.patch(`/api/organizations/${org.id}`, { nameZh: '神户工具' })).statusCode, 200);
  const target = (await organizer.get('/api/users')).json<{ id: string; email: string; role: string }[]>().find((u) => u.role === 'attendee')!;
  t.equal((await organizer.patch(`/api/users/${target.id}/role`, { role: 'company_rep', organizationId: org.id })).statusCode, 200);
  t.equal((await organizer.post(`/api/users/${target.id}/deactivate`)).statusCode, 200);
  t.equal((await organizer.post(`/api/users/${target.id}/deactivate`)).statusCode, 200, 'deactivating again is allowed');
  const invited = await organizer.post('/api/invitations', { email: 'new.rep@kobe.example', role: 'company_rep', organizationId: org.id });
  t.equal(invited.statusCode, 201, invited.body);
  t.equal((await organizer.delete(`/api/invitations/${invited.json<{ id: string }>().id}`)).statusCode, 200);

  // Another organizer, who did none of it, reads all of it in full: the platform stream is the organizers'.
  await database.db.insert(users).values({
    email: 'second.organizer@jetro.example',
    displayName: 'Second Organizer',
    passwordHash: await hashPassword(DEMO_PASSWORD),
    role: 'organizer',
    organizationId: (await database.db.select().from(organizations).where(eq(organizations.kind, 'organizer')))[0]!.id,
  });
  const colleague = await signIn(app, 'second.organizer@jetro.example');
  const trail = (await colleague.get('/api/events?stream=platform&limit=50'))
    .json<{ type: string; seq: number; actorId: string; redacted: boolean; data: Record<string, unknown> }[]>()
    .filter((e) => e.seq > from);
  t.same(
    trail.map((e) => e.type).reverse(),
    ['organization.created', 'organization.updated', 'account.role_changed', 'account.deactivated', 'invitation.sent', 'invitation.revoked'],
    'each change once, in order (the repeated deactivation changed nothing and is not recorded)',
  );
  t.ok(trail.every((e) => e.actorId === self.id && !e.redacted));
  t.match(trail.find((e) => e.type === 'organization.updated')!.data, { organization: { id: org.id, nameZh: '神户工具' } });
  t.match(trail.find((e) => e.type === 'account.role_changed')!.data, { user: { id: target.id }, role: 'company_rep', organizationId: org.id });
  t.match(trail.find((e) => e.type === 'invitation.sent')!.data, { invitation: { email: 'new.rep@kobe.example', role: 'company_rep' }, replaced: false });
  const byKind = (await colleague.get('/api/events?kind=invitation')).json<{ type: string }[]>();
  t.same(byKind.map((e) => e.type).sort(), ['invitation.revoked', 'invitation.sent']);

  // Nobody else follows it.
  for (const who of ['official1', 'hanami', 'attendee2']) {
    const client = await signIn(app, who);
    t.equal((await client.get('/api/events?stream=platform')).statusCode, 403, `${who}: no audit trail`);
  }
});
