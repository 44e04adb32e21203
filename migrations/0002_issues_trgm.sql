-- Similar issues while typing and text search: trigram indexes (pg_trgm ships with PGlite and the server).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "issues_title_trgm_idx" ON "issues" USING gin ("title" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "issues_body_trgm_idx" ON "issues" USING gin ("body" gin_trgm_ops);
