// Translations of outcomes: a decision's text and an action item's description are translated like issue
// texts, read in the reader's language, go stale when the original changes, and follow the decision's
// visibility (a confidential issue's decision and its translation exist for nobody else).
import t from 'tap';
import { signIn, stranger, testApp, testDatabase } from '../helpers/app.js';
import { acceptedIssue, principal } from '../helpers/issues.js';
import { heldRoundTable } from '../helpers/outcomes.js';
import { sendDueReminders } from '../../src/modules/outcomes/reminders.service.js';
import { render } from '../../src/modules/notifications/notifications.templates.js';

const database = await testDatabase(t);
const app = await testApp(t, database);
const official = await signIn(app, 'official1'); // writes Chinese
const organizer = await signIn(app, 'organizer'); // reads Japanese
const hanami = await signIn(app, 'hanami'); // reads Japanese
const kaze = await signIn(app, 'kaze');
const wang = await principal(database, 'official1');

const pub = await acceptedIssue(hanami, official, { title: 'Public issue for translated outcomes' });
const conf = await acceptedIssue(kaze, official, { title: 'Confidential issue for translated outcomes', visibility: 'confidential' });
const rt = await heldRoundTable(official, [pub.id, conf.id], { start: '2026-05-21T09:00', end: '2026-05-21T11:00' });
const decide = async (issueId: string, text: string) => {
  const res = await official.post(`/api/round-tables/${rt.id}/slots/${rt.slotId}/decisions`, { text, kind: 'commitment', issueIds: [issueId], language: 'zh' });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json().id as string;
};
const decision = await decide(pub.id, '海关将在三十天内开通零部件快速通道。');
const secret = await decide(conf.id, '机密决定。');
const actionRes = await official.post(`/api/decisions/${decision}/actions`, {
  description: '开通快速通道',
  ownerOrganizationId: wang.organizationId,
  dueDate: '2026-06-30',
});
const action = actionRes.json();

void t.test('a decision and an action translated into Japanese; the Japanese reader gets them', async (t) => {
  t.equal(action.language, 'zh', 'an action item records its language (the writer’s)');
  const d = await organizer.request('PUT', `/api/translations/decision/${decision}/ja`, { fields: { text: '税関は30日以内に部品の優先レーンを開設する。' } });
  t.equal(d.statusCode, 200, d.body);
  t.match(d.json(), { kind: 'decision', issueId: null, roundTableId: rt.id, original: { language: 'zh' } });
  const a = await organizer.request('PUT', `/api/translations/action/${action.id}/ja`, { fields: { description: '優先レーンの開設' } });
  t.equal(a.statusCode, 200, a.body);
  const outcomes = (await hanami.get(`/api/round-tables/${rt.id}/outcomes`)).json();
  const shown = outcomes.slots.flatMap((s: { decisions: unknown[] }) => s.decisions).find((x: { id: string }) => x.id === decision);
  t.match(shown.translation, { language: 'ja', translatedFrom: 'zh', current: true, fields: { text: '税関は30日以内に部品の優先レーンを開設する。' } });
  t.match(shown.actions[0].translation, { language: 'ja', current: true, fields: { description: '優先レーンの開設' } });
  const asOfficial = (await official.get(`/api/round-tables/${rt.id}/outcomes`)).json();
  t.equal(
    asOfficial.slots.flatMap((s: { decisions: { id: string; translation: unknown }[] }) => s.decisions).find((x: { id: string }) => x.id === decision)
      .translation,
    null,
    'the Chinese reader reads the original',
  );
  t.equal((await organizer.request('PUT', `/api/translations/decision/${decision}/zh`, { fields: { text: 'x' } })).json().code, 'TRANSLATION_INTO_SOURCE');
  t.equal((await hanami.request('PUT', `/api/translations/decision/${decision}/en`, { fields: { text: 'x' } })).json().code, 'TRANSLATION_NOT_ALLOWED');
});

void t.test("a confidential issue's decision and its translation exist for nobody else", async (t) => {
  t.equal((await official.request('PUT', `/api/translations/decision/${secret}/en`, { fields: { text: 'Zxq secret decision' } })).statusCode, 200);
  for (const client of [hanami, organizer, stranger(app)]) {
    const res = await client.get(`/api/translations/decision/${secret}`);
    t.same([res.statusCode, res.json().code], [404, 'TEXT_NOT_FOUND']);
  }
  t.equal((await kaze.get(`/api/translations/decision/${secret}`)).statusCode, 200, 'the author company sees it');
});

void t.test("the issues outcomes name, and the board's overdue items, come with their language and the reader's translation", async (t) => {
  const zhTitle = '翻译后的成果议题';
  const put = await organizer.request('PUT', `/api/translations/issue/${pub.id}/zh`, {
    fields: { title: zhTitle, body: '正文的翻译。', desiredOutcome: '三天内通关。' },
  });
  t.equal(put.statusCode, 200, put.body);
  const expected = { language: 'en', translation: { language: 'zh', translatedFrom: 'en', current: true, fields: { title: zhTitle } } };

  const outcomes = (await official.get(`/api/round-tables/${rt.id}/outcomes`)).json();
  const slot = outcomes.slots.find((s: { slotId: string }) => s.slotId === rt.slotId);
  const onSlot = slot.issues.find((i: { id: string }) => i.id === pub.id);
  t.match(onSlot, expected, "the slot's issue: its title's language and its Chinese title");
  t.same(Object.keys(onSlot.translation.fields), ['title'], 'the title only, not the body');
  const ofDecision = slot.decisions.find((d: { id: string }) => d.id === decision).issues[0];
  t.match(ofDecision, expected, "the decision's issue too");
  t.equal((await hanami.get(`/api/round-tables/${rt.id}/outcomes`)).json().slots[0].issues[0].translation, null, 'a Japanese reader: no Japanese title yet');

  const chain = (await official.get(`/api/issues/${pub.id}/chain`)).json();
  t.match(chain.issue, expected, "the chain's issue");
  t.match(
    chain.steps.find((s: { kind: string }) => s.kind === 'decision'),
    { language: 'zh', translation: null },
    'a decision step names the language of its text',
  );
  const jaChain = (await organizer.get(`/api/issues/${pub.id}/chain`)).json();
  t.match(
    jaChain.steps.find((s: { kind: string }) => s.kind === 'action'),
    {
      text: '开通快速通道',
      language: 'zh',
      translation: { language: 'ja', current: true, fields: { description: '優先レーンの開設' } },
    },
  );

  // The action was due 2026-06-30: on the board's overdue list, in the Japanese reader's language.
  const board = (await organizer.get(`/api/board?roundTableId=${rt.id}`)).json();
  t.match(
    board.overdue.find((a: { id: string }) => a.id === action.id),
    { description: '开通快速通道', language: 'zh', translation: { language: 'ja', current: true, fields: { description: '優先レーンの開設' } } },
  );
});

void t.test("a reminder of the overdue action gives its description in each recipient's language", async (t) => {
  await sendDueReminders(app.db);
  const feed = (await hanami.get('/api/feed?limit=50')).json<{ items: { type: string; data: Record<string, unknown> }[] }>();
  const reminder = feed.items.find((i) => i.type === 'action.reminder' && i.data.actionId === action.id);
  t.ok(reminder, 'the author company hears of it');
  t.match(reminder!.data, { description: '开通快速通道', language: 'zh', descriptions: { ja: '優先レーンの開設' } });
  const ctx = { timeZone: 'Asia/Tokyo', publicUrl: 'http://localhost:3000' };
  t.equal(
    render('action.reminder', reminder!.data, { ...ctx, language: 'ja' }).subject,
    '対応事項の期限 2026年6月30日：優先レーンの開設',
    'the Japanese e-mail',
  );
  t.equal(
    render('action.reminder', reminder!.data, { ...ctx, language: 'en' }).subject,
    'Action item due 30 Jun 2026: 开通快速通道',
    'no English one: the original',
  );
});
