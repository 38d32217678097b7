CREATE TABLE "capacity_policy_forms" (
	"form_id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"policy_id" text NOT NULL
);
--> statement-breakpoint
DROP INDEX "capacity_policies_form_idx";--> statement-breakpoint
ALTER TABLE "capacity_policy_forms" ADD CONSTRAINT "capacity_policy_forms_form_id_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."forms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capacity_policy_forms" ADD CONSTRAINT "capacity_policy_forms_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capacity_policy_forms" ADD CONSTRAINT "capacity_policy_forms_policy_id_capacity_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."capacity_policies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "capacity_policy_forms_policy_idx" ON "capacity_policy_forms" USING btree ("policy_id");--> statement-breakpoint
-- Each existing policy keeps gating the one form it named.
INSERT INTO "capacity_policy_forms" ("form_id", "tenant_id", "policy_id") SELECT "form_id", "tenant_id", "id" FROM "capacity_policies";--> statement-breakpoint
ALTER TABLE "capacity_policies" DROP COLUMN "form_id";