// Translations API: add/replace, read in the reader's language (Accept-Language or the user's), stale marking
// when the original changes, the company's own translations at submission, the translators' queue, search over
// translated text, and bad input (each refused with its stable code, nothing written).
import t from 'tap';
import { eq } from 'drizzle-orm';
import { translations } from '../../src/db/schema/index.js';
import { signIn, stranger, testApp, testDatabase } from '../helpers/app.js';
import { command, createIssue } from '../helpers/issues.js';

const database = await testDatabase(t);
const app = await testApp(t, database);
const organizer = await signIn(app, 'organizer');
const official = await signIn(app, 'official1'); // reads Chinese
const hanami = await signIn(app, 'hanami'); // writes Japanese
const sakura = await signIn(app, 'sakura');
const attendee = await signIn(app, 'attendee1');

const JA = { title: '天津港での部品通関の遅れ', body: '輸入部品の通関に十日以上かかっています。改善をお願いします。', desiredOutcome: '三日以内の通関' };
const ZH = { title: '天津港零部件清关延误', body: '进口零部件清关需要十天以上。请改进。', desiredOutcome: '三天内清关' };

const issue = await createIssue(hanami, { ...JA, language: 'ja' });
const put = (client = organizer, kind = 'issue', id = issue.id, lang = 'zh', body: unknown = { fields: ZH }) =>
  client.request('PUT', `/api/translations/${kind}/${id}/${lang}`, body);

void t.test('an organizer translates a Japanese issue into Chinese; readers get it in their language', async (t) => {
  const res = await put();
  t.equal(res.statusCode, 200, res.body);
  const saved = res.json();
  t.equal(saved.original.language, 'ja');
  t.equal(saved.translations.length, 1);
  t.match(saved.translations[0], { language: 'zh', translatedFrom: 'ja', current: true, machine: false, translatorName: 'Kenji Sato', fields: ZH });

  // The official's own language is Chinese: the translation comes with the original.
  const detail = (await official.get(`/api/issues/${issue.id}`)).json();
  t.equal(detail.title, JA.title, 'the original stays in place');
  t.match(detail.translation, { language: 'zh', translatedFrom: 'ja', current: true, fields: ZH });
  // Accept-Language wins over the user's language; a Japanese reader gets no translation (it is the original).
  const inJa = (await official.request('GET', `/api/issues/${issue.id}`, undefined, { 'accept-language': 'ja,zh;q=0.5' })).json();
  t.equal(inJa.translation, null);
  const inEn = (await official.request('GET', `/api/issues/${issue.id}`, undefined, { 'accept-language': 'en-US' })).json();
  t.equal(inEn.translation, null, 'no English translation yet: the original, marked ja');
  t.equal(inEn.language, 'ja');
  // Strangers choose by Accept-Language alone.
  const anon = (await stranger(app).request('GET', `/api/issues/${issue.id}`, undefined, { 'accept-language': 'zh-CN' })).json();
  t.match(anon.translation, { language: 'zh', fields: ZH });

  // Lists carry the translated title.
  const queue = (await official.get('/api/issues/queue')).json();
  const row = queue.items.find((i: { id: string }) => i.id === issue.id);
  t.same(row.translation.fields, { title: ZH.title });
  // So does the queue's CSV export, in the reader's language; the language column stays the original's.
  t.same(await csvRow('zh'), [ZH.title, '日语'], 'the Chinese CSV has the Chinese title');
  t.same(await csvRow('ja'), [JA.title, '日本語'], 'the original for a Japanese reader');
  t.same(await csvRow('en'), [JA.title, 'Japanese'], 'no English translation: the original');
});

/** The title and language cells of the test issue's row in the queue's CSV export in `lang`. */
async function csvRow(lang: string) {
  const csv = await official.get(`/api/issues/queue.csv?lang=${lang}`);
  // Every cell is quoted and these have no quotes or commas of their own.
  const cells = csv.body
    .split('\r\n')
    .map((l) => l.slice(1, -1).split('","'))
    .find((c) => c[0] === issue.id);
  return [cells?.[1], cells?.[5]];
}

void t.test('replacing a translation keeps one per language', async (t) => {
  const res = await put(organizer, 'issue', issue.id, 'zh', { fields: { ...ZH, title: ZH.title + '（修订）' } });
  t.equal(res.statusCode, 200);
  t.equal(res.json().translations.length, 1);
  t.equal(res.json().translations[0].fields.title, ZH.title + '（修订）');
  await put();
});

void t.test('search finds an issue by its translated text', async (t) => {
  const res = (await official.get(`/api/issues/queue?q=${encodeURIComponent('零部件清关')}`)).json();
  t.ok(
    res.items.some((i: { id: string }) => i.id === issue.id),
    'the Chinese query matches the Chinese translation of a Japanese issue',
  );
  const pub = (await stranger(app).get(`/api/issues/public?q=${encodeURIComponent('零部件清关')}`)).json();
  t.ok(pub.items.some((i: { id: string }) => i.id === issue.id));
  const similar = (await sakura.get(`/api/issues/similar?title=${encodeURIComponent(ZH.title)}`)).json();
  t.ok(
    similar.some((i: { id: string }) => i.id === issue.id),
    'similar-issue matching considers translations',
  );
});

void t.test('an edited original leaves its translation in place, marked stale', async (t) => {
  const edited = await hanami.patch(`/api/issues/${issue.id}`, { body: JA.body + '特に電子部品です。' });
  t.equal(edited.statusCode, 200, edited.body);
  const detail = (await official.get(`/api/issues/${issue.id}`)).json();
  t.match(detail.translation, { language: 'zh', current: false, fields: ZH }, 'stale, not lost');
  const list = (await organizer.get(`/api/translations/issue/${issue.id}`)).json();
  t.equal(list.translations[0].current, false);
  const queue = (await organizer.get('/api/translations/queue')).json();
  const entry = queue.find((q: { id: string }) => q.id === issue.id);
  t.same(await csvRow('zh'), [JA.title, '日语'], 'a stale translation is not the CSV title');
  t.ok(entry, 'the stale text is back in the queue');
  t.same(entry.stale, ['zh']);
  t.same(entry.missing, ['en']);
  t.equal(entry.urgency, 'review');
  // A translation made from the version before the edit is stored, but stale.
  const res = await put(organizer, 'issue', issue.id, 'zh', {
    fields: ZH,
    basedOn: list.original.sourceHash.replace(/^./, (c: string) => (c === 'a' ? 'b' : 'a')),
  });
  t.equal(res.json().translations[0].current, false, 'translated from an older original: stale from the start');
  // Translating the current original makes it current again.
  const fresh = await put(organizer, 'issue', issue.id, 'zh', { fields: ZH, basedOn: list.original.sourceHash });
  t.equal(fresh.json().translations[0].current, true);
});

void t.test('the author company translates its own issue, also when submitting', async (t) => {
  const created = await hanami.post('/api/issues', {
    ...JA,
    title: '知的財産の登録手続き',
    category: 'intellectual_property',
    language: 'ja',
    visibility: 'public',
    submit: true,
    translations: [
      { language: 'en', title: 'IP registration procedure', body: 'The procedure to register IP takes too long here.', desiredOutcome: 'Within three days' },
    ],
  });
  t.equal(created.statusCode, 201, created.body);
  const detail = (await sakura.get(`/api/issues/${created.json().id}`)).json();
  t.match(detail.translation, { language: 'en', translatedFrom: 'ja', current: true, fields: { title: 'IP registration procedure' } });
  t.equal(
    (await put(hanami, 'issue', created.json().id, 'zh', { fields: { title: '知识产权登记', body: '登记知识产权的程序太长。', desiredOutcome: '缩短' } }))
      .statusCode,
    200,
  );
  // Another company may not translate it.
  const other = await put(sakura, 'issue', created.json().id, 'zh', { fields: ZH });
  t.equal(other.statusCode, 403);
  t.equal(other.json().code, 'TRANSLATION_NOT_ALLOWED');
  // A translation given at submission into the issue's own language refuses the whole submission.
  const bad = await hanami.post('/api/issues', {
    ...JA,
    category: 'investment',
    language: 'ja',
    visibility: 'public',
    translations: [{ language: 'ja', title: 'x'.repeat(5), body: 'y'.repeat(12) }],
  });
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().code, 'TRANSLATION_INTO_SOURCE');
});

void t.test('answers and clarification messages are translated too', async (t) => {
  await command(official, issue.id, 'start_review');
  await command(official, issue.id, 'accept', { answer: { text: '我们将在一个月内简化清关手续。', department: '海关', timeFrame: '一个月' } });
  const msg = await official.post(`/api/issues/${issue.id}/messages`, { body: '请提供报关单号。' });
  t.equal(msg.json().language, 'zh', 'a message records its language (the writer’s)');
  t.equal((await put(organizer, 'answer', issue.id, 'ja', { fields: { text: '一か月以内に通関手続きを簡素化します。' } })).statusCode, 200);
  const detail = (await hanami.get(`/api/issues/${issue.id}`)).json();
  t.equal(detail.answer.language, 'zh');
  t.match(detail.answer.translation, { language: 'ja', translatedFrom: 'zh', current: true });
  // Organizers do not take part in the thread: its messages do not exist for them.
  const hidden = await put(organizer, 'message', msg.json().id, 'ja', { fields: { body: '申告番号を教えてください。' } });
  t.equal(hidden.statusCode, 404);
  t.equal(hidden.json().code, 'TEXT_NOT_FOUND');
  t.equal((await put(hanami, 'message', msg.json().id, 'ja', { fields: { body: '申告番号を教えてください。' } })).statusCode, 200);
  const thread = (await hanami.get(`/api/issues/${issue.id}/messages`)).json();
  t.match(thread[0].translation, { language: 'ja', translatedFrom: 'zh', fields: { body: '申告番号を教えてください。' } });
});

void t.test("e-mails and feed lines give an issue's title in the recipient's language when a current translation exists", async (t) => {
  const fuji = await signIn(app, 'fuji'); // reads Chinese
  const mailed = await createIssue(hanami, { ...JA, title: '部品通関の電子申請の不具合', language: 'ja' });
  const translate = async () => t.equal((await put(organizer, 'issue', mailed.id, 'zh', { fields: { ...ZH, title: '零部件电子报关故障' } })).statusCode, 200);
  const mails = async (state: string) =>
    (await organizer.get('/api/outbox?limit=200'))
      .json<{ to: string; kind: string; subject: string; text: string }[]>()
      .filter((m) => m.kind === 'issue.transition' && m.text.includes(mailed.id) && m.subject.includes(state));
  await translate();
  t.equal((await fuji.post(`/api/issues/${mailed.id}/support`, {})).statusCode, 200);
  t.equal((await sakura.post(`/api/issues/${mailed.id}/support`, {})).statusCode, 200);
  // The original changes: the stale translation is not the title.
  t.equal((await hanami.patch(`/api/issues/${mailed.id}`, { title: '部品通関の電子申請の不具合（続報）' })).statusCode, 200);
  await command(official, mailed.id, 'start_review');
  const review = await mails('审核中');
  t.match(review.find((m) => m.to === 'yamamoto@fuji-commerce.example')?.subject, /部品通関の電子申請の不具合（続報）/, 'stale: the original');
  // Translated again from the current original: Chinese readers get the Chinese title.
  await translate();
  await command(official, mailed.id, 'accept');
  const subject = async (to: string, state: string) => (await mails(state)).find((m) => m.to === to)?.subject;
  t.match(await subject('yamamoto@fuji-commerce.example', '已受理'), /零部件电子报关故障/, 'Chinese reader: the Chinese translation');
  t.match(await subject('tanaka@hanami-motors.example', '受理'), /部品通関の電子申請の不具合（続報）/, 'the Japanese author: the original');
  t.match(
    await subject('suzuki@sakura-electronics.example', 'ccepted'),
    /部品通関の電子申請の不具合（続報）/,
    'English reader, no English translation: the original',
  );
  // The feed row carries the title's language and its current translations, for the web client's line.
  const feed = (await fuji.get('/api/feed?limit=50')).json<{ items: { issueId: string; data: Record<string, unknown> }[] }>();
  t.match(feed.items.find((n) => n.issueId === mailed.id && n.data.toState === 'accepted')?.data, { language: 'ja', titles: { zh: '零部件电子报关故障' } });
});

void t.test('bad input: each refused with a stable code, nothing written', async (t) => {
  const count = async () => (await database.db.select().from(translations).where(eq(translations.textId, issue.id))).length;
  const before = await count();
  const cases: [string, Awaited<ReturnType<typeof put>>, number, string][] = [
    ['into the source language', await put(organizer, 'issue', issue.id, 'ja'), 400, 'TRANSLATION_INTO_SOURCE'],
    ['into an unknown language', await put(organizer, 'issue', issue.id, 'fr'), 400, 'UNKNOWN_LANGUAGE'],
    ['a missing field', await put(organizer, 'issue', issue.id, 'en', { fields: { title: 'Only a title' } }), 400, 'TRANSLATION_FIELDS'],
    ['a field the text has not', await put(organizer, 'issue', issue.id, 'en', { fields: { ...ZH, secret: 'x' } }), 400, 'TRANSLATION_FIELDS'],
    ['an unknown kind', await put(organizer, 'poem', issue.id, 'en'), 400, 'VALIDATION_FAILED'],
    ['no such text', await put(organizer, 'issue', '00000000-0000-4000-8000-000000000000', 'en'), 404, 'TEXT_NOT_FOUND'],
    ['an attendee', await put(attendee, 'issue', issue.id, 'en'), 403, 'TRANSLATION_NOT_ALLOWED'],
    ['a stranger', await put(stranger(app), 'issue', issue.id, 'en'), 401, 'UNAUTHENTICATED'],
    ['a bad basedOn', await put(organizer, 'issue', issue.id, 'en', { fields: ZH, basedOn: 'nope' }), 400, 'VALIDATION_FAILED'],
  ];
  for (const [what, res, status, code] of cases) {
    t.equal(res.statusCode, status, `${what}: ${status}`);
    t.equal(res.json().code, code, `${what}: ${code}`);
  }
  t.equal(await count(), before, 'nothing was written');
  const queue = await sakura.get('/api/translations/queue');
  t.equal(queue.statusCode, 403, 'the queue is for organizers and officials');
});

void t.test('the queue orders by urgency: review first, oldest waiting first', async (t) => {
  const a = await createIssue(hanami, { ...JA, title: '第一の課題です', language: 'ja' });
  const b = await createIssue(hanami, { ...JA, title: '第二の課題です', language: 'ja' });
  const queue = (await organizer.get('/api/translations/queue?language=zh')).json();
  const ids = queue.map((q: { id: string }) => q.id);
  t.ok(ids.indexOf(a.id) < ids.indexOf(b.id), 'older first');
  t.ok(
    queue.every((q: { missing: string[]; stale: string[] }) => [...q.missing, ...q.stale].every((l) => l === 'zh')),
    'only the asked language',
  );
  const urgencies = queue.map((q: { urgency: string }) => q.urgency);
  t.same(
    urgencies,
    [...urgencies].sort((x: string, y: string) => ['review', 'roundtable', 'follow_up'].indexOf(x) - ['review', 'roundtable', 'follow_up'].indexOf(y)),
  );
});

void t.test("round-tables missing a language are in their staff's queue, by date", async (t) => {
  const res = await official.post('/api/round-tables', {
    titleEn: 'Zxq customs round-table',
    titleZh: '',
    start: '2031-03-05T14:00',
    end: '2031-03-05T16:00',
    capacity: 10,
    venueName: 'Hall Zxq',
  });
  t.equal(res.statusCode, 201, res.body);
  const rt = res.json();
  const queue = (await official.get('/api/translations/queue')).json();
  const entry = queue.find((q: { id: string }) => q.id === rt.id);
  t.match(entry, { kind: 'roundtable', roundTableId: rt.id, issueId: null, title: 'Zxq customs round-table', sourceLanguage: 'en', urgency: 'roundtable' });
  t.same([...entry.missing].sort(), ['ja', 'zh']);
  t.notOk(
    (await organizer.get('/api/translations/queue')).json().some((q: { id: string }) => q.id === rt.id),
    "not in the queue of those who cannot edit it (a draft round-table's staff only)",
  );
  const done = await official.patch(`/api/round-tables/${rt.id}`, { titleJa: 'Zxq税関円卓会議', titleZh: 'Zxq海关圆桌会议' });
  t.equal(done.statusCode, 200, done.body);
  t.notOk(
    (await official.get('/api/translations/queue')).json().some((q: { id: string }) => q.id === rt.id),
    'translated: out of the queue',
  );
});
