// In real Chromium: a Japanese issue is translated into Chinese by an organizer from the translation queue;
// the official with the Chinese UI reads the Chinese text with the "show original" toggle; the original is
// edited and the translation shows as stale. Japanese text in the Chinese UI carries lang="ja". A round-table's
// Chinese title is translated from the queue and read in English with the toggle; a company submits an issue
// with its own Chinese translation from the submit form. The outcomes pages (printable outcomes, board, the
// issue's chain) show decisions, action items and issue titles in the reader's language, each with its lang.
import t from 'tap';
import type { Page } from 'playwright-core';
import { demoEmail, signIn, testDatabase } from '../helpers/app.js';
import { launchBrowser, listeningApp } from '../helpers/browser.js';
import { acceptedIssue, issueBody } from '../helpers/issues.js';
import { heldRoundTable } from '../helpers/outcomes.js';
import { sendDueReminders } from '../../src/modules/outcomes/reminders.service.js';
import { DEMO_PASSWORD } from '../../src/db/seed/identity.js';

const database = await testDatabase(t);
const { app, base } = await listeningApp(t, database);
const browser = await launchBrowser(t);

const bearer = async (key: string) =>
  `Bearer ${(await app.inject({ method: 'POST', url: '/api/auth/tokens', payload: { email: demoEmail(key), password: DEMO_PASSWORD } })).json().token}`;
const company = await bearer('hanami');
const JA = {
  title: '天津港での電子部品の通関遅延',
  body: '輸入する電子部品の通関に十日以上かかり、生産に影響が出ています。',
  desiredOutcome: '三日以内に通関を完了すること',
};
const ZH = { title: '天津港电子零部件清关延误', body: '进口电子零部件清关需要十天以上，影响了生产。', desiredOutcome: '三天内完成清关' };
const created = await app.inject({ method: 'POST', url: '/api/issues', headers: { authorization: company }, payload: issueBody({ ...JA, language: 'ja' }) });
const issue: { id: string } = created.json();

async function signInAs(page: Page, key: string, lang: 'en' | 'ja' | 'zh') {
  await page.goto(base);
  await page.getByLabel('Email').fill(demoEmail(key));
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('person').waitFor();
  await page.getByLabel(/^(Language|言語|语言)$/).selectOption(lang);
}

void t.test('translated by an organizer, read in Chinese with the original a click away, stale after an edit', async (t) => {
  const errors: string[] = [];
  const jetro = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Shanghai' });
  const organizer = await jetro.newPage();
  organizer.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
  await signInAs(organizer, 'organizer', 'en');
  await organizer.getByRole('link', { name: 'Translations' }).click();
  const row = organizer.getByTestId('translation-queue-item').filter({ hasText: JA.title });
  await row.waitFor();
  t.match(await row.textContent(), /Waiting for review/, 'an issue waiting for review is urgent');
  t.equal(await row.getByRole('link', { name: JA.title }).getAttribute('lang'), 'ja', 'the Japanese title is marked Japanese');
  await row.getByRole('link', { name: 'Translate' }).click();
  await organizer.getByTestId('translation-target').selectOption('zh');
  t.equal(await organizer.locator('.original-field p[lang="ja"]').first().textContent(), JA.title, 'the original side by side');
  await organizer.getByLabel('Title').fill(ZH.title);
  await organizer.getByLabel('Text').fill(ZH.body);
  await organizer.getByLabel('Desired outcome').fill(ZH.desiredOutcome);
  t.equal(await organizer.getByLabel('Title').getAttribute('lang'), 'zh-CN', 'the translation is typed as Chinese');
  await organizer.getByRole('button', { name: 'Save translation' }).click();
  await organizer.getByTestId('translation-saved').waitFor();
  await organizer.getByTestId('translation-status').getByText('A current translation exists').waitFor();

  const tianjin = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Shanghai' });
  const official = await tianjin.newPage();
  official.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
  await signInAs(official, 'official1', 'zh');
  t.equal(await official.evaluate('document.documentElement.lang'), 'zh-CN');
  // The review queue lists the Chinese title.
  await official.goto(`${base}/#/issues`);
  await official.getByTestId('issue-list').getByRole('link', { name: ZH.title }).click();
  const title = official.getByTestId('issue-title');
  await title.getByText(ZH.title).waitFor();
  t.equal(await title.getAttribute('lang'), 'zh-CN');
  t.equal(await official.getByTestId('issue-body').textContent(), ZH.body);
  t.match(await official.getByTestId('translation-note').first().textContent(), /译自日语/, '"translated from Japanese"');
  await official.getByTestId('translation-toggle').first().click();
  await title.getByText(JA.title).waitFor();
  t.equal(await title.getAttribute('lang'), 'ja', 'the original, marked Japanese');
  t.equal(await official.getByTestId('issue-body').getAttribute('lang'), 'ja');
  t.match(await official.getByTestId('translation-note').first().textContent(), /原文为日语/);
  await official.getByTestId('translation-toggle').first().click();
  await title.getByText(ZH.title).waitFor();

  // The company edits its original: the translation stays, marked out of date, and the original shows.
  const edited = await app.inject({
    method: 'PATCH',
    url: `/api/issues/${issue.id}`,
    headers: { authorization: company },
    payload: { body: JA.body + '特に半導体が遅れています。' },
  });
  t.equal(edited.statusCode, 200);
  await official.reload();
  await title.getByText(JA.title).waitFor();
  const stale = official.getByTestId('translation-stale');
  await stale.waitFor();
  t.match(await stale.textContent(), /中文译文已过时/, 'the Chinese translation is marked stale');
  t.equal(await title.getAttribute('lang'), 'ja');
  // Render check: Japanese text in the Chinese UI carries lang="ja" wherever it shows (detail and list).
  await official.goto(`${base}/#/issues`);
  const listed = official.getByTestId('issue-list').getByRole('link', { name: JA.title });
  await listed.waitFor();
  t.equal(await listed.locator('span').getAttribute('lang'), 'ja', 'the list marks the Japanese title');

  // Back in the queue, the organizer finds it again as out of date.
  await organizer.goto(`${base}/#/translations`);
  const again = organizer.getByTestId('translation-queue-item').filter({ hasText: JA.title });
  await again.waitFor();
  t.match(await again.textContent(), /Chinese \(out of date\)/);
  t.same(
    errors.filter((e) => /Content Security Policy/i.test(e)),
    [],
    'no CSP violations',
  );
  await jetro.close();
  await tianjin.close();
});

void t.test("a round-table's title translated from the queue, read in English with the toggle", async (t) => {
  const official = await bearer('official1');
  const made = await app.inject({
    method: 'POST',
    url: '/api/round-tables',
    headers: { authorization: official },
    payload: { titleZh: '跨境电商圆桌会议（浏览器）', start: '2031-09-05T14:00', end: '2031-09-05T16:00', capacity: 10, venueName: 'Hall B' },
  });
  t.equal(made.statusCode, 201, made.body);
  const rt: { id: string } = made.json();
  t.equal((await app.inject({ method: 'POST', url: `/api/round-tables/${rt.id}/publish`, headers: { authorization: official } })).statusCode, 200);

  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await signInAs(page, 'organizer', 'en');
  await page.goto(`${base}/#/translations`);
  const row = page.getByTestId('translation-queue-item').filter({ hasText: '跨境电商圆桌会议（浏览器）' }).filter({ hasText: 'Round-table title' });
  await row.waitFor();
  t.match(await row.textContent(), /On a round-table/, 'urgent by the round-table date');
  await row.getByRole('link', { name: 'Translate' }).click();
  await page.getByTestId('translation-target').selectOption('en');
  await page.getByLabel('Title').fill('Cross-border e-commerce round-table (browser)');
  await page.getByRole('button', { name: 'Save translation' }).click();
  await page.getByTestId('translation-saved').waitFor();

  await page.goto(`${base}/#/round-tables/${rt.id}`);
  const title = page.getByTestId('round-table-title');
  await title.getByText('Cross-border e-commerce round-table (browser)').waitFor();
  t.match(await page.getByTestId('translation-note').first().textContent(), /Translated from Chinese/);
  await page.getByTestId('translation-toggle').first().click();
  await title.getByText('跨境电商圆桌会议（浏览器）').waitFor();
  t.equal(await title.evaluate((el) => el.parentElement?.getAttribute('lang')), 'zh-CN', 'the original, marked Chinese');
  await context.close();
});

void t.test("the submit form saves the company's own translation with the issue", async (t) => {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await signInAs(page, 'hanami', 'en');
  await page.goto(`${base}/#/issues/new`);
  await page.getByLabel('Title', { exact: true }).first().fill('横浜からの部品の通関手続き');
  await page.getByLabel('Description').first().fill('横浜からの部品の通関に二週間かかっています。');
  await page.getByLabel('Language of the text').selectOption('ja');
  await page.getByTestId('own-translations').locator('summary').click();
  const zh = page.getByTestId('own-translation-zh');
  t.equal(await zh.getAttribute('lang'), 'zh-CN', 'the translation is typed as Chinese');
  await zh.locator('input[name="title-zh"]').fill('来自横滨的零部件清关手续');
  await zh.locator('textarea[name="body-zh"]').fill('来自横滨的零部件清关需要两周。');
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await page.waitForURL(/#\/issues\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').pop()!;
  const listed = (await app.inject({ method: 'GET', url: `/api/translations/issue/${id}`, headers: { authorization: company } })).json();
  t.match(listed, { original: { language: 'ja' }, translations: [{ language: 'zh', current: true, fields: { title: '来自横滨的零部件清关手续' } }] });
  await context.close();
});

void t.test("outcomes in the reader's language: decisions, action items and issue titles with the toggle and their lang", async (t) => {
  const official = await signIn(app, 'official1');
  const organizer = await signIn(app, 'organizer');
  const jaTitle = '成果ページで読む部品通関の課題';
  const jaIssue = await acceptedIssue(await signIn(app, 'hanami'), official, { title: jaTitle, body: '部品の通関に時間がかかります。', language: 'ja' });
  const held = await heldRoundTable(official, [jaIssue.id as string], { start: '2026-03-02T09:00', end: '2026-03-02T11:00' });
  const decided = await official.post(`/api/round-tables/${held.id}/slots/${held.slotId}/decisions`, {
    text: '海关将开通零部件快速通道。',
    kind: 'commitment',
    issueIds: [jaIssue.id],
    language: 'zh',
  });
  t.equal(decided.statusCode, 201, decided.body);
  const me = (await official.get('/api/me')).json().user;
  const act = await official.post(`/api/decisions/${decided.json().id}/actions`, {
    description: '开通快速通道（成果页）',
    ownerOrganizationId: me.organizationId,
    dueDate: '2026-04-30',
  });
  t.equal(act.statusCode, 201, act.body);
  const jaDecision = '税関は部品の優先レーンを開設する。';
  const jaAction = '優先レーンの開設（成果ページ）';
  for (const [url, fields] of [
    [`/api/translations/decision/${decided.json().id}/ja`, { text: jaDecision }],
    [`/api/translations/action/${act.json().id}/ja`, { description: jaAction }],
  ] as const)
    t.equal((await organizer.request('PUT', url, { fields })).statusCode, 200);

  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  await signInAs(page, 'organizer', 'ja');

  // The printable outcomes: the Chinese decision and action item in Japanese, translated, with the note.
  await page.goto(`${base}/#/round-tables/${held.id}/outcomes/print`);
  const decisionText = page.getByTestId('print-decision-text');
  await decisionText.getByText(jaDecision).waitFor();
  t.equal(await decisionText.evaluate((el) => el.parentElement?.getAttribute('lang')), 'ja', 'the translated decision is marked Japanese');
  t.match(await page.getByTestId('print-outcomes').getByTestId('translation-note').first().textContent(), /中国語から翻訳/);
  t.equal(await page.getByText(jaAction).getAttribute('lang'), 'ja', 'the action item in Japanese');
  t.equal(await page.getByTestId('print-outcomes').getByText(jaTitle).getAttribute('lang'), 'ja', "the issue's Japanese title");
  await page.getByTestId('translation-toggle').first().click();
  await decisionText.getByText('海关将开通零部件快速通道。').waitFor();
  t.equal(await decisionText.evaluate((el) => el.parentElement?.getAttribute('lang')), 'zh-CN', 'the original a click away, marked Chinese');

  // The board's overdue list (due 2026-04-30): the action item in Japanese, marked so.
  await page.goto(`${base}/#/board?roundTable=${held.id}`);
  const overdue = page.getByTestId('board-overdue').getByText(jaAction);
  await overdue.waitFor();
  t.equal(await overdue.getAttribute('lang'), 'ja');
  await context.close();

  // The overdue reminder in the author company's feed: the description in Japanese, the due date written in Japanese.
  await sendDueReminders(app.db);
  const company = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Tokyo' });
  const companyPage = await company.newPage();
  await signInAs(companyPage, 'hanami', 'ja');
  await companyPage.goto(`${base}/#/notifications`);
  const reminder = companyPage.getByTestId('notice').filter({ hasText: jaAction }).first();
  await reminder.waitFor();
  t.match(await reminder.textContent(), /対応事項の期限 2026年4月30日：優先レーンの開設/);
  t.equal(await reminder.getByText(jaAction).getAttribute('lang'), 'ja', 'the description marked with its language');
  await company.close();

  // A progress update and the reason the action was dropped, written in Japanese by the official.
  const actionUrl = `/api/actions/${act.json().id}`;
  const jaProgress = '優先レーンの試行を開始した。';
  t.equal((await official.patch(actionUrl, { status: 'in_progress' })).statusCode, 200);
  t.equal((await official.post(`${actionUrl}/progress`, { percent: 20, publicText: jaProgress, language: 'ja' })).statusCode, 201);
  t.equal((await official.patch(actionUrl, { status: 'dropped', reason: '試行で代替する。', language: 'ja' })).statusCode, 200);

  // In the Chinese UI: the Japanese issue title on the outcomes tab is lang="ja"; the chain's decision step zh-CN.
  const zhContext = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Shanghai' });
  const zhPage = await zhContext.newPage();
  await signInAs(zhPage, 'official1', 'zh');
  await zhPage.goto(`${base}/#/round-tables/${held.id}/outcomes/print`);
  const listed = zhPage.getByTestId('print-outcomes').getByText(jaTitle).first();
  await listed.waitFor();
  t.equal(await listed.getAttribute('lang'), 'ja', 'a Japanese issue title in the Chinese UI is marked Japanese');
  t.equal(await zhPage.getByTestId('print-decision-text').evaluate((el) => el.parentElement?.getAttribute('lang')), 'zh-CN');
  await zhPage.goto(`${base}/#/issues/${jaIssue.id}`);
  const step = zhPage.getByTestId('issue-chain').locator('.chain-decision').getByText('海关将开通零部件快速通道。');
  await step.waitFor();
  t.equal(await step.getAttribute('lang'), 'zh-CN', "the chain's decision step carries its text's language");
  const link = zhPage.getByTestId('issue-chain').getByTestId('decision').locator('ul.issues a').first();
  t.equal(await link.locator('span').getAttribute('lang'), 'ja', "the decision's issue link: the Japanese title marked ja");
  const progressTexts = zhPage.getByTestId('issue-chain').getByText(jaProgress);
  await progressTexts.first().waitFor();
  t.same(
    await progressTexts.evaluateAll((els) => els.map((el) => el.getAttribute('lang'))),
    ['ja', 'ja'],
    'the Japanese progress update, as a chain step and on the action card, is marked Japanese',
  );
  const reason = zhPage.getByTestId('issue-chain').getByTestId('dropped-reason');
  t.match(await reason.textContent(), /^已放弃：試行で代替する。$/, 'the dictionary text around the reason');
  t.equal(await reason.getByText('試行で代替する。').getAttribute('lang'), 'ja', 'the reason itself marked Japanese');
  await zhContext.close();
});
