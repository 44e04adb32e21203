// The server's own texts (src/lib/i18n.ts): complete in en/ja/zh, value labels identical to the web
// client's, and the language of a server-rendered text chosen from ?lang=, Accept-Language, the user.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chooseLanguage, fromAcceptLanguage, SERVER_TEXTS } from '../src/lib/i18n.js';
import { readerLanguage } from '../src/lib/reader-language.js';
import type { Principal } from '../src/lib/principal.js';

const dir = new URL('../web/src/i18n/', import.meta.url).pathname;
const web = Object.fromEntries(['en', 'ja', 'zh'].map((l) => [l, JSON.parse(readFileSync(join(dir, `${l}.json`), 'utf8')) as Record<string, string>]));

t.test('every server text in en, ja and zh; labels say what the web client says', async (t) => {
  const keys = Object.keys(SERVER_TEXTS.en);
  for (const lang of ['ja', 'zh'] as const) t.same(Object.keys(SERVER_TEXTS[lang]).sort(), [...keys].sort(), `${lang} has the same keys`);
  const differ = (['en', 'ja', 'zh'] as const).flatMap((lang) =>
    Object.entries(SERVER_TEXTS[lang])
      .filter(([k]) => !k.startsWith('csv.') && !k.startsWith('ics.'))
      .filter(([k, v]) => web[lang]![k] !== v)
      .map(([k]) => `${lang}: ${k}`),
  );
  t.same(differ, [], 'a label differs from web/src/i18n');
});

t.test('Accept-Language and the order of choice', async (t) => {
  t.equal(fromAcceptLanguage('zh-CN,zh;q=0.9,en;q=0.8'), 'zh');
  t.equal(fromAcceptLanguage('fr-FR, ja;q=0.7, en;q=0.8'), 'en', 'by quality, skipping what we lack');
  t.equal(fromAcceptLanguage('de, fr'), null);
  t.equal(fromAcceptLanguage('ja;q=0, en'), 'en', 'q=0 means not acceptable');
  t.equal(fromAcceptLanguage(undefined), null);
  t.equal(chooseLanguage({ query: 'ja', acceptLanguage: 'zh', user: { language: 'en' } }), 'ja', '?lang= first');
  t.equal(chooseLanguage({ acceptLanguage: 'zh', user: { language: 'en' } }), 'zh', 'then Accept-Language');
  t.equal(chooseLanguage({ acceptLanguage: 'de', user: { language: 'ja' } }), 'ja', "then the user's language");
  t.equal(chooseLanguage({}), 'en');
  // The reading language of user-written texts (translations): the same header ranking, else the account's, else none.
  const zhReader = { language: 'zh' } as Principal;
  t.equal(readerLanguage(['fr', 'ja;q=0.5, en;q=0.4'], zhReader), 'ja', 'repeated headers ranked as one');
  t.equal(readerLanguage('de', zhReader), 'zh');
  t.equal(readerLanguage('ja;q=0, en', null), 'en');
  t.equal(readerLanguage(undefined, null), null, 'no language: originals as written');
});
