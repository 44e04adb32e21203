// In real Chromium: an official creates a round-table, builds its agenda by adding and moving slots,
// sees the fit, publishes it; an attendee in Tokyo registers and reads the agenda with the venue time
// and their own time side by side.
import t from 'tap';
import type { Page } from 'playwright-core';
import { demoEmail, testDatabase } from '../helpers/app.js';
import { launchBrowser, listeningApp } from '../helpers/browser.js';
import { DEMO_PASSWORD } from '../../src/db/seed/identity.js';

const database = await testDatabase(t);
const { base } = await listeningApp(t, database);
const browser = await launchBrowser(t);

async function signInAs(page: Page, key: string) {
  await page.goto(`${base}/#/`);
  await page.getByLabel('Email').fill(demoEmail(key));
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('person').waitFor();
  await page.getByLabel(/^(Language|言語|语言)$/).selectOption('en');
}

let roundTableUrl = '';
let pickedIssue = '';

t.test('an official creates a round-table, builds and publishes its agenda', async (t) => {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const cspViolations: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
  });
  await signInAs(page, 'official1');
  await page.goto(`${base}/#/round-tables`);
  await page.getByRole('button', { name: 'New round-table' }).click();
  const form = page.getByTestId('create-round-table');
  await form.getByLabel('Title (English)').fill('Browser round-table on customs');
  await form.getByLabel('Start (venue time)').fill('2027-03-10T14:00');
  await form.getByLabel('End (venue time)').fill('2027-03-10T15:00');
  await form.getByLabel('Capacity', { exact: true }).fill('20');
  await form.getByLabel('Venue', { exact: true }).fill('Tianjin Customs Hall');
  await form.getByLabel('Venue city (English)').fill('Tianjin');
  await form.getByLabel('Venue city (Japanese)').fill('天津');
  await form.getByLabel('Venue city (Chinese)').fill('天津');
  await form.getByRole('button', { name: 'Create draft' }).click();
  await page.getByRole('heading', { name: /Browser round-table on customs/ }).waitFor();
  roundTableUrl = page.url();
  await page.getByRole('button', { name: 'Publish round-table' }).click();
  await page.getByRole('heading', { name: /Scheduled/ }).waitFor();

  const builder = page.getByTestId('agenda-builder');
  const add = async (kind: string, title: string, minutes: number) => {
    await builder.getByLabel('Kind of slot').selectOption(kind);
    await builder.getByRole('button', { name: 'Add', exact: true }).click();
    const n = await builder.getByTestId('builder-item').count();
    const label = (await builder
      .getByTestId('builder-item')
      .nth(n - 1)
      .locator('strong')
      .first()
      .textContent())!;
    await builder.getByLabel(`Title (English) ${label}`).fill(title);
    await builder.getByLabel(`Planned minutes ${label}`).fill(String(minutes));
  };
  await add('presentation', 'Customs data', 30);
  await add('opening', 'Welcome', 10);
  await add('closing', 'Wrap-up', 30);
  t.match(await builder.getByTestId('fit').textContent(), /70 of 60 minutes planned · 10 minutes over/, 'the fit shows by how much it is over');
  await builder.getByLabel('Planned minutes Closing 3').fill('15');
  t.match(await builder.getByTestId('fit').textContent(), /55 of 60 minutes planned/);
  // The opening belongs first: move it up.
  await builder.getByRole('button', { name: 'Move up Opening 2' }).click();
  t.equal(await builder.getByLabel('Title (English) Opening 1').inputValue(), 'Welcome');
  await builder.getByLabel('Internal notes (officials only) Presentation 2').fill('Bring the port statistics');
  // An issue slot with an accepted demo issue picked from the list, moved before the closing.
  await add('issue', 'Company issues', 5);
  const picker = builder.getByLabel('Add an accepted issue Issue 4');
  const option = picker.locator('option:not([value=""])').first();
  const issueTitle = (await option.textContent())!;
  await picker.selectOption(await option.getAttribute('value'));
  await builder.getByRole('button', { name: 'Move up Issue 4' }).click();
  t.match(await builder.getByTestId('fit').textContent(), /60 of 60 minutes planned/);
  await builder.getByRole('button', { name: 'Save draft' }).click();
  await builder.getByText('Draft saved.').waitFor();
  t.match(await builder.textContent(), /14:10 Tianjin time/, 'start times computed in the venue zone, labelled with its city');
  await builder.getByRole('button', { name: 'Publish agenda' }).click();
  await builder.getByText('Published as release 1.').waitFor();
  const published = page.getByTestId('published-agenda');
  await published.getByText('Customs data').waitFor();
  t.match(await published.textContent(), issueTitle, 'the picked issue is on the published agenda');
  pickedIssue = issueTitle;
  t.notMatch(await published.textContent(), /port statistics/, 'internal notes stay in the console');
  t.match(await page.getByTestId('changelog').textContent(), /Added: Welcome/);

  // The agenda links to its issues, and the issue back to the round-table and its slot, with the slot's time.
  await published.getByRole('link', { name: issueTitle }).click();
  const placement = page.getByTestId('issue-placement');
  await placement.getByTestId('issue-slot').waitFor();
  t.match(
    await placement.textContent(),
    /On the agenda of Browser round-table on customs · Company issues .*14:40 Tianjin time/,
    'round-table title, slot and time',
  );
  await placement.getByTestId('issue-slot').click();
  await page.locator('[data-testid="agenda-slot"][aria-current="location"]').getByText('Company issues').waitFor();
  t.pass('the slot link leads to the slot on the round-table page');
  t.same(cspViolations, []);
  await context.close();
});

t.test('an attendee in Tokyo registers and sees the agenda in both times', async (t) => {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  await signInAs(page, 'attendee2');
  await page.goto(roundTableUrl);
  await page.getByRole('button', { name: 'Register' }).click();
  t.equal(await page.getByTestId('my-registration').textContent(), 'Registered');
  t.match(await page.getByTestId('seats').textContent(), /1 of 20 seats taken/);
  const times = await page.getByTestId('round-table-times').textContent();
  t.match(times, /^Wed, 10 Mar 2027, 14:00–15:00 Tianjin time · 15:00–16:00 Japan Standard Time$/, 'venue time (its city) then the viewer time, the date once');
  t.equal(await page.getByTestId('round-table-times').getAttribute('title'), 'Time zone: Asia/Shanghai', 'the IANA zone is a detail');
  const slots = page.getByTestId('agenda-slot');
  t.equal(await slots.count(), 4);
  t.match(await slots.nth(2).textContent(), pickedIssue, 'the issue slot shows the issue');
  t.match(await slots.nth(0).textContent(), /14:00 Tianjin time · 15:00 Japan Standard Time.*Welcome/);
  t.match(await slots.nth(1).textContent(), /14:10 Tianjin time · 15:10 Japan Standard Time.*Customs data/);
  t.notMatch(await page.textContent('main'), /port statistics/);
  t.equal(await page.getByTestId('agenda-builder').count(), 0, 'no console for attendees');
  const ics = await page.getByRole('link', { name: 'Add to calendar (.ics)' }).getAttribute('href');
  t.match(ics, /\/calendar\.ics\?lang=en$/);

  await page.goto(`${base}/#/my-round-tables`);
  await page.getByTestId('round-table-list').getByText('Browser round-table on customs').waitFor();
  await page.getByRole('button', { name: 'Create my calendar link' }).click();
  t.match(await page.getByTestId('feed-url').textContent(), /\/api\/calendar\/[\w-]+\.ics$/);

  // An attendee (neither an official nor the author company) also finds the round-table from the issue,
  // once the released agenda lists it.
  await page.goto(roundTableUrl);
  await page.getByTestId('agenda-slot').nth(2).getByRole('link', { name: pickedIssue }).click();
  const placement = page.getByTestId('issue-placement');
  await placement.getByTestId('issue-slot').waitFor();
  t.match(await placement.textContent(), /On the agenda of Browser round-table on customs · Company issues/, 'the round-table and slot, for an attendee too');
  await context.close();
});

t.test('a viewer in New York across a daylight-saving change: the venue time stays, their time shifts', async (t) => {
  // Tianjin has no daylight saving; New York moves to EDT on 14 March 2027.
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'America/New_York' });
  const page = await context.newPage();
  const official = await browser.newContext();
  const api = official.request;
  await api.post(`${base}/api/auth/sign-in`, { data: { email: demoEmail('official2'), password: DEMO_PASSWORD }, headers: { origin: base } });
  const after = await (
    await api.post(`${base}/api/round-tables`, {
      data: { titleEn: 'After the change', start: '2027-03-17T14:00', end: '2027-03-17T15:00', capacity: 5, venueName: 'DST hall' },
      headers: { origin: base },
    })
  ).json();
  await api.post(`${base}/api/round-tables/${after.id}/publish`, { data: {}, headers: { origin: base } });
  await official.close();

  await signInAs(page, 'attendee3');
  await page.goto(roundTableUrl);
  await page.getByRole('heading', { name: /Browser round-table on customs/ }).waitFor();
  t.match(await page.getByTestId('round-table-times').textContent(), /14:00–15:00 Tianjin time · 01:00–02:00 Eastern Time/, 'before: 13 hours apart');
  await page.goto(`${base}/#/round-tables/${after.id}`);
  await page.getByRole('heading', { name: /After the change/ }).waitFor();
  t.match(await page.getByTestId('round-table-times').textContent(), /14:00–15:00 China Standard Time · 02:00–03:00 Eastern Time/, 'after: 12 hours apart');
  await context.close();
});
