ALTER TABLE "round_tables" ADD COLUMN "venue_city_en" text;--> statement-breakpoint
ALTER TABLE "round_tables" ADD COLUMN "venue_city_ja" text;--> statement-breakpoint
ALTER TABLE "round_tables" ADD COLUMN "venue_city_zh" text;--> statement-breakpoint
-- hand-written: round-tables created before the venue city existed get it where the venue names Tianjin
-- (the demo data; others keep NULL and their time labels fall back to the zone's localized name).
UPDATE "round_tables" SET "venue_city_en" = 'Tianjin', "venue_city_ja" = '天津', "venue_city_zh" = '天津'
  WHERE "venue_city_en" IS NULL AND ("venue_name" ILIKE '%Tianjin%' OR "venue_address" ILIKE '%Tianjin%');
--> statement-breakpoint
-- hand-written: name order per UI language (src/db/collation.ts). ICU collations where the server has ICU
-- (pinyin for zh, numbers by value); a copy of "C" where it has none, so queries naming them always work.
DO $$
BEGIN
  CREATE COLLATION IF NOT EXISTS "rt_en" (provider = icu, locale = 'en-u-kn-true');
  CREATE COLLATION IF NOT EXISTS "rt_ja" (provider = icu, locale = 'ja-u-kn-true');
  CREATE COLLATION IF NOT EXISTS "rt_zh" (provider = icu, locale = 'zh-u-kn-true');
EXCEPTION WHEN OTHERS THEN
  CREATE COLLATION IF NOT EXISTS "rt_en" FROM "C";
  CREATE COLLATION IF NOT EXISTS "rt_ja" FROM "C";
  CREATE COLLATION IF NOT EXISTS "rt_zh" FROM "C";
END
$$;
