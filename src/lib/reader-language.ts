// The language a reader reads in: the first of our languages in Accept-Language (the web client sends its
// UI language there), else the signed-in user's language, else none (texts come in their original language).
// The header is ranked by the one parser of it (lib/i18n.ts fromAcceptLanguage), as for server-rendered texts.
import { fromAcceptLanguage } from './i18n.js';
import type { Language, Principal } from './principal.js';

export function readerLanguage(acceptLanguage: string | string[] | undefined, principal: Principal | null): Language | null {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  return fromAcceptLanguage(header) ?? principal?.language ?? null;
}
