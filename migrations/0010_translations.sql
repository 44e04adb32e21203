CREATE TABLE "translations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"text_id" uuid NOT NULL,
	"issue_id" uuid,
	"source_language" "language" NOT NULL,
	"target_language" "language" NOT NULL,
	"fields" jsonb NOT NULL,
	"source_hash" text NOT NULL,
	"translator_id" uuid,
	"origin" text DEFAULT 'human' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "issue_answers" ADD COLUMN "language" "language" DEFAULT 'zh' NOT NULL;--> statement-breakpoint
ALTER TABLE "issue_messages" ADD COLUMN "language" "language" DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "action_items" ADD COLUMN "language" "language" DEFAULT 'zh' NOT NULL;--> statement-breakpoint
ALTER TABLE "translations" ADD CONSTRAINT "translations_translator_id_users_id_fk" FOREIGN KEY ("translator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "translations_text_target_key" ON "translations" USING btree ("kind","text_id","target_language");--> statement-breakpoint
CREATE INDEX "translations_issue_idx" ON "translations" USING btree ("issue_id");--> statement-breakpoint
-- hand-written: texts written before their language was recorded take their author's language
-- (action items their decision's, which the decision recorded).
UPDATE "issue_answers" a SET "language" = u."language" FROM "users" u WHERE u."id" = a."author_id";--> statement-breakpoint
UPDATE "issue_messages" m SET "language" = u."language" FROM "users" u WHERE u."id" = m."author_id";--> statement-breakpoint
UPDATE "action_items" ai SET "language" = d."language" FROM "decisions" d WHERE d."id" = ai."decision_id";
