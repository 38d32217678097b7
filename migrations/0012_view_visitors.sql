CREATE TABLE "form_view_visitors" (
	"tenant_id" text NOT NULL,
	"form_id" text NOT NULL,
	"day" text NOT NULL,
	"visitor" text NOT NULL,
	CONSTRAINT "form_view_visitors_form_id_day_visitor_pk" PRIMARY KEY("form_id","day","visitor")
);
--> statement-breakpoint
ALTER TABLE "form_view_visitors" ADD CONSTRAINT "form_view_visitors_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;