ALTER TABLE "deliveries" DROP CONSTRAINT "deliveries_one_destination";--> statement-breakpoint
ALTER TABLE "outbox" ALTER COLUMN "tenant_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "deliveries" ALTER COLUMN "tenant_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "mail_to" text;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "reps" ADD COLUMN "email_notifications" text DEFAULT 'immediate' NOT NULL;--> statement-breakpoint
CREATE INDEX "outbox_mail_idx" ON "outbox" USING btree ("created_at") WHERE topic LIKE 'mail.%';--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_tenant_unless_mail" CHECK ("outbox"."tenant_id" IS NOT NULL OR "outbox"."topic" LIKE 'mail.%');--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_tenant_unless_mail" CHECK ("deliveries"."tenant_id" IS NOT NULL OR "deliveries"."mail_to" IS NOT NULL);--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_one_destination" CHECK (num_nonnulls("deliveries"."endpoint_id", "deliveries"."slack_url", "deliveries"."mail_to") = 1);