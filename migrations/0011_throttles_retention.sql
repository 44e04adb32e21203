CREATE TABLE "throttle_hits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events_archive" (
	"stream" text NOT NULL,
	"seq" bigint NOT NULL,
	"type" text NOT NULL,
	"data" jsonb NOT NULL,
	"actor_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "events_archive_stream_seq_pk" PRIMARY KEY("stream","seq")
);
--> statement-breakpoint
CREATE INDEX "throttle_hits_window_start_idx" ON "throttle_hits" USING btree ("window_start");--> statement-breakpoint
CREATE INDEX "events_archive_created_idx" ON "events_archive" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "events_archive_actor_idx" ON "events_archive" USING btree ("actor_id","created_at");--> statement-breakpoint
-- hand-written: the audit trail reads hot and archived events together (src/db/schema/events-archive.ts eventsAll).
CREATE VIEW "events_all" AS
  SELECT "stream", "seq", "type", "data", "actor_id", "created_at" FROM "events"
  UNION ALL
  SELECT "stream", "seq", "type", "data", "actor_id", "created_at" FROM "events_archive";
