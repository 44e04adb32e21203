CREATE INDEX "issues_when_idx" ON "issues" USING btree (coalesce("submitted_at", "created_at"),"id");--> statement-breakpoint
CREATE INDEX "issues_state_changed_idx" ON "issues" USING btree ("state_changed_at","id");--> statement-breakpoint
CREATE INDEX "issues_support_idx" ON "issues" USING btree ("support_count",coalesce("submitted_at", "created_at"),"id");