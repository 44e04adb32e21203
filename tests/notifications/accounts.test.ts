// Account mail through the outbox: invitations (e-mailed, listed, resent, revoked; a second one to an
// address replaces the first), changing a password (other sessions end) and resetting one by an
// e-mailed single-use, expiring link (the same answer whether the address exists; rate-limited).
import t from 'tap';
import { eq } from 'drizzle-orm';
import { passwordResets } from '../../src/db/schema/index.js';
import { Client, ORIGIN, signIn, testApp, testConfig, testDatabase } from '../helpers/app.js';
import { TestMailServer, until } from '../helpers/mail.js';

const smtp = new TestMailServer();
await smtp.start();
t.teardown(() => smtp.stop());

const database = await testDatabase(t);
const app = await testApp(t, database, {
  mail: { ...testConfig().mail, smtpUrl: smtp.url, outboxIntervalMs: 100, retryBaseSeconds: 1 },
});
const organizer = await signIn(app, 'organizer');
const anonymous = new Client(app);
const tokenOf = (link: string) => link.split('/').pop()!;

t.test('invitations: e-mailed with the link, a second one replaces the first, resend and revoke', async (t) => {
  const first = await organizer.post('/api/invitations', { email: 'New.Person@example.org', role: 'attendee', organizationId: null, language: 'ja' });
  t.equal(first.statusCode, 201, first.body);
  t.match(first.json().link, /#\/invite\//, 'the link is still shown to the inviter');
  await until(() => smtp.to('new.person@example.org').length === 1, 60_000, 'the invitation e-mail');
  const mail = smtp.to('new.person@example.org')[0]!;
  t.equal(mail.subject, 'Roundtable への招待', 'in the language chosen for the invitee');
  t.ok(mail.text.includes(first.json().link), 'the e-mail carries the link');
  t.notMatch(mail.rawHeaders, /List-Unsubscribe/, 'account mail has no unsubscribe link');

  const second = await organizer.post('/api/invitations', { email: 'new.person@example.org', role: 'attendee', organizationId: null });
  t.equal(second.statusCode, 201);
  t.equal(second.json().replaced, 1, 'the earlier invitation is replaced');
  const open = (await organizer.get('/api/invitations'))
    .json()
    .filter(
      (i: { email: string; acceptedAt: string | null; revokedAt: string | null }) => i.email === 'new.person@example.org' && !i.acceptedAt && !i.revokedAt,
    );
  t.equal(open.length, 1, 'one open invitation per address');
  t.equal((await anonymous.get(`/api/invitations/by-token/${tokenOf(first.json().link)}`)).json().code, 'INVITATION_INVALID', 'the first link no longer works');

  const resent = await organizer.post(`/api/invitations/${second.json().id}/resend`);
  t.equal(resent.statusCode, 200, resent.body);
  t.not(resent.json().link, second.json().link);
  t.equal((await anonymous.get(`/api/invitations/by-token/${tokenOf(second.json().link)}`)).statusCode, 404, 'the old link stops working');
  t.equal((await anonymous.get(`/api/invitations/by-token/${tokenOf(resent.json().link)}`)).statusCode, 200);
  await until(() => smtp.to('new.person@example.org').some((m) => m.text.includes(resent.json().link)), 60_000, 'the resent e-mail');
  t.equal(
    smtp.to('new.person@example.org').find((m) => m.text.includes(resent.json().link))!.subject,
    'Roundtable への招待',
    "no language chosen: the inviter's (Japanese)",
  );

  const attendee = await signIn(app, 'attendee1');
  t.equal((await attendee.post(`/api/invitations/${second.json().id}/resend`)).statusCode, 403);
  t.equal((await organizer.delete(`/api/invitations/${second.json().id}`)).statusCode, 200);
  t.equal((await anonymous.get(`/api/invitations/by-token/${tokenOf(resent.json().link)}`)).statusCode, 404, 'revoked');
  t.equal((await organizer.post(`/api/invitations/${second.json().id}/resend`)).json().code, 'INVITATION_NOT_FOUND');
});

t.test("an invitation's language holds for every e-mail of it, whoever resends it", async (t) => {
  t.equal((await organizer.get('/api/me')).json().user.language, 'ja', 'the inviter reads Japanese');
  const sent = await organizer.post('/api/invitations', { email: 'zh.person@example.org', role: 'attendee', organizationId: null, language: 'zh' });
  t.equal(sent.statusCode, 201, sent.body);
  t.equal(sent.json().language, 'zh');
  const resent = await organizer.post(`/api/invitations/${sent.json().id}/resend`);
  t.equal(resent.statusCode, 200, resent.body);
  await until(() => smtp.to('zh.person@example.org').some((m) => m.text.includes(resent.json().link)), 60_000, 'the resent e-mail');
  const mails = smtp.to('zh.person@example.org');
  t.ok(mails.length >= 1);
  t.ok(
    mails.every((m) => m.subject === '邀请您加入 Roundtable'),
    'in Chinese, the resent one too',
  );
  t.match(mails.at(-1)!.text, /参会者/, 'the role named in the invitation language');
});

t.test('change password: the current one is required; other sessions end, this one stays', async (t) => {
  const here = await signIn(app, 'attendee2');
  const there = await signIn(app, 'attendee2');
  const wrong = await here.post('/api/auth/password', { currentPassword: 'not-the-password', newPassword: 'a-new-password-1' });
  t.equal(wrong.statusCode, 403);
  t.equal(wrong.json().code, 'WRONG_PASSWORD');
  t.equal((await there.get('/api/me')).statusCode, 200, 'nothing changed');
  const short = await here.post('/api/auth/password', { currentPassword: 'x', newPassword: 'short' });
  t.equal(short.statusCode, 400);
  const { DEMO_PASSWORD } = await import('../../src/db/seed/identity.js');
  const ok = await here.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'a-new-password-1' });
  t.equal(ok.statusCode, 200, ok.body);
  t.equal((await here.get('/api/me')).statusCode, 200, 'this session stays');
  t.equal((await there.get('/api/me')).statusCode, 401, 'the other session ended');
  await signIn(app, 'attendee2', 'a-new-password-1');
  await t.rejects(signIn(app, 'attendee2'), 'the old password no longer works');
});

t.test('reset password: same answer for unknown addresses; single use; expiring; every session ends', async (t) => {
  const before = smtp.messages.length;
  const unknown = await anonymous.post('/api/auth/password-reset', { email: 'nobody@example.org' });
  const known = await anonymous.post('/api/auth/password-reset', { email: 'j.miller@example.org' });
  t.equal(unknown.statusCode, 202);
  t.equal(known.statusCode, 202);
  t.equal(unknown.body, known.body, 'the same answer whether the address exists');
  t.equal(unknown.headers['content-type'], known.headers['content-type']);
  t.equal(unknown.headers['content-length'], known.headers['content-length']);
  const session = await signIn(app, 'attendee3');
  await until(() => smtp.to('j.miller@example.org').some((m) => m.subject === 'Reset your Roundtable password'), 60_000, 'the reset e-mail');
  t.notOk(
    smtp.messages.slice(before).some((m) => m.to === 'nobody@example.org'),
    'nothing to an unknown address',
  );
  const mail = smtp.to('j.miller@example.org').find((m) => m.subject === 'Reset your Roundtable password')!;
  t.match(mail.text, /until \d+ \w+ \d{4}, \d\d:\d\d Eastern Time\./, 'expiry in the reader zone, named');
  const token = /#\/reset-password\/([\w-]+)/.exec(mail.text)![1]!;

  t.equal((await anonymous.post(`/api/auth/password-reset/${token}`, { password: 'short' })).statusCode, 400);
  const ok = await anonymous.post(`/api/auth/password-reset/${token}`, { password: 'reset-password-123' });
  t.equal(ok.statusCode, 200, ok.body);
  t.equal((await session.get('/api/me')).statusCode, 401, 'every session ended');
  await signIn(app, 'attendee3', 'reset-password-123');
  const again = await anonymous.post(`/api/auth/password-reset/${token}`, { password: 'another-password-123' });
  t.equal(again.statusCode, 400);
  t.equal(again.json().code, 'RESET_LINK_INVALID', 'single use');

  await anonymous.post('/api/auth/password-reset', { email: 'j.miller@example.org' });
  await until(
    () => smtp.to('j.miller@example.org').filter((m) => m.subject === 'Reset your Roundtable password').length === 2,
    60_000,
    'a second reset e-mail',
  );
  const second = smtp.to('j.miller@example.org').filter((m) => m.subject === 'Reset your Roundtable password')[1]!;
  const token2 = /#\/reset-password\/([\w-]+)/.exec(second.text)![1]!;
  const { hashToken } = await import('../../src/lib/tokens.js');
  await database.db
    .update(passwordResets)
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where(eq(passwordResets.tokenHash, hashToken(token2)));
  const expired = await anonymous.post(`/api/auth/password-reset/${token2}`, { password: 'expired-password-123' });
  t.equal(expired.json().code, 'RESET_LINK_INVALID', 'expired');
  t.equal((await anonymous.post('/api/auth/password-reset/not-a-real-token-at-all-xx', { password: 'whatever-123456' })).json().code, 'RESET_LINK_INVALID');
});

t.test('reset requests are rate-limited per address like sign-in', async (t) => {
  const limited = await testApp(t, database, { signInRateLimit: 2, signInAddressRateLimit: 2 });
  // Throttle counters live in the database (shared by every app of this file): an address of its own.
  const reset = () =>
    limited.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      remoteAddress: '198.51.100.9',
      headers: { origin: ORIGIN },
      payload: { email: 'nobody@example.org' },
    });
  const codes: number[] = [];
  for (let i = 0; i < 3; i++) codes.push((await reset()).statusCode);
  t.same(codes, [202, 202, 429]);
});
