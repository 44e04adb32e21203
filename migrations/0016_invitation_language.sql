-- hand-written: each invitation keeps the language its e-mail is written in (resent ones too). Older
-- invitations take their inviter's language, which is what their e-mail was written in.
ALTER TABLE "invitations" ADD COLUMN "language" "language";--> statement-breakpoint
UPDATE "invitations" AS i SET "language" = u."language" FROM "users" AS u WHERE u."id" = i."invited_by";--> statement-breakpoint
ALTER TABLE "invitations" ALTER COLUMN "language" SET NOT NULL;
