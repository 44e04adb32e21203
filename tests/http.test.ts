// HTTP basics: health, docs, security headers, error shape, limits.
import t from 'tap';
import { signIn, stranger, testApp, testDatabase } from './helpers/app.js';

const database = await testDatabase(t, { seed: false });
const app = await testApp(t, database, { bodyLimit: 2048 });

t.test('health and readiness', async (t) => {
  t.same((await stranger(app).get('/healthz')).json(), { status: 'ok' });
  t.same((await stranger(app).get('/readyz')).json(), { status: 'ready' });
});

t.test('the OpenAPI document describes the routes with their schemas', async (t) => {
  const doc = (await stranger(app).get('/docs/json')).json();
  t.equal(doc.openapi, '3.1.0');
  const signInOp = doc.paths['/api/auth/sign-in'].post;
  t.ok(signInOp.requestBody.content['application/json'].schema.properties.email);
  t.ok(signInOp.responses['401'], 'error responses are documented');
  t.equal((await stranger(app).get('/docs')).statusCode, 200, 'the UI is served');
});

t.test('security headers and CSP on the web client', async (t) => {
  const res = await stranger(app).get('/');
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /text\/html; charset=utf-8/);
  const csp = String(res.headers['content-security-policy']);
  t.match(csp, /default-src 'self'/);
  t.match(csp, /script-src 'self'/);
  t.notMatch(csp, /unsafe-inline|unsafe-eval/);
  t.equal(res.headers['x-content-type-options'], 'nosniff');
});

t.test('one error shape, stable codes, no internals', async (t) => {
  const notFound = await stranger(app).get('/api/nothing-here');
  t.equal(notFound.statusCode, 404);
  t.same(Object.keys(notFound.json()).sort(), ['code', 'error', 'message', 'statusCode']);
  t.equal(notFound.json().code, 'ROUTE_NOT_FOUND');

  const invalid = await stranger(app).post('/api/auth/sign-in', { email: 'not-an-email', password: 'x' });
  t.equal(invalid.statusCode, 400);
  t.equal(invalid.json().code, 'VALIDATION_FAILED');

  const badJson = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
    payload: '{"email":',
  });
  t.equal(badJson.statusCode, 400);
  t.match(badJson.json(), { code: String, statusCode: 400 });

  const big = await stranger(app).post('/api/auth/sign-in', { email: 'a@example.org', password: 'x'.repeat(5000) });
  t.equal(big.statusCode, 413);
  t.equal(big.json().code, 'CTP_BODY_TOO_LARGE');

  const uuid = await stranger(app).get('/api/organizations/not-a-uuid');
  t.equal(uuid.statusCode, 401, 'authentication is checked before anything is revealed');
});

t.test('a signed-in user gets 400 for a malformed id, 404 for an unknown one', async (t) => {
  const seeded = await testDatabase(t);
  const other = await testApp(t, seeded);
  const client = await signIn(other, 'attendee1');
  t.equal((await client.get('/api/organizations/not-a-uuid')).json().code, 'VALIDATION_FAILED');
  t.equal((await client.get('/api/organizations/00000000-0000-4000-8000-000000000000')).json().code, 'ORGANIZATION_NOT_FOUND');
});
