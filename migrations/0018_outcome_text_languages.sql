-- hand-written: progress updates, minutes comments and addenda, and the reason an action was dropped
-- record the language they are written in, so readers' pages mark them with `lang`. Existing rows take
-- their writer's language (what they wrote in, as far as is known); a dropped reason takes its action's.
ALTER TABLE "action_items" ADD COLUMN "dropped_reason_language" "language";--> statement-breakpoint
UPDATE "action_items" SET "dropped_reason_language" = "language" WHERE "dropped_reason" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "action_progress" ADD COLUMN "language" "language";--> statement-breakpoint
UPDATE "action_progress" AS p SET "language" = u."language" FROM "users" AS u WHERE u."id" = p."author_id";--> statement-breakpoint
ALTER TABLE "action_progress" ALTER COLUMN "language" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "minutes_addenda" ADD COLUMN "language" "language";--> statement-breakpoint
UPDATE "minutes_addenda" AS a SET "language" = u."language" FROM "users" AS u WHERE u."id" = a."author_id";--> statement-breakpoint
ALTER TABLE "minutes_addenda" ALTER COLUMN "language" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "minutes_comments" ADD COLUMN "language" "language";--> statement-breakpoint
UPDATE "minutes_comments" AS c SET "language" = u."language" FROM "users" AS u WHERE u."id" = c."author_id";--> statement-breakpoint
ALTER TABLE "minutes_comments" ALTER COLUMN "language" SET NOT NULL;
