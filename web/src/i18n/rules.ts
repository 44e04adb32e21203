// Language rules of the client: plural forms and name order. Plural forms: a counted message has keys `<base>_one`, `<base>_other` (and any other CLDR category a
// language needs: `_two`, `_few`, `_many`, `_zero`); Intl.PluralRules picks the category for the number,
// `_other` is the fallback. Japanese and Chinese only use `other`, so "1 vote" vs "2 votes" is English's rule.
// Pure (no DOM), so tests import it directly.
export type PluralLanguage = 'en' | 'ja' | 'zh';

const rules = new Map<string, Intl.PluralRules>();

/** The dictionary key for `count` of `base` in `lang`, given which keys exist. */
export function pluralKey(lang: PluralLanguage, base: string, count: number, has: (key: string) => boolean): string {
  const tag = lang === 'zh' ? 'zh-CN' : lang;
  let r = rules.get(tag);
  if (!r) rules.set(tag, (r = new Intl.PluralRules(tag)));
  const key = `${base}_${r.select(count)}`;
  return has(key) ? key : `${base}_other`;
}

const collators = new Map<string, Intl.Collator>();

/** Compares names the way readers of `lang` sort them: pinyin order for zh, the Japanese collation for ja,
 * numbers by value ("Hall 2" before "Hall 10"), case and accents as secondary differences. */
export function compareNames(lang: PluralLanguage, a: string, b: string): number {
  const tag = lang === 'zh' ? 'zh-CN' : lang;
  let c = collators.get(tag);
  if (!c) collators.set(tag, (c = new Intl.Collator(tag, { numeric: true, sensitivity: 'base' })));
  return c.compare(a, b);
}
