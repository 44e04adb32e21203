CREATE TYPE "public"."action_status" AS ENUM('open', 'in_progress', 'done', 'dropped');--> statement-breakpoint
CREATE TYPE "public"."decision_kind" AS ENUM('commitment', 'referral', 'no_action', 'needs_more_information');--> statement-breakpoint
CREATE TYPE "public"."minutes_status" AS ENUM('draft', 'circulated', 'final');--> statement-breakpoint
CREATE TYPE "public"."reminder_kind" AS ENUM('due_in_7_days', 'due_tomorrow', 'overdue');--> statement-breakpoint
CREATE TABLE "action_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"decision_id" uuid NOT NULL,
	"round_table_id" uuid NOT NULL,
	"description" text NOT NULL,
	"owner_organization_id" uuid NOT NULL,
	"owner_user_id" uuid,
	"due_date" date NOT NULL,
	"time_zone" text NOT NULL,
	"status" "action_status" DEFAULT 'open' NOT NULL,
	"dropped_reason" text,
	"percent" integer DEFAULT 0 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "action_progress" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"percent" integer NOT NULL,
	"public_text" text NOT NULL,
	"internal_note" text,
	"author_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decision_issues" (
	"decision_id" uuid NOT NULL,
	"issue_id" uuid NOT NULL,
	CONSTRAINT "decision_issues_decision_id_issue_id_pk" PRIMARY KEY("decision_id","issue_id")
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_table_id" uuid NOT NULL,
	"slot_id" uuid NOT NULL,
	"text" text NOT NULL,
	"kind" "decision_kind" NOT NULL,
	"department" text,
	"reason" text,
	"language" "language" NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "minutes" (
	"slot_id" uuid PRIMARY KEY NOT NULL,
	"round_table_id" uuid NOT NULL,
	"status" "minutes_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"saved_at" timestamp with time zone,
	"saved_by" uuid,
	"comments_until" timestamp with time zone,
	"finalized_at" timestamp with time zone,
	"finalized_by" uuid
);
--> statement-breakpoint
CREATE TABLE "minutes_addenda" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slot_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "minutes_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slot_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "minutes_versions" (
	"slot_id" uuid NOT NULL,
	"n" integer NOT NULL,
	"text" text NOT NULL,
	"saved_by" uuid NOT NULL,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "minutes_versions_slot_id_n_pk" PRIMARY KEY("slot_id","n")
);
--> statement-breakpoint
CREATE TABLE "reminders_sent" (
	"action_id" uuid NOT NULL,
	"kind" "reminder_kind" NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminders_sent_action_id_kind_pk" PRIMARY KEY("action_id","kind")
);
--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_owner_organization_id_organizations_id_fk" FOREIGN KEY ("owner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_progress" ADD CONSTRAINT "action_progress_action_id_action_items_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."action_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_progress" ADD CONSTRAINT "action_progress_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_issues" ADD CONSTRAINT "decision_issues_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes" ADD CONSTRAINT "minutes_saved_by_users_id_fk" FOREIGN KEY ("saved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes" ADD CONSTRAINT "minutes_finalized_by_users_id_fk" FOREIGN KEY ("finalized_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_addenda" ADD CONSTRAINT "minutes_addenda_slot_id_minutes_slot_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."minutes"("slot_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_addenda" ADD CONSTRAINT "minutes_addenda_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_comments" ADD CONSTRAINT "minutes_comments_slot_id_minutes_slot_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."minutes"("slot_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_comments" ADD CONSTRAINT "minutes_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_versions" ADD CONSTRAINT "minutes_versions_slot_id_minutes_slot_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."minutes"("slot_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_versions" ADD CONSTRAINT "minutes_versions_saved_by_users_id_fk" FOREIGN KEY ("saved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminders_sent" ADD CONSTRAINT "reminders_sent_action_id_action_items_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."action_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_items_decision_idx" ON "action_items" USING btree ("decision_id");--> statement-breakpoint
CREATE INDEX "action_items_due_idx" ON "action_items" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "action_items_owner_idx" ON "action_items" USING btree ("owner_organization_id");--> statement-breakpoint
CREATE INDEX "action_progress_action_idx" ON "action_progress" USING btree ("action_id","created_at");--> statement-breakpoint
CREATE INDEX "decision_issues_issue_idx" ON "decision_issues" USING btree ("issue_id");--> statement-breakpoint
CREATE INDEX "decisions_round_table_idx" ON "decisions" USING btree ("round_table_id","created_at");--> statement-breakpoint
CREATE INDEX "minutes_addenda_slot_idx" ON "minutes_addenda" USING btree ("slot_id","created_at");--> statement-breakpoint
CREATE INDEX "minutes_comments_slot_idx" ON "minutes_comments" USING btree ("slot_id","created_at");