// The language a reader reads in: the first of our languages in Accept-Language (the web client sends its
// UI language there), else the signed-in user's language, else none (texts come in their original language).
import { LANGUAGES, type Language, type Principal } from './principal.js';

export function readerLanguage(acceptLanguage: string | string[] | undefined, principal: Principal | null): Language | null {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : (acceptLanguage ?? '');
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), i };
    })
    .filter((e) => e.q > 0 && (LANGUAGES as readonly string[]).includes(e.lang))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return (ranked[0]?.lang as Language | undefined) ?? principal?.language ?? null;
}
