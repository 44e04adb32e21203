// In real Chromium, on the PostgreSQL server: a visitor opens a round-table's live page while the database is
// away. The server answers the page's subscribe with a retryable error frame (DATABASE_UNAVAILABLE,
// retryAfterMs); the web client's live client asks again by itself, so once the database is back the page shows
// the live state and follows the session, without a reload. (The page's one HTTP read of the round-table is
// served from a copy taken beforehand: this test is about the WebSocket path.)
import t from 'tap';
import { signIn, stranger, testConfig, testDatabase } from '../helpers/app.js';
import { launchBrowser, listeningApp } from '../helpers/browser.js';
import { databaseSwitch } from '../helpers/outage.js';

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  t.plan(0, 'needs the PostgreSQL server (DATABASE_URL)');
} else {
  void t.test('a subscribe refused during an outage is retried by the web client once the database is back', async (t) => {
    const database = await testDatabase(t);
    const { app, base } = await listeningApp(t, database, { live: { ...testConfig().live, retryAfterMs: 300 } });
    const outage = databaseSwitch(t, database);
    const official = await signIn(app, 'official1');
    const list = (await stranger(app).get('/api/round-tables')).json<{ id: string; titleEn: string }[]>();
    const rt = list.find((r) => r.titleEn.startsWith('Round-table on the business environment'))!;
    const rtBody = (await stranger(app).get(`/api/round-tables/${rt.id}`)).body;

    const browser = await launchBrowser(t);
    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await page.route(`${base}/api/round-tables/${rt.id}`, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: rtBody }));
    const frames: string[] = [];
    page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
    await page.goto(`${base}/#/`);
    await page.waitForLoadState('networkidle');

    await outage.cut();
    await page.goto(`${base}/#/live/${rt.id}`);
    const refused = async () => frames.some((f) => f.includes('"DATABASE_UNAVAILABLE"') && f.includes('retryAfterMs'));
    for (let i = 0; i < 300 && !(await refused()); i++) await new Promise((r) => setTimeout(r, 100));
    t.ok(await refused(), 'the subscribe was answered with a retryable DATABASE_UNAVAILABLE frame');
    t.equal(await page.getByTestId('live-status').count(), 0, 'no live state during the outage');
    t.equal(await page.getByRole('alert').count(), 0, 'and no error shown for a retryable refusal');

    await outage.reopen();
    await page.getByTestId('live-status').filter({ hasText: 'Not started' }).waitFor();
    t.pass('the live state appears once the database is back, without a reload');
    const start = await official.post(`/api/round-tables/${rt.id}/live/start`);
    t.equal(start.statusCode, 200, 'the chair starts the session');
    await page.getByTestId('live-status').filter({ hasText: 'Live now' }).waitFor();
    t.pass('and the page follows it');
  });
}
