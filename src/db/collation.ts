// Name order in the reader's language. The migration (0009_venue_city_collations, hand-written block) creates one collation per
// UI language: ICU `en-u-kn-true`, `ja-u-kn-true`, `zh-u-kn-true` (pinyin order for Chinese, numbers by value)
// where the server has ICU with locale data (PostgreSQL builds with ICU, the docker image), a copy of "C"
// where it has no ICU at all. Embedded PGlite ships ICU's root collation only: its rt_* collations all sort
// by the root order (case- and accent-insensitive first, Han by code point, no pinyin), and the web client
// re-sorts what it shows with Intl.Collator, so readers see their language's order either way.
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Language } from '../lib/principal.js';

export const NAME_COLLATIONS: Record<Language, string> = { en: 'rt_en', ja: 'rt_ja', zh: 'rt_zh' };

/** `column COLLATE rt_<lang>` for ORDER BY. */
export const byName = (column: AnyColumn, lang: Language): SQL => sql`${column} collate ${sql.identifier(NAME_COLLATIONS[lang])}`;
