// UI strings in en/ja/zh. Every key exists in all three dictionaries (a test checks it).
import { signal } from '@preact/signals';
import type { Language } from '../api.js';
import en from './en.json';
import ja from './ja.json';
import zh from './zh.json';

export type MessageKey = keyof typeof en;
const dictionaries: Record<Language, Record<MessageKey, string>> = { en, ja, zh };
export const LANGUAGES: Language[] = ['en', 'ja', 'zh'];

function initialLanguage(): Language {
  const saved = localStorage.getItem('rt.lang');
  if (saved && (LANGUAGES as string[]).includes(saved)) return saved as Language;
  const browser = navigator.language.slice(0, 2);
  return (LANGUAGES as string[]).includes(browser) ? (browser as Language) : 'en';
}

export const language = signal<Language>(initialLanguage());

export function setLanguage(lang: Language) {
  language.value = lang;
  localStorage.setItem('rt.lang', lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : lang;
}

/** The string for `key` in the current language, with {placeholders} filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = dictionaries[language.value][key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Whether the dictionaries have `key` (e.g. a per-code error message). */
export const hasMessage = (key: string): key is MessageKey => key in en;

/** An organization's name in the current language, falling back to English. */
export function localName(names: { nameEn: string; nameJa: string; nameZh: string }): string {
  const byLang = { en: names.nameEn, ja: names.nameJa, zh: names.nameZh }[language.value];
  return byLang || names.nameEn;
}
