// Visitors' cached reads of a published round-table and its agenda: the bytes and headers (security
// headers included) are those the handler gives, 304 on a matching If-None-Match, a signed-in request
// (cookie or bearer) still resolves its session and gets its own view, and a change shows at once.
import t from 'tap';
import { signIn, stranger, testApp, testDatabase } from './helpers/app.js';
import { DEMO_PASSWORD } from '../src/db/seed/identity.js';
import { demoEmail } from './helpers/app.js';

const database = await testDatabase(t);
const app = await testApp(t, database);
const official = await signIn(app, 'official1');
const visitor = stranger(app);

/** Setup steps throw (no assertion before the first subtest: tap may end the root test early on the server). */
async function must<R extends { statusCode: number; body: string }>(res: Promise<R>, status: number): Promise<R> {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
  return r;
}
const rt = (
  await must(
    official.post('/api/round-tables', {
      titleEn: 'Cached reads',
      start: '2028-02-03T14:00',
      end: '2028-02-03T17:00',
      capacity: 10,
      venueName: 'Cache hall',
    }),
    201,
  )
).json<{ id: string }>();
await must(official.post(`/api/round-tables/${rt.id}/publish`), 200);
const items = [
  { kind: 'opening', titleEn: 'Opening', plannedMinutes: 10, presenter: 'Wang Li' },
  { kind: 'presentation', titleEn: 'Customs', plannedMinutes: 30, internalNotes: 'SECRET-NOTE' },
];
await must(official.request('PUT', `/api/round-tables/${rt.id}/agenda/draft`, { version: 0, items }), 200);
await must(official.post(`/api/round-tables/${rt.id}/agenda/releases`, { version: 1 }), 201);

/** Headers whose meaning a cached answer must keep (everything but the date and the connection's). */
const meaningful = (headers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !['date', 'connection', 'keep-alive'].includes(name)));

for (const [what, url] of [
  ['round-table', `/api/round-tables/${rt.id}`],
  ['agenda', `/api/round-tables/${rt.id}/agenda`],
] as const) {
  t.test(`${what}: a visitor's cached answer is the handler's, headers included`, async (t) => {
    const first = await visitor.get(url); // fills the cache (handler)
    const second = await visitor.get(url); // answered from the cache
    t.equal(first.statusCode, 200);
    t.equal(second.statusCode, 200);
    t.equal(second.body, first.body);
    t.same(meaningful(second.headers), meaningful(first.headers));
    t.match(second.headers['content-security-policy'], /default-src 'self'/);
    t.equal(second.headers['x-content-type-options'], 'nosniff');
    t.equal(second.headers['x-frame-options'], 'SAMEORIGIN');
    t.equal(second.headers['content-type'], 'application/json; charset=utf-8');
    t.equal(second.headers['cache-control'], 'no-cache');
    t.equal(second.headers.vary, 'cookie, authorization');
    t.notMatch(second.body, /SECRET-NOTE|internalNotes/);

    const etag = String(second.headers.etag);
    t.match(etag, /^"[^"]+"$/);
    const notModified = await visitor.request('GET', url, undefined, { 'if-none-match': `W/"other", ${etag}` });
    t.equal(notModified.statusCode, 304);
    t.equal(notModified.body, '');
    t.equal(notModified.headers.etag, etag);
    t.equal(notModified.headers['x-content-type-options'], 'nosniff', 'a 304 carries the security headers too');
    t.equal((await visitor.request('GET', url, undefined, { 'if-none-match': '"other"' })).statusCode, 200);
  });
}

t.test('a signed-in request resolves its session even when a visitor answer is cached', async (t) => {
  const url = `/api/round-tables/${rt.id}`;
  t.equal((await visitor.get(url)).json().isStaff, false);
  t.equal((await visitor.get(url)).json().isStaff, false);
  const byCookie = await official.get(url);
  t.equal(byCookie.json().isStaff, true, 'the chair sees their own view, not the cached one');
  t.equal(byCookie.headers.etag, undefined, 'and no visitor validator');
  const token = (await app.inject({ method: 'POST', url: '/api/auth/tokens', payload: { email: demoEmail('official1'), password: DEMO_PASSWORD } })).json<{
    token: string;
  }>().token;
  const byBearer = await app.inject({ url, headers: { authorization: `Bearer ${token}` } });
  t.equal(byBearer.json().isStaff, true);
  // An unknown session token is a visitor, as everywhere.
  t.equal((await app.inject({ url, headers: { cookie: 'rt_session=not-a-session' } })).json().isStaff, false);
});

t.test('a change shows to visitors at once (the entry is dropped on commit)', async (t) => {
  const url = `/api/round-tables/${rt.id}/agenda`;
  const before = await visitor.get(url);
  t.equal(before.json().number, 1);
  t.equal((await visitor.get(url)).headers.etag, before.headers.etag, 'cached');
  const next = [...items, { kind: 'closing', titleEn: 'Closing', plannedMinutes: 10 }];
  t.equal((await official.request('PUT', `/api/round-tables/${rt.id}/agenda/draft`, { version: 1, items: next })).statusCode, 200);
  t.equal((await official.post(`/api/round-tables/${rt.id}/agenda/releases`, { version: 2 })).statusCode, 201);
  const after = await visitor.get(url);
  t.equal(after.json().number, 2);
  t.not(after.headers.etag, before.headers.etag);
  t.equal(
    (await visitor.request('GET', url, undefined, { 'if-none-match': String(before.headers.etag) })).statusCode,
    200,
    'the old validator no longer matches',
  );

  const detail = `/api/round-tables/${rt.id}`;
  await visitor.get(detail);
  t.equal((await official.patch(detail, { capacity: 12 })).statusCode, 200);
  t.equal((await visitor.get(detail)).json().capacity, 12);
});

t.test('a malformed or unknown id is still validated (nothing cached answers it)', async (t) => {
  t.equal((await visitor.get('/api/round-tables/not-a-uuid/agenda')).statusCode, 400);
  t.equal((await visitor.get('/api/round-tables/00000000-0000-4000-8000-000000000000')).statusCode, 404);
});
