// Bad input anywhere must come back as a 4xx with a stable code, never a 5xx: NUL characters
// (PostgreSQL text cannot hold them), cursors and dates PostgreSQL would refuse, odd ids and sizes.
import t from 'tap';
import type { Client } from '../helpers/app.js';
import { signIn, stranger, testApp, testDatabase } from '../helpers/app.js';
const database = await testDatabase(t);
const app = await testApp(t, database);
const official = await signIn(app, 'official1');
const hanami = await signIn(app, 'hanami');
const attendee = await signIn(app, 'attendee1');
const anon = stranger(app);
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const uuid = '00000000-0000-4000-8000-000000000000';
const rt = ((await official.get('/api/round-tables')).json() as { id: string }[])[0]!.id;
const issue = ((await anon.get('/api/issues/public')).json() as { items: { id: string }[] }).items[0]!.id;
const probes: [Client, 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', string, unknown?][] = [
  [official, 'GET', '/api/issues/queue?from=2024-02-30T00:00:00Z'],
  [official, 'GET', '/api/issues/queue?from=0000-01-01T00:00:00Z'],
  [official, 'GET', '/api/issues/queue?from=2024-01-01T00:00:00%2B25:00'],
  [official, 'GET', '/api/issues/queue?q=%00abc'],
  [anon, 'GET', '/api/issues/public?q=%00abc'],
  [anon, 'GET', `/api/issues/public?sort=newest&cursor=${b64(['2024-13-45 99:99:99Z', uuid])}`],
  [hanami, 'GET', `/api/feed?cursor=${b64('2024-13-45 99:99:99Z|' + uuid)}`],
  [hanami, 'GET', '/api/issues/similar?title=%00abc'],
  [hanami, 'POST', '/api/issues', { title: 'a\u0000b', body: 'body body body', category: 'investment', language: 'en', visibility: 'public' }],
  [hanami, 'POST', `/api/issues/${issue}/support`, { comment: 'x\u0000' }],
  [hanami, 'POST', `/api/issues/${issue}/messages`, { body: 'x\u0000' }],
  [official, 'POST', `/api/issues/${issue}/messages`, { body: 'x\u0000' }],
  [official, 'POST', '/api/round-tables', { titleEn: 'x\u0000', venueName: 'V', start: '2030-01-01T10:00', end: '2030-01-01T12:00', capacity: 10 }],
  [official, 'POST', '/api/round-tables', { titleEn: 'x', venueName: 'V', start: '2030-02-30T10:00', end: '2030-03-01T12:00', capacity: 10 }],
  [official, 'POST', '/api/round-tables', { titleEn: 'x', venueName: 'V', start: '2030-01-01T10:00', end: '2030-01-01T12:00', capacity: 10, timeZone: 'Foo/Bar' }],
  [official, 'POST', '/api/round-tables', { titleEn: 'x', venueName: 'V', start: '2030-01-01T10:00', end: '2030-01-01T12:00', capacity: 10, proposalDeadline: '2029-13-01T00:00' }],
  [official, 'POST', '/api/round-tables', { titleEn: 'x', venueName: 'V', start: '99999-01-01T10:00', end: '99999-01-01T12:00', capacity: 10 }],
  [official, 'POST', '/api/round-tables', { titleEn: 'x', venueName: 'V', start: '2030-01-01T10:00', end: '2030-01-01T12:00', capacity: 10, chairId: uuid }],
  [official, 'PATCH', `/api/round-tables/${rt}`, { chairId: uuid }],
  [official, 'PATCH', `/api/round-tables/${rt}`, { capacity: 2147483648 }],
  [official, 'PATCH', `/api/round-tables/${rt}`, { titleEn: 'z\u0000' }],
  [official, 'POST', `/api/round-tables/${rt}/reschedule`, { start: '2030-01-01T10:00', end: '2030-01-01T12:00', timeZone: 'Nope/Zone' }],
  [official, 'PUT', `/api/round-tables/${rt}/agenda/draft`, { version: 2147483648, items: [] }],
  [official, 'PUT', `/api/round-tables/${rt}/agenda/draft`, { version: 0, items: [{ kind: 'issue', issueIds: [uuid], plannedMinutes: 5 }] }],
  [official, 'PUT', `/api/round-tables/${rt}/agenda/draft`, { version: 0, items: [{ kind: 'break', plannedMinutes: 99999999999 }] }],
  [official, 'POST', `/api/round-tables/${rt}/agenda/releases`, { version: 2147483648 }],
  [official, 'POST', '/api/issues/answers/release', { issueIds: ['nope'] }],
  [official, 'POST', `/api/issues/${issue}/merge`, { primaryId: uuid }],
  [attendee, 'POST', `/api/round-tables/${uuid}/registration`, {}],
  [anon, 'GET', `/api/round-tables/${rt}/calendar.ics?lang=xx`],
  [anon, 'GET', `/api/calendar/${'a'.repeat(40)}.ics`],
  [hanami, 'POST', '/api/feed/read', { ids: ['x'] }],
  [hanami, 'GET', `/api/issues/${issue}/attachments/${uuid}`],
  [official, 'GET', `/api/issues/queue?company=${uuid}`],
  [official, 'GET', '/api/issues/queue?limit=100000'],
];
t.test('odd but valid input is served, not refused', async (t) => {
  // A cursor above every support count (most supported first): the page starts at the top.
  const page = await anon.get(`/api/issues/public?sort=most_supported&cursor=${b64(['999999999', '2024-01-01 00:00:00Z', uuid])}`);
  t.equal(page.statusCode, 200);
  t.ok(page.json().items.length > 0);
  // Releasing the answers of an issue that has none pending releases nothing.
  const release = await official.post('/api/issues/answers/release', { issueIds: [uuid] });
  t.equal(release.statusCode, 200);
  t.same(release.json(), { released: [] });
});

t.test('bad input gets a 4xx with a stable code', async (t) => {
  for (const [c, m, u, body] of probes) {
    const res = await c.request(m, u, body);
    const code = res.statusCode >= 400 ? (res.json() as { code?: string }).code : undefined;
    // A 2xx means the bad value was taken, a 5xx that it broke something: both fail.
    t.ok(res.statusCode >= 400 && res.statusCode < 500 && /^[A-Z_]+$/.test(code ?? ''), `${m} ${u} ${JSON.stringify(body ?? '')} -> ${res.statusCode} ${code ?? ''}`);
  }
});
