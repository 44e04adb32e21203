// UI strings in en/ja/zh. Every key exists in all three dictionaries (a test checks it).
import { signal } from '@preact/signals';
import { LANGUAGES, type Language } from '../api.js';
import en from './en.json';
import ja from './ja.json';
import zh from './zh.json';
import { compareNames, pluralKey } from './rules.js';

export type MessageKey = keyof typeof en;
const dictionaries: Record<Language, Record<MessageKey, string>> = { en, ja, zh };
export { LANGUAGES };

function initialLanguage(): Language {
  const saved = localStorage.getItem('rt.lang');
  if (saved && (LANGUAGES as readonly string[]).includes(saved)) return saved as Language;
  const browser = navigator.language.slice(0, 2);
  return (LANGUAGES as readonly string[]).includes(browser) ? (browser as Language) : 'en';
}

export const language = signal<Language>(initialLanguage());

export function setLanguage(lang: Language) {
  language.value = lang;
  localStorage.setItem('rt.lang', lang);
  document.documentElement.lang = langTag(lang);
}

/** The string for `key` in the current language, with {placeholders} filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = dictionaries[language.value][key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** The bases of counted messages: `live.poll.votes` for `live.poll.votes_one` / `live.poll.votes_other`. */
export type PluralBase = { [K in MessageKey]: K extends `${infer B}_other` ? B : never }[MessageKey];

/** A counted message ("1 vote", "2 votes"): the plural form Intl.PluralRules picks for `count` in the
 * current language, with {count} and any other {placeholders} filled in. */
export function tn(base: PluralBase, count: number, params: Record<string, string | number> = {}): string {
  const key = pluralKey(language.value, base, count, (k) => k in dictionaries[language.value]) as MessageKey;
  return t(key, { count, ...params });
}

/** Whether the dictionaries have `key` (e.g. a per-code error message). */
export const hasMessage = (key: string): key is MessageKey => key in en;

/** The BCP 47 tag for a `lang` attribute: zh is Simplified Chinese (zh-CN), so browsers pick its glyphs. */
export const langTag = (lang: Language): string => (lang === 'zh' ? 'zh-CN' : lang);

/** A `lang` attribute for text written in `lang` (issue titles, bodies): undefined when the language is unknown. */
export const langAttr = (lang: string | null | undefined): string | undefined => (lang === 'en' || lang === 'ja' || lang === 'zh' ? langTag(lang) : undefined);

export type Names = { nameEn: string; nameJa: string; nameZh: string };

/** An organization's name in the current language and the language it is in (English when that is the fallback). */
export function localNameIn(names: Names): { text: string; lang: Language } {
  const byLang = { en: names.nameEn, ja: names.nameJa, zh: names.nameZh }[language.value];
  if (byLang) return { text: byLang, lang: language.value };
  if (names.nameEn) return { text: names.nameEn, lang: 'en' };
  return names.nameJa ? { text: names.nameJa, lang: 'ja' } : { text: names.nameZh, lang: 'zh' };
}

export type Titles = { titleEn: string; titleJa: string; titleZh: string };

/** A round-table's (or agenda item's) title in the current language and the language of the column it came from (fallback: en, zh, ja). */
export function localTitleIn(x: Titles): { text: string; lang: Language } {
  const byLang = { en: x.titleEn, ja: x.titleJa, zh: x.titleZh }[language.value];
  if (byLang) return { text: byLang, lang: language.value };
  if (x.titleEn) return { text: x.titleEn, lang: 'en' };
  return x.titleZh ? { text: x.titleZh, lang: 'zh' } : { text: x.titleJa, lang: 'ja' };
}

/** An organization's name in the current language, falling back to English. */
export const localName = (names: Names): string => localNameIn(names).text;

/** Sorts by a name in the reader's language with Intl.Collator (a copy; the original order is kept). */
export function sortByName<T>(items: readonly T[], name: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareNames(language.value, name(a), name(b)));
}
