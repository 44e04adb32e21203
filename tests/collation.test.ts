// Names in the reader's order: the database's per-language collations (db/collation.ts, migration 0009)
// for the lists the server orders, Intl.Collator for what the web client sorts (web/src/i18n/rules.ts).
import t from 'tap';
import { compareNames } from '../web/src/i18n/rules.js';
import { signIn, testApp, testDatabase } from './helpers/app.js';

const database = await testDatabase(t);
const app = await testApp(t, database);
const organizer = await signIn(app, 'organizer');

t.test('the client: Intl.Collator in the reader language', async (t) => {
  const sort = (lang: 'en' | 'ja' | 'zh', names: string[]) => [...names].sort((a, b) => compareNames(lang, a, b));
  t.same(sort('zh', ['张伟', '王芳', '李娜']), ['李娜', '王芳', '张伟'], 'pinyin order (li, wang, zhang), not code points');
  t.same(
    sort('en', ['Zeta', 'alpha', 'Hall 10', 'Hall 2', 'Émile']),
    ['alpha', 'Émile', 'Hall 2', 'Hall 10', 'Zeta'],
    'case, accents and numbers as a reader expects',
  );
  t.same(sort('ja', ['さくら', 'あさひ', 'カゼ']), ['あさひ', 'カゼ', 'さくら'], 'kana order, hiragana and katakana together');
});

t.test('the server: organizations ordered by the name in the reader language', async (t) => {
  for (const [nameEn, nameZh] of [
    ['Zeta Holdings', '张氏控股'],
    ['alpha Trading', '王氏贸易'],
    ['Beta Partners', '李氏合伙'],
  ] as const) {
    t.equal((await organizer.post('/api/organizations', { kind: 'company', nameEn, nameJa: nameEn, nameZh })).statusCode, 201);
  }
  const list = async (lang: string) =>
    (await organizer.request('GET', '/api/organizations', undefined, { 'accept-language': lang }))
      .json<{ kind: string; nameEn: string; nameZh: string }[]>()
      .filter((o) => o.kind === 'company');
  const en = (await list('en')).map((o) => o.nameEn).filter((n) => /Zeta|alpha|Beta/.test(n));
  t.same(en, ['alpha Trading', 'Beta Partners', 'Zeta Holdings'], 'case does not come first (code-point order would give Beta, Zeta, alpha)');
  const zh = (await list('zh')).map((o) => o.nameZh).filter((n) => /氏/.test(n));
  if (process.env.DATABASE_URL) t.same(zh, ['李氏合伙', '王氏贸易', '张氏控股'], 'PostgreSQL with ICU: pinyin order');
  else
    t.same(
      [...zh].sort(),
      ['张氏控股', '李氏合伙', '王氏贸易'].sort(),
      'PGlite has only ICU root data: every name, in root order (the client re-sorts by pinyin)',
    );
});
