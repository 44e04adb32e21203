// Every route, called as a stranger and as each role: the status each one gets. A route missing
// from this table fails the test, so new routes must declare who may call them.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { Client, signIn, stranger, testApp, testDatabase } from './helpers/app.js';

const database = await testDatabase(t);
const app = await testApp(t, database);

type Who = 'stranger' | 'organizer' | 'official' | 'company_rep' | 'attendee';
/** `fresh`: the call ends the session, so it gets a session of its own. */
type Case = { method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; url: string; body?: unknown; expect: Record<Who, number>; fresh?: boolean };

const missing = randomUUID();
const all = (status: number): Record<Who, number> => ({ stranger: status, organizer: status, official: status, company_rep: status, attendee: status });
const signedIn = (status: number): Record<Who, number> => ({ ...all(status), stranger: 401 });
const only = (ok: number, roles: Who[], otherwise = 403): Record<Who, number> =>
  Object.fromEntries(
    (['stranger', 'organizer', 'official', 'company_rep', 'attendee'] as Who[]).map((w) => [w, w === 'stranger' ? 401 : roles.includes(w) ? ok : otherwise]),
  ) as Record<Who, number>;

const CASES: Record<string, Case> = {
  'GET /healthz': { method: 'GET', url: '/healthz', expect: all(200) },
  'GET /readyz': { method: 'GET', url: '/readyz', expect: all(200) },
  'POST /api/auth/sign-in': { method: 'POST', url: '/api/auth/sign-in', body: { email: 'no@example.org', password: 'x' }, expect: all(401) },
  'POST /api/auth/tokens': { method: 'POST', url: '/api/auth/tokens', body: { email: 'no@example.org', password: 'x' }, expect: all(401) },
  'POST /api/auth/sign-out': { method: 'POST', url: '/api/auth/sign-out', expect: signedIn(200), fresh: true },
  'GET /api/auth/sessions': { method: 'GET', url: '/api/auth/sessions', expect: signedIn(200) },
  'DELETE /api/auth/sessions/:id': { method: 'DELETE', url: `/api/auth/sessions/${missing}`, expect: signedIn(404) },
  'GET /api/session': { method: 'GET', url: '/api/session', expect: all(200) },
  'GET /api/me': { method: 'GET', url: '/api/me', expect: signedIn(200) },
  'PATCH /api/me': { method: 'PATCH', url: '/api/me', body: { timeZone: 'Asia/Tokyo' }, expect: signedIn(200) },
  'GET /api/users': { method: 'GET', url: '/api/users', expect: only(200, ['organizer', 'official']) },
  'PATCH /api/users/:id/role': {
    method: 'PATCH',
    url: `/api/users/${missing}/role`,
    body: { role: 'attendee', organizationId: null },
    expect: only(404, ['organizer']),
  },
  'POST /api/users/:id/deactivate': { method: 'POST', url: `/api/users/${missing}/deactivate`, expect: only(404, ['organizer']) },
  'POST /api/users/:id/reactivate': { method: 'POST', url: `/api/users/${missing}/reactivate`, expect: only(404, ['organizer']) },
  'GET /api/organizations': { method: 'GET', url: '/api/organizations', expect: signedIn(200) },
  'GET /api/organizations/:id': { method: 'GET', url: `/api/organizations/${missing}`, expect: signedIn(404) },
  'POST /api/organizations': {
    method: 'POST',
    url: '/api/organizations',
    body: { kind: 'company', nameEn: 'Access Test KK' },
    expect: only(201, ['organizer']),
  },
  'PATCH /api/organizations/:id': { method: 'PATCH', url: `/api/organizations/${missing}`, body: { nameEn: 'x' }, expect: only(404, ['organizer']) },
  'POST /api/invitations': {
    method: 'POST',
    url: '/api/invitations',
    body: { email: 'new@example.org', role: 'organizer', organizationId: null },
    expect: only(400, ['organizer', 'official']),
  },
  'GET /api/invitations': { method: 'GET', url: '/api/invitations', expect: only(200, ['organizer', 'official']) },
  'DELETE /api/invitations/:id': { method: 'DELETE', url: `/api/invitations/${missing}`, expect: only(404, ['organizer', 'official']) },
  'POST /api/invitations/:id/resend': { method: 'POST', url: `/api/invitations/${missing}/resend`, expect: only(404, ['organizer', 'official']) },
  // Notifications and passwords (issue 10).
  'POST /api/auth/password': {
    method: 'POST',
    url: '/api/auth/password',
    body: { currentPassword: 'not-the-password', newPassword: 'new-password-123' },
    expect: signedIn(403),
  },
  'POST /api/auth/password-reset': { method: 'POST', url: '/api/auth/password-reset', body: { email: 'no@example.org' }, expect: all(202) },
  'POST /api/auth/password-reset/:token': {
    method: 'POST',
    url: '/api/auth/password-reset/0123456789abcdefghijklmnop',
    body: { password: 'new-password-123' },
    expect: all(400),
  },
  'GET /api/me/notification-preferences': { method: 'GET', url: '/api/me/notification-preferences', expect: signedIn(200) },
  'PUT /api/me/notification-preferences': {
    method: 'PUT',
    url: '/api/me/notification-preferences',
    body: [{ category: 'live_start', mode: 'in_app' }],
    expect: signedIn(200),
  },
  'GET /api/notifications/unsubscribe': { method: 'GET', url: '/api/notifications/unsubscribe?token=forged', expect: all(400) },
  'POST /api/notifications/unsubscribe': { method: 'POST', url: '/api/notifications/unsubscribe?token=forged', expect: all(400) },
  'GET /api/outbox': { method: 'GET', url: '/api/outbox?limit=5', expect: only(200, ['organizer']) },
  'GET /api/outbox/status': { method: 'GET', url: '/api/outbox/status', expect: only(200, ['organizer']) },
  'GET /api/invitations/by-token/:token': { method: 'GET', url: '/api/invitations/by-token/0123456789abcdefghijklmnop', expect: all(404) },
  'POST /api/invitations/by-token/:token/accept': {
    method: 'POST',
    url: '/api/invitations/by-token/0123456789abcdefghijklmnop/accept',
    body: { displayName: 'X', password: 'long-enough-pw', language: 'en', timeZone: 'Asia/Tokyo' },
    expect: all(404),
  },
  // Issues: a missing id is 404 for whoever may call the route at all.
  'POST /api/issues': { method: 'POST', url: '/api/issues', body: { title: 'x' }, expect: only(400, ['company_rep']) },
  'GET /api/issues/queue': { method: 'GET', url: '/api/issues/queue', expect: only(200, ['official']) },
  'GET /api/issues/queue.csv': { method: 'GET', url: '/api/issues/queue.csv', expect: only(200, ['official']) },
  'GET /api/issues/mine': { method: 'GET', url: '/api/issues/mine', expect: only(200, ['company_rep']) },
  'GET /api/issues/public': { method: 'GET', url: '/api/issues/public', expect: all(200) },
  'GET /api/issues/similar': { method: 'GET', url: '/api/issues/similar?title=customs', expect: signedIn(200) },
  'GET /api/issues/answers/pending': { method: 'GET', url: '/api/issues/answers/pending', expect: only(200, ['official']) },
  'POST /api/issues/answers/release': { method: 'POST', url: '/api/issues/answers/release', body: { issueIds: [missing] }, expect: only(200, ['official']) },
  'GET /api/issues/:id': { method: 'GET', url: `/api/issues/${missing}`, expect: all(404) },
  'PATCH /api/issues/:id': { method: 'PATCH', url: `/api/issues/${missing}`, body: { title: 'A new title' }, expect: only(404, ['company_rep']) },
  'POST /api/issues/:id/transitions': { method: 'POST', url: `/api/issues/${missing}/transitions`, body: { command: 'submit' }, expect: signedIn(404) },
  'PUT /api/issues/:id/answer': {
    method: 'PUT',
    url: `/api/issues/${missing}/answer`,
    body: { text: 'a', department: 'b', timeFrame: 'c' },
    expect: only(404, ['official']),
  },
  'POST /api/issues/:id/merge': { method: 'POST', url: `/api/issues/${missing}/merge`, body: { primaryId: randomUUID() }, expect: only(404, ['official']) },
  'POST /api/issues/:id/unmerge': { method: 'POST', url: `/api/issues/${missing}/unmerge`, body: {}, expect: only(404, ['official']) },
  'POST /api/issues/:id/support': { method: 'POST', url: `/api/issues/${missing}/support`, body: {}, expect: only(404, ['company_rep']) },
  'DELETE /api/issues/:id/support': { method: 'DELETE', url: `/api/issues/${missing}/support`, expect: only(404, ['company_rep']) },
  'GET /api/issues/:id/messages': { method: 'GET', url: `/api/issues/${missing}/messages`, expect: signedIn(404) },
  'POST /api/issues/:id/messages': { method: 'POST', url: `/api/issues/${missing}/messages`, body: { body: 'Hello' }, expect: signedIn(404) },
  'POST /api/issues/:id/messages/read': { method: 'POST', url: `/api/issues/${missing}/messages/read`, expect: signedIn(404) },
  'POST /api/issues/:id/attachments': { method: 'POST', url: `/api/issues/${missing}/attachments`, body: {}, expect: only(415, ['company_rep']) },
  'GET /api/issues/:id/attachments/:attachmentId': { method: 'GET', url: `/api/issues/${missing}/attachments/${missing}`, expect: all(404) },
  'DELETE /api/issues/:id/attachments/:attachmentId': {
    method: 'DELETE',
    url: `/api/issues/${missing}/attachments/${missing}`,
    expect: only(404, ['company_rep']),
  },
  'GET /api/feed': { method: 'GET', url: '/api/feed', expect: signedIn(200) },
  'POST /api/feed/read': { method: 'POST', url: '/api/feed/read', body: {}, expect: signedIn(200) },
  // Round-tables (issue 4): reads follow the round-table's visibility; writes are for officials (staff checked in the service).
  'GET /api/round-tables': { method: 'GET', url: '/api/round-tables', expect: all(200) },
  'POST /api/round-tables': { method: 'POST', url: '/api/round-tables', body: {}, expect: only(400, ['official']) },
  'GET /api/round-tables/:id': { method: 'GET', url: `/api/round-tables/${missing}`, expect: all(404) },
  'PATCH /api/round-tables/:id': { method: 'PATCH', url: `/api/round-tables/${missing}`, body: { capacity: 3 }, expect: only(404, ['official']) },
  'POST /api/round-tables/:id/publish': { method: 'POST', url: `/api/round-tables/${missing}/publish`, expect: only(404, ['official']) },
  'POST /api/round-tables/:id/start': { method: 'POST', url: `/api/round-tables/${missing}/start`, expect: only(404, ['official']) },
  'POST /api/round-tables/:id/conclude': { method: 'POST', url: `/api/round-tables/${missing}/conclude`, expect: only(404, ['official']) },
  'POST /api/round-tables/:id/reschedule': {
    method: 'POST',
    url: `/api/round-tables/${missing}/reschedule`,
    body: { start: '2027-01-01T10:00', end: '2027-01-01T11:00' },
    expect: only(404, ['official']),
  },
  'POST /api/round-tables/:id/cancel': { method: 'POST', url: `/api/round-tables/${missing}/cancel`, body: { reason: 'x' }, expect: only(404, ['official']) },
  'POST /api/round-tables/:id/registration': {
    method: 'POST',
    url: `/api/round-tables/${missing}/registration`,
    body: {},
    expect: { stranger: 401, organizer: 403, official: 403, company_rep: 404, attendee: 404 },
  },
  'DELETE /api/round-tables/:id/registration': { method: 'DELETE', url: `/api/round-tables/${missing}/registration`, expect: signedIn(404) },
  'GET /api/round-tables/:id/registrations': { method: 'GET', url: `/api/round-tables/${missing}/registrations`, expect: only(404, ['official']) },
  'GET /api/round-tables/:id/registrations.csv': { method: 'GET', url: `/api/round-tables/${missing}/registrations.csv`, expect: only(404, ['official']) },
  'POST /api/round-tables/:id/registrations/:registrationId/approve': {
    method: 'POST',
    url: `/api/round-tables/${missing}/registrations/${missing}/approve`,
    expect: only(404, ['official']),
  },
  'POST /api/round-tables/:id/registrations/:registrationId/reject': {
    method: 'POST',
    url: `/api/round-tables/${missing}/registrations/${missing}/reject`,
    expect: only(404, ['official']),
  },
  'GET /api/round-tables/:id/agenda/draft': { method: 'GET', url: `/api/round-tables/${missing}/agenda/draft`, expect: only(404, ['official']) },
  'PUT /api/round-tables/:id/agenda/draft': {
    method: 'PUT',
    url: `/api/round-tables/${missing}/agenda/draft`,
    body: { version: 0, items: [] },
    expect: only(404, ['official']),
  },
  'POST /api/round-tables/:id/agenda/releases': {
    method: 'POST',
    url: `/api/round-tables/${missing}/agenda/releases`,
    body: { version: 0 },
    expect: only(404, ['official']),
  },
  'GET /api/round-tables/:id/agenda': { method: 'GET', url: `/api/round-tables/${missing}/agenda`, expect: all(404) },
  'GET /api/issues/:id/round-table': { method: 'GET', url: `/api/issues/${missing}/round-table`, expect: all(404) },
  'GET /api/round-tables/:id/agenda/releases': { method: 'GET', url: `/api/round-tables/${missing}/agenda/releases`, expect: all(404) },
  'GET /api/round-tables/:id/calendar.ics': { method: 'GET', url: `/api/round-tables/${missing}/calendar.ics`, expect: all(404) },
  // Revoking before creating: nobody has a feed yet.
  'DELETE /api/me/calendar-feed': { method: 'DELETE', url: '/api/me/calendar-feed', expect: signedIn(404) },
  'POST /api/me/calendar-feed': { method: 'POST', url: '/api/me/calendar-feed', expect: signedIn(200) },
  // Live (issue 5): tickets for any signed-in user, the protocol for anyone, the audit trail for organizers.
  'POST /api/live/tickets': { method: 'POST', url: '/api/live/tickets', expect: signedIn(201) },
  'GET /api/live/protocol': { method: 'GET', url: '/api/live/protocol', expect: all(200) },
  'GET /api/events': { method: 'GET', url: '/api/events?limit=5', expect: only(200, ['organizer']) },
  // Live session (issue 5): commands for officials (staff checked in the service), hands and votes for signed-in users.
  'GET /api/round-tables/:id/live': { method: 'GET', url: `/api/round-tables/${missing}/live`, expect: all(404) },
  'POST /api/round-tables/:id/live/start': { method: 'POST', url: `/api/round-tables/${missing}/live/start`, expect: only(404, ['official']) },
  'POST /api/round-tables/:id/live/slot': {
    method: 'POST',
    url: `/api/round-tables/${missing}/live/slot`,
    body: { move: 'next' },
    expect: only(404, ['official']),
  },
  'POST /api/round-tables/:id/live/timer': {
    method: 'POST',
    url: `/api/round-tables/${missing}/live/timer`,
    body: { action: 'start' },
    expect: only(404, ['official']),
  },
  'POST /api/round-tables/:id/live/hands': { method: 'POST', url: `/api/round-tables/${missing}/live/hands`, expect: signedIn(404) },
  'DELETE /api/round-tables/:id/live/hands': { method: 'DELETE', url: `/api/round-tables/${missing}/live/hands`, expect: signedIn(404) },
  'POST /api/round-tables/:id/live/hands/:handId': {
    method: 'POST',
    url: `/api/round-tables/${missing}/live/hands/${missing}`,
    body: { action: 'floor' },
    expect: only(404, ['official']),
  },
  'POST /api/round-tables/:id/live/announcements': {
    method: 'POST',
    url: `/api/round-tables/${missing}/live/announcements`,
    body: { text: 'x' },
    expect: only(404, ['official']),
  },
  'POST /api/round-tables/:id/live/polls': {
    method: 'POST',
    url: `/api/round-tables/${missing}/live/polls`,
    body: { question: 'q', options: ['a', 'b'] },
    expect: only(404, ['official']),
  },
  'POST /api/round-tables/:id/live/polls/:pollId/votes': {
    method: 'POST',
    url: `/api/round-tables/${missing}/live/polls/${missing}/votes`,
    body: { option: 0 },
    expect: signedIn(404),
  },
  'POST /api/round-tables/:id/live/polls/:pollId/close': {
    method: 'POST',
    url: `/api/round-tables/${missing}/live/polls/${missing}/close`,
    expect: only(404, ['official']),
  },
  'POST /api/round-tables/:id/live/end': { method: 'POST', url: `/api/round-tables/${missing}/live/end`, expect: only(404, ['official']) },
  'GET /api/calendar/:file': { method: 'GET', url: '/api/calendar/0123456789abcdefghijklmnop.ics', expect: all(404) },
  // Outcomes (issue 9): reads for whoever may see the round-table, decision or issue (404 for a missing one);
  // writes for signed-in users, staff or the owner organization checked in the service (404 for a missing one).
  'GET /api/round-tables/:id/slots/:slotId/minutes': { method: 'GET', url: `/api/round-tables/${missing}/slots/${missing}/minutes`, expect: all(404) },
  'PUT /api/round-tables/:id/slots/:slotId/minutes': {
    method: 'PUT',
    url: `/api/round-tables/${missing}/slots/${missing}/minutes`,
    body: { text: 'x', baseVersion: 0 },
    expect: signedIn(404),
  },
  'GET /api/round-tables/:id/slots/:slotId/minutes/versions': {
    method: 'GET',
    url: `/api/round-tables/${missing}/slots/${missing}/minutes/versions`,
    expect: all(404),
  },
  'GET /api/round-tables/:id/slots/:slotId/minutes/versions/:n': {
    method: 'GET',
    url: `/api/round-tables/${missing}/slots/${missing}/minutes/versions/1`,
    expect: all(404),
  },
  'GET /api/round-tables/:id/slots/:slotId/minutes/diff': {
    method: 'GET',
    url: `/api/round-tables/${missing}/slots/${missing}/minutes/diff?from=1&to=2`,
    expect: all(404),
  },
  'POST /api/round-tables/:id/slots/:slotId/minutes/circulate': {
    method: 'POST',
    url: `/api/round-tables/${missing}/slots/${missing}/minutes/circulate`,
    body: { commentsUntil: '2030-01-01T00:00:00Z' },
    expect: signedIn(404),
  },
  'GET /api/round-tables/:id/slots/:slotId/minutes/comments': {
    method: 'GET',
    url: `/api/round-tables/${missing}/slots/${missing}/minutes/comments`,
    expect: signedIn(404),
  },
  'POST /api/round-tables/:id/slots/:slotId/minutes/comments': {
    method: 'POST',
    url: `/api/round-tables/${missing}/slots/${missing}/minutes/comments`,
    body: { text: 'x' },
    expect: signedIn(404),
  },
  'POST /api/round-tables/:id/slots/:slotId/minutes/finalize': {
    method: 'POST',
    url: `/api/round-tables/${missing}/slots/${missing}/minutes/finalize`,
    expect: signedIn(404),
  },
  'POST /api/round-tables/:id/slots/:slotId/minutes/addenda': {
    method: 'POST',
    url: `/api/round-tables/${missing}/slots/${missing}/minutes/addenda`,
    body: { text: 'x' },
    expect: signedIn(404),
  },
  'POST /api/round-tables/:id/slots/:slotId/decisions': {
    method: 'POST',
    url: `/api/round-tables/${missing}/slots/${missing}/decisions`,
    body: { text: 'x', kind: 'commitment', issueIds: [missing], language: 'en' },
    expect: signedIn(404),
  },
  'GET /api/round-tables/:id/outcomes': { method: 'GET', url: `/api/round-tables/${missing}/outcomes`, expect: all(404) },
  'POST /api/decisions/:id/actions': {
    method: 'POST',
    url: `/api/decisions/${missing}/actions`,
    body: { description: 'x', ownerOrganizationId: missing },
    expect: signedIn(404),
  },
  'GET /api/actions/mine': { method: 'GET', url: '/api/actions/mine', expect: signedIn(200) },
  'GET /api/actions/:id': { method: 'GET', url: `/api/actions/${missing}`, expect: all(404) },
  'PATCH /api/actions/:id': { method: 'PATCH', url: `/api/actions/${missing}`, body: { status: 'in_progress' }, expect: signedIn(404) },
  'POST /api/actions/:id/progress': { method: 'POST', url: `/api/actions/${missing}/progress`, body: { percent: 10, publicText: 'x' }, expect: signedIn(404) },
  'GET /api/issues/:id/chain': { method: 'GET', url: `/api/issues/${missing}/chain`, expect: all(404) },
  // Translations: the queue for organizers and officials; a text's translations for whoever may see it (404 for a
  // missing one); writing for signed-in translators (who may translate what is checked in the service).
  'GET /api/translations/queue': { method: 'GET', url: '/api/translations/queue', expect: only(200, ['organizer', 'official']) },
  'GET /api/translations/:kind/:id': { method: 'GET', url: `/api/translations/issue/${missing}`, expect: all(404) },
  'PUT /api/translations/:kind/:id/:language': {
    method: 'PUT',
    url: `/api/translations/issue/${missing}/ja`,
    body: { fields: { title: 'x' } },
    expect: signedIn(404),
  },
  'GET /api/board': { method: 'GET', url: '/api/board', expect: all(200) },
  'GET /api/open-data/:kind.:format': { method: 'GET', url: '/api/open-data/actions.json', expect: all(200) },
};
// The official may not invite organizers (403); the organizer needs an organization for that role (400).
CASES['POST /api/invitations']!.expect.official = 403;

const DEMO_KEY: Record<Exclude<Who, 'stranger'>, string> = { organizer: 'organizer', official: 'official1', company_rep: 'hanami', attendee: 'attendee1' };
const clientFor = async (who: Who) => (who === 'stranger' ? stranger(app) : signIn(app, DEMO_KEY[who]));
const clients = Object.fromEntries(
  await Promise.all((['stranger', 'organizer', 'official', 'company_rep', 'attendee'] as Who[]).map(async (w) => [w, await clientFor(w)])),
) as Record<Who, Client>;

t.test('every API route is in the access table', async (t) => {
  const declared = new Set(Object.keys(CASES));
  const undeclared = apiRoutes().filter((r) => !declared.has(r));
  t.same(undeclared, [], 'routes without an access expectation');
});

for (const [name, c] of Object.entries(CASES)) {
  t.test(name, async (t) => {
    for (const who of Object.keys(clients) as Who[]) {
      const client = c.fresh ? await clientFor(who) : clients[who];
      const res = await client.request(c.method, c.url, c.body);
      t.equal(res.statusCode, c.expect[who], `${who}: ${res.statusCode} ${res.statusCode >= 400 ? res.json().code : ''}`);
      if (res.statusCode >= 400) t.match(res.json(), { statusCode: res.statusCode, code: String, error: String, message: String });
    }
  });
}

/** Every route in the OpenAPI document (all routes declare schemas), as "METHOD /path/:param". */
function apiRoutes(): string[] {
  const paths = (app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths;
  return Object.entries(paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => m !== 'head')
      .map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
  );
}
