ALTER TABLE "agenda_items" ADD COLUMN "language" "language" DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "round_tables" ADD COLUMN "language" "language" DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "minutes" ADD COLUMN "language" "language" DEFAULT 'en' NOT NULL;--> statement-breakpoint
-- hand-written: older minutes take their saver's language; round-tables their creator's when the title is
-- written in it, else the first language with a title; agenda items their round-table's, else their first.
-- The other languages' columns become translation records (made by the round-table's creator), current
-- against the original: the hash is translations.links' sourceHashOf, sha256 of the JSON array
-- [language, field], written the way JSON.stringify writes it.
UPDATE "minutes" m SET "language" = u."language" FROM "users" u WHERE u."id" = m."saved_by";--> statement-breakpoint
UPDATE "round_tables" r SET "language" = CASE
    WHEN (u."language" = 'en' AND r."title_en" <> '') OR (u."language" = 'ja' AND r."title_ja" <> '') OR (u."language" = 'zh' AND r."title_zh" <> '') THEN u."language"
    WHEN r."title_en" <> '' THEN 'en'::"language" WHEN r."title_ja" <> '' THEN 'ja'::"language" WHEN r."title_zh" <> '' THEN 'zh'::"language" ELSE u."language" END
  FROM "users" u WHERE u."id" = r."created_by";--> statement-breakpoint
UPDATE "agenda_items" a SET "language" = CASE
    WHEN (r."language" = 'en' AND a."title_en" <> '') OR (r."language" = 'ja' AND a."title_ja" <> '') OR (r."language" = 'zh' AND a."title_zh" <> '') THEN r."language"
    WHEN a."title_en" <> '' THEN 'en'::"language" WHEN a."title_ja" <> '' THEN 'ja'::"language" WHEN a."title_zh" <> '' THEN 'zh'::"language" ELSE r."language" END
  FROM "round_tables" r WHERE r."id" = a."round_table_id";--> statement-breakpoint
INSERT INTO "translations" ("kind", "text_id", "source_language", "target_language", "fields", "source_hash", "translator_id")
SELECT t.kind, t.id, t.lang, t.target, jsonb_build_object(t.field, t.translated),
       encode(sha256(convert_to('[' || to_json(t.lang::text)::text || ',' || to_json(t.original)::text || ']', 'UTF8')), 'hex'), t.by
FROM (
  SELECT 'roundtable' AS kind, 'title' AS field, r."id", r."language" AS lang, v.target, r."created_by" AS by,
         CASE r."language" WHEN 'en' THEN r."title_en" WHEN 'ja' THEN r."title_ja" ELSE r."title_zh" END AS original, v.translated
  FROM "round_tables" r, LATERAL (VALUES ('en'::"language", r."title_en"), ('ja'::"language", r."title_ja"), ('zh'::"language", r."title_zh")) v(target, translated)
  UNION ALL
  SELECT 'roundtable_description', 'description', r."id", r."language", v.target, r."created_by",
         CASE r."language" WHEN 'en' THEN r."description_en" WHEN 'ja' THEN r."description_ja" ELSE r."description_zh" END, v.translated
  FROM "round_tables" r, LATERAL (VALUES ('en'::"language", r."description_en"), ('ja'::"language", r."description_ja"), ('zh'::"language", r."description_zh")) v(target, translated)
  UNION ALL
  SELECT 'agenda_item', 'title', a."id", a."language", v.target, r."created_by",
         CASE a."language" WHEN 'en' THEN a."title_en" WHEN 'ja' THEN a."title_ja" ELSE a."title_zh" END, v.translated
  FROM "agenda_items" a JOIN "round_tables" r ON r."id" = a."round_table_id",
       LATERAL (VALUES ('en'::"language", a."title_en"), ('ja'::"language", a."title_ja"), ('zh'::"language", a."title_zh")) v(target, translated)
) t
WHERE t.target <> t.lang AND t.translated <> '' AND t.original <> '';
