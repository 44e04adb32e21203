// Drizzle queries for translations. No rules here.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.js';
import { translations, users } from '../../db/schema/index.js';
import type { Language } from '../../lib/principal.js';

export type TranslationRow = typeof translations.$inferSelect;
export type TranslationKind = TranslationRow['kind'];

/** The translations of these texts (of one kind), optionally into one language only. */
export async function translationsOf(db: Executor, kind: TranslationKind, textIds: string[], target?: Language): Promise<TranslationRow[]> {
  if (!textIds.length) return [];
  return db
    .select()
    .from(translations)
    .where(and(eq(translations.kind, kind), inArray(translations.textId, textIds), target ? eq(translations.targetLanguage, target) : undefined));
}

/** The same, with the translator's name and role (for the translators' own views). */
export function translationsWithTranslator(db: Executor, kind: TranslationKind, textId: string) {
  return db
    .select({ row: translations, translatorName: users.displayName, translatorRole: users.role })
    .from(translations)
    .leftJoin(users, eq(users.id, translations.translatorId))
    .where(and(eq(translations.kind, kind), eq(translations.textId, textId)))
    .orderBy(translations.targetLanguage);
}

/** Add or replace the translation of a text into one language (one row per text and target). */
export async function upsertTranslation(tx: Tx, values: typeof translations.$inferInsert): Promise<TranslationRow> {
  const [row] = await tx
    .insert(translations)
    .values(values)
    .onConflictDoUpdate({
      target: [translations.kind, translations.textId, translations.targetLanguage],
      set: {
        issueId: values.issueId,
        sourceLanguage: values.sourceLanguage,
        fields: values.fields,
        sourceHash: values.sourceHash,
        translatorId: values.translatorId ?? null,
        origin: values.origin ?? 'human',
        updatedAt: sql`now()`,
      },
    })
    .returning();
  return row!;
}

/** The languages readers use (active accounts): the languages a text needs translations into. */
export async function readerLanguages(db: Executor): Promise<Language[]> {
  const rows = await db
    .selectDistinct({ language: users.language })
    .from(users)
    .where(sql`${users.deactivatedAt} is null`);
  return rows.map((r) => r.language);
}

/** Record that a translation was made from an earlier version of its original (it is stale from the start). */
export async function markStale(tx: Tx, id: string, sourceHash: string): Promise<void> {
  await tx.update(translations).set({ sourceHash }).where(eq(translations.id, id));
}
