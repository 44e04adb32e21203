import t from 'tap';
import { Client, ORIGIN, signIn, stranger, testApp, testDatabase, demoEmail } from './helpers/app.js';

const database = await testDatabase(t);
const app = await testApp(t, database);

t.test('sign in with the cookie, read /api/me, sign out', async (t) => {
  const res = await stranger(app).post('/api/auth/sign-in', { email: demoEmail('hanami'), password: 'roundtable-demo' });
  t.equal(res.statusCode, 200);
  const cookie = res.cookies.find((c) => c.name === 'rt_session')!;
  t.ok(cookie.httpOnly, 'cookie is HttpOnly');
  t.equal(cookie.sameSite, 'Lax');
  t.equal(res.json().organization.nameEn, 'Hanami Motors (Tianjin) Co., Ltd.');

  const client = new Client(app, `rt_session=${cookie.value}`);
  t.equal((await client.get('/api/me')).json().user.displayName, 'Hiroshi Tanaka');
  t.equal((await client.post('/api/auth/sign-out')).statusCode, 200);
  const after = await client.get('/api/me');
  t.equal(after.statusCode, 401);
  t.equal(after.json().code, 'UNAUTHENTICATED');
});

t.test('GET /api/session: null for a visitor, the same as /api/me when signed in', async (t) => {
  const database = await testDatabase(t);
  const app = await testApp(t, database);
  const visitor = await stranger(app).get('/api/session');
  t.equal(visitor.statusCode, 200);
  t.same(visitor.json(), { me: null });
  const hanami = await signIn(app, 'hanami');
  const mine = (await hanami.get('/api/session')).json<{ me: { user: { email: string } } | null }>();
  t.same(mine.me, (await hanami.get('/api/me')).json(), 'exactly the /api/me view');
  t.equal(mine.me?.user.email, demoEmail('hanami'));
});

t.test('wrong password and unknown email get the same answer', async (t) => {
  const wrong = await stranger(app).post('/api/auth/sign-in', { email: demoEmail('hanami'), password: 'nope' });
  const unknown = await stranger(app).post('/api/auth/sign-in', { email: 'nobody@example.org', password: 'nope' });
  t.equal(wrong.statusCode, 401);
  t.same(wrong.json(), unknown.json());
  t.equal(wrong.json().code, 'INVALID_CREDENTIALS');
});

t.test('bearer tokens for API clients', async (t) => {
  const res = await stranger(app).post('/api/auth/tokens', { email: demoEmail('official1'), password: 'roundtable-demo' });
  t.equal(res.statusCode, 201);
  t.notOk(res.cookies.length, 'no cookie for API clients');
  const { token } = res.json();
  const me = await app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } });
  t.equal(me.json().user.role, 'official');
  // Bearer writes need no Origin: they cannot be forged by another site.
  const out = await app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { authorization: `Bearer ${token}` } });
  t.equal(out.statusCode, 200);
  const gone = await app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } });
  t.equal(gone.statusCode, 401);
});

t.test('cookie writes from a foreign or missing origin are refused', async (t) => {
  const client = await signIn(app, 'sakura');
  const foreign = await client.request('PATCH', '/api/me', { displayName: 'x' }, { origin: 'https://evil.example' });
  t.equal(foreign.statusCode, 403);
  t.equal(foreign.json().code, 'CROSS_SITE_REQUEST');
  const none = await app.inject({ method: 'PATCH', url: '/api/me', headers: { cookie: client.cookie! }, payload: { displayName: 'x' } });
  t.equal(none.statusCode, 403);
  const own = await client.patch('/api/me', { displayName: 'Yuki S.' });
  t.equal(own.statusCode, 200);
  t.equal(own.json().user.displayName, 'Yuki S.');
  const loginCsrf = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    headers: { origin: 'https://evil.example' },
    payload: { email: demoEmail('sakura'), password: 'roundtable-demo' },
  });
  t.equal(loginCsrf.statusCode, 403, 'sign-in from a foreign page is refused');
});

t.test('profile validation', async (t) => {
  const client = await signIn(app, 'kaze');
  const zone = await client.patch('/api/me', { timeZone: 'Mars/Olympus' });
  t.equal(zone.statusCode, 400);
  t.equal(zone.json().code, 'INVALID_TIME_ZONE');
  const extra = await client.patch('/api/me', { role: 'organizer' });
  t.equal(extra.statusCode, 400);
  t.equal(extra.json().code, 'VALIDATION_FAILED');
  t.equal((await client.get('/api/me')).json().user.role, 'company_rep', 'nothing changed');
  const ok = await client.patch('/api/me', { timeZone: 'Asia/Tokyo', language: 'zh' });
  t.same([ok.json().user.timeZone, ok.json().user.language], ['Asia/Tokyo', 'zh']);
});

t.test('sessions can be listed and revoked', async (t) => {
  const a = await signIn(app, 'midori');
  const b = await signIn(app, 'midori');
  const list = (await a.get('/api/auth/sessions')).json<{ id: string; current: boolean }[]>();
  t.ok(list.length >= 2);
  // b's own session, as b sees it: the one a revokes.
  const bSession = (await b.get('/api/auth/sessions')).json<{ id: string; current: boolean }[]>().find((s) => s.current)!;
  t.ok(
    list.some((s) => s.id === bSession.id && !s.current),
    "a lists b's session as another one",
  );
  t.equal((await b.get('/api/me')).statusCode, 200, 'b is signed in before');
  t.equal((await a.delete(`/api/auth/sessions/${bSession.id}`)).statusCode, 200);
  const bMe = await b.get('/api/me');
  t.equal(bMe.statusCode, 401, 'the revoked session is refused at once');
  t.equal((await a.get('/api/me')).statusCode, 200, "a's own session still works");
  const remaining = (await a.get('/api/auth/sessions')).json<{ id: string }[]>();
  t.equal(remaining.length, list.length - 1);
  t.notOk(remaining.some((s) => s.id === bSession.id));
});

t.test('sign-in is rate limited', async (t) => {
  const limited = await testApp(t, database, { signInRateLimit: 3 });
  const attempt = () =>
    limited.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { origin: ORIGIN }, payload: { email: 'x@example.org', password: 'bad' } });
  for (let i = 0; i < 3; i++) t.equal((await attempt()).statusCode, 401);
  const res = await attempt();
  t.equal(res.statusCode, 429);
  t.equal(res.json().code, 'RATE_LIMITED');
});
