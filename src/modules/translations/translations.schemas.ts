// TypeBox schemas for translations, shared with the modules whose texts are translated.
import { Type } from 'typebox';
import { TRANSLATABLE_KINDS } from '../../db/schema/translations.js';
import { Instant, Language, literals, Nullable, Uuid } from '../../lib/schemas.js';

export const TranslationKind = literals(TRANSLATABLE_KINDS);
const Fields = Type.Record(Type.String(), Type.String());

/** A text's translation into the reader's language, as reading endpoints embed it (null: none into that language). */
export const Translation = Type.Object(
  {
    language: Language,
    translatedFrom: Language,
    current: Type.Boolean({ description: 'false: the original changed since; the translation is stale' }),
    machine: Type.Boolean(),
    translatedAt: Instant,
    fields: Fields,
  },
  { additionalProperties: false },
);
export const MaybeTranslation = Nullable(Translation);

export const TextParams = Type.Object({ kind: TranslationKind, id: Uuid }, { additionalProperties: false });
/** The target language is checked by the service (an unknown one is UNKNOWN_LANGUAGE, not a schema error). */
export const TargetParams = Type.Object({ kind: TranslationKind, id: Uuid, language: Type.String({ maxLength: 20 }) }, { additionalProperties: false });
export const TranslationBody = Type.Object(
  {
    fields: Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 20000 }), { maxProperties: 5 }),
    /** The original's sourceHash the translation was made from: if it changed meanwhile, the translation is stored as stale. */
    basedOn: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$' })),
  },
  { additionalProperties: false },
);

/** A translation as its translators see it (with who made it, when the viewer may know). */
export const TranslationEntry = Type.Object(
  {
    ...Translation.properties,
    id: Uuid,
    translatorName: Nullable(Type.String()),
    createdAt: Instant,
  },
  { additionalProperties: false },
);

export const TextTranslations = Type.Object(
  {
    kind: TranslationKind,
    id: Uuid,
    /** The issue the text belongs to (issue, answer, message), or the round-table (outcomes, round-table texts). */
    issueId: Nullable(Uuid),
    roundTableId: Nullable(Uuid),
    /** The issue's title, or the round-table's. */
    title: Type.String(),
    original: Type.Object({ language: Language, fields: Fields, sourceHash: Type.String() }, { additionalProperties: false }),
    mayTranslate: Type.Boolean(),
    translations: Type.Array(TranslationEntry),
  },
  { additionalProperties: false },
);

export const QueueQuery = Type.Object({ language: Type.Optional(Language) }, { additionalProperties: false });
export const TranslationQueue = Type.Array(
  Type.Object(
    {
      kind: TranslationKind,
      id: Uuid,
      issueId: Nullable(Uuid),
      roundTableId: Nullable(Uuid),
      /** The issue's title, or the round-table's. */
      title: Type.String(),
      sourceLanguage: Language,
      /** Languages readers need with no translation at all. */
      missing: Type.Array(Language),
      /** Languages whose translation is stale (the original changed since). */
      stale: Type.Array(Language),
      urgency: literals(['review', 'roundtable', 'follow_up'] as const),
      urgentAt: Nullable(Instant),
      excerpt: Type.String(),
    },
    { additionalProperties: false },
  ),
);
