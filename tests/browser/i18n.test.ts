// In real Chromium, a reader in the Chinese UI: errors in Chinese (the dictionary, not the server's
// English), Japanese text marked lang="ja" (so it renders with Japanese glyphs), organization names in
// Chinese, times labelled with the venue city, and the UI language kept after signing out.
import t from 'tap';
import { demoEmail, signIn, testDatabase } from '../helpers/app.js';
import { command, createIssue } from '../helpers/issues.js';
import { launchBrowser, listeningApp } from '../helpers/browser.js';
import { DEMO_PASSWORD } from '../../src/db/seed/identity.js';

const database = await testDatabase(t);
const { app, base } = await listeningApp(t, database);
const browser = await launchBrowser(t);

const JA_TITLE = '天津港での補修部品の通関に時間がかかりすぎる';
const token = (await app.inject({ method: 'POST', url: '/api/auth/tokens', payload: { email: demoEmail('official1'), password: DEMO_PASSWORD } })).json()
  .token as string;
const found = await app.inject({ method: 'GET', url: `/api/issues/queue?q=${encodeURIComponent(JA_TITLE)}`, headers: { authorization: `Bearer ${token}` } });
const jaIssue = found.json<{ items: { id: string; title: string; language: string }[] }>().items.find((i) => i.title === JA_TITLE)!;

t.test('the Chinese UI: errors, lang attributes, names, and the language after sign-out', async (t) => {
  t.equal(jaIssue.language, 'ja', 'the seeded issue is written in Japanese');
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.goto(base);
  await page.getByLabel(/^(Language|言語|语言)$/).selectOption('zh');
  t.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');

  // A wrong password: the message comes from the Chinese dictionary; the code is a detail, not the text.
  await page.getByLabel('电子邮箱').fill(demoEmail('official1'));
  await page.getByLabel('密码').fill('not-the-password');
  await page.getByRole('button', { name: '登录' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  t.equal(await alert.textContent(), '电子邮件地址或密码不正确。');
  t.equal(await alert.getAttribute('data-code'), 'INVALID_CREDENTIALS');

  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('person').waitFor();

  // The Japanese issue in the Chinese UI: its title and body carry lang="ja"; the company is named in Chinese.
  await page.goto(`${base}/#/issues/${jaIssue.id}`);
  const title = page.getByTestId('issue-title');
  await title.getByText(JA_TITLE).waitFor();
  t.equal(await title.getAttribute('lang'), 'ja', 'Japanese title marked lang="ja"');
  t.equal(await page.locator('html').getAttribute('lang'), 'zh-CN', 'inside a Chinese page');
  t.ok(await page.locator('span[lang="zh-CN"]').filter({ hasText: /天津/ }).count(), 'an organization named in Chinese, marked zh-CN');

  // Round-tables: the venue is in Tianjin, so its times say so (in Chinese), never "Shanghai".
  const jaOnly = '日本語だけの題名の円卓会議';
  const auth = { authorization: `Bearer ${token}` };
  const made = await app.inject({
    method: 'POST',
    url: '/api/round-tables',
    headers: auth,
    payload: { titleJa: jaOnly, start: '2031-10-01T14:00', end: '2031-10-01T16:00', capacity: 10, venueName: 'Hall J' },
  });
  t.equal(made.statusCode, 201, made.body);
  t.equal((await app.inject({ method: 'POST', url: `/api/round-tables/${made.json().id}/publish`, headers: auth })).statusCode, 200);
  await page.goto(`${base}/#/round-tables`);
  const times = page.locator('p.times').first();
  await times.waitFor();
  t.match(await times.textContent(), /天津时间/);
  t.notMatch(await times.textContent(), /Shanghai/);
  const jaTitle = page.getByRole('link', { name: jaOnly }).locator('span');
  await jaTitle.waitFor();
  t.equal(await jaTitle.getAttribute('lang'), 'ja', 'a round-table titled only in Japanese is marked Japanese in the Chinese list');

  // Signing out keeps the UI language.
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByRole('button', { name: '登录' }).waitFor();
  t.equal(await page.locator('html').getAttribute('lang'), 'zh-CN', 'still Chinese after sign-out');
  // A reload stays on the page it was on (a visitor's view of it), still in Chinese.
  await page.reload();
  // The navigation offers a visitor "登录" (sign in): the UI is still Chinese.
  await page.getByRole('link', { name: '登录' }).first().waitFor();
  t.equal(await page.locator('html').getAttribute('lang'), 'zh-CN', 'and after a reload');
  await context.close();
});

t.test("user-written text in the Chinese UI carries its own lang: queue, translators' queue, feed lines, dashboard", async (t) => {
  // A Japanese issue a Chinese-reading company supports; the review starts, so its feed has a line about it.
  const title = '部品の通関書類の様式が毎月変わります';
  const hanami = await signIn(app, 'hanami');
  const official = await signIn(app, 'official1');
  const issue = await createIssue(hanami, { title, body: '通関書類の様式が毎月のように変わり、対応が追いつきません。', language: 'ja' });
  t.equal((await (await signIn(app, 'fuji')).post(`/api/issues/${issue.id}/support`, {})).statusCode, 200);
  await command(official, issue.id, 'start_review');

  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const signInAs = async (who: string) => {
    await page.goto(base);
    await page.getByLabel('电子邮箱').fill(demoEmail(who));
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('person').waitFor();
  };
  const langOf = async (selector: string) => {
    const el = page.locator(selector).filter({ hasText: title }).first();
    await el.waitFor();
    return el.getAttribute('lang');
  };

  await signInAs('fuji');
  t.equal(await page.locator('html').getAttribute('lang'), 'zh-CN', 'the Chinese UI');
  t.equal(await langOf('[data-testid="dash-changed"] a'), 'ja', "the dashboard's changes name the title in Japanese");
  await page.goto(`${base}/#/notifications`);
  t.equal(await langOf('[data-testid="notice"] strong span'), 'ja', 'the notice line marks its Japanese title');
  t.match(await page.getByTestId('notice').filter({ hasText: title }).first().textContent(), /审核中/, 'inside a Chinese line');
  await page.getByRole('button', { name: '退出登录' }).click();

  // Accepted with an answer held for release, written in Chinese (the official's language).
  await command(official, issue.id, 'accept', { answer: { text: '海关将简化单证格式。', department: '天津海关', timeFrame: '2027年', hold: true } });
  await signInAs('official1');
  await page.goto(`${base}/#/issues/answers`);
  t.equal(await langOf('a'), 'ja', 'held answers: the Japanese title marked ja');
  t.equal(await page.locator('span[lang="zh-CN"]').filter({ hasText: '海关将简化单证格式' }).count(), 1, 'and the Chinese answer zh-CN');
  await page.goto(`${base}/#/issues`);
  t.equal(await langOf('a span'), 'ja', 'the review queue marks the Japanese title');
  await page.goto(`${base}/#/translations`);
  t.equal(await langOf('a'), 'ja', "the translators' queue marks the Japanese title");
  await context.close();
});
