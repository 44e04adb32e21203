// Invitations, deactivation, role changes and organizations.
import t from 'tap';
import { Client, signIn, stranger, testApp, testDatabase } from './helpers/app.js';

const database = await testDatabase(t);
const app = await testApp(t, database);
const organizer = await signIn(app, 'organizer');
const official = await signIn(app, 'official1');
const orgs = (await organizer.get('/api/organizations')).json<{ id: string; kind: string; nameEn: string }[]>();
const company = orgs.find((o) => o.nameEn.startsWith('Hanami'))!;
const government = orgs.find((o) => o.kind === 'government')!;

const tokenOf = (link: string) => link.split('/invite/')[1]!;
const acceptBody = { displayName: 'Kaori Mori', password: 'a-long-password', language: 'ja', timeZone: 'Asia/Tokyo' };

t.test('an official invites a company representative; the link works once', async (t) => {
  const res = await official.post('/api/invitations', { email: 'Mori@Hanami-Motors.example', role: 'company_rep', organizationId: company.id });
  t.equal(res.statusCode, 201);
  const { link, email } = res.json();
  t.equal(email, 'mori@hanami-motors.example', 'emails are stored lower-cased');
  t.match(link, /^http:\/\/localhost:3000\/#\/invite\/[\w-]{40,}$/);

  const preview = await stranger(app).get(`/api/invitations/by-token/${tokenOf(link)}`);
  t.same(preview.json().organization.nameEn, company.nameEn);
  t.equal(preview.json().role, 'company_rep');

  const accepted = await stranger(app).post(`/api/invitations/by-token/${tokenOf(link)}/accept`, acceptBody);
  t.equal(accepted.statusCode, 200);
  t.equal(accepted.json().user.role, 'company_rep');
  t.equal(accepted.json().organization.id, company.id);
  const cookie = accepted.cookies.find((c) => c.name === 'rt_session')!;
  t.equal((await new Client(app, `rt_session=${cookie.value}`).get('/api/me')).json().user.displayName, 'Kaori Mori');

  const again = await stranger(app).post(`/api/invitations/by-token/${tokenOf(link)}/accept`, acceptBody);
  t.equal(again.statusCode, 404);
  t.equal(again.json().code, 'INVITATION_INVALID');
  t.equal((await signIn(app, 'mori@hanami-motors.example', 'a-long-password')).cookie !== null, true, 'can sign in with the chosen password');
});

t.test('invitation rules', async (t) => {
  const cases: [Client, object, number, string][] = [
    [official, { email: 'x1@example.org', role: 'organizer', organizationId: null }, 403, 'FORBIDDEN'],
    [organizer, { email: 'x2@example.org', role: 'official', organizationId: company.id }, 400, 'ROLE_ORGANIZATION_MISMATCH'],
    [organizer, { email: 'x3@example.org', role: 'company_rep', organizationId: null }, 400, 'ORGANIZATION_REQUIRED'],
    [organizer, { email: 'wang.li@tianjin-commerce.example', role: 'attendee', organizationId: null }, 409, 'EMAIL_TAKEN'],
    [organizer, { email: 'not-an-email', role: 'attendee', organizationId: null }, 400, 'VALIDATION_FAILED'],
  ];
  for (const [client, body, status, code] of cases) {
    const res = await client.post('/api/invitations', body);
    t.equal(res.statusCode, status, code);
    t.equal(res.json().code, code);
  }
  const ok = await official.post('/api/invitations', { email: 'colleague@tianjin-commerce.example', role: 'official', organizationId: government.id });
  t.equal(ok.statusCode, 201, 'officials invite colleagues to their own organization');
  const weak = await stranger(app).post(`/api/invitations/by-token/${tokenOf(ok.json().link)}/accept`, { ...acceptBody, password: 'short' });
  t.equal(weak.statusCode, 400);
  const zone = await stranger(app).post(`/api/invitations/by-token/${tokenOf(ok.json().link)}/accept`, { ...acceptBody, timeZone: 'Nowhere/Land' });
  t.equal(zone.json().code, 'INVALID_TIME_ZONE');
  t.equal((await stranger(app).get(`/api/invitations/by-token/${tokenOf(ok.json().link)}`)).statusCode, 200, 'failed attempts do not use the invitation up');

  t.equal((await official.delete(`/api/invitations/${ok.json().id}`)).statusCode, 200);
  t.equal((await stranger(app).get(`/api/invitations/by-token/${tokenOf(ok.json().link)}`)).statusCode, 404, 'revoked');
  const mine = (await official.get('/api/invitations')).json<{ invitedBy: string }[]>();
  const all = (await organizer.get('/api/invitations')).json<unknown[]>();
  t.ok(mine.length >= 2 && all.length >= mine.length);
});

t.test('deactivation ends every session at once; reactivation lets the user sign in again', async (t) => {
  const fuji = await signIn(app, 'fuji');
  const fujiBearer = (await stranger(app).post('/api/auth/tokens', { email: 'yamamoto@fuji-commerce.example', password: 'roundtable-demo' })).json().token;
  const users = (await organizer.get('/api/users')).json<{ id: string; email: string }[]>();
  const id = users.find((u) => u.email === 'yamamoto@fuji-commerce.example')!.id;

  t.equal((await official.post(`/api/users/${id}/deactivate`)).statusCode, 403, 'officials cannot deactivate');
  const res = await organizer.post(`/api/users/${id}/deactivate`);
  t.equal(res.statusCode, 200);
  t.ok(res.json().deactivatedAt);
  t.equal((await fuji.get('/api/me')).statusCode, 401, 'cookie session ended');
  t.equal((await app.inject({ url: '/api/me', headers: { authorization: `Bearer ${fujiBearer}` } })).statusCode, 401, 'bearer session ended');
  const denied = await stranger(app).post('/api/auth/sign-in', { email: 'yamamoto@fuji-commerce.example', password: 'roundtable-demo' });
  t.equal(denied.json().code, 'ACCOUNT_DEACTIVATED');

  t.equal((await organizer.post(`/api/users/${id}/reactivate`)).statusCode, 200);
  t.equal((await (await signIn(app, 'fuji')).get('/api/me')).statusCode, 200);

  const self = users.find((u) => u.email === 'organizer@jetro.example')!.id;
  t.equal((await organizer.post(`/api/users/${self}/deactivate`)).json().code, 'CANNOT_DEACTIVATE_SELF');
});

t.test('organizers change roles within the organization rules', async (t) => {
  const users = (await organizer.get('/api/users')).json<{ id: string; email: string }[]>();
  const id = users.find((u) => u.email === 'liu.yang@example.org')!.id;
  const bad = await organizer.patch(`/api/users/${id}/role`, { role: 'official', organizationId: company.id });
  t.equal(bad.json().code, 'ROLE_ORGANIZATION_MISMATCH');
  const ok = await organizer.patch(`/api/users/${id}/role`, { role: 'official', organizationId: government.id });
  t.equal(ok.json().role, 'official');
  const back = await organizer.patch(`/api/users/${id}/role`, { role: 'attendee', organizationId: null });
  t.equal(back.json().role, 'attendee');
});

t.test('organizations', async (t) => {
  const created = await organizer.post('/api/organizations', { kind: 'company', nameEn: 'Kumo Software', nameJa: '雲ソフトウェア', industry: 'Software' });
  t.equal(created.statusCode, 201);
  t.equal(created.json().nameZh, '');
  const gov = await organizer.post('/api/organizations', { kind: 'government', nameEn: 'Binhai New Area', industry: 'Ports' });
  t.equal(gov.json().code, 'INDUSTRY_ONLY_FOR_COMPANIES');
  const renamed = await organizer.patch(`/api/organizations/${created.json().id}`, { nameZh: '云软件' });
  t.equal(renamed.json().nameZh, '云软件');
  const kind = await organizer.patch(`/api/organizations/${created.json().id}`, { kind: 'government' });
  t.equal(kind.json().code, 'VALIDATION_FAILED', 'the kind is fixed');
});
