// In real Chromium: a company submits an issue and sees a similar one suggested; an official
// accepts it with an answer; the company sees the answer in its feed.
import t from 'tap';
import type { Page } from 'playwright-core';
import { demoEmail, testDatabase } from '../helpers/app.js';
import { launchBrowser, listeningApp } from '../helpers/browser.js';
import { issueBody } from '../helpers/issues.js';
import { DEMO_PASSWORD } from '../../src/db/seed/identity.js';

const database = await testDatabase(t);
const { app, base } = await listeningApp(t, database);
const browser = await launchBrowser(t);

// An existing public issue by another company, to be suggested while typing (created over the API with a bearer token).
const tokenRes = await app.inject({ method: 'POST', url: '/api/auth/tokens', payload: { email: demoEmail('kaze'), password: DEMO_PASSWORD } });
const created = await app.inject({
  method: 'POST',
  url: '/api/issues',
  headers: { authorization: `Bearer ${tokenRes.json().token}` },
  payload: issueBody({
    title: 'Customs clearance of spare parts is too slow at Tianjin port',
    body: 'Clearance of imported spare parts takes ten days or more.',
  }),
});
const existing = created.json<{ id: string; title: string }>();

async function signInAs(page: Page, key: string) {
  await page.goto(base);
  await page.getByLabel('Email').fill(demoEmail(key));
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('person').waitFor();
  await page.getByLabel(/^(Language|言語|语言)$/).selectOption('en');
}

t.test('submit with a similar suggestion, accept with an answer, answer in the feed', async (t) => {
  const errors: string[] = [];
  const company = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Tokyo' });
  const page = await company.newPage();
  page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
  await signInAs(page, 'hanami');

  await page.goto(`${base}/#/issues/new`);
  await page.getByLabel('Title').fill('Slow customs clearance for spare parts');
  await page.getByLabel('Description').fill('Our imported spare parts wait too long for customs clearance at the port.');
  const panel = page.getByTestId('similar-panel');
  await panel.getByRole('link', { name: existing.title }).waitFor();
  t.pass('the existing similar issue is suggested while typing');
  t.ok(await panel.getByRole('listitem').filter({ hasText: existing.title }).getByRole('button', { name: 'Support this one instead' }).isVisible());
  await page.getByLabel('Anonymous').check();
  t.ok(await page.getByText('only the officials know it came from your company').isVisible(), 'visibility in plain words');
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await page.getByTestId('issue-state').getByText('Submitted').waitFor();
  const issueId = page.url().split('/issues/')[1]!;
  t.match(issueId, /^[0-9a-f-]{36}$/);
  // Until review starts the company may still edit; the edit shows in the timeline.
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Title').fill('Slow customs clearance for spare parts at the port');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByTestId('issue-title').getByText('Slow customs clearance for spare parts at the port').waitFor();
  t.match(await page.getByTestId('timeline').textContent(), /Edited/);

  const officials = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Shanghai' });
  const console = await officials.newPage();
  await signInAs(console, 'official1');
  await console.goto(`${base}/#/issues`);
  await console.getByRole('link', { name: 'Slow customs clearance for spare parts at the port' }).click();
  await console.getByRole('button', { name: 'Start review' }).click();
  await console.getByTestId('issue-state').getByText('Under review').waitFor();
  await console.getByLabel('Answer text').fill('Tianjin Customs will open a fast lane for spare parts.');
  await console.getByLabel('Responsible department').fill('Tianjin Customs');
  await console.getByLabel('Expected time frame').fill('Within 60 days');
  await console.getByRole('button', { name: 'Accept with this answer' }).click();
  await console.getByTestId('issue-state').getByText('Accepted').waitFor();
  t.match(await console.getByTestId('timeline').textContent(), /Wang Li/, 'who accepted it is in the history');

  await page.goto(`${base}/#/issues`);
  await page.getByTestId('unread-count').waitFor();
  t.ok(Number(await page.getByTestId('unread-count').textContent()) >= 2, 'the acceptance and the answer are unread');
  await page.goto(`${base}/#/issues/feed`);
  const feed = page.getByTestId('feed');
  await feed.getByText('Tianjin Customs will open a fast lane for spare parts.').waitFor();
  t.match(await feed.textContent(), /Official answer/);
  t.match(await feed.textContent(), /Now Accepted/);
  await page.goto(`${base}/#/issues/${issueId}`);
  await page.getByTestId('answer').waitFor();
  t.match(await page.getByTestId('timeline').textContent(), /Accepted/);
  t.same(
    errors.filter((e) => /Content Security Policy/i.test(e)),
    [],
    'no CSP violations',
  );
  await company.close();
  await officials.close();
});

t.test("opening the clarification thread marks the officials' message read (a POST; the GET changes nothing)", async (t) => {
  const bearer = async (key: string) =>
    `Bearer ${(await app.inject({ method: 'POST', url: '/api/auth/tokens', payload: { email: demoEmail(key), password: DEMO_PASSWORD } })).json().token}`;
  const [company, official] = [await bearer('hanami'), await bearer('official1')];
  const as = (authorization: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: { authorization }, ...(payload ? { payload } : {}) });
  const issue = (await as(company, 'POST', '/api/issues', issueBody({ title: 'Thread read probe', visibility: 'confidential' }))).json<{ id: string }>();
  t.equal((await as(official, 'POST', `/api/issues/${issue.id}/messages`, { body: 'Which port do you use?' })).statusCode, 201);
  t.equal((await as(company, 'GET', `/api/issues/${issue.id}/messages`)).json()[0].readAt, null, 'reading over the API marks nothing');
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  const posts: string[] = [];
  page.on('request', (r) => r.method() === 'POST' && posts.push(new URL(r.url()).pathname));
  await signInAs(page, 'hanami');
  await page.goto(`${base}/#/issues/${issue.id}`);
  await page.locator('.msg.officials').getByText('Read', { exact: true }).waitFor();
  t.ok(posts.includes(`/api/issues/${issue.id}/messages/read`), 'the page marks it read with its own POST');
  t.equal((await as(company, 'GET', `/api/issues/${issue.id}`)).json().unreadMessages, 0);
  await context.close();
});
