CREATE TABLE "live_hands" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_table_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"floor_at" timestamp with time zone,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "live_polls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_table_id" uuid NOT NULL,
	"question" text NOT NULL,
	"options" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "live_sessions" (
	"round_table_id" uuid PRIMARY KEY NOT NULL,
	"current_item_id" text,
	"visited_item_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"timer" jsonb,
	"announcements" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "live_votes" (
	"poll_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"option" integer NOT NULL,
	CONSTRAINT "live_votes_poll_id_user_id_pk" PRIMARY KEY("poll_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "live_hands" ADD CONSTRAINT "live_hands_round_table_id_round_tables_id_fk" FOREIGN KEY ("round_table_id") REFERENCES "public"."round_tables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_hands" ADD CONSTRAINT "live_hands_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_polls" ADD CONSTRAINT "live_polls_round_table_id_round_tables_id_fk" FOREIGN KEY ("round_table_id") REFERENCES "public"."round_tables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_sessions" ADD CONSTRAINT "live_sessions_round_table_id_round_tables_id_fk" FOREIGN KEY ("round_table_id") REFERENCES "public"."round_tables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_votes" ADD CONSTRAINT "live_votes_poll_id_live_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."live_polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_votes" ADD CONSTRAINT "live_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "live_hands_rt_idx" ON "live_hands" USING btree ("round_table_id","raised_at");--> statement-breakpoint
CREATE UNIQUE INDEX "live_hands_one_open" ON "live_hands" USING btree ("round_table_id","user_id") WHERE status in ('waiting', 'speaking');--> statement-breakpoint
CREATE UNIQUE INDEX "live_polls_one_open" ON "live_polls" USING btree ("round_table_id") WHERE status = 'open';