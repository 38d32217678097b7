CREATE TABLE "pipeline_stages" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"counts_as_qualified" boolean DEFAULT false NOT NULL,
	"stall_days" integer,
	"entry_criteria" text,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "revenue_events" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"lead_id" text NOT NULL,
	"kind" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"external_id" text,
	"origin" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "source_score_schedule" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"next_at" timestamp with time zone NOT NULL,
	"computed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "source_scores" (
	"tenant_id" text NOT NULL,
	"dimension" text NOT NULL,
	"key" text NOT NULL,
	"currency" text,
	"leads" integer NOT NULL,
	"net_minor" bigint NOT NULL,
	"score" double precision NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "source_scores_tenant_id_dimension_key_pk" PRIMARY KEY("tenant_id","dimension","key")
);
--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "stage_entered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "stall_check_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "stalled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "pipeline_stages" ADD CONSTRAINT "pipeline_stages_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revenue_events" ADD CONSTRAINT "revenue_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revenue_events" ADD CONSTRAINT "revenue_events_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_score_schedule" ADD CONSTRAINT "source_score_schedule_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_scores" ADD CONSTRAINT "source_scores_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pipeline_stages_tenant_key_idx" ON "pipeline_stages" USING btree ("tenant_id","key");--> statement-breakpoint
CREATE INDEX "revenue_events_lead_idx" ON "revenue_events" USING btree ("tenant_id","lead_id");--> statement-breakpoint
CREATE UNIQUE INDEX "revenue_events_external_idx" ON "revenue_events" USING btree ("tenant_id","external_id");--> statement-breakpoint
CREATE INDEX "source_score_schedule_next_idx" ON "source_score_schedule" USING btree ("next_at");--> statement-breakpoint
CREATE INDEX "leads_stall_check_idx" ON "leads" USING btree ("stall_check_at") WHERE stall_check_at IS NOT NULL;--> statement-breakpoint
-- hand-written: (1) money. Until now `won` stored every amount × 100; currencies whose ISO 4217
-- exponent is not 2 get their own minor units (JPY 1500 was stored 150000, is now 1500).
UPDATE "leads" SET "won_amount_minor" = CASE
    WHEN "currency" IN ('BIF','CLP','DJF','GNF','ISK','JPY','KMF','KRW','PYG','RWF','UGX','UYI','VND','VUV','XAF','XOF','XPF')
      THEN round("won_amount_minor" / 100.0)::bigint
    WHEN "currency" IN ('BHD','IQD','JOD','KWD','LYD','OMR','TND') THEN "won_amount_minor" * 10
    ELSE "won_amount_minor" * 100
  END
  WHERE "won_amount_minor" IS NOT NULL AND "currency" IN ('BIF','CLP','DJF','GNF','ISK','JPY','KMF','KRW','PYG','RWF','UGX','UYI',
    'VND','VUV','XAF','XOF','XPF','BHD','IQD','JOD','KWD','LYD','OMR','TND','CLF','UYW');--> statement-breakpoint
-- (2) ids as the app makes them (prefix + ULID: 48-bit ms time, 80 random bits, Crockford base32), for the rows below.
CREATE FUNCTION pg_temp.inlet_id(prefix text, at timestamptz) RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT prefix || '_'
    || (SELECT string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ',
          ((floor(extract(epoch FROM at) * 1000)::bigint >> (5 * (9 - i))) & 31)::int + 1, 1), '' ORDER BY i)
        FROM generate_series(0, 9) i)
    || (SELECT string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', floor(random() * 32)::int + 1, 1), '')
        FROM generate_series(1, 16))
$$;--> statement-breakpoint
-- (3) every workspace starts with the default pipeline (api/src/domain/pipeline.ts DEFAULT_PIPELINE) …
INSERT INTO "pipeline_stages" ("id", "tenant_id", "key", "name", "kind", "counts_as_qualified", "stall_days", "entry_criteria", "position")
  SELECT pg_temp.inlet_id('stg', now()), t."id", d.key, d.name, d.kind, d.qualified, d.stall, d.criteria, d.pos
  FROM "tenants" t CROSS JOIN (VALUES
    ('new', 'New', 'open', false, NULL::int, 'A lead that has not been qualified yet.', 0),
    ('qualified', 'Qualified', 'open', true, 14, 'Need, budget and a decision maker confirmed.', 1),
    ('proposal', 'Proposal', 'open', true, 14, 'A proposal or quote has been sent.', 2),
    ('won', 'Won', 'won', true, NULL::int, 'The customer signed or paid.', 3),
    ('lost', 'Lost', 'lost', false, NULL::int, NULL, 4)
  ) AS d(key, name, kind, qualified, stall, criteria, pos);--> statement-breakpoint
-- … and the free-text stages already recorded (on leads, or named by SLA pauseStages) become open stages with those keys.
INSERT INTO "pipeline_stages" ("id", "tenant_id", "key", "name", "kind", "position")
  SELECT pg_temp.inlet_id('stg', now()), s.tenant_id, s.key, s.key, 'open', 4 + row_number() OVER (PARTITION BY s.tenant_id ORDER BY s.key)
  FROM (
    SELECT DISTINCT "tenant_id", "stage" AS key FROM "leads" WHERE "stage" IS NOT NULL
    UNION SELECT "tenant_id", jsonb_array_elements_text("pause_stages") FROM "sla_policies"
  ) s
  WHERE NOT EXISTS (SELECT 1 FROM "pipeline_stages" p WHERE p."tenant_id" = s.tenant_id AND p."key" = s.key);--> statement-breakpoint
-- Won and lost stay at the end, after them.
UPDATE "pipeline_stages" p SET "position" = m.last + CASE p."key" WHEN 'won' THEN 1 ELSE 2 END
  FROM (SELECT "tenant_id", max("position") AS last FROM "pipeline_stages" GROUP BY "tenant_id") m
  WHERE p."tenant_id" = m."tenant_id" AND p."key" IN ('won', 'lost') AND m.last > 4;--> statement-breakpoint
-- (4) leads without a stage take the one their status says; each stay starts at its last recorded move.
UPDATE "leads" SET "stage" = CASE "status" WHEN 'won' THEN 'won' WHEN 'churned' THEN 'won' WHEN 'lost' THEN 'lost' ELSE 'new' END
  WHERE "stage" IS NULL AND "status" <> 'spam';--> statement-breakpoint
UPDATE "leads" l SET "stage_entered_at" = coalesce(
    (SELECT max(e."occurred_at") FROM "lead_events" e
      WHERE e."tenant_id" = l."tenant_id" AND e."lead_id" = l."id" AND e."type" = 'lead.stage_changed'),
    l."created_at")
  WHERE l."stage" IS NOT NULL;--> statement-breakpoint
UPDATE "leads" l SET "stall_check_at" = l."stage_entered_at" + make_interval(days => p."stall_days")
  FROM "pipeline_stages" p
  WHERE p."tenant_id" = l."tenant_id" AND p."key" = l."stage" AND p."kind" = 'open' AND p."stall_days" IS NOT NULL
    AND l."status" IN ('open', 'waitlisted');--> statement-breakpoint
-- (5) the money ledger starts with the deals already won, and the revenue of customers already churned.
INSERT INTO "revenue_events" ("id", "tenant_id", "lead_id", "kind", "amount_minor", "currency", "occurred_at", "origin")
  SELECT pg_temp.inlet_id('rev', coalesce("closed_at", "updated_at")), "tenant_id", "id", 'deal', "won_amount_minor", "currency",
    coalesce("closed_at", "updated_at"), 'lead_event'
  FROM "leads" WHERE "won_amount_minor" IS NOT NULL AND "currency" IS NOT NULL;--> statement-breakpoint
INSERT INTO "revenue_events" ("id", "tenant_id", "lead_id", "kind", "amount_minor", "currency", "occurred_at", "origin")
  SELECT pg_temp.inlet_id('rev', l."updated_at"), l."tenant_id", l."id", 'churn', l."won_amount_minor", l."currency",
    coalesce((SELECT max(e."occurred_at") FROM "lead_events" e
      WHERE e."tenant_id" = l."tenant_id" AND e."lead_id" = l."id" AND e."type" = 'lead.churned'), l."updated_at"), 'lead_event'
  FROM "leads" l WHERE l."status" = 'churned' AND l."won_amount_minor" IS NOT NULL AND l."currency" IS NOT NULL;
