-- hand-written: the archive of the event log becomes partitioned by month (UTC) of created_at, so that
-- a month of the audit trail is one table: retention drops whole expired months instead of deleting row
-- by row, and reads by time touch only their months. The retention job creates each month's partition
-- before it moves events into it (src/live/archive.ts); rows with no partition of their month land in
-- the default one. Existing rows are copied into partitions of their months. (This snapshot also
-- records 0016's invitations.language, which was written by hand without one.)
DROP VIEW "events_all";--> statement-breakpoint
ALTER TABLE "events_archive" RENAME TO "events_archive_unpartitioned";--> statement-breakpoint
ALTER TABLE "events_archive_unpartitioned" DROP CONSTRAINT "events_archive_stream_seq_pk";--> statement-breakpoint
DROP INDEX "events_archive_created_idx";--> statement-breakpoint
DROP INDEX "events_archive_actor_idx";--> statement-breakpoint
CREATE TABLE "events_archive" (
	"stream" text NOT NULL,
	"seq" bigint NOT NULL,
	"type" text NOT NULL,
	"data" jsonb NOT NULL,
	"actor_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "events_archive_stream_seq_created_at_pk" PRIMARY KEY("stream","seq","created_at")
) PARTITION BY RANGE ("created_at");--> statement-breakpoint
CREATE TABLE "events_archive_default" PARTITION OF "events_archive" DEFAULT;--> statement-breakpoint
CREATE INDEX "events_archive_created_idx" ON "events_archive" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "events_archive_actor_idx" ON "events_archive" USING btree ("actor_id","created_at");--> statement-breakpoint
DO $$
DECLARE m timestamptz;
BEGIN
  FOR m IN SELECT DISTINCT date_trunc('month', "created_at", 'UTC') FROM "events_archive_unpartitioned" LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF "events_archive" FOR VALUES FROM (%L) TO (%L)',
      'events_archive_' || to_char(m AT TIME ZONE 'UTC', 'YYYY_MM'), m, ((m AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC');
  END LOOP;
END $$;--> statement-breakpoint
INSERT INTO "events_archive" SELECT "stream", "seq", "type", "data", "actor_id", "created_at" FROM "events_archive_unpartitioned";--> statement-breakpoint
DROP TABLE "events_archive_unpartitioned";--> statement-breakpoint
CREATE VIEW "events_all" AS
  SELECT "stream", "seq", "type", "data", "actor_id", "created_at" FROM "events"
  UNION ALL
  SELECT "stream", "seq", "type", "data", "actor_id", "created_at" FROM "events_archive";
