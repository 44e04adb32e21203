// In real Chromium: the similar-issue panel suggests the customs duplicate while a company types the
// Japanese title, and a visitor searches, filters and pages the public list, with an honest state when
// nothing matches (desktop and a 390 px phone).
import t from 'tap';
import type { Page } from 'playwright-core';
import { DEMO_ISSUES } from '../../src/db/seed/issues.js';
import { DEMO_PASSWORD } from '../../src/db/seed/identity.js';
import { demoEmail, testDatabase } from '../helpers/app.js';
import { launchBrowser, listeningApp } from '../helpers/browser.js';

const database = await testDatabase(t);
const { base } = await listeningApp(t, database);
const browser = await launchBrowser(t);
const titleOf = (key: string) => DEMO_ISSUES.find((d) => d.key === key)!.title;

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  // The signed-out session probe answers 401, which Chromium logs as a failed load; that is not a defect here.
  page.on('console', (msg) => msg.type() === 'error' && !/status of 401/.test(msg.text()) && errors.push(msg.text()));
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

void t.test('the similar-issue panel suggests the customs duplicate for the Japanese title', async (t) => {
  const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  t.teardown(() => context.close());
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(base);
  await page.getByLabel(/Email|メール/).fill(demoEmail('sakura'));
  await page.getByLabel(/Password|パスワード/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /Sign in|サインイン|ログイン/ }).click();
  await page.getByTestId('person').waitFor();
  await page.getByLabel(/^(Language|言語|语言)$/).selectOption('ja');
  await page.goto(`${base}/#/issues/new`);
  await page.getByLabel('件名').fill('天津港の通関に時間がかかる');
  const panel = page.getByTestId('similar-panel');
  const customs = ['customs-ja', 'customs-zh', 'customs'].map(titleOf);
  await panel.getByRole('link', { name: customs[0] }).waitFor();
  const suggested = await panel.getByRole('link').allTextContents();
  t.ok(
    suggested.some((s) => customs.includes(s)),
    `a customs-clearance issue is suggested: ${suggested.join(' | ')}`,
  );
  // Two characters are a word in Japanese: the panel already answers for 通関.
  await page.getByLabel('件名').fill('通関');
  await panel.getByRole('link', { name: customs[1] }).waitFor();
  t.pass('the two-character query is answered too');
  t.same(errors, [], 'no console errors');
});

void t.test('a visitor searches, filters and pages the public list', async (t) => {
  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 390, height: 844 },
  ]) {
    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Shanghai', viewport });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${base}/#/issues`);
    const list = page.getByTestId('issue-list');
    await list.waitFor();
    const filters = page.getByTestId('public-filters');
    // Search: the Chinese and Japanese customs issues for 通関.
    await filters.getByLabel('Search').fill('通関');
    await filters.getByRole('button', { name: 'Search' }).click();
    // Both awaited, then both checked on the same screen: the unfiltered list may show one of them until the search answers.
    const found = ['customs-ja', 'customs-zh'].map((key) => list.getByRole('link', { name: titleOf(key) }));
    for (const link of found) await link.waitFor();
    t.ok((await Promise.all(found.map((link) => link.isVisible()))).every(Boolean), `${viewport.width}px: both customs issues are found`);
    // A filter that nothing matches says so (not "no issues yet", not loading).
    await filters.getByLabel('Category').selectOption('investment');
    await filters.getByLabel('Status').selectOption('resolved');
    await filters.getByRole('button', { name: 'Search' }).click();
    await page.getByTestId('state-no-results').waitFor();
    t.match(await page.getByTestId('state-no-results').textContent(), /No issues match this search or these filters/);
    // Clearing brings back the whole list.
    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await list.waitFor();
    await filters.getByLabel('Status').selectOption('submitted');
    await filters.getByRole('button', { name: 'Search' }).click();
    await page.getByTestId('list-count').waitFor();
    // The count is already on the page from the unfiltered list: wait for the filtered rows to replace it.
    let states: string[] = [];
    for (let i = 0; i < 100; i++) {
      states = await list.locator('.state').allTextContents();
      if (states.length > 0 && states.every((s) => s === 'Submitted')) break;
      await page.waitForTimeout(100);
    }
    t.ok(states.length > 0 && states.every((s) => s === 'Submitted'), `${viewport.width}px: the state filter applies (${states.join()})`);
    const form = await filters.evaluate((el) => ({ right: el.getBoundingClientRect().right, overflow: el.scrollWidth - el.clientWidth }));
    t.ok(form.right <= viewport.width && form.overflow <= 0, `${viewport.width}px: the filter form fits the screen (${JSON.stringify(form)})`);
    t.same(errors, [], `${viewport.width}px: no console errors`);
    await context.close();
  }
});
