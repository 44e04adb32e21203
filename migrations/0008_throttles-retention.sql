CREATE TABLE "throttle_hits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "throttle_hits_window_start_idx" ON "throttle_hits" USING btree ("window_start");