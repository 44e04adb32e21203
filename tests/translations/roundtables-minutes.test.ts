// Translations of minutes, round-table titles and descriptions and agenda item titles: the same records as every
// other translated text (source language, who, when, current or stale), read in the reader's language
// (Accept-Language, else the account's), visible exactly when the original is, listed in the queue, and
// refused with stable codes (nothing written) for bad input.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { translations } from '../../src/db/schema/index.js';
import { signIn, stranger, testApp, testDatabase } from '../helpers/app.js';
import { acceptedIssue } from '../helpers/issues.js';
import { heldRoundTable } from '../helpers/outcomes.js';

const database = await testDatabase(t);
const app = await testApp(t, database);
const official = await signIn(app, 'official1'); // writes Chinese; staff of the round-tables below
const organizer = await signIn(app, 'organizer'); // JETRO, reads Japanese
const hanami = await signIn(app, 'hanami'); // a company, reads Japanese

const count = async (kind: 'minutes' | 'roundtable' | 'roundtable_description' | 'agenda_item', textId: string) =>
  (
    await database.db
      .select()
      .from(translations)
      .where(and(eq(translations.kind, kind), eq(translations.textId, textId)))
  ).length;
const codeOf = (res: { statusCode: number; json: () => { code?: string } }) => [res.statusCode, res.json().code];

void t.test('minutes: translated by staff, stale after a new version, visible exactly when the minutes are', async (t) => {
  const issue = await acceptedIssue(hanami, official, { title: 'Issue for translated minutes' });
  const rt = await heldRoundTable(official, [issue.id]);
  const m = `/api/round-tables/${rt.id}/slots/${rt.slotId}/minutes`;
  const saved = await official.request('PUT', m, { text: '海关同意在三十天内开通快速通道。', baseVersion: 0, language: 'zh' });
  t.equal(saved.statusCode, 200, saved.body);
  t.match(saved.json(), { language: 'zh', translation: null });

  // Draft minutes are for the staff: their translation too.
  for (const client of [organizer, hanami, stranger(app)]) {
    t.same(codeOf(await client.get(`/api/translations/minutes/${rt.slotId}`)), [404, 'TEXT_NOT_FOUND']);
  }
  t.same(codeOf(await organizer.request('PUT', `/api/translations/minutes/${rt.slotId}/ja`, { fields: { text: 'x' } })), [404, 'TEXT_NOT_FOUND']);
  t.equal(await count('minutes', rt.slotId), 0, 'nothing written');

  // Bad input: into the source language, into an unknown language, a field the minutes have not.
  t.same(codeOf(await official.request('PUT', `/api/translations/minutes/${rt.slotId}/zh`, { fields: { text: 'x' } })), [400, 'TRANSLATION_INTO_SOURCE']);
  t.same(codeOf(await official.request('PUT', `/api/translations/minutes/${rt.slotId}/fr`, { fields: { text: 'x' } })), [400, 'UNKNOWN_LANGUAGE']);
  t.same(codeOf(await official.request('PUT', `/api/translations/minutes/${rt.slotId}/ja`, { fields: { body: 'x' } })), [400, 'TRANSLATION_FIELDS']);
  t.equal(await count('minutes', rt.slotId), 0, 'nothing written');

  const ja = '税関は30日以内に優先レーンを開設することに同意した。';
  const put = await official.request('PUT', `/api/translations/minutes/${rt.slotId}/ja`, { fields: { text: ja } });
  t.equal(put.statusCode, 200, put.body);
  t.match(put.json(), {
    kind: 'minutes',
    roundTableId: rt.id,
    original: { language: 'zh' },
    translations: [{ language: 'ja', current: true, translatorName: 'Wang Li' }],
  });
  const inJa = (await official.request('GET', m, undefined, { 'accept-language': 'ja' })).json();
  t.match(inJa.translation, { language: 'ja', translatedFrom: 'zh', current: true, fields: { text: ja } }, 'Accept-Language picks the reading language');
  t.equal((await official.get(m)).json().translation, null, "the official's own language is the original's");

  // A new version leaves the translation in place, stale, and puts the minutes in the queue again.
  const v2 = await official.request('PUT', m, { text: '海关同意在二十天内开通快速通道。', baseVersion: 1, language: 'zh' });
  t.equal(v2.statusCode, 200, v2.body);
  t.match((await official.request('GET', m, undefined, { 'accept-language': 'ja' })).json().translation, { current: false, fields: { text: ja } });
  const queued = (await official.get('/api/translations/queue?language=ja')).json().find((q: { id: string }) => q.id === rt.slotId);
  t.match(queued, { kind: 'minutes', roundTableId: rt.id, sourceLanguage: 'zh', stale: ['ja'], urgency: 'follow_up' });
  t.notOk(
    (await organizer.get('/api/translations/queue')).json().some((q: { id: string }) => q.id === rt.slotId),
    'draft minutes are not in the queue of someone who may not read them',
  );

  // Final: every viewer of the round-table reads them, in their language, on the minutes and the outcomes page.
  t.equal((await official.request('PUT', `/api/translations/minutes/${rt.slotId}/ja`, { fields: { text: ja } })).statusCode, 200);
  t.equal((await official.post(`${m}/finalize`)).statusCode, 200);
  t.match((await hanami.get(m)).json().translation, { language: 'ja', current: true });
  t.equal((await hanami.request('GET', m, undefined, { 'accept-language': 'en' })).json().translation, null, 'no English translation: the original');
  const outcomes = (await hanami.request('GET', `/api/round-tables/${rt.id}/outcomes`, undefined, { 'accept-language': 'ja' })).json();
  t.match(outcomes.slots.find((s: { slotId: string }) => s.slotId === rt.slotId).minutes.translation, { language: 'ja', current: true });
  t.equal((await organizer.get(`/api/translations/minutes/${rt.slotId}`)).statusCode, 200, 'final minutes: their translations are readable too');
  t.same(codeOf(await hanami.request('PUT', `/api/translations/minutes/${rt.slotId}/en`, { fields: { text: 'x' } })), [403, 'TRANSLATION_NOT_ALLOWED']);
});

void t.test('outcome views follow Accept-Language, not only the account language', async (t) => {
  const issue = await acceptedIssue(hanami, official, { title: 'Issue for a translated decision' });
  const rt = await heldRoundTable(official, [issue.id]);
  const d = await official.post(`/api/round-tables/${rt.id}/slots/${rt.slotId}/decisions`, {
    text: '海关将开通快速通道。',
    kind: 'commitment',
    issueIds: [issue.id],
    language: 'zh',
  });
  const decision = d.json().id as string;
  t.equal(
    (await organizer.request('PUT', `/api/translations/decision/${decision}/en`, { fields: { text: 'Customs will open a fast lane.' } })).statusCode,
    200,
  );
  const pick = (body: { slots: { decisions: { id: string; translation: unknown }[] }[] }) =>
    body.slots.flatMap((s) => s.decisions).find((x) => x.id === decision)!.translation;
  t.equal(pick((await hanami.get(`/api/round-tables/${rt.id}/outcomes`)).json()), null, 'the account language (ja) has no translation');
  t.match(pick((await hanami.request('GET', `/api/round-tables/${rt.id}/outcomes`, undefined, { 'accept-language': 'en-GB,ja;q=0.5' })).json()), {
    language: 'en',
    current: true,
  });
  const chain = (await hanami.request('GET', `/api/issues/${issue.id}/chain`, undefined, { 'accept-language': 'en' })).json();
  t.match(JSON.stringify(chain), /Customs will open a fast lane/, 'the chain too');
});

void t.test('round-table titles and descriptions: the other languages are translation records', async (t) => {
  const res = await official.post('/api/round-tables', {
    titleZh: 'Zq跨境电商圆桌会议',
    descriptionZh: 'Zq与日资企业座谈。',
    titleEn: 'Zq cross-border e-commerce round-table',
    start: '2031-06-05T14:00',
    end: '2031-06-05T16:00',
    capacity: 10,
    venueName: 'Hall Zq',
  });
  t.equal(res.statusCode, 201, res.body);
  const rt = res.json();
  t.equal(rt.language, 'zh', 'written in the language that has both title and description');
  t.match(rt.translations.title, [{ language: 'en', translatedFrom: 'zh', current: true, text: 'Zq cross-border e-commerce round-table' }]);
  const listed = (await official.get(`/api/translations/roundtable/${rt.id}`)).json();
  t.match(listed, {
    original: { language: 'zh', fields: { title: 'Zq跨境电商圆桌会议' } },
    translations: [{ language: 'en', translatorName: 'Wang Li', current: true }],
  });

  // A draft is for its staff: so are its texts' translations.
  for (const client of [organizer, hanami, stranger(app)]) t.same(codeOf(await client.get(`/api/translations/roundtable/${rt.id}`)), [404, 'TEXT_NOT_FOUND']);
  t.same(codeOf(await organizer.request('PUT', `/api/translations/roundtable/${rt.id}/ja`, { fields: { title: 'x' } })), [404, 'TEXT_NOT_FOUND']);
  t.same(codeOf(await official.request('PUT', `/api/translations/roundtable/${rt.id}/zh`, { fields: { title: 'x' } })), [400, 'TRANSLATION_INTO_SOURCE']);
  t.same(codeOf(await official.request('PUT', `/api/translations/roundtable_description/${rt.id}/xx`, { fields: { description: 'x' } })), [
    400,
    'UNKNOWN_LANGUAGE',
  ]);
  t.equal(await count('roundtable', rt.id), 1, 'nothing written');
  t.equal(await count('roundtable_description', rt.id), 0, 'nothing written');

  // The queue by the round-table's date: the description lacks English and Japanese, the title Japanese.
  const queue = (await official.get('/api/translations/queue?language=ja')).json().filter((q: { roundTableId: string }) => q.roundTableId === rt.id);
  t.same(queue.map((q: { kind: string }) => q.kind).sort(), ['roundtable', 'roundtable_description']);
  t.ok(queue.every((q: { urgency: string; urgentAt: string }) => q.urgency === 'roundtable' && q.urgentAt === rt.startsAt));

  // Editing the original leaves the English title stale: kept as a record, no longer shown in its column.
  const edited = await official.patch(`/api/round-tables/${rt.id}`, { titleZh: 'Zq跨境电商与物流圆桌会议', titleEn: rt.titleEn });
  t.equal(edited.statusCode, 200, edited.body);
  const after = (await official.get(`/api/round-tables/${rt.id}`)).json();
  t.equal(after.titleEn, '', 'a stale translation is not shown as the text');
  t.match(after.translations.title, [{ language: 'en', current: false, text: 'Zq cross-border e-commerce round-table' }]);
  t.match(
    (await official.get('/api/translations/queue?language=en')).json().find((q: { id: string; kind: string }) => q.id === rt.id && q.kind === 'roundtable'),
    { stale: ['en'] },
  );

  // Published: organizers see it and translate through the translations module; the column shows it.
  t.equal((await official.post(`/api/round-tables/${rt.id}/publish`)).statusCode, 200);
  t.equal((await stranger(app).get(`/api/round-tables/${rt.id}`)).json().titleJa, '', 'a visitor (whose page is cached) before');
  const ja = await organizer.request('PUT', `/api/translations/roundtable/${rt.id}/ja`, { fields: { title: 'Zq越境EC・物流円卓会議' } });
  t.equal(ja.statusCode, 200, ja.body);
  const published = (await hanami.get(`/api/round-tables/${rt.id}`)).json();
  t.equal(published.titleJa, 'Zq越境EC・物流円卓会議');
  t.equal((await stranger(app).get(`/api/round-tables/${rt.id}`)).json().titleJa, 'Zq越境EC・物流円卓会議', "the visitors' cached page is refreshed");
  t.match(
    published.translations.title.find((x: { language: string }) => x.language === 'ja'),
    { translatedFrom: 'zh', current: true },
  );
  t.same(codeOf(await hanami.request('PUT', `/api/translations/roundtable/${rt.id}/en`, { fields: { title: 'x' } })), [403, 'TRANSLATION_NOT_ALLOWED']);
});

void t.test('agenda item titles: translation records, the draft agenda for its staff, the released agenda in every language', async (t) => {
  const res = await official.post('/api/round-tables', {
    titleZh: 'Zw议程圆桌会议',
    start: '2031-07-05T14:00',
    end: '2031-07-05T16:00',
    capacity: 10,
    venueName: 'Hall Zw',
  });
  const rt = res.json();
  t.same(
    codeOf(await official.request('PUT', `/api/translations/roundtable_description/${rt.id}/en`, { fields: { description: 'x' } })),
    [404, 'TEXT_NOT_FOUND'],
    'no description: nothing to translate',
  );
  const draft = await official.request('PUT', `/api/round-tables/${rt.id}/agenda/draft`, {
    version: 0,
    items: [{ kind: 'opening', titleZh: 'Zw开幕致辞', titleJa: 'Zw開会挨拶', plannedMinutes: 15 }],
  });
  t.equal(draft.statusCode, 200, draft.body);
  const item = draft.json().items[0];
  const listed = (await official.get(`/api/translations/agenda_item/${item.id}`)).json();
  t.match(listed, {
    original: { language: 'zh', fields: { title: 'Zw开幕致辞' } },
    translations: [{ language: 'ja', current: true, translatorName: 'Wang Li' }],
  });
  t.equal((await official.post(`/api/round-tables/${rt.id}/publish`)).statusCode, 200);
  t.same(codeOf(await hanami.get(`/api/translations/agenda_item/${item.id}`)), [404, 'TEXT_NOT_FOUND'], 'a draft agenda item is for the staff');
  const release = await official.post(`/api/round-tables/${rt.id}/agenda/releases`, { version: draft.json().version });
  t.equal(release.statusCode, 201, release.body);
  t.equal((await hanami.get(`/api/translations/agenda_item/${item.id}`)).statusCode, 200, 'released: its translations are readable');
  const en = await official.request('PUT', `/api/translations/agenda_item/${item.id}/en`, { fields: { title: 'Zw opening remarks' } });
  t.equal(en.statusCode, 200, en.body);
  const published = (await hanami.get(`/api/round-tables/${rt.id}/agenda`)).json();
  t.equal(published.items[0].titleEn, 'Zw opening remarks', 'the released agenda shows a translation made after the release');
  const again = (await official.get(`/api/round-tables/${rt.id}/agenda/draft`)).json();
  t.equal(again.items[0].titleEn, 'Zw opening remarks', 'the column shows the current translation');
  // A new original: the translations go stale and their columns empty.
  const version = again.version;
  const changed = await official.request('PUT', `/api/round-tables/${rt.id}/agenda/draft`, {
    version,
    items: [{ id: item.id, kind: 'opening', titleZh: 'Zw开幕词', titleJa: again.items[0].titleJa, titleEn: again.items[0].titleEn, plannedMinutes: 15 }],
  });
  t.equal(changed.statusCode, 200, changed.body);
  t.match(changed.json().items[0], { titleZh: 'Zw开幕词', titleJa: '', titleEn: '' });
  t.same(
    (await official.get(`/api/translations/agenda_item/${item.id}`)).json().translations.map((x: { current: boolean }) => x.current),
    [false, false],
  );
  t.equal(
    (await hanami.get(`/api/round-tables/${rt.id}/agenda`)).json().items[0].titleEn,
    'Zw opening remarks',
    'the released agenda keeps the translation of its own (released) title',
  );
});

void t.test('migration 0014 turns per-language columns into current translation records', async (t) => {
  // Last: it rewrites every round-table's language. The columns show exactly the current translations, so the
  // migration, run on the columns, must give back those records (stale ones have no column to come from).
  const kinds = ['roundtable', 'roundtable_description', 'agenda_item'] as const;
  const texts = async () => {
    const rows = await database.db
      .select()
      .from(translations)
      .where(inArray(translations.kind, [...kinds]));
    const out = new Set<string>();
    for (const key of new Set(rows.map((r) => `${r.kind}/${r.textId}`))) {
      const listed = (await official.get(`/api/translations/${key}`)).json();
      for (const x of listed.translations) if (x.current) out.add(`${key}/${listed.original.language}->${x.language}: ${JSON.stringify(x.fields)}`);
    }
    return out;
  };
  const before = await texts();
  t.ok(before.size > 5, 'the demo round-tables and agendas have current translations');
  await database.db.delete(translations).where(inArray(translations.kind, [...kinds]));
  await database.db.execute(sql`update round_tables set language = 'en'`);
  await database.db.execute(sql`update agenda_items set language = 'en'`);
  const file = readFileSync(new URL('../../migrations/0014_translated_outcomes_roundtables.sql', import.meta.url), 'utf8');
  const handWritten = file.slice(file.indexOf('-- hand-written:'));
  for (const statement of handWritten.split('--> statement-breakpoint')) await database.db.execute(sql.raw(statement));
  const after = await texts();
  t.same([...after].sort(), [...before].sort(), 'the same languages, texts and current state (the SQL hash is sourceHashOf)');
});
