CREATE TYPE "public"."agenda_item_kind" AS ENUM('section', 'opening', 'issue', 'presentation', 'break', 'closing');--> statement-breakpoint
CREATE TYPE "public"."registration_status" AS ENUM('pending', 'confirmed', 'waitlisted', 'cancelled', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."round_table_audience" AS ENUM('public', 'registered');--> statement-breakpoint
CREATE TYPE "public"."round_table_status" AS ENUM('draft', 'scheduled', 'live', 'concluded', 'cancelled');--> statement-breakpoint
CREATE TABLE "agenda_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_table_id" uuid NOT NULL,
	"section_id" uuid,
	"kind" "agenda_item_kind" NOT NULL,
	"position" integer NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"title_ja" text DEFAULT '' NOT NULL,
	"title_zh" text DEFAULT '' NOT NULL,
	"presenter" text DEFAULT '' NOT NULL,
	"planned_minutes" integer DEFAULT 0 NOT NULL,
	"internal_notes" text DEFAULT '' NOT NULL,
	"issue_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agenda_releases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_table_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"agenda_version" integer NOT NULL,
	"items" jsonb NOT NULL,
	"changelog" jsonb NOT NULL,
	"published_by" uuid NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feeds_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "round_table_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_table_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"organization_id" uuid,
	"status" "registration_status" NOT NULL,
	"arrival" bigserial NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "round_table_reschedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_table_id" uuid NOT NULL,
	"previous_starts_at" timestamp with time zone NOT NULL,
	"previous_ends_at" timestamp with time zone NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"time_zone" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"actor_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "round_tables" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"title_ja" text DEFAULT '' NOT NULL,
	"title_zh" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"description_ja" text DEFAULT '' NOT NULL,
	"description_zh" text DEFAULT '' NOT NULL,
	"theme" text DEFAULT 'general' NOT NULL,
	"host_organization_id" uuid NOT NULL,
	"chair_id" uuid NOT NULL,
	"venue_name" text,
	"venue_address" text,
	"venue_room" text,
	"online_url" text,
	"time_zone" text DEFAULT 'Asia/Shanghai' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"seats_per_company" integer DEFAULT 2 NOT NULL,
	"requires_approval" boolean DEFAULT false NOT NULL,
	"audience" "round_table_audience" DEFAULT 'public' NOT NULL,
	"proposal_deadline" timestamp with time zone,
	"pledge_days" integer DEFAULT 100 NOT NULL,
	"status" "round_table_status" DEFAULT 'draft' NOT NULL,
	"cancel_reason" text,
	"sequence" integer DEFAULT 0 NOT NULL,
	"agenda_version" integer DEFAULT 0 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_round_table_id_round_tables_id_fk" FOREIGN KEY ("round_table_id") REFERENCES "public"."round_tables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_releases" ADD CONSTRAINT "agenda_releases_round_table_id_round_tables_id_fk" FOREIGN KEY ("round_table_id") REFERENCES "public"."round_tables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_releases" ADD CONSTRAINT "agenda_releases_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_table_registrations" ADD CONSTRAINT "round_table_registrations_round_table_id_round_tables_id_fk" FOREIGN KEY ("round_table_id") REFERENCES "public"."round_tables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_table_registrations" ADD CONSTRAINT "round_table_registrations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_table_registrations" ADD CONSTRAINT "round_table_registrations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_table_reschedules" ADD CONSTRAINT "round_table_reschedules_round_table_id_round_tables_id_fk" FOREIGN KEY ("round_table_id") REFERENCES "public"."round_tables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_table_reschedules" ADD CONSTRAINT "round_table_reschedules_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_tables" ADD CONSTRAINT "round_tables_host_organization_id_organizations_id_fk" FOREIGN KEY ("host_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_tables" ADD CONSTRAINT "round_tables_chair_id_users_id_fk" FOREIGN KEY ("chair_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_tables" ADD CONSTRAINT "round_tables_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agenda_items_round_table_idx" ON "agenda_items" USING btree ("round_table_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "agenda_releases_number_key" ON "agenda_releases" USING btree ("round_table_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_active_key" ON "round_table_registrations" USING btree ("round_table_id","user_id") WHERE status in ('pending', 'confirmed', 'waitlisted');--> statement-breakpoint
CREATE INDEX "registrations_user_idx" ON "round_table_registrations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "round_tables_starts_idx" ON "round_tables" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "round_tables_chair_idx" ON "round_tables" USING btree ("chair_id");