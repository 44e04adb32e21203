// In real Chromium: two attendees follow a round-table live on their own pages while the chair, in the
// chair console, starts it, advances slots, gives the floor and runs a poll.
import t from 'tap';
import type { Browser, Page } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { appendEvent } from '../../src/live/event-log.js';
import { streamOf } from '../../src/live/streams.js';
import { demoEmail, signIn, stranger, testDatabase } from '../helpers/app.js';
import { launchBrowser, listeningApp } from '../helpers/browser.js';
import { DEMO_PASSWORD } from '../../src/db/seed/identity.js';

const database = await testDatabase(t);
const { app, base } = await listeningApp(t, database);
const browser = await launchBrowser(t);

const list = (await stranger(app).get('/api/round-tables')).json<{ id: string; titleEn: string }[]>();
const rt = list.find((r) => r.titleEn.startsWith('Round-table on the business environment'))!;
const slots = (await stranger(app).get(`/api/round-tables/${rt.id}/live`)).json().slots as { titleEn: string }[];

/** Console errors and uncaught exceptions (a CSP violation shows up here). */
const problems: string[] = [];

async function pageFor(b: Browser, key: string, view = `#/live/${rt.id}`): Promise<Page> {
  const context = await b.newContext({ locale: 'en-US', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  // Failed loads are expected (401 before signing in); script errors and CSP violations are not.
  page.on('console', (msg) => msg.type() === 'error' && !/Failed to load resource/.test(msg.text()) && problems.push(`${key}: ${msg.text()}`));
  page.on('pageerror', (err) => problems.push(`${key}: ${err.message}`));
  await page.goto(`${base}/#/`);
  await page.getByLabel('Email').fill(demoEmail(key));
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('person').waitFor();
  await page.getByLabel(/^(Language|言語|语言)$/).selectOption('en');
  await page.goto(`${base}/${view}`);
  await page.locator('[data-testid="live-connection"][data-state="open"]').waitFor();
  return page;
}

const text = (page: Page, id: string) => page.getByTestId(id).innerText();
/** Waits until the element shows `expected` (Playwright retries; no fixed delays). */
const until = (page: Page, id: string, expected: string) => page.getByTestId(id).filter({ hasText: expected }).waitFor();

t.test('two pages follow the round-table while the chair runs it', async (t) => {
  const chair = await pageFor(browser, 'official1', `#/live/${rt.id}/console`);
  const attendee = await pageFor(browser, 'attendee1');
  const rep = await pageFor(browser, 'hanami');
  const followers = [attendee, rep];
  for (const p of followers) t.match(await text(p, 'live-status'), /Not started/);
  t.equal(await attendee.getByTestId('chair-console').count(), 0, 'attendees have no console');
  t.equal(await attendee.getByTestId('open-console').count(), 0, 'nor a link to it');

  await chair.getByRole('button', { name: 'Start the session' }).click();
  for (const p of followers) {
    await until(p, 'live-current', slots[0]!.titleEn);
    await until(p, 'live-status', 'Live now');
    t.match(await text(p, 'live-next'), slots[1]!.titleEn);
  }

  await chair.getByRole('button', { name: 'Next slot' }).click();
  for (const p of followers) await until(p, 'live-current', slots[1]!.titleEn);
  t.match(await attendee.locator('[data-testid="live-agenda"] li[aria-current="step"]').innerText(), slots[1]!.titleEn, 'highlighted');
  await chair.getByRole('button', { name: 'Start countdown' }).click();
  // Paused before, running after: the label goes away once the timer event arrives.
  await attendee.getByTestId('live-countdown').filter({ hasNotText: 'paused' }).waitFor();
  t.match(await text(attendee, 'live-countdown'), /^\d+:\d\d/);

  await rep.getByRole('button', { name: 'Raise my hand' }).click();
  await until(chair, 'console-hands', 'Hiroshi Tanaka');
  await until(attendee, 'live-queue', 'Hiroshi Tanaka');
  await chair.getByRole('button', { name: 'Give the floor' }).click();
  for (const p of followers) await until(p, 'live-speaker', 'Hiroshi Tanaka');

  await chair.getByLabel('Poll question').fill('Publish the action plan within 100 days?');
  await chair.getByLabel('Options (one per line)').fill('Yes\nNo');
  await chair.getByRole('button', { name: 'Open poll' }).click();
  for (const p of followers) await until(p, 'live-poll', 'Publish the action plan within 100 days?');
  await attendee.getByRole('button', { name: 'Yes' }).click();
  await rep.getByRole('button', { name: 'No' }).click();
  for (const p of [...followers, chair]) {
    await until(p, 'live-tally-0', '1');
    await until(p, 'live-tally-1', '1');
  }
  await chair.getByRole('button', { name: 'Close poll' }).click();
  for (const p of followers) await until(p, 'live-poll', 'Closed');

  await chair.getByLabel('Announcement').fill('Coffee in the lobby');
  await chair.getByRole('button', { name: 'Announce' }).click();
  for (const p of followers) await until(p, 'live-announcement', 'Coffee in the lobby');
  await attendee.screenshot({ path: 'tests/browser/.live-phone.png', fullPage: true }).catch(() => {});
  t.same(problems, [], 'no console errors');
});

t.test('the live view is in Japanese and Chinese too', async (t) => {
  const page = await pageFor(browser, 'attendee2');
  await page.getByLabel(/^(Language|言語|语言)$/).selectOption('ja');
  await until(page, 'live-connection', '接続済み');
  await page.getByLabel(/^(Language|言語|语言)$/).selectOption('zh');
  await until(page, 'live-connection', '已连接');
  t.pass('connection state translated');
});

t.test('a live page whose round-table fails to load says so, and its retry loads the page and subscribes', async (t) => {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const busy = { statusCode: 503, code: 'OVERLOADED', error: 'Service Unavailable', message: 'Server busy' };
  await page.route(
    `${base}/api/round-tables/${rt.id}`,
    (route) => route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify(busy) }),
    {
      times: 1,
    },
  );
  await page.goto(`${base}/#/live/${rt.id}`);
  const failed = page.getByTestId('state-error');
  await failed.waitFor();
  t.match(await failed.innerText(), /busy/, 'the error in words, not a code');
  t.equal(await page.getByTestId('state-loading').count(), 0, 'no Loading… beside the error');
  await failed.getByRole('button', { name: 'Try again' }).click();
  await page.getByTestId('live-status').waitFor();
  t.equal(await page.getByTestId('state-error').count(), 0, 'the retry shows the live state');
  await context.close();
});

t.test('a page reconnects by itself, shows it, and catches up on what happened meanwhile', async (t) => {
  const page = await pageFor(browser, 'attendee1');
  await until(page, 'live-status', 'Live now');
  const chair = await signIn(app, 'official1');
  // Every socket is dropped as a restarting instance would (1001), and the chair acts meanwhile.
  for (const socket of app.websocketServer.clients) socket.close(1001, 'going away');
  await page.locator('[data-testid="live-connection"]:not([data-state="open"])').waitFor();
  t.equal((await chair.post(`/api/round-tables/${rt.id}/live/slot`, { move: 'next' })).statusCode, 200);
  await page.locator('[data-testid="live-connection"][data-state="open"]').waitFor();
  await until(page, 'live-current', slots[2]!.titleEn);
  t.pass('back online with the slot set while it was away');
});

t.test("live badges: the company inbox and the officials' queue count new changes", async (t) => {
  const rep = await pageFor(browser, 'hanami');
  const official = await pageFor(browser, 'official2');
  const hanami = (await (await signIn(app, 'hanami')).get('/api/me')).json();
  const data = {
    issueId: randomUUID(),
    title: 'Badge check',
    state: 'submitted',
    category: 'business_environment',
    visibility: 'public',
    companyId: hanami.organization.id,
  };
  await database.db.transaction(async (tx) => {
    await appendEvent(tx, { stream: streamOf.companyInbox(hanami.organization.id), type: 'issue.transition', data });
    await appendEvent(tx, { stream: streamOf.officials(), type: 'issue.transition', data });
  });
  await until(rep, 'live-badge', '1');
  await until(official, 'live-badge', '1');
  await rep
    .getByRole('link', { name: /Issues/ })
    .first()
    .click();
  await rep.getByTestId('live-badge').waitFor({ state: 'detached' });
  t.pass('the badge counts and clears when the issues are opened');
});

t.test('the chair concludes from the round-table page, after a confirmation; reached issues become discussed', async (t) => {
  const chair = await pageFor(browser, 'official1', `#/live/${rt.id}/console`);
  const attendee = await pageFor(browser, 'attendee1');
  const official = await signIn(app, 'official1');
  const state = (await official.get(`/api/round-tables/${rt.id}/live`)).json<{ slots: { id: string; titleEn: string }[]; currentItemId: string }>();
  // Reach every slot, so the issue slot's issues are discussed at the end.
  for (let i = state.slots.findIndex((s) => s.id === state.currentItemId); i < state.slots.length - 1; i++) {
    await chair.getByRole('button', { name: 'Next slot' }).click();
    await until(attendee, 'live-current', state.slots[i + 1]!.titleEn);
  }
  const agenda = (await official.get(`/api/round-tables/${rt.id}/agenda`)).json<{ issues: { id: string }[] }>();
  t.ok(agenda.issues.length > 0, 'the agenda has issues');

  await chair.getByRole('button', { name: 'End the session' }).click();
  await chair.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  t.equal((await official.get(`/api/round-tables/${rt.id}/live`)).json().status, 'live', 'cancelling the dialog ends nothing');

  await chair.goto(`${base}/#/round-tables/${rt.id}`);
  await chair.getByTestId('conclude').click();
  t.match(await chair.getByRole('dialog').innerText(), /issues of every slot reached become discussed/, 'the dialog says what will happen');
  await chair.getByTestId('conclude-confirm').click();
  await until(attendee, 'live-status', 'Ended');
  for (const { id } of agenda.issues) t.equal((await official.get(`/api/issues/${id}`)).json().state, 'discussed', `issue ${id} discussed`);
  t.same(problems, [], 'no console errors');
});
