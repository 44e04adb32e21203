// Duplicates are found: a labelled set of short and paraphrased queries in Japanese, Chinese and English,
// each with the seeded issue(s) it should find. Reports hit@5 for the similar-issue endpoint (as a company
// composing an issue) and for the public search (as a visitor), and requires at least 90% for both, on
// whichever database the tests run against (PGlite, or the server with DATABASE_URL). Also: the public
// list's category and state filters, paging, and relevance ranking.
import t, { type Test } from 'tap';
import { DEMO_ISSUES } from '../../src/db/seed/issues.js';
import { signIn, stranger, testApp, testDatabase } from '../helpers/app.js';

const database = await testDatabase(t);
const app = await testApp(t, database);
const sakura = await signIn(app, 'sakura');
const hanami = await signIn(app, 'hanami');
const visitor = stranger(app);

const titleOf = (key: string) => {
  const found = DEMO_ISSUES.find((d) => d.key === key);
  if (!found) throw new Error(`no seeded issue ${key}`);
  return found.title;
};

type Labelled = [lang: 'ja' | 'zh' | 'en', query: string, expected: string[]];
// Each query names every seeded issue that would be a right answer; a hit is any of them in the first five.
// The expected issues are all visible to a visitor and to Sakura (who wrote none of them).
const QUERIES: Labelled[] = [
  ['ja', '天津港の通関に時間がかかる', ['customs-ja', 'customs-zh', 'customs']],
  ['ja', '通関', ['customs-ja', 'customs-zh']],
  ['ja', '社会保険', ['social-insurance']],
  ['ja', '駐在員の社会保険が二重になっている', ['social-insurance']],
  ['ja', '介護施設の設立許可', ['elderly-licence']],
  ['ja', '工場用地の取得に時間がかかる', ['invest-land']],
  ['ja', '個人データを東京本社に送る手続き', ['env-data-2', 'env-data']],
  ['ja', '出張者の査証取得が遅い', ['env-visa']],
  ['ja', '停電の事前通知', ['power-zh', 'env-power']],
  ['ja', '外資企業の登記変更で何度も窓口に行く', ['licence-change']],
  ['zh', '通关时间长', ['customs-zh', 'customs-ja', 'customs']],
  ['zh', '天津港清关太慢', ['customs-zh', 'customs-ja', 'customs']],
  ['zh', '跨境电商退货', ['ecommerce-returns', 'ecommerce-dup']],
  ['zh', '电商退货手续复杂', ['ecommerce-dup', 'ecommerce-returns']],
  ['zh', '专利年费减免', ['ip-patent-fees']],
  ['zh', '工作许可办理慢', ['work-permit']],
  ['zh', '营业执照变更', ['licence-change']],
  ['zh', '停电通知', ['power-zh', 'env-power']],
  ['zh', '日本员工社会保险重复', ['social-insurance']],
  ['zh', '外资介护机构设立许可', ['elderly-licence']],
  ['en', 'customs clearance delays at Tianjin port', ['customs']],
  ['en', 'customs', ['customs']],
  ['en', 'slow import clearance for spare parts', ['customs']],
  ['en', 'trademark squatting', ['ip-trademark']],
  ['en', 'former dealer registered our brand as a trademark', ['ip-trademark']],
  ['en', 'sending employee data to head office', ['env-data']],
  ['en', 'power outage notice too short', ['env-power']],
  ['en', 'hospital direct billing for foreigners', ['services-hospital']],
  ['en', 'finding local partners for small Japanese suppliers', ['invest-matching']],
  ['en', 'care worker qualification recognition', ['elderly-staff']],
];

type Found = { title: string; score?: number };

async function similarTo(title: string): Promise<Found[]> {
  const res = await sakura.get(`/api/issues/similar?title=${encodeURIComponent(title)}`);
  if (res.statusCode !== 200) throw new Error(`similar ${title}: ${res.statusCode} ${res.body}`);
  return res.json<Found[]>();
}

async function searchFor(q: string): Promise<Found[]> {
  const res = await visitor.get(`/api/issues/public?q=${encodeURIComponent(q)}&limit=5`);
  if (res.statusCode !== 200) throw new Error(`search ${q}: ${res.statusCode} ${res.body}`);
  return res.json<{ items: Found[] }>().items;
}

async function hitAt5(t: Test, name: string, run: (q: string) => Promise<Found[]>) {
  const misses: string[] = [];
  const perLang = new Map<string, { hits: number; n: number }>();
  for (const [lang, query, expected] of QUERIES) {
    const titles = (await run(query)).slice(0, 5).map((f) => f.title);
    const hit = expected.some((key) => titles.includes(titleOf(key)));
    const tally = perLang.get(lang) ?? { hits: 0, n: 0 };
    perLang.set(lang, { hits: tally.hits + (hit ? 1 : 0), n: tally.n + 1 });
    if (!hit) misses.push(`${lang} "${query}" → [${titles.join(' | ')}]`);
  }
  const hits = QUERIES.length - misses.length;
  const rate = hits / QUERIES.length;
  const langs = [...perLang].map(([lang, { hits, n }]) => `${lang} ${hits}/${n}`).join(', ');
  t.comment(`${name} hit@5 = ${(rate * 100).toFixed(1)}% (${hits}/${QUERIES.length}; ${langs}) on ${database.kind}`);
  for (const m of misses) t.comment(`  miss: ${m}`);
  t.ok(rate >= 0.9, `${name}: hit@5 ${(rate * 100).toFixed(1)}% is at least 90%`);
}

void t.test('the labelled set has 10 queries per language, each with seeded answers', (t) => {
  for (const lang of ['ja', 'zh', 'en']) t.ok(QUERIES.filter((q) => q[0] === lang).length >= 10, lang);
  for (const [, , expected] of QUERIES) for (const key of expected) t.ok(titleOf(key));
  t.end();
});

void t.test('similar-issue suggestions: hit@5 over the labelled set', async (t) => {
  await hitAt5(t, 'similar', similarTo);
});

void t.test('public search: hit@5 over the labelled set', async (t) => {
  await hitAt5(t, 'search', searchFor);
});

void t.test('the customs duplicate, as the issue asks', async (t) => {
  const customs = ['customs-ja', 'customs-zh', 'customs'].map(titleOf);
  const suggested = (await similarTo('天津港の通関に時間がかかる')).map((f) => f.title);
  t.ok(
    suggested.some((s) => customs.includes(s)),
    `the Japanese query suggests a customs-clearance issue: ${suggested.join(' | ')}`,
  );
  t.same(await similarTo('ski resort snow report'), [], 'nothing is suggested for an unrelated English text');
  t.same(await similarTo('天気予報'), [], 'or an unrelated Japanese one');
  const searched = (await searchFor('通関')).map((f) => f.title);
  t.ok(
    searched.includes(titleOf('customs-ja')) && searched.includes(titleOf('customs-zh')),
    `通関 finds the ja and zh customs issues: ${searched.join(' | ')}`,
  );
  // Width and kana variants fold: full-width Latin, half-width katakana.
  t.ok(
    (await searchFor('ＣＵＳＴＯＭＳ')).some((f) => f.title === titleOf('customs')),
    'full-width Latin is folded',
  );
  t.ok(
    (await searchFor('ﾃﾞｰﾀ')).some((f) => f.title === titleOf('env-data-2')),
    'half-width katakana is folded',
  );
  // Hanami wrote the Japanese duplicate that was merged into the English issue: it leads her to the primary, once.
  const forHanami = (await hanami.get(`/api/issues/similar?title=${encodeURIComponent('補修部品の通関に時間がかかりすぎる')}`)).json<Found[]>();
  t.ok(
    forHanami.some((f) => f.title === titleOf('customs')),
    'a merged duplicate stands for its primary',
  );
  t.notOk(
    forHanami.some((f) => f.title === titleOf('customs-dup')),
    'and is not suggested itself',
  );
  t.equal(new Set(forHanami.map((f) => f.title)).size, forHanami.length, 'each issue once');
  // Sakura may not see the anonymous merged duplicate (not published): its text does not lead her anywhere.
  const forSakura = await similarTo('補修部品の通関に時間がかかりすぎる');
  t.notOk(
    forSakura.some((f) => f.title === titleOf('customs-dup')),
    'an issue the viewer may not see is never suggested',
  );
  t.ok(
    forSakura.every((f, i) => i === 0 || forSakura[i - 1]!.score! >= f.score!),
    'best first',
  );
});

void t.test('public list: category and state filters, paging, relevance', async (t) => {
  type Item = { id: string; title: string; category: string; state: string; visibility: string };
  type Page = { items: Item[]; nextCursor: string | null };
  const all: Item[] = [];
  let cursor: string | null = null;
  do {
    const res = await visitor.get(`/api/issues/public?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
    t.equal(res.statusCode, 200);
    const page = res.json<Page>();
    t.ok(page.items.length <= 4);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  t.equal(new Set(all.map((i) => i.id)).size, all.length, 'pages do not repeat');
  t.ok(all.length > 10 && all.every((i) => i.visibility !== 'confidential'));

  const accepted = (await visitor.get('/api/issues/public?state=accepted&state=resolved')).json<Page>().items;
  t.ok(accepted.length > 0 && accepted.every((i) => ['accepted', 'resolved'].includes(i.state)), 'state filter');
  const ip = (await visitor.get('/api/issues/public?category=intellectual_property')).json<Page>().items;
  t.ok(ip.length > 0 && ip.every((i) => i.category === 'intellectual_property'), 'category filter');
  const both = (await visitor.get('/api/issues/public?category=intellectual_property&state=declined')).json<Page>().items;
  t.same(
    both.map((i) => i.title),
    [titleOf('ip-patent-fees')],
    'filters combine',
  );
  const none = (await visitor.get('/api/issues/public?category=investment&state=merged')).json<Page>();
  t.same(none, { items: [], nextCursor: null }, 'a filter with no match is an empty page, not an error');
  // A draft stays private whatever the filter asks.
  t.same((await visitor.get('/api/issues/public?state=draft')).json<Page>().items, []);

  // Searching ranks by relevance (pages by the score), or by the sort asked for.
  const first = (await visitor.get(`/api/issues/public?q=${encodeURIComponent('通关')}&limit=1`)).json<Page>();
  t.ok(first.nextCursor, 'more than one match');
  const second = (await visitor.get(`/api/issues/public?q=${encodeURIComponent('通关')}&limit=1&cursor=${first.nextCursor}`)).json<Page>();
  t.equal(second.items.length, 1);
  t.not(second.items[0]!.id, first.items[0]!.id, 'the next page continues after the first');
  const bySupport = await visitor.get(`/api/issues/public?q=customs&sort=most_supported`);
  t.equal(bySupport.statusCode, 200);
  const noQuery = await visitor.get('/api/issues/public?sort=relevance');
  t.same([noQuery.statusCode, noQuery.json().code], [400, 'SORT_NEEDS_QUERY']);
  const badCursor = await visitor.get(
    `/api/issues/public?q=customs&cursor=${Buffer.from(JSON.stringify(['1; drop', '00000000-0000-4000-8000-000000000000'])).toString('base64url')}`,
  );
  t.same([badCursor.statusCode, badCursor.json().code], [400, 'INVALID_CURSOR']);
  const badState = await visitor.get('/api/issues/public?state=sleeping');
  t.same([badState.statusCode, badState.json().code], [400, 'VALIDATION_FAILED']);
});
