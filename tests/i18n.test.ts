// Every UI string exists in all three dictionaries, and every key the web client uses exists.
import t from 'tap';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('../web/src/i18n/', import.meta.url).pathname;
const dicts = Object.fromEntries(['en', 'ja', 'zh'].map((l) => [l, JSON.parse(readFileSync(join(dir, `${l}.json`), 'utf8')) as Record<string, string>]));

// One test per dictionary (a mismatch lists every key at once), not one assertion per key.
const params = (s: string) =>
  [...s.matchAll(/\{(\w+)\}/g)]
    .map((m) => m[1])
    .sort()
    .join(',');
for (const lang of ['en', 'ja', 'zh']) {
  t.test(`${lang}: the same keys as en, none empty, the same placeholders`, async (t) => {
    const dict = dicts[lang]!;
    const en = dicts.en!;
    t.same(
      Object.keys(en).filter((k) => !(k in dict)),
      [],
      `missing in ${lang}`,
    );
    t.same(
      Object.keys(dict).filter((k) => !(k in en)),
      [],
      `only in ${lang}`,
    );
    t.same(
      Object.keys(dict).filter((k) => !dict[k]!.trim()),
      [],
      `empty in ${lang}`,
    );
    t.same(
      Object.keys(en).filter((k) => k in dict && params(dict[k]!) !== params(en[k]!)),
      [],
      `placeholders differ from en in ${lang}`,
    );
    // Sorted keys keep parallel changes to the dictionaries apart (and merge without conflicts).
    t.same(Object.keys(dict), [...Object.keys(dict)].sort(), `keys of ${lang} in sorted order (node scripts/sort-i18n.mjs)`);
  });
}

t.test('every literal key used by the web client exists', async (t) => {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (/\.tsx?$/.test(e.name)) files.push(join(d, e.name));
    }
  };
  walk(new URL('../web/src/', import.meta.url).pathname);
  const used = new Set<string>();
  for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(/\bt\(\s*'([\w.]+)'/g)) used.add(m[1]!);
  t.ok(used.size > 10, 'found the keys in use');
  t.same(
    [...used].filter((k) => !(k in dicts.en!)),
    [],
    'keys used but not defined',
  );
});

t.test('every value the server can send has a label in en, ja and zh', async (t) => {
  const { ISSUE_HISTORY_KINDS, agendaItemKind, issueCategory, issueState, issueVisibility, registrationStatus, roundTableStatus } =
    await import('../src/db/schema/index.js');
  const { LANGUAGES, ROLES } = await import('../src/lib/principal.js');
  const { THEMES } = await import('../src/modules/roundtables/roundtables.service.js');
  const labelled: [string, readonly string[]][] = [
    ['issueState', issueState.enumValues],
    ['category', issueCategory.enumValues],
    ['visibility', issueVisibility.enumValues],
    ['role', ROLES],
    ['language', LANGUAGES],
    ['rt.status', roundTableStatus.enumValues],
    ['rt.registration', registrationStatus.enumValues],
    ['rt.kind', agendaItemKind.enumValues],
    ['rt.theme', THEMES],
    // A transition is shown by the state it reached (issueState.*).
    ['history', ISSUE_HISTORY_KINDS.filter((k) => k !== 'transition')],
  ];
  const missing = labelled.flatMap(([prefix, values]) =>
    values.flatMap((v) => ['en', 'ja', 'zh'].filter((lang) => !dicts[lang]![`${prefix}.${v}`]).map((lang) => `${lang}: ${prefix}.${v}`)),
  );
  t.same(missing, [], 'no value shows as a raw key');
});
