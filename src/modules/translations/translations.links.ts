// The contract other modules use for translations of their texts: read the translation for a reader
// (current or stale), write one inside the caller's transaction (the issues module does so when a company
// submits its issue with translations), and match translated text in a search. The one place that decides
// whether a translation is current: the hash of the original it was made from equals the original's now.
import { createHash } from 'node:crypto';
import { and, eq, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.js';
import { translations } from '../../db/schema/index.js';
import { badRequest } from '../../lib/errors.js';
import { LANGUAGES, type Language } from '../../lib/principal.js';
import * as repo from './translations.repo.js';
import type { TranslationKind, TranslationRow } from './translations.repo.js';

export type { TranslationKind } from './translations.repo.js';

/** The fields of each kind of text that are translated, in a fixed order (the hash depends on it). */
export const TRANSLATED_FIELDS: Record<TranslationKind, readonly string[]> = {
  issue: ['title', 'body', 'desiredOutcome'],
  answer: ['text'],
  message: ['body'],
  decision: ['text'],
  action: ['description'],
  minutes: ['text'],
  roundtable: ['title'],
  roundtable_description: ['description'],
  agenda_item: ['title'],
};

/** An original text: its language and its translated fields as they are now. */
export interface Original {
  kind: TranslationKind;
  textId: string;
  /** The issue it belongs to (issue, answer, message); null for outcomes' texts. */
  issueId: string | null;
  language: Language;
  fields: Record<string, string>;
}

export function sourceHashOf(language: Language, kind: TranslationKind, fields: Record<string, string>): string {
  const values = TRANSLATED_FIELDS[kind].map((f) => fields[f] ?? '');
  return createHash('sha256')
    .update(JSON.stringify([language, ...values]))
    .digest('hex');
}

/** What a reader sees of a translation: the text in their language and where it came from. */
export interface TranslationView {
  language: Language;
  translatedFrom: Language;
  /** false: the original changed since (or its language did): the translation is stale, kept but not shown as the text. */
  current: boolean;
  machine: boolean;
  translatedAt: Date;
  fields: Record<string, string>;
}

export function viewOf(row: TranslationRow, original: Pick<Original, 'kind' | 'language' | 'fields'>): TranslationView {
  return {
    language: row.targetLanguage,
    translatedFrom: row.sourceLanguage,
    current: row.sourceLanguage === original.language && row.sourceHash === sourceHashOf(original.language, original.kind, original.fields),
    machine: row.origin === 'machine',
    translatedAt: row.updatedAt,
    fields: row.fields,
  };
}

/** A translation carrying only some of its fields (lists give an issue's translated title, not its body). */
export function onlyFields(view: TranslationView | undefined | null, fields: readonly string[]): TranslationView | null {
  return view ? { ...view, fields: Object.fromEntries(fields.map((f) => [f, view.fields[f] ?? ''])) } : null;
}

/** Every translation of these originals (any kind), keyed by text id and target language, as readers see them. */
export async function allTranslationsOf(db: Executor, originals: Original[]): Promise<Map<string, Map<Language, TranslationView>>> {
  const out = new Map<string, Map<Language, TranslationView>>();
  for (const kind of [...new Set(originals.map((o) => o.kind))]) {
    const ofKind = originals.filter((o) => o.kind === kind);
    const rows = await repo.translationsOf(
      db,
      kind,
      ofKind.map((o) => o.textId),
    );
    for (const o of ofKind) {
      const views = new Map<Language, TranslationView>();
      for (const row of rows) if (row.textId === o.textId) views.set(row.targetLanguage, viewOf(row, o));
      out.set(`${kind}:${o.textId}`, views);
    }
  }
  return out;
}

/**
 * For a reader of `language` (null: unknown), the translation of each original into it, keyed by text id.
 * Texts already in the reader's language, or with no translation into it, are absent.
 */
export async function translationsFor(db: Executor, originals: Original[], language: Language | null): Promise<Map<string, TranslationView>> {
  const out = new Map<string, TranslationView>();
  if (!language) return out;
  const wanted = originals.filter((o) => o.language !== language);
  for (const kind of [...new Set(wanted.map((o) => o.kind))]) {
    const ofKind = wanted.filter((o) => o.kind === kind);
    const rows = await repo.translationsOf(
      db,
      kind,
      ofKind.map((o) => o.textId),
      language,
    );
    const byText = new Map(rows.map((r) => [r.textId, r]));
    for (const o of ofKind) {
      const row = byText.get(o.textId);
      if (row) out.set(o.textId, viewOf(row, o));
    }
  }
  return out;
}

export const isLanguage = (value: string): value is Language => (LANGUAGES as readonly string[]).includes(value);

/**
 * Adds or replaces the translation of `original` into `target` (the caller decided the translator may see
 * and translate it). Refuses a translation into the original's own language, an unknown language, and
 * fields that are not the kind's (missing a field the original has, or naming one it has not).
 */
export async function writeTranslation(
  tx: Tx,
  original: Original,
  target: string,
  fields: Record<string, string>,
  translator: { userId: string | null; machine?: boolean },
): Promise<TranslationRow> {
  if (!isLanguage(target)) throw badRequest('UNKNOWN_LANGUAGE', `${target} is not a language we translate into`, { language: target });
  if (target === original.language)
    throw badRequest('TRANSLATION_INTO_SOURCE', 'A text cannot be translated into the language it is written in', { language: target });
  const allowed = TRANSLATED_FIELDS[original.kind];
  const unknown = Object.keys(fields).filter((f) => !allowed.includes(f));
  if (unknown.length) throw badRequest('TRANSLATION_FIELDS', `Not translated fields of this text: ${unknown.join(', ')}`, { fields: unknown });
  const clean: Record<string, string> = {};
  for (const f of allowed) {
    const value = (fields[f] ?? '').trim();
    const needed = (original.fields[f] ?? '').trim() !== '';
    if (needed && !value) throw badRequest('TRANSLATION_FIELDS', `Translate the ${f} too`, { fields: [f] });
    clean[f] = needed ? value : '';
  }
  return repo.upsertTranslation(tx, {
    kind: original.kind,
    textId: original.textId,
    issueId: original.issueId,
    sourceLanguage: original.language,
    targetLanguage: target,
    fields: clean,
    sourceHash: sourceHashOf(original.language, original.kind, original.fields),
    translatorId: translator.userId,
    origin: translator.machine ? 'machine' : 'human',
  });
}

/**
 * A search condition for the caller's query: some translation of the text whose id is `textId` (a column
 * of the caller's table) matches `pattern` (an ILIKE pattern) in one of `fields`. Stale translations count
 * too: they still say what the text is about.
 */
export function translationMatches(kind: TranslationKind, textId: SQLWrapper, fields: string[], pattern: string): SQL {
  const any = sql.join(
    fields.map((f) => sql`${translations.fields} ->> ${f} ilike ${pattern}`),
    sql` or `,
  );
  // An uncorrelated array (an InitPlan run once), so the caller's other arms keep their indexes: `id = any(...)`
  // is an index condition on the caller's key, where a correlated EXISTS would turn the OR into a table scan.
  return sql`${textId} = any(array(select ${translations.textId} from ${translations} where ${eq(translations.kind, kind)} and (${any})))`;
}

/** For similar-text candidates: an array (computed once per query) of the ids of texts of `kind` with a translation whose `field` is trigram-similar to `text`. */
export function similarTranslationIds(kind: TranslationKind, field: string, text: string): SQL {
  return sql`array(select ${translations.textId} from ${translations} where ${eq(translations.kind, kind)} and (${translations.fields} ->> ${field}) % ${text})`;
}

/** For similar-text matching: the best trigram similarity of `text` to `field` in any translation of the text (0 if none). */
export function translationSimilarity(kind: TranslationKind, textId: SQLWrapper, field: string, text: string): SQL {
  return sql`coalesce((select max(similarity(${translations.fields} ->> ${field}, ${text})) from ${translations} where ${and(eq(translations.kind, kind), sql`${translations.textId} = ${textId}`)}), 0)`;
}
