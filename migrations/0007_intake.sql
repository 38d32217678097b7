DROP INDEX "touchpoints_refused_idx";--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "intake" text DEFAULT 'accepted' NOT NULL;--> statement-breakpoint
CREATE INDEX "touchpoints_refused_idx" ON "touchpoints" USING btree ("tenant_id","form_id","occurred_at") WHERE outcome IS NOT NULL;