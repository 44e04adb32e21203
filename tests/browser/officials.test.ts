// Officials and organizers run the process from the web client (issue 12), in real Chromium on a
// desktop and on a 390 px phone: an organizer onboards a company and invites its representative,
// who signs in and submits an issue; an official creates a round-table with every setting through
// the form (checked field by field through the API); refusals appear next to their field; and no
// element of the main pages overflows a 390 px viewport (measured, no screenshots).
import t from 'tap';
import type { Browser, Page } from 'playwright-core';
import { demoEmail, signIn, testDatabase } from '../helpers/app.js';
import { launchBrowser, listeningApp } from '../helpers/browser.js';
import { DEMO_PASSWORD } from '../../src/db/seed/identity.js';

const database = await testDatabase(t);
const { app, base } = await listeningApp(t, database);
const browser: Browser = await launchBrowser(t);
const PHONE = { width: 390, height: 844 };

async function signInAs(page: Page, key: string) {
  await page.goto(base);
  await page.getByLabel('Email').fill(demoEmail(key));
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('person').waitFor();
  await page.getByLabel(/^(Language|言語|语言)$/).selectOption('en');
}

t.test('an organizer onboards a company and invites its representative, who submits an issue', async (t) => {
  const orgContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  const page = await orgContext.newPage();
  const errors: string[] = [];
  await signInAs(page, 'organizer');
  page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
  await page.getByRole('link', { name: 'Organizations' }).click();
  const form = page.getByTestId('org-create');
  await form.getByLabel('Kind').selectOption('company');
  await form.getByLabel('Name (English)').fill('Kiku Logistics (Tianjin) Co., Ltd.');
  await form.getByLabel('Name (Japanese)').fill('菊物流（天津）有限公司');
  await form.getByLabel('Name (Chinese)').fill('菊物流（天津）有限公司');
  await form.getByLabel('Industry').fill('Logistics');
  // A double click creates one organization, not two.
  await form.getByRole('button', { name: 'Add organization' }).dblclick();
  await page.getByTestId('org-created').waitFor();
  await page.getByTestId('org-list').getByText('Kiku Logistics (Tianjin) Co., Ltd.', { exact: true }).waitFor();
  t.equal(await page.getByTestId('org-list').getByText('Kiku Logistics (Tianjin) Co., Ltd.', { exact: true }).count(), 1, 'one organization');
  // The kind filter that matches nothing says so, distinct from an empty list.
  await page.getByLabel('Search by name or industry').fill('no such organization anywhere');
  await page.getByTestId('state-no-results').waitFor();
  await page.getByLabel('Search by name or industry').fill('');

  await page.getByTestId('org-created').getByRole('link', { name: 'Invite its representative' }).click();
  await page.getByRole('heading', { name: 'Invite someone' }).waitFor();
  await page.getByLabel('Email').fill('rep@kiku.example');
  await page.getByLabel('Role').first().selectOption('company_rep');
  await page.getByLabel('Organization').first().selectOption({ label: 'Kiku Logistics (Tianjin) Co., Ltd.' });
  await page.getByRole('button', { name: 'Create invitation' }).click();
  const link = (await page.getByTestId('invite-link').locator('code').textContent())!;
  t.same(errors, [], `no console errors for the organizer: ${errors.join(' | ')}`);
  await orgContext.close();

  const repContext = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Tokyo' });
  const rep = await repContext.newPage();
  await rep.goto(link);
  await rep.getByLabel('Display name').fill('Kenji Mori');
  await rep.getByLabel(/Choose a password/).fill('a-long-password');
  await rep.getByRole('button', { name: 'Create my account' }).click();
  await rep.getByTestId('person').waitFor();
  t.match(await rep.getByTestId('person').textContent(), /Kenji Mori.*Kiku Logistics/);
  await rep.goto(`${base}/#/issues/new`);
  await rep.getByLabel('Title').fill('Bonded warehouse permits take months for new logistics firms');
  await rep.getByLabel('Description').fill('A new logistics company waits four months for a bonded warehouse permit in Tianjin.');
  await rep.getByRole('button', { name: 'Submit', exact: true }).click();
  await rep.getByTestId('issue-state').getByText('Submitted').waitFor();
  t.pass('the new company submitted its first issue');
  await repContext.close();
});

t.test('the People page lists invitations by state; resend, and revoke after a confirmation (390 px, Japanese refusal)', async (t) => {
  const context = await browser.newContext({ locale: 'en-US', viewport: PHONE });
  const page = await context.newPage();
  await signInAs(page, 'organizer');
  await page.goto(`${base}/#/people`);
  const invitations = page.getByTestId('invitations');
  const row = (email: string) => invitations.getByTestId('invitation').filter({ hasText: email });
  // The representative who accepted in the first test.
  await row('rep@kiku.example').getByTestId('invitation-state').getByText('Accepted').waitFor();
  t.equal(await row('rep@kiku.example').getByRole('button', { name: 'Send again' }).count(), 0, 'an accepted invitation cannot be sent again');

  const form = page.getByTestId('invite-form');
  // Refusals next to their field: the client's (no organization for a company role) and the server's, in Japanese.
  await form.getByLabel('Email').fill('second@kiku.example');
  await form.getByLabel('Role').selectOption('company_rep');
  await form.getByRole('button', { name: 'Create invitation' }).click();
  await page.locator('#invite-organizationId-error').getByText('The role Company representative needs an organization.').waitFor();
  await form.getByLabel('Organization').selectOption({ label: 'Kiku Logistics (Tianjin) Co., Ltd.' });
  await page.getByLabel(/^(Language|言語|语言)$/).selectOption('ja');
  await form.getByLabel('メールアドレス').fill(demoEmail('hanami'));
  await form.getByRole('button', { name: '招待を作成' }).click();
  t.match(await page.locator('#invite-email-error').textContent(), /すでにアカウントを持っています/, 'the server refusal, in Japanese, next to the address');
  await page.getByLabel(/^(Language|言語|语言)$/).selectOption('en');

  // A double click invites once.
  await form.getByLabel('Email').fill('second@kiku.example');
  await form.getByRole('button', { name: 'Create invitation' }).dblclick();
  await page.getByTestId('invite-link').waitFor();
  await row('second@kiku.example').getByTestId('invitation-state').getByText('Pending').waitFor();
  t.equal(await row('second@kiku.example').count(), 1, 'one invitation for a double click');
  const first = (await page.getByTestId('invite-link').locator('code').textContent())!;

  await row('second@kiku.example').getByRole('button', { name: 'Send again' }).click();
  const again = (await row('second@kiku.example').getByTestId('resent-link').locator('code').textContent())!;
  t.not(again, first, 'a fresh link');

  await row('second@kiku.example').getByRole('button', { name: 'Revoke' }).click();
  const dialog = page.locator('dialog[open]');
  await dialog.getByText('Revoke the invitation to second@kiku.example? The link stops working.').waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  t.ok(await row('second@kiku.example').getByText('Pending').isVisible(), 'cancel keeps it pending');
  await row('second@kiku.example').getByRole('button', { name: 'Revoke' }).click();
  await dialog.getByRole('button', { name: 'Revoke' }).click();
  await row('second@kiku.example').getByTestId('invitation-state').getByText('Revoked').waitFor();

  // The filter by state, and a filter with no match says so.
  await page.getByTestId('invitation-filter').selectOption('revoked');
  t.equal(await row('rep@kiku.example').count(), 0, 'the accepted one is filtered out');
  t.equal(await row('second@kiku.example').count(), 1, 'the revoked one is listed');
  await page.getByTestId('invitation-filter').selectOption('expired');
  await invitations.getByTestId('state-no-results').waitFor();
  const link = await context.newPage();
  await link.goto(again);
  await link.getByText('This invitation link is unknown, used, revoked or expired.').waitFor();
  t.pass('the revoked link no longer works');
  await context.close();
});

t.test("an organizer changes a user's role and deactivates them after a keyboard-accessible confirmation", async (t) => {
  const context = await browser.newContext({ locale: 'en-US', viewport: PHONE });
  const page = await context.newPage();
  await signInAs(page, 'organizer');
  await page.goto(`${base}/#/people`);
  const row = page.locator('tr', { hasText: 'rep@kiku.example' });
  await row.getByTestId('change-role').click();
  const editor = row.getByTestId('role-edit');
  await editor.getByLabel('Role').selectOption('attendee');
  await editor.getByLabel('Organization').selectOption('');
  await editor.getByRole('button', { name: 'Save role' }).click();
  await row.getByText('Attendee', { exact: true }).waitFor();
  t.pass('the role changed');

  await row.getByRole('button', { name: 'Deactivate' }).click();
  const dialog = page.locator('dialog[open]');
  await dialog.getByText('Deactivate Kenji Mori? They are signed out everywhere at once and cannot sign in.').waitFor();
  t.ok(await dialog.getByText('You can reactivate the account later from this list.').isVisible(), 'says how to undo');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' }).catch(() => dialog.waitFor({ state: 'hidden' }));
  t.ok(await row.getByRole('button', { name: 'Deactivate' }).isVisible(), 'Escape cancels: still active');
  await row.getByRole('button', { name: 'Deactivate' }).click();
  // Focus starts on "Cancel"; Tab reaches the confirming button and Enter presses it.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await row.getByRole('button', { name: 'Reactivate' }).waitFor();
  t.pass('deactivated after confirming with the keyboard');
  await context.close();
});

t.test('a page whose data fails to load says so and offers a retry that works', async (t) => {
  const official = await signIn(app, 'official1');
  const rt = (await official.get('/api/round-tables')).json<{ id: string }[]>()[0]!;
  const issue = (await official.get('/api/issues/queue?limit=1')).json<{ items: { id: string }[] }>().items[0]!;
  const context = await browser.newContext({ locale: 'en-US', viewport: PHONE });
  const page = await context.newPage();
  await signInAs(page, 'official1');
  // The network drops the page's own request once (the server is fine): the error, then the retry.
  for (const [path, url, ready] of [
    [`/round-tables/${rt.id}`, `**/api/round-tables/${rt.id}`, page.getByTestId('published-agenda')],
    [`/issues/${issue.id}`, `**/api/issues/${issue.id}`, page.getByTestId('issue-title')],
  ] as const) {
    await page.route(url, (route) => route.abort('connectionreset'), { times: 1 });
    await page.goto(`${base}/#${path}`);
    const failed = page.getByTestId('state-error').first();
    await failed.waitFor();
    t.equal(await page.getByTestId('state-loading').count(), 0, `${path}: no Loading… next to the error`);
    await failed.getByRole('button', { name: 'Try again' }).click();
    await ready.waitFor();
    t.equal(await page.getByTestId('state-error').count(), 0, `${path}: the retry loads the page`);
  }
  await context.close();
});

const pick = (page: Page, id: string) => page.locator(`#${id}`);

t.test('an official creates a round-table with every setting through the form (390 px)', async (t) => {
  const context = await browser.newContext({ locale: 'en-US', viewport: PHONE, timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await signInAs(page, 'official1');
  await page.goto(`${base}/#/round-tables`);
  await page.getByTestId('open-create-round-table').click();
  const form = page.getByTestId('create-round-table');
  await pick(page, 'rt-titleEn').fill('Cold-chain logistics round-table');
  await pick(page, 'rt-titleJa').fill('コールドチェーン物流円卓会議');
  await pick(page, 'rt-titleZh').fill('冷链物流圆桌会议');
  await pick(page, 'rt-descriptionEn').fill('Permits and inspections for cold-chain warehouses.');
  await pick(page, 'rt-theme').selectOption('business_environment');
  const chairs = await pick(page, 'rt-chairId').locator('option').allTextContents();
  t.ok(chairs.length >= 2, `the host's officials to pick from: ${chairs.join(', ')}`);
  await pick(page, 'rt-chairId').selectOption({ index: 1 });
  const chairName = (await pick(page, 'rt-chairId').locator('option:checked').textContent())!;
  // The zone is searched and picked from the list; a zone that is not one is refused on the spot.
  await pick(page, 'rt-timeZone').fill('Mars/Olympus');
  await form.getByText('Choose a time zone from the list.').first().waitFor();
  await pick(page, 'rt-timeZone').fill('asia/tokyo');
  await pick(page, 'rt-start').fill('2029-03-01T10:00');
  await pick(page, 'rt-end').fill('2029-03-01T09:00');
  await pick(page, 'rt-venueName').fill('Tianjin Port Authority');
  await pick(page, 'rt-venueRoom').fill('Room 5');
  await pick(page, 'rt-venueAddress').fill('1 Haibin Road, Binhai');
  await pick(page, 'rt-onlineUrl').fill('https://meet.example/cold-chain');
  await pick(page, 'rt-capacity').fill('24');
  await pick(page, 'rt-seatsPerCompany').fill('3');
  await pick(page, 'rt-audience').selectOption('registered');
  await pick(page, 'rt-pledgeDays').fill('60');
  await pick(page, 'rt-proposalDeadline').fill('2029-02-15T18:00');
  await pick(page, 'rt-requiresApproval').check();
  // Client validation says what the server would, next to the field.
  await page.getByTestId('rt-submit').click();
  const endError = page.locator('#rt-end-error');
  await endError.waitFor();
  t.match(await endError.textContent(), /must end after it starts/);
  await pick(page, 'rt-end').fill('2029-03-02T12:00');
  await page.getByTestId('rt-submit').click();
  t.match(await endError.textContent(), /at most a day/);
  await pick(page, 'rt-end').fill('2029-03-01T12:30');
  await page.getByTestId('rt-submit').dblclick();
  await page.getByRole('heading', { name: 'Cold-chain logistics round-table' }).waitFor();
  const id = page.url().split('/round-tables/')[1]!;

  const official = await signIn(app, 'official1');
  const rt = (await official.get(`/api/round-tables/${id}`)).json();
  t.match(rt, {
    titleEn: 'Cold-chain logistics round-table',
    titleJa: 'コールドチェーン物流円卓会議',
    titleZh: '冷链物流圆桌会议',
    descriptionEn: 'Permits and inspections for cold-chain warehouses.',
    theme: 'business_environment',
    chairName,
    timeZone: 'Asia/Tokyo',
    localStart: '2029-03-01T10:00',
    localEnd: '2029-03-01T12:30',
    venueName: 'Tianjin Port Authority',
    venueRoom: 'Room 5',
    venueAddress: '1 Haibin Road, Binhai',
    onlineUrl: 'https://meet.example/cold-chain',
    capacity: 24,
    seatsPerCompany: 3,
    audience: 'registered',
    pledgeDays: 60,
    requiresApproval: true,
    proposalDeadline: '2029-02-15T09:00:00.000Z',
  });
  const all = (await official.get('/api/round-tables')).json<{ titleEn: string }[]>();
  t.equal(all.filter((r) => r.titleEn === 'Cold-chain logistics round-table').length, 1, 'a double click created one round-table');

  // A server refusal shows next to its field, in the reader's language.
  await pick(page, 'rt-start').fill('2020-03-01T10:00');
  await pick(page, 'rt-end').fill('2020-03-01T11:00');
  await page.getByTestId('rt-submit').click();
  await page.locator('#rt-start-error').getByText('A round-table cannot start in the past.').waitFor();
  t.pass('refusal next to the start');
  await context.close();
});

/** Elements whose box reaches past the viewport's right edge (not inside a horizontal scroller),
 * as a script for the page (the tests are type-checked without the DOM library). */
const OVERFLOWING = `(() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  const scrolls = (el) => {
    for (let e = el.parentElement; e; e = e.parentElement) {
      const o = getComputedStyle(e).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
    }
    return false;
  };
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right > width + 1 && !scrolls(el)) {
      out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + '.' + (el.getAttribute('class') || '').replace(/ /g, '.') + ' "' + (el.textContent || '').slice(0, 30) + '" right=' + Math.round(r.right));
    }
  }
  if (document.documentElement.scrollWidth > width + 1) out.push('document scrollWidth=' + document.documentElement.scrollWidth);
  return out.slice(0, 8);
})()`;
const overflowing = (page: Page) => page.evaluate<string[]>(OVERFLOWING);

t.test('no element overflows a 390 px viewport on the main pages', async (t) => {
  const official = await signIn(app, 'official1');
  const list = (await official.get('/api/round-tables')).json<{ id: string; status: string }[]>();
  const scheduled = list.find((r) => r.status === 'scheduled')!;
  // A live session for the chair console.
  const live = (
    await official.post('/api/round-tables', {
      titleEn: 'Phone layout live session',
      start: '2029-04-01T10:00',
      end: '2029-04-01T11:00',
      capacity: 10,
      onlineUrl: 'https://meet.example/phone',
    })
  ).json<{ id: string }>();
  t.equal((await official.post(`/api/round-tables/${live.id}/publish`)).statusCode, 200);
  t.equal((await official.post(`/api/round-tables/${live.id}/live/start`)).statusCode, 200);

  const pages: Record<string, string[]> = {
    visitor: ['/', '/issues', '/round-tables', `/round-tables/${scheduled.id}`, '/board'],
    official1: ['/', '/issues', '/round-tables', `/round-tables/${scheduled.id}`, `/live/${live.id}`, `/live/${live.id}/console`, '/people'],
    organizer: ['/', '/people', '/organizations', '/audit'],
    hanami: ['/', '/issues', '/round-tables'],
  };
  for (const [who, paths] of Object.entries(pages)) {
    const context = await browser.newContext({ locale: 'en-US', viewport: PHONE });
    const page = await context.newPage();
    if (who === 'visitor') {
      await page.goto(base);
      // The check itself: a planted wide element is found.
      // (set through the CSSOM: the Content-Security-Policy refuses inline style attributes).
      await page.evaluate(
        `(() => { const d = document.createElement('div'); d.id = 'wide'; d.style.width = '600px'; d.style.height = '4px'; document.body.append(d); })()`,
      );
      const planted = await overflowing(page);
      t.ok(
        planted.some((o) => o.startsWith('div#wide')),
        `the check finds an overflowing element: ${planted.join(' | ')}`,
      );
      await page.evaluate(`document.getElementById('wide').remove()`);
    } else await signInAs(page, who);
    for (const path of paths) {
      await page.goto(`${base}/#${path}`);
      await page.waitForLoadState('networkidle');
      await page.locator('main').waitFor();
      // (a locator, not waitForFunction: the Content-Security-Policy forbids the eval that polling uses)
      await page.getByTestId('state-loading').first().waitFor({ state: 'detached' });
      t.same(await overflowing(page), [], `${who} ${path}: nothing overflows at 390 px`);
    }
    await context.close();
  }
});
