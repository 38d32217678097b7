CREATE TABLE "capacity_policies" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"form_id" text NOT NULL,
	"name" text NOT NULL,
	"team_id" text,
	"policy" jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"last_state" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "capacity_usage" (
	"tenant_id" text NOT NULL,
	"policy_id" text NOT NULL,
	"window_key" text NOT NULL,
	"used" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "capacity_usage_policy_id_window_key_pk" PRIMARY KEY("policy_id","window_key")
);
--> statement-breakpoint
CREATE TABLE "form_views" (
	"tenant_id" text NOT NULL,
	"form_id" text NOT NULL,
	"day" text NOT NULL,
	"state" text NOT NULL,
	"channel" text NOT NULL,
	"campaign" text DEFAULT '' NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "form_views_form_id_day_state_channel_campaign_pk" PRIMARY KEY("form_id","day","state","channel","campaign")
);
--> statement-breakpoint
ALTER TABLE "touchpoints" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "capacity_policies" ADD CONSTRAINT "capacity_policies_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capacity_usage" ADD CONSTRAINT "capacity_usage_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_views" ADD CONSTRAINT "form_views_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "capacity_policies_form_idx" ON "capacity_policies" USING btree ("tenant_id","form_id");--> statement-breakpoint
CREATE INDEX "capacity_policies_tenant_idx" ON "capacity_policies" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "form_views_tenant_idx" ON "form_views" USING btree ("tenant_id","form_id","day");--> statement-breakpoint
CREATE INDEX "touchpoints_refused_idx" ON "touchpoints" USING btree ("tenant_id","form_id","occurred_at") WHERE outcome = 'refused';