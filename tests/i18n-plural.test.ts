// Plurals through Intl.PluralRules (web/src/i18n/rules.ts): "1 vote", "2 votes"; ja and zh have one form.
import t from 'tap';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pluralKey } from '../web/src/i18n/rules.js';

const dir = new URL('../web/src/i18n/', import.meta.url).pathname;
const dicts = Object.fromEntries(['en', 'ja', 'zh'].map((l) => [l, JSON.parse(readFileSync(join(dir, `${l}.json`), 'utf8')) as Record<string, string>]));
const say = (lang: 'en' | 'ja' | 'zh', base: string, count: number) =>
  dicts[lang]![pluralKey(lang, base, count, (k) => k in dicts[lang]!)]!.replace('{count}', String(count));

t.test('English picks one and other; Japanese and Chinese have one form', async (t) => {
  t.equal(say('en', 'live.poll.votes', 1), '1 vote');
  t.equal(say('en', 'live.poll.votes', 2), '2 votes');
  t.equal(say('en', 'live.poll.votes', 0), '0 votes');
  t.equal(say('en', 'issues.supportCount', 1), '1 supporting company');
  t.equal(say('en', 'outcomes.daysLeft', 1), '1 day left');
  t.equal(say('en', 'rt.rescheduled', 1), 'Rescheduled once');
  t.equal(say('en', 'rt.rescheduled', 3), 'Rescheduled 3 times');
  t.equal(
    pluralKey('ja', 'live.poll.votes', 1, () => true),
    'live.poll.votes_other',
  );
  t.equal(
    pluralKey('zh', 'live.poll.votes', 1, () => true),
    'live.poll.votes_other',
  );
  t.equal(say('zh', 'live.poll.votes', 1), '1 票');
  t.equal(
    pluralKey('en', 'x', 1, () => false),
    'x_other',
    'a missing form falls back to other',
  );
});

t.test('every plural form has its _other, and every tn() base exists', async (t) => {
  const FORMS = /_(zero|one|two|few|many|other)$/;
  for (const lang of ['en', 'ja', 'zh']) {
    const keys = Object.keys(dicts[lang]!);
    t.same(
      keys.filter((k) => FORMS.test(k) && !keys.includes(k.replace(FORMS, '_other'))),
      [],
      `${lang}: forms without _other`,
    );
  }
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (/\.tsx?$/.test(e.name)) files.push(join(d, e.name));
    }
  };
  walk(new URL('../web/src/', import.meta.url).pathname);
  const bases = new Set<string>();
  for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(/\btn\(\s*'([\w.]+)'/g)) bases.add(m[1]!);
  t.ok(bases.size >= 8, 'counted messages go through tn()');
  t.same(
    [...bases].filter((b) => !(`${b}_other` in dicts.en!)),
    [],
    'tn() bases without forms',
  );
  t.same(
    [...bases].filter((b) => b in dicts.en!),
    [],
    'no counted message also has a single-form key (it would be used by t() with one form for every number)',
  );
});

t.test('every counted message in every dictionary has plural forms, and each form says its count', async (t) => {
  const FORMS = /_(zero|one|two|few|many|other)$/;
  for (const lang of ['en', 'ja', 'zh'] as const) {
    const dict = dicts[lang]!;
    // A number a message agrees with is {count}, never a hand-built "{n} votes": it only lives in plural forms.
    t.same(
      Object.keys(dict).filter((k) => /\{count\}/.test(dict[k]!) && !FORMS.test(k)),
      [],
      `${lang}: {count} outside plural forms`,
    );
    t.same(
      Object.keys(dict).filter((k) => /\{(n|total|days|minutes)\}/.test(dict[k]!)),
      [],
      `${lang}: counts under other names`,
    );
    const bases = [...new Set(Object.keys(dict).flatMap((k) => (FORMS.test(k) ? [k.replace(FORMS, '')] : [])))];
    t.ok(bases.length >= 25, `${lang}: counted messages found (${bases.length})`);
    for (const base of bases) {
      t.same(Object.keys(dicts.en!).includes(`${base}_other`), true, `${lang} ${base}: also in English`);
      for (const n of [0, 1, 2, 5, 21]) {
        const text = say(lang, base, n);
        // English's one form may spell the number ("Rescheduled once").
        if (!(lang === 'en' && n === 1)) t.ok(text.includes(String(n)), `${lang} ${base} (${n}): "${text}" says the count`);
        t.notMatch(text, /\{count\}/, `${lang} ${base} (${n}): filled in`);
      }
    }
  }
  t.equal(say('en', 'audit.shown', 1), '1 event shown');
  t.equal(say('en', 'rt.count', 2), '2 round-tables');
  t.equal(say('en', 'dash.companies', 1), '1 company');
});
