// In real Chromium: an attendee sees the notifications badge in the header change live (user:<id> on
// the shared socket, no reload) when an official reschedules a round-table they registered for, opens
// the notice, and lands on the round-table.
import t from 'tap';
import { demoEmail, signIn, testDatabase } from '../helpers/app.js';
import { launchBrowser, listeningApp } from '../helpers/browser.js';
import { DEMO_PASSWORD } from '../../src/db/seed/identity.js';

const database = await testDatabase(t);
const { app, base } = await listeningApp(t, database);
const browser = await launchBrowser(t);

t.test('the badge changes live on a reschedule; the notice leads to the round-table', async (t) => {
  const official = await signIn(app, 'official1');
  const attendee = await signIn(app, 'attendee3');
  const created = await official.post('/api/round-tables', {
    titleEn: 'Browser notice round-table',
    start: '2028-05-10T14:00',
    end: '2028-05-10T16:00',
    capacity: 10,
    venueName: 'Notice hall',
    venueCityEn: 'Tianjin',
    venueCityJa: '天津',
    venueCityZh: '天津',
  });
  t.equal(created.statusCode, 201, created.statusCode === 201 ? 'created' : created.body);
  const rt = created.json<{ id: string }>();
  t.equal((await official.post(`/api/round-tables/${rt.id}/publish`)).statusCode, 200);
  t.equal((await attendee.post(`/api/round-tables/${rt.id}/registration`)).statusCode, 201);
  await attendee.post('/api/feed/read', {});

  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'America/New_York' });
  const page = await context.newPage();
  await page.goto(`${base}/#/`);
  await page.getByLabel('Email').fill(demoEmail('attendee3'));
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('person').waitFor();
  await page.getByLabel(/^(Language|言語|语言)$/).selectOption('en');
  await page.getByRole('link', { name: /Notifications/ }).waitFor();
  t.equal(await page.getByTestId('notify-badge').count(), 0, 'nothing unread yet');
  // The socket follows user:<id> before the change happens.
  await new Promise((r) => setTimeout(r, 1500));

  const res = await official.post(`/api/round-tables/${rt.id}/reschedule`, { start: '2028-05-11T09:00', end: '2028-05-11T11:00', reason: 'Venue change' });
  t.equal(res.statusCode, 200, res.statusCode === 200 ? 'rescheduled' : res.body);
  const badge = page.getByTestId('notify-badge');
  await badge.waitFor({ timeout: 30_000 });
  t.equal((await badge.textContent())?.trim(), '1', 'the badge counts the new notice, without a reload');

  await page.getByRole('link', { name: /Notifications/ }).click();
  const notice = page.getByTestId('notice').filter({ hasText: 'Browser notice round-table' }).first();
  await notice.waitFor();
  t.match(await notice.textContent(), /was rescheduled/);
  const text = (await notice.textContent()) ?? '';
  t.match(text, /09:00 Tianjin time/, "the venue time first, labelled with the venue's city");
  t.match(text, /Wed, 10 May 2028, 21:00 Eastern Time/, "then the reader's own, with its date");
  await notice.getByRole('link').first().click();
  await page.waitForURL(`${base}/#/round-tables/${rt.id}`);
  await page.getByRole('heading', { name: /Browser notice round-table/ }).waitFor();
  t.equal(await page.getByTestId('notify-badge').count(), 0, 'opening it marked it read');
  await context.close();
});
