// In real Chromium: an official records minutes, a decision and an action from the chair console
// during the live session; the author company sees the action due 100 days after the round-table on
// its issue's chain, marks it done, and the issue becomes resolved, while the public board (another
// page) follows without a reload. Then the board and the Outcomes tab at 390 px, and the print page.
import t from 'tap';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { demoEmail, signIn, stranger, testDatabase } from '../helpers/app.js';
import { launchBrowser, listeningApp } from '../helpers/browser.js';
import { DEMO_PASSWORD } from '../../src/db/seed/identity.js';

const database = await testDatabase(t);
const { app, base } = await listeningApp(t, database);
const browser = await launchBrowser(t);

interface Item {
  id: string;
  titleEn: string;
  issueIds: string[];
  items?: Item[];
}
const official = await signIn(app, 'official1');
const official2 = await signIn(app, 'official2');
const hanami = await signIn(app, 'hanami');
const list = (await stranger(app).get('/api/round-tables')).json<{ id: string; titleEn: string }[]>();
const rt = (await official.get(`/api/round-tables/${list.find((r) => r.titleEn.startsWith('Round-table on the business environment'))!.id}`)).json<{
  id: string;
  startsAt: string;
  timeZone: string;
  pledgeDays: number;
}>();
const agenda = (await official.get(`/api/round-tables/${rt.id}/agenda`)).json<{ items: Item[]; issues: { id: string; title: string }[] }>();
const flat = (items: Item[]): Item[] => items.flatMap((i) => [i, ...flat(i.items ?? [])]);
const slot = flat(agenda.items).find((i) => i.issueIds.length > 1)!;
const mine = await Promise.all(slot.issueIds.map(async (id) => (await hanami.get(`/api/issues/${id}`)).json<{ mine: boolean }>().mine));
const issue = agenda.issues.find((i) => i.id === slot.issueIds[mine.indexOf(true)])!;
const other = agenda.issues.find((i) => slot.issueIds.includes(i.id) && i.id !== issue.id)!;
const hanamiOrg = (await hanami.get('/api/me')).json<{ organization: { nameEn: string } }>().organization;
const zhangName = (await official2.get('/api/me')).json<{ user: { displayName: string } }>().user.displayName;
/** The pledge: the round-table's local date plus its pledge days, in its zone. */
const expectedDue = DateTime.fromISO(rt.startsAt, { zone: rt.timeZone }).plus({ days: rt.pledgeDays }).toISODate()!;

const problems: string[] = [];
async function pageFor(b: Browser, key: string | null, view: string, width = 1200): Promise<Page> {
  const context = await b.newContext({ locale: 'en-US', timezoneId: 'Asia/Shanghai', viewport: { width, height: 900 } });
  const page = await context.newPage();
  page.on('console', (msg) => msg.type() === 'error' && !/Failed to load resource/.test(msg.text()) && problems.push(`${key}: ${msg.text()}`));
  page.on('pageerror', (err) => (problems.push(`${key}: ${err.message}`), console.error(key, err.message)));
  await page.goto(`${base}/#/`);
  await page.getByLabel(/^(Language|言語|语言)$/).selectOption('en');
  if (key) {
    await page.getByLabel('Email').fill(demoEmail(key));
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('person').waitFor();
    // The account's own language applies on sign-in; the test reads English.
    await page.getByLabel(/^(Language|言語|语言)$/).selectOption('en');
  }
  await page.goto(`${base}/${view}`);
  return page;
}
/** The number in the board's legend for a status ("Done 3" -> 3). */
const legend = async (page: Page, status: string) =>
  Number((await page.getByTestId('board-totals').locator(`[data-status="${status}"]`).innerText()).replace(/\D/g, ''));
const untilLegend = (page: Page, status: string, n: number) =>
  page
    .getByTestId('board-totals')
    .locator(`[data-status="${status}"]`)
    .filter({ hasText: new RegExp(`\\b${n}$`) })
    .waitFor();
interface Outcomes {
  slots: { decisions: { text: string; actions: { description: string }[] }[] }[];
}
/** How many decisions (and actions) the server holds with this text: what a double click must not double. */
const decisionsNamed = async (text: string) =>
  (await official.get(`/api/round-tables/${rt.id}/outcomes`)).json<Outcomes>().slots.flatMap((s) => s.decisions.filter((d) => d.text === text));
const actionsNamed = async (text: string) =>
  (await decisionsNamed('One social insurance procedure for every district')).flatMap((d) => d.actions.filter((a) => a.description === text));
const noOverflow = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');

t.test('decision and action from the console; the owner closes it; the issue is resolved; the board follows live', async (t) => {
  t.equal(expectedDue, '2027-03-25', '2026-12-15 in Tianjin + 100 calendar days');
  const board = await pageFor(browser, null, '#/board');
  await board.getByTestId('board-totals').waitFor();
  const total0 = Number((await board.getByRole('heading', { name: /actions$/ }).innerText()).replace(/\D/g, ''));
  const done0 = await legend(board, 'done');
  const open0 = await legend(board, 'open');

  const chair = await pageFor(browser, 'official1', `#/live/${rt.id}/console`);
  await chair.locator('[data-testid="live-connection"][data-state="open"]').waitFor();
  await chair.getByRole('button', { name: 'Start the session' }).click();
  const live = (await official.get(`/api/round-tables/${rt.id}/live`)).json<{ slots: { id: string; titleEn: string }[] }>();
  for (let i = 1; i <= live.slots.findIndex((s) => s.id === slot.id); i++) {
    await chair.getByRole('button', { name: 'Next slot' }).click();
    await chair.getByTestId('console-now').filter({ hasText: live.slots[i]!.titleEn }).waitFor();
  }
  const recorder = chair.getByTestId('slot-recorder');
  await recorder.waitFor();

  // Minutes: saved with the version they started from; a stale save names who saved first and keeps the text.
  await recorder.getByLabel('Minutes of this slot').fill('The district offices will align the social insurance procedure.');
  await recorder.getByRole('button', { name: 'Save the minutes' }).click();
  await recorder.getByTestId('minutes-saved').filter({ hasText: 'version 1' }).waitFor();
  const m = `/api/round-tables/${rt.id}/slots/${slot.id}/minutes`;
  t.equal((await official2.request('PUT', m, { text: 'Saved by a colleague meanwhile.', baseVersion: 1 })).statusCode, 200);
  const typed = 'The district offices will align the procedure within 100 days.';
  await recorder.getByLabel('Minutes of this slot').fill(typed);
  await recorder.getByRole('button', { name: 'Save the minutes' }).click();
  await recorder
    .getByRole('alert')
    .filter({ hasText: `${zhangName} saved version 2 first` })
    .waitFor();
  t.equal(await recorder.getByLabel('Minutes of this slot').inputValue(), typed, 'the typed text is not lost');
  await recorder.getByTestId('minutes-overwrite').click();
  await recorder.getByTestId('minutes-saved').filter({ hasText: 'version 3' }).waitFor();

  // A decision about the company's issue only, and an action with the pledge as its default due date.
  await recorder.getByLabel('Kind of decision').selectOption('commitment');
  await recorder.getByLabel('Decision', { exact: true }).fill('One social insurance procedure for every district');
  await recorder.getByLabel(other.title).uncheck();
  // A double click records one decision (the button is disabled while the first is on its way).
  await recorder.getByRole('button', { name: 'Save the decision' }).dblclick();
  const decision = recorder.getByTestId('decision').filter({ hasText: 'One social insurance procedure' });
  await decision.first().waitFor();
  t.equal((await decisionsNamed('One social insurance procedure for every district')).length, 1, 'a double click records the decision once');
  t.equal(await decision.count(), 1, 'and the page shows it once');
  const form = decision.getByTestId('action-form');
  t.equal(await form.getByLabel('Due date').inputValue(), expectedDue, 'the due date is prefilled with the pledge');
  await form.getByLabel('Action', { exact: true }).fill('Publish one application guide for all districts');
  await form.getByLabel('Owner organization').selectOption({ label: hanamiOrg.nameEn });
  // Two submits in the same task (faster than any re-render can disable the button): the guard sends one.
  await form.evaluate((el) => {
    const submit = () => (el as unknown as { requestSubmit(): void }).requestSubmit();
    submit();
    submit();
  });
  await decision.getByTestId('action').filter({ hasText: 'Publish one application guide' }).waitFor();
  t.equal((await actionsNamed('Publish one application guide for all districts')).length, 1, 'two submits in one go add the action once');
  await board.getByRole('heading', { name: `${total0 + 1} actions` }).waitFor();
  t.equal(await legend(board, 'open'), open0 + 1, 'the board counted the new action without a reload');

  await chair.getByTestId('end-session').click();
  await chair.getByTestId('end-session-confirm').click();
  await chair.getByTestId('end-session').waitFor({ state: 'detached' });
  t.equal((await official.get(`/api/issues/${issue.id}`)).json().state, 'action_pending', 'discussed, and with an action item it awaits action');

  // The author company sees the action on its issue's chain, due 100 days after the round-table.
  const rep = await pageFor(browser, 'hanami', '#/issues');
  await rep.getByRole('link', { name: issue.title }).click();
  const chain = rep.getByTestId('issue-chain');
  for (const kind of ['submitted', 'scheduled', 'decision', 'action']) await chain.locator(`[data-kind="${kind}"]`).first().waitFor();
  t.match(await chain.locator('[data-kind="scheduled"] a').first().getAttribute('href'), `#/round-tables/${rt.id}`, 'the chain links the round-table');
  const action = chain.getByTestId('action').filter({ hasText: 'Publish one application guide' });
  t.equal(await action.getByTestId('action-due').getAttribute('data-date'), expectedDue, 'due 100 days after the round-table');
  t.match(await action.getByTestId('action-due').innerText(), /25 Mar 2027/);

  // The owner moves it to done: the issue is resolved, the board follows.
  await action.getByRole('button', { name: 'Start work' }).click();
  await chain.locator('[data-testid="action"][data-status="in_progress"]').waitFor();
  await chain.getByTestId('action').getByRole('button', { name: 'Mark done' }).click();
  await chain.locator('[data-testid="action"][data-status="done"]').waitFor();
  await rep.getByTestId('issue-state').filter({ hasText: 'Resolved' }).waitFor();
  await chain.locator('[data-kind="resolved"]').waitFor();
  t.equal((await hanami.get(`/api/issues/${issue.id}`)).json().state, 'resolved');
  await untilLegend(board, 'done', done0 + 1);
  t.equal(await board.evaluate<number>("performance.getEntriesByType('navigation').length"), 1, 'the board page never reloaded');

  // The owner's view lists it on the home page. Its request fails once (503): the panel says so with
  // Try again (no Loading… for ever, no "none yet"), and the retry loads the list.
  await rep.route(
    '**/api/actions/mine',
    (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ statusCode: 503, code: 'OVERLOADED', error: 'Service Unavailable', message: 'Server busy' }),
      }),
    { times: 1 },
  );
  await rep.goto(`${base}/#/`);
  const failed = rep.getByTestId('my-actions').getByTestId('state-error');
  await failed.waitFor();
  t.equal(await rep.getByTestId('my-actions').getByTestId('state-loading').count(), 0, 'no Loading… beside the error');
  t.equal(await rep.getByTestId('my-actions').getByTestId('state-empty').count(), 0, 'nor "none yet"');
  await failed.getByRole('button', { name: 'Try again' }).click();
  await rep
    .getByTestId('my-actions')
    .getByTestId('action')
    .filter({ hasText: 'Publish one application guide' })
    .locator('[data-testid="action-status"]', { hasText: 'Done' })
    .waitFor();
  t.same(problems, [], 'no console errors');
});

t.test('at 390 px the board and the Outcomes tab fit the screen; the print page lists the outcomes', async (t) => {
  const phone = await pageFor(browser, null, '#/board', 390);
  await phone.getByTestId('board-totals').waitFor();
  t.ok(await noOverflow(phone), 'the board does not overflow a phone');
  await phone.screenshot({ path: 'tests/browser/.board-phone.png', fullPage: true }).catch(() => {});
  await phone.goto(`${base}/#/round-tables/${rt.id}`);
  await phone.getByTestId('tab-outcomes').click();
  await phone.getByTestId('outcomes-tab').getByTestId('action').first().waitFor();
  t.ok(await noOverflow(phone), 'the Outcomes tab does not overflow a phone');
  await phone.screenshot({ path: 'tests/browser/.outcomes-phone.png', fullPage: true }).catch(() => {});
  const staffPhone = await pageFor(browser, 'official1', `#/round-tables/${rt.id}`, 390);
  await staffPhone.getByTestId('tab-outcomes').click();
  await staffPhone.getByTestId('outcomes-tab').getByTestId('minutes-editor').first().waitFor();
  t.ok(await noOverflow(staffPhone), 'nor with the staff forms');

  await phone.getByTestId('print-link').click();
  const printed = phone.getByTestId('print-outcomes');
  await printed.filter({ hasText: 'Publish one application guide' }).waitFor();
  t.match(await printed.innerText(), /One social insurance procedure for every district/);
  await phone.emulateMedia({ media: 'print' });
  t.equal(await phone.locator('header.top').isVisible(), false, 'the print stylesheet hides the navigation');
  await phone.emulateMedia({ media: 'screen' });

  await phone.goto(`${base}/#/board`);
  await phone.getByLabel(/^(Language|言語|语言)$/).selectOption('ja');
  await phone.getByRole('heading', { name: '進捗ボード' }).waitFor();
  await phone.getByLabel(/^(Language|言語|语言)$/).selectOption('zh');
  await phone.getByRole('heading', { name: '问责看板' }).waitFor();
  t.same(problems, [], 'no console errors');
});
