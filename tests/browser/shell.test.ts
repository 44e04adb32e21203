// The web shell in real Chromium: sign in as a company representative, switch to Japanese, sign out.
import t from 'tap';
import { demoEmail, testDatabase } from '../helpers/app.js';
import { launchBrowser, listeningApp } from '../helpers/browser.js';
import { DEMO_PASSWORD } from '../../src/db/seed/identity.js';

const database = await testDatabase(t);
const { base } = await listeningApp(t, database);
const browser = await launchBrowser(t);

t.test('a company representative signs in, switches to Japanese and signs out', async (t) => {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  const cspViolations: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
  });
  await page.goto(base);

  await page.getByLabel('Email').fill(demoEmail('hanami'));
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();

  const person = page.getByTestId('person');
  await person.waitFor();
  t.match(await person.textContent(), /Hiroshi Tanaka/);
  // The demo user prefers Japanese; the shell follows the account's language after sign-in.
  await page.getByLabel(/^(Language|言語|语言)$/).selectOption('en');
  t.match(await person.textContent(), /Hanami Motors \(Tianjin\) Co\., Ltd\./);
  t.match(await person.textContent(), /Company representative/);
  t.match(await page.getByTestId('clock').textContent(), /China Standard Time/, 'times are labelled with their zone, by name');
  t.equal(await page.getByTestId('clock').getAttribute('title'), 'Asia/Shanghai', 'the IANA zone as a detail');

  await page.getByLabel('Language').selectOption('ja');
  await page.getByRole('button', { name: 'ログアウト' }).waitFor();
  t.match(await person.textContent(), /花見自動車（天津）有限公司/, 'organization name in Japanese');
  t.match(await person.textContent(), /企業代表/, 'role in Japanese');
  t.ok(await page.getByRole('link', { name: '円卓会議', exact: true }).isVisible(), 'navigation in Japanese');

  await page.getByRole('button', { name: 'ログアウト' }).click();
  await page.getByRole('button', { name: 'ログイン' }).waitFor();
  t.equal(await person.count(), 0, 'signed out');
  const me = await page.evaluate(() => fetch('/api/me').then((r) => r.status));
  t.equal(me, 401, 'the session is gone on the server too');
  t.same(cspViolations, [], 'the page runs under the Content-Security-Policy');
  await context.close();
});

t.test('an organizer invites an attendee, who accepts the link and is signed in', async (t) => {
  const organizerContext = await browser.newContext({ locale: 'en-US' });
  const page = await organizerContext.newPage();
  await page.goto(base);
  await page.getByLabel('Email').fill(demoEmail('organizer'));
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('person').waitFor();
  await page.getByLabel(/^(Language|言語|语言)$/).selectOption('en');
  await page.getByRole('link', { name: 'People' }).click();
  await page.getByRole('heading', { name: 'Invite someone' }).waitFor();
  await page.getByLabel('Email').fill('new.attendee@example.org');
  await page.getByLabel('Role').selectOption('attendee');
  await page.getByRole('button', { name: 'Create invitation' }).click();
  const link = (await page.getByTestId('invite-link').locator('code').textContent())!;
  t.match(link, `${base}/#/invite/`);
  await organizerContext.close();

  const inviteeContext = await browser.newContext({ locale: 'en-US', timezoneId: 'Europe/Berlin' });
  const invitee = await inviteeContext.newPage();
  await invitee.goto(link);
  await invitee.getByText('Invitation for new.attendee@example.org as Attendee').waitFor();
  await invitee.getByLabel('Display name').fill('Nora Weber');
  await invitee.getByLabel(/Choose a password/).fill('a-long-password');
  t.equal(await invitee.getByLabel('Time zone').inputValue(), 'Europe/Berlin', "defaults to the browser's zone");
  await invitee.getByRole('button', { name: 'Create my account' }).click();
  await invitee.getByTestId('person').waitFor();
  t.match(await invitee.getByTestId('person').textContent(), /Nora Weber.*Attendee/);
  await inviteeContext.close();
});

t.test('a visitor browses public issues and round-tables without signing in', async (t) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  // A visitor's page loads log no error (no 401 from asking who is signed in, no failed script).
  const consoleErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(err.message));
  await page.goto(base);
  await page.getByRole('link', { name: 'Issues' }).first().click();
  const list = page.getByTestId('issue-list');
  await list.waitFor();
  const rows = await list.locator('tbody tr').count();
  t.ok(rows > 0, 'public issues are listed');
  await list.locator('tbody a').first().click();
  await page.getByTestId('issue-title').waitFor();
  t.ok((await page.getByTestId('issue-title').textContent())!.length > 0, 'an issue page opens');
  await page.getByRole('link', { name: 'Round-tables' }).first().click();
  await page.getByRole('heading', { name: 'Round-tables' }).first().waitFor();
  t.equal(await page.getByTestId('person').count(), 0, 'still a visitor');
  t.same(consoleErrors, [], 'no console errors on the signed-out pages');
  await context.close();
});
